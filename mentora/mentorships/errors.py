"""The refusal mentorships' services raise when a rule of the relationship forbids a change."""

from __future__ import annotations


class MentorshipError(Exception):
    """A rule of the relationship refuses the change; the message is for the user."""
