"""Reads of surveys: a programme's surveys, the questions to answer, and a survey's results.

A survey's figures, as coordinators read them (MEASURE.md):
- *invited*, *answered* and the *response rate* as for the other instruments (a whole
  percentage of answered ÷ invited);
- per question, the number of answers for each value; for a 1–5 or 0–10 scale the mean of
  the answers, rounded half up to one decimal;
- NPS of a 0–10 question: promoters answered 9–10, detractors 0–6; NPS = round(100 ×
  (promoters − detractors) ÷ answers), rounded half away from zero, an integer in −100…100;
- a subscale score (mentoring-functions scale): the mean of the answers to its items, over
  all the answers to those items, rounded half up to one decimal (equal to the mean of each
  person's item mean when everyone answered every item, which the scale requires);
- free-text answers without name nor date unless the person ticked "share my name".

Results read in the reader's language: the title, the questions and the options in their
translation when the survey has one (answers store the survey's option, mapped by position).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import get_language

from mentora.accounts.models import Membership
from mentora.feedback.models import (
    FeedbackInvitation,
    Instrument,
    QuestionKind,
    Subscale,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
)
from mentora.feedback.selectors import COMMENTS_SHOWN, Comment, Option, percent
from mentora.feedback.selectors import scale_mean as mean_of
from mentora.profiles.models import Skill
from mentora.programs.models import Programme

SCALES = {QuestionKind.SCALE5: range(1, 6), QuestionKind.SCALE10: range(0, 11)}


@dataclass(frozen=True)
class Nps:
    score: int
    answers: int
    promoters: int
    passives: int
    detractors: int


@dataclass(frozen=True)
class QuestionResult:
    question: SurveyQuestion
    answers: int
    options: list[Option]
    mean: Decimal | None = None
    nps: Nps | None = None
    comments: list[Comment] | None = None
    # The question in the reader's language.
    text: str = ""


@dataclass(frozen=True)
class SurveyResults:
    survey: Survey
    invited: int
    answered: int
    reminded: int
    questions: list[QuestionResult]
    subscales: dict[str, Decimal | None]
    # The survey's title in the reader's language.
    title: str = ""

    @property
    def response_rate(self) -> int | None:
        return percent(self.answered, self.invited)


def nps_of(counts: dict[int, int]) -> Nps | None:
    """The NPS of 0–10 answers given as {value: count} (MEASURE.md)."""
    answers = sum(counts.values())
    if not answers:
        return None
    promoters = sum(n for v, n in counts.items() if v >= 9)
    detractors = sum(n for v, n in counts.items() if v <= 6)
    score = (Decimal(100 * (promoters - detractors)) / answers).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )
    return Nps(int(score), answers, promoters, answers - promoters - detractors, detractors)


def programme_surveys(programme: Programme) -> QuerySet[Survey]:
    """The programme's surveys, each with its invited and answered counts."""
    return programme.surveys.annotate(
        invited=Count("invitations"),
        answered=Count("invitations", filter=Q(invitations__answered_at__isnull=False)),
    ).order_by("-created_at", "-pk")


def own_survey_invitation(membership: Membership, pk: int) -> FeedbackInvitation | None:
    return (
        FeedbackInvitation.objects.of(membership)
        .filter(instrument=Instrument.SURVEY, pk=pk)
        .select_related("survey__programme", "programme", "survey_response")
        .first()
    )


def skills_for(survey: Survey) -> list[Skill]:
    return list(Skill.objects.filter(organisation_id=survey.programme.organisation_id))


def _texts(questions: list[SurveyQuestion]) -> dict[int, list[Comment]]:
    """{question id: its latest written answers, at most COMMENTS_SHOWN}, in one query."""
    rows = (
        SurveyAnswer.objects.filter(question__in=questions)
        .exclude(text="")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("question_id"),
                order_by=[F("response__submitted_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=COMMENTS_SHOWN)
        .select_related(
            "response__invitation__membership__user",
            "response__invitation__membership__organisation",
        )
        .order_by("question_id", "-response__submitted_at", "-pk")
    )
    comments: dict[int, list[Comment]] = defaultdict(list)
    for row in rows:
        comments[row.question_id].append(
            Comment(
                text=row.text,
                # The name and date only with the person's consent (MEASURE.md).
                name=str(row.response.invitation.membership.user)
                if row.response.share_name
                else None,
                on=row.response.submitted_at.date() if row.response.share_name else None,
                language=row.response.invitation.membership.language,
            )
        )
    return comments


def survey_results(survey: Survey, language: str | None = None) -> SurveyResults:
    """What the coordinators read of a survey: the live response rate and every question's
    aggregates, in `language` (by default the active language): an option's `value` is the
    survey's text, as stored, and its `label` the reader's."""
    language = language or get_language() or survey.language
    sent = survey.invitations.aggregate(
        invited=Count("pk"),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        reminded=Count("pk", filter=Q(reminded_at__isnull=False)),
    )
    questions = list(survey.questions.all())
    texts = {question.pk: question.text_in(language) for question in questions}
    answers: dict[int, list[tuple[int | None, Any]]] = defaultdict(list)
    for pk, number, values in SurveyAnswer.objects.filter(question__survey=survey).values_list(
        "question_id", "number", "values"
    ):
        answers[pk].append((number, values))
    comments = _texts([q for q in questions if q.kind == QuestionKind.TEXT])
    skill_names = {s.pk: s.name_in(language) for s in skills_for(survey)}
    results = []
    item_counts: dict[str, dict[int, int]] = {}
    for question in questions:
        mine = answers[question.pk]
        kind = question.kind
        if kind in SCALES:
            counts: dict[int, int] = {}
            for number, _values in mine:
                if number is not None:
                    counts[number] = counts.get(number, 0) + 1
            total = sum(counts.values())
            options = [
                Option(str(v), str(v), counts.get(v, 0), percent(counts.get(v, 0), total) or 0)
                for v in SCALES[QuestionKind(kind)]
            ]
            if question.subscale:
                bucket = item_counts.setdefault(question.subscale, {})
                for value, n in counts.items():
                    bucket[value] = bucket.get(value, 0) + n
            results.append(
                QuestionResult(
                    question,
                    total,
                    options,
                    mean=mean_of(counts),
                    nps=nps_of(counts) if kind == QuestionKind.SCALE10 else None,
                    text=texts[question.pk],
                )
            )
        elif kind == QuestionKind.TEXT:
            results.append(
                QuestionResult(
                    question,
                    len(mine),
                    [],
                    comments=comments.get(question.pk, []),
                    text=texts[question.pk],
                )
            )
        else:
            labels = (
                {str(pk): name for pk, name in skill_names.items()}
                if kind == QuestionKind.SKILLS
                else dict(zip(question.choices, question.choices_in(language), strict=True))
            )
            chosen: dict[str, int] = {}
            for _number, values in mine:
                for value in values:
                    chosen[str(value)] = chosen.get(str(value), 0) + 1
            total = len(mine)
            options = [
                Option(
                    value, label, chosen.get(value, 0), percent(chosen.get(value, 0), total) or 0
                )
                for value, label in labels.items()
                if kind != QuestionKind.SKILLS or chosen.get(value)
            ]
            results.append(QuestionResult(question, total, options, text=texts[question.pk]))
    subscales = {value: mean_of(item_counts.get(value, {})) for value in Subscale.values if value}
    return SurveyResults(
        survey=survey,
        invited=sent["invited"],
        answered=sent["answered"],
        reminded=sent["reminded"],
        questions=results,
        subscales=subscales if item_counts else {},
        title=survey.title_in(language),
    )
