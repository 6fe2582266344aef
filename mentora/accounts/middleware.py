"""Request-level context: the user's language and the organisation they are acting in."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from mentora.accounts.models import Membership

ORGANISATION_SESSION_KEY = "mentora_organisation_id"


def activate_user_language(request: HttpRequest) -> None:
    """A signed-in member reads the language their e-mails are written in: their saved
    choice, else their organisation's; only visitors follow the browser. Needs the request's
    user and membership: the middleware's, or an API token's once it is checked."""
    user = getattr(request, "user", None)
    membership: Membership | None = getattr(request, "membership", None)
    language = ""
    if membership is not None:
        language = membership.language
    elif user is not None and user.is_authenticated:
        language = user.language
    if language:
        translation.activate(language)
        request.LANGUAGE_CODE = language


class UserLanguageMiddleware:
    """`activate_user_language` for every request signed in by its session.

    Runs after `OrganisationMiddleware`, which finds the membership.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        activate_user_language(request)
        return self.get_response(request)


def active_membership(request: HttpRequest) -> Membership | None:
    """The membership the user acts through: the one chosen in the session, else the first."""
    user = request.user
    if not user.is_authenticated:
        return None
    memberships = Membership.objects.active().filter(user=user).select_related("organisation")
    chosen = request.session.get(ORGANISATION_SESSION_KEY)
    if chosen is not None:
        membership = memberships.filter(organisation_id=chosen).first()
        if membership is not None:
            return membership
    return memberships.order_by("joined_at", "pk").first()


class OrganisationMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        membership = active_membership(request)
        request.membership = membership  # type: ignore[attr-defined]
        request.organisation = membership.organisation if membership else None  # type: ignore[attr-defined]
        return self.get_response(request)
