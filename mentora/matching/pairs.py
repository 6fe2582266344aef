"""Scores of chosen pairs outside a run: manual assignment, swaps and mentees' shortlists.

The engine's public entry point matches a whole programme; scoring one pair, or one mentee
against every mentor, uses its scoring and explanation modules directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mentora.matching.engine import Instance, Participant, Rules
from mentora.matching.engine.explain import reasons as engine_reasons
from mentora.matching.engine.features import build_population
from mentora.matching.engine.scoring import PARTS, score_pairs, total


@dataclass(frozen=True)
class Scored:
    mentor_id: str
    score: float
    breakdown: dict[str, float]
    reasons: list[dict]
    allowed: bool


def _reason_dicts(found) -> list[dict]:  # noqa: ANN001 - engine reasons
    return [{"key": r.key, "params": dict(r.params)} for r in found]


def score_one(rules: Rules, mentee: Participant, mentor: Participant) -> Scored:
    """One pair's score, parts and reasons (peers: the mean of both directions)."""
    if rules.kind == "peer":
        pop = build_population(Instance(mentees=(mentee, mentor), rules=rules))
        rows, cols = np.array([0, 1]), np.array([1, 0])
        parts, ok = score_pairs(pop, rules, rows, cols)
        detail = {p: float((parts[p][0] + parts[p][1]) / 2) for p in PARTS}
        why = engine_reasons(pop, rules, 0, 1, {p: float(parts[p][0]) for p in PARTS})
        allowed = bool(ok[0] and ok[1])
    else:
        pop = build_population(Instance(mentees=(mentee,), mentors=(mentor,), rules=rules))
        parts, ok = score_pairs(pop, rules, np.array([0]), np.array([0]))
        detail = {p: float(parts[p][0]) for p in PARTS}
        why = engine_reasons(pop, rules, 0, 0, detail)
        allowed = bool(ok[0])
    return Scored(mentor.id, float(sum(detail.values())), detail, _reason_dicts(why), allowed)


def shortlist(
    rules: Rules, mentee: Participant, mentors: tuple[Participant, ...], size: int = 10
) -> list[Scored]:
    """The mentee's best allowed mentors, best first, with reasons (one vectorised pass)."""
    if not mentors:
        return []
    pop = build_population(Instance(mentees=(mentee,), mentors=mentors, rules=rules))
    cols = np.arange(len(mentors))
    parts, ok = score_pairs(pop, rules, np.zeros(len(mentors), dtype=np.int64), cols)
    scores = total(parts)
    if rules.min_score is not None:
        ok &= scores >= rules.min_score
    order = [int(j) for j in np.lexsort((cols, -scores)) if ok[j]][:size]
    out = []
    for j in order:
        detail = {p: float(parts[p][j]) for p in PARTS}
        why = engine_reasons(pop, rules, 0, j, detail)
        out.append(Scored(mentors[j].id, float(scores[j]), detail, _reason_dicts(why), True))
    return out


def broken_rules(
    rules: Rules,
    mentee: Participant,
    mentor: Participant,
    *,
    forbidden: bool = False,
    load: int = 0,
    score: float | None = None,
) -> list[str]:
    """Which programme rules a chosen pair breaks, as keys of reasons.BROKEN_RULES."""
    out: list[str] = []
    if mentee.id == mentor.id:
        out.append("same_person")
    if mentor.id in mentee.manager_chain or mentee.id in mentor.manager_chain:
        out.append("reporting_line")
    if rules.language_required and not set(mentee.languages) & set(mentor.languages):
        out.append("no_shared_language")
    gap = mentor.level - mentee.level
    if rules.kind == "peer":
        seniority_ok = abs(gap) <= 1
    elif rules.kind == "reverse":
        seniority_ok = -gap >= rules.seniority_gap
    else:
        seniority_ok = gap >= rules.seniority_gap
    if not seniority_ok:
        out.append("seniority")
    same = mentee.department == mentor.department
    if (rules.department == "require_same" and not same) or (
        rules.department == "require_other" and same
    ):
        out.append("department")
    if mentor.id in mentee.avoided or mentee.id in mentor.avoided:
        out.append("avoided")
    if forbidden:
        out.append("forbidden")
    if not rules.inter_company and mentee.organisation != mentor.organisation:
        out.append("other_organisation")
    if rules.kind != "peer" and load > mentor.capacity:
        out.append("capacity")
    if score is not None and rules.min_score is not None and score < rules.min_score:
        out.append("below_min_score")
    return out
