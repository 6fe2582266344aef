# ruff: noqa: E501 — demo prose reads better unwrapped.
"""Demo surveys: what the programmes asked their participants, and what they answered.

Called by the demo builder after `seed_feedback`. The running programme's mid-point survey
and the closing programme's end survey are open; the closed programme's end survey closed
at its end with four answers, fewer than k = 5, so that the dashboards show their anonymity
rule at work out of the box.

Surveys are copied from the shipped templates by a coordinator of the programme, as in real
use. The services open a survey today and stamp answers with the current time, so rows are
dated afterwards, at the opening day and at each answer's moment. Whoever was in the audience
on the opening day is invited, including members of relationships that closed since (the
services read the audience at the moment they open). A past survey can no longer be answered
through `answer_survey` (it refuses a closed survey), so its answers are checked by the same
`check_answers` and written here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mentora.accounts.models import Membership, Organisation, Role
from mentora.demo.common import paris_at, writes_in
from mentora.feedback import survey_services
from mentora.feedback.models import (
    FeedbackInvitation,
    Instrument,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyResponse,
    SurveyStatus,
)
from mentora.feedback.services import day_end, insert_once
from mentora.mentorships.models import Participant
from mentora.profiles.models import ProfileSkill, Skill, SkillDirection
from mentora.programs.models import Programme, Status

SHARES_NAME = 0.4
COMMENTED = 0.35
SKILLS_GIVEN = 0.8
# Fewer than k = 5 answers: the closed programme's figures stay hidden from sponsors.
CLOSED_SURVEY_ANSWERS = 4

# A person's disposition decides their answers: the share of promoters, passives and
# detractors gives an NPS of about +40, what a well-run programme usually scores.
PROMOTER, PASSIVE, DETRACTOR = "promoter", "passive", "detractor"
DISPOSITIONS = ((PROMOTER, 0.55), (DETRACTOR, 0.15))
NPS_ANSWERS = {PROMOTER: [9, 10, 10], PASSIVE: [7, 8, 8], DETRACTOR: [3, 5, 6, 6]}
# The person's usual 1–5 answer, each item then one point either side now and then.
SCALE_BASE = {PROMOTER: [5, 5, 4], PASSIVE: [4, 4, 3], DETRACTOR: [3, 3, 2]}
SCALE_DRIFT = [-1, 0, 0, 0, 1]
# Single choices lean to the middle option ("about right") of a three-option question.
MIDDLE_HEAVY = [22, 68, 10]

COMMENTS = {
    "mid_point": {
        "fr": {
            True: [
                "Nos rencontres m'aident à prendre du recul sur mon quotidien.",
                "Très bon binôme, nous avons trouvé notre rythme.",
                "J'apprécie le regard d'une personne d'un autre service.",
            ],
            False: [
                "Difficile de caler les rendez-vous avec nos agendas chargés.",
                "J'aimerais un temps d'échange entre mentoré·e·s.",
            ],
        },
        "en": {
            True: [
                "Our meetings help me step back from my day-to-day work.",
                "A great pairing, we have found our rhythm.",
                "I value the view of someone from another department.",
            ],
            False: [
                "Hard to find time together in our busy calendars.",
                "I would like a session where mentees can share experiences.",
            ],
        },
    },
    "end_of_programme": {
        "fr": {
            True: [
                "Ce programme m'a donné confiance et de nouveaux contacts dans le Groupe.",
                "Des échanges riches, je le recommande sans hésiter.",
                "Merci pour l'organisation, tout était simple et fluide.",
            ],
            False: [
                "Utile, mais les rencontres se sont espacées vers la fin.",
                "J'aurais aimé un point d'étape avec la coordination.",
            ],
        },
        "en": {
            True: [
                "This programme gave me confidence and new contacts across the group.",
                "Rich conversations, I would recommend it without hesitation.",
                "Thank you for the organisation, everything was simple and smooth.",
            ],
            False: [
                "Useful, but we met less and less towards the end.",
                "I would have liked a check-in with the coordinators halfway.",
            ],
        },
    },
}


@dataclass(frozen=True)
class DemoSurvey:
    """A survey of the demo: its template, who copies it, when it is open, who answered."""

    key: str
    coordinator_language: str
    opens_on: date
    closes_on: date
    # The share of the audience that answered, unless an exact number of answers is given.
    answered_share: float = 0.0
    answers: int | None = None
    with_scale: bool = False


def _demo_survey(programme: Programme, today: date) -> DemoSurvey | None:
    if programme.status == Status.RUNNING:
        # Opened three weeks ago, closing in ten days: open now.
        return DemoSurvey(
            key="mid_point",
            coordinator_language="fr",
            opens_on=today - timedelta(days=21),
            closes_on=today + timedelta(days=10),
            answered_share=0.7,
        )
    if programme.status == Status.CLOSING:
        return DemoSurvey(
            key="end_of_programme",
            coordinator_language="fr",
            opens_on=today - timedelta(days=10),
            closes_on=today + timedelta(days=11),
            answered_share=0.75,
            with_scale=True,
        )
    if programme.status == Status.CLOSED and programme.ends_on:
        # Open for the programme's last two weeks, closed since.
        return DemoSurvey(
            key="end_of_programme",
            coordinator_language="en",
            opens_on=programme.ends_on - timedelta(days=14),
            closes_on=programme.ends_on,
            answers=CLOSED_SURVEY_ANSWERS,
            with_scale=True,
        )
    return None


@transaction.atomic
def seed_surveys(organisation: Organisation, rng: random.Random) -> dict[str, dict[str, int]]:
    """The surveys of the running, closing and closed programmes, answered; returns the
    counts of surveys, invitations and answers per programme."""
    today = timezone.localdate()
    counts = {}
    programmes = Programme.objects.filter(
        organisation=organisation, status__in=[Status.RUNNING, Status.CLOSING, Status.CLOSED]
    )
    for programme in programmes.order_by("pk"):
        spec = _demo_survey(programme, today)
        if spec is None:
            continue
        survey = _open(programme, spec, today)
        _answer_some(survey, spec, rng)
        invitations = FeedbackInvitation.objects.filter(
            programme=programme, instrument=Instrument.SURVEY
        )
        counts[programme.name] = {
            "surveys": programme.surveys.count(),
            "invitations": invitations.count(),
            "answers": invitations.filter(survey_response__isnull=False).count(),
        }
    return counts


def _coordinator(programme: Programme, language: str) -> Membership:
    """The programme's coordinator writing in `language`, else its first coordinator."""
    coordinators = list(
        Membership.objects.filter(
            organisation=programme.organisation, user__in=programme.coordinators.all()
        )
        .select_related("user", "organisation")
        .order_by("pk")
    )
    return next((m for m in coordinators if m.language == language), coordinators[0])


