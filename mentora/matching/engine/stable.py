"""Mentee-proposing deferred acceptance with mentor capacities (stable, not optimal)."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence


def deferred_acceptance(
    mentee_prefs: Sequence[Sequence[int]],
    mentor_rank: Sequence[dict[int, int]],
    capacity: Sequence[int],
) -> list[int]:
    """Mentor per mentee (-1 if none); prefs best first, mentor_rank[j][i] lower is better.

    A mentee proposes down their list; a full mentor keeps the best-ranked proposers.
    Pairs a mentor did not rank are unacceptable to that mentor.
    """
    n = len(mentee_prefs)
    mentor_of = [-1] * n
    next_choice = [0] * n
    # Per mentor, a heap of (-rank, mentee) so that the worst held mentee is on top.
    held: list[list[tuple[int, int]]] = [[] for _ in capacity]
    free = list(range(n - 1, -1, -1))
    while free:
        i = free.pop()
        while next_choice[i] < len(mentee_prefs[i]):
            j = mentee_prefs[i][next_choice[i]]
            next_choice[i] += 1
            rank = mentor_rank[j].get(i)
            if rank is None or capacity[j] <= 0:
                continue
            if len(held[j]) < capacity[j]:
                heapq.heappush(held[j], (-rank, i))
                mentor_of[i] = j
                break
            worst_rank, worst = held[j][0]
            if rank < -worst_rank:
                heapq.heapreplace(held[j], (-rank, i))
                mentor_of[i] = j
                mentor_of[worst] = -1
                free.append(worst)
                break
    return mentor_of


def stable_from_scores(
    rows: Sequence[int],
    cols: Sequence[int],
    scores: Sequence[float],
    n_mentees: int,
    capacity: Sequence[int],
) -> list[int]:
    """Stable matching when both sides rank by the shared pair score (ties by index)."""
    by_mentee: list[list[tuple[float, int]]] = [[] for _ in range(n_mentees)]
    by_mentor: list[list[tuple[float, int]]] = [[] for _ in capacity]
    for i, j, s in zip(rows, cols, scores, strict=True):
        by_mentee[i].append((-s, j))
        by_mentor[j].append((-s, i))
    prefs = [[j for _, j in sorted(lst)] for lst in by_mentee]
    ranks = [{i: r for r, (_, i) in enumerate(sorted(lst))} for lst in by_mentor]
    return deferred_acceptance(prefs, ranks, capacity)


def stable_lazy(
    first_lists: Sequence[tuple[Sequence[int], Sequence[int]]],
    more: Callable[[int, int, int], tuple[Sequence[int], Sequence[int]]],
    capacity: Sequence[int],
    step: int = 256,
) -> list[int]:
    """Mentee-proposing deferred acceptance with one shared integer score per pair.

    first_lists[i] = (mentors, scores): the start of mentee i's list, best first, which
    must be exact (the first entries of its whole list). When a mentee runs out,
    more(i, offset, count) gives entries offset .. offset + count - 1 of its whole list
    (best first; fewer at the end), so memory stays small. Mentors rank proposers by the
    same score, ties to the lower mentee index. The result is the unique stable matching
    for these preferences, which equals the global greedy by descending score.
    """
    n = len(first_lists)
    mentor_of = [-1] * n
    lists = [list(zip(*lst, strict=True)) for lst in first_lists]
    offset = [len(lst) for lst in lists]  # entries of the whole list fetched so far
    finished = [False] * n
    position = [0] * n
    # Per mentor, a heap of (score, -mentee) so that the worst held proposer is on top.
    held: list[list[tuple[int, int]]] = [[] for _ in capacity]
    free = list(range(n - 1, -1, -1))
    while free:
        i = free.pop()
        while True:
            if position[i] >= len(lists[i]):
                if finished[i]:
                    break
                cols, scores = more(i, offset[i], step)
                lists[i] = list(zip(cols, scores, strict=True))
                offset[i] += len(lists[i])
                finished[i] = len(lists[i]) < step
                position[i] = 0
                continue
            j, score = lists[i][position[i]]
            position[i] += 1
            if capacity[j] <= 0:
                continue
            key = (int(score), -i)
            if len(held[j]) < capacity[j]:
                heapq.heappush(held[j], key)
                mentor_of[i] = j
                break
            if key > held[j][0]:
                _, worst = heapq.heapreplace(held[j], key)
                mentor_of[i] = j
                mentor_of[-worst] = -1
                free.append(-worst)
                break
    return mentor_of
