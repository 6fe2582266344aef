"""GET /api/v1/organisation/overview: the page's figures, for org admins only."""

from __future__ import annotations

import pytest

from mentora.analytics.overview import organisation_overview
from tests.analytics.overview_world import build_small_world
from tests.analytics.world import AS_OF

URL = "/api/v1/organisation/overview"


@pytest.fixture
def small(frozen, organisation):
    return build_small_world(organisation)


def test_an_org_admin_reads_the_same_figures_as_the_page(client, small, org_admin):
    client.force_login(org_admin.user)
    body = client.get(URL).json()
    page = organisation_overview(small.organisation, AS_OF)
    assert body["as_of"] == AS_OF.isoformat()
    assert body["drafts"] == page.drafts
    assert [
        (
            p["name"],
            p["status"],
            p["participants"],
            p["active_pairs"],
            p["sessions"]["planned"],
            p["sessions"]["held"],
            p["sessions"]["held_vs_planned"],
            p["nps"]["score"],
            p["nps"]["answers"],
            p["objectives"]["achieved"],
            p["objectives"]["total"],
        )
        for p in body["programmes"]
    ] == [
        (
            line.name,
            line.status,
            line.participants,
            line.active_pairs,
            line.sessions_planned,
            line.sessions_held,
            line.held_vs_planned,
            line.nps,
            line.nps_answers,
            line.objectives_achieved,
            line.objectives_total,
        )
        for line in page.programmes
    ]


def test_participation_reads_as_on_the_page(client, small, org_admin):
    client.force_login(org_admin.user)
    body = client.get(URL).json()
    page = organisation_overview(small.organisation, AS_OF)
    assert body["participation"]["departments"] == [vars(g) for g in page.departments]
    assert body["participation"]["sites"] == [vars(g) for g in page.sites]


def test_a_sponsor_is_refused(client, sponsor):
    client.force_login(sponsor.user)
    response = client.get(URL)
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")


def test_a_coordinator_is_refused(client, coordinator):
    client.force_login(coordinator.user)
    assert client.get(URL).status_code == 403
