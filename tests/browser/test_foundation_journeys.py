"""Whole journeys of the foundation, as each role lives them in a real browser."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from mentora.programs.models import Programme

pytestmark = pytest.mark.browser


def test_coordinator_designs_a_programme_and_opens_enrolment(
    live_server, page, sign_in, coordinator, member
):
    sign_in(coordinator)
    page.get_by_role("link", name="Design a programme").click()
    page.get_by_label("Name").fill("Women in tech")
    page.get_by_label("Kind").select_option("traditional")
    page.get_by_label("Start date").fill("2027-03-01")
    page.get_by_label("End date").fill("2027-01-01")
    page.get_by_role("button", name="Create the draft").click()

    expect(page.get_by_text("The end date must come after the start date.")).to_be_visible()
    assert not Programme.objects.exists()

    page.get_by_label("End date").fill("2027-12-15")
    page.get_by_role("button", name="Create the draft").click()
    expect(page.get_by_role("heading", name=re.compile("Women in tech"))).to_be_visible()

    page.get_by_role("link", name="Add an objective").first.click()
    page.get_by_label("Objective").fill("Mentees rate the programme 4 out of 5")
    page.get_by_label("KPI").select_option("satisfaction")
    page.get_by_label("Target:", exact=True).fill("7")
    page.get_by_label("Target date").fill("2027-12-15")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("This KPI lies between 1 and 5.")).to_be_visible()
    page.get_by_label("Target:", exact=True).fill("4")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Mentees rate the programme 4 out of 5")).to_be_visible()

    questions = []

    def confirm(dialog):
        questions.append(dialog.message)
        dialog.accept()

    page.once("dialog", confirm)
    page.get_by_role("button", name="Move to enrolling").click()
    expect(page.get_by_text("The programme is now enrolling.")).to_be_visible()
    assert Programme.objects.get().status == "enrolling"
    assert questions[0].startswith("Open enrolment?")


def test_member_discovers_an_enrolling_programme_on_its_public_page(
    live_server, page, sign_in, member, programme
):
    sign_in(member)
    page.get_by_role("link", name=programme.name).click()
    expect(page.get_by_role("heading", name=programme.name)).to_be_visible()
    expect(
        page.get_by_text("An experienced colleague guides a less experienced one.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Manage this programme")).to_have_count(0)


def test_admin_invites_a_colleague_who_joins_in_french(live_server, page, sign_in, org_admin):
    sign_in(org_admin)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Invitations").click()
    page.get_by_label("E-mail address").fill("new.hire@example.com")
    page.get_by_label("Role").select_option("coordinator")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("An invitation was sent to new.hire@example.com.")).to_be_visible()

    link = re.search(r"http://\S+/invitation/\S+/", mail.outbox[-1].body).group(0)
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Sign out").click()

    page.goto(link.replace("http://127.0.0.1:8000", live_server.url))
    page.get_by_label("First name").fill("Nora")
    page.get_by_label("Last name").fill("Newcomer")
    page.get_by_label("Language").select_option("fr")
    page.get_by_label("Password:", exact=True).fill("a-long-and-unusual-passphrase")
    page.get_by_label("Password (again):").fill("a-long-and-unusual-passphrase")
    page.get_by_role("button", name="Join").click()

    expect(page.get_by_role("heading", name="Bonjour Nora")).to_be_visible()
    expect(page.get_by_role("link", name="Programmes")).to_be_visible()


def test_phone_visitor_opens_the_menu(live_server, page, sign_in, org_admin):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(org_admin)
    people = page.get_by_role("navigation", name="Main").get_by_role("link", name="People")
    expect(people).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    people.click()
    expect(page.get_by_role("heading", name="People")).to_be_visible()
