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


def match(instance: Instance) -> MatchResult:
    """Match a programme round according to its kind."""
    if instance.rules.kind == "peer":
        return match_peers(instance)
    if instance.rules.kind == "group":
        from .groups import match_groups

        return match_groups(instance)
    return match_bipartite(instance)
