"""Writes of surveys: copying a template, editing a draft, opening (inviting its audience
exactly once), the one reminder, answering (once, every answer checked) and a participant's
half-answered draft (saved to finish later, cleared once sent)."""

from __future__ import annotations

from contextlib import suppress
from datetime import date, datetime, timedelta
from typing import Any, Literal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from mentora.accounts.models import Membership, Role, still_here
from mentora.accounts.services import record_audit
from mentora.feedback.errors import MESSAGES, FeedbackError, SurveyInvalid
from mentora.feedback.models import (
    TEXT_ANSWER_MAX_LENGTH,
    Audience,
    FeedbackInvitation,
    Instrument,
    Opening,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveyStatus,
)
from mentora.feedback.services import day_end, insert_once
from mentora.feedback.survey_languages import other_language
from mentora.feedback.survey_templates import (
    TEMPLATES,
    TemplateQuestion,
    choices_in,
    text_in,
)
from mentora.mentorships.models import Participant, ParticipantQuerySet, Stage
from mentora.mentorships.rules import too_long_message
from mentora.profiles.models import Skill
from mentora.programs.models import ParticipantRole, Programme

AUDIENCE_ROLES: dict[str, list[str]] = {
    Audience.MENTORS: [ParticipantRole.MENTOR],
    Audience.MENTEES: [ParticipantRole.MENTEE],
    Audience.PEERS: [ParticipantRole.PEER],
    Audience.EVERYONE: list(ParticipantRole.values),
}


# What may open: a draft (the coordinator's Open), or a scheduled survey (the worker).
OPENABLE = (SurveyStatus.DRAFT, SurveyStatus.SCHEDULED)


def _check_draft(survey: Survey) -> None:
    # Read from the database: the caller's copy may predate the survey's opening.
    status = Survey.objects.filter(pk=survey.pk).values_list("status", flat=True).first()
    if status == SurveyStatus.SCHEDULED:
        raise FeedbackError("scheduled")
    if status != SurveyStatus.DRAFT:
        raise FeedbackError("not_draft")


# Drafting ----------------------------------------------------------------------------------

CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


def _template_translations(question: TemplateQuestion, language: str) -> dict[str, Any]:
    """The template's question in each of its languages but `language`, for
    `SurveyQuestion.translations`: options only for the choice kinds, in the same order."""
    found: dict[str, Any] = {}
    for other, text in question.text.items():
        if other == language:
            continue
        found[other] = {"text": text}
        if question.choices.get(other):
            found[other]["choices"] = list(question.choices[other])
    return found


