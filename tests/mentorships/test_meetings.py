from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.models import MeetingStatus, Stage
from mentora.mentorships.services.closure import leave_mentorship
from mentora.mentorships.services.meetings import (
    cancel_meeting,
    record_meeting_outcome,
    reschedule_meeting,
)
from tests.factories import make_goal, make_meeting, make_pair, sign_by_all


def test_rescheduling_bumps_the_calendar_sequence(programme):
    mentorship, mentor, _mentee = make_pair(programme)
    meeting = make_meeting(mentorship)
    later = meeting.starts_at + timedelta(days=1)
    reschedule_meeting(meeting=meeting, actor=mentor.user, starts_at=later)
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.sequence) == (later, 1)


def test_a_cancelled_meeting_stays_listed_as_cancelled(programme):
    mentorship, mentor, _mentee = make_pair(programme)
    meeting = cancel_meeting(meeting=make_meeting(mentorship), actor=mentor.user)
    assert meeting.status == MeetingStatus.CANCELLED
    assert mentorship.meetings.count() == 1


def test_the_outcome_of_a_future_meeting_cannot_be_recorded(programme):
    mentorship, mentor, _mentee = make_pair(programme)
    with pytest.raises(MentorshipError):
        record_meeting_outcome(meeting=make_meeting(mentorship), actor=mentor.user, status="held")


def test_a_held_meeting_and_a_goal_move_a_signed_relationship_to_learning(programme):
    mentorship, mentor, mentee = make_pair(programme)
    sign_by_all(mentorship)
    make_goal(mentorship, mentee)
    meeting = make_meeting(mentorship, starts_at=timezone.now() - timedelta(hours=2))
    record_meeting_outcome(meeting=meeting, actor=mentor.user, status="held")
    mentorship.refresh_from_db()
    assert mentorship.stage == Stage.LEARNING


def test_the_duration_defaults_to_the_programme_session_length(client, programme):
    programme.session_minutes = 45
    programme.save()
    mentorship, mentor, _mentee = make_pair(programme)
    client.force_login(mentor.user)
    response = client.get(reverse("mentorships:meeting_create", args=[mentorship.pk]))
    assert response.context["form"].initial["duration_minutes"] == 45


