"""Each objective's weekly trend: one KpiPoint per programme, metric and week.

`record_kpi_points(today)` runs every night (nightly.py) and stores, for every running or
closing programme, the value on `today` of every metric its objectives use, on the Monday of
this week: the week's point is rewritten each night until the week ends, so it holds the
value on its last day, and running it twice changes nothing. Points are the whole
programme's: filters do not apply to a trend.

A trend is read from the stored points only, with this week's value computed live when the
night has not stored it yet. Weeks before the first stored point are not rebuilt "as of"
each Monday: goals keep their current status only, applications their current decision and
HR data its corrections, so a rebuilt week would mix today's knowledge into a past value,
and rebuilding a year costs some 50 computations of the dashboard. A programme's trend starts
the week its first objective is measured.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from mentora.analytics.anonymity import Figures, K
from mentora.analytics.figures import compute_figures
from mentora.analytics.filters import Scope
from mentora.analytics.models import KpiPoint
from mentora.analytics.objectives import METRIC_FIGURE, expected_value, number, read
from mentora.programs.models import Metric, Objective, Programme, Status


def week_of(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def _value(figures: Figures, metric: str) -> tuple[Decimal | None, int]:
    path = METRIC_FIGURE[Metric(metric)]
    if path in figures.withheld:
        return None, 0
    value = read(figures.data, path)
    return (Decimal(str(value)) if value is not None else None), figures.bases.get(path, 0)


def record_kpi_points(today: date) -> int:
    """Store this week's point of every metric used by an objective of a running or closing
    programme; returns how many points were written."""
    programmes = (
        Programme.objects.filter(
            status__in=[Status.RUNNING, Status.CLOSING], objectives__isnull=False
        )
        .distinct()
        .prefetch_related("objectives")
    )
    written = 0
    week = week_of(today)
    for programme in programmes:
        if programme.starts_on is not None and programme.starts_on > today:
            continue  # nothing to measure before the programme starts
        figures = compute_figures(programme, Scope(), today)
        for metric in sorted({objective.metric for objective in programme.objectives.all()}):
            value, base = _value(figures, metric)
            KpiPoint.objects.update_or_create(
                programme=programme,
                metric=metric,
                week=week,
                defaults={"value": value, "base": base, "computed_at": timezone.now()},
            )
            written += 1
    return written


def objective_trends(
    programme: Programme,
    *,
    anonymised: bool,
    today: date | None = None,
    current: Figures | None = None,
) -> dict[int, list[dict[str, Any]]]:
    """Each objective's weekly points, {objective id: [{"week", "value", "expected"}]}, oldest
    first; `expected` is the straight line's value that week (None where it cannot be drawn).
    For a sponsor a point resting on fewer than k people has no value. `current`, the whole
    programme's figures on `today` when the caller has them already (`Dashboard.whole`),
    spares computing them again for a week the night has not stored yet."""
    today = today or timezone.localdate()
    objectives = list(programme.objectives.all())
    metrics = {objective.metric for objective in objectives}
    stored: dict[str, dict[date, tuple[Decimal | None, int]]] = {m: {} for m in metrics}
    rows = KpiPoint.objects.filter(programme=programme, metric__in=metrics)
    if programme.starts_on is not None:
        # A trend starts with its programme (points stored earlier measured nothing).
        rows = rows.filter(week__gte=week_of(programme.starts_on))
    for point in rows:
        stored[point.metric][point.week] = (point.value, point.base)
    this_week = week_of(today)
    if any(this_week not in points for points in stored.values()):
        figures = current if current is not None else compute_figures(programme, Scope(), today)
        for metric, points in stored.items():
            points.setdefault(this_week, _value(figures, metric))
    trends: dict[int, list[dict[str, Any]]] = {}
    for objective in objectives:
        trends[objective.pk] = [
            {
                "week": week.isoformat(),
                "value": None if value is None or (anonymised and base < K) else number(value),
                "expected": _expected(objective, programme.starts_on, week),
            }
            for week, (value, base) in sorted(stored[objective.metric].items())
        ]
    return trends


def _expected(objective: Objective, starts_on: date | None, week: date) -> float | None:
    line = expected_value(objective, starts_on, week)
    return None if line is None else float(line.quantize(Decimal("0.01")))


def objective_trend(
    objective: Objective, *, anonymised: bool, today: date | None = None
) -> list[dict[str, Any]]:
    """One objective's weekly points (see `objective_trends`)."""
    return objective_trends(objective.programme, anonymised=anonymised, today=today)[objective.pk]
