"""A survey reads in its reader's language: a French survey with English translations shows
an English reader its title, questions and options in English, on the page and in the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentora.api.services import create_api_token
from mentora.feedback.models import QuestionKind, Survey, SurveyAnswer, SurveyQuestion
from mentora.feedback.survey_services import open_survey, save_survey_draft


@pytest.fixture
def survey(programme, coordinator, pair):
    today = timezone.localdate()
    survey = Survey.objects.create(
        programme=programme,
        title="Bilan du programme",
        title_translations={"en": "Programme review"},
        kind="custom",
        language="fr",
        opens_on=today,
        closes_on=today + timedelta(days=14),
    )
    SurveyQuestion.objects.create(
        survey=survey,
        order=1,
        kind=QuestionKind.SINGLE,
        text="Le recommanderiez-vous ?",
        choices=["Oui", "Non"],
        translations={"en": {"text": "Would you recommend it?", "choices": ["Yes", "No"]}},
    )
    open_survey(survey=survey, actor=coordinator)
    return survey


@pytest.fixture
def invitation(survey, pair):
    return survey.invitations.get(membership=pair[2])


def test_an_english_reader_reads_a_french_survey_in_english(client, invitation):
    client.force_login(invitation.membership.user)
    page = client.get(reverse("feedback:survey", args=[invitation.pk])).content.decode()
    assert "Programme review" in page and "Would you recommend it?" in page
    assert 'value="Yes"' in page and 'value="No"' in page
    assert "Bilan du programme" not in page and "Oui" not in page


def test_a_french_reader_reads_the_survey_as_written(client, invitation):
    user = invitation.membership.user
    user.language = "fr"
    user.save()
    client.force_login(user)
    page = client.get(reverse("feedback:survey", args=[invitation.pk])).content.decode()
    assert "Bilan du programme" in page and 'value="Oui"' in page


def test_the_option_chosen_in_english_is_stored_in_the_surveys_language(client, invitation):
    question = invitation.survey.questions.get()
    client.force_login(invitation.membership.user)
    client.post(reverse("feedback:survey", args=[invitation.pk]), {f"q{question.pk}": "Yes"})
    assert SurveyAnswer.objects.get().values == ["Oui"]


def test_a_draft_saved_in_french_is_ticked_for_an_english_reader(client, invitation):
    question = invitation.survey.questions.get()
    save_survey_draft(invitation=invitation, answers={question.pk: "Oui"})
    client.force_login(invitation.membership.user)
    page = client.get(reverse("feedback:survey", args=[invitation.pk])).content.decode()
    assert 'value="Yes" checked' in page


def test_the_pending_list_shows_the_title_in_the_readers_language(client, invitation):
    client.force_login(invitation.membership.user)
    assert "Programme review" in client.get(reverse("feedback:mine")).content.decode()


def test_the_api_gives_the_survey_in_the_callers_language(client, invitation):
    _token, raw = create_api_token(user=invitation.membership.user, name="t")
    body = client.get(
        f"/api/v1/surveys/{invitation.pk}", headers={"Authorization": f"Bearer {raw}"}
    ).json()
    (question,) = body["questions"]
    assert body["title"] == "Programme review"
    assert (question["text"], question["choices"]) == ("Would you recommend it?", ["Yes", "No"])
