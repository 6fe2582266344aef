"""The organisation overview for org admins: every programme side by side, and participation
across the organisation by department and by site.

Each programme figure means what it means on the programme's dashboard (figures.py), read on
`as_of`; the overview computes them for all programmes at once, grouped by programme in the
database, so that its cost does not grow with the number of programmes or people:
- *participants*: people who took part in a relationship of the programme started by
  `as_of` (the funnel's *matched*); *active pairs*: relationships still open on `as_of`;
- *sessions*: planned and held as on the dashboard; *held vs planned* = held ÷ planned, a
  percentage with one decimal;
- *NPS*: the score and its number of answers, from the same question the dashboard reads;
- *objectives met*: the objectives whose status is *achieved* on `as_of`, of all the
  programme's objectives, each status decided by objectives.py on the dashboard's KPI value.
Programmes in draft are left out of the table and only counted: a draft is a coordinator's
work in progress that members cannot see yet and that has no figure to compare. Programmes
the organisation joins as a partner are left out too: they are another organisation's,
and their figures describe that organisation's people as well.

*Participation* counts the organisation's members on `as_of` (hired by then, hire date
unknown meaning the day they joined Mentora, and not gone), as the programme's participation
rate does; among them, those with an application approved by `as_of` in any programme, and
those who took part in a relationship started by `as_of`; each share is of the members.
A member with no department (site) recorded is counted under "not recorded".

Org admins read every figure: k-anonymity (MEASURE.md) applies to sponsors, who never read
this page. No figure names anybody.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone

from mentora.accounts.models import Organisation
from mentora.analytics.figures import answer_counts, day_end, one_decimal, open_at, survey_questions
from mentora.analytics.objectives import Status as ObjectiveStatus
from mentora.analytics.objectives import objective_status
from mentora.analytics.retention import add_years, members_on, one_decimal_percent
from mentora.enrolment.models import Application, ApplicationStatus
from mentora.feedback.survey_selectors import mean_of, nps_of
from mentora.mentorships.models import (
    Goal,
    GoalStatus,
    Meeting,
    Mentorship,
    Participant,
    held_meetings,
    planned_meetings,
)
from mentora.programs.models import Metric, Objective, Programme, Status


@dataclass(frozen=True)
class ProgrammeFigures:
    """One programme's line of the overview."""

    id: int
    name: str
    status: str
    participants: int
    active_pairs: int
    sessions_planned: int
    sessions_held: int
    held_vs_planned: float | None
    nps: int | None
    nps_answers: int
    objectives_achieved: int
    objectives_total: int


@dataclass(frozen=True)
class Participation:
    """Participation of one department or site (`id` None: not recorded)."""

    id: int | None
    name: str | None
    members: int
    approved: int
    in_relationship: int
    approved_share: float | None
    in_relationship_share: float | None


@dataclass(frozen=True)
class Overview:
    as_of: date
    programmes: list[ProgrammeFigures]
    drafts: int
    departments: list[Participation]
    sites: list[Participation]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _by_programme(rows: Iterable[Any], key: str) -> dict[int, dict[str, Any]]:
    return {row[key]: row for row in rows}


def _retention_rates(ids: list[int], as_of: date, end: Any) -> dict[int, float | None]:
    """The participants' retention rate of each programme, as retention.py counts it."""
    if not ids:
        return {}
    rows = (
        Participant.objects.filter(mentorship__programme_id__in=ids, mentorship__created_at__lt=end)
        .values("mentorship__programme_id", "membership_id", "membership__left_on")
        .annotate(start=Min("mentorship__created_at"))
        .values_list("mentorship__programme_id", "membership__left_on", "start")
        .order_by()
    )
    counted: Counter[int] = Counter()
    retained: Counter[int] = Counter()
    for programme_id, left_on, start in rows:
        anniversary = add_years(timezone.localdate(start), 1)
        if anniversary > as_of:
            continue
        counted[programme_id] += 1
        retained[programme_id] += left_on is None or left_on > anniversary
    return {pk: one_decimal_percent(retained[pk], counted[pk]) for pk in ids}


