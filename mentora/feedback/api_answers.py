"""How the feedback API answers a write (session feedback, a pulse, a survey's answers or
draft): the outcome's body, or the service's refusal in the caller's language with a `code`,
422 for what was sent that is not valid and 409 for what the state of things refuses
(closed, no longer editable, already sent). One place, so that every operation refuses alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ninja import Field, Schema
from ninja.responses import Status

from mentora.core.schemas import ERRORS, Error
from mentora.feedback.errors import FeedbackError, SurveyInvalid

# Refusals due to the state of things rather than to what was sent.
CONFLICTS = {
    "closed",
    "locked",
    "already_answered",
    "not_held",
    "relationship_closed",
    "survey_closed",
    "survey_answered",
}


class AnswerError(Error):
    field: str | None = Field(None, description="The input the refusal is about, if one.")


class SurveyError(Error):
    errors: dict[str, str] = Field(
        default_factory=dict, description="What is wrong with each answer, by question id."
    )


ANSWER_ERRORS: dict[int, type[Schema]] = {**ERRORS, 409: AnswerError, 422: AnswerError}
SURVEY_ERRORS: dict[int, type[Schema]] = {**ERRORS, 409: SurveyError, 422: SurveyError}


def refusal(error: FeedbackError) -> Status:
    """The refusal's status and body; each operation's error schema keeps the keys it
    declares (`field` for one answer, `errors` by question for a survey)."""
    errors = error.errors if isinstance(error, SurveyInvalid) else {}
    body = {
        "detail": error.message,
        "code": error.code,
        "field": error.field,
        "errors": {str(pk): message for pk, message in errors.items()},
    }
    return Status(409 if error.code in CONFLICTS else 422, body)


def answered[T](
    write: Callable[[], T], body: Callable[[T], dict[str, Any]], *, status: int = 201
) -> Status:
    """Run a feedback service and answer with `body` of what it returned, or its refusal."""
    try:
        result = write()
    except FeedbackError as error:
        return refusal(error)
    return Status(status, body(result))
