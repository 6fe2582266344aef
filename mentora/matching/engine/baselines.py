"""Naive baselines for the benchmark: global greedy and first-come-first-served."""

from __future__ import annotations

import numpy as np

from .candidates import Scan, default_block_rows
from .certify import exact_weights
from .scoring import BlockScorer


def _fill_rows(
    scorer: BlockScorer,
    rows: np.ndarray,
    load: np.ndarray,
    capacity: np.ndarray,
    mentor_of: np.ndarray,
    min_score: float | None,
) -> None:
    """In the given order, each mentee takes the best mentor that still has room."""
    size = default_block_rows(len(capacity))
    for s in range(0, len(rows), size):
        chunk = rows[s : s + size]
        block = scorer.block(chunk)
        if min_score is not None:
            block[block < min_score] = -np.inf
        for k, i in enumerate(chunk.tolist()):
            row = np.where(load < capacity, block[k], -np.inf)
            j = int(np.argmax(row))
            if np.isfinite(row[j]):
                mentor_of[i] = j
                load[j] += 1


def first_come_first_served(scorer: BlockScorer, min_score: float | None = None) -> np.ndarray:
    """Each mentee in sign-up order takes the best mentor with room."""
    n_e = len(scorer.pop.mentees)
    capacity = scorer.pop.mentors.capacity
    load = np.zeros(len(capacity), dtype=np.int64)
    mentor_of = np.full(n_e, -1, dtype=np.int64)
    _fill_rows(scorer, np.arange(n_e), load, capacity, mentor_of, min_score)
    return mentor_of


def global_greedy(scorer: BlockScorer, scan: Scan, min_score: float | None = None) -> np.ndarray:
    """Pairs by descending score over each side's kept pairs, then leftovers take any room.

    Exact global greedy needs every pair sorted; the kept lists (top and reserve) hold
    each mentee's best mentors, so this differs from it only for mentees whose whole
    list filled up before their turn.
    """
    pop, rules = scorer.pop, scorer.rules
    n_e = len(pop.mentees)
    capacity = pop.mentors.capacity
    rows = np.concatenate([scan.rows, scan.reserve_rows])
    cols = np.concatenate([scan.cols, scan.reserve_cols])
    n_m = max(1, len(capacity))
    keys = np.unique(rows * n_m + cols)
    rows, cols = keys // n_m, keys % n_m
    weights, ok = exact_weights(pop, rules, rows, cols)
    rows, cols, weights = rows[ok], cols[ok], weights[ok]
    order = np.lexsort((cols, rows, -weights))
    load = np.zeros(len(capacity), dtype=np.int64)
    mentor_of = np.full(n_e, -1, dtype=np.int64)
    for i, j in zip(rows[order].tolist(), cols[order].tolist(), strict=True):
        if mentor_of[i] < 0 and load[j] < capacity[j]:
            mentor_of[i] = j
            load[j] += 1
    left = np.flatnonzero(mentor_of < 0)
    _fill_rows(scorer, left, load, capacity, mentor_of, min_score)
    return mentor_of
