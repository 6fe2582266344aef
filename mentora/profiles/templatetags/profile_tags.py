"""Profile bits shown on pages of other apps (the home page's completeness card)."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.profiles.models import Profile
from mentora.profiles.selectors import Completeness, profile_completeness

register = template.Library()


@register.simple_tag(takes_context=True)
def my_profile_completeness(context: dict[str, Any]) -> Completeness | None:
    """Completeness of the signed-in member's profile (an empty one before the first visit)."""
    request = context.get("request")
    membership = getattr(request, "membership", None)
    if membership is None:
        return None
    profile = Profile.objects.filter(membership=membership).first() or Profile()
    profile.membership = membership
    return profile_completeness(profile)
