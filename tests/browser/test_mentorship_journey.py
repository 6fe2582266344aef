"""A relationship from its agreement, signed by both members, to closure with a certificate."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mentora.mentorships.models import Mentorship
from tests.factories import make_pair

pytestmark = pytest.mark.browser


def _sign_out(page):
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Sign out").click()


def test_a_pair_signs_its_agreement_and_closes_with_a_certificate(
    live_server, page, sign_in, programme
):
    programme.status = "closing"  # the programme ends: closure opens without waiting
    programme.save()
    mentorship, mentor, mentee = make_pair(programme)

    sign_in(mentor)
    page.get_by_role("link", name="Sign your mentoring agreement").click()
    page.get_by_role("button", name="Sign version 1").click()
    expect(page.get_by_text("You signed the agreement.")).to_be_visible()
    _sign_out(page)

    sign_in(mentee)
    page.get_by_role("link", name="Sign your mentoring agreement").click()
    page.get_by_role("button", name="Sign version 1").click()
    expect(page.locator(".badge--stage-trust")).to_have_text("Building trust")

    page.get_by_role("link", name="Closure").click()
    page.get_by_role("button", name="I am ready to close").click()
    expect(page.get_by_text("The closure is open")).to_be_visible()
    page.get_by_role("link", name="Plan the closing meeting").click()
    page.get_by_label("Date").fill("2020-01-10")
    page.locator("input[name=time]").fill("12:30")
    expect(page.get_by_label("This is the closing meeting")).to_be_checked()
    page.get_by_role("button", name="Plan", exact=True).click()
    page.get_by_role("button", name="Yes, it was held").click()
    expect(page.get_by_text("The meeting is marked held.")).to_be_visible()

    page.get_by_role("link", name="Closure").click()
    expect(page.get_by_label("Summary of achievements")).to_contain_text("Meetings held: 1")
    page.get_by_role("button", name="Save the summary").click()
    page.get_by_label("Your message of recognition").fill("Thank you for your patience.")
    page.get_by_label("List me in the alumni directory of my organisation").check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("button", name="Close the relationship").click()
    expect(page.get_by_text("The relationship is closed.")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download my certificate (PDF)").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    assert Mentorship.objects.get(pk=mentorship.pk).stage == "closed"
