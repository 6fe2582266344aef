"""Bipartite matching end to end: scan, candidates, exact solve, certificate, explanations."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np

from .candidates import Scan, scan
from .certify import MARGIN, exact_weights, find_violations
from .explain import breakdown, mentee_unmatched_reason, mentor_unmatched_reason, reasons
from .features import Population, build_population, permute_mentors
from .flow import SCALE, Assignment, lexicographic_bonus, solve_assignment
from .model import Instance, MatchResult, Pair, Reason, Rules, Unmatched
from .scoring import BlockScorer, build_tables, score_pairs, total
from .stable import stable_lazy

MAX_ROUNDS = 50


@dataclass(frozen=True)
class Solved:
    """Raw outcome in index form, before explanations."""

    mentor_of: np.ndarray  # per mentee, -1 when unmatched (locked pairs included)
    locked: np.ndarray  # bool per mentee
    certified: bool
    rounds: int
    scan: Scan
    stats: dict[str, float]
    # Duals of the last solve in caller order (see flow.Assignment); peers.py starts from them.
    mentee_dual: np.ndarray | None = None
    mentor_dual: np.ndarray | None = None
    big_m: int = 0


def score_bounds(rules: Rules) -> tuple[float, float]:
    """Lowest and highest score any pair can reach under these rules."""
    t = build_tables(rules)
    w = rules.weights

    def top(table: np.ndarray) -> float:
        finite = table[np.isfinite(table)]
        return float(finite.max()) if len(finite) else 0.0

    high = (
        abs(w.skills)
        + abs(w.goals)
        + top(t.seniority)
        + top(t.department)
        + top(t.language)
        + top(t.availability)
        + top(t.timezone)
        + abs(w.preference)
    )
    # Goal similarity may be negative with embeddings; every other part is >= 0.
    return -abs(w.goals), high


def _lock_indices(instance: Instance, pop: Population) -> tuple[np.ndarray, np.ndarray]:
    e_index = {pid: i for i, pid in enumerate(pop.mentees.ids)}
    m_index = {pid: j for j, pid in enumerate(pop.mentors.ids)}
    pairs = [(e_index[a], m_index[b]) for a, b in instance.locks if a in e_index and b in m_index]
    pairs = list(dict(pairs).items())  # one lock per mentee: the last one wins
    if not pairs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    r, c = np.asarray(pairs, dtype=np.int64).T
    return r, c


# Mentor prices are estimated on a sample of mentees (at least this many; by default the
# share that leaves each mentor about one seat) with proportionally scaled capacities.
PRICE_SAMPLE_ROWS = 2000
# Mentors per cluster: about 4,096 clusters (one byte each per mentee), at least 4 mentors.
MAX_CLUSTERS = 4096
MIN_CLUSTER_SIZE = 4
# Left-out pairs within this much of their dual threshold are added with the violators
# (a few per mentee): they are the likeliest violators of the next round.
NEAR_MARGIN = 0.25
# Per mentee, this many best pairs by score minus estimated mentor price join the
# candidates.
PRICE_K = 6


def estimate_prices(
    scorer: BlockScorer,
    capacity: np.ndarray,
    rules: Rules,
    mentor_k: int,
    big_m: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Estimated mentor dual prices from an exact solve on a sample of mentees.

    Mentees are sampled evenly, capacities scaled by the sampled share (rounded with a
    fixed, deterministic pattern), and the smallest mentor duals of that optimum are the
    estimate: mentors many mentees compete for get high prices. Also returns each mentor's
    k'-th best score (with reserve) over the sample, a lower bound for the full pass.
    """
    n_e, n_m = len(scorer.pop.mentees), scorer.n_mentors
    if n_e == 0 or n_m == 0 or capacity.sum() == 0:
        return np.zeros(n_m), np.full(n_m, -np.inf, dtype=np.float32)
    # About one seat per mentor in the sample: a share of 1 / mean capacity.
    share = 1.0 / max(1.0, float(capacity[capacity > 0].mean()))
    n_sample = int(min(n_e, max(PRICE_SAMPLE_ROWS, round(n_e * share))))
    share = n_sample / n_e
    sample = np.unique(np.linspace(0, n_e - 1, n_sample).astype(np.int64))
    found = scan(scorer, rules.mentee_top_k, mentor_k, rules.min_score, only_rows=sample)
    rows = np.searchsorted(sample, found.rows)
    weights, ok = exact_weights(scorer.pop, rules, found.rows, found.cols)
    offset = (np.arange(n_m) * 0.6180339887) % 1.0
    cap = np.floor(capacity * share + offset).astype(np.int64)
    solved = solve_assignment(len(sample), n_m, rows[ok], found.cols[ok], weights[ok], cap, big_m)
    return solved.mentor_dual / SCALE, found.mentor_floor


