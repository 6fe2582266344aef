"""The people picker in a real browser, on a phone-sized screen, with the keyboard only."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mentora.enrolment.models import Application
from tests.factories import make_member

pytestmark = pytest.mark.browser

PREFERRED = "People you would like to be paired with"


def test_member_picks_a_preferred_mentor_with_the_keyboard(
    live_server, page, sign_in, member, programme
):
    wanda = make_member(programme.organisation, first_name="Wanda", last_name="Wise")
    make_member(programme.organisation, first_name="Bruno", last_name="Brun")
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(member)
    page.goto(f"{live_server.url}{programme.get_public_url()}")
    page.get_by_role("link", name="Apply").click()
    page.get_by_label("Mentee", exact=True).check()
    page.get_by_label("Your goals for this programme").fill("Negotiate with confidence")

    box = page.get_by_role("combobox", name=PREFERRED)
    chosen = page.locator(".picker").filter(has=box).get_by_role("list", name="People chosen")
    box.press_sequentially("wan")
    option = page.get_by_role("option", name="Wanda Wise")
    expect(option).to_be_visible()
    assert option.bounding_box()["x"] + option.bounding_box()["width"] <= 390
    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(chosen.get_by_text("Wanda Wise")).to_be_visible()
    expect(box).to_have_value("")

    box.press_sequentially("bru")
    expect(page.get_by_role("option", name="Bruno Brun")).to_be_visible()
    box.press("ArrowDown")
    box.press("Enter")
    expect(chosen.get_by_text("Bruno Brun")).to_be_visible()
    box.press("Backspace")  # to the last chip's remove button
    expect(page.get_by_role("button", name="Remove Bruno Brun")).to_be_focused()
    page.keyboard.press("Backspace")
    expect(chosen.get_by_text("Bruno Brun")).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text="Bruno Brun removed.")).to_be_attached()

    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_role("heading", name="My application")).to_be_visible()
    assert list(Application.objects.get().preferred_people.all()) == [wanda]
    assert console_errors == []
