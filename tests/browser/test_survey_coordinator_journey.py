"""A coordinator's survey in the browser: copy the end-of-programme template, change one of
its questions, open it, and watch the response rate move as a participant answers."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mentora.feedback.models import FeedbackInvitation, Survey, SurveyStatus
from mentora.feedback.survey_services import answer_survey
from tests.factories import make_pair

pytestmark = pytest.mark.browser


def _answers(survey):
    by_kind = {"scale5": 4, "scale10": 9}
    return {q.pk: by_kind[q.kind] for q in survey.questions.all() if q.required}


def test_a_coordinator_copies_edits_opens_a_survey_and_sees_the_rate_move(
    live_server, page, sign_in, programme, coordinator
):
    programme.status = "running"
    programme.save()
    _mentorship, _mentor, mentee = make_pair(programme)

    sign_in(coordinator)
    page.goto(f"{live_server.url}{programme.get_absolute_url()}")
    page.get_by_role("link", name="Feedback", exact=True).first.click()
    page.get_by_role("link", name="Surveys", exact=True).click()
    page.get_by_role("combobox", name="Template").select_option(label="End of programme")
    # Each opening rule shows the fields it needs, and only those.
    expect(page.get_by_role("spinbutton", name="Days before the programme ends")).to_be_hidden()
    page.get_by_label("A number of days before the programme ends").check()
    expect(page.get_by_role("spinbutton", name="Days before the programme ends")).to_be_visible()
    expect(page.locator("#id_opens_on")).to_be_hidden()
    page.get_by_label("On a date").check()
    expect(page.locator("#id_opens_on")).to_be_visible()
    page.get_by_role("button", name="Copy into this programme").click()

    survey = Survey.objects.get(programme=programme)
    expect(page.get_by_role("heading", name=survey.title, level=1)).to_be_visible()
    satisfaction = survey.questions.get(order=1)
    page.get_by_role("link", name=satisfaction.text).click()
    page.get_by_label("Question (English)").fill("How satisfied are you with the programme?")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The question is saved.")).to_be_visible()
    expect(
        page.get_by_role("link", name="How satisfied are you with the programme?")
    ).to_be_visible()

    page.get_by_role("button", name="Open the survey and invite its audience").click()
    rate = page.locator("#survey-rate")
    expect(rate).to_contain_text("2people invited")
    expect(rate).to_contain_text("0%")
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN

    answer_survey(
        invitation=FeedbackInvitation.objects.get(survey=survey, membership=mentee),
        answers=_answers(survey),
    )
    # Coming back to the tab refreshes the counts without reloading the page.
    page.evaluate("window.dispatchEvent(new Event('focus'))")
    expect(rate).to_contain_text("50%")
    expect(rate).to_contain_text("1answer")
    expect(page.get_by_text("How satisfied are you with the programme?")).to_be_visible()
