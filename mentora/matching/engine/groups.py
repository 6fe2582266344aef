"""Group programmes: cohorts around mentors, with a cohesion term between cohort members.

Objective, lexicographic: most mentees placed, then the sum of pair scores (mentee with
mentor) plus the cohesion of every two mentees sharing a mentor (weight x cosine of their
goals). This is NP-hard (a quadratic assignment):

- up to `EXACT_GROUP_MENTEES` mentees (default 30) an exact mixed-integer model is solved
  with HiGHS: the number placed is fixed to the flow's maximum, each pair of mentees
  sharing a mentor is linearised, with the cut "a mentee shares its group with at most
  capacity - 1 others" (measured on generated programmes: 24-30 mentees in 0.3-0.5 s,
  40 mentees reach the 10 s limit at a 0.1 % gap). If the time limit is hit, the best
  solution found is kept and the solver's bound reported;
- beyond that, a heuristic: start from the exact optimum of the pairs alone (min-cost
  flow, which already places the most mentees), then improve pairs + cohesion by local
  search that keeps the number placed: swaps of two mentees between groups (or of a
  placed and an unplaced mentee) and moves into groups with room. Every iteration
  evaluates all swaps at once in numpy (a mentees x mentees gain matrix, computed in row
  chunks) and applies a batch of the best non-conflicting ones. The result carries an
  upper bound (the pair optimum plus, per mentee, half its best group-size - 1 cohesion
  links) and the gap to it.
"""

from __future__ import annotations

import time

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from .assign import match_bipartite
from .explain import breakdown, mentee_unmatched_reason, mentor_unmatched_reason, reasons
from .features import Population, build_population
from .model import Instance, MatchResult, Pair, Reason, Unmatched
from .scoring import score_pairs, total

# match() solves group programmes with at most this many mentees exactly.
EXACT_GROUP_MENTEES = 30
# Beyond this many cohesion variables the exact model is not attempted.
EXACT_VARIABLE_LIMIT = 60_000
EXACT_TIME_LIMIT = 10.0
# Local search: at most this many improvement rounds, each applying a batch of swaps.
MAX_SEARCH_ROUNDS = 500
SEARCH_CHUNK_PAIRS = 4_000_000


def cohesion_matrix(instance: Instance, pop: Population | None = None) -> np.ndarray:
    """Cohesion between mentees: weight x cosine similarity of their goals (zero diagonal)."""
    pop = pop or build_population(instance)
    goals = pop.goals_mentee
    c = instance.rules.weights.cohesion * np.asarray((goals @ goals.T).todense())
    np.fill_diagonal(c, 0.0)
    return c


def cohesion_of(groups: dict[str, list[int]], cohesion: np.ndarray) -> float:
    """Total cohesion over all pairs of mentees sharing a mentor."""
    total_c = 0.0
    for members in groups.values():
        m = np.asarray(members, dtype=np.int64)
        if len(m) > 1:
            total_c += float(np.triu(cohesion[np.ix_(m, m)], k=1).sum())
    return total_c


def cohesion_bound(cohesion: np.ndarray, group_size: int) -> float:
    """Each mentee has at most group_size - 1 partners: half the sum of their best links."""
    c = cohesion.copy()
    np.fill_diagonal(c, 0.0)
    k = max(0, group_size - 1)
    if k == 0 or len(c) < 2:
        return 0.0
    best = -np.sort(-c, axis=1)[:, :k]
    return float(np.maximum(best, 0).sum() / 2)


def exact_groups(
    weights: np.ndarray,
    allowed: np.ndarray,
    capacity: np.ndarray,
    cohesion: np.ndarray,
    time_limit: float | None = None,
) -> tuple[float, np.ndarray]:
    """Exact cohort MIP (HiGHS) for small instances: most mentees, then pairs + cohesion.

    Returns (value, mentor per mentee). With a time limit that is hit, the best solution
    found is returned (see `exact_groups_run` for the bound).
    """
    run = exact_groups_run(weights, allowed, capacity, cohesion, time_limit)
    return run[0], run[1]