@transaction.atomic
def copy_template(
    *,
    programme: Programme,
    key: str,
    actor: Membership,
    opens_on: date,
    closes_on: date,
    with_scale: bool = False,
    opening: str = Opening.FIXED,
    days_before_end: int | None = None,
    answer_days: int = 14,
) -> Survey:
    """A draft survey of the programme from a shipped template, written in the coordinator's
    language with the template's other languages as its translations; `with_scale` adds the
    template's optional mentoring-functions scale. The dates are those its opening rule gives
    (`survey_schedule.opening_dates`)."""
    template = TEMPLATES[key]
    language = actor.language
    survey = Survey.objects.create(
        programme=programme,
        title=template.title_in(language),
        # Every language of the template travels with the copy: participants who read
        # another language than the coordinator's see the template in theirs.
        title_translations={o: t for o, t in template.title.items() if o != language},
        kind=template.kind,
        language=language,
        opens_on=opens_on,
        closes_on=closes_on,
        opening=opening,
        days_before_end=days_before_end,
        answer_days=answer_days,
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
            translations=_template_translations(question, language),
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
    """Change a draft's title, audience, opening rule or dates."""
    _check_draft(survey)
    for name in (
        "title",
        "audience",
        "opens_on",
        "closes_on",
        "opening",
        "days_before_end",
        "answer_days",
    ):
        if name in values:
            setattr(survey, name, values[name])
    if "title_translation" in values:
        _set_title_translation(survey, values["title_translation"] or "")
    survey.save()
    return survey


def _set_title_translation(survey: Survey, title: str) -> None:
    """The title in the survey's other language; blank removes it (readers of that language
    then read `title`)."""
    other = other_language(survey.language)
    if other is None:
        return
    translations = {k: v for k, v in survey.title_translations.items() if k != other}
    if title.strip():
        translations[other] = title.strip()
    survey.title_translations = translations


def save_question(
    *, survey: Survey, question: SurveyQuestion | None = None, **values: Any
) -> SurveyQuestion:
    """Add a question at the end of a draft, or change one of its questions."""
    _check_draft(survey)
    if question is None:
        last = survey.questions.order_by("-order").values_list("order", flat=True).first()
        question = SurveyQuestion(survey=survey, order=(last or 0) + 1)
    for name in ("kind", "text", "choices", "required", "subscale", "translations"):
        if name in values:
            setattr(question, name, values[name])
    if question.kind not in CHOICE_KINDS:
        question.choices = []
    question.translations = _kept_translations(question, survey.language)
    question.save()
    return question


def _kept_translations(question: SurveyQuestion, language: str) -> dict[str, Any]:
    """The question's translations worth keeping: never one in the survey's own language,
    options only for a choice kind, and no empty entry."""
    kept: dict[str, Any] = {}
    for other, entry in question.translations.items():
        if other == language or not isinstance(entry, dict):
            continue
        entry = {k: v for k, v in entry.items() if v and (k == "text" or k == "choices")}
        if question.kind not in CHOICE_KINDS:
            entry.pop("choices", None)
        if entry:
            kept[other] = entry
    return kept


def delete_question(*, question: SurveyQuestion) -> None:
    _check_draft(question.survey)
    question.delete()


@transaction.atomic
def move_question(*, question: SurveyQuestion, direction: Literal["up", "down"]) -> None:
    """Swap a draft's question with the one above or below it; the first question does not
    move up, nor the last down. The survey's row lock orders a move and an opening."""
    _check_draft(Survey.objects.select_for_update().get(pk=question.survey_id))
    questions = list(
        SurveyQuestion.objects.filter(survey_id=question.survey_id).order_by("order", "pk")
    )
    here = next((i for i, q in enumerate(questions) if q.pk == question.pk), None)
    there = None if here is None else here + (-1 if direction == "up" else 1)
    if here is None or there is None or not 0 <= there < len(questions):
        return
    questions[here], questions[there] = questions[there], questions[here]
    # Renumbered from 1: orders that gaps (deletions) or ties left still swap cleanly.
    for order, each in enumerate(questions, start=1):
        each.order = order
    SurveyQuestion.objects.bulk_update(questions, ["order"])


# Opening, reminding ------------------------------------------------------------------------


def _in_audience(people: ParticipantQuerySet, survey: Survey) -> ParticipantQuerySet:
    """The people among `people` the survey may ask: members still in the organisation, in
    the audience's role; never a sponsor (of the organisation or of the programme), even one
    who takes part."""
    return (
        people.filter(
            still_here("membership__"), role__in=AUDIENCE_ROLES[Audience(survey.audience)]
        )
        .exclude(membership__role=Role.SPONSOR)
        .exclude(membership__user__in=survey.programme.sponsors.all())
    )


def audience(survey: Survey) -> dict[int, int]:
    """{membership id: relationship id} of the people the survey asks: the members of the
    audience (`_in_audience`) in the programme's open relationships, or in one that ran its
    course (an end-of-programme survey opens when most relationships have closed; those who
    ended early are asked by an end-of-relationship survey, if the programme has one)."""
    people = (
        _in_audience(Participant.objects.done_in(survey.programme_id), survey)
        .order_by("-mentorship_id")
        .values_list("membership_id", "mentorship_id")
    )
    # Latest first then overwritten: each person keeps their first relationship.
    return dict(people)


def closure_invitations(survey: Survey, today: date) -> list[FeedbackInvitation]:
    """What a survey that opens as each relationship closes still owes: one invitation per
    member of its audience whose relationship in the programme has closed, and who has none.

    Closed means the relationship's stage is closed, whether it ran its course or ended early
    (an exit): either way it is over, and both are worth hearing. Those still in it on its
    closing day are asked, including the one whose exit closed it; someone who left a group
    earlier was not there at its end. The invitation is due on the closing day (on the
    survey's first day for a relationship that closed before the survey opened) and stays
    open `answer_days` days, never past the survey's last day.
    """
    first_day = timezone.localdate(survey.opened_at) if survey.opened_at else today
    people = (
        _in_audience(
            Participant.objects.filter(
                mentorship__programme_id=survey.programme_id, mentorship__stage=Stage.CLOSED
            ),
            survey,
        )
        .exclude(membership__in=survey.invitations.values("membership"))
        .order_by(F("mentorship__closed_at").asc(nulls_first=True), "mentorship_id")
        .values_list("membership_id", "mentorship_id", "left_at", "mentorship__closed_at")
    )
    now = timezone.now()
    last = day_end(survey.closes_on)
    rows: dict[int, FeedbackInvitation] = {}
    for membership_id, mentorship_id, left_at, closed_at in people:
        closed_on = timezone.localdate(closed_at) if closed_at else first_day
        if membership_id in rows or closed_on > survey.closes_on:
            continue
        if left_at is not None and timezone.localdate(left_at) < closed_on:
            continue
        due_on = max(closed_on, first_day)
        closes_at = min(day_end(due_on + timedelta(days=survey.answer_days - 1)), last)
        # A worker stopped for longer than the time to answer owes nothing it could still
        # answer: an invitation born closed would only lower the response rate.
        if closes_at <= now:
            continue
        rows[membership_id] = FeedbackInvitation(
            instrument=Instrument.SURVEY,
            survey=survey,
            membership_id=membership_id,
            programme_id=survey.programme_id,
            mentorship_id=mentorship_id,
            due_on=due_on,
            closes_at=closes_at,
            created_at=now,
        )
    return list(rows.values())


def _opening_invitations(survey: Survey, now: datetime) -> list[FeedbackInvitation]:
    if survey.opening == Opening.AT_CLOSURE:
        return closure_invitations(survey, timezone.localdate(now))
    closes_at = day_end(survey.closes_on)
    return [
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


@transaction.atomic
def open_survey(*, survey: Survey, actor: Membership | None) -> int:
    """Open a draft, or a scheduled survey on its day, and invite its audience: everyone at
    once, or, when it opens as each relationship closes, those whose relationship has closed
    already (the scheduler invites the others as theirs close). Only the transition to open
    invites, under a row lock and a conditional update, and the unique (survey, person)
    constraint skips anyone already invited: a double click, two coordinators or two workers
    at once invite each person once. `actor` is None when the task worker opens it. Returns
    how many were invited."""
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    if locked.status not in OPENABLE:
        raise FeedbackError("not_draft")
    if not locked.questions.exists():
        raise FeedbackError("no_questions")
    now = timezone.now()
    # Conditional: where rows are not locked (SQLite), the second of two openings changes
    # nothing and stops here.
    if not Survey.objects.filter(pk=locked.pk, status__in=OPENABLE).update(
        status=SurveyStatus.OPEN, opened_at=now
    ):
        raise FeedbackError("not_draft")
    locked.status = survey.status = SurveyStatus.OPEN
    locked.opened_at = survey.opened_at = now
    rows = _opening_invitations(locked, now)
    insert_once(rows)
    record_audit(
        organisation=locked.programme.organisation,
        actor=actor.user if actor is not None else None,
        action="feedback.survey_open" if actor is not None else "feedback.survey_open_on_day",
        target=locked.programme,
        survey=locked.pk,
        invited=len(rows),
        **({} if actor is not None else {"automatic": True}),
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


def _stored_choices(question: SurveyQuestion) -> dict[str, str]:
    """{an option's text in any of the question's languages: its text in the survey's
    language}: a participant reading English sends the English option, and the answer stores
    the survey's (`choices`), matched by position. The survey's own texts win a tie."""
    stored: dict[str, str] = {}
    for language in (question.survey.language, *question.translations):
        for shown, own in zip(question.choices_in(language), question.choices, strict=True):
            stored.setdefault(shown, own)
    return stored


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
    if kind in CHOICE_KINDS:
        given = [value] if kind == QuestionKind.SINGLE else _as_list(value)
        stored = _stored_choices(question)
        chosen = [stored.get(v) if isinstance(v, str) else None for v in given]
        if any(c is None for c in chosen):
            raise FeedbackError("choice")
        return {"values": [c for c in question.choices if c in chosen]}
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


def _locked_open(invitation: FeedbackInvitation) -> FeedbackInvitation:
    """The invitation under a row lock, refused once its survey is answered or closed."""
    locked = (
        FeedbackInvitation.objects.select_for_update(of=("self",))
        .select_related("survey__programme")
        .get(pk=invitation.pk)
    )
    survey = locked.survey
    assert survey is not None
    if SurveyResponse.objects.filter(invitation=locked).exists():
        raise FeedbackError("survey_answered")
    if survey.status != SurveyStatus.OPEN or locked.is_closed:
        raise FeedbackError("survey_closed")
    return locked


def answer_survey(
    *, invitation: FeedbackInvitation, answers: dict[int, Any], share_name: bool = False
) -> SurveyResponse:
    """Send one's answers to a survey, once. A second submission (another tab, a double
    click) is refused with `survey_answered` and changes nothing. Answers refused as not
    valid are kept as the person's draft, so that leaving the page loses nothing."""
    try:
        return _send_answers(invitation, answers, share_name)
    except SurveyInvalid:
        _keep_refused_answers(invitation, answers)
        raise


@transaction.atomic
def _send_answers(
    invitation: FeedbackInvitation, answers: dict[int, Any], share_name: bool
) -> SurveyResponse:
    invitation = _locked_open(invitation)
    survey = invitation.survey
    assert survey is not None
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
    # Sent: the draft has served its purpose.
    invitation.draft, invitation.draft_saved_at = {}, None
    invitation.save(update_fields=["answered_at", "draft", "draft_saved_at"])
    return response


# Drafts ------------------------------------------------------------------------------------

# A draft is what was typed, unchecked but for its size: a text as long as an answer may be,
# and option texts or skill ids no longer than a question, at most as many as a long list.
DRAFT_ITEM_MAX_LENGTH = 500
DRAFT_ITEMS_MAX = 500


def _draft_item(value: Any) -> str | int:
    return value if isinstance(value, int) and not isinstance(value, bool) else str(value)


def _too_long(value: str | int, limit: int) -> str | None:
    length = len(str(value))
    return too_long_message(limit, length) if length > limit else None


def _draft_of(survey: Survey, answers: dict[Any, Any]) -> tuple[dict[str, Any], dict[int, str]]:
    """What of `answers` a draft keeps, {question id as str: value} without the blanks, and
    the refusals of the values too long to keep, by question id."""
    draft: dict[str, Any] = {}
    errors: dict[int, str] = {}
    for question in survey.questions.all():
        value = answers.get(question.pk, answers.get(str(question.pk)))
        if _blank(value):
            continue
        error: str | None = None
        if isinstance(value, list):
            items = [_draft_item(v) for v in value if not _blank(v)]
            if len(items) > DRAFT_ITEMS_MAX:
                error = str(
                    MESSAGES["skills" if question.kind == QuestionKind.SKILLS else "choice"]
                )
            else:
                error = next(
                    filter(None, (_too_long(i, DRAFT_ITEM_MAX_LENGTH) for i in items)), None
                )
            kept: Any = items
        else:
            kept = _draft_item(value)
            limit = (
                TEXT_ANSWER_MAX_LENGTH
                if question.kind == QuestionKind.TEXT
                else DRAFT_ITEM_MAX_LENGTH
            )
            error = _too_long(kept, limit)
        if error:
            errors[question.pk] = error
        elif kept != []:
            draft[str(question.pk)] = kept
    return draft, errors


def _keep_draft(invitation: FeedbackInvitation, draft: dict[str, Any]) -> None:
    invitation.draft = draft
    # Nothing typed is no draft: the survey is not "in progress".
    invitation.draft_saved_at = timezone.now() if draft else None
    invitation.save(update_fields=["draft", "draft_saved_at"])


@transaction.atomic
def save_survey_draft(
    *, invitation: FeedbackInvitation, answers: dict[Any, Any]
) -> FeedbackInvitation:
    """Keep what the person typed so far, to finish later: nothing is required and nothing
    checked but sizes (SurveyInvalid); refused, as an answer is, once the survey is answered
    or closed."""
    locked = _locked_open(invitation)
    assert locked.survey is not None
    draft, errors = _draft_of(locked.survey, answers)
    if errors:
        raise SurveyInvalid(errors)
    _keep_draft(locked, draft)
    invitation.draft, invitation.draft_saved_at = locked.draft, locked.draft_saved_at
    return invitation


def _keep_refused_answers(invitation: FeedbackInvitation, answers: dict[Any, Any]) -> None:
    # Answered or closed meanwhile: there is no draft left to keep.
    with suppress(FeedbackError), transaction.atomic():
        locked = _locked_open(invitation)
        assert locked.survey is not None
        # A value too long to keep is left out; the page still shows it with its refusal.
        draft, _errors = _draft_of(locked.survey, answers)
        _keep_draft(locked, draft)
        invitation.draft, invitation.draft_saved_at = locked.draft, locked.draft_saved_at
