"""Dual check on the complete graph: find every left-out pair that would improve the result.

The scan stored, for every mentee and every cluster of mentors, the best score of the
pairs it left out. A pair (i, j) can only violate its dual threshold a_i + b_j if the
cluster maximum of j's cluster exceeds a_i plus the smallest b in that cluster, so only
the (mentee, cluster) blocks failing that test are scored again, pair by pair. Mentors
are ordered so that a cluster holds mentors of similar demand (hence similar duals),
which keeps the test tight: on realistic data well under 1 % of all pairs are rescored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .candidates import Scan
from .features import Population
from .flow import SCALE, Assignment
from .model import Rules
from .scoring import FLOAT32_MARGIN, BlockScorer, score_pairs, total

MARGIN = FLOAT32_MARGIN
# Pairs scored exactly at once (memory grows with it).
EXACT_CHUNK = 250_000
# Rescoring runs smaller than this many pairs are not worth a separate scoring call.
BATCH_FLOOR_PAIRS = 200_000


@dataclass(frozen=True)
class Violations:
    """Left-out pairs whose weight exceeds (or comes within `near` of) the sum of their duals.

    `strict` marks the real violations; the others are near misses worth adding early.
    """

    rows: np.ndarray
    cols: np.ndarray
    weights: np.ndarray
    strict: np.ndarray  # bool
    pairs_rescored: int

    @property
    def violated(self) -> int:
        """How many pairs strictly violate their dual threshold."""
        return int(self.strict.sum())


def exact_weights(
    pop: Population, rules: Rules, rows: np.ndarray, cols: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Integer weights of pairs and whether each pair is allowed (hard rules, minimum).

    Works in chunks: the sparse row products need memory in proportion to the pairs.
    """
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    weights = np.zeros(len(rows), dtype=np.int64)
    allowed = np.zeros(len(rows), dtype=bool)
    for s in range(0, len(rows), EXACT_CHUNK):
        parts, ok = score_pairs(pop, rules, rows[s : s + EXACT_CHUNK], cols[s : s + EXACT_CHUNK])
        score = total(parts)
        if rules.min_score is not None:
            ok &= score >= rules.min_score
        weights[s : s + EXACT_CHUNK] = np.rint(score * SCALE)
        allowed[s : s + EXACT_CHUNK] = ok
    return weights, allowed


