"""After each change by hand, the review, its unmatched list, the swap and the comparison agree."""

from __future__ import annotations

import pytest

from mentora.matching.errors import MatchingError
from mentora.matching.services.review import assign_by_hand, forbid_pair, swap_mentors, toggle_lock
from tests.factories import make_participant, make_programme


def _review(client, run):
    return client.get(f"/matching/programmes/{run.programme_id}/runs/{run.pk}/")


def _unmatched(run):
    return dict(run.unmatched.values_list("membership_id", "role"))


def _forbid_excel_pair(run, people, coordinator):
    # Eric Excel mentors Xavier only: forbidding that pair frees both of them.
    return forbid_pair(proposal=run.proposals.get(mentee=people["xl"]), actor=coordinator.user)


def test_forbidding_a_pair_lists_both_people_it_frees_as_unmatched(scenario, run_now, coordinator):
    programme, people = scenario
    run = run_now(programme)
    _forbid_excel_pair(run, people, coordinator)
    assert _unmatched(run) == {people["xl"].pk: "mentee", people["excel"].pk: "mentor"}


def test_the_unmatched_list_says_the_pair_was_forbidden(client, scenario, run_now, coordinator):
    programme, people = scenario
    run = run_now(programme)
    _forbid_excel_pair(run, people, coordinator)
    client.force_login(coordinator.user)
    page = _review(client, run)
    listed = {u.membership_id for u in page.context["unmatched"]}
    assert listed == {people["xl"].pk, people["excel"].pk}
    assert page.content.decode().count("their pair was forbidden in this review") == 2


def test_after_a_forbid_the_totals_agree_with_the_pairs_kept(
    client, scenario, run_now, coordinator
):
    programme, people = scenario
    run = run_now(programme)
    _forbid_excel_pair(run, people, coordinator)
    run.refresh_from_db()
    assert (run.matched_count, run.unmatched_count, run.matched_share) == (2, 2, 67)
    client.force_login(coordinator.user)
    html = _review(client, run).content.decode()
    assert "2 of 3 mentees have a mentor (67%)" in html


def test_the_swap_list_no_longer_offers_a_forbidden_pair(client, scenario, run_now, coordinator):
    programme, people = scenario
    run = run_now(programme)
    forbidden = _forbid_excel_pair(run, people, coordinator)
    client.force_login(coordinator.user)
    page = _review(client, run)
    offered = {p.pk for p in page.context["swappable"]}
    assert forbidden.pk not in offered
    assert len(offered) == 2
    assert f'<option value="{forbidden.pk}"' not in page.content.decode()


def test_a_forbidden_pair_cannot_be_swapped(scenario, run_now, coordinator):
    programme, people = scenario
    run = run_now(programme)
    forbidden = _forbid_excel_pair(run, people, coordinator)
    kept = run.proposals.get(mentee=people["py"])
    with pytest.raises(MatchingError):
        swap_mentors(first=kept, second=forbidden, actor=coordinator.user)
    forbidden.refresh_from_db()
    assert forbidden.forbidden


def test_a_forbidden_pair_cannot_be_locked_back(scenario, run_now, coordinator):
    programme, people = scenario
    run = run_now(programme)
    forbidden = _forbid_excel_pair(run, people, coordinator)
    with pytest.raises(MatchingError):
        toggle_lock(proposal=forbidden, actor=coordinator.user)
    assert _unmatched(run) == {people["xl"].pk: "mentee", people["excel"].pk: "mentor"}


def test_the_comparison_shows_the_same_figures_as_the_review(
    client, scenario, run_now, coordinator
):
    programme, people = scenario
    first = run_now(programme)
    second = run_now(programme)
    _forbid_excel_pair(second, people, coordinator)
    client.force_login(coordinator.user)
    page = client.get(f"/matching/programmes/{programme.pk}/compare/?a={first.pk}&b={second.pk}")
    html = page.content.decode()
    assert "<td>3 (100%)</td><td>2 (67%)</td>" in html
    assert "<td>0</td><td>2</td>" in html
    assert page.context["diff"]["only_first"] == 1


def test_a_mentor_left_without_mentee_by_a_pair_assigned_by_hand_is_listed(
    client, scenario, run_now, coordinator
):
    programme, people = scenario
    run = run_now(programme)
    assign_by_hand(run=run, mentee=people["xl"], mentor=people["python"], actor=coordinator.user)
    assert _unmatched(run) == {people["excel"].pk: "mentor"}
    client.force_login(coordinator.user)
    assert "their pair was undone by a change by hand" in _review(client, run).content.decode()


def test_a_person_paired_by_hand_leaves_the_unmatched_list(scenario, run_now, coordinator):
    programme, people = scenario
    run = run_now(programme)
    _forbid_excel_pair(run, people, coordinator)
    assign_by_hand(run=run, mentee=people["xl"], mentor=people["excel"], actor=coordinator.user)
    run.refresh_from_db()
    assert _unmatched(run) == {}
    assert (run.matched_count, run.unmatched_count) == (3, 0)


def test_a_peer_freed_by_a_forbid_is_listed_with_their_partner(organisation, coordinator, run_now):
    programme = make_programme(organisation, kind="peer", status="matching")
    programme.coordinators.add(coordinator.user)
    for _n in range(4):
        make_participant(programme, "peer", level=3, offered={"Sales": 3}, sought={"Sales": 2})
    run = run_now(programme)
    proposal = run.proposals.first()
    forbid_pair(proposal=proposal, actor=coordinator.user)
    run.refresh_from_db()
    assert _unmatched(run) == {proposal.mentee_id: "peer", proposal.mentor_id: "peer"}
    assert (run.matched_count, run.matched_share) == (1, 50)
