"""What relationship pages share: a member's access, the guard on closed ones, the context."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from mentora.accounts.http import MemberRequest
from mentora.mentorships import policy, selectors
from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.models import Mentorship, Participant

ICS_TYPE = "text/calendar; charset=utf-8"


def relationship_of(request: MemberRequest, pk: int) -> tuple[Mentorship, Participant]:
    """The relationship and the member's place in it; 404/403 to anyone else."""
    return policy.get_mentorship_for_member(request.membership, pk)


def open_relationship_of(request: MemberRequest, pk: int) -> tuple[Mentorship, Participant]:
    """As `relationship_of`, for a change: a closed relationship says so and refuses it."""
    mentorship, participant = relationship_of(request, pk)
    if not policy.can_change(mentorship):
        messages.error(request, _("This relationship is closed: it can no longer be changed."))
        raise Closed(mentorship)
    return mentorship, participant


class Closed(Exception):
    """A change was attempted on a closed relationship; `closed_guard` answers it."""

    def __init__(self, mentorship: Mentorship) -> None:
        self.mentorship = mentorship


def closed_guard(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Turn a change attempted on a closed relationship into a message and a redirect."""

    @wraps(view)
    def wrapper(request: MemberRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Closed as closed:
            return redirect(closed.mentorship)

    return wrapper


def show_refusal(form: BaseForm, error: MentorshipError) -> None:
    """Put a service's refusal on the form: next to its field when it names one the form has,
    else above the form; the form keeps what the person typed."""
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, str(error))


def base_context(mentorship: Mentorship, participant: Participant, **extra: Any) -> dict[str, Any]:
    """What every page of a relationship shows: its members, programme and whether it is open."""
    return {
        "mentorship": mentorship,
        "me": participant,
        "programme": mentorship.programme,
        "people": list(selectors.active_participants(mentorship)),
        "can_change": policy.can_change(mentorship),
        **extra,
    }
