"""A programme's figures, each computed as MEASURE.md's Definitions say.

`programme_dashboard` returns the contract's JSON ("The programme dashboard API"); the page,
the exports and the API all read it. Rules MEASURE.md leaves open, as chosen here:
- the *period* is the programme's life up to `as_of` (today by default), end of that day:
  relationships started, meetings starting, answers sent and goals set by then; a meeting
  still to come is not yet planned *in the period*;
- shares are percentages with one decimal (attainment, retention, diversity), like the
  metrics objectives are written in; means have one decimal, rounded half up;
- *relationships*: `active` are open at `as_of` (a closing one still counts), `closed` every
  relationship closed by then, `ended_early` those of them that ended before their term (so
  `ended_early` ≤ `closed`); `at_risk` the open ones whose last computed health is below the
  programme's threshold (health is as computed last, whatever `as_of`);
- *sessions held per pair*: meetings held ÷ relationships active at any time in the period,
  i.e. started by `as_of`, closed ones included; one decimal;
- *goals*: `total` counts the goals not dropped, what attainment is counted against;
  `achieved`, `on_track`, `off_track` are among them (goals not started make up the rest);
  goals are read in their current status;
- *satisfaction*: the first 1–5 question outside the mentoring-functions scale of the latest
  end-of-programme survey opened by `as_of`, else of the latest mid-point survey: both
  templates (survey_templates.py) open with the satisfaction question, and SurveyQuestion has
  no marker of its own; end-of-relationship surveys (which open with "is it working?") and
  custom ones are never read for it;
- *NPS*: the first 0–10 question of the latest end-of-programme survey that has one, else of
  the latest survey of any kind that has one (a 0–10 scale is the recommendation question in
  every template);
- *session rating*: every session-feedback rating of the programme sent by `as_of`;
- *funnel*, counts of people: `invited` to apply, `applied` (whatever became of it),
  `approved`, `matched` (in a relationship), `active` (in an open relationship, not left),
  `completed` (in a relationship closed as completed, not left before);
- *diversity*: the share of relationships whose members come from more than one department
  (site), among those whose members' departments (sites) are all known; across generations,
  careers starting 10 years or more apart, a career's start being the year of the profile's
  last update less the years of experience stated there (Mentora records no birth year).
With a cohort filter, the funnel's first three steps are withheld: people not yet paired
belong to no cohort.

Every figure goes with its base (anonymity.py) so that a sponsor's copy hides what describes
fewer than k people. The number of queries does not depend on the number of people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, IntegerField, Max, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.analytics.anonymity import Figures, K, Path, anonymise, reveal
from mentora.analytics.filters import Filters, Scope
from mentora.analytics.health import at_risk_threshold
from mentora.analytics.objectives import METRIC_FIGURE, number, objective_status, read
from mentora.analytics.retention import one_decimal_percent, retention
from mentora.enrolment.models import Application, ApplicationStatus, EnrolmentInvitation
from mentora.feedback.models import (
    QuestionKind,
    SessionFeedback,
    Survey,
    SurveyAnswer,
    SurveyKind,
    SurveyQuestion,
    SurveyStatus,
)
from mentora.feedback.survey_selectors import mean_of, nps_of
from mentora.mentorships.models import (
    EndReason,
    Goal,
    GoalStatus,
    Meeting,
    Mentorship,
    Participant,
    Stage,
    held_meetings,
    planned_meetings,
)
from mentora.programs.models import Metric, Programme

# Career starts at least this many years apart make a pair across generations.
GENERATION_YEARS = 10


def day_end(as_of: date) -> datetime:
    """The first instant after `as_of`, in the platform's time zone."""
    return timezone.make_aware(datetime.combine(as_of + timedelta(days=1), time.min))


def closed_by(end: datetime, prefix: str = "") -> Q:
    """Relationships closed by `end` (a closed one without a date counts as closed)."""
    return Q(**{f"{prefix}stage": Stage.CLOSED}) & (
        Q(**{f"{prefix}closed_at__isnull": True}) | Q(**{f"{prefix}closed_at__lt": end})
    )


def open_at(end: datetime, prefix: str = "") -> Q:
    return ~closed_by(end, prefix)


