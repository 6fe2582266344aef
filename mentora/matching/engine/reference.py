"""Independent exact reference: linear_sum_assignment on a slot-expanded dense matrix."""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment


def slot_expanded_optimum(
    weights: np.ndarray, allowed: np.ndarray, capacity: np.ndarray, lexicographic: bool = True
) -> tuple[int, int, np.ndarray]:
    """(matched, total integer weight, mentor per mentee) maximising count then weight.

    weights/allowed are dense mentees x mentors; each mentor becomes `capacity` columns.
    """
    n_e, n_m = weights.shape
    slots = np.repeat(np.arange(n_m), capacity)
    w = weights[:, slots].astype(np.float64)
    ok = allowed[:, slots]
    if lexicographic and ok.any():
        most = min(n_e, len(slots))
        bonus = most * (max(0, float(w[ok].max())) - min(0, float(w[ok].min()))) + 1
    else:
        bonus = 0.0
    value = np.where(ok, w + bonus, 0.0)
    # Pairs worth less than staying unmatched are dropped after the solve.
    value = np.maximum(value, 0.0)
    r, c = linear_sum_assignment(value, maximize=True)
    mentor_of = np.full(n_e, -1, dtype=np.int64)
    take = ok[r, c] & (value[r, c] > 0)
    mentor_of[r[take]] = slots[c[take]]
    matched = int(take.sum())
    total = int(np.rint(w[r[take], c[take]].sum()))
    return matched, total, mentor_of
