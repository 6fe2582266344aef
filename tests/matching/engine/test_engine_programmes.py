from __future__ import annotations

import numpy as np
import pytest

from mentora.matching.engine import Instance, Rules, match
from mentora.matching.engine.certify import exact_weights
from mentora.matching.engine.features import build_population
from mentora.matching.engine.generate import generate
from mentora.matching.engine.groups import EXACT_GROUP_MENTEES, cohesion_matrix
from mentora.matching.engine.reference import slot_expanded_optimum
from mentora.matching.engine.stable import stable_from_scores


def _all_pairs(instance):
    pop = build_population(instance)
    n_e, n_m = len(pop.mentees), len(pop.mentors)
    r, c = np.divmod(np.arange(n_e * n_m), n_m)
    w, ok = exact_weights(pop, instance.rules, r, c)
    return pop, r, c, w, ok


def test_stable_through_match_is_the_full_list_stable_matching_with_its_cost():
    base = generate(150, 30, seed=11, capacity=5)
    instance = Instance(base.mentees, base.mentors, Rules(mentee_top_k=3))
    result = match(instance, objective="stable")
    pop, r, c, w, ok = _all_pairs(instance)
    expected = stable_from_scores(
        r[ok].tolist(), c[ok].tolist(), w[ok].tolist(), len(pop.mentees), [5] * 30
    )
    got = {p.mentee_id: p.mentor_id for p in result.pairs}
    want = {pop.mentees.ids[i]: pop.mentors.ids[j] for i, j in enumerate(expected) if j >= 0}
    assert result.method == "deferred_acceptance"
    assert got == want
    optimum = match(instance)
    assert result.stats["optimum_matched"] == optimum.matched
    assert result.stats["stable_matched"] == result.matched
    assert result.stats["stable_score_gap"] >= 0
    assert result.stats["optimum_total_score"] >= result.stats["stable_total_score"]
    # The rule works too, and peers/groups refuse it.
    by_rule = match(Instance(base.mentees, base.mentors, Rules(mentee_top_k=3, objective="stable")))
    assert by_rule.pairs == result.pairs
    with pytest.raises(ValueError):
        match(Instance(base.mentees, (), Rules(kind="peer")), objective="stable")


def _group_value(instance, result):
    pop = build_population(instance)
    cohesion = cohesion_matrix(instance, pop)
    e_index = {x: i for i, x in enumerate(pop.mentees.ids)}
    groups: dict[str, list[int]] = {}
    for p in result.pairs:
        groups.setdefault(p.mentor_id, []).append(e_index[p.mentee_id])
    value = sum(p.score for p in result.pairs)
    for members in groups.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                value += cohesion[members[a], members[b]]
    return value, groups


def test_groups_exact_below_the_threshold_heuristic_above_with_a_bound():
    base = generate(20, 5, seed=3, capacity=4)
    instance = Instance(base.mentees, base.mentors, Rules(kind="group"))
    assert len(instance.mentees) <= EXACT_GROUP_MENTEES
    exact = match(instance)
    assert exact.method == "groups_exact_mip" and exact.certified
    assert exact.stats["exact"] == 1.0 and exact.stats["gap"] == 0.0
    heuristic = match(instance, exact_group_limit=5)
    assert heuristic.method == "groups_local_search"
    assert heuristic.matched == exact.matched  # both place the most mentees
    h_value, groups = _group_value(instance, heuristic)
    e_value, _ = _group_value(instance, exact)
    assert abs(h_value - heuristic.total_score) < 1e-6
    assert abs(e_value - exact.total_score) < 1e-6
    assert h_value <= e_value + 1e-9 <= heuristic.stats["upper_bound"] + 1e-6
    assert 0 <= heuristic.stats["gap"] < 1
    assert all(len(members) <= 4 for members in groups.values())


def test_group_heuristic_keeps_the_most_mentees_and_improves_on_plain_pairs():
    base = generate(300, 60, seed=4, capacity=5)
    instance = Instance(base.mentees, base.mentors, Rules(kind="group"))
    result = match(instance)
    pairs_only = match(Instance(base.mentees, base.mentors, Rules()))
    assert result.method == "groups_local_search"
    assert result.matched == pairs_only.matched
    value, groups = _group_value(instance, result)
    assert all(len(m) <= 5 for m in groups.values())
    plain_value, _ = _group_value(instance, pairs_only)
    assert value >= plain_value - 1e-9
    assert result.total_score <= result.stats["upper_bound"] + 1e-9


def test_engine_equals_reference_with_many_mentors_per_cluster():
    base = generate(240, 60, seed=21, capacity=4, n_departments=5, n_skills=30)
    instance = Instance(base.mentees, base.mentors, Rules(mentee_top_k=2, min_score=2.0))
    result = match(instance)
    pop, _, _, w, ok = _all_pairs(instance)
    matched, total, _ = slot_expanded_optimum(
        w.reshape(240, 60), ok.reshape(240, 60), pop.mentors.capacity
    )
    assert result.certified
    assert (result.matched, sum(int(round(p.score * 1000)) for p in result.pairs)) == (
        matched,
        total,
    )


def test_programmes_without_mentors_leave_everyone_unmatched():
    base = generate(5, 2, seed=1)
    for rules in (Rules(), Rules(kind="group")):
        result = match(Instance(base.mentees, (), rules))
        assert result.matched == 0
        assert {u.reason.key for u in result.unmatched} == {"no_candidate"}
