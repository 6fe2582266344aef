"""An informal programme: a mentee finds a mentor in the directory, proposes, the mentor
accepts, and both open a relationship whose agreement is optional."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mentora.mentorships.models import Mentorship
from tests.factories import make_informal_programme

pytestmark = pytest.mark.browser


def _sign_out(page):
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Sign out").click()


def test_a_mentee_finds_a_mentor_in_the_directory_and_the_mentor_accepts(
    live_server, page, sign_in, organisation, coordinator
):
    programme, people = make_informal_programme(organisation, coordinator)

    sign_in(people["mia"])
    page.goto(f"{live_server.url}{programme.get_public_url()}")
    page.get_by_role("link", name="Open the directory").click()
    page.get_by_label("Search").fill("python")
    page.get_by_role("button", name="Search").click()
    card = page.locator(".card").filter(has_text="Paul Python")
    expect(card).to_contain_text("Data lead")
    expect(page.locator(".card").filter(has_text="Eva Excel")).to_have_count(0)
    card.get_by_label("Message (optional)").fill("I would love to learn Python with you.")
    card.get_by_role("button", name="Propose to pair with Paul").click()
    expect(page.get_by_text("Your proposal is sent to Paul Python")).to_be_visible()
    expect(page.get_by_text("Waiting for Paul Python to answer")).to_be_visible()
    _sign_out(page)

    sign_in(people["paul"])
    proposal = page.locator(".card").filter(has_text="Mia Mentee proposes to pair with you")
    expect(proposal).to_contain_text("I would love to learn Python with you.")
    proposal.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("You accepted: your relationship has started.")).to_be_visible()
    expect(page.get_by_role("link", name="Agreement (optional)")).to_have_count(2)
    expect(page.get_by_text("Agreement to sign")).to_have_count(0)
    _sign_out(page)

    sign_in(people["mia"])
    expect(page.get_by_text("Paul Python accepted your proposal")).to_be_visible()
    page.get_by_role("link", name="Open the relationship").click()
    expect(page.locator(".mentorship-header")).to_contain_text("Paul Python")
    expect(page.get_by_role("link", name="Agreement (optional)").first).to_be_visible()
    expect(page.get_by_text("Sign your mentoring agreement")).to_have_count(0)
    assert Mentorship.objects.filter(programme=programme).count() == 1