def one_decimal(total: int | None, count: int) -> float | None:
    if not count or total is None:
        return None
    mean = (Decimal(total) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return float(mean)


@dataclass
class _Context:
    programme: Programme
    scope: Scope
    as_of: date
    end: datetime

    def relationships(self):  # -> MentorshipQuerySet
        return Mentorship.objects.filter(
            self.scope.relationships(), programme=self.programme, created_at__lt=self.end
        )


Block = tuple[dict[str, Any], dict[Path, int]]


def _relationships(ctx: _Context, threshold: int) -> Block:
    end = ctx.end
    risky = open_at(end) & Q(health__score__lt=threshold)
    states = {
        "active": open_at(end),
        "at_risk": risky,
        "closed": closed_by(end),
        "ended_early": closed_by(end) & Q(end_reason=EndReason.EXIT),
    }
    counts = ctx.relationships().aggregate(
        **{name: Count("pk", filter=condition) for name, condition in states.items()}
    )
    people = Participant.objects.filter(mentorship__in=ctx.relationships().values("pk")).aggregate(
        **{
            name: Count(
                "membership",
                distinct=True,
                filter=Q(
                    mentorship__in=Mentorship.objects.filter(
                        condition, programme=ctx.programme
                    ).values("pk")
                ),
            )
            for name, condition in states.items()
        }
    )
    return counts, {("relationships", name): people[name] for name in states}


def _sessions(ctx: _Context) -> Block:
    counts = Meeting.objects.filter(
        mentorship__in=ctx.relationships().values("pk"), starts_at__lt=ctx.end
    ).aggregate(
        planned=Count("pk", filter=planned_meetings(), distinct=True),
        held=Count("pk", filter=held_meetings(), distinct=True),
        planned_people=Count(
            "mentorship__participants__membership", filter=planned_meetings(), distinct=True
        ),
        held_people=Count(
            "mentorship__participants__membership", filter=held_meetings(), distinct=True
        ),
    )
    pairs = ctx.relationships().aggregate(
        pairs=Count("pk", distinct=True),
        people=Count("participants__membership", distinct=True),
    )
    per_pair = one_decimal(counts["held"], pairs["pairs"])
    block = {"planned": counts["planned"], "held": counts["held"], "held_per_active_pair": per_pair}
    bases: dict[Path, int] = {
        ("sessions", "planned"): counts["planned_people"],
        ("sessions", "held"): counts["held_people"],
        # The ratio, with the number of pairs shown elsewhere, gives the meetings held away.
        ("sessions", "held_per_active_pair"): min(pairs["people"], counts["held_people"]),
    }
    return block, bases


def _goals(ctx: _Context) -> Block:
    kept = ~Q(status=GoalStatus.DROPPED)
    statuses = {
        "achieved": Q(status=GoalStatus.ACHIEVED),
        "on_track": Q(status=GoalStatus.ON_TRACK),
        "off_track": Q(status=GoalStatus.OFF_TRACK),
    }
    counts = Goal.objects.filter(
        ctx.scope.answers("owner__", "mentorship__"),
        mentorship__programme=ctx.programme,
        mentorship__created_at__lt=ctx.end,
        created_at__lt=ctx.end,
    ).aggregate(
        total=Count("pk", filter=kept),
        total_people=Count("owner", filter=kept, distinct=True),
        **{name: Count("pk", filter=condition) for name, condition in statuses.items()},
        **{
            f"{name}_people": Count("owner", filter=condition, distinct=True)
            for name, condition in statuses.items()
        },
    )
    block = {
        "total": counts["total"],
        **{name: counts[name] for name in statuses},
        "attainment": one_decimal_percent(counts["achieved"], counts["total"]),
    }
    bases: dict[Path, int] = {("goals", "total"): counts["total_people"]}
    bases.update({("goals", name): counts[f"{name}_people"] for name in statuses})
    # Attainment and the total give the goals achieved away.
    bases[("goals", "attainment")] = min(counts["total_people"], counts["achieved_people"])
    return block, bases


def survey_questions(
    programme_ids: list[int], as_of: date
) -> dict[int, tuple[int | None, int | None]]:
    """Each programme's satisfaction and NPS questions, {programme id: (satisfaction, nps)},
    as the module's docstring chooses them; a programme without any survey is left out."""

    def first(kind: str) -> Subquery:
        questions = SurveyQuestion.objects.filter(survey=OuterRef("pk"), kind=kind)
        if kind == QuestionKind.SCALE5:
            questions = questions.filter(subscale="")
        return Subquery(questions.order_by("order", "pk").values("pk")[:1])

    rows = (
        Survey.objects.filter(
            programme_id__in=programme_ids,
            status__in=[SurveyStatus.OPEN, SurveyStatus.CLOSED],
            opens_on__lte=as_of,
        )
        .annotate(satisfaction=first(QuestionKind.SCALE5), nps=first(QuestionKind.SCALE10))
        .order_by("-opens_on", "-pk")
        .values_list("programme_id", "kind", "satisfaction", "nps")
    )
    surveys: dict[int, list[tuple[str, int | None, int | None]]] = defaultdict(list)
    for programme_id, kind, satisfaction, nps in rows:
        surveys[programme_id].append((kind, satisfaction, nps))

    def pick(found: list[tuple[Any, ...]], kinds: tuple[str, ...] | None, column: int) -> Any:
        return next(
            (
                row[column]
                for row in found
                if row[column] is not None and (kinds is None or row[0] in kinds)
            ),
            None,
        )

    return {
        programme_id: (
            pick(found, (SurveyKind.END_OF_PROGRAMME,), 1)
            or pick(found, (SurveyKind.MID_POINT,), 1),
            pick(found, (SurveyKind.END_OF_PROGRAMME,), 2) or pick(found, None, 2),
        )
        for programme_id, found in surveys.items()
    }


def answer_counts(
    questions: Iterable[int | None], end: datetime, *conditions: Q
) -> dict[int, dict[int, int]]:
    """{question: {value: answers}} of the answers sent before `end` that meet `conditions`."""
    wanted = [pk for pk in questions if pk is not None]
    counts: dict[int, dict[int, int]] = {pk: {} for pk in wanted}
    if not wanted:
        return counts
    rows = (
        SurveyAnswer.objects.filter(
            *conditions,
            question_id__in=wanted,
            number__isnull=False,
            response__submitted_at__lt=end,
        )
        .values_list("question_id", "number")
        .annotate(answers=Count("pk"))
        .order_by()
    )
    for question, value, answers in rows:
        counts[question][value] = answers
    return counts


def _survey_figures(ctx: _Context) -> Block:
    satisfaction_question, nps_question = survey_questions([ctx.programme.pk], ctx.as_of).get(
        ctx.programme.pk, (None, None)
    )
    counts = answer_counts(
        (satisfaction_question, nps_question),
        ctx.end,
        ctx.scope.answers(
            "response__invitation__membership__", "response__invitation__mentorship__"
        ),
    )
    satisfaction = counts.get(satisfaction_question or 0, {})
    mean = mean_of(satisfaction)
    satisfaction_answers = sum(satisfaction.values())
    nps = nps_of(counts.get(nps_question or 0, {}))
    nps_block: dict[str, Any] = {
        "score": nps.score if nps else None,
        "answers": nps.answers if nps else 0,
        "promoters": nps.promoters if nps else 0,
        "passives": nps.passives if nps else 0,
        "detractors": nps.detractors if nps else 0,
    }
    answers = nps_block["answers"]
    # With the score and the number of answers, two counts give the third away: the three
    # counts share the smallest base.
    smallest = min(nps_block["promoters"], nps_block["passives"], nps_block["detractors"])
    bases: dict[Path, int] = {
        ("satisfaction", "mean"): satisfaction_answers,
        ("satisfaction", "answers"): satisfaction_answers,
        ("nps", "score"): answers,
        ("nps", "answers"): answers,
        **{
            ("nps", name): min(answers, smallest)
            for name in ("promoters", "passives", "detractors")
        },
    }
    block = {
        "satisfaction": {
            "mean": float(mean) if mean is not None else None,
            "answers": satisfaction_answers,
        },
        "nps": nps_block,
    }
    return block, bases


def _session_rating(ctx: _Context) -> Block:
    found = SessionFeedback.objects.filter(
        ctx.scope.answers("invitation__membership__", "invitation__mentorship__"),
        invitation__programme=ctx.programme,
        submitted_at__lt=ctx.end,
    ).aggregate(
        total=Sum("rating"),
        answers=Count("pk"),
        people=Count("invitation__membership", distinct=True),
    )
    block = {"mean": one_decimal(found["total"], found["answers"]), "answers": found["answers"]}
    # One person rating many meetings is still one person.
    people = found["people"]
    return block, {("session_rating", "mean"): people, ("session_rating", "answers"): people}


def _funnel(ctx: _Context) -> tuple[dict[str, Any], dict[Path, int], dict[Path, str]]:
    end, scope = ctx.end, ctx.scope
    in_cohort = scope.answers("membership__", "mentorship__")
    stayed = Q(left_at__isnull=True) | Q(left_at__gte=end)
    paired = Participant.objects.filter(
        mentorship__programme=ctx.programme, mentorship__created_at__lt=end
    ).aggregate(
        matched=Count("membership", filter=in_cohort, distinct=True),
        active=Count(
            "membership", filter=in_cohort & stayed & open_at(end, "mentorship__"), distinct=True
        ),
        completed=Count(
            "membership",
            filter=in_cohort
            & Q(left_at__isnull=True, mentorship__end_reason=EndReason.COMPLETED)
            & closed_by(end, "mentorship__"),
            distinct=True,
        ),
    )
    withheld: dict[Path, str] = {}
    before = {"invited": 0, "applied": 0, "approved": 0}
    if scope.has_cohort:
        reason = _(
            "Not shown with a cohort filter: a cohort is the month a relationship started, and "
            "people not yet paired belong to none."
        )
        withheld = {("funnel", name): reason for name in before}
    else:
        before["invited"] = EnrolmentInvitation.objects.filter(
            scope.people("membership__"), programme=ctx.programme, created_at__lt=end
        ).aggregate(people=Count("membership", distinct=True))["people"]
        decided = Q(decided_at__isnull=True) | Q(decided_at__lt=end)
        applications = Application.objects.filter(
            scope.people("membership__"), programme=ctx.programme, submitted_at__lt=end
        ).aggregate(
            applied=Count("membership", distinct=True),
            approved=Count(
                "membership", filter=Q(status=ApplicationStatus.APPROVED) & decided, distinct=True
            ),
        )
        before.update(applications)
    block = {**before, **paired}
    # Each step is a count of people: its own base.
    return block, {("funnel", name): value for name, value in block.items()}, withheld


def _diversity(ctx: _Context) -> Block:
    members = "participants__membership__"
    career = ExtractYear(f"{members}profile__updated_at") - F(
        f"{members}profile__years_of_experience"
    )
    annotated = ctx.relationships().annotate(
        departments=Count(f"{members}department", distinct=True),
        department_unknown=Count(
            "participants", filter=Q(**{f"{members}department__isnull": True}), distinct=True
        ),
        sites=Count(f"{members}site", distinct=True),
        site_unknown=Count(
            "participants", filter=Q(**{f"{members}site__isnull": True}), distinct=True
        ),
        career_unknown=Count(
            "participants",
            filter=Q(**{f"{members}profile__years_of_experience__isnull": True}),
            distinct=True,
        ),
        career_first=Min(career, output_field=IntegerField()),
        career_last=Max(career, output_field=IntegerField()),
    )
    known = {
        "cross_department": Q(department_unknown=0),
        "cross_site": Q(site_unknown=0),
        "cross_generation": Q(career_unknown=0),
    }
    across = {
        "cross_department": Q(departments__gt=1),
        "cross_site": Q(sites__gt=1),
        "cross_generation": Q(career_last__gte=F("career_first") + GENERATION_YEARS),
    }
    counts = annotated.aggregate(
        **{f"{name}_known": Count("pk", filter=known[name]) for name in known},
        **{name: Count("pk", filter=known[name] & across[name]) for name in known},
    )
    people = Participant.objects.filter(mentorship__programme=ctx.programme).aggregate(
        **{
            name: Count(
                "membership",
                distinct=True,
                filter=Q(mentorship__in=annotated.filter(condition).values("pk")),
            )
            for name, condition in known.items()
        }
    )
    block = {name: one_decimal_percent(counts[name], counts[f"{name}_known"]) for name in known}
    return block, {("diversity", name): people[name] for name in known}


def compute_figures(programme: Programme, scope: Scope, as_of: date) -> Figures:
    """Every figure of the dashboard for one group, with its base; nothing hidden yet."""
    ctx = _Context(programme, scope, as_of, day_end(as_of))
    relationships, relationship_bases = _relationships(ctx, at_risk_threshold(programme))
    sessions, session_bases = _sessions(ctx)
    goals, goal_bases = _goals(ctx)
    surveys, survey_bases = _survey_figures(ctx)
    rating, rating_bases = _session_rating(ctx)
    funnel, funnel_bases, withheld = _funnel(ctx)
    kept, kept_bases = retention(programme, scope, as_of, ctx.end)
    diversity, diversity_bases = _diversity(ctx)
    data: dict[str, Any] = {
        "programme": programme.pk,
        "as_of": as_of.isoformat(),
        "k": K,
        "anonymised": False,
        "objectives": [],
        "funnel": funnel,
        "relationships": relationships,
        "sessions": sessions,
        "goals": goals,
        "satisfaction": surveys["satisfaction"],
        "session_rating": rating,
        "nps": surveys["nps"],
        "retention": kept,
        "diversity": diversity,
    }
    bases = {
        **funnel_bases,
        **relationship_bases,
        **session_bases,
        **goal_bases,
        **survey_bases,
        **rating_bases,
        ("retention", "participants"): kept_bases["participants"],
        ("retention", "comparison"): kept_bases["comparison"],
        **diversity_bases,
    }
    figures = Figures(data=data, bases=bases, withheld=withheld)
    _add_objectives(figures, programme, as_of)
    return figures


def _add_objectives(figures: Figures, programme: Programme, as_of: date) -> None:
    for index, objective in enumerate(programme.objectives.all()):
        source = METRIC_FIGURE[Metric(objective.metric)]
        path: Path = ("objectives", index, "current")
        current = None if source in figures.withheld else read(figures.data, source)
        if source in figures.withheld:
            figures.withheld[path] = figures.withheld[source]
        figures.bases[path] = figures.bases.get(source, 0)
        figures.data["objectives"].append(
            {
                "id": objective.pk,
                "title": objective.title,
                "metric": objective.metric,
                "baseline": number(objective.baseline),
                "target": number(objective.target),
                "target_date": objective.target_date.isoformat(),
                "current": current,
                "status": objective_status(objective, current, programme.starts_on, as_of),
            }
        )


@dataclass(frozen=True)
class Dashboard:
    """A dashboard as one reader may see it, and why each missing figure is missing."""

    data: dict[str, Any]
    reasons: dict[Path, str]
    # The whole programme's figures as computed, before any hiding, when no filter applied:
    # what an objective's trend reads this week (kpi.objective_trends), not computed twice.
    whole: Figures | None = None


def dashboard(
    programme: Programme,
    *,
    anonymised: bool,
    filters: Filters | None = None,
    as_of: date | None = None,
) -> Dashboard:
    """The figures for a coordinator (everything) or a sponsor (k-anonymous), with reasons."""
    filters = filters or Filters()
    as_of = as_of or timezone.localdate()
    figures = compute_figures(programme, Scope(filters), as_of)
    whole = figures if filters.is_empty else None
    if not anonymised:
        data, reasons = reveal(figures)
        return Dashboard(data, reasons, whole)
    complements = [
        compute_figures(programme, Scope(wider, exclude=filters), as_of)
        for wider in filters.wider()
    ]
    data, reasons = anonymise(figures, complements=complements)
    return Dashboard(data, reasons, whole)


def programme_dashboard(
    programme: Programme,
    *,
    anonymised: bool,
    filters: Filters | None = None,
    as_of: date | None = None,
) -> dict[str, Any]:
    """The contract's JSON (MEASURE.md, "The programme dashboard API")."""
    return dashboard(programme, anonymised=anonymised, filters=filters, as_of=as_of).data
