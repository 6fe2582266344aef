"""Surveys in the browser: answering on one page, the coordinators' copy → edit → open →
results, and who reads what."""

from __future__ import annotations

import json
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from mentora.api.services import create_api_token
from mentora.feedback.models import QuestionKind, Survey, SurveyResponse, SurveyStatus
from mentora.feedback.survey_services import answer_survey
from tests.factories import survey_answers


def _invitation(survey, membership):
    return survey.invitations.get(membership=membership)


def _form(survey, **by_kind):
    return {f"q{pk}": value for pk, value in survey_answers(survey, **by_kind).items()}


def test_the_answering_page_shows_every_question(client, survey, pair):
    mentee = pair[2]
    client.force_login(mentee.user)
    page = client.get(reverse("feedback:survey", args=[_invitation(survey, mentee).pk]))
    text = page.content.decode()
    for question in survey.questions.all():
        assert question.text in text
    assert 'name="share_name"' in text


def test_a_refused_answer_keeps_what_was_typed_and_says_why(client, survey, pair):
    mentee = pair[2]
    client.force_login(mentee.user)
    text_question = survey.questions.get(kind=QuestionKind.TEXT)
    data = {**_form(survey, scale5="4", scale10="12"), f"q{text_question.pk}": "Keep the lunches."}
    response = client.post(reverse("feedback:survey", args=[_invitation(survey, mentee).pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose a number from 0 to 10." in page
    assert "Keep the lunches." in page
    assert 'value="4" checked' in page
    assert not SurveyResponse.objects.exists()


def test_answering_in_french_reads_the_messages_in_french(client, survey, pair):
    mentee = pair[2]
    mentee.user.language = "fr"
    mentee.user.save()
    client.force_login(mentee.user)
    response = client.post(reverse("feedback:survey", args=[_invitation(survey, mentee).pk]), {})
    assert "Veuillez répondre à cette question." in response.content.decode()


def test_a_second_submission_from_another_tab_gets_a_message(client, survey, pair):
    mentee = pair[2]
    client.force_login(mentee.user)
    url = reverse("feedback:survey", args=[_invitation(survey, mentee).pk])
    first = client.post(url, _form(survey, scale5="4", scale10="9"))
    second = client.post(url, _form(survey, scale5="1", scale10="0"))
    assert first.status_code == 302
    assert "You have already answered this survey" in second.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_the_partner_never_reaches_the_others_survey(client, survey, pair):
    _mentorship, mentor, mentee = pair
    answer_survey(
        invitation=_invitation(survey, mentee), answers=survey_answers(survey, scale5=4, scale10=9)
    )
    client.force_login(mentor.user)
    url = reverse("feedback:survey", args=[_invitation(survey, mentee).pk])
    assert client.get(url).status_code == 404
    token, raw = create_api_token(user=mentor.user, name="t")
    api = client.get(
        f"/api/v1/surveys/{_invitation(survey, mentee).pk}",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert api.status_code == 404


def test_a_pending_survey_is_listed_and_counted_on_the_home_page(client, survey, pair):
    mentee = pair[2]
    client.force_login(mentee.user)
    mine = client.get(reverse("feedback:mine")).content.decode()
    assert survey.title in mine
    assert reverse("feedback:survey", args=[_invitation(survey, mentee).pk]) in mine
    home = client.get(reverse("home:home")).content.decode()
    assert "feedback request to answer" in home


def test_a_coordinator_copies_edits_opens_and_sees_the_rate_move(
    client, programme, coordinator, pair
):
    client.force_login(coordinator.user)
    today = timezone.localdate()
    client.post(
        reverse("feedback:surveys", args=[programme.pk]),
        {
            "key": "end_of_programme",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=30)).isoformat(),
        },
    )
    survey = Survey.objects.get()
    first = survey.questions.first()
    client.post(
        reverse("feedback:question_edit", args=[survey.pk, first.pk]),
        {"kind": "scale5", "text": "Happy with it?", "required": "on"},
    )
    client.post(reverse("feedback:survey_open", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    assert survey.questions.first().text == "Happy with it?"
    manage = reverse("feedback:survey_manage", args=[survey.pk])
    assert "0%" in client.get(manage).content.decode()
    answer_survey(
        invitation=_invitation(survey, pair[2]),
        answers=survey_answers(survey, scale5=4, scale10=9),
    )
    assert "50%" in client.get(manage).content.decode()


def test_the_reminder_button_is_disabled_once_used(client, survey, coordinator):
    client.force_login(coordinator.user)
    client.post(reverse("feedback:survey_remind", args=[survey.pk]))
    page = client.get(reverse("feedback:survey_manage", args=[survey.pk])).content.decode()
    assert "disabled" in page and "Reminder sent on" in page


def test_sponsors_and_members_read_no_results(client, survey, sponsor, member):
    for person in (sponsor, member):
        client.force_login(person.user)
        url = reverse("feedback:survey_manage", args=[survey.pk])
        assert client.get(url).status_code == 403


def test_the_api_answers_and_refuses_in_words(client, survey, pair):
    mentee = pair[2]
    _token, raw = create_api_token(user=mentee.user, name="t")
    headers = {"Authorization": f"Bearer {raw}"}
    url = f"/api/v1/surveys/{_invitation(survey, mentee).pk}/answers"
    nps = survey.questions.get(kind=QuestionKind.SCALE10)
    bad = {str(pk): v for pk, v in survey_answers(survey, scale5=4, scale10=11).items()}
    refused = client.post(
        url, json.dumps({"answers": bad}), content_type="application/json", headers=headers
    )
    assert refused.status_code == 422
    assert refused.json()["errors"] == {str(nps.pk): "Choose a number from 0 to 10."}
    good = {str(pk): v for pk, v in survey_answers(survey, scale5=4, scale10=9).items()}
    sent = client.post(
        url, json.dumps({"answers": good}), content_type="application/json", headers=headers
    )
    again = client.post(
        url, json.dumps({"answers": good}), content_type="application/json", headers=headers
    )
    assert (sent.status_code, again.status_code) == (201, 409)
    assert again.json()["code"] == "survey_answered"


def test_the_api_lists_the_programmes_survey_figures(client, survey, pair, coordinator):
    for person, nps in ((pair[1], 10), (pair[2], 3)):
        answer_survey(
            invitation=_invitation(survey, person),
            answers=survey_answers(survey, scale5=4, scale10=nps),
        )
    _token, raw = create_api_token(user=coordinator.user, name="t")
    body = client.get(
        f"/api/v1/programmes/{survey.programme_id}/surveys",
        headers={"Authorization": f"Bearer {raw}"},
    ).json()
    (only,) = body["surveys"]
    assert (only["invited"], only["answered"], only["response_rate"]) == (2, 2, 100)
    nps = next(q for q in only["questions"] if q["kind"] == "scale10")["nps"]
    assert (nps["score"], nps["promoters"], nps["detractors"]) == (0, 1, 1)


def test_the_pending_api_lists_surveys(client, survey, pair):
    mentee = pair[2]
    _token, raw = create_api_token(user=mentee.user, name="t")
    body = client.get("/api/v1/surveys/pending", headers={"Authorization": f"Bearer {raw}"}).json()
    (item,) = body["items"]
    assert item["kind"] == "survey" and item["title"] == survey.title
    assert item["answer_url"].endswith(f"/api/v1/surveys/{_invitation(survey, mentee).pk}/answers")


def test_closing_a_survey_stops_answers_and_keeps_those_sent(client, survey, pair, coordinator):
    _mentorship, mentor, mentee = pair
    answer_survey(
        invitation=_invitation(survey, mentee), answers=survey_answers(survey, scale5=4, scale10=9)
    )
    client.force_login(coordinator.user)
    client.post(reverse("feedback:survey_close", args=[survey.pk]))
    client.force_login(mentor.user)
    page = client.get(reverse("feedback:survey", args=[_invitation(survey, mentor).pk]))
    assert "This survey has closed" in page.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_a_blank_survey_cannot_open_before_it_has_a_question(client, programme, coordinator):
    client.force_login(coordinator.user)
    client.post(
        reverse("feedback:surveys", args=[programme.pk]),
        {"key": "custom", "opens_on": "2030-01-01", "closes_on": "2030-01-31"},
    )
    survey = Survey.objects.get()
    response = client.post(reverse("feedback:survey_open", args=[survey.pk]), follow=True)
    assert "Add at least one question before opening the survey." in response.content.decode()
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.DRAFT


def test_an_invitation_is_open_until_the_surveys_last_day_not_the_day_after():
    from datetime import date

    from mentora.feedback.models import FeedbackInvitation
    from mentora.feedback.services import day_end

    invitation = FeedbackInvitation(closes_at=day_end(date(2026, 12, 22)))
    assert invitation.last_day == date(2026, 12, 22)
