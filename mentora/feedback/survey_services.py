"""Writes of surveys: copying a template, editing a draft, opening (inviting its audience
exactly once), the one reminder, and answering (once, every answer checked)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from mentora.accounts.models import Membership, Role, still_here
from mentora.accounts.services import record_audit
from mentora.feedback.errors import MESSAGES, FeedbackError, SurveyInvalid
from mentora.feedback.models import (
    TEXT_ANSWER_MAX_LENGTH,
    Audience,
    FeedbackInvitation,
    Instrument,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveyStatus,
)
from mentora.feedback.services import day_end, insert_once
from mentora.feedback.survey_templates import TEMPLATES, choices_in, text_in
from mentora.mentorships.models import Participant
from mentora.mentorships.rules import too_long_message
from mentora.profiles.models import Skill
from mentora.programs.models import ParticipantRole, Programme

AUDIENCE_ROLES: dict[str, list[str]] = {
    Audience.MENTORS: [ParticipantRole.MENTOR],
    Audience.MENTEES: [ParticipantRole.MENTEE],
    Audience.PEERS: [ParticipantRole.PEER],
    Audience.EVERYONE: list(ParticipantRole.values),
}


def _check_draft(survey: Survey) -> None:
    # Read from the database: the caller's copy may predate the survey's opening.
    if not Survey.objects.filter(pk=survey.pk, status=SurveyStatus.DRAFT).exists():
        raise FeedbackError("not_draft")


# Drafting ----------------------------------------------------------------------------------


@transaction.atomic
def copy_template(
    *,
    programme: Programme,
    key: str,
    actor: Membership,
    opens_on: date,
    closes_on: date,
    with_scale: bool = False,
) -> Survey:
    """A draft survey of the programme from a shipped template, written in the coordinator's
    language; `with_scale` adds the template's optional mentoring-functions scale."""
    template = TEMPLATES[key]
    language = actor.language
    survey = Survey.objects.create(
        programme=programme,
        title=template.title_in(language),
        kind=template.kind,
        language=language,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=actor.user,
    )
    questions = template.questions + (template.optional if with_scale else ())
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(
            survey=survey,
            order=order,
            kind=question.kind,
            text=text_in(question, language),
            choices=choices_in(question, language),
            required=question.required,
            subscale=question.subscale,
        )
        for order, question in enumerate(questions, start=1)
    )
    record_audit(
        organisation=programme.organisation,
        actor=actor.user,
        action="feedback.survey_copy",
        target=programme,
        template=key,
    )
    return survey


def update_survey(*, survey: Survey, **values: Any) -> Survey:
    """Change a draft's title, audience or dates."""
    _check_draft(survey)
    for name in ("title", "audience", "opens_on", "closes_on"):
        if name in values:
            setattr(survey, name, values[name])
    survey.save()
    return survey


def save_question(
    *, survey: Survey, question: SurveyQuestion | None = None, **values: Any
) -> SurveyQuestion:
    """Add a question at the end of a draft, or change one of its questions."""
    _check_draft(survey)
    if question is None:
        last = survey.questions.order_by("-order").values_list("order", flat=True).first()
        question = SurveyQuestion(survey=survey, order=(last or 0) + 1)
    for name in ("kind", "text", "choices", "required", "subscale"):
        if name in values:
            setattr(question, name, values[name])
    if question.kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        question.choices = []
    question.save()
    return question


def delete_question(*, question: SurveyQuestion) -> None:
    _check_draft(question.survey)
    question.delete()


# Opening, reminding ------------------------------------------------------------------------


def audience(survey: Survey) -> dict[int, int]:
    """{membership id: relationship id} of the people the survey asks: the members still in
    the programme's open relationships, in the audience's role; never a sponsor (of the
    organisation or of the programme), even one who takes part."""
    people = (
        Participant.objects.in_open_relationships(survey.programme_id)
        .filter(still_here("membership__"), role__in=AUDIENCE_ROLES[Audience(survey.audience)])
        .exclude(membership__role=Role.SPONSOR)
        .exclude(membership__user__in=survey.programme.sponsors.all())
        .order_by("-mentorship_id")
        .values_list("membership_id", "mentorship_id")
    )
    # Latest first then overwritten: each person keeps their first relationship.
    return dict(people)


@transaction.atomic
def open_survey(*, survey: Survey, actor: Membership) -> int:
    """Open a draft and invite its audience. Only the draft → open transition invites, under
    a row lock, and the unique (survey, person) constraint skips anyone already invited: a
    double click or two coordinators at once invite each person once. Returns how many were
    invited."""
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    _check_draft(locked)
    if not locked.questions.exists():
        raise FeedbackError("no_questions")
    now = timezone.now()
    survey.status, survey.opened_at = SurveyStatus.OPEN, now
    Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.OPEN, opened_at=now)
    closes_at = day_end(survey.closes_on)
    rows = [
        FeedbackInvitation(
            instrument=Instrument.SURVEY,
            survey=survey,
            membership_id=membership_id,
            programme_id=survey.programme_id,
            mentorship_id=mentorship_id,
            due_on=survey.opens_on,
            closes_at=closes_at,
            created_at=now,
        )
        for membership_id, mentorship_id in audience(survey).items()
    ]
    insert_once(rows)
    record_audit(
        organisation=survey.programme.organisation,
        actor=actor.user,
        action="feedback.survey_open",
        target=survey.programme,
        survey=survey.pk,
        invited=len(rows),
    )
    return len(rows)


