"""API over feedback: what I have to answer, answering, and a programme's results.

`GET /surveys/pending` lists invitations of every instrument with a `kind`, the address to
post the answer to and the page to answer it on; surveys are the kind "survey" (their
operations are in `survey_api.py`). Answers are checked by the services, so a refusal reads
in the caller's language, with a `code` and the `field` it is about: 422 for an answer that
is not valid, 409 for one the state of things refuses (closed, no longer editable, already
sent).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema

from mentora.accounts.actors import actor
from mentora.core.converters import MAX_ID
from mentora.core.schemas import ERRORS, ProgrammeId
from mentora.feedback import policy, selectors, services
from mentora.feedback.api_answers import ANSWER_ERRORS, answered
from mentora.feedback.models import COMMENT_MAX_LENGTH, FeedbackInvitation, Fit, Instrument

router = Router(tags=["feedback"])

MeetingId = Annotated[int, Path(ge=1, le=MAX_ID)]
InvitationId = Annotated[int, Path(ge=1, le=MAX_ID)]


KINDS = {
    Instrument.SESSION: "session_feedback",
    Instrument.PULSE: "pulse",
    Instrument.SURVEY: "survey",
}


class PendingOut(Schema):
    invitation_id: int
    kind: Literal["session_feedback", "pulse", "survey"] = Field(..., description="What to answer.")
    title: str
    programme_id: int
    programme: str
    mentorship_id: int | None
    meeting_id: int | None
    due_on: date
    closes_at: datetime
    answer_url: str = Field(..., description="Where to POST the answer.")
    page_url: str = Field(..., description="The page to answer it on.")


class PendingListOut(Schema):
    count: int
    items: list[PendingOut]


class AnswerIn(Schema):
    comment: str = Field("", description=f"At most {COMMENT_MAX_LENGTH} characters.")
    share_name: bool = Field(False, description="Share my name with the coordinator.")
    replace: bool = Field(
        False,
        description=(
            "Replace the answer already sent (within 7 days of sending it). Without it, a "
            "different second answer is refused with 409 `already_answered`; the same answer "
            "again is accepted and changes nothing."
        ),
    )


# Scales are documented here and checked by the services, whose refusals read in the
# caller's language (a schema bound would answer in the validator's English).
SCALE: dict[str, Any] = {"minimum": 1, "maximum": 5}


class SessionFeedbackIn(AnswerIn):
    rating: int = Field(
        ..., description="1 = not useful, 5 = very useful.", json_schema_extra=SCALE
    )
    progress: int = Field(
        ..., description="Progress toward my goals: 1 = none, 5 = a lot.", json_schema_extra=SCALE
    )


class PulseIn(AnswerIn):
    quality: int = Field(..., description="1 = badly, 5 = very well.", json_schema_extra=SCALE)
    fit: str = Field(
        ...,
        description="good, deciding or poor (not a good fit).",
        json_schema_extra={"enum": list(Fit.values)},
    )


class AnswerOut(Schema):
    invitation_id: int
    comment: str
    share_name: bool
    submitted_at: datetime
    updated_at: datetime
    editable_until: datetime


class SessionFeedbackOut(AnswerOut):
    meeting_id: int
    rating: int
    progress: int


class PulseOut(AnswerOut):
    mentorship_id: int
    quality: int
    fit: str


class OptionOut(Schema):
    value: str
    count: int
    percent: int


class QuestionOut(Schema):
    name: str
    answers: int
    mean: Decimal | None = Field(None, description="1–5 scales: mean, one decimal.")
    options: list[OptionOut]


class CommentOut(Schema):
    text: str
    name: str | None = Field(None, description="Only when the person shared their name.")
    on: date | None = Field(None, description="Only when the person shared their name.")


class InstrumentOut(Schema):
    kind: str
    invited: int
    answered: int
    response_rate: int | None = Field(None, description="Answered ÷ invited, a whole percent.")
    questions: list[QuestionOut]
    comments: list[CommentOut]
    comment_count: int


class ResultsOut(Schema):
    programme_id: int
    instruments: list[InstrumentOut]


def _pending_item(request: HttpRequest, invitation: FeedbackInvitation) -> dict[str, Any]:
    if invitation.instrument == Instrument.SESSION:
        title = _("Rate your meeting of %(date)s") % {
            "date": date_format(invitation.due_on, "DATE_FORMAT")
        }
        answer_url = reverse("api:feedback_session", kwargs={"meeting_id": invitation.meeting_id})
        page_url = reverse("feedback:session", args=[invitation.meeting_id])
    elif invitation.instrument == Instrument.SURVEY and invitation.survey is not None:
        title = invitation.survey.title
        answer_url = reverse("api:survey_answers", kwargs={"invitation_id": invitation.pk})
        page_url = reverse("feedback:survey", args=[invitation.pk])
    else:
        title = _("How is your mentoring going?")
        answer_url = reverse("api:feedback_pulse", kwargs={"invitation_id": invitation.pk})
        page_url = reverse("feedback:pulse", args=[invitation.pk])
    return {
        "invitation_id": invitation.pk,
        "kind": KINDS[Instrument(invitation.instrument)],
        "title": title,
        "programme_id": invitation.programme_id,
        "programme": invitation.programme.name,
        "mentorship_id": invitation.mentorship_id,
        "meeting_id": invitation.meeting_id,
        "due_on": invitation.due_on,
        "closes_at": invitation.closes_at,
        "answer_url": request.build_absolute_uri(answer_url),
        "page_url": request.build_absolute_uri(page_url),
    }


@router.get(
    "/surveys/pending",
    response={200: PendingListOut, **ERRORS},
    summary="What I have to answer: session feedback, pulse checks and surveys",
)
def pending(request: HttpRequest):
    items = [
        _pending_item(request, invitation)
        for invitation in selectors.pending_invitations(actor(request))
    ]
    return {"count": len(items), "items": items}


def _answer_out(answer: Any, invitation: FeedbackInvitation, **extra: Any) -> dict[str, Any]:
    return {
        "invitation_id": invitation.pk,
        "comment": answer.comment,
        "share_name": answer.share_name,
        "submitted_at": answer.submitted_at,
        "updated_at": answer.updated_at,
        "editable_until": answer.editable_until,
        **extra,
    }


@router.post(
    "/meetings/{meeting_id}/feedback",
    response={200: SessionFeedbackOut, 201: SessionFeedbackOut, **ANSWER_ERRORS},
    summary="Rate a held meeting I took part in (or change my rating within 7 days)",
    url_name="feedback_session",
)
def session_feedback(request: HttpRequest, meeting_id: MeetingId, payload: SessionFeedbackIn):
    invitation = policy.get_session_invitation(actor(request), meeting_id)
    # 201 for a first answer, 200 for one replaced: read before the write.
    status = 201 if invitation.answer() is None else 200
    return answered(
        lambda: services.answer_session_feedback(invitation=invitation, **payload.dict()),
        lambda answer: _answer_out(
            answer,
            invitation,
            meeting_id=meeting_id,
            rating=answer.rating,
            progress=answer.progress,
        ),
        status=status,
    )


@router.post(
    "/pulses/{invitation_id}/answer",
    response={200: PulseOut, 201: PulseOut, **ANSWER_ERRORS},
    summary="Answer a pulse check of my relationship (or change my answer within 7 days)",
    url_name="feedback_pulse",
)
def pulse_answer(request: HttpRequest, invitation_id: InvitationId, payload: PulseIn):
    invitation = policy.get_pulse_invitation(actor(request), invitation_id)
    # 201 for a first answer, 200 for one replaced: read before the write.
    status = 201 if invitation.answer() is None else 200
    return answered(
        lambda: services.answer_pulse(invitation=invitation, **payload.dict()),
        lambda answer: _answer_out(
            answer,
            invitation,
            mentorship_id=invitation.mentorship_id,
            quality=answer.quality,
            fit=answer.fit,
        ),
        status=status,
    )


@router.get(
    "/programmes/{programme_id}/feedback",
    response={200: ResultsOut, **ERRORS},
    summary="Session feedback and pulse results of a programme (coordinators)",
)
def programme_results(request: HttpRequest, programme_id: ProgrammeId):
    programme = policy.get_programme_to_review(actor(request), programme_id)
    instruments = [
        {
            "kind": KINDS[Instrument(result.instrument)],
            "invited": result.invited,
            "answered": result.answered,
            "response_rate": result.response_rate,
            "questions": [
                {
                    "name": question.name,
                    "answers": question.answers,
                    "mean": question.mean,
                    "options": [
                        {"value": o.value, "count": o.count, "percent": o.percent}
                        for o in question.options
                    ],
                }
                for question in result.questions
            ],
            "comments": [{"text": c.text, "name": c.name, "on": c.on} for c in result.comments],
            "comment_count": result.comment_count,
        }
        for result in selectors.programme_results(programme)
    ]
    return {"programme_id": programme.pk, "instruments": instruments}


# Mounted here, after this module's own routes, so that the survey operations join the
# feedback tag without the API app knowing of them.
from mentora.feedback.survey_api import router as survey_router  # noqa: E402

router.add_router("", survey_router)
