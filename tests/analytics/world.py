"""A programme built to check every figure of MEASURE.md against a hand computation.

The figures are read on AS_OF (2028-03-15). The programme runs from 2027-01-01 to
2028-06-30; five relationships started by AS_OF, a sixth after it (never counted):

| rel | mentor (dept, site, level, years) | mentee              | started    | state              |
|-----|-----------------------------------|---------------------|------------|--------------------|
| R1  | m1 IT Paris 3, 20y                | e1 Sales Paris 1, 2y| 2027-01-10 | open, health 30    |
| R2  | m2 IT Lyon 3, 15y                 | e2 Sales Paris 1, 8y| 2027-01-10 | open, health 70    |
| R3  | m3 Sales Paris 3, 12y             | e3 Sales Paris 1, 1y| 2027-02-05 | completed 11-30    |
| R4  | m4 HR Lyon 2, unknown             | e4 Sales Lyon 1, 3y | 2027-02-05 | ended early 05-01  |
| R5  | m5 IT Paris 2, 10y                | e5 IT Paris 1, 0y   | 2027-03-01 | open               |
| R6  | m6 IT Paris 2                     | e6 IT Paris 1       | 2028-04-01 | after AS_OF        |
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from mentora.accounts.models import Department, Membership, Organisation, Site
from mentora.analytics.models import RelationshipHealth
from mentora.enrolment.models import Application, EnrolmentInvitation
from mentora.feedback.models import (
    FeedbackInvitation,
    SessionFeedback,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from mentora.mentorships.models import Goal, Meeting, Mentorship, Participant
from mentora.profiles.models import Profile
from mentora.programs.models import Objective, Programme
from tests.factories import make_member, make_programme

AS_OF = date(2028, 3, 15)
NOW = datetime(2028, 3, 15, 12, 0, tzinfo=timezone.get_fixed_timezone(60))


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@dataclass
class World:
    organisation: Organisation
    programme: Programme
    departments: dict[str, Department]
    sites: dict[str, Site]
    people: dict[str, Membership]
    relationships: dict[str, Mentorship]
    objectives: dict[str, Objective] = field(default_factory=dict)
    surveys: dict[str, Survey] = field(default_factory=dict)


def person(
    world_org: Organisation,
    dept: Department | None,
    site: Site | None,
    level: int | None,
    *,
    years: int | None = None,
    hired_on: date | None = date(2020, 1, 1),
    left_on: date | None = None,
) -> Membership:
    member = make_member(
        world_org, department=dept, site=site, seniority_level=level, left_on=left_on
    )
    Membership.objects.filter(pk=member.pk).update(hired_on=hired_on)
    member.hired_on = hired_on
    if years is not None:
        Profile.objects.create(membership=member, years_of_experience=years)
    return member


def relationship(
    programme: Programme, mentor: Membership, mentee: Membership, started: date, **fields: Any
) -> Mentorship:
    mentorship = Mentorship.objects.create(programme=programme, **fields)
    Mentorship.objects.filter(pk=mentorship.pk).update(created_at=at(started))
    mentorship.created_at = at(started)
    Participant.objects.create(mentorship=mentorship, membership=mentor, role="mentor")
    Participant.objects.create(mentorship=mentorship, membership=mentee, role="mentee")
    return mentorship


def meeting(mentorship: Mentorship, day: date, status: str) -> Meeting:
    return Meeting.objects.create(
        mentorship=mentorship,
        starts_at=at(day),
        time_zone="Europe/Paris",
        duration_minutes=60,
        status=status,
    )


def rate(meeting_: Meeting, member: Membership, rating: int, sent: date | None = None) -> None:
    invitation = FeedbackInvitation.objects.create(
        instrument="session",
        membership=member,
        programme=meeting_.mentorship.programme,
        mentorship=meeting_.mentorship,
        meeting=meeting_,
        due_on=meeting_.starts_at.date(),
        closes_at=meeting_.starts_at + timedelta(days=30),
        answered_at=at(sent or meeting_.starts_at.date()),
    )
    SessionFeedback.objects.create(
        invitation=invitation,
        rating=rating,
        progress=3,
        submitted_at=at(sent or meeting_.starts_at.date()),
    )


def survey(
    programme: Programme, kind: str, opens_on: date, status: str, questions: list[tuple[str, str]]
) -> Survey:
    """A survey with questions given as (kind, subscale), in this order."""
    made = Survey.objects.create(
        programme=programme,
        title=kind,
        kind=kind,
        language="en",
        opens_on=opens_on,
        closes_on=opens_on + timedelta(days=30),
        status=status,
    )
    for order, (question_kind, subscale) in enumerate(questions, start=1):
        SurveyQuestion.objects.create(
            survey=made, order=order, kind=question_kind, text=f"Q{order}", subscale=subscale
        )
    return made


def answer(
    survey_: Survey,
    member: Membership,
    mentorship: Mentorship,
    numbers: list[int | None],
    sent: date,
) -> None:
    """`numbers` answer the survey's questions in order (None: no number)."""
    invitation = FeedbackInvitation.objects.create(
        instrument="survey",
        membership=member,
        programme=survey_.programme,
        mentorship=mentorship,
        survey=survey_,
        due_on=survey_.opens_on,
        closes_at=at(survey_.closes_on),
        answered_at=at(sent),
    )
    response = SurveyResponse.objects.create(invitation=invitation, submitted_at=at(sent))
    for question, value in zip(survey_.questions.order_by("order"), numbers, strict=True):
        if value is not None:
            SurveyAnswer.objects.create(response=response, question=question, number=value)


