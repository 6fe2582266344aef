"""Publication: relationships, notices and e-mails; mentors' answers; why we were matched."""

from __future__ import annotations

import contextlib

from django.core import mail

from mentora.matching import services
from mentora.matching.models import MatchingSettings, MentorResponse
from mentora.mentorships.models import Mentorship


def _publish(run, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.publish_run(run=run, actor=coordinator.user)


def test_publishing_creates_one_relationship_per_pair_and_notifies_both_sides(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, _people = scenario
    run = run_now(programme)
    created = _publish(run, coordinator, django_capture_on_commit_callbacks)
    assert created == 3 == Mentorship.objects.filter(programme=programme).count()
    assert len(mail.outbox) == 6


def test_a_participant_sees_why_without_any_score(
    client, scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, people = scenario
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    client.force_login(people["py"].user)
    page = client.get("/matching/me/").content.decode()
    assert "offers Python at level 5, sought at level 4" in page
    assert "Pia Python" in page
    assert "Xavier" not in page  # someone else's pair
    assert f"{run.proposals.get(mentee=people['py']).score:.2f}" not in page


def test_a_mentor_decline_frees_the_mentee_for_the_next_run(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, people = scenario
    MatchingSettings.objects.update_or_create(
        programme=programme,
        defaults={"mentor_acceptance": True, "parameters": services.default_parameters(programme)},
    )
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    response = MentorResponse.objects.get(proposal__mentee=people["py"])
    services.respond_to_match(response=response, accept=False)
    again = run_now(programme)
    assert list(again.proposals.values_list("mentee_id", "mentor_id")) == [
        (people["py"].pk, people["excel"].pk)
    ]


def test_a_late_answer_is_refused(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    import time_machine

    programme, people = scenario
    MatchingSettings.objects.update_or_create(
        programme=programme,
        defaults={"mentor_acceptance": True, "parameters": services.default_parameters(programme)},
    )
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    response = MentorResponse.objects.first()
    with (
        time_machine.travel(response.deadline.timestamp() + 60),
        contextlib.suppress(services.MatchingError),
    ):
        services.respond_to_match(response=response, accept=False)
    response.refresh_from_db()
    assert response.status == "pending"


def test_people_freed_by_a_no_fault_exit_are_matched_again(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    from mentora.mentorships.services import leave_mentorship

    programme, people = scenario
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    mentorship = run.proposals.get(mentee=people["xl"]).mentorship
    leave_mentorship(participant=mentorship.participants.get(role="mentee"), reason="fit")
    rematch = run_now(programme)
    assert rematch.mentees_count == 1
    assert rematch.proposals.get().mentee_id == people["xl"].pk


def test_a_large_run_is_published_by_a_task(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    programme, _people = scenario
    monkeypatch.setattr(services, "INLINE_PUBLISH_LIMIT", 1)
    run = run_now(programme)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_publication(run=run, actor=coordinator.user)
    run.refresh_from_db()
    assert run.published_at is not None
    assert (run.publish_status, Mentorship.objects.filter(programme=programme).count()) == ("", 3)


def test_a_failed_publication_publishes_nothing_and_keeps_the_error(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    from mentora.mentorships import services as relationships

    programme, _people = scenario
    run = run_now(programme)
    calls = []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return relationships.create_mentorship(**kwargs)

    monkeypatch.setattr(services, "create_mentorship", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_publication(run=run, actor=coordinator.user)
    run.refresh_from_db()
    assert (run.publish_status, run.published_at) == ("failed", None)
    assert "disk full" in run.publish_error
    assert not Mentorship.objects.filter(programme=programme).exists()


def test_the_matching_page_counts_who_waits_for_a_rematch(
    client, scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    from mentora.matching.selectors import waiting_count
    from mentora.mentorships.services import leave_mentorship

    programme, people = scenario
    assert waiting_count(programme) == 3
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    assert waiting_count(programme) == 0
    mentorship = run.proposals.get(mentee=people["xl"]).mentorship
    leave_mentorship(participant=mentorship.participants.get(role="mentor"), reason="availability")
    assert waiting_count(programme) == 1
