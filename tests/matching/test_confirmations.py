"""Irreversible steps ask first, saying what will happen (mentora.js reads data-confirm)."""

from __future__ import annotations

import html as html_lib
import re

from mentora.matching.models import MatchingSettings, MentorResponse
from mentora.matching.selectors.runs import default_parameters
from mentora.matching.services.publication import publish_run
from tests.factories import make_matching_programme


def _confirm_of(html, action):
    """The data-confirm question of the form posting to `action`."""
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>', html)
    assert form, f"no form posts to {action}"
    question = re.search(r'data-confirm="([^"]*)"', form.group(0))
    return html_lib.unescape(question.group(1)) if question else None


def _review(client, programme, run):
    return client.get(f"/matching/programmes/{programme.pk}/runs/{run.pk}/").content.decode()


def test_publishing_asks_how_many_pairs_and_people_are_notified(
    client, scenario, run_now, coordinator
):
    programme, _people = scenario
    run = run_now(programme)
    client.force_login(coordinator.user)
    html = _review(client, programme, run)
    assert _confirm_of(html, f"/matching/programmes/{programme.pk}/runs/{run.pk}/publish/") == (
        "Publish 3 pairs? 5 people will be notified by e-mail."
    )


def test_publishing_asks_in_french(client, scenario, run_now, coordinator):
    programme, _people = scenario
    run = run_now(programme)
    coordinator.user.language = "fr"
    coordinator.user.save()
    client.force_login(coordinator.user)
    html = _review(client, programme, run)
    assert _confirm_of(html, f"/matching/programmes/{programme.pk}/runs/{run.pk}/publish/") == (
        "Publier 3 binômes\u00a0? 5 personnes seront prévenues par e-mail."
    )


def test_publishing_a_hybrid_run_says_mentees_will_be_asked_to_confirm(
    client, organisation, coordinator, run_now
):
    programme, _people = make_matching_programme(organisation, coordinator, matching_mode="hybrid")
    run = run_now(programme)
    client.force_login(coordinator.user)
    html = _review(client, programme, run)
    assert _confirm_of(html, f"/matching/programmes/{programme.pk}/runs/{run.pk}/publish/") == (
        "Propose a mentor to 3 mentees? They will be notified by e-mail and asked to confirm."
    )


def test_declining_a_match_asks_first_and_accepting_does_not(
    client, scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, people = scenario
    MatchingSettings.objects.update_or_create(
        programme=programme,
        defaults={"mentor_acceptance": True, "parameters": default_parameters(programme)},
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish_run(run=run_now(programme), actor=coordinator.user)
    response = MentorResponse.objects.get(proposal__mentee=people["xl"])
    client.force_login(people["excel"].user)
    html = client.get("/matching/me/").content.decode()
    action = f"/matching/responses/{response.pk}/"
    forms = re.findall(rf'<form[^>]*action="{re.escape(action)}"[^>]*>.*?</form>', html, re.S)
    decline = next(f for f in forms if 'value="decline"' in f)
    accept = next(f for f in forms if 'value="accept"' in f)
    assert decline != accept
    assert "data-confirm" not in accept
    assert _confirm_of(decline, action) == (
        "Decline mentoring Xavier Xl? The match ends now and cannot be restored; "
        "Xavier Xl will be told and matched with someone else."
    )
