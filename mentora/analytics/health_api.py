"""API over relationship health: the programme's open relationships with their score and
reasons, for its coordinators and the org admins (sponsors and members 403, another
organisation 404). The health is read as stored, never computed for the request."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from mentora.accounts.actors import actor
from mentora.analytics import policy
from mentora.analytics.at_risk import health_rows, with_people
from mentora.analytics.health import at_risk_threshold, reason_text
from mentora.core.schemas import ERRORS, ProgrammeId

router = Router(tags=["analytics"])


class ReasonOut(Schema):
    code: str = Field(
        ...,
        description=(
            "no_meeting, no_meeting_yet, meetings_missed, meetings_cancelled, "
            "agreement_unsigned, goals_behind, pulse_low, pulse_poor_fit or open_concern."
        ),
    )
    points: int = Field(..., description="Points it took off the score.")
    text: str = Field(..., description="The reason in words, in the caller's language.")
    figures: dict[str, Any] = Field(
        ..., description="Its figures: days, count, cadence, quality, dates (ISO 8601)."
    )


class MemberOut(Schema):
    membership_id: int
    name: str
    role: str


class HealthOut(Schema):
    mentorship_id: int
    score: int = Field(..., ge=0, le=100)
    at_risk: bool
    members: list[MemberOut]
    reasons: list[ReasonOut]
    computed_at: datetime


class HealthListOut(Schema):
    programme_id: int
    at_risk_below: int = Field(..., description="Scores below it are at risk.")
    count: int
    items: list[HealthOut]


class HealthFilter(Schema):
    at_risk: bool = Field(False, description="Only the relationships at risk.")


def _reason(reason: dict[str, Any]) -> dict[str, Any]:
    figures = {k: v for k, v in reason.items() if k not in {"code", "points"}}
    return {
        "code": reason.get("code", ""),
        "points": reason.get("points", 0),
        "text": reason_text(reason),
        "figures": figures,
    }


@router.get(
    "/programmes/{programme_id}/relationships/health",
    response={200: HealthListOut, **ERRORS},
    summary="Health of a programme's open relationships, lowest score first (coordinators)",
)
def relationship_health(
    request: HttpRequest, programme_id: ProgrammeId, filters: Query[HealthFilter]
):
    programme = policy.get_programme_for_health(actor(request), programme_id)
    threshold = at_risk_threshold(programme)
    rows = with_people(health_rows(programme, below=threshold if filters.at_risk else None))
    items = [
        {
            "mentorship_id": row.mentorship_id,
            "score": row.score,
            "at_risk": row.score < threshold,
            "members": [
                {
                    "membership_id": p.membership_id,
                    "name": str(p.membership.user),
                    "role": p.role,
                }
                for p in row.mentorship.active_people
            ],
            "reasons": [_reason(reason) for reason in row.reasons],
            "computed_at": row.computed_at,
        }
        for row in rows
    ]
    return {
        "programme_id": programme.pk,
        "at_risk_below": threshold,
        "count": len(items),
        "items": items,
    }
