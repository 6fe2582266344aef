"""Mentora's matching engine: optimal, explained, fast; pure Python, no Django."""

from __future__ import annotations

from .assign import match_bipartite
from .model import (
    Instance,
    MatchResult,
    Pair,
    Participant,
    Reason,
    Rules,
    SkillNeed,
    Unmatched,
    Weights,
)
from .peers import match_peers

__all__ = [
    "Instance",
    "MatchResult",
    "Pair",
    "Participant",
    "Reason",
    "Rules",
    "SkillNeed",
    "Unmatched",
    "Weights",
    "match",
]


def match(
    instance: Instance,
    *,
    objective: str | None = None,
    exact_group_limit: int | None = None,
    exact_peer_limit: int | None = None,
) -> MatchResult:
    """Match a programme round according to its kind.

    Keyword arguments (all optional; the defaults keep the behaviour of the rules):
    - objective: overrides `instance.rules.objective`. "stable" (traditional and reverse
      programmes) returns the mentee-proposing stable matching, both sides ranking by the
      pair score, with its cost against the certified optimum in `stats`
      (`stable_score_gap`, `stable_matched_gap`, `optimum_total_score`, ...).
    - exact_group_limit: group programmes with at most this many mentees are solved by
      the exact cohort model (default `groups.EXACT_GROUP_MENTEES`); larger ones by the
      heuristic, with its gap to an upper bound in `stats`.
    - exact_peer_limit: peer programmes are solved exactly and certified on the complete
      graph (blossom algorithm started from the double cover, dual check over all
      pairs); those with at most this many participants (default
      `peers.PEER_EXACT_LIMIT`, 0) by networkx's blossom algorithm on every allowed
      pair instead, an independent check.
    `result.certified` says whether the returned result is proven optimal (for a stable
    run: whether the optimum it is compared with is).
    """
    kind = instance.rules.kind
    wants_stable = objective == "stable" or (
        objective is None and instance.rules.objective == "stable"
    )
    if wants_stable and kind in ("peer", "group"):
        raise ValueError("stable matching is offered for traditional and reverse programmes")
    if kind == "peer":
        return match_peers(instance, exact_limit=exact_peer_limit)
    if kind == "group":
        from .groups import match_groups

        return match_groups(instance, exact_limit=exact_group_limit)
    return match_bipartite(instance, objective=objective)