def _open(programme: Programme, spec: DemoSurvey, today: date) -> Survey:
    """Copy the template, open it (today, as the services do), then date it back."""
    coordinator = _coordinator(programme, spec.coordinator_language)
    survey = survey_services.copy_template(
        programme=programme,
        key=spec.key,
        actor=coordinator,
        opens_on=today,
        closes_on=today + (spec.closes_on - spec.opens_on),
        with_scale=spec.with_scale,
    )
    is_past = spec.closes_on < today
    if not is_past:
        survey_services.open_survey(survey=survey, actor=coordinator)
    opened_at = paris_at(spec.opens_on, 9)
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=spec.opens_on,
        closes_on=spec.closes_on,
        status=SurveyStatus.CLOSED if is_past else SurveyStatus.OPEN,
        created_at=opened_at - timedelta(days=3),
        opened_at=opened_at,
    )
    survey.refresh_from_db()
    _invite(survey, opened_at)
    return survey


def _audience_on(survey: Survey, at: datetime) -> dict[int, int]:
    """{membership id: relationship id} of the audience as it was at `at`, by the rules of
    `survey_services.audience`: members of the relationships open then, in the audience's
    role, never a sponsor; each keeps their first relationship."""
    people = (
        Participant.objects.filter(
            mentorship__programme=survey.programme,
            mentorship__created_at__lte=at,
            role__in=survey_services.AUDIENCE_ROLES[survey.audience],
        )
        .filter(Q(mentorship__closed_at=None) | Q(mentorship__closed_at__gt=at))
        .filter(Q(left_at=None) | Q(left_at__gt=at))
        .exclude(membership__role=Role.SPONSOR)
        .exclude(membership__user__in=survey.programme.sponsors.all())
        .order_by("-mentorship_id")
        .values_list("membership_id", "mentorship_id")
    )
    return dict(people)


def _invite(survey: Survey, opened_at: datetime) -> None:
    """Everyone in the audience on the opening day invited then (the service invited those
    still in an open relationship today; the others are added, once each)."""
    insert_once(
        [
            FeedbackInvitation(
                instrument=Instrument.SURVEY,
                survey=survey,
                membership_id=membership_id,
                programme_id=survey.programme_id,
                mentorship_id=mentorship_id,
                due_on=survey.opens_on,
                closes_at=day_end(survey.closes_on),
                created_at=opened_at,
            )
            for membership_id, mentorship_id in _audience_on(survey, opened_at).items()
        ]
    )
    survey.invitations.update(
        created_at=opened_at, due_on=survey.opens_on, closes_at=day_end(survey.closes_on)
    )


