"""The relationship home: stage, next meeting, goals at a glance, activity and what to do next."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentora.mentorships.models import GoalStatus
from mentora.mentorships.services.agreement import update_agreement
from mentora.mentorships.services.goals import add_action_item, record_goal_progress
from mentora.mentorships.services.notes import add_meeting_note
from tests.factories import make_goal, make_meeting, make_pair, sign_by_all


def _home(client, mentorship, person):
    client.force_login(person.user)
    return client.get(reverse("mentorships:detail", args=[mentorship.pk]))


def _steps(response):
    return [str(step.label) for step in response.context["steps"]]


def test_a_new_relationship_asks_to_sign_plan_and_set_a_goal(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    assert _steps(_home(client, mentorship, mentor)) == [
        "Sign your mentoring agreement",
        "Schedule your first meeting",
        "Set your first SMART goal",
    ]


def test_once_signed_the_agreement_is_no_longer_asked_for(client, programme):
    mentorship, mentor, mentee = make_pair(programme)
    sign_by_all(mentorship)
    make_goal(mentorship, mentee)
    make_meeting(mentorship)
    assert _steps(_home(client, mentorship, mentor)) == []


def test_a_changed_agreement_asks_to_sign_the_new_version(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    sign_by_all(mentorship)
    update_agreement(agreement=mentorship.agreement, actor=mentor.user, duration="1y")
    assert "Sign the new version of your agreement" in _steps(_home(client, mentorship, mentor))


def test_a_past_meeting_asks_for_its_outcome(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    meeting = make_meeting(mentorship, starts_at=timezone.now() - timedelta(days=1))
    response = _home(client, mentorship, mentor)
    step = next(s for s in response.context["steps"] if "outcome" in str(s.label))
    assert str(step.label).startswith("Record the outcome of the meeting of")
    assert step.url == meeting.get_absolute_url()
    assert "Schedule your next meeting" in _steps(response)


def test_the_home_shows_the_next_meeting_goals_and_recent_activity(client, programme):
    mentorship, mentor, mentee = make_pair(programme)
    sign_by_all(mentorship)
    make_meeting(mentorship, starts_at=timezone.now() + timedelta(days=9))
    soon = make_meeting(mentorship, starts_at=timezone.now() + timedelta(days=2))
    goal = make_goal(mentorship, mentee, title="Lead a workshop")
    record_goal_progress(goal=goal, actor=mentee.user, status=GoalStatus.ON_TRACK, progress=40)
    response = _home(client, mentorship, mentor)
    assert response.context["next_meeting"] == soon
    assert response.context["goal_counts"][GoalStatus.ON_TRACK] == 1
    assert "Lead a workshop: on track, 40%" in [e["text"] for e in response.context["activity"]]
    assert "Lead a workshop" in response.content.decode()


def test_the_home_runs_a_bounded_number_of_queries(client, programme):
    mentorship, mentor, mentee = make_pair(programme)

    def add(n):
        goal = make_goal(mentorship, mentee, title=f"Goal {n}")
        add_action_item(goal=goal, title="Step", owner=mentee)
        past = make_meeting(mentorship, starts_at=timezone.now() - timedelta(days=n + 1))
        add_meeting_note(meeting=past, author=mentee, body="Notes")
        make_meeting(mentorship)

    add(0)
    _home(client, mentorship, mentor)
    with CaptureQueriesContext(connection) as few:
        _home(client, mentorship, mentor)
    for n in range(1, 6):
        add(n)
    with CaptureQueriesContext(connection) as many:
        _home(client, mentorship, mentor)
    assert len(many) == len(few)


def test_when_the_programme_ends_the_home_asks_to_open_the_closure(client, programme):
    mentorship, mentor, mentee = make_pair(programme)
    sign_by_all(mentorship)
    make_goal(mentorship, mentee)
    programme.status = "closing"
    programme.save()
    response = _home(client, mentorship, mentor)
    step = response.context["steps"][-1]
    assert str(step.label) == "The programme is ending: open the closure of your relationship"
    assert step.url == reverse("mentorships:closure", args=[mentorship.pk])
