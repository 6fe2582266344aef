"""The dashboard's number of queries does not grow with the number of people."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentora.analytics.figures import dashboard
from mentora.analytics.filters import Filters
from mentora.analytics.series import sessions_by_month
from mentora.programs.models import Objective
from tests.analytics.world import answer, goal, meeting, person, rate, relationship, survey
from tests.factories import make_programme


def _programme_with_pairs(organisation, pairs: int):
    programme = make_programme(organisation, status="running")
    Objective.objects.create(
        programme=programme, title="NPS", metric="nps", target=30, target_date=date(2027, 12, 1)
    )
    end = survey(
        programme, "end_of_programme", date(2027, 6, 1), "open", [("scale5", ""), ("scale10", "")]
    )
    for n in range(pairs):
        mentor, mentee = (
            person(organisation, None, None, 2, years=15),
            person(organisation, None, None, 1, years=n),
        )
        mentorship = relationship(programme, mentor, mentee, date(2027, 1 + n % 6, 3))
        held = meeting(mentorship, date(2027, 2 + n % 6, 10), "held")
        rate(held, mentee, 1 + n % 5)
        goal(mentorship, mentee, "achieved" if n % 2 else "on_track")
        answer(end, mentee, mentorship, [1 + n % 5, n % 11], date(2027, 6, 2))
    return programme


def _queries(programme, **kwargs) -> int:
    with CaptureQueriesContext(connection) as captured:
        dashboard(programme, as_of=date(2028, 3, 1), **kwargs)
        sessions_by_month(programme, as_of=date(2028, 3, 1), **kwargs)
    return len(captured)


def test_a_coordinators_dashboard_costs_the_same_queries_for_3_or_30_pairs(organisation):
    small = _programme_with_pairs(organisation, 3)
    large = _programme_with_pairs(organisation, 30)
    assert _queries(small, anonymised=False) == _queries(large, anonymised=False)


def test_a_sponsors_filtered_dashboard_costs_the_same_queries_for_3_or_30_pairs(organisation):
    small = _programme_with_pairs(organisation, 3)
    large = _programme_with_pairs(organisation, 30)
    filters = Filters(cohort_from=date(2027, 2, 1))
    assert _queries(small, anonymised=True, filters=filters) == _queries(
        large, anonymised=True, filters=filters
    )
