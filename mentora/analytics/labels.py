"""The words of the figures, shared by the dashboard, its exports and the retrospective: a
count's label agrees with its number ("1 relation à risque", "2 relations clôturées"), and
the funnel's steps are words about people."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils import formats
from django.utils.translation import ngettext, pgettext

COUNT_LABELS: dict[tuple[str, str], Callable[[int], str]] = {
    ("relationships", "active"): lambda n: ngettext(
        "active relationship", "active relationships", n
    ),
    ("relationships", "at_risk"): lambda n: ngettext(
        "relationship at risk", "relationships at risk", n
    ),
    ("relationships", "closed"): lambda n: ngettext(
        "closed relationship", "closed relationships", n
    ),
    ("relationships", "ended_early"): lambda n: ngettext(
        "relationship ended early", "relationships ended early", n
    ),
    ("sessions", "planned"): lambda n: ngettext("session planned", "sessions planned", n),
    ("sessions", "held"): lambda n: ngettext("session held", "sessions held", n),
    ("goals", "total"): lambda n: ngettext("goal (not dropped)", "goals (not dropped)", n),
    ("goals", "achieved"): lambda n: ngettext("goal achieved", "goals achieved", n),
    ("goals", "on_track"): lambda n: ngettext("goal on track", "goals on track", n),
    ("goals", "off_track"): lambda n: ngettext("goal off track", "goals off track", n),
}


def count_of(value: Any) -> int:
    """The number a count's label agrees with; a hidden count reads as a plural."""
    return value if isinstance(value, int) else 2


def count_label(path: tuple[str, str], value: Any) -> str:
    return COUNT_LABELS[path](count_of(value))


def funnel_steps() -> dict[str, str]:
    """The funnel's steps, in order, in the active language."""
    return {
        "invited": pgettext("people at a funnel step", "Invited"),
        "applied": pgettext("people at a funnel step", "Applied"),
        "approved": pgettext("people at a funnel step", "Approved"),
        "matched": pgettext("people at a funnel step", "Matched"),
        "active": pgettext("people in an open relationship", "Active"),
        "completed": pgettext("people at the end of the funnel", "Completed"),
    }


def month_label(month: str) -> str:
    """A month ("2026-09") in the reader's words: "septembre 2026", "September 2026"."""
    return formats.date_format(date.fromisoformat(f"{month}-01"), "YEAR_MONTH_FORMAT")
