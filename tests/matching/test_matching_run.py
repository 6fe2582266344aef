"""Runs: the engine on a programme's approved applications, stored with totals and reasons."""

from __future__ import annotations

from unittest import mock

from mentora.matching.loader import load_programme
from mentora.matching.selectors.runs import default_parameters
from mentora.programs.models import Programme
from tests.factories import make_matching_programme, make_participant


def test_a_run_pairs_each_mentee_with_the_mentor_who_offers_their_skill(scenario, run_now):
    programme, people = scenario
    run = run_now(programme)
    assert run.status == "done"
    pairs = {(p.mentee_id, p.mentor_id) for p in run.proposals.all()}
    assert (people["py"].pk, people["python"].pk) in pairs
    assert (people["xl"].pk, people["excel"].pk) in pairs
    assert (run.matched_count, run.progress, run.certified) == (3, 100, True)


def test_each_proposal_keeps_its_breakdown_and_reasons(scenario, run_now):
    programme, people = scenario
    run = run_now(programme)
    proposal = run.proposals.get(mentee=people["py"])
    assert abs(sum(proposal.breakdown.values()) - proposal.score) < 1e-6
    assert {"key": "skill_fit", "params": {"skill": "Python", "offered": 5, "sought": 4}} in (
        proposal.reasons
    )


def test_a_failed_run_stores_the_error_and_keeps_the_previous_run(scenario, run_now):
    programme, _people = scenario
    first = run_now(programme)
    with mock.patch("mentora.matching.engine.match", side_effect=RuntimeError("solver crashed")):
        failed = run_now(programme)
    assert failed.status == "failed"
    assert "solver crashed" in failed.error
    assert not failed.proposals.exists()
    assert first.proposals.count() == 3


def test_a_run_is_executed_once_even_if_the_task_is_retried(scenario, run_now):
    from mentora.matching.services.runs import execute_run

    programme, _people = scenario
    run = run_now(programme)
    assert execute_run(run.pk) is None
    assert run.proposals.count() == 3


def test_a_second_run_cannot_start_while_one_is_queued(scenario, coordinator):
    import pytest

    from mentora.matching.errors import MatchingError
    from mentora.matching.services.runs import start_run

    programme, _people = scenario
    start_run(programme=programme, actor=coordinator.user)
    with pytest.raises(MatchingError):
        start_run(programme=programme, actor=coordinator.user)


def test_loading_takes_the_same_number_of_queries_whatever_the_size(organisation, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    programme, _people = make_matching_programme(organisation, coordinator)
    parameters = default_parameters(programme)
    with CaptureQueriesContext(connection) as small:
        load_programme(Programme.objects.get(pk=programme.pk), parameters)
    for n in range(12):
        make_participant(programme, "mentee", level=1, sought={"Python": 3}, email=f"x{n}@e.org")
    with CaptureQueriesContext(connection) as large:
        loaded = load_programme(Programme.objects.get(pk=programme.pk), parameters)
    assert len(loaded.instance.mentees) == 15
    assert len(large) == len(small) <= 20


def test_peers_are_paired_among_themselves(organisation, coordinator, run_now):
    from tests.factories import make_programme

    programme = make_programme(organisation, kind="peer", status="matching")
    programme.coordinators.add(coordinator.user)
    for _n in range(4):
        make_participant(programme, "peer", level=3, offered={"Sales": 3}, sought={"Sales": 2})
    run = run_now(programme)
    assert run.status == "done", run.error
    assert run.matched_count == 2
    assert run.matched_share == 100


def test_group_programmes_form_groups_around_mentors(organisation, coordinator, run_now):
    from tests.factories import make_programme

    programme = make_programme(
        organisation, kind="group", format="group", group_size=3, status="matching"
    )
    programme.coordinators.add(coordinator.user)
    mentors = [make_participant(programme, "mentor", level=5, offered={"Lead": 5}) for _ in "ab"]
    for _n in range(6):
        make_participant(programme, "mentee", level=1, sought={"Lead": 3})
    run = run_now(programme)
    assert run.status == "done", run.error
    loads = sorted(run.proposals.filter(mentor__in=mentors).values_list("mentor_id", flat=True))
    assert len(loads) == 6
    assert {loads.count(m.pk) for m in mentors} == {3}


def test_people_without_the_required_training_wait_with_the_reason(scenario, run_now):
    from tests.factories import make_module, make_step

    programme, people = scenario
    module = make_module(programme.organisation, audience="mentee")
    make_step(module)
    module.required_by.add(programme)
    run = run_now(programme)
    assert run.matched_count == 0
    assert set(
        run.unmatched.filter(reason="training_incomplete").values_list("membership_id", flat=True)
    ) == {
        people["py"].pk,
        people["xl"].pk,
        people["both"].pk,
    }


def test_the_demo_seed_gives_the_reverse_and_peer_programmes_applicants(organisation):
    import random

    from mentora.demo.matching import seed_matching_demo
    from tests.factories import make_member, make_programme

    reverse = make_programme(organisation, kind="reverse", status="matching")
    peer = make_programme(organisation, kind="peer", status="enrolling")
    for level in (1, 2, 3, 4, 5, 3, 4):
        make_member(organisation, seniority_level=level)
    seed_matching_demo(organisation, random.Random(1))
    assert set(reverse.applications.values_list("role", flat=True)) == {"mentor", "mentee"}
    assert set(peer.applications.values_list("role", flat=True)) == {"peer"}


def test_a_stable_run_is_offered_with_its_cost(scenario, run_now):
    from mentora.matching.models import MatchingSettings

    programme, _people = scenario
    parameters = {**default_parameters(programme), "objective": "stable"}
    MatchingSettings.objects.create(programme=programme, parameters=parameters)
    run = run_now(programme)
    assert run.status == "done", run.error
    assert run.matched_count == 3
    assert run.stats["stable_score_gap"] >= 0