@transaction.atomic
def close_survey(*, survey: Survey) -> Survey:
    """Stop answers before the closing day; the answers sent stay. Closing twice is harmless."""
    now = timezone.now()
    survey.status = SurveyStatus.CLOSED
    survey.save(update_fields=["status"])
    survey.invitations.filter(closes_at__gt=now).update(closes_at=now)
    return survey


@transaction.atomic
def remind(*, survey: Survey) -> int:
    """The one reminder to those who have not answered an open survey (in-app: their pending
    list shows it as reminded). Returns how many were reminded."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.reminded_at is not None:
        raise FeedbackError("reminded")
    if survey.status != SurveyStatus.OPEN or survey.closes_on < timezone.localdate():
        raise FeedbackError("survey_closed")
    now = timezone.now()
    survey.reminded_at = now
    survey.save(update_fields=["reminded_at"])
    return survey.invitations.filter(answered_at=None).update(reminded_at=now)


# Answering ---------------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == []


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _clean(question: SurveyQuestion, value: Any, skills: set[int]) -> dict[str, Any]:
    """The stored form of one answer, or a FeedbackError saying what is wrong with it."""
    kind = question.kind
    if kind == QuestionKind.TEXT:
        text = str(value)
        if len(text) > TEXT_ANSWER_MAX_LENGTH:
            raise FeedbackError(
                "too_long", message=too_long_message(TEXT_ANSWER_MAX_LENGTH, len(text))
            )
        return {"text": text}
    if kind in (QuestionKind.SCALE5, QuestionKind.SCALE10):
        low, high, code = (1, 5, "scale") if kind == QuestionKind.SCALE5 else (0, 10, "scale10")
        number = _as_int(value)
        if number is None or not low <= number <= high:
            raise FeedbackError(code)
        return {"number": number}
    if kind == QuestionKind.SINGLE:
        if value not in question.choices:
            raise FeedbackError("choice")
        return {"values": [value]}
    if kind == QuestionKind.MULTIPLE:
        chosen = _as_list(value)
        if any(v not in question.choices for v in chosen):
            raise FeedbackError("choice")
        return {"values": [v for v in question.choices if v in chosen]}
    ids = [_as_int(v) for v in _as_list(value)]
    if any(i is None or i not in skills for i in ids):
        raise FeedbackError("skills")
    return {"values": sorted(set(ids))}


def check_answers(survey: Survey, answers: dict[int, Any]) -> dict[int, dict[str, Any]]:
    """Every answer checked against its question; all the refusals at once (SurveyInvalid),
    else {question id: stored values} for the questions answered."""
    skills = set(
        Skill.objects.filter(organisation_id=survey.programme.organisation_id).values_list(
            "pk", flat=True
        )
    )
    cleaned: dict[int, dict[str, Any]] = {}
    errors: dict[int, str] = {}
    for question in survey.questions.all():
        value = answers.get(question.pk)
        if isinstance(value, str):
            value = value.strip()
        if _blank(value):
            if question.required:
                errors[question.pk] = str(MESSAGES["required"])
            continue
        try:
            cleaned[question.pk] = _clean(question, value, skills)
        except FeedbackError as error:
            errors[question.pk] = error.message
    if errors:
        raise SurveyInvalid(errors)
    return cleaned


@transaction.atomic
def answer_survey(
    *, invitation: FeedbackInvitation, answers: dict[int, Any], share_name: bool = False
) -> SurveyResponse:
    """Send one's answers to a survey, once. A second submission (another tab, a double
    click) is refused with `survey_answered` and changes nothing."""
    invitation = (
        FeedbackInvitation.objects.select_for_update(of=("self",))
        .select_related("survey__programme")
        .get(pk=invitation.pk)
    )
    survey = invitation.survey
    assert survey is not None
    if SurveyResponse.objects.filter(invitation=invitation).exists():
        raise FeedbackError("survey_answered")
    if survey.status != SurveyStatus.OPEN or invitation.is_closed:
        raise FeedbackError("survey_closed")
    cleaned = check_answers(survey, answers)
    now = timezone.now()
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                invitation=invitation, share_name=share_name, submitted_at=now
            )
    except IntegrityError:
        # Another request answered between our read and our write (SQLite does not lock).
        raise FeedbackError("survey_answered") from None
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(response=response, question_id=pk, **values) for pk, values in cleaned.items()
    )
    invitation.answered_at = now
    invitation.save(update_fields=["answered_at"])
    return response
