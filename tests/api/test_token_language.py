"""An API caller reads their saved language, as on their pages, whatever their client's
Accept-Language says."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mentora.api.services import create_api_token
from mentora.feedback.models import QuestionKind, Survey, SurveyQuestion
from mentora.feedback.survey_services import open_survey
from tests.factories import make_pair


def _bearer(user, **headers):
    _token, raw = create_api_token(user=user, name="t")
    return {"Authorization": f"Bearer {raw}", **headers}


def _english_survey_in_french_too(programme, coordinator):
    today = timezone.localdate()
    survey = Survey.objects.create(
        programme=programme,
        title="Programme review",
        title_translations={"fr": "Bilan du programme"},
        kind="custom",
        language="en",
        opens_on=today,
        closes_on=today + timedelta(days=14),
    )
    SurveyQuestion.objects.create(
        survey=survey,
        order=1,
        kind=QuestionKind.SCALE5,
        text="How useful was it?",
        translations={"fr": {"text": "Quelle utilité ?"}},
    )
    open_survey(survey=survey, actor=coordinator)
    return survey


def test_a_token_caller_gets_refusals_in_their_saved_language(client, member):
    member.user.language = "fr"
    member.user.save()
    response = client.get(
        "/api/v1/programmes/999999", headers=_bearer(member.user, **{"Accept-Language": "en"})
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "Introuvable."


def test_a_token_caller_reads_a_survey_in_their_saved_language(client, programme, coordinator):
    programme.status = "running"
    programme.save()
    _mentorship, _mentor, mentee = make_pair(programme)
    mentee.user.language = "fr"
    mentee.user.save()
    survey = _english_survey_in_french_too(programme, coordinator)
    invitation = survey.invitations.get(membership=mentee)
    body = client.get(
        f"/api/v1/surveys/{invitation.pk}",
        headers=_bearer(mentee.user, **{"Accept-Language": "en"}),
    ).json()
    assert body["title"] == "Bilan du programme"
    assert body["questions"][0]["text"] == "Quelle utilité ?"


def test_a_token_caller_without_a_saved_language_reads_their_organisations(client, member):
    member.organisation.default_language = "fr"
    member.organisation.save()
    response = client.get(
        "/api/v1/programmes/999999", headers=_bearer(member.user, **{"Accept-Language": "en"})
    )
    assert response.json()["detail"] == "Introuvable."


def test_a_session_caller_reads_their_saved_language_too(client, member):
    member.user.language = "fr"
    member.user.save()
    client.force_login(member.user)
    response = client.get("/api/v1/programmes/999999", headers={"Accept-Language": "en"})
    assert response.json()["detail"] == "Introuvable."
