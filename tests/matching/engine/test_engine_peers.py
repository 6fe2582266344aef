from __future__ import annotations

import csv
import json
import random
from dataclasses import replace

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentora.matching.engine import Instance, Rules, match
from mentora.matching.engine.blossom import max_weight_matching, verify
from mentora.matching.engine.cli import main
from mentora.matching.engine.features import build_population
from mentora.matching.engine.flow import SCALE
from mentora.matching.engine.generate import generate
from mentora.matching.engine.peers import pair_weights, solve_peer_pairs, symmetric_population


def _networkx_weight(n, a, b, w):
    """Maximum weight of a matching (positive weights only), by networkx."""
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    for x, y, weight in zip(a, b, w, strict=True):
        if x != y and weight > 0:
            if graph.has_edge(x, y):
                weight = max(weight, graph[x][y]["weight"])
            graph.add_edge(x, y, weight=weight)
    found = nx.max_weight_matching(graph)
    return sum(graph[x][y]["weight"] for x, y in found)


def _random_graph(rng, n, density, top):
    a, b, w = [], [], []
    for x in range(n):
        for y in range(x + 1, n):
            if rng.random() < density:
                a.append(x)
                b.append(y)
                w.append(rng.randint(1, top))
    return np.array(a, dtype=np.int64), np.array(b, dtype=np.int64), np.array(w, dtype=np.int64)


def _mutual_best_start(n, a, b, w, extra):
    """Duals d_v = best incident weight (+ extra), matched where both sides agree."""
    dual = np.zeros(n, dtype=np.int64)
    np.maximum.at(dual, a, w)
    np.maximum.at(dual, b, w)
    dual = dual + extra
    mate = np.full(n, -1, dtype=np.int64)
    for e in np.argsort(-w, kind="stable"):
        x, y = a[e], b[e]
        if mate[x] < 0 and mate[y] < 0 and dual[x] + dual[y] == 2 * w[e]:
            mate[x], mate[y] = y, x
    return dual, mate


def test_blossom_equals_networkx_and_proves_it_on_random_graphs():
    rng = random.Random(7)
    for trial in range(120):
        n = rng.randint(2, 40)
        a, b, w = _random_graph(rng, n, rng.choice([0.1, 0.3, 0.9]), rng.choice([3, 10, 100]))
        if trial % 2:
            w = w + 10**6  # lexicographic weights: most pairs first
        cert = max_weight_matching(n, a, b, w)
        assert verify(n, a, b, w, cert)
        assert cert.bound() == 4 * _networkx_weight(n, a, b, w)


def test_blossom_warm_start_reaches_the_same_optimum():
    rng = random.Random(8)
    for _ in range(80):
        n = rng.randint(2, 40)
        a, b, w = _random_graph(rng, n, rng.choice([0.2, 0.6]), 20)
        extra = np.array([rng.randint(0, 3) for _ in range(n)], dtype=np.int64)
        dual, mate = _mutual_best_start(n, a, b, w, extra)
        cert = max_weight_matching(n, a, b, w, dual, mate)
        assert verify(n, a, b, w, cert)
        assert cert.bound() == 4 * _networkx_weight(n, a, b, w)


def test_blossom_refuses_an_infeasible_start():
    a, b, w = np.array([0]), np.array([1]), np.array([5])
    with pytest.raises(ValueError):
        max_weight_matching(2, a, b, w, np.array([1, 1]), np.array([-1, -1]))


def test_verify_rejects_a_certificate_that_does_not_prove_the_matching():
    a, b, w = np.array([0, 1, 2]), np.array([1, 2, 3]), np.array([4, 5, 4])
    cert = max_weight_matching(4, a, b, w)
    assert verify(4, a, b, w, cert)
    lower = replace(cert, vertex_dual=cert.vertex_dual - 1)
    assert not verify(4, a, b, w, lower)
    worse = replace(cert, mate=np.array([-1, 2, 1, -1]))
    assert not verify(4, a, b, w, worse)


def _brute_force(n, weight):
    """Best (pairs, total weight) over every matching of the allowed pairs in `weight`."""

    def best(free):
        if len(free) < 2:
            return (0, 0)
        first, rest = free[0], free[1:]
        top = best(rest)
        for k, other in enumerate(rest):
            key = (first, other)
            if key in weight:
                pairs, total = best(rest[:k] + rest[k + 1 :])
                top = max(top, (pairs + 1, total + weight[key]))
        return top

    return best(tuple(range(n)))


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(min_value=2, max_value=9),
    seed=st.integers(min_value=0, max_value=10_000),
    min_score=st.sampled_from([None, 3.0, 5.0]),
)
def test_certified_peer_path_equals_brute_force(n, seed, min_score):
    base = generate(n, 1, seed=seed)
    instance = Instance(
        (base.mentees + base.mentors)[:n], (), Rules(kind="peer", min_score=min_score)
    )
    result = match(instance)
    pop = build_population(instance)
    single = symmetric_population(pop)
    lo, hi = np.triu_indices(n, k=1)
    w, ok = pair_weights(single, instance.rules, lo, hi)
    weight = {(int(x), int(y)): int(v) for x, y, v, good in zip(lo, hi, w, ok, strict=True) if good}
    got = (result.matched, sum(int(round(p.score * SCALE)) for p in result.pairs))
    assert result.method == "blossom_certified" and result.certified
    assert got == _brute_force(n, weight)


