"""The people picker field: it takes only people on offer, whatever the browser posts, and
without JavaScript it takes their e-mail addresses instead."""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils import translation

from mentora.accounts.models import Membership
from mentora.core.fields import PeoplePickerField
from mentora.profiles.people import colleagues
from tests.factories import make_member


class PickForm(forms.Form):
    people = PeoplePickerField(
        label="People", queryset=Membership.objects.none(), source="colleagues", required=False
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].offer(colleagues(viewer).order_by("user__last_name"))


def _form(viewer, **data):
    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, [str(v) for v in (values if isinstance(values, list) else [values])])
    return PickForm(query, viewer=viewer)


def test_it_takes_a_colleague_on_offer(member, coordinator):
    form = _form(member, people=[coordinator.pk])
    assert form.is_valid()
    assert list(form.cleaned_data["people"]) == [coordinator]


def test_it_refuses_someone_not_on_offer(member):
    form = _form(member, people=[member.pk])  # oneself: not a colleague
    assert not form.is_valid()
    assert form.errors["people"] == [
        "Someone on this list cannot be chosen here, so they were taken off it. "
        "Check the list and send it again."
    ]


def test_it_refuses_someone_of_another_organisation(member, outsider):
    form = _form(member, people=[outsider.pk])
    assert not form.is_valid()
    assert "cannot be chosen here" in form.errors["people"][0]


def test_the_refusal_reads_in_french(member, outsider):
    with translation.override("fr"):
        form = _form(member, people=[outsider.pk])
        assert not form.is_valid()
        assert form.errors["people"] == [
            "Une personne de cette liste ne peut pas être choisie ici : elle en a été retirée. "
            "Vérifiez la liste et envoyez-la de nouveau."
        ]


def test_it_never_names_someone_not_on_offer(member, outsider, coordinator):
    form = _form(member, people=[outsider.pk, coordinator.pk])
    html = str(form["people"])
    assert coordinator.user.get_full_name() in html
    assert outsider.user.get_full_name() not in html


def test_it_takes_e_mail_addresses_typed_without_javascript(member, coordinator, sponsor):
    typed = f"{coordinator.user.email.upper()}, {sponsor.user.email}"
    form = _form(member, people_emails=typed)
    assert form.is_valid()
    assert set(form.cleaned_data["people"]) == {coordinator, sponsor}


def test_an_address_of_nobody_on_offer_is_refused(member, outsider):
    form = _form(member, people_emails=f"{outsider.user.email} ghost@example.com")
    assert not form.is_valid()
    assert form.errors["people"] == [
        "Nobody you can choose here has these e-mail addresses: "
        f"ghost@example.com, {outsider.user.email}."
    ]


def test_a_word_that_is_no_address_is_refused(member):
    form = _form(member, people_emails="Chloé")
    assert not form.is_valid()
    assert form.errors["people"] == ["“Chloé” is not an e-mail address."]


def test_the_addresses_typed_stay_in_the_box_after_an_error(member):
    form = _form(member, people_emails="ghost@example.com")
    form.is_valid()
    assert 'value="ghost@example.com"' in str(form["people"])


def test_it_renders_the_people_chosen_and_nobody_else(member, organisation, coordinator):
    make_member(organisation, first_name="Unchosen")
    html = str(_form(member, people=[coordinator.pk])["people"])
    assert f'type="checkbox" name="people" value="{coordinator.pk}" checked' in html
    assert "Unchosen" not in html
    assert "<option" not in html
