"""Reads of training progress, for members' pages and the coordinators' review table."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from mentora.accounts.models import Membership
from mentora.learning.models import StepCompletion, TrainingModule, TrainingStep
from mentora.programs.models import Application, Programme

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


@dataclass(frozen=True)
class ModuleProgress:
    module: TrainingModule
    done: int
    total: int

    @property
    def percent(self) -> int:
        return 0 if not self.total else round(100 * self.done / self.total)

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done >= self.total


# Which module audiences a participant of each role must complete; peers both mentor and
# learn, and someone who has not applied yet is shown everything.
AUDIENCES_BY_ROLE = {
    "mentor": ("all", "mentor"),
    "mentee": ("all", "mentee"),
}
EVERY_AUDIENCE = ("all", "mentor", "mentee")


def audiences_for(role: str | None) -> tuple[str, ...]:
    return AUDIENCES_BY_ROLE.get(role or "", EVERY_AUDIENCE)


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


def module_progress(
    membership: Membership, modules: Iterable[TrainingModule]
) -> list[ModuleProgress]:
    """Each module with the steps it holds and the steps this person completed, in one query."""
    modules = list(modules)
    ids = [module.pk for module in modules]
    counts: dict[int, Any] = {
        row["pk"]: row
        for row in TrainingModule.objects.filter(pk__in=ids)
        .annotate(
            total=Count("steps", distinct=True),
            done=Count(
                "steps__completions",
                filter=Q(steps__completions__membership=membership),
                distinct=True,
            ),
        )
        .values("pk", "total", "done")
    }
    return [
        ModuleProgress(
            module=module,
            done=counts.get(module.pk, {}).get("done", 0),
            total=counts.get(module.pk, {}).get("total", 0),
        )
        for module in modules
    ]


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


def completed_step_ids(membership: Membership, module: TrainingModule) -> set[int]:
    return set(
        StepCompletion.objects.filter(membership=membership, step__module=module).values_list(
            "step_id", flat=True
        )
    )
