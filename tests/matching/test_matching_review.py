"""Review: lock, forbid, swap and assign by hand, then run again around the locks."""

from __future__ import annotations

import pytest

from mentora.matching.errors import MatchingError
from mentora.matching.models import PairRule
from mentora.matching.selectors.runs import preview_assignment
from mentora.matching.services.publication import publish_run
from mentora.matching.services.review import assign_by_hand, forbid_pair, swap_mentors, toggle_lock


def test_a_locked_pair_is_kept_by_the_next_run(scenario, run_now, coordinator):
    programme, people = scenario
    run = run_now(programme)
    proposal = run.proposals.get(mentee=people["both"])
    other = people["excel"] if proposal.mentor_id == people["python"].pk else people["python"]
    manual = assign_by_hand(run=run, mentee=people["both"], mentor=other, actor=coordinator.user)
    toggle_lock(proposal=manual, actor=coordinator.user)
    again = run_now(programme)
    kept = again.proposals.get(mentee=people["both"])
    assert (kept.mentor_id, kept.locked) == (other.pk, True)


def test_a_forbidden_pair_is_never_proposed_again(scenario, run_now, coordinator):
    programme, people = scenario
    run = run_now(programme)
    forbid_pair(proposal=run.proposals.get(mentee=people["py"]), actor=coordinator.user)
    again = run_now(programme)
    assert again.proposals.get(mentee=people["py"]).mentor_id == people["excel"].pk


def test_assigning_by_hand_shows_the_score_and_the_broken_rules(scenario, run_now):
    programme, people = scenario
    run = run_now(programme)
    preview = preview_assignment(run=run, mentee=people["py"], mentor=people["both"])
    # A mentee as mentor: two levels below, the seniority rule of the programme is broken.
    assert "seniority" in preview["broken_rules"]
    assert preview["score"] >= 0


def test_a_swap_exchanges_mentors_and_scores_both_pairs_again(scenario, run_now, coordinator):
    programme, people = scenario
    run = run_now(programme)
    first = run.proposals.get(mentee=people["py"])
    second = run.proposals.get(mentee=people["xl"])
    swap_mentors(first=first, second=second, actor=coordinator.user)
    first.refresh_from_db()
    assert first.mentor_id == people["excel"].pk
    assert first.manual


def test_nothing_changes_once_a_run_is_published(scenario, run_now, coordinator):
    programme, people = scenario
    run = run_now(programme)
    publish_run(run=run, actor=coordinator.user)
    run.refresh_from_db()
    with pytest.raises(MatchingError):
        forbid_pair(proposal=run.proposals.first(), actor=coordinator.user)
    assert not PairRule.objects.exists()


def test_the_review_page_shows_reasons_in_french(client, scenario, run_now, coordinator):
    programme, _people = scenario
    run = run_now(programme)
    coordinator.user.language = "fr"
    coordinator.user.save()
    client.force_login(coordinator.user)
    page = client.get(f"/matching/programmes/{programme.pk}/runs/{run.pk}/")
    html = page.content.decode()
    assert "Binômes proposés" in html
    assert "propose Python au niveau 5, recherché au niveau 4" in html


def test_the_assign_page_shows_the_score_and_broken_rule_before_assigning(
    client, scenario, run_now, coordinator
):
    programme, people = scenario
    run = run_now(programme)
    forbid_pair(proposal=run.proposals.get(mentee=people["py"]), actor=coordinator.user)
    client.force_login(coordinator.user)
    url = f"/matching/programmes/{programme.pk}/runs/{run.pk}/assign/"
    chosen = {"mentee": people["py"].pk, "mentor": people["python"].pk}
    preview = client.get(url, chosen).content.decode()
    assert "Match quality of this pair:" in preview
    assert "the pair is forbidden" in preview
    assert client.post(url, chosen).status_code == 302
    manual = run.proposals.get(mentee=people["py"], forbidden=False)
    assert (manual.mentor_id, manual.manual) == (people["python"].pk, True)
    assert "forbidden" in manual.broken_rules
    review = client.get(f"/matching/programmes/{programme.pk}/runs/{run.pk}/").content.decode()
    assert "⚠ the pair is forbidden" in review
