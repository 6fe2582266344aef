"""Reads of a person's training progress. What a programme requires of its participants is
read in `mentora.enrolment.training`, which knows their roles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from mentora.accounts.models import Membership
from mentora.learning.models import StepCompletion, TrainingModule


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


def completed_step_ids(membership: Membership, module: TrainingModule) -> set[int]:
    return set(
        StepCompletion.objects.filter(membership=membership, step__module=module).values_list(
            "step_id", flat=True
        )
    )
