"""Meetings: one-off or in a series, rescheduled, cancelled, held; and members' calendar feeds."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import Membership, User
from mentora.mentorships import recurrence
from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.models import (
    CalendarFeed,
    Meeting,
    MeetingSeries,
    MeetingStatus,
    Mentorship,
)
from mentora.mentorships.rules import check_lengths
from mentora.mentorships.services.stages import refresh_stage, require_open
from mentora.mentorships.signals import meeting_held


@transaction.atomic
def schedule_meeting(
    *,
    mentorship: Mentorship,
    starts_at: datetime,
    time_zone: str,
    duration_minutes: int,
    actor: User | None,
    location: str = "",
    video_url: str = "",
    agenda: str = "",
    is_closing: bool = False,
) -> Meeting:
    """Plan one meeting."""
    require_open(mentorship)
    check_lengths(Meeting, location=location, video_url=video_url, agenda=agenda)
    return Meeting.objects.create(
        mentorship=mentorship,
        starts_at=starts_at,
        time_zone=time_zone,
        duration_minutes=duration_minutes,
        location=location,
        video_url=video_url,
        agenda=agenda,
        is_closing=is_closing,
        created_by=actor,
    )


@transaction.atomic
def schedule_series(
    *,
    mentorship: Mentorship,
    first_starts_at: datetime,
    time_zone: str,
    frequency: str,
    duration_minutes: int,
    actor: User | None,
    until: date | None = None,
    location: str = "",
    video_url: str = "",
    agenda: str = "",
) -> MeetingSeries:
    """Plan meetings that repeat at the same local time until `until` (default: programme end)."""
    require_open(mentorship)
    check_lengths(MeetingSeries, location=location, video_url=video_url, agenda=agenda)
    until = until or mentorship.programme.ends_on
    if until is None:
        raise MentorshipError(_("Give an end date: the programme has none."))
    zone = ZoneInfo(time_zone)
    first_local = first_starts_at.astimezone(zone)
    if until < first_local.date():
        raise MentorshipError(_("The series must end after its first meeting."))
    try:
        starts = recurrence.occurrences(first_local, frequency, until)
    except recurrence.TooManyOccurrences as error:
        raise MentorshipError(
            _("A series holds at most %(count)s meetings: choose an earlier end date.")
            % {"count": error.args[0]}
        ) from error
    series = MeetingSeries.objects.create(
        mentorship=mentorship,
        frequency=frequency,
        first_starts_at=first_starts_at,
        time_zone=time_zone,
        duration_minutes=duration_minutes,
        until=until,
        location=location,
        video_url=video_url,
        agenda=agenda,
        created_by=actor,
    )
    Meeting.objects.bulk_create(
        [
            Meeting(
                mentorship=mentorship,
                series=series,
                original_starts_at=start,
                starts_at=start,
                time_zone=time_zone,
                duration_minutes=duration_minutes,
                location=location,
                video_url=video_url,
                agenda=agenda,
                created_by=actor,
            )
            for start in starts
        ]
    )
    return series


@transaction.atomic
def reschedule_meeting(
    *,
    meeting: Meeting,
    actor: User,
    starts_at: datetime | None = None,
    time_zone: str | None = None,
    duration_minutes: int | None = None,
    location: str | None = None,
    video_url: str | None = None,
    agenda: str | None = None,
    is_closing: bool | None = None,
) -> Meeting:
    """Move or edit a planned meeting (None keeps a detail as it is); calendars replace it
    thanks to a new SEQUENCE."""
    require_open(meeting.mentorship)
    if meeting.status != MeetingStatus.PLANNED:
        raise MentorshipError(_("Only a planned meeting can be changed."))
    check_lengths(Meeting, location=location, video_url=video_url, agenda=agenda)
    changes: dict[str, Any] = {
        "starts_at": starts_at,
        "time_zone": time_zone,
        "duration_minutes": duration_minutes,
        "location": location,
        "video_url": video_url,
        "agenda": agenda,
        "is_closing": is_closing,
    }
    for name, value in changes.items():
        if value is not None:
            setattr(meeting, name, value)
    meeting.sequence += 1
    meeting.save()
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, actor: User) -> Meeting:
    """Cancel a planned meeting (it stays listed, marked cancelled)."""
    if meeting.status != MeetingStatus.PLANNED:
        raise MentorshipError(_("Only a planned meeting can be cancelled."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    return meeting


@transaction.atomic
def record_meeting_outcome(*, meeting: Meeting, actor: User, status: str) -> Meeting:
    """Mark a past meeting held or missed."""
    if status not in {MeetingStatus.HELD, MeetingStatus.MISSED}:
        raise MentorshipError(_("A meeting is either held or missed."))
    if meeting.starts_at > timezone.now():
        raise MentorshipError(_("You can record the outcome once the meeting has started."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise MentorshipError(_("This meeting was cancelled."))
    meeting.status = status
    meeting.save(update_fields=["status", "updated_at"])
    refresh_stage(meeting.mentorship)
    if status == MeetingStatus.HELD:
        meeting_held.send(sender=Meeting, meeting=meeting)
    return meeting


@transaction.atomic
def ensure_calendar_feed(*, membership: Membership) -> CalendarFeed:
    """The member's private calendar address, created on first use."""
    feed, _created = CalendarFeed.objects.get_or_create(membership=membership)
    return feed


@transaction.atomic
def reset_calendar_feed(*, membership: Membership) -> CalendarFeed:
    """Revoke the current calendar address and issue a new one."""
    CalendarFeed.objects.filter(membership=membership).delete()
    return CalendarFeed.objects.create(membership=membership)