def _peers(n, seed, **rules):
    base = generate(n * 4 // 5, n // 5, seed=seed)
    return Instance(base.mentees + base.mentors, (), Rules(kind="peer", **rules))


def _value(result):
    return result.matched, sum(int(round(p.score * SCALE)) for p in result.pairs)


@pytest.mark.parametrize(
    "rules", [{}, {"objective": "score"}, {"min_score": 4.0}, {"department": "require_other"}]
)
def test_certified_path_equals_networkx_on_all_pairs(rules):
    instance = _peers(90, 3, **rules)
    certified = match(instance)
    all_pairs = match(instance, exact_peer_limit=1000)
    assert certified.method == "blossom_certified" and certified.certified
    assert all_pairs.method == "blossom_all_pairs"
    assert _value(certified) == _value(all_pairs)


def test_peer_pairs_obey_the_hard_rules_both_ways():
    instance = _peers(300, 5, min_score=3.0, department="require_other")
    result = match(instance)
    pop = build_population(instance)
    index = {pid: i for i, pid in enumerate(pop.mentees.ids)}
    x = np.array([index[p.mentee_id] for p in result.pairs])
    y = np.array([index[p.mentor_id] for p in result.pairs])
    _, ok = pair_weights(
        symmetric_population(pop), instance.rules, np.minimum(x, y), np.maximum(x, y)
    )
    assert ok.all() and (x != y).all()
    assert len(set(x.tolist()) | set(y.tolist())) == 2 * len(x)
    assert all(p.score >= 3.0 - 1e-9 for p in result.pairs)


def test_large_peer_programme_is_certified_with_its_rounds_reported():
    result = match(_peers(600, 9))
    assert result.certified and result.method == "blossom_certified"
    stats = result.stats
    assert stats["exact"] == 1.0 and stats["gap"] == 0.0
    assert stats["rounds"] >= 1 and stats["pairs_added"] >= 0
    assert stats["weight"] == stats["weight_upper_bound"]
    assert result.matched == 300  # everyone finds a peer here
    assert result.matched * stats["big_m"] + round(result.total_score * SCALE) == pytest.approx(
        stats["weight"], abs=result.matched
    )


def test_peer_matching_is_deterministic():
    instance = _peers(250, 12)
    first, second = match(instance), match(instance)
    assert [(p.mentee_id, p.mentor_id) for p in first.pairs] == [
        (p.mentee_id, p.mentor_id) for p in second.pairs
    ]


def test_peers_without_any_allowed_pair_stay_unmatched():
    instance = _peers(10, 2, min_score=100.0)
    result = match(instance)
    assert result.matched == 0 and len(result.unmatched) == 10
    assert match(Instance(instance.mentees[:1], (), instance.rules)).matched == 0


def test_solve_peer_pairs_puts_most_pairs_first():
    # On the path p-q-r-s, q-r alone weighs 10; p-q + r-s gives two pairs and wins.
    a, b, w = np.array([0, 1, 2]), np.array([1, 2, 3]), np.array([1, 10, 1])
    solution = solve_peer_pairs(4, a, b, w)
    assert solution.mate.tolist() == [1, 0, 3, 2]
    by_score = solve_peer_pairs(4, a, b, w, most_pairs_first=False)
    assert by_score.mate.tolist() == [-1, 2, 1, -1]


def test_solve_peers_command_equals_networkx_on_a_random_graph(tmp_path, capsys):
    rng = random.Random(3)
    rows = []
    for x in range(150):
        for y in range(x + 1, 150):
            if rng.random() < 0.05:
                rows.append([f"p{x}", f"p{y}", rng.randint(-5, 40)])
    path = tmp_path / "edges.csv"
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["a", "b", "score"])
        writer.writerows(rows)
    assert main(["solve-peers", "--edges", str(path)]) == 0
    payload = json.loads(capsys.readouterr().out)
    graph = nx.Graph()
    for x, y, s in rows:
        graph.add_edge(x, y, weight=s + 1000)  # a shift keeps max-cardinality ties
    found = nx.max_weight_matching(graph, maxcardinality=True)
    total = sum(graph[x][y]["weight"] - 1000 for x, y in found)
    assert (payload["matched"], payload["total_score"]) == (len(found), total)
