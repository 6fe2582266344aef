"""The refusal matching's services and selectors raise when a rule forbids a change."""

from __future__ import annotations


class MatchingError(Exception):
    """A matching rule refuses the change; the message is for the user."""
