"""Feedback in the browser: a mentee rates a held meeting in two clicks; a mentor answers a
pulse "not a good fit" and is offered to talk to the coordinator or to be paired again."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mentora.feedback.models import PulseAnswer, SessionFeedback
from mentora.mentorships.models import Concern
from tests.factories import make_held_meeting, make_pair, make_pulse

pytestmark = pytest.mark.browser


def _sign_out(page):
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Sign out").click()


def test_a_mentee_rates_a_session_and_a_mentor_answers_a_pulse(
    live_server, page, sign_in, programme
):
    programme.status = "running"
    programme.save()
    mentorship, mentor, mentee = make_pair(programme)
    meeting = make_held_meeting(mentorship)
    make_pulse(mentorship, mentor)

    sign_in(mentee)
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("group", name="How useful was this session?").get_by_label(
        "4", exact=True
    ).check()
    page.get_by_role("group", name="How much did it move you toward your goals?").get_by_role(
        "button", name="5", exact=True
    ).click()
    expect(
        page.get_by_text("Your answer: usefulness 4/5, progress toward your goals 5/5.")
    ).to_be_visible()
    assert page.url.endswith(meeting.get_absolute_url())
    assert SessionFeedback.objects.get().invitation.membership == mentee
    _sign_out(page)

    sign_in(mentor)
    page.get_by_role("link", name="feedback requests to answer").click()
    page.get_by_role("link", name="How is your mentoring going?").click()
    page.get_by_role("group", name="How is your mentoring relationship going?").get_by_label(
        "2", exact=True
    ).check()
    page.get_by_label("Not a good fit").check()
    page.get_by_label("Comment (optional)").fill("We do not see things the same way.")
    page.get_by_role("button", name="Send", exact=True).click()

    expect(page.get_by_role("heading", name="The pairing does not work for you")).to_be_visible()
    expect(page.get_by_role("button", name="Leave and ask for a new pairing")).to_be_visible()
    assert PulseAnswer.objects.get().fit == "poor"
    page.get_by_label("What would you like to tell the coordinator?").fill(
        "Could we talk about my pairing?"
    )
    page.get_by_role("button", name="Send to the coordinator").click()
    expect(
        page.get_by_text("Your concern was sent to the programme's coordinators.")
    ).to_be_visible()
    assert Concern.objects.get(mentorship=mentorship).raised_by == mentor
