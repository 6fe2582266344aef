"""Swapping mentors: offered and allowed only where the pairs have mentors."""

from __future__ import annotations

import pytest

from mentora.matching.errors import MatchingError
from mentora.matching.services.review import swap_mentors
from tests.factories import make_participant, make_programme


@pytest.fixture
def peer_run(organisation, coordinator, run_now):
    programme = make_programme(organisation, kind="peer", status="matching")
    programme.coordinators.add(coordinator.user)
    for _n in range(4):
        make_participant(programme, "peer", level=3, offered={"Sales": 3}, sought={"Sales": 2})
    return run_now(programme)


def test_it_is_offered_in_a_traditional_review(client, scenario, run_now, coordinator):
    programme, _people = scenario
    run = run_now(programme)
    client.force_login(coordinator.user)
    html = client.get(f"/matching/programmes/{programme.pk}/runs/{run.pk}/").content.decode()
    assert "Swap two mentors" in html


def test_it_is_not_offered_in_a_peer_review(client, peer_run, coordinator):
    client.force_login(coordinator.user)
    url = f"/matching/programmes/{peer_run.programme_id}/runs/{peer_run.pk}/"
    html = client.get(url).content.decode()
    assert "Swap two mentors" not in html
    assert "/swap/" not in html


def test_it_is_refused_in_a_peer_run(peer_run, coordinator):
    first, second = peer_run.proposals.order_by("pk")
    with pytest.raises(MatchingError, match="Peers have no mentor to swap"):
        swap_mentors(first=first, second=second, actor=coordinator.user)
    first.refresh_from_db()
    assert not first.manual


def test_a_peer_swap_posted_anyway_changes_nothing(client, peer_run, coordinator):
    first, second = peer_run.proposals.order_by("pk")
    pairs = set(peer_run.proposals.values_list("mentee_id", "mentor_id"))
    client.force_login(coordinator.user)
    url = f"/matching/programmes/{peer_run.programme_id}/runs/{peer_run.pk}/swap/"
    response = client.post(url, {"first": first.pk, "second": second.pk}, follow=True)
    assert "Peers have no mentor to swap" in response.content.decode()
    assert set(peer_run.proposals.values_list("mentee_id", "mentor_id")) == pairs
