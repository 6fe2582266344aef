"""Chains of tasks that plan their own next run on the task worker, each run exactly once.

A chain claims each slot (the instant a run is due) as a `PlannedRun` row, unique per chain
and instant, in the same transaction as it enqueues the task: whoever plans a slot first (the
previous run, a management command, another worker) enqueues it, everybody else finds it
claimed. The database task backend stores tasks in the same database, so a run is either
claimed and queued, or neither.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction

from mentora.core.models import PlannedRun

# Claimed slots are kept a week: long enough to see a chain's recent history, short enough
# that the table stays a few hundred rows.
KEEP_CLAIMS = timedelta(days=7)


def plan_once(task: Any, *, slot: datetime, chain: str) -> bool:
    """Enqueue `task` to run at `slot`, unless `chain` has already claimed that slot.

    Returns whether this call planned it. A backend that cannot defer a task (the immediate
    one of the tests) plans nothing: a chain would then run forever at once."""
    if not task.get_backend().supports_defer:
        return False
    with transaction.atomic():
        try:
            with transaction.atomic():
                PlannedRun.objects.create(chain=chain, run_at=slot)
        except IntegrityError:
            return False
        PlannedRun.objects.filter(chain=chain, run_at__lt=slot - KEEP_CLAIMS).delete()
        task.using(run_after=slot).enqueue()
    return True
