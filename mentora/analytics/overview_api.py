"""API over the organisation overview: the same figures as the page `/analytics/overview/`,
for org admins (anyone else 403)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from mentora.accounts.actors import actor
from mentora.analytics import policy
from mentora.analytics.overview import organisation_overview
from mentora.core.schemas import ERRORS

router = Router(tags=["analytics"])


class OverviewSessionsOut(Schema):
    planned: int
    held: int
    held_vs_planned: float | None = Field(None, description="Held ÷ planned, a percentage.")


class OverviewNpsOut(Schema):
    score: int | None = Field(None, description="−100…100; null without answers.")
    answers: int


class OverviewObjectivesOut(Schema):
    achieved: int
    total: int


class OverviewProgrammeOut(Schema):
    id: int
    name: str
    status: str
    participants: int = Field(..., description="People in a relationship of the programme.")
    active_pairs: int
    sessions: OverviewSessionsOut
    nps: OverviewNpsOut
    objectives: OverviewObjectivesOut


class ParticipationOut(Schema):
    id: int | None = Field(None, description="Null: members with none recorded.")
    name: str | None
    members: int
    approved: int = Field(..., description="Members with an approved application.")
    in_relationship: int
    approved_share: float | None = Field(None, description="A percentage of the members.")
    in_relationship_share: float | None = Field(None, description="A percentage of the members.")


class ParticipationGroupsOut(Schema):
    departments: list[ParticipationOut]
    sites: list[ParticipationOut]


class OverviewOut(Schema):
    organisation: int
    as_of: date
    programmes: list[OverviewProgrammeOut]
    drafts: int = Field(..., description="Programmes in draft, not listed.")
    participation: ParticipationGroupsOut


@router.get(
    "/organisation/overview",
    response={200: OverviewOut, **ERRORS},
    summary="Every programme of the organisation side by side, participation by department "
    "and site (org admins)",
    url_name="analytics_overview",
)
def overview(request: HttpRequest) -> dict[str, Any]:
    organisation = policy.get_organisation_for_overview(actor(request))
    figures = organisation_overview(organisation)
    return {
        "organisation": organisation.pk,
        "as_of": figures.as_of,
        "programmes": [
            {
                "id": line.id,
                "name": line.name,
                "status": line.status,
                "participants": line.participants,
                "active_pairs": line.active_pairs,
                "sessions": {
                    "planned": line.sessions_planned,
                    "held": line.sessions_held,
                    "held_vs_planned": line.held_vs_planned,
                },
                "nps": {"score": line.nps, "answers": line.nps_answers},
                "objectives": {
                    "achieved": line.objectives_achieved,
                    "total": line.objectives_total,
                },
            }
            for line in figures.programmes
        ],
        "drafts": figures.drafts,
        "participation": {
            "departments": [vars(group) for group in figures.departments],
            "sites": [vars(group) for group in figures.sites],
        },
    }
