"""A coordinator reads the programme's feedback as charts: each drawn by Chart.js under the
strict CSP and still for a reader who asked for reduced motion, each with its figures in a
table anyone can open, in English then in French, and axe finds nothing serious on the page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mentora.feedback.services import answer_pulse, answer_session_feedback
from tests.browser.axe import describe, serious_violations
from tests.factories import (
    make_held_meeting,
    make_member,
    make_mentorship,
    make_pulse,
    meeting_invitations,
)

pytestmark = pytest.mark.browser

NNBSP = "\u202f"


def _answer(programme):
    """Four mentees rate a session 5, 4, 2 and 4; one mentor answers a pulse 2, "poor"."""
    for n, rating in enumerate((5, 4, 2, 4)):
        mentor = make_member(programme.organisation, first_name=f"Mentor{n}", last_name="Test")
        mentee = make_member(programme.organisation, first_name=f"Mentee{n}", last_name="Test")
        mentorship = make_mentorship(programme, mentor, mentee)
        answer_session_feedback(
            invitation=meeting_invitations(make_held_meeting(mentorship))[mentee.pk],
            rating=rating,
            progress=4,
            comment="",
            share_name=False,
        )
    answer_pulse(invitation=make_pulse(mentorship, mentor), quality=2, fit="poor")


def _cells(row):
    return row.locator("th, td")


def test_a_coordinator_reads_the_results_as_charts_with_their_tables(
    live_server, page, sign_in, programme, coordinator
):
    _answer(programme)
    refused = []

    def note_csp_violation(message):
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", note_csp_violation)
    page.on("pageerror", lambda error: refused.append(str(error)))
    page.emulate_media(reduced_motion="reduce")
    sign_in(coordinator)
    page.goto(f"{live_server.url}{reverse('feedback:programme', args=[programme.pk])}")

    usefulness = page.locator(".panel").filter(
        has=page.get_by_role("heading", name="Usefulness of the session (1–5)")
    )
    summary = "Bar chart: Usefulness of the session (1–5). Count: 1: 0; 2: 1; 3: 0; 4: 2; 5: 1."
    canvas = usefulness.get_by_role("img", name=summary)
    expect(canvas).to_be_visible()
    # Chart.js drew it (an instance, a sized canvas), without motion, as the reader asked.
    width, height, animation = canvas.evaluate(
        "c => [c.width, c.height, window.Chart.getChart(c).options.animation]"
    )
    assert width > 0 and height > 0 and animation is False
    assert page.locator("canvas[role=img]").count() == 4  # two questions per instrument

    table = usefulness.get_by_role("table", name="Usefulness of the session (1–5)")
    expect(table).to_be_hidden()
    usefulness.get_by_text("Show as a table").click()
    expect(_cells(table.locator("thead tr"))).to_have_text(["Answer", "Count", "Share"])
    expect(_cells(table.locator("tbody tr").nth(3))).to_have_text(["4", "2", "50%"])
    fit = page.locator(".panel").filter(has=page.get_by_role("heading", name="Pairing fit"))
    fit.get_by_text("Show as a table").click()
    expect(_cells(fit.locator("tbody tr").nth(2))).to_have_text(["Not a good fit", "1", "100%"])

    violations = serious_violations(page)
    assert not violations, describe(violations)

    page.get_by_role("button", name="FR").click()
    canvas = page.get_by_role("img", name=re.compile("^Graphique en barres.: Utilité"))
    expect(canvas).to_have_attribute("aria-label", re.compile("^Graphique en barres\u00a0: "))
    tooltip = canvas.evaluate(
        "c => window.Chart.getChart(c).options.plugins.tooltip.callbacks.label("
        "{dataset: {label: 'Nombre'}, parsed: {y: 1234.5}})"
    )
    assert tooltip == f"Nombre\u00a0: 1{NNBSP}235"
    usefulness = page.locator(".panel").filter(
        has=page.get_by_role("heading", name="Utilité de la séance (1–5)")
    )
    usefulness.get_by_text("Afficher sous forme de tableau").click()
    expect(_cells(usefulness.locator("tbody tr").nth(3))).to_have_text(["4", "2", f"50{NNBSP}%"])
    assert refused == []
