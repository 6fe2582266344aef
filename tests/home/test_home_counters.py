"""The org admin's home counters: one figure per programme status, read with its number."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import make_member, make_programme


def _counters(response) -> dict[str, str]:
    """Each counter's label mapped to its figure, as the page shows them."""
    html = response.content.decode()
    pairs = re.findall(
        r'<span class="stat__value">(\d+)</span><span class="stat__label">([^<]+)</span>', html
    )
    return {label: value for value, label in pairs}


@pytest.fixture
def six_enrolling_and_more(organisation):
    for status, n in (("enrolling", 6), ("draft", 2), ("running", 3), ("closed", 1)):
        for _ in range(n):
            make_programme(organisation, status=status)


def test_it_counts_every_programme_of_each_status(client, org_admin, six_enrolling_and_more):
    client.force_login(org_admin.user)
    counters = _counters(client.get(reverse("home:home")))
    assert counters["programmes enrolling"] == "6"
    assert counters["draft programmes"] == "2"
    assert counters["programmes running"] == "3"
    assert counters["closed programme"] == "1"
    assert counters["programmes in matching"] == "0"


def test_it_reads_the_counters_in_french_with_plural_forms(
    client, org_admin, six_enrolling_and_more
):
    org_admin.user.language = "fr"
    org_admin.user.save()
    client.force_login(org_admin.user)
    counters = _counters(client.get(reverse("home:home")))
    assert counters["programmes en inscription"] == "6"
    assert counters["programme clos"] == "1"
    assert counters["programmes en cours"] == "3"


def test_it_reads_members_and_invitations_with_their_number(client, org_admin):
    client.force_login(org_admin.user)
    counters = _counters(client.get(reverse("home:home")))
    assert counters["member"] == "1"
    assert counters["pending invitations"] == "0"
    make_member(org_admin.organisation)
    assert _counters(client.get(reverse("home:home")))["members"] == "2"


def test_it_shows_no_counters_to_a_coordinator(client, coordinator):
    client.force_login(coordinator.user)
    assert _counters(client.get(reverse("home:home"))) == {}
