"""Where each SMART objective stands (MEASURE.md, "objective status").

- *achieved*: the KPI's current value is at or above the target (for every metric of
  `Metric` a higher value is better); it is today's value that counts, so an objective whose
  KPI falls back below its target is no longer achieved;
- *on track*: the current value is at or above the straight line drawn from the baseline on
  the programme's start date to the target on the target date (the target itself from the
  target date on, the baseline before the start);
- *off track*: below that line;
- *not enough data*: the KPI cannot be computed yet (no answers, no goals, nobody 12 months
  in, a cohort filter for participation).
Where the line cannot be drawn (no baseline, or no start date, or a target date on or before
the start) nothing says the objective is behind before its target date: it is on track until
then, off track after.

The KPI of each metric is the dashboard's figure of the same name; *participation* is the
number of people with an approved application, as the metric's label "Participants enrolled"
says and as its unbounded target (METRIC_BOUNDS) implies: a count, not the share of the
people it was open to.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from mentora.analytics.anonymity import Path
from mentora.programs.models import Metric, Objective

# The dashboard figure each metric reads.
METRIC_FIGURE: dict[str, Path] = {
    Metric.SATISFACTION: ("satisfaction", "mean"),
    Metric.NPS: ("nps", "score"),
    Metric.GOAL_ATTAINMENT: ("goals", "attainment"),
    Metric.SESSIONS_PER_PAIR: ("sessions", "held_per_active_pair"),
    Metric.RETENTION: ("retention", "participants"),
    Metric.PARTICIPATION: ("funnel", "approved"),
}


class Status:
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NOT_ENOUGH_DATA = "not_enough_data"


def expected_value(objective: Objective, starts_on: date | None, on: date) -> Decimal | None:
    """The straight line's value on `on`; None when the line cannot be drawn."""
    baseline, target, due = objective.baseline, objective.target, objective.target_date
    if baseline is None or starts_on is None or due <= starts_on:
        return None
    if on <= starts_on:
        return Decimal(baseline)
    if on >= due:
        return Decimal(target)
    elapsed = Decimal((on - starts_on).days) / Decimal((due - starts_on).days)
    return Decimal(baseline) + (Decimal(target) - Decimal(baseline)) * elapsed


def objective_status(
    objective: Objective, current: int | float | None, starts_on: date | None, as_of: date
) -> str:
    if current is None:
        return Status.NOT_ENOUGH_DATA
    value = Decimal(str(current))
    if value >= objective.target:
        return Status.ACHIEVED
    line = expected_value(objective, starts_on, as_of)
    if line is None:
        return Status.ON_TRACK if as_of < objective.target_date else Status.OFF_TRACK
    return Status.ON_TRACK if value >= line else Status.OFF_TRACK


def number(value: Decimal | None) -> int | float | None:
    """A stored decimal as JSON reads best: 40 rather than 40.00, 4.25 as it is."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def read(data: dict[str, Any], path: Path) -> Any:
    target: Any = data
    for key in path:
        target = target[key]
    return target
