"""A coordinator reads a running programme's dashboard: charts drawn under the strict CSP,
the at-risk list, an XLSX download that opens; its sponsor reads the same dashboard with
the figures under five people withheld and nobody named; axe finds nothing serious, and
the page fits a 390 px phone."""

from __future__ import annotations

import openpyxl
import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from playwright.sync_api import expect

from mentora.analytics.models import RelationshipHealth
from tests.analytics.world import NOW, add_objectives, build_world
from tests.browser.axe import describe, serious_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def running(organisation, coordinator, sponsor):
    # The world's figures are read on its day; the clock keeps ticking for the browser.
    with time_machine.travel(NOW, tick=True):
        # Built in one transaction: health is recomputed once, when it commits; the world's
        # scores are then set back to those the page is checked against.
        with transaction.atomic():
            world = build_world(organisation)
            add_objectives(world)
        for key, score in (("R1", 30), ("R2", 70)):
            RelationshipHealth.objects.filter(mentorship=world.relationships[key]).update(
                score=score
            )
        RelationshipHealth.objects.filter(mentorship=world.relationships["R5"]).update(score=90)
        world.programme.coordinators.add(coordinator.user)
        world.programme.sponsors.add(sponsor.user)
        yield world


def test_a_coordinator_then_a_sponsor_read_the_dashboard(
    live_server, page, sign_in, running, coordinator, sponsor, tmp_path
):
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: refused.append(str(error)))
    url = f"{live_server.url}{reverse('dashboard:programme', args=[running.programme.pk])}"

    sign_in(coordinator)
    page.goto(f"{live_server.url}{running.programme.get_absolute_url()}")
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    funnel = page.get_by_role("img", name="Bar chart: Funnel: people at each step.", exact=False)
    expect(funnel).to_be_visible()
    width, drawn = funnel.evaluate("c => [c.width, Boolean(window.Chart.getChart(c))]")
    assert width > 0 and drawn
    expect(page.get_by_role("heading", name="1 relationship scores below 50")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export XLSX").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved).active
    values = {(row[0], row[1]): row[2] for row in sheet.iter_rows(values_only=True)}
    assert values[("Feedback", "Net promoter score")] == 14

    violations = serious_violations(page)
    assert not violations, describe(violations)

    page.context.clear_cookies()
    sign_in(sponsor)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    goals = page.locator(".dashboard-stat").filter(has_text="Goal attainment")
    expect(goals).to_contain_text("Not enough answers")
    expect(page.locator("#at-risk-list")).to_have_count(0)
    assert str(running.people["m1"].user) not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    violations = serious_violations(page)
    assert not violations, describe(violations)
    assert refused == []
