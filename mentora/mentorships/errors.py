"""The refusals mentorships' services raise when a rule of the relationship forbids a change."""

from __future__ import annotations


class MentorshipError(Exception):
    """A rule of the relationship refuses the change; the message is for the user."""


class FieldError(MentorshipError):
    """A refusal about one input: `field` names it, so that a form or the API can show the
    message next to what the person typed."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class TextTooLong(FieldError):
    """A text longer than its limit; the message says the limit and the length typed."""

    def __init__(self, field: str, limit: int, length: int, message: str) -> None:
        super().__init__(field, message)
        self.limit = limit
        self.length = length
