"""Reasons and score parts in the reader's language."""

from __future__ import annotations

from django import template

from mentora.matching import reasons

register = template.Library()


@register.filter
def reason_texts(items: list[dict]) -> list[str]:
    return reasons.render_reasons(items)


@register.filter
def reason_text(key: str) -> str:
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
    from mentora.profiles.models import DAY_PARTS, WEEKDAYS

    days, parts = dict(WEEKDAYS), dict(DAY_PARTS)
    out = []
    for code in codes or []:
        day, _sep, part = str(code).partition("_")
        if day in days and part in parts:
            out.append(f"{days[day]} {str(parts[part]).lower()}")
    return ", ".join(out)


@register.filter
def stable_percent(gap: float) -> str:
    """The engine's share of score lost (0.07) as a percentage ("7.0")."""
    return f"{float(gap or 0) * 100:.1f}"
