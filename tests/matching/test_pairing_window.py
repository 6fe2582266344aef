"""Who a run pairs, and when: people whose relationship ran its course are done; pairing
happens while the programme enrols, matches or runs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.matching.errors import MatchingError
from mentora.matching.selectors.places import waiting_count
from mentora.matching.services.publication import publish_run
from mentora.matching.services.runs import start_run
from mentora.mentorships.models import EndReason, Stage


def _publish(run, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return publish_run(run=run, actor=coordinator.user)


def _end(mentorship, reason):
    mentorship.stage, mentorship.end_reason = Stage.CLOSED, reason
    mentorship.save(update_fields=["stage", "end_reason"])


def test_a_mentee_whose_relationship_ran_its_course_is_neither_waiting_nor_matched_again(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, people = scenario
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    _end(run.proposals.get(mentee=people["xl"]).mentorship, EndReason.COMPLETED)
    assert waiting_count(programme) == 0
    assert run_now(programme).mentees_count == 0


def test_a_mentee_whose_relationship_ended_early_waits_for_a_rematch(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, people = scenario
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    _end(run.proposals.get(mentee=people["xl"]).mentorship, EndReason.EXIT)
    assert waiting_count(programme) == 1
    assert run_now(programme).proposals.get().mentee_id == people["xl"].pk


@pytest.mark.parametrize("status", ["draft", "closing", "closed"])
def test_no_run_starts_outside_the_pairing_window(scenario, coordinator, status):
    programme, _people = scenario
    programme.status = status
    programme.save(update_fields=["status"])
    with pytest.raises(MatchingError, match="enrolling, matching or running"):
        start_run(programme=programme, actor=coordinator.user)


def test_a_run_made_before_the_programme_closed_cannot_be_published(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, _people = scenario
    run = run_now(programme)
    programme.status = "closing"
    programme.save(update_fields=["status"])
    with pytest.raises(MatchingError, match="current status: closing"):
        _publish(run, coordinator, django_capture_on_commit_callbacks)


def test_the_matching_page_of_a_closing_programme_says_why_it_offers_no_run(
    client, scenario, coordinator
):
    programme, _people = scenario
    programme.status = "closing"
    programme.save(update_fields=["status"])
    client.force_login(coordinator.user)
    page = client.get(reverse("matching:home", args=[programme.pk])).content.decode()
    assert "current status: closing" in page
    assert reverse("matching:start", args=[programme.pk]) not in page


def test_the_matching_page_counts_every_run_not_only_the_recent_ones(client, scenario, coordinator):
    from mentora.matching.models import MatchingRun

    programme, _people = scenario
    MatchingRun.objects.bulk_create(
        [MatchingRun(programme=programme, number=n, parameters={}) for n in range(1, 24)]
    )
    client.force_login(coordinator.user)
    response = client.get(reverse("matching:home", args=[programme.pk]))
    assert response.context["run_total"] == 23
    assert len(response.context["runs"]) == 20


def test_the_matching_counters_agree_in_number_in_french(client, scenario, coordinator):
    programme, _people = scenario
    coordinator.user.language = "fr"
    coordinator.user.save(update_fields=["language"])
    client.force_login(coordinator.user)
    page = client.get(reverse("matching:home", args=[programme.pk])).content.decode()
    assert '>0</span><span class="stat__label">exécution<' in page
