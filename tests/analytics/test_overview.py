"""The organisation overview's figures against a hand computation (overview_world.py), the
programme dashboard and a bounded number of queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentora.analytics.figures import programme_dashboard
from mentora.analytics.overview import Participation, ProgrammeFigures, organisation_overview
from mentora.programs.models import Objective
from tests.analytics.overview_world import build_small_world
from tests.analytics.world import AS_OF, answer, goal, meeting, person, relationship, survey
from tests.factories import make_application, make_organisation, make_programme


@pytest.fixture
def small(frozen, organisation):
    return build_small_world(organisation)


def test_each_programme_line_equals_the_hand_computation(small):
    lines = {
        line.name: line for line in organisation_overview(small.organisation, AS_OF).programmes
    }
    ids = {name.title(): p.pk for name, p in small.programmes.items()}
    assert lines == {
        "Alpha": ProgrammeFigures(ids["Alpha"], "Alpha", "running", 4, 1, 4, 3, 75.0, 33, 3, 1, 2),
        "Beta": ProgrammeFigures(ids["Beta"], "Beta", "closed", 2, 0, 1, 1, 100.0, None, 0, 1, 1),
        "Gamma": ProgrammeFigures(
            ids["Gamma"], "Gamma", "enrolling", 0, 0, 0, 0, None, None, 0, 0, 0
        ),
    }


def test_a_draft_is_counted_not_listed(small):
    overview = organisation_overview(small.organisation, AS_OF)
    assert overview.drafts == 1
    assert "Delta" not in [line.name for line in overview.programmes]


def test_participation_by_department_equals_the_hand_computation(small):
    departments = organisation_overview(small.organisation, AS_OF).departments
    sales, it = small.departments["Sales"].pk, small.departments["IT"].pk
    assert departments == [
        Participation(it, "IT", 2, 1, 2, 50.0, 100.0),
        Participation(sales, "Sales", 3, 2, 3, 66.7, 100.0),
        Participation(None, None, 1, 1, 0, 100.0, 0.0),
    ]


def test_participation_by_site_equals_the_hand_computation(small):
    sites = organisation_overview(small.organisation, AS_OF).sites
    paris, lyon = small.sites["Paris"].pk, small.sites["Lyon"].pk
    assert sites == [
        Participation(lyon, "Lyon", 3, 1, 2, 33.3, 66.7),
        Participation(paris, "Paris", 3, 3, 3, 100.0, 100.0),
    ]


def test_another_organisations_programmes_and_people_are_not_counted(small, outsider):
    elsewhere = make_programme(outsider.organisation, name="Elsewhere", status="running")
    make_application(elsewhere, outsider, "mentee")
    overview = organisation_overview(small.organisation, AS_OF)
    assert [line.name for line in overview.programmes] == ["Alpha", "Beta", "Gamma"]
    assert sum(group.members for group in overview.sites) == 6


def test_every_line_agrees_with_the_programmes_dashboard(world):
    line = organisation_overview(world.organisation, AS_OF).programmes[0]
    board = programme_dashboard(world.programme, anonymised=False, as_of=AS_OF)
    statuses = [objective["status"] for objective in board["objectives"]]
    assert (
        line.participants,
        line.active_pairs,
        line.sessions_planned,
        line.sessions_held,
        line.nps,
        line.nps_answers,
        line.objectives_achieved,
        line.objectives_total,
    ) == (
        board["funnel"]["matched"],
        board["relationships"]["active"],
        board["sessions"]["planned"],
        board["sessions"]["held"],
        board["nps"]["score"],
        board["nps"]["answers"],
        statuses.count("achieved"),
        len(statuses),
    )


def _programmes(organisation, count: int) -> None:
    for n in range(count):
        programme = make_programme(organisation, status="running")
        Objective.objects.create(
            programme=programme, title="NPS", metric="nps", target=30, target_date=date(2027, 12, 1)
        )
        Objective.objects.create(
            programme=programme,
            title="Kept",
            metric="retention",
            target=80,
            target_date=date(2027, 12, 1),
        )
        end = survey(programme, "end_of_programme", date(2027, 6, 1), "open", [("scale10", "")])
        for k in range(n + 1):
            mentor, mentee = (
                person(organisation, None, None, 2),
                person(organisation, None, None, 1),
            )
            mentorship = relationship(programme, mentor, mentee, date(2027, 1 + k % 6, 3))
            meeting(mentorship, date(2027, 2 + k % 6, 10), "held")
            goal(mentorship, mentee, "achieved")
            answer(end, mentee, mentorship, [k % 11], date(2027, 6, 2))
            make_application(programme, mentee, "mentee")


def _queries(organisation) -> int:
    with CaptureQueriesContext(connection) as captured:
        organisation_overview(organisation, AS_OF)
    return len(captured)


def test_the_overview_costs_the_same_queries_for_2_or_6_programmes(frozen, organisation):
    larger = make_organisation(name="Larger")
    _programmes(organisation, 2)
    _programmes(larger, 6)
    assert _queries(organisation) == _queries(larger)
