"""One blockwise pass over all pairs: each side's top candidates and the bounds they imply."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .scoring import FLOAT32_MARGIN, BlockScorer

NEG_INF = np.float32(-np.inf)


@dataclass(frozen=True)
class Scan:
    """Candidate pairs plus, for every pair left out, an upper bound on its score."""

    rows: np.ndarray  # int64 mentee index, sorted with cols by (row, col)
    cols: np.ndarray  # int64 mentor index
    # Further pairs scored and kept aside (not given to the solver), with float32 scores.
    reserve_rows: np.ndarray
    reserve_cols: np.ndarray
    reserve_vals: np.ndarray
    # Any pair not kept scores at most min(mentee_floor[i], mentor_floor[j]).
    mentee_floor: np.ndarray  # float32, -inf when all feasible pairs of the mentee were kept
    mentor_floor: np.ndarray  # float32
    # Best score before the minimum-score filter: tells "no candidate" from "below minimum".
    mentee_best: np.ndarray  # float32
    mentor_best: np.ndarray  # float32
    # Mentors are cut into clusters of consecutive indices starting at cluster_starts;
    # cluster_max[i, c] is the best score of mentee i in cluster c over the pairs not
    # among the mentee's kept ones (top and reserve). Certification uses it as a bound.
    cluster_starts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    cluster_max: np.ndarray | None = None  # uint8 codes, mentees x clusters (see quantize)
    cluster_low: float = 0.0
    cluster_step: float = 1.0

    def cluster_bound(self, rows: slice | np.ndarray) -> np.ndarray:
        """Upper bounds (float64) on the left-out scores of these mentees, per cluster."""
        assert self.cluster_max is not None
        codes = self.cluster_max[rows]
        bound = self.cluster_low + codes.astype(np.float64) * self.cluster_step
        bound[codes == 255] = np.inf  # at or beyond the top of the range: no bound
        return np.where(codes == 0, -np.inf, bound)


def quantize_up(values: np.ndarray, low: float, step: float) -> np.ndarray:
    """uint8 codes whose decoded value low + code * step is >= the value; 0 for -inf."""
    codes = np.ceil((values.astype(np.float64) - low) / step)
    codes = np.clip(codes, 1, 255)
    return np.where(np.isfinite(values), codes, 0).astype(np.uint8)


def default_block_rows(n_mentors: int) -> int:
    """Rows per block so that one block of float32 scores stays around 16 MB."""
    return int(np.clip(4_000_000 // max(1, n_mentors), 8, 4096))


def worker_count() -> int:
    """Threads for block scoring; numpy releases the GIL in the heavy loops."""
    return max(1, min(4, os.cpu_count() or 1))


SAMPLE_COLUMNS = 4096


def _row_top(block: np.ndarray, k: int) -> tuple[np.ndarray, ...]:
    """Each row's k best finite entries (row, col, value, rank) and the k-th value (floor)."""
    n_rows, n_cols = block.shape
    lowest = np.finfo(np.float32).min
    if n_cols > 2 * SAMPLE_COLUMNS and k < SAMPLE_COLUMNS // 8:
        # The k-th best of a column sample is a lower bound of the k-th best of the row:
        # one comparison pass then leaves a few hundred entries per row to sort.
        sample = block[:, :: n_cols // SAMPLE_COLUMNS]
        cut = np.partition(sample, sample.shape[1] - k, axis=1)[:, sample.shape[1] - k]
        r, c = np.nonzero(block >= np.maximum(cut, lowest)[:, None])
    elif k < n_cols:
        # The k-th best value per row, then one comparison pass (ties keep a few more).
        cut = np.partition(block, n_cols - k, axis=1)[:, n_cols - k]
        r, c = np.nonzero(block >= np.maximum(cut, lowest)[:, None])
    else:
        r, c = np.nonzero(block >= lowest)
    v = block[r, c]
    # Best first per row; ties broken by mentor index so that runs are reproducible.
    order = np.lexsort((c, -v, r))
    r, c, v = r[order], c[order], v[order]
    starts = np.searchsorted(r, np.arange(n_rows + 1))
    rank = np.arange(len(r)) - starts[r]
    keep = rank < k
    r, c, v, rank = r[keep], c[keep], v[keep], rank[keep]
    counts = np.minimum(np.diff(starts), k)
    floor = np.full(n_rows, NEG_INF, dtype=np.float32)
    full = counts >= k
    kept_starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    floor[full] = v[kept_starts[full] + k - 1]
    return r, c.astype(np.int64), v, rank, floor


def _descending_key(cols: np.ndarray, vals: np.ndarray) -> np.ndarray:
    """int64 keys ordering by column, then by float32 value from high to low."""
    bits = np.ascontiguousarray(vals, dtype=np.float32).view(np.uint32).astype(np.int64)
    # Order-preserving map of float32 bits to unsigned ints, then reversed.
    ordered = np.where(bits & 0x80000000, ~bits & 0xFFFFFFFF, bits | 0x80000000)
    return (cols.astype(np.int64) << 32) | (0xFFFFFFFF - ordered)


class _MentorTop:
    """Running top-k' mentees per mentor, merged lazily in batches."""

    def __init__(self, n_mentors: int, k: int, floor: np.ndarray | None = None) -> None:
        self.n = n_mentors
        self.k = k
        # Scores at or below base_floor were never offered (known not to make the top).
        self.base_floor = np.full(n_mentors, NEG_INF, dtype=np.float32)
        if floor is not None:
            self.base_floor = np.asarray(floor, dtype=np.float32).copy()
        self.floor = self.base_floor.copy()
        self.rows = np.zeros(0, dtype=np.int64)
        self.cols = np.zeros(0, dtype=np.int64)
        self.vals = np.zeros(0, dtype=np.float32)
        self.rank = np.zeros(0, dtype=np.int64)
        self.pending: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.pending_size = 0

    def offer(self, rows: np.ndarray, block: np.ndarray) -> None:
        if self.k <= 0:
            return
        r, c = np.nonzero(block > self.floor[None, :])
        if len(r) > 4 * self.k * self.n:
            # Early blocks: cut to the block's own top-k' per mentor before merging.
            # (A partition along contiguous rows of the transpose is much faster.)
            k = min(self.k, block.shape[0])
            by_mentor = np.ascontiguousarray(block.T)
            cut = np.partition(by_mentor, by_mentor.shape[1] - k, axis=1)[:, -k]
            r, c = np.nonzero((block >= cut[None, :]) & (block > NEG_INF))
        self.pending.append((rows[r], c.astype(np.int64), block[r, c]))
        self.pending_size += len(r)
        if self.pending_size > 2 * self.k * self.n:
            self.compact()

    def compact(self) -> None:
        if not self.pending:
            return
        rows = np.concatenate([self.rows, *(p[0] for p in self.pending)])
        cols = np.concatenate([self.cols, *(p[1] for p in self.pending)])
        vals = np.concatenate([self.vals, *(p[2] for p in self.pending)])
        self.pending, self.pending_size = [], 0
        # Order by mentor, best first; ties broken by mentee index for determinism: the
        # kept entries come first and are already in that order, and pending entries
        # arrive by increasing mentee, so one stable sort on (mentor, -score) suffices.
        order = np.argsort(_descending_key(cols, vals), kind="stable")
        rows, cols, vals = rows[order], cols[order], vals[order]
        starts = np.searchsorted(cols, np.arange(self.n))
        rank = np.arange(len(cols)) - starts[cols]
        keep = rank < self.k
        self.rows, self.cols, self.vals = rows[keep], cols[keep], vals[keep]
        self.rank = rank[keep]
        # A mentor with k' kept entries bounds all others by its k'-th best score.
        full = np.bincount(self.cols, minlength=self.n) >= self.k
        kept_starts = np.searchsorted(self.cols, np.arange(self.n))
        floor = self.base_floor.copy()
        floor[full] = np.maximum(floor[full], self.vals[kept_starts[full] + self.k - 1])
        self.floor = floor


def blocks(n_rows: int, size: int) -> Iterator[np.ndarray]:
    """Consecutive row index blocks."""
    for r0 in range(0, n_rows, size):
        yield np.arange(r0, min(n_rows, r0 + size))


def scan(
    scorer: BlockScorer,
    mentee_k: int,
    mentor_k: int,
    min_score: float | None,
    block_rows: int | None = None,
    workers: int | None = None,
    reserve: int = 4,
    cluster_starts: np.ndarray | None = None,
    score_range: tuple[float, float] = (-16.0, 16.0),
    prices: np.ndarray | None = None,
    price_k: int = 6,
    only_rows: np.ndarray | None = None,
    mentor_floor: np.ndarray | None = None,
) -> Scan:
    """Score every pair once; keep each mentee's top-k and each mentor's top-k' pairs.

    With estimated mentor `prices`, each mentee's `price_k` best pairs by score minus
    price are kept too: those are the mentors it can actually afford in the optimum, so
    the first solve is already close and few pairs violate the dual check.
    `only_rows` restricts the pass to some mentees (used for the price estimate);
    `mentor_floor`, a lower bound of each mentor's k'-th best score with reserve (from
    such a partial pass), lets the pass skip most pairs for the mentor lists from the start.

    A further `reserve` times as many pairs per participant are kept aside with their
    scores: the certificate checks them directly, which makes its bounds much tighter.
    """
    n_e = len(scorer.pop.mentees)
    n_m = scorer.n_mentors
    size = block_rows or default_block_rows(n_m)
    keep_e = max(mentee_k, 1) * reserve
    keep_m = max(mentor_k, 1) * reserve
    mentee_floor = np.full(n_e, NEG_INF, dtype=np.float32)
    mentee_best = np.full(n_e, NEG_INF, dtype=np.float32)
    mentor_best = np.full(n_m, NEG_INF, dtype=np.float32)
    mentor_top = _MentorTop(n_m, keep_m, mentor_floor)
    parts: list[tuple[np.ndarray, ...]] = []
    if cluster_starts is None or n_m == 0:
        cluster_starts = np.zeros(min(1, n_m), dtype=np.int64)
    cluster_max = np.zeros((n_e, len(cluster_starts)), dtype=np.uint8)
    # Codes cover the score range with a margin; 254 steps above the low end.
    low = float(score_range[0]) - 1.0
    step = (float(score_range[1]) + 1.0 - low) / 254

    def work(rows: np.ndarray) -> tuple[Any, ...]:
        block = scorer.block(rows)
        best = block.max(axis=1)
        col_best = block.max(axis=0)
        if min_score is not None:
            # A little below the minimum: float32 must not drop a pair that is allowed.
            block[block < np.float32(min_score - FLOAT32_MARGIN)] = NEG_INF
        r, c, v, rank, floor = _row_top(block, keep_e)
        if prices is not None:
            pr, pc, _, _, _ = _row_top(block - prices[None, :], price_k)
            extra = (rows[pr], pc)
        else:
            extra = (np.zeros(0, np.int64), np.zeros(0, np.int64))
        # Cluster maxima over the pairs not kept: hide the kept ones for one reduction.
        block[r, c] = NEG_INF
        cluster_max[rows] = quantize_up(
            np.maximum.reduceat(block, cluster_starts, axis=1), low, step
        )
        block[r, c] = v
        return block, best, col_best, rows[r], c, v, rank, floor, extra

    n_workers = workers or worker_count()
    if only_rows is None:
        chunks = list(blocks(n_e, size)) if n_m else []
    else:
        chunks = [only_rows[s : s + size] for s in range(0, len(only_rows), size)] if n_m else []
    priced: list[tuple[np.ndarray, np.ndarray]] = []
    with ThreadPoolExecutor(max_workers=n_workers) as pool:
        # A bounded window of blocks in flight keeps memory flat.
        window = 2 * n_workers
        futures = [pool.submit(work, rows) for rows in chunks[:window]]
        for i, rows in enumerate(chunks):
            block, best, col_best, r, c, v, rank, floor, extra = futures[i].result()
            priced.append(extra)
            futures[i] = None  # type: ignore[call-overload]
            if i + window < len(chunks):
                futures.append(pool.submit(work, chunks[i + window]))
            mentee_best[rows] = best
            np.maximum(mentor_best, col_best, out=mentor_best)
            parts.append((r, c, v, rank))
            mentee_floor[rows] = floor
            mentor_top.offer(rows, block)
            del block
    mentor_top.compact()
    empty_i, empty_f = np.zeros(0, np.int64), np.zeros(0, np.float32)
    e_rows = np.concatenate([p[0] for p in parts]) if parts else empty_i
    e_cols = np.concatenate([p[1] for p in parts]) if parts else empty_i
    e_vals = np.concatenate([p[2] for p in parts]) if parts else empty_f
    e_rank = np.concatenate([p[3] for p in parts]) if parts else empty_i
    chosen_e = e_rank < mentee_k
    chosen_m = mentor_top.rank < mentor_k
    width = max(1, n_m)
    keys = np.unique(
        np.concatenate(
            [
                e_rows[chosen_e] * width + e_cols[chosen_e],
                mentor_top.rows[chosen_m] * width + mentor_top.cols[chosen_m],
                *(p[0] * width + p[1] for p in priced),
            ]
        )
    )
    return Scan(
        rows=keys // width,
        cols=keys % width,
        reserve_rows=np.concatenate([e_rows[~chosen_e], mentor_top.rows[~chosen_m]]),
        reserve_cols=np.concatenate([e_cols[~chosen_e], mentor_top.cols[~chosen_m]]),
        reserve_vals=np.concatenate([e_vals[~chosen_e], mentor_top.vals[~chosen_m]]),
        mentee_floor=mentee_floor,
        mentor_floor=mentor_top.floor if mentor_k > 0 else np.full(n_m, np.inf, np.float32),
        mentee_best=mentee_best,
        mentor_best=mentor_best,
        cluster_starts=np.asarray(cluster_starts, dtype=np.int64),
        cluster_max=cluster_max,
        cluster_low=low,
        cluster_step=step,
    )
