"""Peer programmes: maximum-weight matching on a general graph (pairs among equals), exact.

A pair's score is the mean of both directions (the skills product symmetrised, every other
part is symmetric for peers); its weight is that score in thousandths, plus, when most
pairs come first, a bonus per pair larger than any difference in total score.

The optimum is found and proven on the complete graph of allowed pairs in four steps:
1. The bipartite double cover (every peer a left and a right copy, each pair both ways)
   is solved and certified on the complete graph by the bipartite engine (min-cost flow,
   dual check over all pairs). Its solution, halved, is an optimal fractional matching;
   the sums of each peer's two duals are a feasible dual for it: y_a + y_b >= w_ab on
   every pair, with y = u + v counted twice (the "doubled duals").
2. Those duals, and the pairs of the fractional solution that form a matching, start
   Edmonds' blossom algorithm (blossom.py) on a sparse graph: the candidates of the
   cover's scan and its solution. The fractional optimum is nearly integral (only odd
   cycles are fractional), so a few dozen augmentations remain.
3. The blossom algorithm returns the matching with its dual certificate (vertex and
   odd-set duals, exact integers); `blossom.verify` checks it on the sparse graph.
4. Every pair outside the sparse graph is scanned blockwise (float32 scores with a margin,
   exact integer check of the flagged ones) against the certificate; pairs violating it
   join the sparse graph and steps 2-4 run again. When none does, the dual solution is
   feasible on the complete graph and its value equals the matching's: the matching is
   optimal on the complete graph (`certified`).

`exact_limit` keeps an independent path for small programmes: networkx's blossom
algorithm on every allowed pair.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import networkx as nx
import numpy as np
import scipy.sparse as sp

from .blossom import MatchingCertificate, max_weight_matching, verify
from .candidates import default_block_rows, worker_count
from .certify import MARGIN, exact_weights
from .explain import reasons
from .features import Population, build_population
from .flow import SCALE, lexicographic_bonus, solve_assignment
from .model import Instance, MatchResult, Pair, Reason, Rules, Unmatched
from .scoring import PARTS, BlockScorer, score_pairs, total

# By default every peer programme takes the certified path; with a positive limit,
# programmes up to that size are solved by networkx's blossom algorithm on every allowed
# pair instead (pure Python: about 40 s for 500 peers), an independent check.
PEER_EXACT_LIMIT = 0
# Rounds of "solve on the sparse graph, check every pair" before giving up certification.
MAX_ROUNDS = 30
# The scan flags pairs this much (in score units) beyond the float32 margin: a pair's
# canonical integer weight is rounded once more than the float32 score it is read from.
ROUNDING_MARGIN = 1.0 / SCALE


@dataclass(frozen=True)
class PeerSolution:
    """A certified maximum-weight matching of peers, in index form."""

    mate: np.ndarray  # int64 partner per peer, -1 when unmatched
    certificate: MatchingCertificate
    big_m: int  # bonus per pair included in the weights the certificate is about
    stats: dict[str, float]


def max_weight_peer_matching(
    a: np.ndarray, b: np.ndarray, weights: np.ndarray, most_pairs_first: bool = True
) -> list[tuple[int, int]]:
    """Exact matching on all the given pairs with networkx: most pairs first (optional)."""
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


def symmetric_population(pop: Population) -> Population:
    """The peer population with skills symmetrised: any pair scores the mean of both ways.

    Every other part is already symmetric for peers (seniority by level distance, same
    department, shared language and slots, time-zone distance, preferences and hard rules
    either way), so only the skills product needs both directions. Every peer may take
    one partner (capacity 1 on the "mentor" side).
    """
    n = len(pop.mentees)
    sym = replace(
        pop,
        sought=sp.csr_matrix(0.5 * sp.hstack([pop.sought, pop.offered])),
        offered=sp.csr_matrix(sp.hstack([pop.offered, pop.sought])),
    )
    return replace(sym, mentors=replace(sym.mentors, capacity=np.ones(n, dtype=np.int64)))


def pair_weights(
    single: Population, rules: Rules, lo: np.ndarray, hi: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Integer weights of pairs lo < hi (read in that order) and whether each is allowed.

    A pair is allowed when the hard rules and the minimum score allow it both ways.
    """
    w, ok = exact_weights(single, rules, lo, hi)
    _, ok_back = exact_weights(single, rules, hi, lo)
    return w, ok & ok_back & (lo != hi)


