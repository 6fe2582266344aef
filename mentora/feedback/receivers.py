"""How feedback follows what happens in the apps below it."""

from __future__ import annotations

from typing import Any

from mentora.feedback.services import invite_to_session_feedback
from mentora.mentorships.models import Meeting


def invite_after_held_meeting(sender: type, *, meeting: Meeting, **kwargs: Any) -> int:
    """A meeting marked held: its members are invited to rate it (once each)."""
    return invite_to_session_feedback(meeting=meeting)
