"""What every app may use and store: the claimed slots of self-planning task chains."""

from __future__ import annotations

from django.db import models


class PlannedRun(models.Model):
    """One planned run of a chain of tasks (`mentora.core.scheduling`): the unique (chain,
    instant) lets whoever plans it first (the previous run, a management command, another
    worker) enqueue it, and only once."""

    chain = models.CharField(max_length=40)
    run_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["chain", "run_at"], name="uniq_planned_run_per_chain")
        ]

    def __str__(self) -> str:
        return f"{self.chain} {self.run_at:%Y-%m-%d %H:%M}"
