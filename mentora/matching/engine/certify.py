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


def find_violations(
    scorer: BlockScorer,
    scan: Scan,
    candidate_keys: np.ndarray,
    assignment: Assignment,
    active_mentees: np.ndarray,
    active_mentors: np.ndarray,
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
    # Stage 1: a mentee whose bound on left-out pairs is below its cheapest threshold is done.
    need = np.flatnonzero(scan.mentee_floor.astype(np.float64) + MARGIN > a + b.min())
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
    found_r: list[np.ndarray] = []
    found_c: list[np.ndarray] = []
    found_w: list[np.ndarray] = []
    for s in range(0, len(rows_to_score), step):
        rows = rows_to_score[s : s + step]
        block = scorer.block(rows)
        r, c = np.nonzero(block.astype(np.float64) + MARGIN > a[rows, None] + b[None, :])
        if len(r) == 0:
            continue
        ri, ci = rows[r], c.astype(np.int64)
        keys = ri * n_m + ci
        pos = np.searchsorted(candidate_keys, keys)
        pos = np.minimum(pos, max(0, len(candidate_keys) - 1))
        fresh = candidate_keys[pos] != keys if len(candidate_keys) else np.ones(len(keys), bool)
        ri, ci = ri[fresh], ci[fresh]
        weights, ok = exact_weights(pop, rules, ri, ci)
        violated = ok & (
            assignment.big_m + weights > assignment.mentee_dual[ri] + assignment.mentor_dual[ci]
        )
        found_r.append(ri[violated])
        found_c.append(ci[violated])
        found_w.append(weights[violated])
    if not found_r:
        return Violations(empty, empty, empty, len(rows_to_score))
    return Violations(
        np.concatenate(found_r),
        np.concatenate(found_c),
        np.concatenate(found_w),
        len(rows_to_score),
    )
