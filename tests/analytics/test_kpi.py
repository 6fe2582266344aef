"""Objectives' status line and weekly trend: KpiPoints recorded nightly, read back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from mentora.analytics.kpi import objective_trend, record_kpi_points, week_of
from mentora.analytics.models import KpiPoint
from mentora.analytics.objectives import objective_status
from mentora.programs.models import Objective
from tests.analytics.world import AS_OF

START = date(2027, 1, 1)


def _objective(**kwargs) -> Objective:
    kwargs.setdefault("baseline", Decimal(0))
    kwargs.setdefault("target", Decimal(40))
    kwargs.setdefault("target_date", date(2027, 12, 31))
    return Objective(title="NPS", metric="nps", **kwargs)


def test_an_objective_at_its_target_is_achieved():
    assert objective_status(_objective(), 40, START, date(2027, 3, 1)) == "achieved"


def test_an_objective_on_or_above_the_line_is_on_track():
    # Halfway through the year the line stands at about 20.
    assert objective_status(_objective(), 21, START, date(2027, 7, 2)) == "on_track"


def test_an_objective_below_the_line_is_off_track():
    assert objective_status(_objective(), 19, START, date(2027, 7, 2)) == "off_track"


def test_an_objective_without_a_value_has_not_enough_data():
    assert objective_status(_objective(), None, START, date(2027, 7, 2)) == "not_enough_data"


def test_an_objective_without_baseline_is_on_track_until_its_date_then_off_track():
    objective = _objective(baseline=None)
    assert objective_status(objective, 1, START, date(2027, 12, 30)) == "on_track"
    assert objective_status(objective, 1, START, date(2028, 1, 1)) == "off_track"


def test_record_kpi_points_stores_this_weeks_point_of_each_metric(world):
    written = record_kpi_points(AS_OF)
    assert written == 6
    point = KpiPoint.objects.get(programme=world.programme, metric="nps")
    assert (point.week, point.value, point.base) == (date(2028, 3, 13), Decimal(14), 7)


def test_record_kpi_points_twice_in_a_week_keeps_one_point(world):
    record_kpi_points(AS_OF)
    record_kpi_points(date(2028, 3, 17))
    assert KpiPoint.objects.filter(programme=world.programme, metric="nps").count() == 1


def test_record_kpi_points_skips_programmes_not_running(world):
    world.programme.status = "closed"
    world.programme.save()
    assert record_kpi_points(AS_OF) == 0


def test_objective_trend_reads_stored_weeks_and_this_weeks_value(world):
    KpiPoint.objects.create(
        programme=world.programme, metric="nps", week=date(2028, 3, 6), value=Decimal(10), base=6
    )
    trend = objective_trend(world.objectives["nps"], anonymised=False, today=AS_OF)
    assert [(p["week"], p["value"]) for p in trend] == [("2028-03-06", 10), ("2028-03-13", 14)]
    # The line from 0 on 2027-01-01 to 40 on 2028-06-30, on 2028-03-06: 40 × 430 / 546.
    assert trend[0]["expected"] == 31.5


def test_objective_trend_hides_points_under_k_for_a_sponsor(world):
    KpiPoint.objects.create(
        programme=world.programme, metric="nps", week=date(2028, 3, 6), value=Decimal(10), base=4
    )
    trend = objective_trend(world.objectives["nps"], anonymised=True, today=AS_OF)
    assert [p["value"] for p in trend] == [None, 14]


def test_week_of_is_the_monday():
    assert week_of(date(2028, 3, 19)) == date(2028, 3, 13)


def test_nothing_is_recorded_before_a_programme_starts(world):
    assert record_kpi_points(date(2026, 12, 14)) == 0


def test_a_trend_starts_with_its_programme(world):
    KpiPoint.objects.create(
        programme=world.programme, metric="nps", week=date(2026, 12, 21), value=None, base=0
    )
    trend = objective_trend(world.objectives["nps"], anonymised=False, today=AS_OF)
    assert trend[0]["week"] == "2028-03-13"