def cluster_starts(n_mentors: int) -> np.ndarray:
    """First index of each cluster of consecutive mentors."""
    if n_mentors == 0:
        return np.zeros(0, dtype=np.int64)
    size = max(MIN_CLUSTER_SIZE, -(-n_mentors // MAX_CLUSTERS))
    return np.arange(0, n_mentors, size, dtype=np.int64)


def _unpermute_scan(found: Scan, order: np.ndarray) -> Scan:
    """The scan in the caller's mentor order (cluster data stay internal)."""
    n_m = max(1, len(order))
    keys = np.sort(found.rows * n_m + order[found.cols])
    mentor_floor = np.empty_like(found.mentor_floor)
    mentor_floor[order] = found.mentor_floor
    mentor_best = np.empty_like(found.mentor_best)
    mentor_best[order] = found.mentor_best
    return replace(
        found,
        rows=keys // n_m,
        cols=keys % n_m,
        reserve_cols=order[found.reserve_cols],
        mentor_floor=mentor_floor,
        mentor_best=mentor_best,
        cluster_starts=np.zeros(0, np.int64),
        cluster_max=None,
    )


def solve_population(
    pop: Population,
    rules: Rules,
    lock_rows: np.ndarray,
    lock_cols: np.ndarray,
    *,
    certify: bool = True,
    workers: int | None = None,
    block_rows: int | None = None,
    near: float = NEAR_MARGIN,
) -> Solved:
    """Optimal assignment on the complete graph of allowed pairs, honouring locks."""
    stats: dict[str, float] = {}
    n_e, n_m = len(pop.mentees), len(pop.mentors)
    t0 = time.perf_counter()
    capacity = pop.mentors.capacity.copy()
    np.subtract.at(capacity, lock_cols, 1)
    capacity = np.maximum(capacity, 0)
    mean_capacity = float(capacity[capacity > 0].mean()) if (capacity > 0).any() else 1.0
    mentor_k = rules.mentor_top_k or int(np.ceil(2 * mean_capacity))
    big_m = 0
    if rules.objective == "matched_then_score":
        low, high = score_bounds(rules)
        most = min(int((~np.isin(np.arange(n_e), lock_rows)).sum()), int(capacity.sum()))
        big_m = lexicographic_bonus(most, int(np.ceil(high * SCALE)), int(np.floor(low * SCALE)))
    # Work internally with mentors ordered by estimated price (see certify.py).
    prices, sample_floor = estimate_prices(
        BlockScorer(pop, rules), capacity, rules, mentor_k, big_m
    )
    order = np.lexsort((np.arange(n_m), -prices)).astype(np.int64)
    inverse = np.empty_like(order)
    inverse[order] = np.arange(n_m)
    pop_in = permute_mentors(pop, order)
    lock_cols_in = inverse[lock_cols]
    capacity = capacity[order]
    scorer = BlockScorer(pop_in, rules)
    locked = np.zeros(n_e, dtype=bool)
    locked[lock_rows] = True
    active_mentees = ~locked
    active_mentors = capacity > 0
    found = scan(
        scorer,
        rules.mentee_top_k,
        mentor_k,
        rules.min_score,
        block_rows,
        workers,
        cluster_starts=cluster_starts(n_m),
        score_range=score_bounds(rules),
        prices=prices[order].astype(np.float32),
        price_k=PRICE_K,
        mentor_floor=sample_floor[order],
    )
    stats["scan_seconds"] = time.perf_counter() - t0

    t1 = time.perf_counter()
    # Stated preferences are always offered to the solver, whatever their rank.
    pref = (pop_in.mentee_prefers + pop_in.mentor_prefers).tocoo()
    rows = np.concatenate([found.rows, pref.row.astype(np.int64)])
    cols = np.concatenate([found.cols, pref.col.astype(np.int64)])
    keys = np.unique(rows * max(1, n_m) + cols)
    rows, cols = keys // max(1, n_m), keys % max(1, n_m)
    keep = active_mentees[rows] & active_mentors[cols]
    rows, cols = rows[keep], cols[keep]
    weights, ok = exact_weights(pop_in, rules, rows, cols)
    rows, cols, weights = rows[ok], cols[ok], weights[ok]
    stats["candidate_seconds"] = time.perf_counter() - t1
    stats["candidates"] = float(len(rows))

    solve_seconds = certify_seconds = 0.0
    rounds = 0
    certified = False
    assignment: Assignment | None = None
    stats["pairs_rescored"] = 0.0
    stats["pairs_added"] = 0.0
    while rounds < MAX_ROUNDS:
        rounds += 1
        t2 = time.perf_counter()
        assignment = solve_assignment(n_e, n_m, rows, cols, weights, capacity, big_m)
        solve_seconds += time.perf_counter() - t2
        if not certify:
            break
        t3 = time.perf_counter()
        keys = rows * max(1, n_m) + cols
        order_k = np.argsort(keys, kind="stable")
        rows, cols, weights, keys = rows[order_k], cols[order_k], weights[order_k], keys[order_k]
        bad = find_violations(
            scorer, found, keys, assignment, active_mentees, active_mentors, near=near
        )
        certify_seconds += time.perf_counter() - t3
        stats["pairs_rescored"] += bad.pairs_rescored
        stats["pairs_added"] += len(bad.rows)
        rows = np.concatenate([rows, bad.rows])
        cols = np.concatenate([cols, bad.cols])
        weights = np.concatenate([weights, bad.weights])
        if bad.violated == 0:
            # Near misses added above change nothing: the current solution is optimal.
            certified = True
            break
    assert assignment is not None
    stats["solve_seconds"] = solve_seconds
    stats["certify_seconds"] = certify_seconds
    stats["arcs_final"] = float(len(rows))
    stats["pairs_total"] = float(n_e) * float(n_m)
    mentor_of = assignment.mentor_of.copy()
    mentor_of[lock_rows] = lock_cols_in
    if n_m:
        mentor_of = np.where(mentor_of >= 0, order[np.maximum(mentor_of, 0)], -1)
    mentor_dual = np.empty_like(assignment.mentor_dual)
    mentor_dual[order] = assignment.mentor_dual
    return Solved(
        mentor_of,
        locked,
        certified,
        rounds,
        _unpermute_scan(found, order),
        stats,
        mentee_dual=assignment.mentee_dual,
        mentor_dual=mentor_dual,
        big_m=assignment.big_m,
    )


def stable_population(
    pop: Population,
    rules: Rules,
    found: Scan,
    lock_rows: np.ndarray,
    lock_cols: np.ndarray,
) -> np.ndarray:
    """Mentee-proposing stable matching on the complete graph, both sides ranking by score.

    Each mentee's list starts with the pairs the scan kept (exact down to its floor);
    a mentee who runs out gets its whole row scored. Locked pairs stay as they are.
    """
    n_e, n_m = len(pop.mentees), len(pop.mentors)
    capacity = pop.mentors.capacity.copy()
    np.subtract.at(capacity, lock_cols, 1)
    capacity = np.maximum(capacity, 0)
    locked = np.zeros(n_e, dtype=bool)
    locked[lock_rows] = True
    width = max(1, n_m)
    keys = np.unique(
        np.concatenate(
            [found.rows * width + found.cols, found.reserve_rows * width + found.reserve_cols]
        )
    )
    rows, cols = keys // width, keys % width
    weights, ok = exact_weights(pop, rules, rows, cols)
    # Only the part of each list above the scan's floor is known to be complete.
    floor = np.ceil((found.mentee_floor.astype(np.float64) + MARGIN) * SCALE)
    ok &= (weights > np.nan_to_num(floor[rows], neginf=-(2**62))) & ~locked[rows]
    rows, cols, weights = rows[ok], cols[ok], weights[ok]
    order = np.lexsort((cols, -weights, rows))
    rows, cols, weights = rows[order], cols[order], weights[order]
    starts = np.searchsorted(rows, np.arange(n_e + 1))
    cols_l, weights_l = cols.tolist(), weights.tolist()
    first = [
        (cols_l[starts[i] : starts[i + 1]], weights_l[starts[i] : starts[i + 1]])
        for i in range(n_e)
    ]
    scorer = BlockScorer(pop, rules)

    def more(i: int, offset: int, count: int) -> tuple[list[int], list[int]]:
        """Entries offset .. offset + count - 1 of mentee i's whole list, best first."""
        if locked[i]:
            return [], []
        row = scorer.block(np.array([i]))[0].astype(np.float64)
        c = np.flatnonzero(np.isfinite(row))
        need = offset + count
        if len(c) > need:
            # float32 preselection, widened by the float32 error, then exact scores.
            cut = -np.partition(-row[c], need - 1)[need - 1]
            c = c[row[c] >= cut - 2 * MARGIN]
        w, allowed = exact_weights(pop, rules, np.full(len(c), i), c)
        c, w = c[allowed], w[allowed]
        o = np.lexsort((c, -w))[offset:need]
        return c[o].tolist(), w[o].tolist()

    mentor_of = np.asarray(stable_lazy(first, more, capacity.tolist()), dtype=np.int64)
    mentor_of[lock_rows] = lock_cols
    return mentor_of


def _stable_stats(
    pop: Population, rules: Rules, stable_of: np.ndarray, optimum_of: np.ndarray
) -> dict[str, float]:
    """The stable matching's cost against the optimum: matched count and total score."""

    def value(mentor_of: np.ndarray) -> tuple[int, float]:
        rows = np.flatnonzero(mentor_of >= 0)
        w, _ = exact_weights(pop, rules, rows, mentor_of[rows])
        return len(rows), float(w.sum()) / SCALE

    m_s, t_s = value(stable_of)
    m_o, t_o = value(optimum_of)
    return {
        "optimum_matched": float(m_o),
        "optimum_total_score": t_o,
        "stable_matched": float(m_s),
        "stable_total_score": t_s,
        # Share of the optimum's total score the stable matching gives up (0 = none).
        "stable_score_gap": (t_o - t_s) / abs(t_o) if t_o else 0.0,
        "stable_matched_gap": float(m_o - m_s),
    }


def match_bipartite(
    instance: Instance,
    *,
    certify: bool = True,
    explain: bool = True,
    workers: int | None = None,
    block_rows: int | None = None,
    population: Population | None = None,
    objective: str | None = None,
) -> MatchResult:
    """Match mentees to mentors optimally on the complete graph, with explanations.

    objective (default: the rules' objective) "stable" returns the mentee-proposing
    stable matching instead, with its cost against the certified optimum in the stats.
    """
    t0 = time.perf_counter()
    rules = instance.rules
    objective = objective or rules.objective
    stable = objective == "stable"
    if stable:
        rules = replace(rules, objective="matched_then_score")
    elif objective != rules.objective:
        rules = replace(rules, objective=objective)  # type: ignore[arg-type]
    pop = population or build_population(instance)
    t_features = time.perf_counter() - t0
    lock_rows, lock_cols = _lock_indices(instance, pop)
    solved = solve_population(
        pop, rules, lock_rows, lock_cols, certify=certify, workers=workers, block_rows=block_rows
    )
    t1 = time.perf_counter()
    mentor_of = solved.mentor_of
    extra: dict[str, float] = {}
    method = "min_cost_flow"
    if stable:
        mentor_of = stable_population(pop, rules, solved.scan, lock_rows, lock_cols)
        extra = _stable_stats(pop, rules, mentor_of, solved.mentor_of)
        extra["stable_seconds"] = time.perf_counter() - t1
        method = "deferred_acceptance"
    rows = np.flatnonzero(mentor_of >= 0)
    cols = mentor_of[rows]
    parts, _ = score_pairs(pop, rules, rows, cols)
    scores = total(parts)
    pairs: list[Pair] = []
    for k, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        is_locked = bool(solved.locked[i])
        detail = breakdown(parts, k)
        why: tuple[Reason, ...] = ()
        if explain:
            why = reasons(pop, rules, i, j, detail)
            if is_locked:
                why = (Reason("locked"), *why)
        pairs.append(
            Pair(
                mentee_id=pop.mentees.ids[i],
                mentor_id=pop.mentors.ids[j],
                score=float(scores[k]),
                breakdown=detail,
                reasons=why,
                locked=is_locked,
            )
        )
    unmatched: list[Unmatched] = [
        Unmatched(
            pop.mentees.ids[i],
            "mentee",
            mentee_unmatched_reason(float(solved.scan.mentee_best[i]), rules.min_score),
        )
        for i in np.flatnonzero(mentor_of < 0).tolist()
    ]
    load = np.bincount(cols, minlength=len(pop.mentors))
    unmatched += [
        Unmatched(
            pop.mentors.ids[j], "mentor", mentor_unmatched_reason(float(solved.scan.mentor_best[j]))
        )
        for j in np.flatnonzero((load == 0) & (pop.mentors.capacity > 0)).tolist()
    ]
    stats = dict(solved.stats)
    stats.update(extra)
    stats["features_seconds"] = t_features
    stats["explain_seconds"] = time.perf_counter() - t1
    return MatchResult(
        pairs=tuple(pairs),
        unmatched=tuple(unmatched),
        total_score=float(scores.sum()),
        # For a stable run, "certified" is about the optimum it is compared with.
        certified=solved.certified,
        rounds=solved.rounds,
        method=method,
        stats=stats,
    )