def exact_groups_run(
    weights: np.ndarray,
    allowed: np.ndarray,
    capacity: np.ndarray,
    cohesion: np.ndarray,
    time_limit: float | None = None,
    placed: int | None = None,
) -> tuple[float, np.ndarray, bool, float]:
    """(value, mentor per mentee, proven optimal, upper bound on pairs + cohesion).

    With `placed` (the most mentees that can be placed, known from a flow), the model
    fixes that count instead of rewarding it with a large bonus: a tighter relaxation.
    """
    n_e, n_m = weights.shape
    weights = np.where(allowed, weights, 0.0)
    n_x = n_e * n_m
    # Cohesion variables only where both mentees may join the mentor and cohesion != 0.
    a_idx, b_idx = np.triu_indices(n_e, k=1)
    link = cohesion[a_idx, b_idx]
    a_idx, b_idx, link = a_idx[link != 0], b_idx[link != 0], link[link != 0]
    ya, yb, yj = [], [], []
    for j in range(n_m):
        both = allowed[a_idx, j] & allowed[b_idx, j]
        ya.append(a_idx[both])
        yb.append(b_idx[both])
        yj.append(np.full(int(both.sum()), j))
    ya_a, yb_a, yj_a = np.concatenate(ya), np.concatenate(yb), np.concatenate(yj)
    n_y = len(ya_a)
    if n_y > EXACT_VARIABLE_LIMIT:
        raise ValueError("instance too large for the exact cohort model")
    y_link = cohesion[ya_a, yb_a]
    bonus = 0.0
    if placed is None:
        bonus = 1 + n_e * (np.abs(weights).max(initial=0) + np.abs(cohesion).sum())
    c = np.zeros(n_x + n_y)
    c[:n_x] = -np.where(allowed, weights + bonus, 0).ravel()
    c[n_x:] = -y_link
    xa = ya_a * n_m + yj_a
    xb = yb_a * n_m + yj_a
    y = n_x + np.arange(n_y)
    ones = np.ones(n_y)
    # y <= x_a, y <= x_b; and y >= x_a + x_b - 1 where the link is negative.
    neg = np.flatnonzero(y_link < 0)
    row_blocks = [
        sp.csr_matrix(
            (np.ones(n_x), (np.repeat(np.arange(n_e), n_m), np.arange(n_x))), shape=(n_e, n_x + n_y)
        ),
        sp.csr_matrix(
            (np.ones(n_x), (np.tile(np.arange(n_m), n_e), np.arange(n_x))), shape=(n_m, n_x + n_y)
        ),
        sp.csr_matrix(
            (np.concatenate([ones, -ones]), (np.tile(np.arange(n_y), 2), np.concatenate([y, xa]))),
            shape=(n_y, n_x + n_y),
        ),
        sp.csr_matrix(
            (np.concatenate([ones, -ones]), (np.tile(np.arange(n_y), 2), np.concatenate([y, xb]))),
            shape=(n_y, n_x + n_y),
        ),
        sp.csr_matrix(
            (
                np.concatenate([-np.ones(len(neg)), np.ones(len(neg)), np.ones(len(neg))]),
                (np.tile(np.arange(len(neg)), 3), np.concatenate([y[neg], xa[neg], xb[neg]])),
            ),
            shape=(len(neg), n_x + n_y),
        ),
    ]
    # Valid cut: a mentee shares its group with at most capacity - 1 others.
    row_blocks.append(
        sp.csr_matrix(
            (
                np.concatenate([ones, ones, -np.repeat(capacity - 1.0, n_e)]),
                (np.concatenate([xa, xb, np.arange(n_x)]), np.concatenate([y, y, np.arange(n_x)])),
            ),
            shape=(n_x, n_x + n_y),
        )
    )
    lower = np.full(n_e + n_m + 2 * n_y + len(neg) + n_x, -np.inf)
    upper = np.concatenate(
        [np.ones(n_e), capacity, np.zeros(2 * n_y), np.ones(len(neg)), np.zeros(n_x)]
    )
    if placed is not None:
        row_blocks.append(sp.csr_matrix(np.concatenate([np.ones(n_x), np.zeros(n_y)])))
        lower = np.append(lower, placed)
        upper = np.append(upper, placed)
    a_mat = sp.vstack(row_blocks, format="csr")
    ub = np.concatenate([allowed.ravel().astype(float), np.ones(n_y)])
    options: dict[str, float] = {"mip_rel_gap": 1e-9}
    if time_limit is not None:
        options["time_limit"] = float(time_limit)
    res = milp(
        c,
        constraints=LinearConstraint(a_mat, lower, upper),
        integrality=np.ones(n_x + n_y),
        bounds=Bounds(0, ub),
        options=options,
    )
    if res.x is None:
        raise RuntimeError(f"the cohort model found no solution: {res.message}")
    x = np.rint(res.x[:n_x]).reshape(n_e, n_m).astype(bool)
    mentor_of = np.where(x.any(axis=1), x.argmax(axis=1), -1)
    value = float(weights[x].sum()) + float(
        sum(
            cohesion[p, q]
            for p, q in zip(a_idx.tolist(), b_idx.tolist(), strict=True)
            if mentor_of[p] >= 0 and mentor_of[p] == mentor_of[q]
        )
    )
    optimal = res.status == 0
    placed = int((mentor_of >= 0).sum())
    dual = getattr(res, "mip_dual_bound", None)
    bound = value if optimal or dual is None else float(-dual) - placed * bonus
    return value, mentor_of, optimal, max(bound, value)


