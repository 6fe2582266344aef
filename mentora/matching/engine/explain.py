"""Score breakdowns and translatable reasons for pairs and for unmatched participants."""

from __future__ import annotations

import numpy as np

from .features import HALF_HOURS_PER_DAY, Population
from .model import Reason, Rules
from .scoring import PARTS

TOP_REASONS = 3
# A shared-goals reason names at most this many words.
TOP_GOAL_WORDS = 3


def _row(m, i: int) -> dict[int, float]:  # noqa: ANN001 - scipy csr
    start, end = m.indptr[i], m.indptr[i + 1]
    return dict(zip(m.indices[start:end].tolist(), m.data[start:end].tolist(), strict=True))


def shared_goal_words(pop: Population, i: int, j: int) -> list[str]:
    """The words naming the lemmas both goals weigh most; stop words, numbers, short
    words never (their lemmas carry no label)."""
    if not pop.goal_labels:
        return []
    a, b = _row(pop.goals_mentee, i), _row(pop.goals_mentor, j)
    labels = pop.goal_labels
    # Heaviest shared lemma first; among equals (same sentence) the longer, then a-z.
    shared = sorted(
        (k for k in a if k in b and labels[k]),
        key=lambda k: (-a[k] * b[k], -len(labels[k]), labels[k]),
    )
    words: list[str] = []
    for k in shared:
        if labels[k].lower() not in {w.lower() for w in words}:
            words.append(labels[k])
        if len(words) == TOP_GOAL_WORDS:
            break
    return words


def _part_reasons(pop: Population, rules: Rules, i: int, j: int, part: str) -> list[Reason]:
    e, m = pop.mentees, pop.mentors
    if part == "skills":
        sought, prio, offered = (
            _row(pop.sought_raw, i),
            _row(pop.priority_raw, i),
            _row(pop.offered_raw, j),
        )
        best = sorted(
            (k for k in sought if k in offered),
            key=lambda k: (-prio[k] * min(offered[k], sought[k]) / sought[k], k),
        )
        return [
            Reason(
                "skill_fit",
                {
                    "skill": pop.skill_names[best[0]],
                    "offered": int(offered[best[0]]),
                    "sought": int(sought[best[0]]),
                },
            )
        ][: len(best)]
    if part == "goals":
        words = shared_goal_words(pop, i, j)
        return [Reason("shared_goals", {"words": ", ".join(words)})] if words else []
    if part == "language":
        both = int(e.languages[i] & m.languages[j])
        if not both:
            return []
        first = (both & -both).bit_length() - 1
        return [Reason("shared_language", {"language": pop.language_names[first]})]
    if part == "department":
        same = e.department[i] == m.department[j]
        return [Reason("same_department" if same else "other_department")]
    if part == "seniority":
        diff = int(m.level[j]) - int(e.level[i])
        if rules.kind == "peer" or diff == 0:
            return [Reason("similar_seniority")]
        if diff > 0:
            return [Reason("more_senior", {"levels": diff})]
        return [Reason("more_junior", {"levels": -diff})]
    if part == "availability":
        slots = int(np.bitwise_count(e.availability[i] & m.availability[j]))
        return [Reason("shared_availability", {"slots": slots})] if slots else []
    if part == "timezone":
        d = (int(m.tz[j]) - int(e.tz[i])) % HALF_HOURS_PER_DAY
        hours = min(d, HALF_HOURS_PER_DAY - d) / 2
        if hours == 0:
            return [Reason("same_time_zone")]
        return [Reason("time_zone_gap", {"hours": f"{hours:g}"})]
    if part == "preference":
        out = []
        if pop.mentee_prefers[i, j]:
            out.append(Reason("preferred_by_mentee"))
        if pop.mentor_prefers[i, j]:
            out.append(Reason("preferred_by_mentor"))
        return out
    return []


def breakdown(parts: dict[str, np.ndarray], k: int) -> dict[str, float]:
    """The k-th pair's parts as plain floats, in the fixed part order."""
    return {name: float(parts[name][k]) for name in PARTS}


def reasons(
    pop: Population, rules: Rules, i: int, j: int, parts: dict[str, float]
) -> tuple[Reason, ...]:
    """The top reasons for a pair: the largest positive parts, each in words."""
    ranked = sorted((p for p in PARTS if parts[p] > 0), key=lambda p: (-parts[p], PARTS.index(p)))
    out: list[Reason] = []
    for part in ranked:
        out.extend(_part_reasons(pop, rules, i, j, part))
        if len(out) >= TOP_REASONS:
            break
    return tuple(out[:TOP_REASONS])


def mentee_unmatched_reason(best: float, min_score: float | None) -> Reason:
    """Why a mentee has no pair, from its best score before the minimum-score filter."""
    if not np.isfinite(best):
        return Reason("no_candidate")
    if min_score is not None and best < min_score:
        return Reason("below_min_score")
    return Reason("capacity_exhausted")


def mentor_unmatched_reason(best: float) -> Reason:
    """Why a mentor has no mentee."""
    if not np.isfinite(best):
        return Reason("no_mentee_candidate")
    return Reason("not_needed")
