"""A reason naming a skill names it in the reader's language, whatever the run stored."""

from __future__ import annotations

import pytest
from django.utils import translation

from mentora.matching.reasons import render_reasons, skills_by_name
from mentora.matching.services.publication import publish_run
from tests.factories import make_participant, make_programme, make_skill

STORED = [{"key": "skill_fit", "params": {"skill": "Négociation", "offered": 5, "sought": 4}}]


@pytest.fixture
def negotiation_programme(organisation, coordinator):
    """A French organisation's programme: one mentor offers what one mentee seeks."""
    organisation.default_language = "fr"
    organisation.save(update_fields=["default_language"])
    make_skill(organisation, name="Négociation", name_translations={"en": "Negotiation"})
    programme = make_programme(organisation, status="matching")
    programme.coordinators.add(coordinator.user)
    make_participant(programme, "mentor", level=5, offered={"Négociation": 5}, first_name="Nora")
    mentee = make_participant(programme, "mentee", level=1, sought={"Négociation": 4})
    return programme, mentee


def _read_as(client, membership, language, url):
    membership.user.language = language
    membership.user.save(update_fields=["language"])
    client.force_login(membership.user)
    return client.get(url).content.decode()


def test_the_run_review_names_the_skill_in_english_for_an_english_coordinator(
    client, negotiation_programme, run_now, coordinator
):
    programme, _mentee = negotiation_programme
    run = run_now(programme)
    url = f"/matching/programmes/{programme.pk}/runs/{run.pk}/"
    html = _read_as(client, coordinator, "en", url)
    assert "offers Negotiation at level 5, sought at level 4" in html


def test_the_run_review_names_the_skill_in_french_for_a_french_coordinator(
    client, negotiation_programme, run_now, coordinator
):
    programme, _mentee = negotiation_programme
    run = run_now(programme)
    url = f"/matching/programmes/{programme.pk}/runs/{run.pk}/"
    html = _read_as(client, coordinator, "fr", url)
    assert "Négociation" in html and "Negotiation" not in html


def test_why_you_were_matched_names_the_skill_in_the_participants_language(
    client, negotiation_programme, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, mentee = negotiation_programme
    run = run_now(programme)
    with django_capture_on_commit_callbacks(execute=True):
        publish_run(run=run, actor=coordinator.user)
    html = _read_as(client, mentee, "en", "/matching/me/")
    assert "offers Negotiation at level 5, sought at level 4" in html


def test_a_skill_named_in_english_since_the_run_shows_in_english(negotiation_programme):
    programme, _mentee = negotiation_programme
    with translation.override("en"):
        assert render_reasons(STORED, skills_by_name(programme)) == [
            "offers Negotiation at level 5, sought at level 4"
        ]


def test_a_skill_gone_from_the_taxonomy_keeps_its_stored_name(negotiation_programme):
    programme, _mentee = negotiation_programme
    stored = [{"key": "skill_fit", "params": {"skill": "Kintsugi", "offered": 3, "sought": 2}}]
    with translation.override("en"):
        assert render_reasons(stored, skills_by_name(programme)) == [
            "offers Kintsugi at level 3, sought at level 2"
        ]
