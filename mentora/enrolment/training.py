"""Training a programme requires of its participants, by their role in it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from mentora.accounts.models import Membership
from mentora.enrolment.models import Application
from mentora.learning.models import StepCompletion, TrainingModule, TrainingStep
from mentora.learning.selectors import audiences_for, module_progress
from mentora.programs.models import Programme

# SQLite refuses statements with too many parameters; lists of ids are sent in chunks.
_ID_CHUNK = 900


@dataclass(frozen=True)
class TrainingStatus:
    done: int
    required: int

    @property
    def complete(self) -> bool:
        return self.done >= self.required

    @property
    def percent(self) -> int:
        return 100 if not self.required else round(100 * self.done / self.required)


def required_steps(programme: Programme) -> QuerySet[TrainingStep]:
    """Steps of the published modules a programme requires before matching."""
    return TrainingStep.objects.filter(
        module__required_by=programme, module__is_published=True
    ).distinct()


def _roles(programme: Programme, batch: Iterable[Any]) -> dict[int, str]:
    """Each person's role in the programme, from their latest application."""
    rows = (
        Application.objects.filter(programme=programme, membership__in=batch)
        .order_by("submitted_at", "pk")
        .values_list("membership_id", "role")
    )
    return dict(rows)


def training_status(
    programme: Programme, memberships: Iterable[Membership | int] | QuerySet[Membership]
) -> dict[int, TrainingStatus]:
    """Required steps done per membership, by role: three queries for a queryset, two more
    per 900 ids for a list. Mentors must do the modules for mentors and for everyone,
    mentees those for mentees and for everyone."""
    per_audience = dict(
        required_steps(programme)
        .order_by()
        .values("module__audience")
        .annotate(n=Count("pk"))
        .values_list("module__audience", "n")
    )
    if isinstance(memberships, QuerySet):
        batches: list[Iterable[Any]] = [memberships.values("pk")]
        wanted: list[int] | None = None
    else:
        wanted = [m if isinstance(m, int) else m.pk for m in memberships]
        batches = [wanted[i : i + _ID_CHUNK] for i in range(0, len(wanted), _ID_CHUNK)]
    done: dict[tuple[int, str], int] = {}
    roles: dict[int, str] = {}
    if per_audience:
        for batch in batches:
            rows = (
                StepCompletion.objects.filter(
                    membership__in=batch,
                    step__module__required_by=programme,
                    step__module__is_published=True,
                )
                .values("membership_id", "step__module__audience")
                .annotate(n=Count("step_id", distinct=True))
            )
            for row in rows:
                done[row["membership_id"], row["step__module__audience"]] = row["n"]
            roles.update(_roles(programme, batch))
    if wanted is None:
        wanted = list(memberships.values_list("pk", flat=True))  # type: ignore[union-attr]
    result = {}
    for pk in wanted:
        audiences = audiences_for(roles.get(pk))
        result[pk] = TrainingStatus(
            done=sum(done.get((pk, audience), 0) for audience in audiences),
            required=sum(per_audience.get(audience, 0) for audience in audiences),
        )
    return result


def training_complete_q(programme: Programme, prefix: str = "") -> Q:
    """A filter on applications (or on `prefix`-ed ones) whose person finished the training
    their role requires; for the review table: `applications.filter(training_complete_q(p))`.
    """
    steps = required_steps(programme)
    condition = Q()
    for role in ("mentor", "mentee", "peer"):
        audiences = audiences_for(role)
        required = steps.filter(module__audience__in=audiences).count()
        if not required:
            continue
        trained = (
            StepCompletion.objects.filter(
                step__module__required_by=programme,
                step__module__is_published=True,
                step__module__audience__in=audiences,
            )
            .values("membership_id")
            .annotate(n=Count("step_id", distinct=True))
            .filter(n__gte=required)
            .values("membership_id")
        )
        condition &= ~Q(**{f"{prefix}role": role}) | Q(**{f"{prefix}membership__in": trained})
    return condition


def required_modules_for(
    programme: Programme, membership: Membership | None
) -> QuerySet[TrainingModule]:
    """Published modules the programme requires of this person, given their role in it."""
    role = _roles(programme, [membership.pk]).get(membership.pk) if membership else None
    return (
        programme.required_modules.published()
        .filter(audience__in=audiences_for(role))
        .order_by("title", "pk")
    )


def missing_modules(programme: Programme, membership: Membership) -> list[TrainingModule]:
    """Required published modules this person has not completed yet."""
    modules = required_modules_for(programme, membership)
    return [p.module for p in module_progress(membership, modules) if not p.complete and p.total]
