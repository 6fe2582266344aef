"""Reads of training progress, for members' pages and the coordinators' review table."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from mentora.accounts.models import Membership
from mentora.learning.models import StepCompletion, TrainingModule, TrainingStep
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


def required_steps(programme: Programme) -> QuerySet[TrainingStep]:
    """Steps of the published modules a programme requires before matching."""
    return TrainingStep.objects.filter(
        module__required_by=programme, module__is_published=True
    ).distinct()


def training_status(
    programme: Programme, memberships: Iterable[Membership | int] | QuerySet[Membership]
) -> dict[int, TrainingStatus]:
    """Required steps done per membership: two queries for a queryset, one more per 900 ids."""
    required = required_steps(programme).count()
    if isinstance(memberships, QuerySet):
        ids_batches: list[object] = [memberships.values("pk")]
        wanted: list[int] | None = None
    else:
        wanted = [m if isinstance(m, int) else m.pk for m in memberships]
        ids_batches = [wanted[i : i + _ID_CHUNK] for i in range(0, len(wanted), _ID_CHUNK)]
    done: dict[int, int] = {}
    if required:
        for batch in ids_batches:
            rows = (
                StepCompletion.objects.filter(
                    membership__in=batch,
                    step__module__required_by=programme,
                    step__module__is_published=True,
                )
                .values("membership_id")
                .annotate(n=Count("step_id", distinct=True))
            )
            done.update({row["membership_id"]: row["n"] for row in rows})
    if wanted is None:
        wanted = list(memberships.values_list("pk", flat=True))  # type: ignore[union-attr]
    return {pk: TrainingStatus(done=done.get(pk, 0), required=required) for pk in wanted}


def training_complete_q(programme: Programme, field: str = "membership") -> Q:
    """A filter on `field` (a membership) keeping those who completed the required training.

    For the review table's “training done” filter: `applications.filter(training_complete_q(p))`.
    """
    required = required_steps(programme).count()
    if not required:
        return Q()
    trained = (
        StepCompletion.objects.filter(
            step__module__required_by=programme, step__module__is_published=True
        )
        .values("membership_id")
        .annotate(n=Count("step_id", distinct=True))
        .filter(n__gte=required)
        .values("membership_id")
    )
    return Q(**{f"{field}__in": trained})


def module_progress(
    membership: Membership, modules: Iterable[TrainingModule]
) -> list[ModuleProgress]:
    """Each module with the steps it holds and the steps this person completed, in one query."""
    modules = list(modules)
    ids = [module.pk for module in modules]
    counts = {
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


def missing_modules(programme: Programme, membership: Membership) -> list[TrainingModule]:
    """Required published modules this person has not completed yet."""
    modules = programme.required_modules.published().order_by("title", "pk")
    return [p.module for p in module_progress(membership, modules) if not p.complete and p.total]


def completed_step_ids(membership: Membership, module: TrainingModule) -> set[int]:
    return set(
        StepCompletion.objects.filter(membership=membership, step__module=module).values_list(
            "step_id", flat=True
        )
    )
