"""Meetings held and planned (MEASURE.md): planned = scheduled and not cancelled, held or not;
held = marked held. The coordinator's list, the relationship home and the closure agree."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse
from django.utils import timezone

from mentora.mentorships.selectors import draft_closure_summary, programme_overview
from mentora.mentorships.services.meetings import (
    cancel_meeting,
    record_meeting_outcome,
    schedule_series,
)
from tests.factories import make_meeting, make_pair, make_programme

PARIS = ZoneInfo("Europe/Paris")


def _fourteen_meetings(mentorship):
    first = timezone.localtime(timezone.now() + timedelta(days=3), PARIS)
    return schedule_series(
        mentorship=mentorship,
        first_starts_at=first,
        time_zone="Europe/Paris",
        frequency="weekly",
        duration_minutes=60,
        # The last day in the series' own time zone: near midnight, UTC is a day behind.
        until=(first + timedelta(days=13 * 7)).date(),
        actor=None,
    )


def _held_missed_cancelled_planned(mentorship, actor):
    """Four meetings: one held, one missed, one cancelled and one still to come."""
    held = make_meeting(mentorship, starts_at=timezone.now() - timedelta(days=20))
    record_meeting_outcome(meeting=held, actor=actor, status="held")
    missed = make_meeting(mentorship, starts_at=timezone.now() - timedelta(days=10))
    record_meeting_outcome(meeting=missed, actor=actor, status="missed")
    cancel_meeting(meeting=make_meeting(mentorship), actor=actor)
    make_meeting(mentorship, starts_at=timezone.now() + timedelta(days=14))


def test_the_programme_list_counts_every_scheduled_meeting_as_planned(organisation):
    # The programme has not started yet: the pair already scheduled its meetings.
    programme = make_programme(organisation, starts_on=timezone.localdate() + timedelta(days=30))
    mentorship, _mentor, _mentee = make_pair(programme)
    series = _fourteen_meetings(mentorship)
    assert series.meetings.count() == 14
    row = programme_overview(programme)[0]
    assert (row["held"], row["planned"]) == (0, 14)


def test_the_programme_list_leaves_cancelled_meetings_out_of_planned(programme):
    mentorship, mentor, _mentee = make_pair(programme)
    _held_missed_cancelled_planned(mentorship, mentor.user)
    row = programme_overview(programme)[0]
    assert (row["held"], row["planned"]) == (1, 3)


@time_machine.travel(datetime(2027, 3, 1, 9, tzinfo=UTC), tick=False)
def test_planned_does_not_depend_on_the_cadence(organisation):
    programme = make_programme(organisation, starts_on=date(2027, 1, 1), cadence="weekly")
    mentorship, mentor, _mentee = make_pair(programme)
    meeting = make_meeting(mentorship, starts_at=timezone.now() - timedelta(days=2))
    record_meeting_outcome(meeting=meeting, actor=mentor.user, status="held")
    row = programme_overview(programme)[0]
    assert (row["held"], row["planned"]) == (1, 1)


def test_the_programme_page_shows_held_over_planned(client, programme, coordinator):
    mentorship, mentor, _mentee = make_pair(programme)
    _held_missed_cancelled_planned(mentorship, mentor.user)
    client.force_login(coordinator.user)
    page = client.get(reverse("mentorships:programme", args=[programme.pk])).content.decode()
    assert "<td>1 / 3</td>" in page


def test_the_relationship_home_shows_held_and_planned(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    _held_missed_cancelled_planned(mentorship, mentor.user)
    client.force_login(mentor.user)
    response = client.get(reverse("mentorships:detail", args=[mentorship.pk]))
    figures = response.context["figures"]
    assert (figures.held, figures.planned) == (1, 3)
    assert "Meetings held: 1 (planned: 3)" in response.content.decode()


def test_the_relationship_home_counts_a_series_as_planned(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    _fourteen_meetings(mentorship)
    client.force_login(mentor.user)
    response = client.get(reverse("mentorships:detail", args=[mentorship.pk]))
    assert "Meetings held: 0 (planned: 14)" in response.content.decode()


def test_the_closure_summary_counts_held_and_planned_the_same_way(programme):
    mentorship, mentor, _mentee = make_pair(programme)
    _held_missed_cancelled_planned(mentorship, mentor.user)
    assert draft_closure_summary(mentorship).startswith("Meetings held: 1 (planned: 3)\n")


def test_the_closure_page_shows_held_and_planned(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    _held_missed_cancelled_planned(mentorship, mentor.user)
    client.force_login(mentor.user)
    response = client.get(reverse("mentorships:closure", args=[mentorship.pk]))
    figures = response.context["figures"]
    assert (figures.held, figures.planned) == (1, 3)
