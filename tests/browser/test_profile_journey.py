"""A member completes their profile in a real browser and sees it reach 100%."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mentora.accounts.models import Department
from tests.factories import make_profile, make_skill

pytestmark = pytest.mark.browser


def test_member_completes_their_profile(live_server, page, sign_in, member):
    organisation = member.organisation
    member.job_title = "Analyst"
    member.department = Department.objects.create(organisation=organisation, name="Finance")
    member.seniority_level = 2
    member.save()
    make_profile(member, years_of_experience=4, bio="Numbers person.", career_goals="Lead a team.")
    make_skill(organisation, name="Python", category="Digital")
    make_skill(organisation, name="Negotiation", category="Leadership")

    sign_in(member)
    bar = page.get_by_role("progressbar", name="Profile completeness")
    expect(bar).to_have_attribute("value", "60")
    page.get_by_role("link", name="Languages").click()
    page.get_by_label("Language:").select_option(label="French")
    page.get_by_label("Level:").select_option(label="Native")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your languages were saved.")).to_be_visible()

    page.get_by_role("link", name="Weekly availability").click()
    page.get_by_label("Monday, morning").check()
    page.get_by_label("Thursday, evening").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your availability was saved.")).to_be_visible()

    page.get_by_role("link", name="Skills you offer").click()
    page.locator("#id_offered-skill").select_option(label="Python")
    page.locator("#id_offered-level").select_option("4")
    page.get_by_role("button", name="Add an offered skill").click()
    expect(page.get_by_text("“Python” was added.")).to_be_visible()
    page.locator("#id_sought-skill").select_option(label="Negotiation")
    page.locator("#id_sought-priority").select_option("must_have")
    page.get_by_role("button", name="Add a sought skill").click()
    expect(page.get_by_text("“Negotiation” was added.")).to_be_visible()

    page.get_by_role("link", name="Back to my profile").click()
    expect(bar).to_have_attribute("value", "100")
    expect(page.get_by_text("Your profile is complete")).to_be_visible()
    expect(page.get_by_text("Must-have")).to_be_visible()
