"""A small organisation for the overview, read on AS_OF (2028-03-15), with time frozen:

- Alpha, running: R1 s1 → i1 started 2027-02-01, open; R2 s2 → gone started 2027-02-01,
  completed 2027-12-01. Meetings: R1 held twice, missed once, cancelled once and one planned
  after AS_OF; R2 held once: 4 planned by AS_OF, 3 held.
- Beta, closed: R3 s3 → i2 started 2027-03-01, ended early 2027-06-01; one meeting held.
- Gamma, enrolling: no relationship; n1 approved, s3 waiting.
- Delta, draft.

Alpha's end survey: (satisfaction, recommendation) s1 (5, 10), i1 (4, 9), s2 (3, 5): NPS 33 of 3
answers, satisfaction 4.0; objectives NPS ≥ 30 (achieved), satisfaction ≥ 4.5 (not).
Beta: goals achieved and on track, attainment 50 %; objective attainment ≥ 50 (achieved).
Approved applications: Alpha s1, i1, s2; Gamma n1.

People: s1 Sales Paris, s2 Sales Paris, s3 Sales Lyon, i1 IT Paris, i2 IT Lyon, n1 (no
department) Lyon, gone Sales Paris, left 2028-01-01 (no longer a member on AS_OF).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mentora.accounts.models import Department, Membership, Organisation, Site
from mentora.programs.models import Objective, Programme
from tests.analytics.world import answer, at, goal, meeting, person, relationship, survey
from tests.factories import make_application, make_programme


@dataclass
class SmallWorld:
    organisation: Organisation
    programmes: dict[str, Programme]
    people: dict[str, Membership]
    departments: dict[str, Department]
    sites: dict[str, Site]


def build_small_world(organisation: Organisation) -> SmallWorld:
    departments = {
        name: Department.objects.create(organisation=organisation, name=name)
        for name in ("Sales", "IT")
    }
    sites = {
        name: Site.objects.create(organisation=organisation, name=name)
        for name in ("Paris", "Lyon")
    }
    sales, it = departments["Sales"], departments["IT"]
    paris, lyon = sites["Paris"], sites["Lyon"]
    o = organisation
    people = {
        "s1": person(o, sales, paris, 2),
        "s2": person(o, sales, paris, 2),
        "s3": person(o, sales, lyon, 2),
        "i1": person(o, it, paris, 1),
        "i2": person(o, it, lyon, 1),
        "n1": person(o, None, lyon, 1),
        "gone": person(o, sales, paris, 1, left_on=date(2028, 1, 1)),
    }
    p = people
    alpha = make_programme(o, name="Alpha", status="running", starts_on=date(2027, 1, 1))
    beta = make_programme(o, name="Beta", status="closed", starts_on=date(2027, 1, 1))
    gamma = make_programme(
        o, name="Gamma", status="enrolling", starts_on=date(2028, 6, 1), ends_on=date(2029, 6, 1)
    )
    delta = make_programme(o, name="Delta", status="draft")

    r1 = relationship(alpha, p["s1"], p["i1"], date(2027, 2, 1))
    r2 = relationship(
        alpha,
        p["s2"],
        p["gone"],
        date(2027, 2, 1),
        stage="closed",
        end_reason="completed",
        closed_at=at(date(2027, 12, 1)),
    )
    for day, status in [
        ((3, 1), "held"),
        ((4, 1), "held"),
        ((5, 1), "missed"),
        ((6, 1), "cancelled"),
    ]:
        meeting(r1, date(2027, *day), status)
    meeting(r1, date(2028, 4, 1), "planned")
    meeting(r2, date(2027, 3, 5), "held")
    end = survey(
        alpha, "end_of_programme", date(2027, 11, 1), "open", [("scale5", ""), ("scale10", "")]
    )
    answer(end, p["s1"], r1, [5, 10], date(2027, 11, 2))
    answer(end, p["i1"], r1, [4, 9], date(2027, 11, 2))
    answer(end, p["s2"], r2, [3, 5], date(2027, 11, 3))
    Objective.objects.create(
        programme=alpha, title="NPS", metric="nps", target=30, target_date=date(2027, 12, 31)
    )
    Objective.objects.create(
        programme=alpha,
        title="Satisfied",
        metric="satisfaction",
        target=4.5,
        target_date=date(2027, 12, 31),
    )
    for who, role in [("s1", "mentor"), ("i1", "mentee"), ("s2", "mentor")]:
        make_application(alpha, p[who], role)

    r3 = relationship(
        beta,
        p["s3"],
        p["i2"],
        date(2027, 3, 1),
        stage="closed",
        end_reason="exit",
        closed_at=at(date(2027, 6, 1)),
    )
    meeting(r3, date(2027, 4, 1), "held")
    goal(r3, p["i2"], "achieved")
    goal(r3, p["i2"], "on_track")
    Objective.objects.create(
        programme=beta,
        title="Goals",
        metric="goal_attainment",
        target=50,
        target_date=date(2027, 12, 31),
    )

    make_application(gamma, p["n1"], "mentee")
    make_application(gamma, p["s3"], "mentor", status="submitted")
    return SmallWorld(
        organisation=o,
        programmes={"alpha": alpha, "beta": beta, "gamma": gamma, "delta": delta},
        people=people,
        departments=departments,
        sites=sites,
    )
