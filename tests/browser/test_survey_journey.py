"""A survey on a phone (390 px): half answered and saved, finished later from the pending
list, sent once: the buttons are off while the answer is on its way."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentora.feedback.models import SurveyResponse
from mentora.feedback.survey_services import copy_template, open_survey
from tests.factories import make_pair

pytestmark = pytest.mark.browser


def _no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_mentee_saves_a_survey_on_a_phone_and_finishes_it_later_sending_once(
    live_server, page, sign_in, programme, coordinator
):
    programme.status = "running"
    programme.save()
    _mentorship, _mentor, mentee = make_pair(programme)
    today = timezone.localdate()
    survey = copy_template(
        programme=programme,
        key="end_of_programme",
        actor=coordinator,
        opens_on=today,
        closes_on=today + timedelta(days=14),
    )
    open_survey(survey=survey, actor=coordinator)
    satisfaction, usefulness = survey.questions.filter(kind="scale5")[:2]
    nps = survey.questions.get(kind="scale10")

    sign_in(mentee)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/feedback/")
    page.get_by_role("link", name=survey.title).click()
    assert _no_sideways_scroll(page)
    page.get_by_role("group", name=satisfaction.text).get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Save and finish later").click()

    expect(page.get_by_text("Your answers are saved, not sent")).to_be_visible()
    expect(page.get_by_text("In progress")).to_be_visible()
    page.get_by_role("link", name=survey.title).click()
    expect(page.get_by_text("are filled in")).to_be_visible()
    expect(
        page.get_by_role("group", name=satisfaction.text).get_by_label("4", exact=True)
    ).to_be_checked()
    page.get_by_role("group", name=usefulness.text).get_by_label("5", exact=True).check()
    page.get_by_role("group", name=nps.text).get_by_label("9", exact=True).check()
    assert _no_sideways_scroll(page)
    # The answer is sent into a frame, so that this page stays to be tapped again; a listener
    # added after mentora.js's records whether each submission went ahead.
    page.evaluate(
        """() => {
            const sink = document.createElement("iframe");
            sink.name = "sink";
            document.body.append(sink);
            document.querySelector("form[data-submit-once]").target = "sink";
            window.stopped = [];
            document.addEventListener("submit", (e) => window.stopped.push(e.defaultPrevented));
        }"""
    )
    send = page.get_by_role("button", name="Send my answers")
    with page.expect_response(lambda response: response.request.method == "POST") as sent:
        send.click()
    assert sent.value.status == 302
    expect(send).to_be_disabled()
    expect(page.get_by_role("button", name="Save and finish later")).to_be_disabled()
    page.evaluate("document.querySelector('form[data-submit-once]').requestSubmit()")

    assert page.evaluate("window.stopped") == [False, True]
    assert SurveyResponse.objects.count() == 1
