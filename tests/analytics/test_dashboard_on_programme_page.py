"""The programme page links to the dashboard and shows where each objective stands."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse


@pytest.fixture
def readers(world, coordinator, sponsor):
    world.programme.coordinators.add(coordinator.user)
    world.programme.sponsors.add(sponsor.user)
    return world


def _page(client, membership, programme) -> str:
    client.force_login(membership.user)
    response = client.get(reverse("programs:detail", args=[programme.pk]))
    return re.sub(r"[ \t\n]+", " ", response.content.decode())


@pytest.mark.parametrize("persona", ["coordinator", "sponsor"])
def test_coordinators_and_sponsors_find_the_dashboard_link(client, request, readers, persona):
    page = _page(client, request.getfixturevalue(persona), readers.programme)
    assert f'href="{reverse("dashboard:programme", args=[readers.programme.pk])}"' in page


def test_each_objective_shows_its_current_value_and_status(client, readers, coordinator):
    page = _page(client, coordinator, readers.programme)
    assert 'Current value: 44.4% <span class="badge badge--goal-off_track">Off track' in page
    assert 'Current value: 3.9 <span class="badge badge--goal-achieved">Achieved' in page


def test_a_sponsor_reads_the_anonymised_values(client, readers, sponsor):
    page = _page(client, sponsor, readers.programme)
    assert "Current value: Not enough answers" in page
    assert "Current value: 44.4%" not in page
    assert "Current value: 3.9 " in page
