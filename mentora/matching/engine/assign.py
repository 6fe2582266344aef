"""Bipartite matching end to end: scan, candidates, exact solve, certificate, explanations."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from .candidates import Scan, scan
from .certify import exact_weights, find_violations, new_memory
from .explain import breakdown, mentee_unmatched_reason, mentor_unmatched_reason, reasons
from .features import Population, build_population
from .flow import SCALE, Assignment, lexicographic_bonus, solve_assignment
from .model import Instance, MatchResult, Pair, Reason, Rules, Unmatched
from .scoring import BlockScorer, build_tables, score_pairs, total

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


def solve_population(
    pop: Population,
    rules: Rules,
    lock_rows: np.ndarray,
    lock_cols: np.ndarray,
    *,
    certify: bool = True,
    workers: int | None = None,
    block_rows: int | None = None,
) -> Solved:
    """Optimal assignment on the complete graph of allowed pairs, honouring locks."""
    stats: dict[str, float] = {}
    n_e, n_m = len(pop.mentees), len(pop.mentors)
    t0 = time.perf_counter()
    scorer = BlockScorer(pop, rules)
    capacity = pop.mentors.capacity.copy()
    locked = np.zeros(n_e, dtype=bool)
    locked[lock_rows] = True
    np.subtract.at(capacity, lock_cols, 1)
    capacity = np.maximum(capacity, 0)
    active_mentees = ~locked
    active_mentors = capacity > 0
    mean_capacity = float(capacity[active_mentors].mean()) if active_mentors.any() else 1.0
    mentor_k = rules.mentor_top_k or int(np.ceil(2 * mean_capacity))
    found = scan(scorer, rules.mentee_top_k, mentor_k, rules.min_score, block_rows, workers)
    stats["scan_seconds"] = time.perf_counter() - t0

    t1 = time.perf_counter()
    # Stated preferences are always offered to the solver, whatever their rank.
    pref = (pop.mentee_prefers + pop.mentor_prefers).tocoo()
    rows = np.concatenate([found.rows, pref.row.astype(np.int64)])
    cols = np.concatenate([found.cols, pref.col.astype(np.int64)])
    keys = np.unique(rows * max(1, n_m) + cols)
    rows, cols = keys // max(1, n_m), keys % max(1, n_m)
    keep = active_mentees[rows] & active_mentors[cols]
    rows, cols = rows[keep], cols[keep]
    weights, ok = exact_weights(pop, rules, rows, cols)
    rows, cols, weights = rows[ok], cols[ok], weights[ok]
    stats["candidate_seconds"] = time.perf_counter() - t1
    stats["candidates"] = float(len(rows))

    big_m = 0
    if rules.objective == "matched_then_score":
        low, high = score_bounds(rules)
        most = min(int(active_mentees.sum()), int(capacity.sum()))
        big_m = lexicographic_bonus(most, int(np.ceil(high * SCALE)), int(np.floor(low * SCALE)))

    solve_seconds = certify_seconds = 0.0
    rounds = 0
    certified = False
    assignment: Assignment | None = None
    memory = new_memory(n_e, n_m)
    while rounds < MAX_ROUNDS:
        rounds += 1
        t2 = time.perf_counter()
        assignment = solve_assignment(n_e, n_m, rows, cols, weights, capacity, big_m)
        solve_seconds += time.perf_counter() - t2
        if not certify:
            break
        t3 = time.perf_counter()
        keys = rows * max(1, n_m) + cols
        order = np.argsort(keys, kind="stable")
        rows, cols, weights, keys = rows[order], cols[order], weights[order], keys[order]
        bad = find_violations(
            scorer, found, keys, assignment, active_mentees, active_mentors, memory
        )
        certify_seconds += time.perf_counter() - t3
        stats["rows_rescored"] = stats.get("rows_rescored", 0.0) + bad.rows_rescored
        if len(bad.rows) == 0:
            certified = True
            break
        rows = np.concatenate([rows, bad.rows])
        cols = np.concatenate([cols, bad.cols])
        weights = np.concatenate([weights, bad.weights])
    assert assignment is not None
    stats["solve_seconds"] = solve_seconds
    stats["certify_seconds"] = certify_seconds
    stats["arcs_final"] = float(len(rows))
    mentor_of = assignment.mentor_of.copy()
    mentor_of[lock_rows] = lock_cols
    return Solved(mentor_of, locked, certified, rounds, found, stats)


def match_bipartite(
    instance: Instance,
    *,
    certify: bool = True,
    explain: bool = True,
    workers: int | None = None,
    block_rows: int | None = None,
    population: Population | None = None,
) -> MatchResult:
    """Match mentees to mentors optimally on the complete graph, with explanations."""
    t0 = time.perf_counter()
    rules = instance.rules
    pop = population or build_population(instance)
    t_features = time.perf_counter() - t0
    lock_rows, lock_cols = _lock_indices(instance, pop)
    solved = solve_population(
        pop, rules, lock_rows, lock_cols, certify=certify, workers=workers, block_rows=block_rows
    )
    t1 = time.perf_counter()
    rows = np.flatnonzero(solved.mentor_of >= 0)
    cols = solved.mentor_of[rows]
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
        for i in np.flatnonzero(solved.mentor_of < 0).tolist()
    ]
    load = np.bincount(cols, minlength=len(pop.mentors))
    unmatched += [
        Unmatched(
            pop.mentors.ids[j], "mentor", mentor_unmatched_reason(float(solved.scan.mentor_best[j]))
        )
        for j in np.flatnonzero((load == 0) & (pop.mentors.capacity > 0)).tolist()
    ]
    stats = dict(solved.stats)
    stats["features_seconds"] = t_features
    stats["explain_seconds"] = time.perf_counter() - t1
    return MatchResult(
        pairs=tuple(pairs),
        unmatched=tuple(unmatched),
        total_score=float(scores.sum()),
        certified=solved.certified,
        rounds=solved.rounds,
        method="min_cost_flow",
        stats=stats,
    )