def goal(mentorship: Mentorship, owner: Membership, status: str) -> Goal:
    return Goal.objects.create(mentorship=mentorship, owner=owner, title="Goal", status=status)


def build_world(organisation: Organisation) -> World:
    departments = {
        name: Department.objects.create(organisation=organisation, name=name)
        for name in ("Sales", "IT", "HR")
    }
    sites = {
        name: Site.objects.create(organisation=organisation, name=name)
        for name in ("Paris", "Lyon")
    }
    sales, it, hr = departments["Sales"], departments["IT"], departments["HR"]
    paris, lyon = sites["Paris"], sites["Lyon"]
    o = organisation
    people = {
        "m1": person(o, it, paris, 3, years=20),
        "e1": person(o, sales, paris, 1, years=2, left_on=date(2027, 12, 1)),
        "m2": person(o, it, lyon, 3, years=15),
        "e2": person(o, sales, paris, 1, years=8, left_on=date(2028, 1, 20)),
        "m3": person(o, sales, paris, 3, years=12, left_on=date(2028, 3, 1)),
        "e3": person(o, sales, paris, 1, years=1),
        "m4": person(o, hr, lyon, 2),
        "e4": person(o, sales, lyon, 1, years=3, left_on=date(2027, 6, 1)),
        "m5": person(o, it, paris, 2, years=10),
        "e5": person(o, it, paris, 1, years=0),
        "m6": person(o, it, paris, 2),
        "e6": person(o, it, paris, 1),
        # Applicants never paired.
        "x1": person(o, sales, paris, 2),
        "x2": person(o, sales, paris, 2),
        "x3": person(o, sales, paris, 2),
    }
    programme = make_programme(
        organisation,
        status="running",
        starts_on=date(2027, 1, 1),
        ends_on=date(2028, 6, 30),
        enrolment_mode="approval",
        enrolment_closes_on=date(2026, 12, 15),
    )
    p = people
    rel = {
        "R1": relationship(programme, p["m1"], p["e1"], date(2027, 1, 10)),
        "R2": relationship(programme, p["m2"], p["e2"], date(2027, 1, 10)),
        "R3": relationship(
            programme,
            p["m3"],
            p["e3"],
            date(2027, 2, 5),
            stage="closed",
            end_reason="completed",
            closed_at=at(date(2027, 11, 30)),
        ),
        "R4": relationship(
            programme,
            p["m4"],
            p["e4"],
            date(2027, 2, 5),
            stage="closed",
            end_reason="exit",
            closed_at=at(date(2027, 5, 1)),
        ),
        "R5": relationship(programme, p["m5"], p["e5"], date(2027, 3, 1)),
        "R6": relationship(programme, p["m6"], p["e6"], date(2028, 4, 1)),
    }
    Participant.objects.filter(mentorship=rel["R4"], membership=p["e4"]).update(
        left_at=at(date(2027, 5, 1))
    )
    RelationshipHealth.objects.create(mentorship=rel["R1"], score=30)
    RelationshipHealth.objects.create(mentorship=rel["R2"], score=70)
    RelationshipHealth.objects.create(mentorship=rel["R3"], score=10)

    _meetings_and_ratings(rel, p)
    _goals(rel, p)
    _enrolment(programme, p)
    world = World(organisation, programme, departments, sites, people, rel)
    _surveys(world)
    _comparison_group(organisation, departments)
    return world


