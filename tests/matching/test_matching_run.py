"""Runs: the engine on a programme's approved applications, stored with totals and reasons."""

from __future__ import annotations

import pytest

from mentora.matching import services
from tests.factories import make_matching_programme


@pytest.fixture
def scenario(organisation, coordinator):
    return make_matching_programme(organisation, coordinator)


def _run(programme, coordinator):
    run = services.start_run(programme=programme, actor=coordinator.user)
    return run


def test_a_run_pairs_each_mentee_with_the_mentor_who_offers_their_skill(
    scenario, coordinator, django_capture_on_commit_callbacks
):
    programme, people = scenario
    with django_capture_on_commit_callbacks(execute=True):
        run = _run(programme, coordinator)
    run.refresh_from_db()
    assert run.status == "done"
    pairs = {(p.mentee_id, p.mentor_id) for p in run.proposals.all()}
    assert (people["py"].pk, people["python"].pk) in pairs
    assert (people["xl"].pk, people["excel"].pk) in pairs
    assert run.matched_count == 3
    assert run.progress == 100
