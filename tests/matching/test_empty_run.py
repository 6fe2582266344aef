"""A run with nobody to match says one clear thing and cannot be published."""

from __future__ import annotations

import pytest

from mentora.matching.errors import MatchingError
from mentora.matching.services.publication import publish_run
from mentora.matching.services.review import forbid_pair
from tests.factories import make_programme


@pytest.fixture
def empty_run(organisation, coordinator, run_now):
    programme = make_programme(organisation, status="matching")
    programme.coordinators.add(coordinator.user)
    return run_now(programme)


def _review(client, run):
    return client.get(f"/matching/programmes/{run.programme_id}/runs/{run.pk}/").content.decode()


def test_it_says_there_was_nobody_to_match_and_nothing_else(client, empty_run, coordinator):
    client.force_login(coordinator.user)
    html = _review(client, empty_run)
    assert "Nobody to match" in html
    assert "No pair passes the programme's rules" not in html
    assert "Everyone who could be matched has a pair." not in html


def test_its_publish_button_is_disabled_with_the_reason(client, empty_run, coordinator):
    client.force_login(coordinator.user)
    html = _review(client, empty_run)
    publish = html[html.index("/publish/") :]
    button = publish[publish.index("<button") : publish.index("</button>")]
    assert "disabled" in button
    assert "There is no pair to publish." in html


def test_publishing_it_is_refused_and_changes_nothing(empty_run, coordinator):
    with pytest.raises(MatchingError, match="no pair to publish"):
        publish_run(run=empty_run, actor=coordinator.user)
    empty_run.refresh_from_db()
    assert empty_run.published_at is None


def test_publishing_a_run_whose_pairs_are_all_forbidden_is_refused(
    client, scenario, run_now, coordinator
):
    programme, _people = scenario
    run = run_now(programme)
    for proposal in run.proposals.all():
        forbid_pair(proposal=proposal, actor=coordinator.user)
    client.force_login(coordinator.user)
    response = client.post(
        f"/matching/programmes/{programme.pk}/runs/{run.pk}/publish/", follow=True
    )
    assert "There is no pair to publish." in response.content.decode()
    run.refresh_from_db()
    assert run.published_at is None
