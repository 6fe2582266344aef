"""Peer programmes: maximum-weight matching on a general graph (pairs among equals).

Up to `PEER_EXACT_LIMIT` participants: exact, networkx's blossom algorithm on every
allowed pair. Larger programmes: the bipartite double cover relaxation. Every peer gets
a "left" and a "right" copy, a pair {a, b} becomes the arcs a->b and b->a with the pair's
score (the mean of both directions), and the bipartite engine solves it exactly and
certified on the complete graph (min-cost flow, dual check over all pairs). Its optimum
is at least twice the best matching's (most pairs, then score), so half of it is an upper
bound. The solution is a set of paths and cycles; each is cut into pairs by an exact
dynamic programme, leftovers are paired greedily from their candidate lists, and the
result reports the bound and the gap (`exact` is 0 in its stats).
"""

from __future__ import annotations

import time
from dataclasses import replace

import networkx as nx
import numpy as np
import scipy.sparse as sp

from .certify import exact_weights
from .explain import reasons
from .features import Population, build_population
from .flow import SCALE
from .model import Instance, MatchResult, Pair, Reason, Rules, Unmatched
from .scoring import PARTS, score_pairs, total

# networkx's blossom algorithm is exact but pure Python on every allowed pair: measured
# about 40 s for 500 peers (125,000 pairs), so match() uses it up to this many peers.
PEER_EXACT_LIMIT = 200


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


def match_peers(instance: Instance, exact_limit: int | None = None) -> MatchResult:
    """Pair peers; a pair's score is the mean of both directions.

    Exact up to `exact_limit` participants (default PEER_EXACT_LIMIT), else the double
    cover relaxation with repair, its bound and its gap.
    """
    t0 = time.perf_counter()
    rules = instance.rules
    pop = build_population(instance)
    n = len(pop.mentees)
    if n > (PEER_EXACT_LIMIT if exact_limit is None else exact_limit):
        return match_peers_relaxed(instance, pop)
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
        stats={"seconds": time.perf_counter() - t0, "scale": SCALE, "exact": 1.0},
    )


def symmetric_population(pop: Population) -> Population:
    """The peer population with skills symmetrised: any pair scores the mean of both ways.

    Every other part is already symmetric for peers (seniority by level distance, same
    department, shared language and slots, time-zone distance, preferences and hard rules
    either way), so only the skills product needs both directions.
    """
    return replace(
        pop,
        sought=sp.csr_matrix(0.5 * sp.hstack([pop.sought, pop.offered])),
        offered=sp.csr_matrix(sp.hstack([pop.offered, pop.sought])),
    )


def _cut_chain(weights: list[int], cycle: bool) -> list[int]:
    """Best set of non-adjacent edges of a path (or cycle): indices of the chosen edges."""

    n = len(weights)
    if n == 0:
        return []

    def solve(ws: list[int]) -> tuple[int, list[int]]:
        # best[k]: best value over the first k edges; choice by backtracking.
        best = [0] * (len(ws) + 1)
        for k in range(1, len(ws) + 1):
            best[k] = max(best[k - 1], (best[k - 2] if k >= 2 else 0) + ws[k - 1])
        chosen: list[int] = []
        k = len(ws)
        while k >= 1:
            if best[k] == best[k - 1]:
                k -= 1
            else:
                chosen.append(k - 1)
                k -= 2
        return best[len(ws)], chosen[::-1]

    if not cycle:
        return solve(weights)[1]
    # A cycle: either the last edge is unused, or it is used and its neighbours are not.
    v1, c1 = solve(weights[:-1])
    v2, c2 = solve(weights[1:-2]) if n >= 3 else (0, [])
    v2 += weights[-1]
    return c1 if v1 >= v2 else [k + 1 for k in c2] + [n - 1]


