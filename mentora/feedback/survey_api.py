"""API over surveys: the questions of my invitation in my language, saving what I typed to
finish later, answering it, and a programme's survey results for its coordinators. Refusals
as the other feedback operations (`api_answers`): 422 with the answers' refusals (`errors`,
by question id) for answers that are not valid, 409 for a survey closed or already
answered."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Field, Path, Router, Schema

from mentora.accounts.actors import actor
from mentora.core.converters import MAX_ID
from mentora.core.schemas import ERRORS, ProgrammeId
from mentora.feedback import policy, survey_selectors, survey_services
from mentora.feedback.api_answers import SURVEY_ERRORS, answered
from mentora.profiles.models import reading_language

router = Router(tags=["feedback"])

InvitationId = Annotated[int, Path(ge=1, le=MAX_ID)]


class QuestionOut(Schema):
    id: int
    order: int
    kind: str = Field(..., description="text, single, multiple, scale5, scale10 or skills.")
    text: str = Field(..., description="In the caller's language when the survey has it.")
    required: bool
    choices: list[str] = Field(
        ...,
        description=(
            "Single and multiple choice: the options, in the caller's language when the survey "
            "has it; an answer may give them in any of the survey's languages."
        ),
    )
    subscale: str


class SkillOut(Schema):
    id: int
    name: str


class SurveyOut(Schema):
    invitation_id: int
    survey_id: int
    title: str
    programme_id: int
    closes_at: datetime
    answered: bool
    questions: list[QuestionOut]
    skills: list[SkillOut] = Field(..., description="What a skills question may be answered with.")
    draft: dict[str, Any] = Field(
        ..., description="What was saved to finish later, by question id (see PUT …/draft)."
    )
    draft_saved_at: datetime | None


class SurveyAnswersIn(Schema):
    answers: dict[int, Any] = Field(
        ...,
        description=(
            "By question id: a number (scales), a text, an option's text (single), a list of "
            "options' texts (multiple) or of skill ids (skills)."
        ),
    )
    share_name: bool = Field(False, description="Share my name with the coordinator.")


class SurveyAnsweredOut(Schema):
    invitation_id: int
    submitted_at: datetime
    share_name: bool


class SurveyDraftIn(Schema):
    answers: dict[int, Any] = Field(
        ...,
        description=(
            "What was typed so far, by question id, as for the answers; nothing is required and "
            "only sizes are checked. Replaces the draft saved before; sending the answers "
            "clears it."
        ),
    )


class SurveyDraftOut(Schema):
    invitation_id: int
    draft: dict[str, Any]
    saved_at: datetime | None = Field(..., description="None when nothing was kept.")


class OptionOut(Schema):
    value: str
    label: str
    count: int
    percent: int


class NpsOut(Schema):
    score: int
    answers: int
    promoters: int
    passives: int
    detractors: int


class QuestionResultOut(Schema):
    id: int
    kind: str
    text: str
    answers: int
    mean: Decimal | None = Field(None, description="Scales: mean, one decimal.")
    nps: NpsOut | None = Field(None, description="0–10 questions (MEASURE.md).")
    options: list[OptionOut]
    comments: list[dict[str, Any]] | None = Field(
        None, description="Free text: {text, name, on}, name and date only with consent."
    )


class SurveyResultOut(Schema):
    id: int
    title: str
    kind: str
    audience: str
    status: str
    opening: str = Field(description="fixed, mid_point, before_end or at_closure")
    opens_on: date
    closes_on: date
    invited: int
    answered: int
    response_rate: int | None
    reminded_at: datetime | None
    subscales: dict[str, Decimal | None]
    questions: list[QuestionResultOut]


class ProgrammeSurveysOut(Schema):
    programme_id: int
    surveys: list[SurveyResultOut]


def _own(request: HttpRequest, invitation_id: int):
    invitation = survey_selectors.own_survey_invitation(actor(request), invitation_id)
    if invitation is None or invitation.survey is None:
        raise Http404
    return invitation


@router.get(
    "/surveys/{invitation_id}",
    response={200: SurveyOut, **ERRORS},
    summary="The questions of a survey I am invited to answer",
    url_name="survey",
)
def survey(request: HttpRequest, invitation_id: InvitationId):
    invitation = _own(request, invitation_id)
    survey = invitation.survey
    assert survey is not None
    language = reading_language()
    return {
        "invitation_id": invitation.pk,
        "survey_id": survey.pk,
        "title": survey.title_in(language),
        "programme_id": survey.programme_id,
        "closes_at": invitation.closes_at,
        "answered": invitation.answered_at is not None,
        "questions": [
            {
                "id": q.pk,
                "order": q.order,
                "kind": q.kind,
                "text": q.text_in(language),
                "required": q.required,
                "choices": q.choices_in(language),
                "subscale": q.subscale,
            }
            for q in survey.questions.all()
        ],
        "skills": [{"id": s.pk, "name": str(s)} for s in survey_selectors.skills_for(survey)],
        "draft": invitation.draft,
        "draft_saved_at": invitation.draft_saved_at,
    }


@router.post(
    "/surveys/{invitation_id}/answers",
    response={201: SurveyAnsweredOut, **SURVEY_ERRORS},
    summary="Send my answers to a survey (once)",
    url_name="survey_answers",
)
def survey_answers(request: HttpRequest, invitation_id: InvitationId, payload: SurveyAnswersIn):
    invitation = _own(request, invitation_id)
    return answered(
        lambda: survey_services.answer_survey(
            invitation=invitation, answers=payload.answers, share_name=payload.share_name
        ),
        lambda response: {
            "invitation_id": invitation.pk,
            "submitted_at": response.submitted_at,
            "share_name": response.share_name,
        },
    )


@router.put(
    "/surveys/{invitation_id}/draft",
    response={200: SurveyDraftOut, **SURVEY_ERRORS},
    summary="Save what I typed so far, to finish the survey later",
    url_name="survey_draft",
)
def survey_draft(request: HttpRequest, invitation_id: InvitationId, payload: SurveyDraftIn):
    invitation = _own(request, invitation_id)
    return answered(
        lambda: survey_services.save_survey_draft(invitation=invitation, answers=payload.answers),
        lambda saved: {
            "invitation_id": saved.pk,
            "draft": saved.draft,
            "saved_at": saved.draft_saved_at,
        },
        status=200,
    )


def _result(results: survey_selectors.SurveyResults) -> dict[str, Any]:
    survey = results.survey
    return {
        "id": survey.pk,
        "title": results.title,
        "kind": survey.kind,
        "audience": survey.audience,
        "status": survey.status,
        "opening": survey.opening,
        "opens_on": survey.opens_on,
        "closes_on": survey.closes_on,
        "invited": results.invited,
        "answered": results.answered,
        "response_rate": results.response_rate,
        "reminded_at": survey.reminded_at,
        "subscales": results.subscales,
        "questions": [
            {
                "id": r.question.pk,
                "kind": r.question.kind,
                "text": r.text,
                "answers": r.answers,
                "mean": r.mean,
                "nps": r.nps.__dict__ if r.nps else None,
                "options": [o.__dict__ for o in r.options],
                "comments": (
                    [{"text": c.text, "name": c.name, "on": c.on} for c in r.comments]
                    if r.comments is not None
                    else None
                ),
            }
            for r in results.questions
        ],
    }


@router.get(
    "/programmes/{programme_id}/surveys",
    response={200: ProgrammeSurveysOut, **ERRORS},
    summary="A programme's surveys: response rates and per-question aggregates (coordinators)",
)
def programme_surveys(request: HttpRequest, programme_id: ProgrammeId):
    programme = policy.get_programme_to_review(actor(request), programme_id)
    surveys = [
        _result(survey_selectors.survey_results(survey))
        for survey in programme.surveys.order_by("-created_at", "-pk")
    ]
    return {"programme_id": programme.pk, "surveys": surveys}
