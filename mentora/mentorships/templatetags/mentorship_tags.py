"""The home page's "My mentoring" section, and wording helpers of the relationship pages."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.mentorships import activity, selectors
from mentora.mentorships.models import Participant, Stage
from mentora.mentorships.rules import goal_count_phrase

register = template.Library()

HOME_LIMIT = 4


@register.inclusion_tag("mentorships/_home_section.html", takes_context=True)
def my_mentoring_section(context: dict[str, Any]) -> dict[str, Any]:
    """The member's open relationships, each with its most pressing next step."""
    request = context["request"]
    membership = getattr(request, "membership", None)
    if membership is None:
        return {"rows": []}
    rows = [
        row
        for row in selectors.my_mentorships(membership)
        if row["mentorship"].stage != Stage.CLOSED
    ][:HOME_LIMIT]
    for row in rows:
        me = Participant(pk=_participant_pk(row["mentorship"], membership))
        steps = activity.next_steps(row["mentorship"], me)
        row["next_step"] = steps[0] if steps else None
    return {"rows": rows}


def _participant_pk(mentorship, membership) -> int | None:
    for participant in mentorship.participants.all():
        if participant.membership_id == membership.pk:
            return participant.pk
    return None


@register.filter
def goal_count(status: str, count: int) -> str:
    """`{{ status|goal_count:n }}`: "2 achieved", agreed in number in every language."""
    return goal_count_phrase(status, count)
