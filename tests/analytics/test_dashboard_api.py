"""GET /api/v1/programmes/{id}/dashboard, for each role."""

from __future__ import annotations

import pytest

from mentora.api.services import create_api_token
from tests.factories import make_member


def _get(client, membership, programme, query: str = ""):
    headers = {}
    if membership is not None:
        _token, raw = create_api_token(user=membership.user, name="test")
        headers["Authorization"] = f"Bearer {raw}"
    return client.get(f"/api/v1/programmes/{programme.pk}/dashboard{query}", headers=headers)


@pytest.mark.parametrize("persona", ["coordinator", "org_admin"])
def test_coordinators_and_org_admins_read_every_figure(client, request, programme, persona):
    response = _get(client, request.getfixturevalue(persona), programme)
    assert response.status_code == 200
    body = response.json()
    assert body["anonymised"] is False
    assert body["programme"] == programme.pk and body["k"] == 5


def test_the_programmes_sponsor_reads_anonymised_figures(client, programme, sponsor):
    response = _get(client, sponsor, programme)
    assert response.status_code == 200
    body = response.json()
    assert body["anonymised"] is True
    # Nobody answered: every count is under k.
    assert body["nps"]["answers"] is None
    assert {"figure": "nps.answers", "reason": body["withheld"][0]["reason"]} in body["withheld"]


def test_a_sponsor_who_coordinates_the_programme_reads_it_as_a_coordinator(
    client, programme, coordinator
):
    programme.sponsors.add(coordinator.user)
    assert _get(client, coordinator, programme).json()["anonymised"] is False


def test_an_organisation_sponsor_named_coordinator_still_reads_anonymised_figures(
    client, programme, organisation
):
    executive = make_member(organisation, role="sponsor")
    programme.coordinators.add(executive.user)
    assert _get(client, executive, programme).json()["anonymised"] is True


def test_a_sponsor_of_another_programme_is_refused(client, programme, organisation):
    executive = make_member(organisation, role="sponsor")
    assert _get(client, executive, programme).status_code == 403


def test_another_coordinator_is_refused(client, programme, other_coordinator):
    assert _get(client, other_coordinator, programme).status_code == 403


def test_a_member_is_refused(client, programme, member):
    assert _get(client, member, programme).status_code == 403


def test_another_organisation_does_not_see_the_programme(client, programme, outsider):
    assert _get(client, outsider, programme).status_code == 404


def test_anonymous_callers_must_authenticate(client, programme):
    assert _get(client, None, programme).status_code == 401


def test_filters_are_applied_and_echoed(client, world, coordinator):
    world.programme.coordinators.add(coordinator.user)
    sales = world.departments["Sales"]
    body = _get(client, coordinator, world.programme, f"?department={sales.pk}").json()
    assert body["filters"] == {
        "department": sales.pk, "site": None, "cohort_from": None, "cohort_to": None,
    }  # fmt: skip
    assert body["problems"] == []
    assert body["funnel"]["matched"] == 5


def test_filter_problems_are_listed_and_the_filters_ignored(client, world, coordinator):
    world.programme.coordinators.add(coordinator.user)
    query = "?team=3&cohort_from=2027-06&cohort_to=2027-01&site=999999"
    response = _get(client, coordinator, world.programme, query)
    assert response.status_code == 200
    body = response.json()
    assert {(p["parameter"], p["code"]) for p in body["problems"]} == {
        ("team", "unknown_filter"),
        ("cohort_from", "reversed_range"),
        ("site", "unknown_value"),
    }
    assert body["filters"] == {
        "department": None,
        "site": None,
        "cohort_from": None,
        "cohort_to": None,
    }
    assert body["funnel"]["matched"] == 10


def test_filter_problems_read_in_the_callers_language(client, world, coordinator):
    world.programme.coordinators.add(coordinator.user)
    coordinator.user.language = "fr"
    coordinator.user.save()
    body = _get(client, coordinator, world.programme, "?team=3").json()
    assert "n’est pas un filtre" in body["problems"][0]["detail"]
