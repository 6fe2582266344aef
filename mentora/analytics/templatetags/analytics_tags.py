"""What pages of lower apps show of the analytics: the programme page links to the
dashboard and shows where each objective stands, for those who may read the dashboard."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django import template
from django.core.exceptions import PermissionDenied
from django.http import Http404

from mentora.analytics import policy
from mentora.analytics.dashboard_page import ObjectiveProgress, objective_progress
from mentora.programs.models import Objective, Programme

register = template.Library()


class DashboardAccess:
    """A reader's access to a programme's dashboard; its objectives are computed once, when
    first asked for."""

    def __init__(self, programme: Programme, anonymised: bool) -> None:
        self.programme = programme
        self.anonymised = anonymised

    @cached_property
    def objectives(self) -> dict[int, ObjectiveProgress]:
        return objective_progress(self.programme, anonymised=self.anonymised)


@register.simple_tag(takes_context=True)
def programme_dashboard_access(context: dict[str, Any], programme: Programme) -> Any:
    """`{% programme_dashboard_access programme as dashboard %}`: None when the reader may
    not read the programme's dashboard."""
    membership = getattr(context.get("request"), "membership", None)
    if membership is None:
        return None
    try:
        _programme, anonymised = policy.get_programme_dashboard(membership, programme.pk)
    except (PermissionDenied, Http404):
        return None
    return DashboardAccess(programme, anonymised)


@register.simple_tag
def objective_standing(dashboard: DashboardAccess | None, objective: Objective) -> Any:
    """`{% objective_standing dashboard objective as standing %}`: the objective's current
    value and status, anonymised for a sponsor; None without access."""
    if dashboard is None:
        return None
    return dashboard.objectives.get(objective.pk)