def _unique_pairs(x: np.ndarray, y: np.ndarray, n: int) -> np.ndarray:
    """Sorted keys lo * n + hi of the distinct pairs {x, y} (x != y)."""
    x = np.asarray(x, dtype=np.int64)
    y = np.asarray(y, dtype=np.int64)
    keep = x != y
    lo, hi = np.minimum(x, y)[keep], np.maximum(x, y)[keep]
    return np.unique(lo * n + hi)


def start_from_cover(
    n: int,
    lo: np.ndarray,
    hi: np.ndarray,
    w: np.ndarray,
    cover_dual: np.ndarray,
    cover_succ: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Doubled duals feasible on the pairs, and a matching of tight pairs, from a cover.

    cover_dual is u + v per peer; cover_succ the right copy each left copy is paired
    with. A pair's weight may differ by a unit from one of its two arcs (rounding), so a
    dual is raised where a pair would otherwise be violated. The matching takes the
    pairs both copies agree on, then every other tight pair of the cover's paths and
    cycles, walked in order so that a cycle of length L leaves at most one peer exposed.
    """
    dual = np.maximum(np.asarray(cover_dual, dtype=np.int64), 0)
    for _ in range(4):
        deficit = 2 * w - dual[lo] - dual[hi]
        bad = deficit > 0
        if not bad.any():
            break
        raise_by = np.zeros(n, dtype=np.int64)
        np.maximum.at(raise_by, hi[bad], deficit[bad])
        dual = dual + raise_by
    keys = lo * n + hi
    weight_of = dict(zip(keys.tolist(), w.tolist(), strict=True))
    dual_l = dual.tolist()

    def tight(x: int, y: int) -> bool:
        key = min(x, y) * n + max(x, y)
        return key in weight_of and dual_l[x] + dual_l[y] == 2 * weight_of[key]

    succ = np.asarray(cover_succ, dtype=np.int64).tolist()
    mate = [-1] * n
    for x, y in enumerate(succ):
        if y > x and succ[y] == x and tight(x, y):
            mate[x], mate[y] = y, x
    pred = [-1] * n
    for x, y in enumerate(succ):
        if y >= 0 and y != x:
            pred[y] = x
    seen = [False] * n
    for start in range(n):
        if seen[start] or mate[start] >= 0:
            continue
        # Walk back to the head of the path (or once around the cycle), then forward.
        head, steps = start, 0
        while pred[head] >= 0 and pred[head] != start and steps <= n:
            head, steps = pred[head], steps + 1
        node = head
        while node >= 0 and not seen[node]:
            seen[node] = True
            nxt = succ[node]
            if nxt >= 0 and mate[node] < 0 and mate[nxt] < 0 and nxt != node and tight(node, nxt):
                mate[node], mate[nxt] = nxt, node
            node = nxt
    return dual, np.asarray(mate, dtype=np.int64)


def solve_on_pairs(
    n: int,
    lo: np.ndarray,
    hi: np.ndarray,
    w: np.ndarray,
    cover_dual: np.ndarray,
    cover_succ: np.ndarray,
) -> MatchingCertificate:
    """Certified maximum-weight matching on these pairs, started from a cover."""
    dual, mate = start_from_cover(n, lo, hi, w, cover_dual, cover_succ)
    cert = max_weight_matching(n, lo, hi, w, dual, mate)
    if not verify(n, lo, hi, w, cert):
        raise RuntimeError("the blossom certificate does not check out (should never happen)")
    return cert


def cover_of_pairs(
    n: int, lo: np.ndarray, hi: np.ndarray, w: np.ndarray, big_m: int
) -> tuple[np.ndarray, np.ndarray]:
    """Double cover of explicit pairs by min-cost flow: doubled duals and successors."""
    rows = np.concatenate([lo, hi])
    cols = np.concatenate([hi, lo])
    weights = np.concatenate([w, w]) - big_m
    solved = solve_assignment(n, n, rows, cols, weights, np.ones(n, np.int64), big_m)
    return solved.mentee_dual + solved.mentor_dual, solved.mentor_of


def solve_peer_pairs(
    n: int, a: np.ndarray, b: np.ndarray, scores: np.ndarray, most_pairs_first: bool = True
) -> PeerSolution:
    """Exact matching of explicit pairs (integer scores, repeated pairs keep their best).

    Used by the command line: the double cover of the given pairs starts the blossom
    algorithm, whose certificate proves the result.
    """
    t0 = time.perf_counter()
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    scores = np.asarray(scores, dtype=np.int64)
    keep = a != b
    lo, hi, scores = np.minimum(a, b)[keep], np.maximum(a, b)[keep], scores[keep]
    order = np.lexsort((-scores, hi, lo))
    lo, hi, scores = lo[order], hi[order], scores[order]
    first = np.ones(len(lo), dtype=bool)
    first[1:] = (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    lo, hi, scores = lo[first], hi[first], scores[first]
    big_m = 0
    if most_pairs_first:
        big_m = lexicographic_bonus(n // 2, int(scores.max(initial=0)), int(scores.min(initial=0)))
    else:
        useful = scores > 0
        lo, hi, scores = lo[useful], hi[useful], scores[useful]
    w = big_m + scores
    dual, succ = cover_of_pairs(n, lo, hi, w, big_m)
    cert = solve_on_pairs(n, lo, hi, w, dual, succ)
    stats = {"seconds": time.perf_counter() - t0, "stages": float(cert.stages)}
    return PeerSolution(cert.mate, cert, big_m, stats)


def _flag_block(
    scorer: BlockScorer,
    cert: MatchingCertificate,
    level: np.ndarray,
    r0: int,
    r1: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (row < col) of rows r0..r1 whose float32 score may reach the dual threshold."""
    n = len(level)
    rows = np.arange(r0, r1)
    cols = np.arange(r0, n)
    block = scorer.block(rows, cols)
    # A pair (a, b) satisfies the certificate when weight <= (u_a + u_b + z) / 4 - big_m.
    threshold = level[rows, None] + level[None, cols] - (MARGIN + ROUNDING_MARGIN)
    for members, z in zip(cert.blossoms, cert.blossom_dual.tolist(), strict=True):
        in_rows = members[(members >= r0) & (members < r1)]
        if len(in_rows):
            in_cols = members[members >= r0]
            threshold[np.ix_(in_rows - r0, in_cols - r0)] += z / (4 * SCALE)
    min_score = scorer.rules.min_score
    if min_score is not None:
        # The scorer does not apply the minimum: pairs below it are not allowed at all
        # (without this, every pair of two unmatched peers would be rechecked).
        np.maximum(threshold, min_score - 2 * MARGIN, out=threshold)
    r, c = np.nonzero(block > threshold)
    upper = c > r  # both indices count from r0: keep each pair once, as (row < col)
    r, c = r[upper], c[upper]
    return rows[r], cols[c]


def find_peer_violations(
    scorer: BlockScorer,
    rules: Rules,
    cert: MatchingCertificate,
    big_m: int,
    known: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Pairs outside `known` (sorted keys) that violate the certificate.

    Returns lo, hi, weight (bonus included) and the number of pairs scored.
    """
    pop = scorer.pop
    n = len(pop.mentees)
    level = cert.vertex_dual / (4 * SCALE) - big_m / (2 * SCALE)
    size = default_block_rows(n)
    starts = list(range(0, n, size))
    with ThreadPoolExecutor(max_workers=worker_count()) as pool:
        found = list(
            pool.map(lambda r0: _flag_block(scorer, cert, level, r0, min(n, r0 + size)), starts)
        )
    scored = sum((min(n, r0 + size) - r0) * (n - r0) for r0 in starts)
    empty = np.zeros(0, dtype=np.int64)
    lo = np.concatenate([f[0] for f in found]) if found else empty
    hi = np.concatenate([f[1] for f in found]) if found else empty
    keys = lo * n + hi
    if len(known):
        pos = np.minimum(np.searchsorted(known, keys), len(known) - 1)
        fresh = known[pos] != keys
        lo, hi = lo[fresh], hi[fresh]
    w, ok = pair_weights(pop, rules, lo, hi)
    lo, hi, w = lo[ok], hi[ok], w[ok] + big_m
    violated = cert.pair_duals(lo, hi) < 4 * w
    return lo[violated], hi[violated], w[violated], scored


def match_peers_certified(instance: Instance, pop: Population) -> MatchResult:
    """Peers matched optimally on the complete graph of allowed pairs, with the proof."""
    from .assign import solve_population

    t0 = time.perf_counter()
    rules = instance.rules
    n = len(pop.mentees)
    single = symmetric_population(pop)
    empty = np.zeros(0, dtype=np.int64)
    cover = solve_population(single, rules, empty, empty)
    assert cover.mentee_dual is not None and cover.mentor_dual is not None
    big_m = cover.big_m
    cover_dual = cover.mentee_dual + cover.mentor_dual
    succ = cover.mentor_of
    stats: dict[str, float] = {
        "cover_seconds": time.perf_counter() - t0,
        "cover_certified": float(cover.certified),
        "cover_rounds": float(cover.rounds),
    }
    # The sparse graph: the cover's candidates and its solution.
    keys = np.unique(
        np.concatenate(
            [
                _unique_pairs(cover.scan.rows, cover.scan.cols, n),
                _unique_pairs(np.flatnonzero(succ >= 0), succ[succ >= 0], n),
            ]
        )
    )
    lo, hi = keys // max(1, n), keys % max(1, n)
    w, ok = pair_weights(single, rules, lo, hi)
    keys, lo, hi, w = keys[ok], lo[ok], hi[ok], w[ok] + big_m
    if rules.objective != "matched_then_score":
        useful = w > 0  # a pair scoring 0 or less never improves the total
        keys, lo, hi, w = keys[useful], lo[useful], hi[useful], w[useful]
    stats["candidates"] = float(len(keys))
    scorer = BlockScorer(single, rules)
    rounds, added, scored = 0, 0, 0
    certified = False
    solve_seconds = check_seconds = 0.0
    cert: MatchingCertificate | None = None
    stages = 0
    while rounds < MAX_ROUNDS:
        rounds += 1
        t1 = time.perf_counter()
        cert = solve_on_pairs(n, lo, hi, w, cover_dual, succ)
        stages += cert.stages
        t2 = time.perf_counter()
        solve_seconds += t2 - t1
        v_lo, v_hi, v_w, rescored = find_peer_violations(scorer, rules, cert, big_m, keys)
        check_seconds += time.perf_counter() - t2
        scored += rescored
        if len(v_lo) == 0:
            # The duals hold on every pair and their value is the matching's: optimal.
            certified = True
            break
        added += len(v_lo)
        lo = np.concatenate([lo, v_lo])
        hi = np.concatenate([hi, v_hi])
        w = np.concatenate([w, v_w])
        order = np.argsort(lo * n + hi, kind="stable")
        lo, hi, w = lo[order], hi[order], w[order]
        keys = lo * n + hi
    assert cert is not None
    mate = cert.mate
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
    best = cover.scan.mentee_best
    unmatched = [
        Unmatched(
            pop.mentees.ids[i],
            "peer",
            Reason("odd_one_out" if np.isfinite(best[i]) else "no_candidate"),
        )
        for i in np.flatnonzero(mate < 0).tolist()
    ]
    found = w_of_matching(lo, hi, w, xs, ys, n)
    # An upper bound on the weight of any matching of the complete graph: the
    # certificate's once certified, else the fractional optimum of the certified cover.
    if certified:
        bound = cert.bound() / 4
    elif cover.certified:
        bound = float(cover_dual.sum()) / 2
    else:
        bound = float("nan")
    stats.update(
        {
            "seconds": time.perf_counter() - t0,
            "exact": float(certified),
            "certified": float(certified),
            "rounds": float(rounds),
            "pairs_added": float(added),
            "pairs_rescored": float(scored),
            "pairs_final": float(len(lo)),
            "stages": float(stages),
            "blossoms": float(len(cert.blossoms)),
            "solve_seconds": solve_seconds,
            "certify_seconds": check_seconds,
            # Weights count the bonus per pair (big_m) plus the score in thousandths.
            "big_m": float(big_m),
            "weight": float(found),
            "weight_upper_bound": bound,
            "gap": (bound - found) / abs(bound) if bound and not certified else 0.0,
            "scale": float(SCALE),
        }
    )
    return MatchResult(
        pairs=tuple(pairs),
        unmatched=tuple(unmatched),
        total_score=float(scores.sum()),
        certified=certified,
        rounds=rounds,
        method="blossom_certified",
        stats=stats,
    )


def w_of_matching(
    lo: np.ndarray, hi: np.ndarray, w: np.ndarray, xs: np.ndarray, ys: np.ndarray, n: int
) -> int:
    """Total weight of the pairs (xs, ys) (xs < ys) among the sorted pairs lo, hi."""
    if len(xs) == 0:
        return 0
    keys = lo * n + hi
    pos = np.searchsorted(keys, xs * n + ys)
    return int(w[pos].sum())


def match_peers_all_pairs(instance: Instance, pop: Population) -> MatchResult:
    """Small programmes: networkx's blossom algorithm on every allowed pair."""
    t0 = time.perf_counter()
    rules = instance.rules
    n = len(pop.mentees)
    single = symmetric_population(pop)
    a, b = np.triu_indices(n, k=1)
    weights, ok = pair_weights(single, rules, a, b)
    chosen = max_weight_peer_matching(
        a[ok], b[ok], weights[ok], rules.objective == "matched_then_score"
    )
    pairs: list[Pair] = []
    matched: set[int] = set()
    if chosen:
        x, y = np.asarray(chosen, dtype=np.int64).T
        parts, _ = score_pairs(single, rules, x, y)
        parts_xy, _ = score_pairs(pop, rules, x, y)
        scores = total(parts)
        for k, (i, j) in enumerate(chosen):
            pairs.append(
                Pair(
                    mentee_id=pop.mentees.ids[i],
                    mentor_id=pop.mentees.ids[j],
                    score=float(scores[k]),
                    breakdown={p: float(parts[p][k]) for p in PARTS},
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
        method="blossom_all_pairs",
        stats={"seconds": time.perf_counter() - t0, "scale": float(SCALE), "exact": 1.0},
    )


def match_peers(instance: Instance, exact_limit: int | None = None) -> MatchResult:
    """Pair peers optimally (most pairs first by default, then the highest total score).

    Every programme takes the certified path (see the module docstring); with
    `exact_limit`, programmes up to that many participants are solved by networkx's
    blossom algorithm on every allowed pair instead.
    """
    pop = build_population(instance)
    n = len(pop.mentees)
    if n <= (PEER_EXACT_LIMIT if exact_limit is None else exact_limit) or n < 2:
        return match_peers_all_pairs(instance, pop)
    return match_peers_certified(instance, pop)
