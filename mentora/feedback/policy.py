"""Who may answer and read feedback (MEASURE.md, "Who sees what").

- A person answers and reads their own invitations only: anybody else's invitation, the
  partner's included, does not exist for them (404), whatever their role.
- The programme's coordinators and the org admins read the programme's aggregates, and
  comments without names unless the person shared theirs; they never answer for anyone.
- Sponsors and members read none of it (403); sponsors' figures come from the dashboard.
"""

from __future__ import annotations

from django.http import Http404

from mentora.accounts.models import Membership
from mentora.feedback.models import FeedbackInvitation, FeedbackInvitationQuerySet, Instrument
from mentora.programs.models import Programme
from mentora.programs.policy import get_programme_to_manage, is_programme_coordinator


def _own(actor: Membership) -> FeedbackInvitationQuerySet:
    return FeedbackInvitation.objects.of(actor).select_related(
        "programme", "mentorship", "meeting", "session_feedback", "pulse_answer"
    )


def get_session_invitation(actor: Membership, meeting_pk: int) -> FeedbackInvitation:
    """The actor's own invitation to rate this meeting, else 404."""
    invitation = _own(actor).filter(instrument=Instrument.SESSION, meeting_id=meeting_pk).first()
    if invitation is None:
        raise Http404
    return invitation


def get_pulse_invitation(actor: Membership, pk: int) -> FeedbackInvitation:
    """The actor's own pulse invitation, else 404."""
    invitation = _own(actor).filter(instrument=Instrument.PULSE, pk=pk).first()
    if invitation is None:
        raise Http404
    return invitation


def can_review_feedback(actor: Membership, programme: Programme) -> bool:
    """Coordinators of the programme and org admins of its organisation."""
    return is_programme_coordinator(actor, programme)


def get_programme_to_review(actor: Membership, pk: int) -> Programme:
    """A programme whose feedback the actor may read and configure; 404 from another
    organisation, 403 for sponsors and members."""
    return get_programme_to_manage(actor, pk)