def find_violations(
    scorer: BlockScorer,
    scan: Scan,
    candidate_keys: np.ndarray,
    assignment: Assignment,
    active_mentees: np.ndarray,
    active_mentors: np.ndarray,
    near: float = 0.0,
    near_per_mentee: int = 2,
    chunk_pairs: int = 4_000_000,
) -> Violations:
    """Pairs (i, j) not among the candidates with big_m + w_ij > u_i + v_j - near."""
    pop, rules = scorer.pop, scorer.rules
    n_m = len(pop.mentors)
    empty = np.zeros(0, dtype=np.int64)
    nothing = Violations(empty, empty, empty, np.zeros(0, bool), 0)
    if n_m == 0 or not active_mentors.any() or not active_mentees.any():
        return nothing
    a = (assignment.mentee_dual - assignment.big_m) / SCALE
    a = np.where(active_mentees, a, np.inf)
    b = np.where(active_mentors, assignment.mentor_dual / SCALE, np.inf)
    near_int = int(np.ceil(near * SCALE))
    slack_margin = MARGIN + near
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []

    def check(ri: np.ndarray, ci: np.ndarray) -> None:
        """Keep the pairs that are not candidates and come within `near` of their threshold."""
        keys = ri * n_m + ci
        if len(candidate_keys):
            pos = np.minimum(np.searchsorted(candidate_keys, keys), len(candidate_keys) - 1)
            fresh = candidate_keys[pos] != keys
            ri, ci = ri[fresh], ci[fresh]
        weights, ok = exact_weights(pop, rules, ri, ci)
        threshold = assignment.mentee_dual[ri] + assignment.mentor_dual[ci] - assignment.big_m
        keep = ok & (weights + near_int > threshold)
        found.append((ri[keep], ci[keep], weights[keep], weights[keep] > threshold[keep]))

    # Stage 0: pairs kept aside during the scan are checked with their stored scores.
    flagged = (
        scan.reserve_vals.astype(np.float64) + slack_margin
        > a[scan.reserve_rows] + b[scan.reserve_cols]
    )
    if flagged.any():
        check(scan.reserve_rows[flagged], scan.reserve_cols[flagged])
    # Stage 1: (mentee, cluster) blocks whose stored maximum may beat the threshold.
    starts = scan.cluster_starts
    ends = np.append(starts[1:], n_m)
    assert scan.cluster_max is not None
    b_min = np.minimum.reduceat(b, starts)
    step = max(1, chunk_pairs // max(1, len(starts)))
    fail_rows: list[np.ndarray] = []
    fail_clusters: list[np.ndarray] = []
    for s in range(0, len(a), step):
        chunk = scan.cluster_bound(slice(s, s + step))
        r, c = np.nonzero(chunk + slack_margin > a[s : s + step, None] + b_min[None, :])
        fail_rows.append(r + s)
        fail_clusters.append(c)
    rows_all = np.concatenate(fail_rows) if fail_rows else empty
    clusters_all = np.concatenate(fail_clusters) if fail_clusters else empty
    order = np.lexsort((rows_all, clusters_all))
    rows_all, clusters_all = rows_all[order], clusters_all[order]
    bounds = np.searchsorted(clusters_all, np.arange(len(starts) + 1))
    rescored = 0
    # Stage 2: score those blocks again, a run of consecutive clusters at a time over the
    # union of their failing rows (few large calls rather than many small ones), and
    # check the flagged pairs exactly, all at once.
    widths = ends - starts
    flagged_r: list[np.ndarray] = []
    flagged_c: list[np.ndarray] = []
    flagged_s: list[np.ndarray] = []

    def flush(first: int, last: int) -> None:
        nonlocal rescored
        lo, hi = bounds[first], bounds[last]
        if lo == hi:
            return
        rows_u, where = np.unique(rows_all[lo:hi], return_inverse=True)
        mask = np.zeros((len(rows_u), last - first), dtype=bool)
        mask[where.ravel(), clusters_all[lo:hi] - first] = True
        cols = np.arange(starts[first], ends[last - 1])
        step_rows = max(1, chunk_pairs // len(cols))
        for s in range(0, len(rows_u), step_rows):
            rows = rows_u[s : s + step_rows]
            block = scorer.block(rows, cols)
            rescored += block.size
            cell = np.repeat(mask[s : s + step_rows], widths[first:last], axis=1)
            slack = block.astype(np.float64) - b[None, cols] - a[rows, None] + MARGIN
            r, k = np.nonzero(cell & (slack + near > 0))
            flagged_r.append(rows[r])
            flagged_c.append(cols[k])
            flagged_s.append(slack[r, k])

    first, cells, wasted_rows = 0, 0, set()
    for cluster in range(len(starts)):
        lo, hi = bounds[cluster], bounds[cluster + 1]
        cells += (hi - lo) * widths[cluster]
        wasted_rows.update(rows_all[lo:hi].tolist())
        width = ends[cluster] - starts[first]
        # Close the run once scoring the union would cost twice the cells really needed.
        if len(wasted_rows) * width > max(2 * cells, BATCH_FLOOR_PAIRS):
            flush(first, cluster + 1)
            first, cells, wasted_rows = cluster + 1, 0, set()
    flush(first, len(starts))
    if flagged_r:
        fr, fc, fs = (np.concatenate(x) for x in (flagged_r, flagged_c, flagged_s))
        # All possible violations are checked exactly; of the near misses, only each
        # mentee's best few (by float32 slack) are worth the exact scoring.
        order = np.lexsort((fc, -fs, fr))
        fr, fc, fs = fr[order], fc[order], fs[order]
        rank = np.arange(len(fr)) - np.searchsorted(fr, fr)
        pick = (fs > 0) | (rank < 2 * near_per_mentee)
        check(fr[pick], fc[pick])
    if not found:
        return Violations(empty, empty, empty, np.zeros(0, bool), rescored)
    rows = np.concatenate([f[0] for f in found])
    cols = np.concatenate([f[1] for f in found])
    weights = np.concatenate([f[2] for f in found])
    strict = np.concatenate([f[3] for f in found])
    _, unique = np.unique(rows * n_m + cols, return_index=True)
    rows, cols, weights, strict = rows[unique], cols[unique], weights[unique], strict[unique]
    # Every violation, but only each mentee's few nearest misses (their number grows
    # with the number of mentors, and each one costs the next solve a little).
    slack = weights - (
        assignment.mentee_dual[rows] + assignment.mentor_dual[cols] - assignment.big_m
    )
    order = np.lexsort((cols, -slack, rows))
    rows, cols, weights, strict = rows[order], cols[order], weights[order], strict[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
    keep = strict | (rank < near_per_mentee)
    return Violations(rows[keep], cols[keep], weights[keep], strict[keep], rescored)
