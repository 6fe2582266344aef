"""Comments written by people of a programme, through each instrument that takes free text."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from django.utils import timezone

from mentora.accounts.models import Membership
from mentora.feedback.models import (
    FeedbackInvitation,
    PulseAnswer,
    SessionFeedback,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from mentora.mentorships.models import Mentorship
from mentora.programs.models import Programme
from tests.factories import make_meeting, make_member, make_pair

_pulse_sequence = count(1)


def people(programme: Programme, n: int, language: str = "en") -> list[Membership]:
    """`n` members of the programme's organisation reading `language`."""
    return [make_member(programme.organisation, language=language) for _n in range(n)]


def relationship(programme: Programme) -> Mentorship:
    return make_pair(programme)[0]


def _invitation(
    mentorship: Mentorship, author: Membership, instrument: str, **kwargs
) -> FeedbackInvitation:
    return FeedbackInvitation.objects.create(
        instrument=instrument,
        membership=author,
        programme=mentorship.programme,
        mentorship=mentorship,
        due_on=timezone.localdate(),
        closes_at=timezone.now() + timedelta(days=30),
        answered_at=timezone.now(),
        **kwargs,
    )


def pulse_comment(mentorship: Mentorship, author: Membership, text: str) -> None:
    invitation = _invitation(mentorship, author, "pulse", sequence=next(_pulse_sequence))
    PulseAnswer.objects.create(invitation=invitation, quality=4, fit="good", comment=text)


def session_comment(mentorship: Mentorship, author: Membership, text: str) -> None:
    # One meeting per comment: a person rates each meeting once.
    meeting = make_meeting(mentorship, starts_at=timezone.now() - timedelta(days=1))
    invitation = _invitation(mentorship, author, "session", meeting=meeting)
    SessionFeedback.objects.create(invitation=invitation, rating=4, progress=4, comment=text)


def survey_text(mentorship: Mentorship, author: Membership, text: str) -> None:
    survey = Survey.objects.create(
        programme=mentorship.programme,
        title="End",
        kind="end_of_programme",
        language="en",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + timedelta(days=30),
        status="open",
    )
    question = SurveyQuestion.objects.create(survey=survey, order=1, kind="text", text="Anything?")
    invitation = _invitation(mentorship, author, "survey", survey=survey)
    response = SurveyResponse.objects.create(invitation=invitation)
    SurveyAnswer.objects.create(response=response, question=question, text=text)
