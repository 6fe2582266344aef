from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[Any, Any] | None, key: Any) -> Any:
    """Look a key up in a dict from a template."""
    if not mapping:
        return None
    return mapping.get(key)