def _meetings_and_ratings(rel: dict[str, Mentorship], p: dict[str, Membership]) -> None:
    r1 = [meeting(rel["R1"], date(2027, m, 10), "held") for m in (2, 3, 4)]
    meeting(rel["R1"], date(2027, 5, 10), "missed")
    meeting(rel["R1"], date(2027, 6, 10), "cancelled")
    meeting(rel["R1"], date(2027, 12, 10), "planned")
    meeting(rel["R1"], date(2028, 4, 10), "planned")
    r2 = [meeting(rel["R2"], date(2027, m, 15), "held") for m in (2, 3)]
    r3 = [meeting(rel["R3"], date(2027, m, 1), "held") for m in (3, 4, 5, 6)]
    meeting(rel["R4"], date(2027, 3, 5), "held")
    meeting(rel["R4"], date(2027, 4, 5), "cancelled")
    r6 = meeting(rel["R6"], date(2028, 4, 5), "held")
    rate(r1[0], p["e1"], 5)
    rate(r1[1], p["e1"], 4)
    rate(r1[0], p["m1"], 3)
    rate(r2[0], p["e2"], 4)
    rate(r3[0], p["e3"], 5)
    rate(r3[1], p["m3"], 2)
    rate(r6, p["e6"], 1, sent=date(2028, 4, 6))


def _goals(rel: dict[str, Mentorship], p: dict[str, Membership]) -> None:
    for key, owner, statuses in (
        ("R1", "e1", ("achieved", "on_track")),
        ("R2", "e2", ("achieved", "off_track")),
        ("R3", "e3", ("achieved", "achieved")),
        ("R4", "e4", ("dropped", "not_started")),
        ("R5", "e5", ("on_track",)),
        ("R1", "m1", ("off_track",)),
    ):
        for status in statuses:
            goal(rel[key], p[owner], status)


def _enrolment(programme: Programme, p: dict[str, Membership]) -> None:
    for key in ("e1", "e2", "e3", "e4", "e5", "m1", "m2", "m3"):
        EnrolmentInvitation.objects.create(programme=programme, membership=p[key])
    for key in ("e1", "e2", "e3", "e4", "e5", "m1", "m2", "m3", "m4", "m5"):
        role = "mentee" if key.startswith("e") else "mentor"
        Application.objects.create(
            programme=programme, membership=p[key], role=role, status="approved"
        )
    for key, status in (("x1", "declined"), ("x2", "withdrawn"), ("x3", "submitted")):
        Application.objects.create(
            programme=programme, membership=p[key], role="mentee", status=status
        )
    late = Application.objects.create(
        programme=programme, membership=p["e6"], role="mentee", status="approved"
    )
    Application.objects.filter(pk=late.pk).update(submitted_at=at(date(2028, 3, 20)))


