"""iCalendar (RFC 5545) export of meetings, series and a member's private feed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from mentora.mentorships import recurrence
from mentora.mentorships.models import (
    Frequency,
    Meeting,
    MeetingSeries,
    MeetingStatus,
    Mentorship,
)

PRODID = "-//Mentora//Mentoring meetings//EN"
# A series' frequency as an RRULE's FREQ and INTERVAL.
RRULE_FREQUENCIES: dict[str, tuple[str, int]] = {
    Frequency.WEEKLY: ("WEEKLY", 1),
    Frequency.FORTNIGHTLY: ("WEEKLY", 2),
    Frequency.MONTHLY: ("MONTHLY", 1),
}
UTC = ZoneInfo("UTC")


def _finish(calendar: Calendar) -> bytes:
    """Add the VTIMEZONE definitions, limited to the years the events span: short files, and
    transitions every parser reads the same way."""
    moments = [
        component.decoded(name)
        for component in calendar.walk("VEVENT")
        for name in ("dtstart", "dtend")
        if name in component
    ]
    for component in calendar.walk("VEVENT"):
        rule = component.get("rrule")
        until = rule.get("UNTIL") if rule else None
        if until:
            moments.extend(until if isinstance(until, list) else [until])
    days = [moment.date() if hasattr(moment, "date") else moment for moment in moments]
    today = timezone.localdate()
    first = min(days, default=today) - timedelta(days=366)
    last = max(days, default=today) + timedelta(days=366)
    calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _summary(mentorship: Mentorship, names: str) -> str:
    return _("Mentoring: %(names)s") % {"names": names} if names else str(mentorship.programme)


def _describe(agenda: str, video_url: str, url: str) -> str:
    parts = [agenda.strip()] if agenda.strip() else []
    if video_url:
        parts.append(_("Video link: %(url)s") % {"url": video_url})
    if url:
        parts.append(url)
    return "\n\n".join(parts)


def _fill(
    event: Event, *, summary: str, agenda: str, location: str, video_url: str, url: str
) -> None:
    event.add("summary", summary)
    description = _describe(agenda, video_url, url)
    if description:
        event.add("description", description)
    if location or video_url:
        event.add("location", location or video_url)
    if url:
        event.add("url", url)


def _meeting_event(meeting: Meeting, summary: str, base_url: str) -> Event:
    zone = ZoneInfo(meeting.time_zone)
    event = Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("sequence", meeting.sequence)
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    _fill(
        event,
        summary=summary,
        agenda=meeting.agenda,
        location=meeting.location,
        video_url=meeting.video_url,
        url=base_url + meeting.get_absolute_url() if base_url else "",
    )
    return event


def _series_events(
    series: MeetingSeries, occurrences: list[Meeting], summary: str, base_url: str
) -> list[Event]:
    """The master event with its RRULE, EXDATEs for cancelled occurrences and overrides for
    moved or edited ones (same UID, RECURRENCE-ID = the start the rule gave them)."""
    zone = ZoneInfo(series.time_zone)
    first = series.first_starts_at.astimezone(zone)
    master = Event()
    master.add("uid", series.uid)
    master.add("dtstamp", timezone.now().astimezone(UTC))
    master.add("dtstart", first)
    master.add("dtend", first + timedelta(minutes=series.duration_minutes))
    freq, interval = RRULE_FREQUENCIES[series.frequency]
    rule = {"freq": freq, "until": recurrence.until_utc(series.until, series.time_zone)}
    if interval > 1:
        rule["interval"] = interval
    if series.frequency == Frequency.MONTHLY:
        rule["byday"] = recurrence.monthly_byday(first.date())
    master.add("rrule", rule)
    _fill(
        master,
        summary=summary,
        agenda=series.agenda,
        location=series.location,
        video_url=series.video_url,
        url=base_url + series.mentorship.get_absolute_url() if base_url else "",
    )
    cancelled = [
        m.original_starts_at.astimezone(zone)
        for m in occurrences
        if m.status == MeetingStatus.CANCELLED and m.original_starts_at
    ]
    if cancelled:
        master.add("exdate", cancelled)
    events = [master]
    for meeting in occurrences:
        if meeting.status == MeetingStatus.CANCELLED or meeting.original_starts_at is None:
            continue
        if meeting.sequence == 0:
            continue
        override = _meeting_event(meeting, summary, base_url)
        override.pop("UID")
        override.add("uid", series.uid)
        override.add("recurrence-id", meeting.original_starts_at.astimezone(zone))
        events.append(override)
    return events


def _names(mentorship: Mentorship, for_membership_id: int | None) -> str:
    people = [
        str(p.membership.user)
        for p in mentorship.participants.all()
        if p.left_at is None and p.membership_id != for_membership_id
    ]
    return ", ".join(people)


def meeting_calendar(meeting: Meeting, *, viewer_id: int | None, base_url: str = "") -> bytes:
    """One meeting as a calendar file."""
    calendar = _calendar(str(meeting.mentorship.programme))
    summary = _summary(meeting.mentorship, _names(meeting.mentorship, viewer_id))
    calendar.add_component(_meeting_event(meeting, summary, base_url))
    return _finish(calendar)


def series_calendar(series: MeetingSeries, *, viewer_id: int | None, base_url: str = "") -> bytes:
    """A recurring series as one recurring event (plus its exceptions)."""
    calendar = _calendar(str(series.mentorship.programme))
    summary = _summary(series.mentorship, _names(series.mentorship, viewer_id))
    for event in _series_events(series, list(series.meetings.all()), summary, base_url):
        calendar.add_component(event)
    return _finish(calendar)


def feed_calendar(
    mentorships: Iterable[Mentorship], *, viewer_id: int, base_url: str = ""
) -> bytes:
    """Every meeting of a member's relationships, for a calendar subscription."""
    calendar = _calendar(_("Mentora meetings"))
    for mentorship in mentorships:
        summary = _summary(mentorship, _names(mentorship, viewer_id))
        by_series: dict[int, list[Meeting]] = {}
        for meeting in mentorship.meetings.all():
            if meeting.series_id:
                by_series.setdefault(meeting.series_id, []).append(meeting)
            else:
                calendar.add_component(_meeting_event(meeting, summary, base_url))
        for series in mentorship.series.all():
            for event in _series_events(series, by_series.get(series.pk, []), summary, base_url):
                calendar.add_component(event)
    return _finish(calendar)