def _answer_some(survey: Survey, spec: DemoSurvey, rng: random.Random) -> None:
    """Answer the share of invitations the spec gives, by people of every disposition."""
    invitations = list(survey.invitations.select_related("membership__user").order_by("pk"))
    chosen = _who_answers(invitations, spec, rng)
    dispositions = _dispositions(len(chosen), rng)
    assert survey.opened_at is not None
    last = min(timezone.now(), day_end(survey.closes_on)) - timedelta(minutes=5)
    skills = list(
        Skill.objects.filter(organisation_id=survey.programme.organisation_id).values_list(
            "pk", flat=True
        )
    )
    for invitation, disposition in zip(chosen, dispositions, strict=True):
        answers = _answers(survey, invitation.membership, disposition, skills, rng)
        answered_at = min(_answer_time(survey, rng), last)
        _record(survey, invitation, answers, rng.random() < SHARES_NAME, answered_at)


def _answer_time(survey: Survey, rng: random.Random) -> datetime:
    """Most answer in the first days, fewer as the survey stays open; in working hours, and
    never before it opened."""
    assert survey.opened_at is not None
    day = survey.opens_on + timedelta(days=int(rng.expovariate(1 / 3)))
    moment = paris_at(day, rng.randint(9, 17)) + timedelta(minutes=rng.randint(0, 59))
    return max(moment, survey.opened_at + timedelta(minutes=rng.randint(20, 90)))


def _who_answers(
    invitations: list[FeedbackInvitation], spec: DemoSurvey, rng: random.Random
) -> list[FeedbackInvitation]:
    """The running programme's demo mentor has answered and its demo mentee has not, so
    that the mentee's home page asks them to; a closed survey has its four answers."""
    wanted = (
        spec.answers if spec.answers is not None else round(spec.answered_share * len(invitations))
    )
    forced = [i for i in invitations if i.membership.user.email.startswith("mentor@")]
    others = [
        i for i in invitations if not i.membership.user.email.startswith(("mentor@", "mentee@"))
    ]
    chosen = forced + rng.sample(others, max(0, min(len(others), wanted - len(forced))))
    return sorted(chosen, key=lambda i: i.pk)


def _dispositions(count: int, rng: random.Random) -> list[str]:
    """Promoters, passives and detractors in the shares DISPOSITIONS gives, shuffled: the
    NPS lands where intended whatever the draws."""
    quotas = {kind: round(share * count) for kind, share in DISPOSITIONS}
    people = [kind for kind, n in quotas.items() for _ in range(n)]
    people += [PASSIVE] * (count - len(people))
    rng.shuffle(people)
    return people[:count]


def _answers(
    survey: Survey, membership: Membership, disposition: str, skills: list[int], rng: random.Random
) -> dict[int, Any]:
    language = writes_in(membership)
    base = rng.choice(SCALE_BASE[disposition])
    answers: dict[int, Any] = {}
    for question in survey.questions.all():
        kind = question.kind
        if kind == QuestionKind.SCALE5:
            answers[question.pk] = max(1, min(5, base + rng.choice(SCALE_DRIFT)))
        elif kind == QuestionKind.SCALE10:
            answers[question.pk] = rng.choice(NPS_ANSWERS[disposition])
        elif kind == QuestionKind.SINGLE:
            weights = MIDDLE_HEAVY if len(question.choices) == len(MIDDLE_HEAVY) else None
            answers[question.pk] = rng.choices(question.choices, weights=weights)[0]
        elif kind == QuestionKind.MULTIPLE:
            answers[question.pk] = rng.sample(
                question.choices, rng.randint(1, min(2, len(question.choices)))
            )
        elif kind == QuestionKind.SKILLS and rng.random() < SKILLS_GIVEN:
            answers[question.pk] = _skills_gained(membership, skills, rng)
        elif kind == QuestionKind.TEXT and (question.required or rng.random() < COMMENTED):
            texts = COMMENTS.get(survey.kind, COMMENTS["end_of_programme"])[language]
            answers[question.pk] = rng.choice(texts[disposition != DETRACTOR])
    return answers


def _skills_gained(membership: Membership, skills: list[int], rng: random.Random) -> list[int]:
    """What they sought on their profile, else a few of the organisation's skills."""
    sought = (
        list(
            ProfileSkill.objects.filter(
                profile__membership=membership, direction=SkillDirection.SOUGHT
            )
            .values_list("skill_id", flat=True)
            .order_by("skill_id")
        )
        or skills
    )
    return rng.sample(sought, min(len(sought), rng.randint(1, 3)))


def _record(
    survey: Survey,
    invitation: FeedbackInvitation,
    answers: dict[int, Any],
    share_name: bool,
    answered_at: datetime,
) -> None:
    if survey.status == SurveyStatus.OPEN:
        response = survey_services.answer_survey(
            invitation=invitation, answers=answers, share_name=share_name
        )
        SurveyResponse.objects.filter(pk=response.pk).update(submitted_at=answered_at)
    else:
        cleaned = survey_services.check_answers(survey, answers)
        response = SurveyResponse.objects.create(
            invitation=invitation, share_name=share_name, submitted_at=answered_at
        )
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(response=response, question_id=pk, **values)
            for pk, values in cleaned.items()
        )
    FeedbackInvitation.objects.filter(pk=invitation.pk).update(answered_at=answered_at)
