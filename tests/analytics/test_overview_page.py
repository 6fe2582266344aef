"""The organisation overview page: org admins only, in the reader's language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.accounts.models import User
from tests.analytics.overview_world import build_small_world

URL = "/analytics/overview/"


@pytest.fixture
def small(frozen, organisation):
    return build_small_world(organisation)


def _as(client, membership, language: str = "en"):
    User.objects.filter(pk=membership.user_id).update(language=language)
    client.force_login(membership.user)
    return client


def test_the_route_is_the_overview():
    assert reverse("analytics:overview") == URL


def test_an_org_admin_reads_every_programme_side_by_side(client, small, org_admin):
    page = _as(client, org_admin).get(URL).content.decode()
    assert "3 of 4 planned (75.0%)" in page
    assert "33 (3 answers)" in page
    assert "1 of 2" in page
    assert "1 programme in draft is not shown" in page
    assert f'href="/programmes/{small.programmes["alpha"].pk}/"' in page
    assert f'href="/programmes/{small.programmes["alpha"].pk}/dashboard/"' in page


def test_the_page_reads_in_french(client, small, org_admin):
    page = _as(client, org_admin, "fr").get(URL).content.decode()
    assert "3 sur 4 prévues (75,0\u202f%)" in page
    assert "33 (3 réponses)" in page
    assert "Participation par service" in page


def test_the_charts_tables_hold_the_shares(client, small, org_admin):
    page = _as(client, org_admin).get(URL).content.decode()
    assert "66.7%" in page
    assert "Participation by department" in page and "Participation by site" in page


def test_an_organisation_without_programmes_reads_an_empty_state(client, org_admin):
    page = _as(client, org_admin).get(URL).content.decode()
    assert "No programme to compare yet" in page


def test_a_sponsor_is_refused(client, sponsor):
    assert _as(client, sponsor).get(URL).status_code == 403


def test_a_coordinator_is_refused(client, coordinator):
    assert _as(client, coordinator).get(URL).status_code == 403


def test_the_navigation_leads_org_admins_to_it(client, org_admin):
    page = _as(client, org_admin).get(reverse("home:home")).content.decode()
    assert f'href="{URL}"' in page


def test_the_navigation_does_not_offer_it_to_coordinators(client, coordinator):
    page = _as(client, coordinator).get(reverse("home:home")).content.decode()
    assert f'href="{URL}"' not in page