def _surveys(world: World) -> None:
    p, rel, programme = world.people, world.relationships, world.programme
    mid = survey(
        programme, "mid_point", date(2027, 6, 1), "closed", [("scale5", ""), ("scale5", "")]
    )
    answer(mid, p["e1"], rel["R1"], [1, 1], date(2027, 6, 2))
    answer(mid, p["e2"], rel["R2"], [1, 1], date(2027, 6, 2))
    # The end survey: a mentoring-functions item comes first, then satisfaction, usefulness, NPS.
    end = survey(
        programme,
        "end_of_programme",
        date(2027, 12, 1),
        "open",
        [("scale5", "career"), ("scale5", ""), ("scale5", ""), ("scale10", "")],
    )
    answers = {
        "e1": ("R1", 5, 10),
        "e2": ("R2", 4, 9),
        "e3": ("R3", 4, 9),
        "e4": ("R4", 3, 8),
        "e5": ("R5", 5, 7),
        "m1": ("R1", 4, 6),
        "m2": ("R2", 2, 3),
    }
    for key, (r, satisfaction, nps) in answers.items():
        answer(end, p[key], rel[r], [1, satisfaction, 1, nps], date(2027, 12, 5))
    # Sent after AS_OF: never counted.
    answer(end, p["m5"], rel["R5"], [1, 1, 1, 0], date(2028, 3, 20))
    # Not read: a draft end survey, an end-of-relationship survey.
    survey(programme, "end_of_programme", date(2028, 1, 5), "draft", [("scale5", "")])
    eor = survey(programme, "end_of_relationship", date(2028, 1, 5), "open", [("scale5", "")])
    for key, r in (("e1", "R1"), ("e2", "R2"), ("e3", "R3"), ("e4", "R4"), ("e5", "R5")):
        answer(eor, p[key], rel[r], [1], date(2028, 1, 6))
    world.surveys = {"mid": mid, "end": end}


def _comparison_group(organisation: Organisation, departments: dict[str, Department]) -> None:
    """Non-participants. Sales level 1: 10 employed on 2027-01-10, 5 retained a year later;
    IT level 3: 10, 9 retained; HR level 1: 3, none retained (no participant in it). Plus one
    gone before the reference day and one hired after it, never compared."""
    sales, it, hr = departments["Sales"], departments["IT"], departments["HR"]
    o = organisation
    for n in range(10):
        left = date(2027, 6, 1) if n < 5 else (date(2028, 2, 1) if n == 5 else None)
        person(o, sales, None, 1, left_on=left)
    for n in range(10):
        person(o, it, None, 3, left_on=date(2027, 9, 1) if n == 0 else None)
    for _n in range(3):
        person(o, hr, None, 1, left_on=date(2027, 8, 1))
    person(o, sales, None, 1, left_on=date(2026, 12, 1))
    person(o, sales, None, 1, hired_on=date(2027, 5, 1))


def add_objectives(world: World) -> dict[str, Objective]:
    """One objective per state on AS_OF (not enough data: see its own test)."""
    programme = world.programme
    due = date(2028, 6, 30)

    def objective(key: str, metric: str, baseline: str | None, target: str) -> Objective:
        return Objective.objects.create(
            programme=programme,
            title=key,
            metric=metric,
            baseline=Decimal(baseline) if baseline is not None else None,
            target=Decimal(target),
            target_date=due,
        )

    world.objectives = {
        "satisfaction": objective("satisfaction", "satisfaction", "3", "3.5"),
        "nps": objective("nps", "nps", "0", "40"),
        "sessions": objective("sessions", "sessions_per_pair", "0", "2.4"),
        "participation": objective("participation", "participation", None, "8"),
        "goals": objective("goals", "goal_attainment", "20", "60"),
        "retention": objective("retention", "retention", "70", "90"),
    }
    return world.objectives
