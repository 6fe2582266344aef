"""Calendar export: parsed back by icalendar and by a second parser (vobject)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
import vobject
from django.urls import reverse
from icalendar import Calendar

from mentora.mentorships.services.meetings import (
    cancel_meeting,
    ensure_calendar_feed,
    reschedule_meeting,
    reset_calendar_feed,
    schedule_series,
)
from tests.factories import make_meeting, make_pair, make_programme

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def _frozen_time():
    with time_machine.travel(datetime(2027, 3, 1, 8, tzinfo=UTC), tick=False):
        yield


def _series(mentorship, first: datetime, frequency: str, until: date | None = None):
    return schedule_series(
        mentorship=mentorship,
        first_starts_at=first,
        time_zone="Europe/Paris",
        frequency=frequency,
        duration_minutes=60,
        until=until,
        actor=None,
    )


def _vobject_starts(body: bytes) -> list[datetime]:
    event = vobject.readOne(body.decode()).vevent
    return sorted(event.getrruleset())


def test_a_meeting_exports_as_a_valid_calendar_file(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    meeting = make_meeting(mentorship, location="Room 4", agenda="Career plan")
    client.force_login(mentor.user)
    response = client.get(reverse("mentorships:meeting_ics", args=[mentorship.pk, meeting.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == meeting.starts_at
    assert str(event["location"]) == "Room 4"
    assert vobject.readOne(response.content.decode()).vevent.uid.value == meeting.uid


def test_a_weekly_series_keeps_its_local_time_across_the_spring_dst_change(programme):
    mentorship, _mentor, _mentee = make_pair(programme)
    first = datetime(2027, 3, 20, 9, 0, tzinfo=PARIS)  # DST starts on 28 March 2027
    series = _series(mentorship, first, "weekly", until=date(2027, 4, 10))
    utc_hours = [m.starts_at.astimezone(UTC).hour for m in series.meetings.all()]
    assert utc_hours == [8, 8, 7, 7]
    assert {m.local_start.hour for m in series.meetings.all()} == {9}


def test_the_exported_series_expands_to_the_stored_meetings_across_autumn_dst(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    first = datetime(2027, 10, 13, 18, 30, tzinfo=PARIS)  # DST ends on 31 October 2027
    series = _series(mentorship, first, "fortnightly", until=date(2027, 11, 30))
    client.force_login(mentor.user)
    body = client.get(reverse("mentorships:series_ics", args=[mentorship.pk, series.pk])).content
    stored = [m.starts_at for m in series.meetings.all()]
    assert _vobject_starts(body) == stored
    assert [s.astimezone(UTC).hour for s in stored] == [16, 16, 17, 17]


def test_a_series_without_an_end_date_covers_the_programme(organisation):
    programme = make_programme(organisation, starts_on=date(2027, 3, 1), ends_on=date(2027, 11, 30))
    mentorship, _mentor, _mentee = make_pair(programme)
    series = _series(mentorship, datetime(2027, 3, 15, 9, tzinfo=PARIS), "monthly")
    starts = [m.local_start for m in series.meetings.all()]
    assert (starts[0].date(), starts[-1].date(), len(starts)) == (
        date(2027, 3, 15),
        date(2027, 11, 15),
        9,
    )


def test_the_series_file_parses_with_icalendar_and_carries_its_time_zone(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    series = _series(mentorship, datetime(2027, 3, 20, 9, tzinfo=PARIS), "weekly")
    client.force_login(mentor.user)
    body = client.get(reverse("mentorships:series_ics", args=[mentorship.pk, series.pk])).content
    calendar = Calendar.from_ical(body)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    rule = calendar.walk("VEVENT")[0]["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]


def test_cancelled_and_moved_occurrences_appear_as_exceptions(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    series = _series(
        mentorship, datetime(2027, 3, 20, 9, tzinfo=PARIS), "weekly", date(2027, 4, 10)
    )
    first, second, *_rest = series.meetings.all()
    cancel_meeting(meeting=first, actor=mentor.user)
    moved = second.starts_at + timedelta(hours=2)
    reschedule_meeting(meeting=second, actor=mentor.user, starts_at=moved)
    client.force_login(mentor.user)
    body = client.get(reverse("mentorships:series_ics", args=[mentorship.pk, series.pk])).content
    events = Calendar.from_ical(body).walk("VEVENT")
    assert events[0]["EXDATE"].dts[0].dt == first.starts_at
    assert events[1].decoded("recurrence-id") == second.original_starts_at
    assert events[1].decoded("dtstart") == moved
    assert len(_vobject_starts(body)) == 3


def test_the_private_feed_lists_the_members_meetings_without_signing_in(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    make_meeting(mentorship)
    feed = ensure_calendar_feed(membership=mentor)
    response = client.get(reverse("mentorships:calendar_feed", args=[feed.token]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1
    assert len(list(vobject.readComponents(response.content.decode()))) == 1


def test_a_reset_feed_address_stops_working(client, programme):
    _mentorship, mentor, _mentee = make_pair(programme)
    old = ensure_calendar_feed(membership=mentor).token
    reset_calendar_feed(membership=mentor)
    assert client.get(reverse("mentorships:calendar_feed", args=[old])).status_code == 404


NEW_YORK = ZoneInfo("America/New_York")


def _icalendar_starts(body: bytes, uid: str) -> list[datetime]:
    """The master event's occurrences as icalendar parses them (RRULE expanded by dateutil)."""
    from dateutil.rrule import rrulestr

    master = next(
        event
        for event in Calendar.from_ical(body).walk("VEVENT")
        if str(event["UID"]) == uid and "RRULE" in event
    )
    rule = rrulestr(master["RRULE"].to_ical().decode(), dtstart=master.decoded("dtstart"))
    return list(rule)


