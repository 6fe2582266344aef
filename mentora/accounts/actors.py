from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from mentora.accounts.models import Membership


def actor(request: HttpRequest) -> Membership:
    """The membership an API caller acts through; callers without one may do nothing."""
    membership = getattr(request, "membership", None)
    if membership is None:
        raise PermissionDenied
    return membership
