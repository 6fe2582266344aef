"""Plain data types for participants, programme rules and matching results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["mentee", "mentor", "peer"]
Kind = Literal["traditional", "reverse", "peer", "group"]
DepartmentRule = Literal["any", "prefer_other", "require_other", "prefer_same", "require_same"]
# "stable": mentee-proposing stable matching (both sides rank by the pair score), reported
# with its cost against the optimum; not optimal, offered because some programmes want it.
Objective = Literal["matched_then_score", "score", "stable"]

# Half-day slots of the week in UTC: 7 days x 3 parts (morning, afternoon, evening).
SLOTS_PER_WEEK = 21
MAX_SKILL_LEVEL = 5


@dataclass(frozen=True)
class SkillNeed:
    """A skill a mentee seeks, at a target level, with a priority (higher matters more)."""

    skill: str
    level: int
    priority: int = 1


@dataclass(frozen=True)
class Participant:
    """One person enrolled in a programme, as the engine sees them."""

    id: str
    role: Role
    level: int = 1
    years_experience: float = 0.0
    department: str = ""
    organisation: str = ""
    # Direct manager first, then their manager, up to the top.
    manager_chain: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    tz_offset_hours: float = 0.0
    availability: frozenset[int] = frozenset()
    skills_offered: tuple[tuple[str, int], ...] = ()
    skills_sought: tuple[SkillNeed, ...] = ()
    goals: str = ""
    preferred: tuple[str, ...] = ()
    avoided: tuple[str, ...] = ()
    capacity: int = 1

    @property
    def manager_id(self) -> str | None:
        """The direct manager, if any."""
        return self.manager_chain[0] if self.manager_chain else None


@dataclass(frozen=True)
class Weights:
    """Weights of the named score parts; every part lies in [0, weight]."""

    skills: float = 4.0
    goals: float = 2.0
    seniority: float = 1.0
    department: float = 0.5
    language: float = 0.5
    availability: float = 1.0
    timezone: float = 0.5
    preference: float = 1.0
    cohesion: float = 1.0


@dataclass(frozen=True)
class Rules:
    """Programme rules that decide which pairs are allowed and how they are scored."""

    kind: Kind = "traditional"
    seniority_gap: int = 1
    department: DepartmentRule = "prefer_other"
    language_required: bool = True
    inter_company: bool = False
    # Pairs scoring below this are not allowed (None: no minimum).
    min_score: float | None = None
    # Default: match as many mentees as possible, then maximise the total score.
    objective: Objective = "matched_then_score"
    weights: Weights = field(default_factory=Weights)
    # Candidate graph sizes; certification makes the result optimal whatever they are.
    mentee_top_k: int = 12
    mentor_top_k: int = 0  # 0 means 2 x capacity per mentor
    # For group programmes: groups larger than this are solved heuristically.
    exact_group_limit: int = 2000


@dataclass(frozen=True)
class Instance:
    """Everything the engine needs to match one programme round."""

    mentees: tuple[Participant, ...]
    mentors: tuple[Participant, ...] = ()
    rules: Rules = field(default_factory=Rules)
    locks: tuple[tuple[str, str], ...] = ()
    declined: tuple[tuple[str, str], ...] = ()
    seed: int = 0


@dataclass(frozen=True)
class Reason:
    """A translatable reason: a message key and its parameters."""

    key: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Pair:
    """One proposed pair with its score breakdown and top reasons."""

    mentee_id: str
    mentor_id: str
    score: float
    breakdown: dict[str, float]
    reasons: tuple[Reason, ...]
    locked: bool = False


@dataclass(frozen=True)
class Unmatched:
    """A participant left without a pair, and why."""

    participant_id: str
    role: Role
    reason: Reason


@dataclass(frozen=True)
class MatchResult:
    """The outcome of one engine run."""

    pairs: tuple[Pair, ...]
    unmatched: tuple[Unmatched, ...]
    total_score: float
    certified: bool
    rounds: int
    method: str
    stats: dict[str, float] = field(default_factory=dict)

    @property
    def matched(self) -> int:
        """Number of pairs formed."""
        return len(self.pairs)
