"""API over programme design; the same policies and services as the pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal, cast

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from mentora.accounts.actors import actor
from mentora.accounts.models import User
from mentora.core.schemas import ERRORS, Error, ProgrammeId
from mentora.programs import policy, services
from mentora.programs.models import Objective, Programme

router = Router(tags=["programmes"])


class ObjectiveOut(Schema):
    id: int
    title: str
    metric: str
    baseline: Decimal | None
    target: Decimal
    target_date: date


class ProgrammeOut(Schema):
    id: int
    name: str
    summary: str
    description: str
    kind: str
    format: str
    group_size: int | None
    is_formal: bool
    status: str
    starts_on: date | None
    ends_on: date | None
    cadence: str
    session_minutes: int
    enrolment_opens_on: date | None
    enrolment_closes_on: date | None
    enrolment_mode: str
    matching_mode: str
    default_mentor_capacity: int
    mentee_places: int | None


class StatusIn(Schema):
    status: Literal["draft", "enrolling", "matching", "running", "closing", "closed"]


@router.get("", response={200: list[ProgrammeOut], **ERRORS}, summary="Programmes I can see")
def list_programmes(request: HttpRequest) -> list[Programme]:
    return list(policy.visible_programmes(actor(request)).order_by("name"))


@router.get("/{programme_id}", response={200: ProgrammeOut, **ERRORS}, summary="One programme")
def get_programme(request: HttpRequest, programme_id: ProgrammeId) -> Programme:
    return policy.get_public_programme(actor(request), programme_id)


@router.get(
    "/{programme_id}/objectives",
    response={200: list[ObjectiveOut], **ERRORS},
    summary="A programme's SMART objectives",
)
def list_objectives(request: HttpRequest, programme_id: ProgrammeId) -> list[Objective]:
    return list(policy.get_public_programme(actor(request), programme_id).objectives.all())


@router.post(
    "/{programme_id}/status",
    response={200: ProgrammeOut, 409: Error, **ERRORS},
    summary="Move a programme along its lifecycle",
)
def change_status(request: HttpRequest, programme_id: ProgrammeId, payload: StatusIn):
    programme = policy.get_programme_to_manage(actor(request), programme_id)
    try:
        return services.change_programme_status(
            programme=programme, status=payload.status, actor=cast(User, request.user)
        )
    except services.TransitionNotAllowed as refusal:
        return Status(
            409, {"detail": refusal.reason or "transition not allowed", "code": "transition"}
        )
