"""API over surveys: the questions of my invitation, answering it, and a programme's survey
results for its coordinators. Refusals as the other feedback operations: 422 with the
answers' refusals (`errors`, by question id) for answers that are not valid, 409 for a survey
closed or already answered."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from mentora.accounts.actors import actor
from mentora.core.converters import MAX_ID
from mentora.core.schemas import ERRORS, Error, ProgrammeId
from mentora.feedback import policy, survey_selectors, survey_services
from mentora.feedback.errors import FeedbackError, SurveyInvalid

router = Router(tags=["feedback"])

InvitationId = Annotated[int, Path(ge=1, le=MAX_ID)]


class SurveyError(Error):
    errors: dict[str, str] = Field(
        default_factory=dict, description="What is wrong with each answer, by question id."
    )


SURVEY_ERRORS: dict[int, type[Schema]] = {**ERRORS, 409: SurveyError, 422: SurveyError}


class QuestionOut(Schema):
    id: int
    order: int
    kind: str = Field(..., description="text, single, multiple, scale5, scale10 or skills.")
    text: str
    required: bool
    choices: list[str] = Field(..., description="Single and multiple choice: the options.")
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
    return {
        "invitation_id": invitation.pk,
        "survey_id": survey.pk,
        "title": survey.title,
        "programme_id": survey.programme_id,
        "closes_at": invitation.closes_at,
        "answered": invitation.answered_at is not None,
        "questions": [
            {
                "id": q.pk,
                "order": q.order,
                "kind": q.kind,
                "text": q.text,
                "required": q.required,
                "choices": q.choices,
                "subscale": q.subscale,
            }
            for q in survey.questions.all()
        ],
        "skills": [{"id": s.pk, "name": str(s)} for s in survey_selectors.skills_for(survey)],
    }


@router.post(
    "/surveys/{invitation_id}/answers",
    response={201: SurveyAnsweredOut, **SURVEY_ERRORS},
    summary="Send my answers to a survey (once)",
    url_name="survey_answers",
)
def survey_answers(request: HttpRequest, invitation_id: InvitationId, payload: SurveyAnswersIn):
    invitation = _own(request, invitation_id)
    try:
        response = survey_services.answer_survey(
            invitation=invitation, answers=payload.answers, share_name=payload.share_name
        )
    except SurveyInvalid as error:
        errors = {str(pk): message for pk, message in error.errors.items()}
        return Status(422, {"detail": error.message, "code": error.code, "errors": errors})
    except FeedbackError as error:
        return Status(409, {"detail": error.message, "code": error.code, "errors": {}})
    return Status(
        201,
        {
            "invitation_id": invitation.pk,
            "submitted_at": response.submitted_at,
            "share_name": response.share_name,
        },
    )


def _result(results: survey_selectors.SurveyResults) -> dict[str, Any]:
    survey = results.survey
    return {
        "id": survey.pk,
        "title": survey.title,
        "kind": survey.kind,
        "audience": survey.audience,
        "status": survey.status,
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
                "text": r.question.text,
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
