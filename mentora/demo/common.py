"""What the demo's seeding modules share: the organisation's clock and how a person writes."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from mentora.accounts.models import Membership

# The demo organisation lives in Paris.
PARIS = "Europe/Paris"


def paris_at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment of `day`, Paris time."""
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(PARIS))


def writes_in(membership: Membership) -> str:
    """The language a demo person writes their notes and comments in: English for the
    English speakers, French for everybody else (the organisation is French)."""
    return "en" if membership.user.language == "en" else "fr"
