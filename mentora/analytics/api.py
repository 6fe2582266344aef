"""API over a programme's dashboard (MEASURE.md, "The programme dashboard API").

The body holds the contract's keys exactly as `figures.programme_dashboard` returns them, and
three more the contract leaves room for: `filters`, the filters applied; `problems`, the
filters ignored and why (an unknown parameter, a value of no department or site of the
organisation, a month range ending before it starts): the figures are then computed without
them, never on other people; and `withheld`, why each null figure is null (fewer than k
people, the difference with the unfiltered figure, a cohort filter).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from mentora.accounts.actors import actor
from mentora.analytics import policy
from mentora.analytics.anonymity import path_name
from mentora.analytics.figures import dashboard
from mentora.analytics.filters import parse_filters
from mentora.core.schemas import ERRORS, ProgrammeId

router = Router(tags=["analytics"])

Number = int | float


class DashboardQuery(Schema):
    department: str | None = Field(None, description="A department id of the organisation.")
    site: str | None = Field(None, description="A site id of the organisation.")
    cohort_from: str | None = Field(
        None, description="Relationships started in this month or later, YYYY-MM."
    )
    cohort_to: str | None = Field(
        None, description="Relationships started in this month or earlier, YYYY-MM."
    )


class ObjectiveOut(Schema):
    id: int
    title: str
    metric: str
    baseline: Number | None
    target: Number
    target_date: date
    current: Number | None
    status: Literal["achieved", "on_track", "off_track", "not_enough_data"]


class FunnelOut(Schema):
    invited: int | None
    applied: int | None
    approved: int | None
    matched: int | None
    active: int | None
    completed: int | None


class RelationshipsOut(Schema):
    active: int | None
    at_risk: int | None
    closed: int | None = Field(None, description="Every relationship closed, ended early or not.")
    ended_early: int | None


class SessionsOut(Schema):
    planned: int | None
    held: int | None
    held_per_active_pair: float | None


class GoalsOut(Schema):
    total: int | None = Field(None, description="Goals not dropped.")
    achieved: int | None
    on_track: int | None
    off_track: int | None
    attainment: float | None = Field(None, description="Achieved ÷ total, a percentage.")


class MeanOut(Schema):
    mean: float | None
    answers: int | None


class NpsOut(Schema):
    score: int | None
    answers: int | None
    promoters: int | None
    passives: int | None
    detractors: int | None


class RetentionOut(Schema):
    participants: float | None = Field(None, description="A percentage.")
    comparison: float | None = Field(
        None, description="Non-participants' rate standardised to the participants' mix, %."
    )
    status: Literal["available", "not_enough_data"]


class DiversityOut(Schema):
    cross_department: float | None
    cross_site: float | None
    cross_generation: float | None


class FiltersOut(Schema):
    department: int | None
    site: int | None
    cohort_from: str | None
    cohort_to: str | None


class ProblemOut(Schema):
    parameter: str
    code: Literal["unknown_filter", "invalid_value", "unknown_value", "reversed_range", "repeated"]
    detail: str


class WithheldOut(Schema):
    figure: str = Field(..., description='Where the null figure sits, e.g. "nps.promoters".')
    reason: str


class DashboardOut(Schema):
    programme: int
    as_of: date
    k: int
    anonymised: bool
    objectives: list[ObjectiveOut]
    funnel: FunnelOut
    relationships: RelationshipsOut
    sessions: SessionsOut
    goals: GoalsOut
    satisfaction: MeanOut
    session_rating: MeanOut
    nps: NpsOut
    retention: RetentionOut
    diversity: DiversityOut
    filters: FiltersOut
    problems: list[ProblemOut]
    withheld: list[WithheldOut]


@router.get(
    "/programmes/{programme_id}/dashboard",
    response={200: DashboardOut, **ERRORS},
    summary="A programme's figures: objectives, funnel, relationships, feedback, retention",
    description=(
        "Coordinators of the programme and org admins read every figure; its sponsors read "
        "them k-anonymous (`anonymised` true): a figure describing fewer than `k` people is "
        "null. Filters that cannot apply are ignored and listed in `problems`."
    ),
    url_name="analytics_dashboard",
)
def programme_dashboard(
    request: HttpRequest, programme_id: ProgrammeId, query: Query[DashboardQuery]
):
    programme, anonymised = policy.get_programme_dashboard(actor(request), programme_id)
    # Read from the raw parameters: an unknown one is a problem to report, not to drop.
    filters, problems = parse_filters(request.GET, programme.organisation)
    result = dashboard(programme, anonymised=anonymised, filters=filters)
    return {
        **result.data,
        "filters": filters.as_params(),
        "problems": [
            {"parameter": p.parameter, "code": p.code, "detail": p.message} for p in problems
        ],
        "withheld": [
            {"figure": path_name(path), "reason": reason}
            for path, reason in sorted(result.reasons.items(), key=lambda item: path_name(item[0]))
        ],
    }
