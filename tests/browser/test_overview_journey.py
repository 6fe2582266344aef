"""An org admin opens the organisation overview from the navigation: the programmes side by
side, participation by department and by site drawn under the strict CSP with their tables,
and axe finds nothing serious on the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.analytics.overview_world import build_small_world
from tests.browser.axe import describe, serious_violations

pytestmark = pytest.mark.browser


def test_an_org_admin_reads_the_organisation_overview(live_server, page, sign_in, org_admin):
    build_small_world(org_admin.organisation)
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: refused.append(str(error)))
    sign_in(org_admin)

    toggle = page.locator("[data-nav-toggle]")
    if toggle.is_visible():
        toggle.click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Overview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisation overview")

    programmes = page.get_by_role("table", name="Programmes side by side")
    expect(programmes.locator("tbody th > a:first-child")).to_have_text(["Alpha", "Beta", "Gamma"])
    expect(programmes.get_by_role("link", name="Alpha", exact=True)).to_have_attribute(
        "href", f"/programmes/{org_admin.organisation.programmes.get(name='Alpha').pk}/"
    )

    canvases = page.locator("canvas[role=img]")
    expect(canvases).to_have_count(2)
    for canvas in canvases.all():
        expect(canvas).to_be_visible()
        drawn = canvas.evaluate("c => Boolean(window.Chart.getChart(c)) && c.width > 0")
        assert drawn
    page.get_by_text("Show as a table").first.click()
    departments = page.get_by_role("table", name="Participation by department")
    expect(departments.locator("tbody th")).to_have_text(["IT", "Sales", "Not recorded"])

    violations = serious_violations(page)
    assert not violations, describe(violations)
    assert not refused, refused
