"""Rules on what people type in a relationship, one rule for forms and services (the API
calls services): the length of texts and the due date of goals.

Length limits are the `max_length` of the model fields (see NOTE_MAX_LENGTH and its neighbours in
`models.py`). A longer text is refused, never cut: the message says the limit and how much was
typed, and forms give the whole text back so that nothing is lost.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentora.mentorships.errors import FieldError, TextTooLong


def too_long_message(limit: int, length: int) -> str:
    """What a person reads when their text is over the limit, in their language."""
    excess = length - limit
    return ngettext(
        "Too long: %(length)s characters typed, the limit is %(limit)s. "
        "Remove at least %(excess)s character.",
        "Too long: %(length)s characters typed, the limit is %(limit)s. "
        "Remove at least %(excess)s characters.",
        excess,
    ) % {
        "length": number_format(length, force_grouping=True),
        "limit": number_format(limit, force_grouping=True),
        "excess": number_format(excess, force_grouping=True),
    }


class TextLengthValidator:
    """A form validator with `too_long_message`, read in the language of the request."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, value: str) -> None:
        if len(value) > self.limit:
            raise ValidationError(too_long_message(self.limit, len(value)), code="max_length")


def check_lengths(model: type[models.Model], **texts: str | None) -> None:
    """Refuse a text (given by field name; None is skipped) longer than the model field allows.

    Services call this before writing: the API reaches them without a form, and a database
    column may not enforce the limit itself (SQLite does not, TextField has none)."""
    for name, text in texts.items():
        if text is None:
            continue
        field = model._meta.get_field(name)
        limit = getattr(field, "max_length", None)
        if limit is not None and len(text) > limit:
            label = capfirst(str(getattr(field, "verbose_name", name)))
            raise TextTooLong(
                name,
                limit,
                len(text),
                _("%(field)s: %(problem)s")
                % {"field": label, "problem": too_long_message(limit, len(text))},
            )


def check_due_date(due_on: date | None, *, field: str = "due_on", kept: date | None = None) -> None:
    """Refuse a due date that has already passed, unless it is the one the item already had:
    a goal whose date has passed can still be edited without being forced to a new date."""
    if due_on is None or due_on == kept:
        return
    if due_on < timezone.localdate():
        raise FieldError(field, _("This date has passed: choose today or a later date."))


def goal_count_phrase(status: str, count: int) -> str:
    """A number of goals in one status, agreed in number: "2 achieved", "1 off track"."""
    # Each status has its own plural entry: French agrees the adjective ("2 atteints").
    phrases = {
        "not_started": ngettext("%(n)s not started", "%(n)s not started", count),
        "on_track": ngettext("%(n)s on track", "%(n)s on track", count),
        "off_track": ngettext("%(n)s off track", "%(n)s off track", count),
        "achieved": ngettext("%(n)s achieved", "%(n)s achieved", count),
        "dropped": ngettext("%(n)s dropped", "%(n)s dropped", count),
    }
    return phrases[status] % {"n": number_format(count, force_grouping=True)}
