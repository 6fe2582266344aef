"""How API callers prove who they are: a personal token, or the browser's session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from mentora.accounts.middleware import activate_user_language, active_membership
from mentora.api.models import ApiToken, digest


def _attach_membership(request: HttpRequest) -> None:
    membership = active_membership(request)
    request.membership = membership  # type: ignore[attr-defined]
    request.organisation = membership.organisation if membership else None  # type: ignore[attr-defined]


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = (
            ApiToken.objects.usable().select_related("user").filter(digest=digest(token)).first()
        )
        if api_token is None:
            return None
        now = timezone.now()
        # Writing on every call would serialise API traffic on one row; a minute is precise enough.
        if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        _attach_membership(request)
        # The middleware chose the language before the token was read, from the browser's
        # Accept-Language: answer in the person's saved language, as their pages do.
        activate_user_language(request)
        return api_token.user
