"""Feedback on the pages of the apps below it: "How was this session?" on a meeting's page.

The meeting page belongs to the mentorships app, which sits below feedback; this tag lets it
ask for the session's rating without the mentorships app importing feedback.
"""

from __future__ import annotations

from typing import Any

from django import template

from mentora.accounts.models import Membership
from mentora.feedback import selectors
from mentora.feedback.forms import SessionFeedbackForm
from mentora.feedback.models import FeedbackInvitation
from mentora.mentorships.models import Meeting, MeetingStatus, Participant

register = template.Library()


@register.inclusion_tag("feedback/_session_panel.html", takes_context=True)
def session_feedback_panel(context: dict[str, Any], meeting: Meeting) -> dict[str, Any]:
    """The viewer's own rating of the meeting, or the two-click form to give it; nothing for
    a meeting nobody asked them to rate. Never anybody else's answer."""
    membership = getattr(context["request"], "membership", None)
    invitation = selectors.own_session_invitation(membership, meeting) if membership else None
    if invitation is None:
        return {"invitation": None}
    answer = invitation.answer()
    return {
        "invitation": invitation,
        "answer": answer,
        "meeting": meeting,
        "can_answer": not invitation.is_closed and meeting.status == MeetingStatus.HELD,
        "form": SessionFeedbackForm(),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def partners_of(invitation: FeedbackInvitation, membership: Membership) -> list[Participant]:
    """The other members of the invitation's relationship."""
    return selectors.partners(invitation, membership)
