"""Reads behind the coordinator's application review table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from mentora.accounts.models import Membership
from mentora.enrolment.models import Application, ApplicationStatus
from mentora.profiles.selectors import completeness_for_memberships
from mentora.programs.models import ParticipantRole, Programme

SORTS = {
    "name": ("membership__user__last_name", "membership__user__first_name"),
    "-name": ("-membership__user__last_name", "-membership__user__first_name"),
    "submitted": ("submitted_at", "pk"),
    "-submitted": ("-submitted_at", "-pk"),
    "level": ("membership__seniority_level", "pk"),
    "-level": ("-membership__seniority_level", "-pk"),
    "department": ("membership__department__name", "pk"),
    "status": ("status", "pk"),
}


@dataclass(frozen=True)
class EnrolmentCounters:
    mentors: int
    mentees: int
    peers: int
    capacity: int
    pending: int
    waitlisted: int

    @property
    def capacity_short(self) -> bool:
        """Approved mentors cannot take every approved mentee."""
        return self.mentees > 0 and self.capacity < self.mentees

    @property
    def shortfall(self) -> int:
        return max(0, self.mentees - self.capacity)


def enrolment_counters(programme: Programme) -> EnrolmentCounters:
    """Approved mentors vs mentees and their capacity, in one query."""
    approved = Q(status=ApplicationStatus.APPROVED)
    row = programme.applications.aggregate(
        mentors=Count("pk", filter=approved & Q(role=ParticipantRole.MENTOR)),
        mentees=Count("pk", filter=approved & Q(role=ParticipantRole.MENTEE)),
        peers=Count("pk", filter=approved & Q(role=ParticipantRole.PEER)),
        capacity=Coalesce(
            Sum(
                Coalesce("capacity", programme.default_mentor_capacity),
                filter=approved & Q(role=ParticipantRole.MENTOR),
            ),
            0,
        ),
        pending=Count("pk", filter=Q(status=ApplicationStatus.SUBMITTED)),
        waitlisted=Count("pk", filter=Q(status=ApplicationStatus.WAITLISTED)),
    )
    return EnrolmentCounters(**row)


def review_queryset(programme: Programme, filters: dict[str, Any]) -> QuerySet[Application]:
    """The programme's applications narrowed by the review table's filters."""
    applications: QuerySet[Application] = programme.applications.select_related(
        "membership__user", "membership__department", "membership__site"
    )
    if filters.get("role"):
        applications = applications.filter(role=filters["role"])
    if filters.get("status"):
        applications = applications.filter(status=filters["status"])
    else:
        applications = applications.exclude(status=ApplicationStatus.WITHDRAWN)
    if filters.get("department"):
        applications = applications.filter(membership__department=filters["department"])
    if filters.get("level"):
        applications = applications.filter(membership__seniority_level=filters["level"])
    if filters.get("completeness"):
        applications = _with_completeness_at_least(applications, int(filters["completeness"]))
    if filters.get("training") in ("done", "not_done"):
        from mentora.enrolment.training import training_complete_q

        trained = training_complete_q(programme)
        applications = (
            applications.filter(trained)
            if filters["training"] == "done"
            else applications.exclude(trained)
        )
    query = (filters.get("q") or "").strip()
    if query:
        applications = applications.filter(
            Q(membership__user__first_name__icontains=query)
            | Q(membership__user__last_name__icontains=query)
            | Q(membership__user__email__icontains=query)
            | Q(membership__job_title__icontains=query)
            | Q(goals__icontains=query)
        )
    return applications.order_by(*SORTS.get(filters.get("sort") or "", SORTS["submitted"]))


def _with_completeness_at_least(
    applications: QuerySet[Application], percent: int
) -> QuerySet[Application]:
    members = Membership.objects.filter(pk__in=applications.values("membership_id"))
    scores = completeness_for_memberships(members)
    return applications.filter(
        membership_id__in=[pk for pk, value in scores.items() if value >= percent]
    )


def attach_readiness(programme: Programme, applications: list[Application]) -> list[Application]:
    """Set `completeness` and `training` (None when no training is required) on a page."""
    from mentora.enrolment.training import required_steps, training_status

    ids = [a.membership_id for a in applications]
    scores = completeness_for_memberships(ids)
    training = training_status(programme, ids) if required_steps(programme).exists() else {}
    for application in applications:
        application.completeness = scores.get(application.membership_id, 0)  # type: ignore[attr-defined]
        application.training = training.get(application.membership_id)  # type: ignore[attr-defined]
    return applications


def mentee_places_left(programme: Programme) -> int | None:
    """Places left for mentees (or peers); None when the programme sets no limit."""
    if programme.mentee_places is None:
        return None
    taken = (
        programme.applications.filter(status=ApplicationStatus.APPROVED)
        .exclude(role=ParticipantRole.MENTOR)
        .count()
    )
    return max(0, programme.mentee_places - taken)
