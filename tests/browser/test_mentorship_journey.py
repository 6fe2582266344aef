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


LONG_WORD = "Supercalifragilistic" * 15  # 300 characters, no break opportunity


def _no_horizontal_scroll(page) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{page.url} is {widths[0]}px wide for {widths[1]}px"


def test_a_very_long_word_never_widens_a_phone_screen(live_server, page, sign_in, programme):
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    from mentora.mentorships.services.agreement import update_agreement
    from mentora.mentorships.services.goals import add_action_item, record_goal_progress
    from mentora.mentorships.services.notes import (
        add_meeting_note,
        save_journal_entry,
        save_private_note,
    )
    from tests.factories import make_goal, make_meeting

    mentorship, mentor, mentee = make_pair(programme)
    word = LONG_WORD
    update_agreement(agreement=mentorship.agreement, actor=mentor.user, boundaries=word)
    goal = make_goal(mentorship, mentee, title=word[:200], measure=word[:300])
    record_goal_progress(goal=goal, actor=mentee.user, status="on_track", progress=20, comment=word)
    add_action_item(goal=goal, title=word[:200], owner=mentee)
    meeting = make_meeting(mentorship, starts_at=timezone.now() - timedelta(days=1), agenda=word)
    note = add_meeting_note(meeting=meeting, author=mentee, body=word)
    add_meeting_note(meeting=meeting, author=mentor, body=word)
    save_private_note(mentorship=mentorship, author=mentee, body=word, meeting=meeting)
    save_journal_entry(mentorship=mentorship, author=mentee, title=word[:200], body=word)
    save_journal_entry(
        mentorship=mentorship, author=mentor, title="Week 1", body="Mine.", shared_excerpt=word
    )

    sign_in(mentee)
    page.set_viewport_size({"width": 390, "height": 844})
    pk = mentorship.pk
    for name, args in (
        ("mentorships:detail", [pk]),
        ("mentorships:goal_detail", [pk, goal.pk]),
        ("mentorships:meetings", [pk]),
        ("mentorships:meeting_detail", [pk, meeting.pk]),
        ("mentorships:meeting_note_edit", [pk, note.pk]),
        ("mentorships:agreement", [pk]),
        ("mentorships:private_notes", [pk]),
        ("mentorships:journal", [pk]),
        ("mentorships:closure", [pk]),
        ("mentorships:mine", []),
    ):
        page.goto(live_server.url + reverse(name, args=args))
        expect(page.locator("main")).to_be_visible()
        _no_horizontal_scroll(page)
