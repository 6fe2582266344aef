"""The REST API: one NinjaAPI, a router per app, over the same policies and services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import SessionAuth

from mentora.accounts.api import router as accounts_router
from mentora.analytics.api import router as analytics_router
from mentora.analytics.health_api import router as health_router
from mentora.api.auth import TokenAuth
from mentora.enrolment.api import router as enrolment_router
from mentora.enrolment.errors import EnrolmentError
from mentora.feedback.api import router as feedback_router
from mentora.programs.api import router as programs_router

api = NinjaAPI(
    title="Mentora API",
    version="1.0",
    description=(
        "Programmes, objectives, enrolment and feedback. Authenticate with a personal token "
        "(`Authorization: Bearer mnt_…`, created on your account page) or the browser session."
    ),
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)
api.add_router("/", accounts_router)
api.add_router("/programmes", programs_router)
api.add_router("/programmes", enrolment_router)
api.add_router("/", feedback_router)
api.add_router("/", analytics_router)
api.add_router("/", health_router)
api.add_router("/", "mentora.analytics.overview_api.router")


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("You are not allowed to do this."), "code": "forbidden"}, status=403
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Not found."), "code": "not_found"}, status=404
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Authentication required."), "code": "unauthenticated"}, status=401
    )


@api.exception_handler(EnrolmentError)
def enrolment_refused(request: HttpRequest, exc: EnrolmentError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc.message), "code": exc.code}, status=422)
