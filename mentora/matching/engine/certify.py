"""Dual check on the complete graph: find every left-out pair that would improve the result."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .candidates import Scan
from .features import Population
from .flow import SCALE, Assignment
from .model import Rules
from .scoring import BlockScorer, score_pairs, total

# float32 block scores differ from the exact float64 ones by far less than this.
MARGIN = 2e-3


@dataclass(frozen=True)
class Violations:
    """Left-out pairs whose weight exceeds the sum of their duals, with exact weights."""

    rows: np.ndarray
    cols: np.ndarray
    weights: np.ndarray
    rows_rescored: int


def exact_weights(
    pop: Population, rules: Rules, rows: np.ndarray, cols: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Integer weights of pairs and whether each pair is allowed (hard rules, minimum)."""
    parts, ok = score_pairs(pop, rules, rows, cols)
    score = total(parts)
    if rules.min_score is not None:
        ok &= score >= rules.min_score
    return np.rint(score * SCALE).astype(np.int64), ok


@dataclass
class RowMemory:
    """What earlier rounds learned about rows they scored in full.

    gap[i] = max over left-out mentors j of (s_ij - b_j) under the duals b of that round,
    so later rounds can clear row i without scoring it while the duals move little.
    """

    gap: np.ndarray  # float64, +inf when the row was never scored in full
    mentor_threshold: np.ndarray  # float64 b of the round that filled gap


def new_memory(n_mentees: int, n_mentors: int) -> RowMemory:
    """Nothing known yet."""
    return RowMemory(np.full(n_mentees, np.inf), np.zeros(n_mentors))


def find_violations(
    scorer: BlockScorer,
    scan: Scan,
    candidate_keys: np.ndarray,
    assignment: Assignment,
    active_mentees: np.ndarray,
    active_mentors: np.ndarray,
    memory: RowMemory | None = None,
    chunk_pairs: int = 4_000_000,
) -> Violations:
    """Pairs (i, j) not among the candidates with big_m + w_ij > u_i + v_j."""
    pop, rules = scorer.pop, scorer.rules
    n_m = len(pop.mentors)
    empty = np.zeros(0, dtype=np.int64)
    if n_m == 0 or not active_mentors.any() or not active_mentees.any():
        return Violations(empty, empty, empty, 0)
    a = (assignment.mentee_dual - assignment.big_m) / SCALE
    a = np.where(active_mentees, a, np.inf)
    b = np.where(active_mentors, assignment.mentor_dual / SCALE, np.inf)
    found_r: list[np.ndarray] = []
    found_c: list[np.ndarray] = []
    found_w: list[np.ndarray] = []

    def check(ri: np.ndarray, ci: np.ndarray) -> None:
        """Keep the pairs that are not candidates and exactly violate their threshold."""
        keys = ri * n_m + ci
        if len(candidate_keys):
            pos = np.minimum(np.searchsorted(candidate_keys, keys), len(candidate_keys) - 1)
            fresh = candidate_keys[pos] != keys
            ri, ci = ri[fresh], ci[fresh]
        weights, ok = exact_weights(pop, rules, ri, ci)
        violated = ok & (
            assignment.big_m + weights > assignment.mentee_dual[ri] + assignment.mentor_dual[ci]
        )
        found_r.append(ri[violated])
        found_c.append(ci[violated])
        found_w.append(weights[violated])

    # Stage 0: pairs kept aside during the scan are checked with their stored scores.
    flagged = (
        scan.reserve_vals.astype(np.float64) + MARGIN > a[scan.reserve_rows] + b[scan.reserve_cols]
    )
    if flagged.any():
        check(scan.reserve_rows[flagged], scan.reserve_cols[flagged])
    # Stage 1: a mentee whose bound on left-out pairs is below its cheapest threshold is done.
    need_mask = scan.mentee_floor.astype(np.float64) + MARGIN > a + b.min()
    if memory is not None:
        finite_b = np.isfinite(b) & np.isfinite(memory.mentor_threshold)
        drift = max(0.0, float((memory.mentor_threshold - b)[finite_b].max(initial=0.0)))
        known = np.isfinite(memory.gap)
        need_mask[known] &= memory.gap[known] + drift + MARGIN > a[known]
    need = np.flatnonzero(need_mask)
    # Stage 2: pair bound min(mentee floor, mentor floor) against the pair's threshold.
    step = max(1, chunk_pairs // n_m)
    rescan: list[np.ndarray] = []
    mentor_floor = scan.mentor_floor.astype(np.float64)
    for s in range(0, len(need), step):
        rows = need[s : s + step]
        bound = np.minimum(scan.mentee_floor[rows, None].astype(np.float64), mentor_floor[None, :])
        flagged = (bound + MARGIN > a[rows, None] + b[None, :]).any(axis=1)
        rescan.append(rows[flagged])
    rows_to_score = np.concatenate(rescan) if rescan else empty
    # Stage 3: score those rows again and check pair by pair, exactly for the flagged ones.
    for s in range(0, len(rows_to_score), step):
        rows = rows_to_score[s : s + step]
        block = scorer.block(rows)
        slack = block.astype(np.float64) - b[None, :]
        r, c = np.nonzero(slack + MARGIN > a[rows, None])
        before = len(found_r)
        if len(r):
            check(rows[r], c.astype(np.int64))
        if memory is not None:
            # Candidates and new violators are no longer left out: mask them, then
            # remember the best left-out slack of each row.
            lo = np.searchsorted(candidate_keys, rows * n_m)
            hi = np.searchsorted(candidate_keys, (rows + 1) * n_m)
            counts = hi - lo
            idx = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
            local = np.repeat(np.arange(len(rows)), counts)
            slack[local, candidate_keys[idx] - rows[local] * n_m] = -np.inf
            for fr, fc in zip(found_r[before:], found_c[before:], strict=True):
                slack[np.searchsorted(rows, fr), fc] = -np.inf
            memory.gap[rows] = slack.max(axis=1)
    if memory is not None:
        memory.mentor_threshold[:] = b
    if not found_r:
        return Violations(empty, empty, empty, len(rows_to_score))
    rows, cols, weights = np.concatenate(found_r), np.concatenate(found_c), np.concatenate(found_w)
    _, first = np.unique(rows * n_m + cols, return_index=True)
    return Violations(rows[first], cols[first], weights[first], len(rows_to_score))
