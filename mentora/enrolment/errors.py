"""The rules of enrolment that refuse a request, and what each says to the person."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

MESSAGES = {
    "closed": gettext_lazy("Enrolment is not open for this programme."),
    "already_applied": gettext_lazy("You have already applied to this programme."),
    "not_invited": gettext_lazy(
        "This programme is by invitation only. Ask its coordinators if you would like to join."
    ),
    "role": gettext_lazy("This programme has no such role."),
    "not_active": gettext_lazy("This application is no longer active."),
    "too_late": gettext_lazy("Matching has started: contact the coordinators to leave."),
    "decision": gettext_lazy("Choose approve, decline or waitlist."),
}


class EnrolmentError(Exception):
    """A rule of enrolment refused the request; `code` says which, `message` says it in words."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    @property
    def message(self) -> str:
        """In the active language, so read it while answering the request."""
        return str(MESSAGES[self.code])
