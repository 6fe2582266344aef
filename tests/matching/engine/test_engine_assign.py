from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mentora.matching.engine import Instance, Participant, Rules, SkillNeed, match
from mentora.matching.engine.certify import exact_weights
from mentora.matching.engine.features import build_population
from mentora.matching.engine.flow import SCALE, solve_assignment
from mentora.matching.engine.generate import generate
from mentora.matching.engine.reference import slot_expanded_optimum
from mentora.matching.engine.scoring import PARTS, BlockScorer, score_pairs


def _brute_force(weights, allowed, capacity):
    """Best (matched, total) by trying every mentor (or none) for every mentee."""
    n_e, n_m = weights.shape
    best = (-1, 0)
    for choice in itertools.product(range(-1, n_m), repeat=n_e):
        load = np.zeros(n_m, dtype=int)
        total = 0
        ok = True
        for i, j in enumerate(choice):
            if j < 0:
                continue
            if not allowed[i, j]:
                ok = False
                break
            load[j] += 1
            total += int(weights[i, j])
        if ok and (load <= capacity).all():
            best = max(best, (sum(j >= 0 for j in choice), total))
    return best


def _dense(instance):
    pop = build_population(instance)
    n_e, n_m = len(pop.mentees), len(pop.mentors)
    r, c = np.divmod(np.arange(n_e * n_m), n_m)
    w, ok = exact_weights(pop, instance.rules, r, c)
    return pop, w.reshape(n_e, n_m), ok.reshape(n_e, n_m)


def _ours(result):
    return result.matched, sum(int(round(p.score * SCALE)) for p in result.pairs)


@settings(max_examples=25, deadline=None)
@given(
    weights=st.lists(st.integers(-5, 20), min_size=12, max_size=12),
    allowed=st.lists(st.booleans(), min_size=12, max_size=12),
    capacity=st.lists(st.integers(0, 2), min_size=3, max_size=3),
)
def test_flow_equals_brute_force(weights, allowed, capacity):
    w = np.array(weights).reshape(4, 3)
    ok = np.array(allowed).reshape(4, 3)
    cap = np.array(capacity)
    rows, cols = np.nonzero(ok)
    big_m = 4 * 25 + 1
    result = solve_assignment(4, 3, rows, cols, w[rows, cols], cap, big_m)
    chosen = np.flatnonzero(result.mentor_of >= 0)
    got = (len(chosen), int(w[chosen, result.mentor_of[chosen]].sum()))
    assert got == _brute_force(w, ok, cap)


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000), capacity=st.integers(1, 3))
def test_engine_equals_the_slot_expanded_reference(seed, capacity):
    instance = generate(60, 15, seed=seed, capacity=capacity, n_departments=4, n_skills=20)
    instance = Instance(instance.mentees, instance.mentors, Rules(mentee_top_k=2), seed=seed)
    result = match(instance)
    _, w, ok = _dense(instance)
    pop = build_population(instance)
    matched, total, _ = slot_expanded_optimum(w, ok, pop.mentors.capacity)
    assert result.certified
    assert _ours(result) == (matched, total)


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_hard_rules_and_capacities_hold(seed):
    instance = generate(50, 12, seed=seed, capacity=2, n_departments=3, n_skills=15)
    rules = Rules(department="require_other", mentee_top_k=3)
    instance = Instance(instance.mentees, instance.mentors, rules, seed=seed)
    result = match(instance)
    pop, _, ok = _dense(instance)
    e_index = {x: i for i, x in enumerate(pop.mentees.ids)}
    m_index = {x: j for j, x in enumerate(pop.mentors.ids)}
    load: dict[str, int] = {}
    for pair in result.pairs:
        assert ok[e_index[pair.mentee_id], m_index[pair.mentor_id]]
        load[pair.mentor_id] = load.get(pair.mentor_id, 0) + 1
    for mentor in instance.mentors:
        assert load.get(mentor.id, 0) <= mentor.capacity


def test_same_input_and_seed_give_the_same_result():
    instance = generate(120, 30, seed=7, capacity=3)
    first, second = match(instance), match(instance)
    assert first.pairs == second.pairs
    assert first.unmatched == second.unmatched


def test_explanations_sum_to_the_score():
    result = match(generate(80, 20, seed=3, capacity=3))
    for pair in result.pairs:
        assert set(pair.breakdown) == set(PARTS)
        assert abs(sum(pair.breakdown.values()) - pair.score) < 1e-9


def test_block_scores_agree_with_pair_scores():
    instance = generate(40, 30, seed=5)
    pop = build_population(instance)
    block = BlockScorer(pop, instance.rules).block(np.arange(40))
    r, c = np.divmod(np.arange(40 * 30), 30)
    parts, ok = score_pairs(pop, instance.rules, r, c)
    exact = np.where(ok, sum(parts[p] for p in PARTS), -np.inf).reshape(40, 30)
    assert (np.isfinite(block) == np.isfinite(exact)).all()
    assert np.allclose(block[np.isfinite(block)], exact[np.isfinite(exact)], atol=1e-4)


def _person(pid, role, **kwargs):
    defaults = dict(level=2 if role == "mentee" else 5, languages=("en",), organisation="acme")
    defaults.update(kwargs)
    return Participant(id=pid, role=role, **defaults)


def test_it_never_pairs_someone_with_their_manager_chain():
    boss = _person("boss", "mentor")
    other = _person("other", "mentor")
    report = _person("ann", "mentee", manager_chain=("boss",))
    result = match(Instance((report,), (boss, other)))
    assert [(p.mentee_id, p.mentor_id) for p in result.pairs] == [("ann", "other")]


def test_it_never_pairs_without_a_shared_language():
    mentor = _person("m", "mentor", languages=("fr",))
    mentee = _person("e", "mentee", languages=("de",))
    result = match(Instance((mentee,), (mentor,)))
    assert result.pairs == ()
    assert result.unmatched[0].reason.key == "no_candidate"


def test_it_reports_full_mentors_as_the_reason():
    mentor = _person("m", "mentor", capacity=1)
    mentees = (_person("a", "mentee"), _person("b", "mentee"))
    result = match(Instance(mentees, (mentor,)))
    assert result.matched == 1
    assert [u.reason.key for u in result.unmatched] == ["capacity_exhausted"]


def test_it_reports_below_min_score():
    mentor = _person("m", "mentor")
    mentee = _person("e", "mentee")
    result = match(Instance((mentee,), (mentor,), Rules(min_score=100.0)))
    assert result.unmatched[0].reason.key == "below_min_score"


def test_it_keeps_locked_pairs():
    mentors = (_person("m1", "mentor", capacity=1), _person("m2", "mentor", capacity=1))
    mentee = _person("e", "mentee", skills_sought=(SkillNeed("python", 3),))
    result = match(Instance((mentee,), mentors, locks=(("e", "m2"),)))
    assert [(p.mentor_id, p.locked) for p in result.pairs] == [("m2", True)]
    assert result.pairs[0].reasons[0].key == "locked"


def test_it_explains_a_skill_fit():
    mentor = _person("m", "mentor", skills_offered=(("python", 4),))
    mentee = _person("e", "mentee", skills_sought=(SkillNeed("python", 3),))
    pair = match(Instance((mentee,), (mentor,))).pairs[0]
    assert pair.reasons[0].key == "skill_fit"
    assert pair.reasons[0].params == {"skill": "python", "offered": 4, "sought": 3}
