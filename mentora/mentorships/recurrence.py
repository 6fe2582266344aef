"""When a meeting series takes place: the same local time in its time zone, whatever the DST.

The rule is written once, with the same semantics as the RRULE exported to calendars, so the
meetings stored here and the ones a calendar application expands always coincide.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from dateutil import rrule

from mentora.mentorships.models import Frequency

FREQUENCIES: dict[str, tuple[int, int]] = {
    Frequency.WEEKLY: (rrule.WEEKLY, 1),
    Frequency.FORTNIGHTLY: (rrule.WEEKLY, 2),
    Frequency.MONTHLY: (rrule.MONTHLY, 1),
}

# A safety net: no series holds more than this many meetings.
MAX_OCCURRENCES = 120


class TooManyOccurrences(ValueError):
    """The rule gives more than MAX_OCCURRENCES meetings: refused rather than cut short, since
    the exported RRULE would then show meetings that were never stored."""


def local_until(until: date) -> datetime:
    """The last instant of the `until` day, as a naive local time."""
    return datetime.combine(until, time(23, 59, 59))


def until_utc(until: date, time_zone: str) -> datetime:
    """The RRULE UNTIL value: the end of the last day, in UTC as RFC 5545 requires."""
    return local_until(until).replace(tzinfo=ZoneInfo(time_zone)).astimezone(ZoneInfo("UTC"))


WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def monthly_weekday(first: date) -> tuple[int, int]:
    """(weekday, position) a monthly series keeps: the first meeting's weekday and its week
    of the month, the fifth week being "the last".

    A monthly series repeats "on the third Thursday", as people set up a recurring meeting:
    repeating the date (the 19th) would land on weekends and skip months without a 31st.
    """
    position = (first.day - 1) // 7 + 1
    return first.weekday(), -1 if position == 5 else position


def monthly_byday(first: date) -> str:
    """The RRULE BYDAY value of `monthly_weekday`, e.g. "3TH" or "-1FR"."""
    weekday, position = monthly_weekday(first)
    return f"{position}{WEEKDAY_CODES[weekday]}"


def occurrences(first_start: datetime, frequency: str, until: date) -> list[datetime]:
    """Aware starts of a series whose first meeting is `first_start` (aware, in its zone).

    Raises TooManyOccurrences past MAX_OCCURRENCES.
    """
    zone = first_start.tzinfo
    freq, interval = FREQUENCIES[frequency]
    naive_local = first_start.replace(tzinfo=None)
    byweekday = None
    if frequency == Frequency.MONTHLY:
        weekday, position = monthly_weekday(naive_local.date())
        byweekday = rrule.weekday(weekday, position)
    rule = rrule.rrule(
        freq,
        interval=interval,
        dtstart=naive_local,
        byweekday=byweekday,
        until=local_until(until),
        count=None,
    )
    starts: list[datetime] = []
    for local in rule:
        if len(starts) == MAX_OCCURRENCES:
            raise TooManyOccurrences(MAX_OCCURRENCES)
        starts.append(local.replace(tzinfo=zone))
    return starts
