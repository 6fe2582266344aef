"""A member goes through the mentors' onboarding in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from mentora.learning.seed import seed_learning

pytestmark = pytest.mark.browser


def test_member_completes_the_mentor_onboarding(live_server, page, sign_in, member, organisation):
    seed_learning(organisation)
    sign_in(member)
    page.get_by_role("link", name="Learning").click()
    page.get_by_role("link", name="Mentor onboarding").click()
    expect(page.get_by_text("0% · 0 of 6 steps").first).to_be_visible()
    page.get_by_role("link", name="Start the module").click()

    # Step 1: a wrong answer first, then the right one.
    expect(page.get_by_role("heading", name="What is expected of a mentor")).to_be_visible()
    page.get_by_label("Tell them which one you would take").check()
    page.get_by_role("button", name="Check my answer").click()
    expect(page.get_by_text("That is not the right answer.")).to_be_visible()
    page.get_by_label("Help them weigh the options").check()
    page.get_by_role("button", name="Check my answer").click()
    expect(page.get_by_text("Right answer!")).to_be_visible()
    expect(page.get_by_text("A mentor helps the mentee think and decide")).to_be_visible()
    page.get_by_role("link", name="Next step").click()

    # Steps 2 to 5 have a question: answer them right.
    for answer in [
        "What would change for you if this project succeeded?",
        "In this morning’s demo",
        "Time-bound",
        "Contact them, ask how things are",
    ]:
        page.get_by_label(re.compile(re.escape(answer))).check()
        page.get_by_role("button", name="Check my answer").click()
        expect(page.get_by_text("Right answer!")).to_be_visible()
        page.get_by_role("link", name="Next step").click()

    # Step 6 is a text to read.
    expect(page.get_by_role("heading", name="Closing the relationship well")).to_be_visible()
    page.get_by_role("button", name="Mark as done and finish").click()
    expect(page.get_by_text("You completed this module. Well done!")).to_be_visible()
    expect(page.locator(".learning-percent")).to_have_text("100%")
