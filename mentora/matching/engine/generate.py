"""Realistic synthetic populations for tests and benchmarks (seeded, deterministic)."""

from __future__ import annotations

import numpy as np

from .model import SLOTS_PER_WEEK, Instance, Participant, Rules, SkillNeed

_GOAL_WORDS = [
    "leadership",
    "management",
    "career",
    "growth",
    "promotion",
    "python",
    "data",
    "analysis",
    "machine",
    "learning",
    "public",
    "speaking",
    "negotiation",
    "product",
    "strategy",
    "design",
    "architecture",
    "cloud",
    "security",
    "finance",
    "marketing",
    "sales",
    "communication",
    "feedback",
    "coaching",
    "delegation",
    "hiring",
    "interviews",
    "writing",
    "research",
    "statistics",
    "testing",
    "devops",
    "kubernetes",
    "frontend",
    "backend",
    "mobile",
    "operations",
    "logistics",
    "legal",
    "compliance",
    "accounting",
    "budgeting",
    "presentation",
    "influence",
    "networking",
    "confidence",
    "balance",
    "transition",
    "returning",
    "parenthood",
    "international",
    "teams",
    "remote",
    "culture",
    "diversity",
    "inclusion",
    "innovation",
    "startups",
    "entrepreneurship",
    "ux",
    "accessibility",
    "databases",
    "sql",
    "excel",
    "forecasting",
    "supply",
    "chain",
    "procurement",
]
_LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "nl", "pl", "ja", "zh", "hi", "ar")
# Regions: (time-zone offset in hours, local language index).
_REGIONS = ((-8.0, 0), (-5.0, 1), (-3.0, 4), (0.0, 0), (1.0, 2), (1.0, 3), (1.0, 5),
            (2.0, 7), (5.5, 10), (8.0, 9), (9.0, 8), (3.0, 11))  # fmt: skip


def _zipf_choice(rng: np.random.Generator, n: int, size: int, a: float = 1.1) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** a
    return rng.choice(n, size=size, p=weights / weights.sum())


def generate(
    n_mentees: int,
    n_mentors: int,
    *,
    seed: int = 0,
    capacity: int = 5,
    n_departments: int = 30,
    n_skills: int = 300,
    popular_share: float = 0.02,
    rules: Rules | None = None,
) -> Instance:
    """A company-like population: departments, levels, long-tail skills, popular mentors."""
    rng = np.random.default_rng(seed)
    n = n_mentees + n_mentors
    dept = _zipf_choice(rng, n_departments, n, a=0.8)
    region = _zipf_choice(rng, len(_REGIONS), n, a=0.9)
    is_mentor = np.zeros(n, dtype=bool)
    is_mentor[n_mentees:] = True
    level = np.where(
        is_mentor,
        rng.integers(3, 9, size=n),
        rng.integers(1, 6, size=n),
    )
    # Reporting lines: per department, a chain of managers drawn from senior people.
    order = np.lexsort((-level, dept))
    manager = np.full(n, -1)
    start = 0
    for d in range(n_departments):
        members = order[start : start + int((dept == d).sum())]
        start += len(members)
        for pos in range(1, len(members)):
            # Somebody earlier in the (seniority-sorted) list, biased towards the top.
            manager[members[pos]] = members[int(rng.integers(0, max(1, min(pos, 1 + pos // 8))))]
    popular = np.zeros(n, dtype=bool)
    n_popular = max(1, int(popular_share * n_mentors))
    popular_ids = n_mentees + rng.choice(n_mentors, size=n_popular, replace=False)
    popular[popular_ids] = True
    skill_names = [f"skill-{k:03d}" for k in range(n_skills)]

    people: list[Participant] = []
    for p in range(n):
        chain: list[str] = []
        boss = manager[p]
        while boss >= 0 and len(chain) < 12:
            chain.append(f"p{boss}")
            boss = manager[boss]
        tz, local = _REGIONS[region[p]]
        langs = {_LANGUAGES[local]}
        if rng.random() < 0.85:
            langs.add("en")
        if rng.random() < 0.1:
            langs.add(_LANGUAGES[int(rng.integers(len(_LANGUAGES)))])
        slots = rng.choice(SLOTS_PER_WEEK, size=int(rng.integers(3, 10)), replace=False)
        goals = " ".join(_GOAL_WORDS[i] for i in _zipf_choice(rng, len(_GOAL_WORDS), 6, a=0.7))
        if is_mentor[p]:
            n_offer = int(rng.integers(3, 9)) + (6 if popular[p] else 0)
            skills = _zipf_choice(rng, n_skills, n_offer)
            offered = tuple(
                sorted(
                    {
                        skill_names[s]: int(rng.integers(3 if popular[p] else 1, 6)) for s in skills
                    }.items()
                )
            )
            people.append(
                Participant(
                    id=f"p{p}",
                    role="mentor",
                    level=int(level[p]),
                    years_experience=float(level[p] * 2 + rng.integers(0, 4)),
                    department=f"dept-{dept[p]:02d}",
                    organisation="acme",
                    manager_chain=tuple(chain),
                    languages=tuple(sorted(langs)),
                    tz_offset_hours=tz,
                    availability=frozenset(int(s) for s in slots),
                    skills_offered=offered,
                    goals=goals,
                    capacity=capacity,
                )
            )
        else:
            n_seek = int(rng.integers(1, 4))
            skills = _zipf_choice(rng, n_skills, n_seek)
            sought = tuple(
                SkillNeed(skill_names[s], int(rng.integers(2, 6)), int(rng.integers(1, 4)))
                for s in dict.fromkeys(skills.tolist())
            )
            preferred: tuple[str, ...] = ()
            if rng.random() < 0.3:
                # Many mentees name the same few well-known mentors first.
                picks = rng.choice(popular_ids, size=min(3, n_popular), replace=False)
                preferred = tuple(f"p{x}" for x in picks[: int(rng.integers(1, 4))])
            people.append(
                Participant(
                    id=f"p{p}",
                    role="mentee",
                    level=int(level[p]),
                    years_experience=float(level[p] * 2 + rng.integers(0, 4)),
                    department=f"dept-{dept[p]:02d}",
                    organisation="acme",
                    manager_chain=tuple(chain),
                    languages=tuple(sorted(langs)),
                    tz_offset_hours=tz,
                    availability=frozenset(int(s) for s in slots),
                    skills_sought=sought,
                    goals=goals,
                    preferred=preferred,
                )
            )
    return Instance(
        mentees=tuple(people[:n_mentees]),
        mentors=tuple(people[n_mentees:]),
        rules=rules or Rules(),
        seed=seed,
    )