def _augment(
    mate: np.ndarray, ra: np.ndarray, rb: np.ndarray, pop: Population, rules: Rules
) -> None:
    """One more pair where two free peers a, b and a pair (c, d) allow (a, c) + (b, d).

    Augmenting paths of length three over the candidate lists, best score first; run
    until none is left (each one adds a pair, so this ends).
    """
    w, ok = exact_weights(pop, rules, ra, rb)
    ra, rb, w = ra[ok & (ra != rb)], rb[ok & (ra != rb)], w[ok & (ra != rb)]
    # Both directions, grouped by the first peer.
    a_all = np.concatenate([ra, rb])
    b_all = np.concatenate([rb, ra])
    w_all = np.concatenate([w, w])
    order = np.lexsort((b_all, -w_all, a_all))
    a_all, b_all, w_all = a_all[order], b_all[order], w_all[order]
    starts = np.searchsorted(a_all, np.arange(len(mate) + 1))
    b_l, w_l = b_all.tolist(), w_all.tolist()

    def neighbours(x: int) -> list[tuple[int, int]]:
        return list(
            zip(b_l[starts[x] : starts[x + 1]], w_l[starts[x] : starts[x + 1]], strict=True)
        )

    changed = True
    while changed:
        changed = False
        for a in np.flatnonzero(mate < 0).tolist():
            if mate[a] >= 0:
                continue
            best: tuple[int, int, int, int] | None = None
            for c, w_ac in neighbours(a):
                d = int(mate[c])
                if d < 0:
                    mate[a], mate[c] = c, a  # a free neighbour: pair directly
                    best = None
                    changed = True
                    break
                for b, w_bd in neighbours(d):
                    if b != a and mate[b] < 0:
                        if best is None or w_ac + w_bd > best[0]:
                            best = (w_ac + w_bd, c, d, b)
                        break
            if best is not None:
                _, c, d, b = best
                mate[a], mate[c], mate[d], mate[b] = c, a, b, d
                changed = True


