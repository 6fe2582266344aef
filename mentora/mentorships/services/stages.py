"""How a relationship moves through its stages, and the rule every change obeys: closed is final."""

from __future__ import annotations

from django.utils.translation import gettext as _

from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.models import MeetingStatus, Mentorship, Stage


def require_open(mentorship: Mentorship) -> None:
    """Refuse any change to a closed relationship: it is read-only for good."""
    if mentorship.is_closed:
        raise MentorshipError(_("This relationship is closed."))


def refresh_stage(mentorship: Mentorship) -> None:
    """Move forward through the stages as the relationship reaches each milestone."""
    mentorship.refresh_from_db(fields=["stage"])
    if mentorship.stage in {Stage.CLOSURE, Stage.CLOSED}:
        return
    held = mentorship.meetings.filter(status=MeetingStatus.HELD)
    if mentorship.stage == Stage.ESTABLISH:
        # A formal programme waits for every signature (see sign_agreement). In an informal
        # one the agreement is optional: the first meeting held is what gets a pair going.
        if mentorship.programme.agreement_required or not held.exists():
            return
        mentorship.stage = Stage.TRUST
        mentorship.save(update_fields=["stage"])
    # Trust turns into learning once there is a goal to work on and a meeting was held.
    if mentorship.stage == Stage.TRUST and mentorship.goals.exists() and held.exists():
        mentorship.stage = Stage.LEARNING
        mentorship.save(update_fields=["stage"])
