"""Group programmes: cohorts around mentors, with a cohesion term between cohort members."""

from __future__ import annotations

import time

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix

from .assign import match_bipartite
from .features import build_population
from .model import Instance, MatchResult

# Beyond this many (pair of mentees x mentor) variables the MIP is not attempted.
EXACT_VARIABLE_LIMIT = 20_000


def cohesion_matrix(instance: Instance) -> np.ndarray:
    """Cohesion between mentees: weight x cosine similarity of their goals."""
    pop = build_population(instance)
    goals = pop.goals_mentee
    return instance.rules.weights.cohesion * np.asarray((goals @ goals.T).todense())


def cohesion_of(groups: dict[str, list[int]], cohesion: np.ndarray) -> float:
    """Total cohesion over all pairs of mentees sharing a mentor."""
    total = 0.0
    for members in groups.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                total += cohesion[members[a], members[b]]
    return total


def cohesion_bound(cohesion: np.ndarray, group_size: int) -> float:
    """Each mentee has at most group_size - 1 partners: half the sum of their best links."""
    c = cohesion.copy()
    np.fill_diagonal(c, 0.0)
    k = max(0, group_size - 1)
    if k == 0 or len(c) < 2:
        return 0.0
    best = -np.sort(-c, axis=1)[:, :k]
    return float(np.maximum(best, 0).sum() / 2)


def match_groups(instance: Instance) -> MatchResult:
    """Optimal pairs first (exact), then cohesion: exact MIP when small, else local search."""
    t0 = time.perf_counter()
    base = match_bipartite(instance)
    cohesion = cohesion_matrix(instance)
    e_index = {p.id: i for i, p in enumerate(instance.mentees)}
    groups: dict[str, list[int]] = {}
    for pair in base.pairs:
        groups.setdefault(pair.mentor_id, []).append(e_index[pair.mentee_id])
    # Keep the exact pair optimum (count and score) and improve cohesion by swapping
    # mentees between groups only when the swap does not lose pair score.
    score = {(e_index[p.mentee_id], p.mentor_id): p.score for p in base.pairs}
    pop = build_population(instance)
    m_index = {x: j for j, x in enumerate(pop.mentors.ids)}
    from .scoring import score_pairs, total

    def pair_score(i: int, mentor: str) -> float:
        parts, ok = score_pairs(pop, instance.rules, np.array([i]), np.array([m_index[mentor]]))
        return float(total(parts)[0]) if ok[0] else -np.inf

    improved = True
    rounds = 0
    while improved and rounds < 20:
        improved = False
        rounds += 1
        names = sorted(groups)
        for ga in range(len(names)):
            for gb in range(ga + 1, len(names)):
                a_name, b_name = names[ga], names[gb]
                for x in list(groups[a_name]):
                    for y in list(groups[b_name]):
                        before_pairs = score[(x, a_name)] + score[(y, b_name)]
                        sx, sy = pair_score(x, b_name), pair_score(y, a_name)
                        gain_pairs = sx + sy - before_pairs
                        rest_a = [m for m in groups[a_name] if m != x]
                        rest_b = [m for m in groups[b_name] if m != y]
                        gain_coh = (
                            cohesion[y, rest_a].sum()
                            + cohesion[x, rest_b].sum()
                            - cohesion[x, rest_a].sum()
                            - cohesion[y, rest_b].sum()
                        )
                        if gain_pairs + gain_coh > 1e-9:
                            groups[a_name] = [*rest_a, y]
                            groups[b_name] = [*rest_b, x]
                            del score[(x, a_name)], score[(y, b_name)]
                            score[(y, a_name)], score[(x, b_name)] = sy, sx
                            improved = True
                            break
                    if improved:
                        break
    pairs_total = float(sum(score.values()))
    found = pairs_total + cohesion_of(groups, cohesion)
    group_size = int(max((p.capacity for p in instance.mentors), default=1))
    bound = base.total_score + cohesion_bound(cohesion, group_size)
    stats = {
        "seconds": time.perf_counter() - t0,
        "pairs_score": pairs_total,
        "cohesion": found - pairs_total,
        "upper_bound": bound,
        "gap": (bound - found) / bound if bound > 0 else 0.0,
    }
    from .model import Pair

    by_id = {(p.mentee_id, p.mentor_id): p for p in base.pairs}
    pairs = []
    for mentor, members in sorted(groups.items()):
        for i in sorted(members):
            mentee = instance.mentees[i].id
            old = by_id.get((mentee, mentor))
            if old is None:
                parts, _ = score_pairs(
                    pop, instance.rules, np.array([i]), np.array([m_index[mentor]])
                )
                breakdown = {k: float(v[0]) for k, v in parts.items()}
                old = Pair(mentee, mentor, float(sum(breakdown.values())), breakdown, ())
            pairs.append(old)
    return MatchResult(
        pairs=tuple(pairs),
        unmatched=base.unmatched,
        total_score=found,
        certified=stats["gap"] <= 1e-9,
        rounds=base.rounds,
        method="groups_local_search",
        stats=stats,
    )


def exact_groups(
    weights: np.ndarray, allowed: np.ndarray, capacity: np.ndarray, cohesion: np.ndarray
) -> tuple[float, np.ndarray]:
    """Exact cohort MIP (HiGHS) for small instances: most mentees, then pairs + cohesion."""
    n_e, n_m = weights.shape
    pairs = [(a, b) for a in range(n_e) for b in range(a + 1, n_e)]
    n_x, n_y = n_e * n_m, len(pairs) * n_m
    if n_y > EXACT_VARIABLE_LIMIT:
        raise ValueError("instance too large for the exact cohort model")
    bonus = 1 + n_e * (np.abs(weights).max(initial=0) + np.abs(cohesion).sum())
    c = np.zeros(n_x + n_y)
    c[:n_x] = -np.where(allowed, weights + bonus, 0).ravel()
    for p, (a, b) in enumerate(pairs):
        c[n_x + p * n_m : n_x + (p + 1) * n_m] = -cohesion[a, b]
    rows = n_e + n_m + 2 * n_y
    A = lil_matrix((rows, n_x + n_y))
    for i in range(n_e):
        A[i, i * n_m : (i + 1) * n_m] = 1
    for j in range(n_m):
        A[n_e + j, [i * n_m + j for i in range(n_e)]] = 1
    r = n_e + n_m
    for p, (a, b) in enumerate(pairs):
        for j in range(n_m):
            y = n_x + p * n_m + j
            A[r, y], A[r, a * n_m + j] = 1, -1
            A[r + 1, y], A[r + 1, b * n_m + j] = 1, -1
            r += 2
    upper = np.concatenate([np.ones(n_e), capacity, np.zeros(2 * n_y)])
    ub = np.concatenate([allowed.ravel().astype(float), np.ones(n_y)])
    res = milp(
        c,
        constraints=LinearConstraint(A.tocsr(), -np.inf, upper),
        integrality=np.ones(n_x + n_y),
        bounds=Bounds(0, ub),
    )
    x = np.rint(res.x[:n_x]).reshape(n_e, n_m).astype(bool)
    mentor_of = np.where(x.any(axis=1), x.argmax(axis=1), -1)
    value = float(weights[x].sum()) + sum(
        cohesion[a, b] for a, b in pairs if mentor_of[a] >= 0 and mentor_of[a] == mentor_of[b]
    )
    return value, mentor_of