def _programme_figures(programmes: list[Programme], as_of: date) -> list[ProgrammeFigures]:
    ids = [programme.pk for programme in programmes]
    end = day_end(as_of)
    relationships = Mentorship.objects.filter(programme_id__in=ids, created_at__lt=end)
    pairs = _by_programme(
        relationships.values("programme_id")
        .annotate(started=Count("pk"), active=Count("pk", filter=open_at(end)))
        .order_by(),
        "programme_id",
    )
    people = _by_programme(
        Participant.objects.filter(mentorship__in=relationships.values("pk"))
        .values("mentorship__programme_id")
        .annotate(people=Count("membership", distinct=True))
        .order_by(),
        "mentorship__programme_id",
    )
    meetings = _by_programme(
        Meeting.objects.filter(mentorship__in=relationships.values("pk"), starts_at__lt=end)
        .values("mentorship__programme_id")
        .annotate(
            planned=Count("pk", filter=planned_meetings()),
            held=Count("pk", filter=held_meetings()),
        )
        .order_by(),
        "mentorship__programme_id",
    )
    goals = _by_programme(
        Goal.objects.filter(mentorship__in=relationships.values("pk"), created_at__lt=end)
        .values("mentorship__programme_id")
        .annotate(
            total=Count("pk", filter=~Q(status=GoalStatus.DROPPED)),
            achieved=Count("pk", filter=Q(status=GoalStatus.ACHIEVED)),
        )
        .order_by(),
        "mentorship__programme_id",
    )
    approved = _by_programme(
        Application.objects.filter(
            Q(decided_at__isnull=True) | Q(decided_at__lt=end),
            programme_id__in=ids,
            status=ApplicationStatus.APPROVED,
            submitted_at__lt=end,
        )
        .values("programme_id")
        .annotate(people=Count("membership", distinct=True))
        .order_by(),
        "programme_id",
    )
    objectives: dict[int, list[Objective]] = defaultdict(list)
    for objective in Objective.objects.filter(programme_id__in=ids).order_by("pk"):
        objectives[objective.programme_id].append(objective)
    needs_retention = [
        pk for pk, found in objectives.items() if any(o.metric == Metric.RETENTION for o in found)
    ]
    retention = _retention_rates(needs_retention, as_of, end)
    questions = survey_questions(ids, as_of)
    answers = answer_counts((pk for pair in questions.values() for pk in pair), end)

    lines = []
    for programme in programmes:
        pk = programme.pk
        satisfaction_question, nps_question = questions.get(pk, (None, None))
        satisfaction = mean_of(answers.get(satisfaction_question or 0, {}))
        nps = nps_of(answers.get(nps_question or 0, {}))
        pair = pairs.get(pk, {"started": 0, "active": 0})
        meeting = meetings.get(pk, {"planned": 0, "held": 0})
        goal = goals.get(pk, {"total": 0, "achieved": 0})
        # The KPI each metric reads, as objectives.METRIC_FIGURE maps it on the dashboard.
        kpi: dict[str, int | float | None] = {
            Metric.SATISFACTION: float(satisfaction) if satisfaction is not None else None,
            Metric.NPS: nps.score if nps else None,
            Metric.GOAL_ATTAINMENT: one_decimal_percent(goal["achieved"], goal["total"]),
            Metric.SESSIONS_PER_PAIR: one_decimal(meeting["held"], pair["started"]),
            Metric.RETENTION: retention.get(pk),
            Metric.PARTICIPATION: approved.get(pk, {"people": 0})["people"],
        }
        statuses = [
            objective_status(objective, kpi[objective.metric], programme.starts_on, as_of)
            for objective in objectives[pk]
        ]
        lines.append(
            ProgrammeFigures(
                id=pk,
                name=programme.name,
                status=programme.status,
                participants=people.get(pk, {"people": 0})["people"],
                active_pairs=pair["active"],
                sessions_planned=meeting["planned"],
                sessions_held=meeting["held"],
                held_vs_planned=one_decimal_percent(meeting["held"], meeting["planned"]),
                nps=nps.score if nps else None,
                nps_answers=nps.answers if nps else 0,
                objectives_achieved=statuses.count(ObjectiveStatus.ACHIEVED),
                objectives_total=len(statuses),
            )
        )
    return lines


def _participation(organisation: Organisation, as_of: date, field: str) -> list[Participation]:
    end = day_end(as_of)
    approved = Application.objects.filter(
        Q(decided_at__isnull=True) | Q(decided_at__lt=end),
        membership=OuterRef("pk"),
        status=ApplicationStatus.APPROVED,
        submitted_at__lt=end,
    )
    paired = Participant.objects.filter(membership=OuterRef("pk"), mentorship__created_at__lt=end)
    rows = (
        members_on(organisation, as_of)
        .values(f"{field}_id", f"{field}__name")
        .annotate(
            members=Count("pk"),
            approved=Count("pk", filter=Q(Exists(approved))),
            in_relationship=Count("pk", filter=Q(Exists(paired))),
        )
        .order_by()
    )
    groups = [
        Participation(
            id=row[f"{field}_id"],
            name=row[f"{field}__name"],
            members=row["members"],
            approved=row["approved"],
            in_relationship=row["in_relationship"],
            approved_share=one_decimal_percent(row["approved"], row["members"]),
            in_relationship_share=one_decimal_percent(row["in_relationship"], row["members"]),
        )
        for row in rows
    ]
    # Named groups in alphabetical order, "not recorded" last.
    return sorted(groups, key=lambda group: (group.id is None, (group.name or "").casefold()))


def organisation_overview(organisation: Organisation, as_of: date | None = None) -> Overview:
    """Every programme of the organisation side by side and participation by department and
    site, on `as_of` (today by default); a bounded number of queries."""
    as_of = as_of or timezone.localdate()
    programmes = list(Programme.objects.filter(organisation=organisation).order_by("name", "pk"))
    shown = [programme for programme in programmes if programme.status != Status.DRAFT]
    return Overview(
        as_of=as_of,
        programmes=_programme_figures(shown, as_of) if shown else [],
        drafts=len(programmes) - len(shown),
        departments=_participation(organisation, as_of, "department"),
        sites=_participation(organisation, as_of, "site"),
    )