def match_peers_relaxed(instance: Instance, pop: Population) -> MatchResult:
    """Large peer programmes: certified double cover bound, repaired into pairs."""
    from .assign import solve_population

    t0 = time.perf_counter()
    rules = instance.rules
    n = len(pop.mentees)
    sym = symmetric_population(pop)
    single = replace(sym, mentors=replace(sym.mentors, capacity=np.ones(n, dtype=np.int64)))
    empty = np.zeros(0, dtype=np.int64)
    solved = solve_population(single, rules, empty, empty)
    succ = solved.mentor_of
    w_arc, _ = exact_weights(single, rules, np.flatnonzero(succ >= 0), succ[succ >= 0])
    cover_arcs = int((succ >= 0).sum())
    cover_total = int(w_arc.sum())
    most_pairs = rules.objective == "matched_then_score"
    big = int(abs(w_arc).sum()) + 1 if most_pairs else 0
    # Paths and cycles of the functional graph a -> succ[a].
    pred = np.full(n, -1, dtype=np.int64)
    pred[succ[succ >= 0]] = np.flatnonzero(succ >= 0)
    mate = np.full(n, -1, dtype=np.int64)
    seen = np.zeros(n, dtype=bool)
    succ_l, pred_l = succ.tolist(), pred.tolist()
    chains: list[tuple[list[int], bool]] = []
    for start in range(n):
        if seen[start] or (succ_l[start] < 0 and pred_l[start] < 0):
            continue
        # Walk back to the head of a path (or around a cycle), then forward.
        head, steps = start, 0
        while pred_l[head] >= 0 and pred_l[head] != start and steps <= n:
            head, steps = pred_l[head], steps + 1
        cycle = pred_l[head] == start or (pred_l[start] >= 0 and head == start)
        if cycle:
            head = start
        nodes = [head]
        seen[head] = True
        nxt = succ_l[head]
        while nxt >= 0 and not seen[nxt]:
            nodes.append(nxt)
            seen[nxt] = True
            nxt = succ_l[nxt]
        chains.append((nodes, cycle and len(nodes) > 1))
    ea: list[int] = []
    eb: list[int] = []
    for nodes, cycle in chains:
        edges = len(nodes) if cycle and len(nodes) > 2 else len(nodes) - 1
        for k in range(edges):
            ea.append(nodes[k])
            eb.append(nodes[(k + 1) % len(nodes)])
    w_edge, ok_edge = exact_weights(
        single, rules, np.asarray(ea, np.int64), np.asarray(eb, np.int64)
    )
    w_list = (np.where(ok_edge, w_edge + big, -(2**40))).tolist()
    pos = 0
    for nodes, cycle in chains:
        is_cycle = cycle and len(nodes) > 2
        edges = len(nodes) if is_cycle else len(nodes) - 1
        ws = w_list[pos : pos + edges]
        for k in _cut_chain(ws, is_cycle):
            if ws[k] > (0 if most_pairs else big):
                a, b = nodes[k], nodes[(k + 1) % len(nodes)]
                mate[a], mate[b] = b, a
        pos += edges
    # Leftovers: greedily from their candidate and reserve lists, best first.
    width = max(1, n)
    keys = np.unique(
        np.concatenate(
            [
                solved.scan.rows * width + solved.scan.cols,
                solved.scan.reserve_rows * width + solved.scan.reserve_cols,
            ]
        )
    )
    ra, rb = keys // width, keys % width
    free_pair = (mate[ra] < 0) & (mate[rb] < 0) & (ra != rb)
    ra, rb = ra[free_pair], rb[free_pair]
    w_left, ok_left = exact_weights(single, rules, ra, rb)
    keep = ok_left & ((w_left > 0) | most_pairs)
    ra, rb, w_left = ra[keep], rb[keep], w_left[keep]
    for k in np.lexsort((rb, ra, -w_left)).tolist():
        a, b = int(ra[k]), int(rb[k])
        if mate[a] < 0 and mate[b] < 0:
            mate[a], mate[b] = b, a
    if most_pairs:
        _augment(mate, keys // width, keys % width, single, rules)
    xs = np.flatnonzero(mate > np.arange(n))
    ys = mate[xs]
    parts, _ = score_pairs(single, rules, xs, ys)
    parts_xy, _ = score_pairs(pop, rules, xs, ys)
    scores = total(parts)
    pairs = [
        Pair(
            mentee_id=pop.mentees.ids[i],
            mentor_id=pop.mentees.ids[j],
            score=float(scores[k]),
            breakdown={p: float(parts[p][k]) for p in PARTS},
            reasons=reasons(pop, rules, i, j, {p: float(parts_xy[p][k]) for p in PARTS}),
        )
        for k, (i, j) in enumerate(zip(xs.tolist(), ys.tolist(), strict=True))
    ]
    best = solved.scan.mentee_best
    unmatched = [
        Unmatched(
            pop.mentees.ids[i],
            "peer",
            Reason("odd_one_out" if np.isfinite(best[i]) else "no_candidate"),
        )
        for i in np.flatnonzero(mate < 0).tolist()
    ]
    found = float(scores.sum())
    bound_pairs = cover_arcs // 2
    bound_score = cover_total / SCALE / 2
    stats = {
        "seconds": time.perf_counter() - t0,
        "exact": 0.0,
        "cover_certified": float(solved.certified),
        "pairs_upper_bound": float(bound_pairs),
        # Bound on the score of any matching with pairs_upper_bound pairs.
        "score_upper_bound": bound_score,
        "pairs_gap": float(bound_pairs - len(pairs)),
        "score_gap": (bound_score - found) / abs(bound_score) if bound_score else 0.0,
        "rounds": float(solved.rounds),
    }
    return MatchResult(
        pairs=tuple(pairs),
        unmatched=tuple(unmatched),
        total_score=found,
        certified=bool(
            solved.certified and len(pairs) == bound_pairs and stats["score_gap"] <= 1e-9
        ),
        rounds=solved.rounds,
        method="double_cover_repair",
        stats=stats,
    )
