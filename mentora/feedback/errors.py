"""The refusals of the feedback services, and what each says to the person."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

MESSAGES = {
    "closed": gettext_lazy("This feedback request has closed: it can no longer be answered."),
    "locked": gettext_lazy(
        "Your answer can no longer be changed: answers can be edited for 7 days after sending."
    ),
    "already_answered": gettext_lazy(
        "You had already answered (perhaps in another tab). What you typed is below: send it "
        "again to replace your earlier answer."
    ),
    "not_held": gettext_lazy("This meeting is no longer marked held: there is nothing to rate."),
    "relationship_closed": gettext_lazy(
        "This relationship has ended: its pulse check can no longer be answered."
    ),
    "scale": gettext_lazy("Choose a number from 1 to 5."),
    "fit": gettext_lazy("Choose one of the three answers."),
    # Surveys.
    "invalid": gettext_lazy("Please correct the answers marked below."),
    "required": gettext_lazy("Please answer this question."),
    "scale10": gettext_lazy("Choose a number from 0 to 10."),
    "choice": gettext_lazy("Choose one of the options offered."),
    "skills": gettext_lazy("Choose among the skills offered."),
    "survey_closed": gettext_lazy("This survey has closed: it can no longer be answered."),
    "survey_answered": gettext_lazy(
        "You have already answered this survey (perhaps in another tab): a survey is answered "
        "once, and your first answers are kept."
    ),
    "not_draft": gettext_lazy("This survey is open: its questions can no longer be changed."),
    "no_questions": gettext_lazy("Add at least one question before opening the survey."),
    "reminded": gettext_lazy("The reminder has already been sent: a survey gets one."),
    "scheduled": gettext_lazy("This survey is scheduled: put it back to draft to change it."),
    "not_scheduled": gettext_lazy("Only a scheduled survey can be put back to draft."),
    "no_programme_dates": gettext_lazy(
        "This opening follows the programme's calendar, which has no start or end date yet: "
        "give the programme both dates, or open the survey on a date."
    ),
    "no_end_date": gettext_lazy(
        "The programme has no end date yet: choose the day the survey closes."
    ),
    "closes_past": gettext_lazy(
        "The survey's closing day has passed: choose a later one before opening it."
    ),
}


class FeedbackError(Exception):
    """A rule of feedback refused the answer: `code` says which, `field` the input it is
    about (None for the whole answer), `message` says it in words."""

    def __init__(self, code: str, field: str | None = None, message: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self._message = message

    @property
    def message(self) -> str:
        """In the active language, so read it while answering the request."""
        return self._message if self._message is not None else str(MESSAGES[self.code])

    def __str__(self) -> str:
        return self.message


class SurveyInvalid(FeedbackError):
    """Some answers of a survey are not valid: `errors` maps each question's id to what is
    wrong with its answer, so that every one is shown next to its question at once."""

    def __init__(self, errors: dict[int, str]) -> None:
        super().__init__("invalid")
        self.errors = errors
