"""Enrolment on the programme's pages: counters, one's own application, required training.

The programme pages belong to the programs app, which sits below enrolment; these tags
let them show enrolment without the programs app importing it.
"""

from __future__ import annotations

from typing import Any

from django import template

from mentora.accounts.models import Membership
from mentora.enrolment import policy
from mentora.enrolment.models import Application, ApplicationStatus
from mentora.enrolment.selectors import EnrolmentCounters, enrolment_counters
from mentora.enrolment.training import required_modules_for, training_status
from mentora.learning.selectors import module_progress
from mentora.programs.models import Programme
from mentora.programs.policy import can_manage_programme

register = template.Library()


@register.simple_tag
def programme_enrolment_counters(programme: Programme) -> EnrolmentCounters:
    """Approved mentors, mentees and peers, capacity, and applications waiting for review."""
    return enrolment_counters(programme)


@register.simple_tag(takes_context=True)
def own_application(context: dict[str, Any], programme: Programme) -> Application | None:
    """The viewer's live application to the programme, else their latest one."""
    membership = getattr(context["request"], "membership", None)
    return policy.get_own_application(membership, programme) if membership else None


@register.inclusion_tag("enrolment/_required_training.html", takes_context=True)
def required_training(context: dict[str, Any], programme: Any, personal: bool = False) -> dict:
    """Modules a programme requires; with `personal`, the viewer's own progress in each."""
    request = context["request"]
    membership = getattr(request, "membership", None)
    if personal and membership is not None:
        # Only the modules of the viewer's role (all of them before they apply).
        items: list[Any] = module_progress(membership, required_modules_for(programme, membership))
    else:
        modules = programme.required_modules.published().order_by("title", "pk")
        items = [{"module": module} for module in modules]
    summary = None
    if items and not personal and membership and can_manage_programme(membership, programme):
        summary = _approved_summary(programme)
    return {"items": items, "personal": personal, "programme": programme, "summary": summary}


def _approved_summary(programme: Any) -> dict[str, int]:
    """How many approved participants finished the training their role requires."""
    approved = Membership.objects.filter(
        applications__programme=programme, applications__status=ApplicationStatus.APPROVED
    ).distinct()
    statuses = training_status(programme, approved).values()
    return {"complete": sum(s.complete for s in statuses), "total": len(statuses)}
