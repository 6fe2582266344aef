"""Exact capacitated assignment as min-cost flow, with dual values derived from the flow."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

# Scores are floats; the solver needs integers. Three decimals are plenty for people.
SCALE = 1000


@dataclass(frozen=True)
class Assignment:
    """An optimal assignment and a dual solution proving it (duals on the weights w')."""

    mentor_of: np.ndarray  # int64 per mentee, -1 when unmatched
    mentee_dual: np.ndarray  # int64 u_i >= 0
    mentor_dual: np.ndarray  # int64 v_j >= 0
    big_m: int  # weight w'_ij = big_m + w_ij; big_m = 0 when only the score counts


class NotOptimalError(RuntimeError):
    """The solver's answer failed the optimality check (should never happen)."""


def lexicographic_bonus(max_matched: int, w_max: int, w_min: int) -> int:
    """A per-pair bonus so large that one more pair beats any difference in total score."""
    return int(max_matched) * (max(int(w_max), 0) - min(int(w_min), 0)) + 1


def solve_assignment(
    n_mentees: int,
    n_mentors: int,
    rows: np.ndarray,
    cols: np.ndarray,
    weights: np.ndarray,
    capacity: np.ndarray,
    big_m: int,
) -> Assignment:
    """Maximise sum(big_m + w) over b-matchings; every mentee may stay unmatched (value 0)."""
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    weights = np.asarray(weights, dtype=np.int64)
    capacity = np.asarray(capacity, dtype=np.int64)
    mentor_of = np.full(n_mentees, -1, dtype=np.int64)
    if n_mentees == 0 or n_mentors == 0:
        # Nobody to pair: everyone stays unmatched, which the zero duals prove optimal.
        zeros = np.zeros(n_mentees, np.int64)
        return Assignment(mentor_of, zeros, np.zeros(n_mentors, np.int64), big_m)
    sink = n_mentees + n_mentors
    mentees = np.arange(n_mentees, dtype=np.int64)
    mentors = np.arange(n_mentors, dtype=np.int64)
    tails = np.concatenate([rows, mentees, n_mentees + mentors])
    heads = np.concatenate(
        [n_mentees + cols, np.full(n_mentees, sink), np.full(n_mentors, sink, dtype=np.int64)]
    )
    caps = np.concatenate([np.ones(len(rows) + n_mentees, dtype=np.int64), capacity])
    costs = np.concatenate([-(big_m + weights), np.zeros(n_mentees + n_mentors, dtype=np.int64)])
    smcf = min_cost_flow.SimpleMinCostFlow()
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supplies = np.concatenate([np.ones(n_mentees, dtype=np.int64), [0] * n_mentors, [-n_mentees]])
    smcf.set_nodes_supplies(np.arange(sink + 1, dtype=np.int64), supplies.astype(np.int64))
    status = smcf.solve()
    if status != smcf.OPTIMAL:
        raise NotOptimalError(f"min-cost flow failed with status {status}")
    flows = smcf.flows(arcs[: len(rows)])
    used = np.flatnonzero(flows > 0)
    mentor_of[rows[used]] = cols[used]
    u, v = dual_values(n_mentees, n_mentors, rows, cols, big_m + weights, mentor_of, capacity)
    return Assignment(mentor_of, u, v, big_m)


def dual_values(
    n_mentees: int,
    n_mentors: int,
    rows: np.ndarray,
    cols: np.ndarray,
    wp: np.ndarray,
    mentor_of: np.ndarray,
    capacity: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Smallest mentor duals v (and u = w'(own pair) - v) with u_i + v_j >= w'_ij on all arcs.

    The constraints form a longest-path problem on mentors: a matched mentee i
    gives v_j >= v_{m(i)} + w'_ij - w'_{i,m(i)}; an unmatched one gives v_j >= w'_ij.
    Optimality of the flow means there is no positive cycle, so Bellman-Ford converges.
    """
    own = np.zeros(n_mentees, dtype=np.int64)
    is_own = mentor_of[rows] == cols
    own[rows[is_own]] = wp[is_own]
    v = np.zeros(n_mentors, dtype=np.int64)
    free = mentor_of[rows] < 0
    np.maximum.at(v, cols[free], wp[free])
    chain = ~free & ~is_own
    src = mentor_of[rows[chain]]
    dst = cols[chain]
    length = wp[chain] - own[rows[chain]]
    order = np.argsort(src, kind="stable")
    src, dst, length = src[order], dst[order], length[order]
    indptr = np.searchsorted(src, np.arange(n_mentors + 1))
    active = np.arange(n_mentors)
    for _ in range(n_mentors + 2):
        starts, ends = indptr[active], indptr[active + 1]
        counts = ends - starts
        total = int(counts.sum())
        if total == 0:
            break
        offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
        edges = offsets + np.arange(total)
        candidate = v[src[edges]] + length[edges]
        better = candidate > v[dst[edges]]
        if not better.any():
            break
        before = v.copy()
        np.maximum.at(v, dst[edges[better]], candidate[better])
        active = np.flatnonzero(v != before)
    else:
        raise NotOptimalError("dual computation did not converge: the flow is not optimal")
    u = np.where(mentor_of >= 0, own - v[np.maximum(mentor_of, 0)], 0)
    load = np.bincount(mentor_of[mentor_of >= 0], minlength=n_mentors)
    if (u < 0).any() or (v[load < capacity] != 0).any():
        raise NotOptimalError("complementary slackness fails: the flow is not optimal")
    return u, v
