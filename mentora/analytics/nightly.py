"""The analytics' nightly run on the task worker: what only the passing of time changes.

A relationship's health moves with its signals (see `receivers.py`) but also with the days:
a meeting gap grows, an agreement's 14 days run out, a goal falls due. Each night the run
recomputes every open relationship. Like the feedback scheduler, each run first plans the
next one, so a run that fails never breaks the chain; `manage.py schedule_analytics` starts
the chain (`make run` calls it), and a night is never planned twice whoever plans it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from mentora.analytics.health import recompute_all
from mentora.analytics.kpi import record_kpi_points
from mentora.core.scheduling import plan_once

# The quiet hour of the night, in the server's time zone.
NIGHTLY_AT = time(2, 30)


def run_nightly(today: date | None = None) -> dict[str, int]:
    """One nightly pass; returns what it did, in counts."""
    day = today or timezone.localdate()
    # This week's point of each objective's KPI (kpi.py): rewritten each night of the week.
    return {"health": recompute_all(day), "kpi_points": record_kpi_points(day)}


def nightly_slot(after: datetime) -> datetime:
    """The first nightly instant strictly after `after`."""
    local = timezone.localtime(after)
    slot = timezone.make_aware(datetime.combine(local.date(), NIGHTLY_AT))
    if slot <= after:
        slot = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), NIGHTLY_AT))
    return slot


def plan_nightly_run(*, after: datetime) -> bool:
    """Enqueue the nightly run of the first night after `after`, unless already planned;
    returns whether this call planned it."""
    from mentora.analytics.tasks import run_analytics_nightly

    return plan_once(run_analytics_nightly, slot=nightly_slot(after), chain="analytics")
