"""Preferences on the apply page go through the people picker, with or without JavaScript."""

from __future__ import annotations

from django.urls import reverse

from mentora.enrolment.models import Application
from tests.factories import make_member


def _apply(client, programme, **data):
    payload = {
        "role": "mentee",
        "goals": "Speak up in meetings",
        "department_preference": "any",
        "meeting_mode": "either",
        "language": "",
        **data,
    }
    return client.post(reverse("enrolment:apply", args=[programme.pk]), payload)


def test_without_javascript_preferences_are_named_by_email(client, member, programme):
    wished = make_member(programme.organisation, first_name="Wanda")
    client.force_login(member.user)
    _apply(client, programme, preferred_people_emails=wished.user.email)
    assert list(Application.objects.get().preferred_people.all()) == [wished]


def test_a_person_of_another_organisation_is_refused(client, member, outsider, programme):
    client.force_login(member.user)
    response = _apply(client, programme, avoided_people=[outsider.pk])
    assert "cannot be chosen here" in response.content.decode()
    assert outsider.user.get_full_name() not in response.content.decode()
    assert not Application.objects.exists()


def test_the_page_offers_a_search_not_a_list_of_everyone(client, member, programme):
    make_member(programme.organisation, first_name="Everybody")
    client.force_login(member.user)
    content = client.get(reverse("enrolment:apply", args=[programme.pk])).content.decode()
    assert "Everybody" not in content
    assert reverse("profiles:people_search") + "?source=colleagues" in content