@time_machine.travel(datetime(2027, 2, 1, 9, tzinfo=UTC), tick=False)
def test_a_monthly_series_runs_until_the_programme_ends(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)  # programme ends 2027-12-31
    client.force_login(mentor.user)
    client.post(
        reverse("mentorships:meeting_create", args=[mentorship.pk]),
        {
            "date": "2027-02-10",
            "time": "12:30",
            "time_zone": "Europe/Paris",
            "duration_minutes": "60",
            "repeats": "monthly",
            "until": "2027-12-31",
        },
    )
    starts = [m.local_start for m in mentorship.meetings.all()]
    assert len(starts) == 11
    # 10 February 2027 is the second Wednesday: every meeting is a second Wednesday.
    assert {(s.hour, s.minute, s.weekday(), (s.day - 1) // 7) for s in starts} == {(12, 30, 2, 1)}


def test_a_monthly_series_from_a_last_week_keeps_to_the_last_weekday_of_every_month():
    from zoneinfo import ZoneInfo

    from mentora.mentorships.recurrence import occurrences

    paris = ZoneInfo("Europe/Paris")
    # Friday 29 January 2027, the last Friday of the month (its fifth).
    starts = occurrences(datetime(2027, 1, 29, 9, tzinfo=paris), "monthly", datetime(2027, 6, 30))
    assert [s.date().isoformat() for s in starts] == [
        "2027-01-29",
        "2027-02-26",
        "2027-03-26",
        "2027-04-30",
        "2027-05-28",
        "2027-06-25",
    ]
    assert all(s.weekday() == 4 for s in starts)


@time_machine.travel(datetime(2027, 2, 1, 9, tzinfo=UTC), tick=False)
def test_a_member_marks_a_past_meeting_held(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    meeting = make_meeting(mentorship, starts_at=timezone.now() - timedelta(days=1))
    client.force_login(mentor.user)
    client.post(
        reverse("mentorships:meeting_status", args=[mentorship.pk, meeting.pk]), {"status": "held"}
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


@time_machine.travel(datetime(2027, 2, 1, 9, tzinfo=UTC), tick=False)
def test_a_local_time_skipped_when_the_clocks_go_forward_is_refused(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    client.force_login(mentor.user)
    response = client.post(
        reverse("mentorships:meeting_create", args=[mentorship.pk]),
        {
            "date": "2027-03-28",  # Paris clocks jump from 02:00 to 03:00
            "time": "02:30",
            "time_zone": "Europe/Paris",
            "duration_minutes": "60",
        },
    )
    assert response.status_code == 200
    assert "time" in response.context["form"].errors
    assert not mentorship.meetings.exists()


@time_machine.travel(datetime(2027, 2, 1, 9, tzinfo=UTC), tick=False)
def test_a_series_longer_than_the_limit_is_refused_rather_than_cut_short(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    client.force_login(mentor.user)
    response = client.post(
        reverse("mentorships:meeting_create", args=[mentorship.pk]),
        {
            "date": "2027-02-10",
            "time": "12:30",
            "time_zone": "Europe/Paris",
            "duration_minutes": "60",
            "repeats": "weekly",
            "until": "2030-12-31",
        },
    )
    assert response.status_code == 200
    assert "at most 120 meetings" in " ".join(response.context["form"].non_field_errors())
    assert not mentorship.meetings.exists()
    assert not mentorship.series.exists()


@time_machine.travel(datetime(2027, 2, 1, 9, tzinfo=UTC), tick=False)
def test_a_member_marks_a_past_meeting_missed(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    meeting = make_meeting(mentorship, starts_at=timezone.now() - timedelta(days=1))
    client.force_login(mentor.user)
    client.post(
        reverse("mentorships:meeting_status", args=[mentorship.pk, meeting.pk]),
        {"status": "missed"},
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MISSED


def test_meetings_cancelled_by_an_exit_are_sent_again_to_calendars(programme):
    mentorship, _mentor, mentee = make_pair(programme)
    meeting = make_meeting(mentorship)
    leave_mentorship(participant=mentorship.participants.get(membership=mentee), reason="fit")
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (MeetingStatus.CANCELLED, 1)


@time_machine.travel(datetime(2027, 2, 1, 9, tzinfo=UTC), tick=False)
def test_a_meeting_planned_with_a_place_a_link_and_an_agenda_keeps_them(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    client.force_login(mentor.user)
    response = client.post(
        reverse("mentorships:meeting_create", args=[mentorship.pk]),
        {
            "date": "2027-02-10",
            "time": "12:30",
            "time_zone": "America/Montreal",
            "duration_minutes": "45",
            "location": "Café Olimpico",
            "video_url": "https://meet.example.com/abc",
            "agenda": "Prepare the negotiation",
        },
        follow=True,
    )
    meeting = mentorship.meetings.get()
    assert (meeting.local_start.hour, meeting.time_zone, meeting.duration_minutes) == (
        12,
        "America/Montreal",
        45,
    )
    page = response.content.decode()
    for text in ("Café Olimpico", "https://meet.example.com/abc", "Prepare the negotiation"):
        assert text in page


@time_machine.travel(datetime(2027, 2, 1, 9, tzinfo=UTC), tick=False)
def test_a_member_reschedules_then_cancels_a_meeting(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    meeting = make_meeting(mentorship)
    client.force_login(mentor.user)
    client.post(
        reverse("mentorships:meeting_reschedule", args=[mentorship.pk, meeting.pk]),
        {
            "date": "2027-02-12",
            "time": "08:15",
            "time_zone": "Europe/Paris",
            "duration_minutes": "60",
        },
    )
    meeting.refresh_from_db()
    assert (meeting.local_start.day, meeting.local_start.hour, meeting.sequence) == (12, 8, 1)
    client.post(
        reverse("mentorships:meeting_status", args=[mentorship.pk, meeting.pk]),
        {"status": "cancelled"},
    )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (MeetingStatus.CANCELLED, 2)


def test_the_time_zone_defaults_to_the_members_profile(client, programme):
    from tests.factories import make_profile

    mentorship, mentor, _mentee = make_pair(programme)
    make_profile(mentor, time_zone="America/Montreal")
    client.force_login(mentor.user)
    response = client.get(reverse("mentorships:meeting_create", args=[mentorship.pk]))
    assert response.context["form"].initial["time_zone"] == "America/Montreal"


@time_machine.travel(datetime(2027, 2, 1, 9, tzinfo=UTC), tick=False)
def test_a_series_of_one_meeting_says_so_in_the_singular(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    client.force_login(mentor.user)
    response = client.post(
        reverse("mentorships:meeting_create", args=[mentorship.pk]),
        {
            "date": "2027-02-10",
            "time": "12:30",
            "time_zone": "Europe/Paris",
            "duration_minutes": "60",
            "repeats": "monthly",
            "until": "2027-02-20",
        },
        follow=True,
    )
    assert "1 meeting was planned." in response.content.decode()


def test_the_series_export_reads_naturally_in_english(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    client.force_login(mentor.user)
    client.post(
        reverse("mentorships:meeting_create", args=[mentorship.pk]),
        {
            "date": "2027-02-10",
            "time": "12:30",
            "time_zone": "Europe/Paris",
            "duration_minutes": "60",
            "repeats": "monthly",
            "until": "2027-06-30",
        },
    )
    page = client.get(reverse("mentorships:meetings", args=[mentorship.pk])).content.decode()
    assert "Add the series to a calendar (monthly, .ics)" in page
