"""Reasons and score parts in the reader's language; proposals to pair on other apps' pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format

from mentora.matching import reasons
from mentora.matching.models import REVIEW_UNMATCHED_REASONS, MatchingRun
from mentora.matching.selectors.directory import directory_is_open, my_pairings, seeker
from mentora.programs.models import Programme

register = template.Library()


@register.filter
def reason_texts(items: list[dict], programme: Programme | None = None) -> list[str]:
    """Reasons in the reader's language; given the programme, the skills they name too."""
    skills = reasons.skills_by_name(programme) if programme is not None else None
    return reasons.render_reasons(items, skills)


@register.filter
def reason_text(key: str) -> str:
    if key in REVIEW_UNMATCHED_REASONS:
        return str(REVIEW_UNMATCHED_REASONS[key])
    return reasons.render_reason(key)


@register.filter
def breakdown_parts(breakdown: dict) -> list[tuple[str, float]]:
    return reasons.render_breakdown(breakdown)


@register.filter
def broken_texts(keys: list[str]) -> list[str]:
    return reasons.render_broken(keys)


@register.filter
def role_label(role: str) -> str:
    from mentora.programs.models import ParticipantRole

    try:
        return str(ParticipantRole(role).label)
    except ValueError:
        return role


@register.filter
def slot_labels(codes: list[str]) -> str:
    """Weekly half-day slots in words, e.g. "Monday morning, Thursday afternoon"."""
    from mentora.profiles.models import AVAILABILITY_SLOTS, DAY_PARTS, WEEKDAYS

    days, parts = dict(WEEKDAYS), dict(DAY_PARTS)
    # In the week's order whatever order they were stored in.
    week = {slot: k for k, slot in enumerate(AVAILABILITY_SLOTS)}
    out = []
    for code in sorted(codes or [], key=lambda c: week.get(str(c), len(week))):
        day, _sep, part = str(code).partition("_")
        if day in days and part in parts:
            out.append(f"{days[day]} {str(parts[part]).lower()}")
    return ", ".join(out)


@register.filter
def stable_percent(gap: float) -> str:
    """The engine's share of score lost (0.07) as a percentage in the reader's locale
    ("7.0" in English, "7,0" in French)."""
    return number_format(float(gap or 0) * 100, decimal_pos=1)


@register.filter
def quality(score: float, run: MatchingRun) -> int:
    """A pair's score as its match quality, 0-100 (see MatchingRun.quality)."""
    return run.quality(score)


@register.filter
def quality_points(part: float, run: MatchingRun) -> int:
    """A part of a pair's score in points of match quality (the parts add up to it)."""
    perfect = run.perfect_score
    return round(100 * part / perfect) if perfect > 0 else 0


@register.inclusion_tag("matching/_home_pairings.html", takes_context=True)
def pairing_section(context: dict[str, Any]) -> dict[str, Any]:
    """The home page's proposals to pair: to answer, waiting, answered lately (every
    programme of the member)."""
    request = context["request"]
    membership = getattr(request, "membership", None)
    return {
        "pairings": my_pairings(membership) if membership is not None else None,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("matching/_directory_panel.html", takes_context=True)
def directory_panel(context: dict[str, Any], programme: Programme) -> dict[str, Any]:
    """On an informal programme's page, for its approved participants: the way to the
    directory, and their proposals in the programme."""
    request = context["request"]
    membership = getattr(request, "membership", None)
    if membership is None or not directory_is_open(programme):
        return {"show": False}
    me = seeker(programme, membership)
    if me is None:
        return {"show": False}
    return {
        "show": True,
        "programme": programme,
        "me": me,
        "pairings": my_pairings(membership, programme),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
