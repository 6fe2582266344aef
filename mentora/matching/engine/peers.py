"""Peer programmes: exact maximum-weight matching on a general graph (pairs among equals)."""

from __future__ import annotations

import time

import networkx as nx
import numpy as np

from .certify import exact_weights
from .explain import reasons
from .features import build_population
from .flow import SCALE
from .model import Instance, MatchResult, Pair, Reason, Unmatched
from .scoring import PARTS, score_pairs

# networkx's blossom algorithm is exact but pure Python: fine up to a few thousand
# participants with all their allowed pairs; larger peer programmes need a compiled solver.
PEER_EXACT_LIMIT = 3000


def max_weight_peer_matching(
    a: np.ndarray, b: np.ndarray, weights: np.ndarray, most_pairs_first: bool = True
) -> list[tuple[int, int]]:
    """Exact matching on a general graph: most pairs first (optional), then most weight."""
    weights = np.asarray(weights, dtype=np.int64)
    graph = nx.Graph()
    if len(weights) == 0:
        return []
    # Among maximum-cardinality matchings a constant shift changes nothing, and it keeps
    # every weight positive for the blossom algorithm.
    shift = int(max(0, -int(weights.min())) + 1) if most_pairs_first else 0
    for x, y, w in zip(a.tolist(), b.tolist(), weights.tolist(), strict=True):
        if x == y:
            continue
        w = w + shift
        if not most_pairs_first and w <= 0:
            continue
        if graph.has_edge(x, y):
            w = max(w, graph[x][y]["weight"])
        graph.add_edge(x, y, weight=w)
    found = nx.max_weight_matching(graph, maxcardinality=most_pairs_first, weight="weight")
    return sorted((min(x, y), max(x, y)) for x, y in found)


def match_peers(instance: Instance) -> MatchResult:
    """Pair peers optimally; a pair's score is the mean of both directions."""
    t0 = time.perf_counter()
    rules = instance.rules
    pop = build_population(instance)
    n = len(pop.mentees)
    if n > PEER_EXACT_LIMIT:
        raise ValueError(f"exact peer matching is limited to {PEER_EXACT_LIMIT} participants")
    a, b = np.triu_indices(n, k=1)
    w_ab, ok_ab = exact_weights(pop, rules, a, b)
    w_ba, ok_ba = exact_weights(pop, rules, b, a)
    ok = ok_ab & ok_ba
    # Integer mean keeps the solver exact; half a thousandth is below what we display.
    weights = (w_ab + w_ba) // 2
    chosen = max_weight_peer_matching(
        a[ok], b[ok], weights[ok], rules.objective == "matched_then_score"
    )
    pairs: list[Pair] = []
    matched: set[int] = set()
    if chosen:
        x, y = np.asarray(chosen, dtype=np.int64).T
        parts_xy, _ = score_pairs(pop, rules, x, y)
        parts_yx, _ = score_pairs(pop, rules, y, x)
        for k, (i, j) in enumerate(chosen):
            detail = {p: float((parts_xy[p][k] + parts_yx[p][k]) / 2) for p in PARTS}
            pairs.append(
                Pair(
                    mentee_id=pop.mentees.ids[i],
                    mentor_id=pop.mentees.ids[j],
                    score=float(sum(detail[p] for p in PARTS)),
                    breakdown=detail,
                    reasons=reasons(pop, rules, i, j, {p: float(parts_xy[p][k]) for p in PARTS}),
                )
            )
            matched.update((i, j))
    has_candidate = np.zeros(n, dtype=bool)
    has_candidate[a[ok]] = True
    has_candidate[b[ok]] = True
    unmatched = [
        Unmatched(
            pop.mentees.ids[i],
            "peer",
            Reason("odd_one_out" if has_candidate[i] else "no_candidate"),
        )
        for i in range(n)
        if i not in matched
    ]
    return MatchResult(
        pairs=tuple(pairs),
        unmatched=tuple(unmatched),
        total_score=float(sum(p.score for p in pairs)),
        certified=True,
        rounds=1,
        method="blossom",
        stats={"seconds": time.perf_counter() - t0, "scale": SCALE},
    )