def test_a_series_covers_the_programme_in_its_own_time_zone_across_both_dst_changes(
    client, organisation
):
    # US clocks change on 14 March and 7 November 2027, not on the European dates.
    programme = make_programme(organisation, starts_on=date(2027, 1, 4), ends_on=date(2027, 12, 31))
    mentorship, mentor, _mentee = make_pair(programme)
    series = schedule_series(
        mentorship=mentorship,
        first_starts_at=datetime(2027, 1, 5, 9, 0, tzinfo=NEW_YORK),
        time_zone="America/New_York",
        frequency="weekly",
        duration_minutes=45,
        actor=None,
    )
    stored = [m.starts_at for m in series.meetings.all()]
    local = [s.astimezone(NEW_YORK) for s in stored]
    assert (local[0].date(), local[-1].date(), len(stored)) == (
        date(2027, 1, 5),
        date(2027, 12, 28),
        52,
    )
    assert {(s.hour, s.minute) for s in local} == {(9, 0)}
    summer = [s.astimezone(UTC).hour == 13 for s in stored]
    first_summer, last_summer = summer.index(True), len(summer) - 1 - summer[::-1].index(True)
    assert (local[first_summer].date(), local[last_summer].date()) == (
        date(2027, 3, 16),
        date(2027, 11, 2),
    )
    assert all(summer[first_summer : last_summer + 1])

    client.force_login(mentor.user)
    body = client.get(reverse("mentorships:series_ics", args=[mentorship.pk, series.pk])).content
    assert _icalendar_starts(body, series.uid) == stored
    assert _vobject_starts(body) == stored
    assert [tz["TZID"] for tz in Calendar.from_ical(body).walk("VTIMEZONE")] == ["America/New_York"]


def test_the_private_feed_expands_a_series_to_the_stored_meetings_across_dst(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    series = _series(mentorship, datetime(2027, 10, 6, 18, 0, tzinfo=PARIS), "weekly")
    make_meeting(mentorship, starts_at=datetime(2027, 3, 2, 12, tzinfo=PARIS))
    token = ensure_calendar_feed(membership=mentor).token
    body = client.get(reverse("mentorships:calendar_feed", args=[token])).content
    stored = [m.starts_at for m in series.meetings.all()]
    assert [s.astimezone(UTC).hour for s in stored[:5]] == [16, 16, 16, 16, 17]
    assert _icalendar_starts(body, series.uid) == stored
    calendar = vobject.readOne(body.decode())
    master = next(e for e in calendar.vevent_list if e.uid.value == series.uid)
    assert sorted(master.getrruleset()) == stored
    assert len(calendar.vevent_list) == 2


def test_an_exported_monthly_series_expands_to_the_same_weekday_meetings(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    # Thursday 18 March 2027, the third Thursday: never a weekend, never a month skipped.
    first = datetime(2027, 3, 18, 12, 30, tzinfo=PARIS)
    series = _series(mentorship, first, "monthly", until=date(2027, 9, 30))
    client.force_login(mentor.user)
    body = client.get(reverse("mentorships:series_ics", args=[mentorship.pk, series.pk])).content
    stored = [m.starts_at for m in series.meetings.all()]
    assert Calendar.from_ical(body).walk("VEVENT")[0]["RRULE"]["BYDAY"] == ["3TH"]
    assert _vobject_starts(body) == stored
    assert len(stored) == 7
    assert {s.astimezone(PARIS).weekday() for s in stored} == {3}
