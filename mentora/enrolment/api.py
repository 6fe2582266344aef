"""API over enrolment: applying, one's application, and the coordinators' review."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, cast

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from mentora.accounts.actors import actor
from mentora.accounts.models import User
from mentora.core.schemas import ERRORS, Id, ProgrammeId
from mentora.enrolment import policy, services
from mentora.enrolment.forms import ApplicationForm
from mentora.enrolment.selectors import enrolment_counters, review_queryset
from mentora.programs import policy as programme_policy

router = Router(tags=["enrolment"])


class ApplicationIn(Schema):
    role: Literal["mentor", "mentee", "peer"]
    goals: str = Field("", max_length=5000)
    capacity: int | None = Field(None, ge=1, le=20)
    department_preference: Literal["any", "same", "other"] = "any"
    meeting_mode: Literal["either", "remote", "in_person"] = "either"
    language: Literal["", "en", "fr"] = ""
    answers: dict[str, object] = Field(
        default_factory=dict, description="Answers to the programme's questions, by question id."
    )


class ApplicationOut(Schema):
    id: int
    programme_id: int
    role: str
    status: str
    goals: str
    capacity: int | None
    submitted_at: datetime
    decision_message: str


class ReviewItemOut(ApplicationOut):
    person: str
    email: str
    department: str | None
    seniority_level: int | None


class DecisionIn(Schema):
    decision: Literal["approved", "declined", "waitlisted"]
    applications: list[Id] = Field(..., min_length=1, max_length=5000)
    message: str = Field("", max_length=2000)


class DecisionOut(Schema):
    approved: int
    declined: int
    waitlisted: int


class CountersOut(Schema):
    mentors: int
    mentees: int
    peers: int
    capacity: int
    pending: int
    waitlisted: int
    capacity_short: bool


class ReviewFilters(Schema):
    role: Literal["mentor", "mentee", "peer"] | None = None
    status: Literal["submitted", "approved", "waitlisted", "declined", "withdrawn"] | None = None
    q: str | None = Field(None, max_length=100)
    offset: int = Field(0, ge=0)
    limit: int = Field(100, ge=1, le=500)


class ReviewPageOut(Schema):
    count: int
    counters: CountersOut
    items: list[ReviewItemOut]


@router.post(
    "/{programme_id}/applications",
    response={201: ApplicationOut, **ERRORS},
    summary="Apply to a programme",
)
def apply(request: HttpRequest, programme_id: ProgrammeId, payload: ApplicationIn):
    membership = actor(request)
    programme = policy.get_programme_to_apply(membership, programme_id)
    services.check_can_apply(programme=programme, membership=membership, today=timezone.localdate())
    data = payload.dict()
    answers = data.pop("answers")
    form = ApplicationForm(
        {
            **{k: "" if v is None else v for k, v in data.items()},
            **{f"q_{k}": v for k, v in answers.items()},
        },
        programme=programme,
        membership=membership,
    )
    if not form.is_valid():
        return Status(422, {"detail": form.errors.get_json_data(), "code": "invalid"})
    application = services.submit_application(
        programme=programme,
        membership=membership,
        role=form.cleaned_data["role"],
        **form.application_fields(),
        answers=form.answers(),
        today=timezone.localdate(),
    )
    return Status(201, application)


@router.get(
    "/{programme_id}/application",
    response={200: ApplicationOut, **ERRORS},
    summary="My application to a programme",
)
def my_application(request: HttpRequest, programme_id: ProgrammeId):
    membership = actor(request)
    programme = programme_policy.get_public_programme(membership, programme_id)
    application = policy.get_own_application(membership, programme)
    if application is None:
        return Status(404, {"detail": "no application", "code": "not_found"})
    return application


@router.post(
    "/{programme_id}/application/withdraw",
    response={200: ApplicationOut, **ERRORS},
    summary="Withdraw my application",
)
def withdraw(request: HttpRequest, programme_id: ProgrammeId):
    membership = actor(request)
    programme = programme_policy.get_public_programme(membership, programme_id)
    application = policy.get_own_application(membership, programme)
    if application is None:
        return Status(404, {"detail": "no application", "code": "not_found"})
    return services.withdraw_application(application=application, actor=cast(User, request.user))


@router.get(
    "/{programme_id}/applications",
    response={200: ReviewPageOut, **ERRORS},
    summary="Review a programme's applications (coordinators)",
)
def review(request: HttpRequest, programme_id: ProgrammeId, filters: Query[ReviewFilters]):
    programme = programme_policy.get_programme_to_manage(actor(request), programme_id)
    applications = review_queryset(programme, filters.dict(exclude={"offset", "limit"}))
    counters = enrolment_counters(programme)
    items = [
        ReviewItemOut(
            id=a.pk,
            programme_id=a.programme_id,
            role=a.role,
            status=a.status,
            goals=a.goals,
            capacity=a.capacity,
            submitted_at=a.submitted_at,
            decision_message=a.decision_message,
            person=str(a.membership.user),
            email=a.membership.user.email,
            department=a.membership.department.name if a.membership.department else None,
            seniority_level=a.membership.seniority_level,
        )
        for a in applications[filters.offset : filters.offset + filters.limit]
    ]
    return ReviewPageOut(
        count=applications.count(),
        counters=CountersOut(**counters.__dict__, capacity_short=counters.capacity_short),
        items=items,
    )


@router.post(
    "/{programme_id}/applications/decisions",
    response={200: DecisionOut, **ERRORS},
    summary="Approve, decline or waitlist applications (coordinators)",
)
def decide(request: HttpRequest, programme_id: ProgrammeId, payload: DecisionIn):
    programme = programme_policy.get_programme_to_manage(actor(request), programme_id)
    return services.decide_applications(
        programme=programme,
        application_ids=payload.applications,
        decision=payload.decision,
        message=payload.message,
        actor=cast(User, request.user),
    )
