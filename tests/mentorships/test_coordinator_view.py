from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentora.mentorships.models import GoalStatus
from mentora.mentorships.selectors import programme_overview
from mentora.mentorships.services.goals import record_goal_progress
from mentora.mentorships.services.meetings import record_meeting_outcome
from tests.factories import make_goal, make_meeting, make_pair, make_programme

# Meetings held and planned: see test_meeting_counts.py.


def test_goals_are_counted_by_status(programme):
    mentorship, _mentor, mentee = make_pair(programme)
    make_goal(mentorship, mentee)
    goal = make_goal(mentorship, mentee)
    record_goal_progress(goal=goal, actor=mentee.user, status=GoalStatus.ACHIEVED, progress=100)
    goals = programme_overview(programme)[0]["goals"]
    assert (goals["not_started"], goals["achieved"], goals["on_track"]) == (1, 1, 0)


def test_the_overview_runs_a_bounded_number_of_queries(client, programme, coordinator):
    client.force_login(coordinator.user)
    url = reverse("mentorships:programme", args=[programme.pk])
    make_pair(programme)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        mentorship, _mentor, mentee = make_pair(programme)
        make_goal(mentorship, mentee)
        make_meeting(mentorship)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


@time_machine.travel(datetime(2027, 3, 1, 9, tzinfo=UTC), tick=False)
def test_the_last_meeting_is_the_last_one_held(organisation):
    programme = make_programme(organisation, starts_on=date(2027, 1, 1))
    mentorship, mentor, _mentee = make_pair(programme)
    held = make_meeting(mentorship, starts_at=timezone.now() - timedelta(days=9))
    record_meeting_outcome(meeting=held, actor=mentor.user, status="held")
    missed = make_meeting(mentorship, starts_at=timezone.now() - timedelta(days=2))
    record_meeting_outcome(meeting=missed, actor=mentor.user, status="missed")
    make_meeting(mentorship)  # still to come
    row = programme_overview(programme)[0]
    assert row["mentorship"].last_meeting == held.starts_at
    assert row["mentorship"].stage == "establish"


def _in_french(membership):
    membership.user.language = "fr"
    membership.user.save(update_fields=["language"])


def test_goal_counts_agree_in_number_on_the_relationships_page(client, programme, coordinator):
    mentorship, _mentor, mentee = make_pair(programme)
    make_goal(mentorship, mentee)
    for _ in range(2):
        goal = make_goal(mentorship, mentee)
        record_goal_progress(goal=goal, actor=mentee.user, status=GoalStatus.ACHIEVED, progress=100)
    _in_french(coordinator)
    client.force_login(coordinator.user)
    page = client.get(reverse("mentorships:programme", args=[programme.pk])).content.decode()
    assert "2 atteints" in page
    assert "1 non commencé<" in page
