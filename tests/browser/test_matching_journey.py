"""Matching journeys: a coordinator runs, locks, re-runs and publishes; a mentee chooses."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import expect

from mentora.accounts.models import Membership
from mentora.matching.models import MatchingRun
from mentora.mentorships.models import Mentorship
from mentora.programs.models import Kind, Programme, Status
from tests.factories import make_matching_programme

pytestmark = pytest.mark.browser


def _sign_out(page):
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Sign out").click()


def test_a_coordinator_runs_locks_reruns_and_publishes(
    live_server, page, sign_in, organisation, coordinator
):
    programme, people = make_matching_programme(organisation, coordinator)
    sign_in(coordinator)
    page.goto(f"{live_server.url}{programme.get_absolute_url()}")
    page.get_by_role("link", name="Matching").last.click()
    page.get_by_role("button", name="Start a run").click()
    expect(page.get_by_role("heading", name="Proposed pairs")).to_be_visible()
    expect(page.get_by_text("offers Python at level 5, sought at level 4")).to_be_visible()
    page.get_by_role("button", name="Lock Paul Py").click()
    expect(page.get_by_text("The pair is locked")).to_be_visible()
    page.get_by_role("button", name="Run again, keeping the locked pairs").click()
    expect(page.get_by_role("heading", name="Run 2")).to_be_visible()
    expect(page.get_by_text("locked by the coordinator")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published: 3 matches")).to_be_visible()
    assert Mentorship.objects.filter(programme=programme).count() == 3
    assert MatchingRun.objects.filter(programme=programme).count() == 2
    _sign_out(page)

    sign_in(people["py"])
    page.goto(f"{live_server.url}/matching/me/")
    expect(page.get_by_text("Your mentor: Pia Python")).to_be_visible()
    expect(page.get_by_text("locked by the coordinator")).to_be_visible()


def test_a_mentee_requests_a_mentor_who_accepts(
    live_server, page, sign_in, organisation, coordinator
):
    programme, people = make_matching_programme(
        organisation, coordinator, matching_mode="mentee_choice"
    )
    sign_in(people["py"])
    page.goto(f"{live_server.url}/matching/programmes/{programme.pk}/choose/")
    first = page.locator(".shortlist .card").first
    expect(first).to_contain_text("Pia Python")
    first.get_by_label("Message to the mentor").fill("I want to learn Python properly.")
    first.get_by_role("button", name="Ask Pia").click()
    expect(page.get_by_text("Your request is sent")).to_be_visible()
    _sign_out(page)

    sign_in(people["python"])
    page.goto(f"{live_server.url}/matching/me/")
    expect(page.get_by_text("I want to learn Python properly.")).to_be_visible()
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("You accepted: your relationship has started.")).to_be_visible()
    assert Mentorship.objects.filter(programme=programme).count() == 1


def test_the_coordinator_matches_the_demo_reverse_programme(live_server, page, sign_in):
    """On the demo itself (French interface): run, lock a pair, run again, publish."""
    fast_hash = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(PASSWORD_HASHERS=fast_hash):
        call_command("load_demo", stdout=StringIO())
        coordination = Membership.objects.get(user__email="coordination@demo.mentora.fr")
        programme = Programme.objects.get(kind=Kind.REVERSE, status=Status.MATCHING)
        sign_in(coordination, password="mentora-demo")
    page.goto(f"{live_server.url}{programme.get_absolute_url()}")
    page.get_by_role("link", name="Appariement", exact=True).last.click()
    page.get_by_role("button", name="Lancer une exécution").click()
    expect(page.get_by_role("heading", name="Binômes proposés")).to_be_visible()
    first = MatchingRun.objects.get(programme=programme).proposals.order_by("pk").first()
    page.get_by_role("button", name=f"Verrouiller {first.mentee.user}").click()
    expect(page.get_by_role("button", name=f"Déverrouiller {first.mentee.user}")).to_be_visible()
    page.get_by_role("button", name="Relancer en gardant les paires verrouillées").click()
    expect(page.get_by_role("heading", name="Exécution n° 2")).to_be_visible()
    expect(page.get_by_text("verrouillé par la coordination")).to_be_visible()
    second = MatchingRun.objects.filter(programme=programme).latest("pk")
    pairs = second.proposals.count()
    assert pairs > 0
    assert second.proposals.filter(mentee=first.mentee, mentor=first.mentor).exists()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_text(f"Publication effectuée : {pairs} appariements")).to_be_visible()
    assert Mentorship.objects.filter(programme=programme).count() == pairs
