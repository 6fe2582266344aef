from __future__ import annotations

from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import get_language

register = template.Library()


@register.filter
def get_item(mapping: dict[Any, Any] | None, key: Any) -> Any:
    """Look a key up in a dict from a template."""
    if not mapping:
        return None
    return mapping.get(key)


# French sets a narrow no-break space before the sign ("90 %"); English writes "90%".
PERCENT_SPACING = {"fr": "\u202f"}


@register.filter
def percent(value: Any) -> str:
    """`{{ share|percent }}`: a percentage written as the reader's language writes it."""
    if value is None or value == "":
        return ""
    number = formats.number_format(value, use_l10n=True)
    return f"{number}{PERCENT_SPACING.get(get_language() or '', '')}%"
