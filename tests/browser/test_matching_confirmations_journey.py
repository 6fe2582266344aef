"""Matching journeys that ask before acting: publishing, a mentor's decline, hybrid proposals."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mentora.matching.models import MatchingSettings, MentorResponse
from mentora.matching.selectors.runs import default_parameters
from mentora.matching.services.publication import publish_run
from mentora.matching.services.runs import start_run
from mentora.mentorships.models import Mentorship
from tests.factories import make_matching_programme, make_participant, make_programme

pytestmark = pytest.mark.browser


def _sign_out(page):
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Sign out").click()


def _answer(page, questions, *, accept):
    """Answer the next confirm dialog, keeping its question."""

    def answer(dialog):
        questions.append(dialog.message)
        if accept:
            dialog.accept()
        else:
            dialog.dismiss()

    page.once("dialog", answer)


def _published_run(programme, coordinator):
    run = start_run(programme=programme, actor=coordinator.user)
    run.refresh_from_db()
    publish_run(run=run, actor=coordinator.user)
    return run


def test_publishing_asks_first_and_a_dismissed_question_publishes_nothing(
    live_server, page, sign_in, organisation, coordinator
):
    programme, _people = make_matching_programme(organisation, coordinator)
    sign_in(coordinator)
    page.goto(f"{live_server.url}/matching/programmes/{programme.pk}/")
    page.get_by_role("button", name="Start a run").click()
    expect(page.get_by_text("3 of 3 mentees have a mentor (100%)")).to_be_visible()
    questions: list[str] = []
    _answer(page, questions, accept=False)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("button", name="Publish")).to_be_enabled()
    assert questions == ["Publish 3 pairs? 5 people will be notified by e-mail."]
    assert not Mentorship.objects.filter(programme=programme).exists()

    _answer(page, questions, accept=True)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published: 3 matches")).to_be_visible()
    assert Mentorship.objects.filter(programme=programme).count() == 3


def test_a_mentor_confirms_a_decline_and_the_mentee_is_left_no_relationship(
    live_server, page, sign_in, organisation, coordinator
):
    programme, people = make_matching_programme(organisation, coordinator)
    MatchingSettings.objects.create(
        programme=programme, mentor_acceptance=True, parameters=default_parameters(programme)
    )
    _published_run(programme, coordinator)
    response = MentorResponse.objects.get(proposal__mentee=people["xl"])

    sign_in(people["excel"])
    page.goto(f"{live_server.url}/matching/me/")
    card = page.locator(".card").filter(has_text="Xavier Xl")
    questions: list[str] = []
    _answer(page, questions, accept=False)
    card.get_by_role("button", name="Decline").click()
    expect(card.get_by_role("button", name="Accept")).to_be_visible()
    assert questions == [
        "Decline mentoring Xavier Xl? The match ends now and cannot be restored; "
        "Xavier Xl will be told and matched with someone else."
    ]
    response.refresh_from_db()
    assert response.status == "pending"

    _answer(page, questions, accept=True)
    card.get_by_role("button", name="Decline").click()
    expect(page.get_by_text("You declined the match")).to_be_visible()
    _sign_out(page)

    sign_in(people["xl"])
    page.goto(f"{live_server.url}/mentorships/")
    expect(page.get_by_text("You are not in a mentoring relationship yet")).to_be_visible()
    expect(page.get_by_text("Agreement to sign")).to_have_count(0)
    page.goto(f"{live_server.url}/matching/me/")
    expect(page.get_by_text("Your match was declined")).to_be_visible()
    expect(page.get_by_text("Your mentor: Eric Excel")).to_have_count(0)


def test_hybrid_peers_both_confirm_before_their_relationship_starts(
    live_server, page, sign_in, organisation, coordinator
):
    programme = make_programme(organisation, kind="peer", status="matching", matching_mode="hybrid")
    programme.coordinators.add(coordinator.user)
    ana, ben = (
        make_participant(
            programme,
            "peer",
            level=3,
            offered={"Sales": 3},
            sought={"Sales": 2},
            first_name=name,
            last_name="Peer",
        )
        for name in ("Ana", "Ben")
    )
    sign_in(coordinator)
    page.goto(f"{live_server.url}/matching/programmes/{programme.pk}/")
    page.get_by_role("button", name="Start a run").click()
    expect(page.get_by_text("2 of 2 peers have a peer (100%)")).to_be_visible()
    questions: list[str] = []
    _answer(page, questions, accept=True)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published: 1 proposal.")).to_be_visible()
    assert questions == [
        "Propose 1 pair of peers? 2 people will be notified by e-mail and asked to confirm."
    ]
    assert not Mentorship.objects.filter(programme=programme).exists()
    _sign_out(page)

    sign_in(ana)
    page.goto(f"{live_server.url}/matching/me/")
    expect(page.get_by_text("We propose Ben Peer as your peer")).to_be_visible()
    page.get_by_role("button", name="Confirm this peer").click()
    expect(page.get_by_text("Waiting for Ben Peer to confirm")).to_be_visible()
    assert not Mentorship.objects.filter(programme=programme).exists()
    _sign_out(page)

    sign_in(ben)
    page.goto(f"{live_server.url}/matching/me/")
    page.get_by_role("button", name="Confirm this peer").click()
    expect(page.get_by_text("Confirmed: your relationship has started.")).to_be_visible()
    expect(page.get_by_text("Your peer: Ana Peer")).to_be_visible()
    assert Mentorship.objects.filter(programme=programme).count() == 1


def test_a_hybrid_mentee_confirms_the_mentor_the_algorithm_proposed(
    live_server, page, sign_in, organisation, coordinator
):
    programme, people = make_matching_programme(organisation, coordinator, matching_mode="hybrid")
    _published_run(programme, coordinator)
    assert not Mentorship.objects.filter(programme=programme).exists()
    sign_in(people["py"])
    page.goto(f"{live_server.url}/matching/me/")
    page.get_by_role("link", name="Choose your mentor").click()
    expect(page.get_by_text("We propose Pia Python as your mentor")).to_be_visible()
    page.get_by_role("button", name="Confirm this mentor").click()
    expect(page.get_by_text("Confirmed: your relationship has started.")).to_be_visible()
    assert Mentorship.objects.filter(programme=programme).count() == 1
