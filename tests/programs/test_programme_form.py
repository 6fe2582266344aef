from __future__ import annotations

from django.urls import reverse

from mentora.programs.models import Programme
from tests.factories import make_organisation


def _valid(**overrides):
    data = {
        "name": "Talents",
        "kind": "traditional",
        "format": "one_to_one",
        "is_formal": "on",
        "starts_on": "2027-01-10",
        "ends_on": "2027-12-10",
        "cadence": "monthly",
        "session_minutes": "60",
        "enrolment_mode": "approval",
        "matching_mode": "coordinator",
        "default_mentor_capacity": "2",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_a_draft_they_coordinate(client, coordinator):
    client.force_login(coordinator.user)
    response = client.post(reverse("programs:create"), _valid())
    programme = Programme.objects.get()
    assert response.url == programme.get_absolute_url()
    assert programme.status == "draft"
    assert list(programme.coordinators.all()) == [coordinator.user]


def test_defaults_are_a_monthly_hour(db):
    programme = Programme(name="x")
    assert (programme.cadence, programme.session_minutes) == ("monthly", 60)


def test_end_before_start_is_refused_and_nothing_is_saved(client, coordinator):
    client.force_login(coordinator.user)
    response = client.post(reverse("programs:create"), _valid(ends_on="2026-12-01"))
    assert "The end date must come after the start date." in response.content.decode()
    assert not Programme.objects.exists()


def test_error_messages_speak_french_to_french_users(client, coordinator):
    coordinator.user.language = "fr"
    coordinator.user.save()
    client.force_login(coordinator.user)
    response = client.post(reverse("programs:create"), _valid(ends_on="2026-12-01"))
    assert "La date de fin doit" in response.content.decode()


def test_enrolment_must_close_before_the_start(client, coordinator):
    client.force_login(coordinator.user)
    response = client.post(
        reverse("programs:create"),
        _valid(enrolment_opens_on="2026-12-01", enrolment_closes_on="2027-02-01"),
    )
    assert "Enrolment must close before the programme starts." in response.content.decode()


def test_group_format_needs_a_group_size(client, coordinator):
    client.force_login(coordinator.user)
    response = client.post(reverse("programs:create"), _valid(kind="group", format="group"))
    assert "Give the number of mentees per group." in response.content.decode()


def test_group_programme_with_size_is_saved(client, coordinator):
    client.force_login(coordinator.user)
    client.post(reverse("programs:create"), _valid(kind="group", format="group", group_size="5"))
    assert Programme.objects.get().group_size == 5


def test_inter_company_needs_a_partner(client, coordinator):
    client.force_login(coordinator.user)
    response = client.post(reverse("programs:create"), _valid(kind="inter_company"))
    assert "Choose at least one partner organisation" in response.content.decode()


def test_inter_company_programme_keeps_its_partner(client, coordinator):
    partner = make_organisation(name="Partner Bank")
    client.force_login(coordinator.user)
    client.post(
        reverse("programs:create"),
        _valid(kind="inter_company", partner_organisations=[partner.pk]),
    )
    assert list(Programme.objects.get().partner_organisations.all()) == [partner]


def test_coordinators_must_be_people_who_may_coordinate(client, coordinator, member):
    client.force_login(coordinator.user)
    response = client.post(reverse("programs:create"), _valid(coordinators=[member.user.pk]))
    assert response.status_code == 200
    assert not Programme.objects.exists()


def test_people_of_another_organisation_cannot_be_named_sponsors(client, coordinator, outsider):
    client.force_login(coordinator.user)
    client.post(reverse("programs:create"), _valid(sponsors=[outsider.user.pk]))
    assert not Programme.objects.exists()


def test_editing_saves_changes_and_audits_them(client, coordinator, programme):
    client.force_login(coordinator.user)
    client.post(
        reverse("programs:edit", args=[programme.pk]),
        _valid(name="Renamed", coordinators=[coordinator.user.pk]),
    )
    programme.refresh_from_db()
    assert programme.name == "Renamed"
    assert programme.organisation.audit_entries.filter(action="programme.update").exists()
