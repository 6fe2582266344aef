"""Background work of the analytics: the nightly run (see `nightly.py`)."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from mentora.analytics import nightly


@task
def run_analytics_nightly() -> dict[str, int]:
    nightly.plan_nightly_run(after=timezone.now())
    return nightly.run_nightly()