def _group_state(
    mentor_of: np.ndarray, n_m: int, cohesion: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Membership load per mentor and G[x, g] = cohesion of x with group g's members."""
    placed = np.flatnonzero(mentor_of >= 0)
    member = sp.csr_matrix(
        (np.ones(len(placed)), (placed, mentor_of[placed])), shape=(len(mentor_of), n_m)
    )
    g = np.asarray(member.T @ cohesion).T if len(placed) else np.zeros((len(mentor_of), n_m))
    load = np.bincount(mentor_of[placed], minlength=n_m)
    return load, np.ascontiguousarray(g)


def local_search(
    scores: np.ndarray,
    cohesion: np.ndarray,
    capacity: np.ndarray,
    mentor_of: np.ndarray,
    max_rounds: int = MAX_SEARCH_ROUNDS,
    fixed: np.ndarray | None = None,
) -> tuple[np.ndarray, int]:
    """Improve pairs + cohesion by swaps and moves that keep the number placed.

    scores: mentees x mentors, -inf where not allowed; fixed mentees (locks) must stay
    placed. Returns (mentor per mentee, rounds).
    """
    n_e, n_m = scores.shape
    mentor_of = mentor_of.copy()
    if n_e == 0 or n_m == 0:
        return mentor_of, 0
    load, g = _group_state(mentor_of, n_m, cohesion)
    # Column n_m is "not placed": worth 0 and never short of room.
    none = n_m
    rounds = 0
    for rounds in range(1, max_rounds + 1):  # noqa: B007 - reported
        value = np.concatenate([scores + g, np.zeros((n_e, 1))], axis=1)
        if fixed is not None:
            value[fixed, none] = -np.inf
        group = np.where(mentor_of >= 0, mentor_of, none)
        own = value[np.arange(n_e), group]
        real = group != none
        best_gain = np.full(n_e, 0.0)
        best_other = np.full(n_e, -1, dtype=np.int64)
        step = max(1, SEARCH_CHUNK_PAIRS // max(1, n_e))
        for s in range(0, n_e, step):
            xs = np.arange(s, min(n_e, s + step))
            # x takes y's place and y takes x's: gain of both, minus their own link.
            gain = value[xs][:, group] + value[:, group[xs]].T
            gain -= own[xs, None] + own[None, :]
            gain -= cohesion[xs] * (real[xs, None].astype(float) + real[None, :])
            gain[group[xs, None] == group[None, :]] = -np.inf
            k = np.argmax(gain, axis=1)
            best_gain[xs] = gain[np.arange(len(xs)), k]
            best_other[xs] = k
        # Moves of a placed mentee into a group with room.
        move = value[:, :n_m] - own[:, None]
        move[:, load >= capacity] = -np.inf
        move[~real] = -np.inf
        move[real, group[real]] = -np.inf
        move_to = np.argmax(move, axis=1)
        move_gain = move[np.arange(n_e), move_to]
        todo: list[tuple[float, int, int, int]] = [
            (float(best_gain[i]), 0, int(i), int(best_other[i]))
            for i in np.flatnonzero(best_gain > 1e-9)
        ]
        todo += [
            (float(move_gain[i]), 1, int(i), int(move_to[i]))
            for i in np.flatnonzero(move_gain > 1e-9)
        ]
        if not todo:
            break
        todo.sort(key=lambda t: (-t[0], t[1], t[2], t[3]))
        touched_groups: set[int] = set()
        touched: set[int] = set()
        changes: list[tuple[int, int, int]] = []  # (mentee, old group, new group)
        for _, kind, x, other in todo:
            if kind == 0:
                y = other
                ga, gb = int(group[x]), int(group[y])
                if x in touched or y in touched or ga in touched_groups or gb in touched_groups:
                    continue
                changes += [(x, ga, gb), (y, gb, ga)]
                touched.update((x, y))
                touched_groups.update((ga, gb))
            else:
                ga, gb = int(group[x]), other
                if x in touched or ga in touched_groups or gb in touched_groups:
                    continue
                changes.append((x, ga, gb))
                touched.add(x)
                touched_groups.update((ga, gb))
            touched_groups.discard(none)
        for x, old, new in changes:
            mentor_of[x] = new if new != none else -1
            if old != none:
                g[:, old] -= cohesion[:, x]
                load[old] -= 1
            if new != none:
                g[:, new] += cohesion[:, x]
                load[new] += 1
    return mentor_of, rounds


def _dense_scores(pop: Population, instance: Instance) -> tuple[np.ndarray, np.ndarray]:
    """Exact scores (mentees x mentors, -inf where not allowed) and each mentee's best."""
    rules = instance.rules
    n_e, n_m = len(pop.mentees), len(pop.mentors)
    out = np.full((n_e, n_m), -np.inf)
    best = np.full(n_e, -np.inf)
    step = max(1, 2_000_000 // max(1, n_m))
    for s in range(0, n_e, step):
        rows = np.arange(s, min(n_e, s + step))
        r, c = np.divmod(np.arange(len(rows) * n_m), n_m)
        parts, ok = score_pairs(pop, rules, rows[r], c)
        value = np.where(ok, total(parts), -np.inf).reshape(len(rows), n_m)
        best[rows] = value.max(axis=1, initial=-np.inf)
        if rules.min_score is not None:
            value[value < rules.min_score] = -np.inf
        out[rows] = value
    return out, best


def match_groups(instance: Instance, exact_limit: int | None = None) -> MatchResult:
    """Cohorts: exact model when small (see EXACT_GROUP_MENTEES), else the heuristic."""
    t0 = time.perf_counter()
    rules = instance.rules
    limit = EXACT_GROUP_MENTEES if exact_limit is None else exact_limit
    pop = build_population(instance)
    n_e, n_m = len(pop.mentees), len(pop.mentors)
    cohesion = cohesion_matrix(instance, pop)
    scores, best = _dense_scores(pop, instance)
    capacity = pop.mentors.capacity.copy()
    allowed = np.isfinite(scores)
    # Locks: fixed members; the rest is solved around them.
    m_index = {x: j for j, x in enumerate(pop.mentors.ids)}
    e_index = {x: i for i, x in enumerate(pop.mentees.ids)}
    locked = np.full(n_e, -1, dtype=np.int64)
    for a, b in instance.locks:
        if a in e_index and b in m_index:
            locked[e_index[a]] = m_index[b]
    is_locked = locked >= 0
    if is_locked.any():
        allowed[is_locked] = False
        allowed[np.flatnonzero(is_locked), locked[is_locked]] = True
    stats: dict[str, float] = {}
    exact = False
    method = "groups_local_search"
    mentor_of: np.ndarray | None = None
    bound = np.inf
    base = None
    if n_e <= limit and n_m > 0:
        try:
            t1 = time.perf_counter()
            base = match_bipartite(instance, explain=False)
            value, mentor_of, exact, bound = exact_groups_run(
                np.where(allowed, scores, 0.0),
                allowed,
                capacity,
                cohesion,
                EXACT_TIME_LIMIT,
                placed=base.matched,
            )
            stats["exact_seconds"] = time.perf_counter() - t1
            method = "groups_exact_mip" if exact else "groups_mip_time_limit"
        except ValueError:
            mentor_of = None
    if mentor_of is None:
        base = base or match_bipartite(instance, explain=False)
        start = np.full(n_e, -1, dtype=np.int64)
        for p in base.pairs:
            start[e_index[p.mentee_id]] = m_index[p.mentor_id]
        t1 = time.perf_counter()
        search_scores = np.where(allowed, scores, -np.inf)
        mentor_of, search_rounds = local_search(
            search_scores, cohesion, capacity, start, fixed=is_locked
        )
        stats["search_seconds"] = time.perf_counter() - t1
        stats["search_rounds"] = float(search_rounds)
        group_size = int(capacity.max(initial=1))
        bound = base.total_score + cohesion_bound(cohesion, group_size)
    groups: dict[str, list[int]] = {}
    for i in np.flatnonzero(mentor_of >= 0).tolist():
        groups.setdefault(pop.mentors.ids[int(mentor_of[i])], []).append(i)
    rows = np.flatnonzero(mentor_of >= 0)
    cols = mentor_of[rows]
    parts, _ = score_pairs(pop, rules, rows, cols)
    pair_scores = total(parts)
    pairs_total = float(pair_scores.sum())
    cohesion_total = cohesion_of(groups, cohesion)
    found = pairs_total + cohesion_total
    pairs = []
    for k, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        detail = breakdown(parts, k)
        why = reasons(pop, rules, i, j, detail)
        if is_locked[i]:
            why = (Reason("locked"), *why)
        pairs.append(
            Pair(
                pop.mentees.ids[i],
                pop.mentors.ids[j],
                float(pair_scores[k]),
                detail,
                why,
                locked=bool(is_locked[i]),
            )
        )
    unmatched = [
        Unmatched(pop.mentees.ids[i], "mentee", mentee_unmatched_reason(best[i], rules.min_score))
        for i in np.flatnonzero(mentor_of < 0).tolist()
    ]
    load = np.bincount(cols, minlength=n_m)
    col_best = np.where(np.isfinite(scores), scores, -np.inf).max(axis=0, initial=-np.inf)
    unmatched += [
        Unmatched(pop.mentors.ids[j], "mentor", mentor_unmatched_reason(float(col_best[j])))
        for j in np.flatnonzero((load == 0) & (capacity > 0)).tolist()
    ]
    bound = max(bound, found)
    stats.update(
        {
            "seconds": time.perf_counter() - t0,
            "pairs_score": pairs_total,
            "cohesion": cohesion_total,
            "upper_bound": float(bound),
            "gap": (bound - found) / abs(bound) if bound else 0.0,
            "exact": float(exact),
            "exact_limit": float(limit),
        }
    )
    return MatchResult(
        pairs=tuple(sorted(pairs, key=lambda p: (p.mentor_id, p.mentee_id))),
        unmatched=tuple(unmatched),
        total_score=found,
        certified=exact or stats["gap"] <= 1e-9,
        rounds=base.rounds if base is not None else 1,
        method=method,
        stats=stats,
    )
