"""Filters read from query parameters: a wrong one is reported in words and ignored."""

from __future__ import annotations

from datetime import date

from django.http import QueryDict

from mentora.accounts.models import Department
from mentora.analytics.figures import dashboard
from mentora.analytics.filters import Filters, parse_filters
from tests.analytics.world import AS_OF
from tests.factories import make_organisation


def _parse(world, query: str):
    return parse_filters(QueryDict(query), world.organisation)


def test_valid_filters_are_applied(world):
    sales = world.departments["Sales"]
    filters, problems = _parse(
        world, f"department={sales.pk}&cohort_from=2027-01&cohort_to=2027-02"
    )
    assert problems == []
    assert filters == Filters(
        department=sales, cohort_from=date(2027, 1, 1), cohort_to=date(2027, 2, 1)
    )


def test_an_unknown_filter_is_reported_and_ignored(world):
    filters, problems = _parse(world, "team=4")
    assert filters.is_empty
    assert [(p.parameter, p.code) for p in problems] == [("team", "unknown_filter")]
    assert "“team” is not a filter" in problems[0].message


def test_a_department_of_another_organisation_is_reported_and_ignored(world):
    elsewhere = Department.objects.create(organisation=make_organisation(), name="Sales")
    filters, problems = _parse(world, f"department={elsewhere.pk}")
    assert filters.department is None
    assert [(p.parameter, p.code) for p in problems] == [("department", "unknown_value")]


def test_a_site_that_is_no_number_is_reported_and_ignored(world):
    filters, problems = _parse(world, "site=paris")
    assert filters.site is None
    assert problems[0].code == "unknown_value"


def test_a_reversed_cohort_range_is_reported_and_ignored(world):
    filters, problems = _parse(world, "cohort_from=2027-05&cohort_to=2027-02")
    assert not filters.has_cohort
    assert [p.code for p in problems] == ["reversed_range"]
    assert "ends (2027-02) before it starts (2027-05)" in problems[0].message


def test_a_month_that_does_not_exist_is_reported_and_ignored(world):
    filters, problems = _parse(world, "cohort_to=2027-13")
    assert filters.cohort_to is None
    assert problems[0].code == "invalid_value"


def test_a_filter_given_twice_is_reported_and_ignored(world):
    sales, it = world.departments["Sales"], world.departments["IT"]
    filters, problems = _parse(world, f"department={sales.pk}&department={it.pk}")
    assert filters.department is None
    assert problems[0].code == "repeated"


def test_the_pages_own_parameters_are_no_problem(world):
    _filters, problems = parse_filters(
        QueryDict("tab=charts"), world.organisation, other_parameters=["tab"]
    )
    assert problems == []


def test_a_department_filter_keeps_its_people_and_the_relationships_they_are_in(world):
    sales = world.departments["Sales"]
    data = dashboard(
        world.programme, anonymised=False, filters=Filters(department=sales), as_of=AS_OF
    ).data
    # Sales people paired: e1, e2, e3, e4, m3; their relationships R1–R4, of which R1 and R2
    # are open.
    assert data["funnel"]["matched"] == 5
    assert data["relationships"]["active"] == 2
    assert data["sessions"]["held"] == 10


def test_a_cohort_filter_keeps_relationships_started_in_its_months(world):
    filters = Filters(cohort_from=date(2027, 2, 1), cohort_to=date(2027, 2, 1))
    result = dashboard(world.programme, anonymised=False, filters=filters, as_of=AS_OF)
    # R3 and R4 started in February 2027.
    assert result.data["funnel"]["matched"] == 4
    assert result.data["relationships"] == {
        "active": 0, "at_risk": 0, "closed": 2, "ended_early": 1,
    }  # fmt: skip
    assert result.data["sessions"] == {"planned": 5, "held": 5, "held_per_active_pair": 2.5}


def test_a_cohort_filter_withholds_the_steps_before_pairing(world):
    filters = Filters(cohort_from=date(2027, 2, 1))
    result = dashboard(world.programme, anonymised=False, filters=filters, as_of=AS_OF)
    assert result.data["funnel"]["invited"] is None
    assert "belong to none" in result.reasons[("funnel", "invited")]
    participation = next(o for o in result.data["objectives"] if o["metric"] == "participation")
    assert participation["status"] == "not_enough_data"
