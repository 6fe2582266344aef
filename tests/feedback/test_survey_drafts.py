"""A survey half answered: saved to finish later, filled in again on return, cleared once
sent; a refused send is kept too; the pending list says the survey is in progress."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from mentora.api.services import create_api_token
from mentora.feedback.errors import FeedbackError, SurveyInvalid
from mentora.feedback.models import TEXT_ANSWER_MAX_LENGTH, QuestionKind, SurveyResponse
from mentora.feedback.survey_services import (
    answer_survey,
    close_survey,
    save_survey_draft,
)
from tests.factories import survey_answers

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def invitation(survey, pair):
    return survey.invitations.get(membership=pair[2])


def _question(survey, kind):
    return survey.questions.filter(kind=kind).first()


def _url(invitation):
    return reverse("feedback:survey", args=[invitation.pk])


def test_a_draft_keeps_what_was_typed_unchecked_and_nothing_required(survey, invitation):
    nps, text = _question(survey, QuestionKind.SCALE10), _question(survey, QuestionKind.TEXT)
    save_survey_draft(invitation=invitation, answers={nps.pk: "12", text.pk: "Half a thought"})
    invitation.refresh_from_db()
    assert invitation.draft == {str(nps.pk): "12", str(text.pk): "Half a thought"}
    assert invitation.draft_saved_at is not None
    assert not SurveyResponse.objects.exists()


def test_a_draft_refuses_a_text_longer_than_an_answer_may_be(survey, invitation):
    text = _question(survey, QuestionKind.TEXT)
    with pytest.raises(SurveyInvalid) as refused:
        save_survey_draft(
            invitation=invitation, answers={text.pk: "x" * (TEXT_ANSWER_MAX_LENGTH + 1)}
        )
    assert "Too long" in refused.value.errors[text.pk]
    invitation.refresh_from_db()
    assert invitation.draft == {}


def test_a_draft_is_refused_once_the_survey_is_answered(survey, invitation):
    answer_survey(invitation=invitation, answers=survey_answers(survey, scale5=4, scale10=9))
    with pytest.raises(FeedbackError) as refused:
        save_survey_draft(invitation=invitation, answers={})
    assert refused.value.code == "survey_answered"


def test_a_draft_is_refused_once_the_survey_is_closed(survey, invitation):
    close_survey(survey=survey)
    with pytest.raises(FeedbackError) as refused:
        save_survey_draft(invitation=invitation, answers={})
    assert refused.value.code == "survey_closed"


def test_sending_the_answers_clears_the_draft(survey, invitation):
    text = _question(survey, QuestionKind.TEXT)
    save_survey_draft(invitation=invitation, answers={text.pk: "Half a thought"})
    answer_survey(invitation=invitation, answers=survey_answers(survey, scale5=4, scale10=9))
    invitation.refresh_from_db()
    assert (invitation.draft, invitation.draft_saved_at) == ({}, None)


def test_a_refused_send_is_kept_as_the_draft(survey, invitation):
    nps = _question(survey, QuestionKind.SCALE10)
    answers = survey_answers(survey, scale5="4", scale10="11")
    with pytest.raises(SurveyInvalid):
        answer_survey(invitation=invitation, answers=answers)
    invitation.refresh_from_db()
    assert invitation.draft[str(nps.pk)] == "11"
    assert invitation.draft_saved_at is not None


def test_save_and_finish_later_stores_the_draft_and_lists_the_survey_in_progress(
    client, survey, invitation
):
    client.force_login(invitation.membership.user)
    text = _question(survey, QuestionKind.TEXT)
    response = client.post(
        _url(invitation), {"action": "draft", f"q{text.pk}": "To be continued"}, follow=True
    )
    page = response.content.decode()
    assert "Your answers are saved, not sent" in page
    assert "In progress" in page
    invitation.refresh_from_db()
    assert invitation.draft == {str(text.pk): "To be continued"}


def test_reopening_the_page_fills_in_the_draft_and_says_when_it_was_saved(
    client, survey, invitation
):
    scale5 = _question(survey, QuestionKind.SCALE5)
    text = _question(survey, QuestionKind.TEXT)
    with time_machine.travel(datetime(2026, 12, 8, 14, 5, tzinfo=PARIS), tick=False):
        save_survey_draft(invitation=invitation, answers={scale5.pk: "4", text.pk: "Keep going"})
    client.force_login(invitation.membership.user)
    page = client.get(_url(invitation)).content.decode()
    assert "Your answers saved on 8 December 2026 at 14:05 are filled in." in page
    assert f'name="q{scale5.pk}" value="4" checked' in page
    assert "Keep going</textarea>" in page


def test_the_draft_notice_reads_naturally_in_french(client, survey, invitation):
    with time_machine.travel(datetime(2026, 12, 8, 14, 5, tzinfo=PARIS), tick=False):
        save_survey_draft(
            invitation=invitation, answers={_question(survey, QuestionKind.SCALE5).pk: "4"}
        )
    user = invitation.membership.user
    user.language = "fr"
    user.save()
    client.force_login(user)
    page = client.get(_url(invitation)).content.decode()
    assert "Vos réponses enregistrées le 8 décembre 2026 à 14:05 sont reprises ci-dessous." in page


def test_the_api_saves_a_draft_and_returns_it_with_the_questions(client, survey, invitation):
    _token, raw = create_api_token(user=invitation.membership.user, name="t")
    headers = {"Authorization": f"Bearer {raw}"}
    text = _question(survey, QuestionKind.TEXT)
    saved = client.put(
        f"/api/v1/surveys/{invitation.pk}/draft",
        json.dumps({"answers": {str(text.pk): "From my phone"}}),
        content_type="application/json",
        headers=headers,
    )
    assert saved.status_code == 200
    assert saved.json()["draft"] == {str(text.pk): "From my phone"}
    read = client.get(f"/api/v1/surveys/{invitation.pk}", headers=headers).json()
    assert read["draft"] == {str(text.pk): "From my phone"}


def test_the_api_refuses_a_draft_of_an_answered_survey_with_a_conflict(client, survey, invitation):
    answer_survey(invitation=invitation, answers=survey_answers(survey, scale5=4, scale10=9))
    _token, raw = create_api_token(user=invitation.membership.user, name="t")
    refused = client.put(
        f"/api/v1/surveys/{invitation.pk}/draft",
        json.dumps({"answers": {}}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "survey_answered"
