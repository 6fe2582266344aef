from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils import translation

from mentora.accounts.middleware import active_membership


class AccountAdapter(DefaultAccountAdapter):
    """People join through an organisation's invitation, never by open sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        # "Successfully signed in" is written while the request still speaks the browser's
        # language; the next page speaks the member's, so the message must too.
        membership = active_membership(request)
        language = membership.language if membership else translation.get_language()
        with translation.override(language):
            super().add_message(
                request, level, message_template, message_context, extra_tags, message
            )
