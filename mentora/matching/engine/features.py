"""Array form of a population: per-side feature vectors and pair-level sparse matrices."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .model import MAX_SKILL_LEVEL, Instance, Participant
from .text import Embedder, embed, tfidf

MAX_LEVEL = 15
HALF_HOURS_PER_DAY = 48


@dataclass(frozen=True)
class Side:
    """Feature arrays for one side (mentees or mentors), one entry per participant."""

    ids: tuple[str, ...]
    level: np.ndarray  # int16
    department: np.ndarray  # int32 codes
    organisation: np.ndarray  # int32 codes
    tin: np.ndarray  # int32 Euler-tour entry time in the reporting forest
    tout: np.ndarray  # int32 Euler-tour exit time
    languages: np.ndarray  # uint64 bitmask
    availability: np.ndarray  # uint64 bitmask of weekly slots
    tz: np.ndarray  # int16 offset in half hours
    capacity: np.ndarray  # int64

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Population:
    """Both sides plus everything needed to score any pair without Python objects."""

    mentees: Side
    mentors: Side
    skill_names: tuple[str, ...]
    language_names: tuple[str, ...]
    vocabulary: tuple[str, ...]  # goal lemmas
    goal_labels: tuple[str, ...]  # per lemma, the written word a reason names ("": none)
    # Skills as level-expanded columns (skill, level): a product gives sum of p*min(o,s)/s.
    sought: sp.csr_matrix  # mentees x (skills*levels), rows sum to 1 or 0
    offered: sp.csr_matrix  # mentors x (skills*levels), 0/1
    sought_raw: sp.csr_matrix  # mentees x skills: sought level
    priority_raw: sp.csr_matrix  # mentees x skills: normalised priority
    offered_raw: sp.csr_matrix  # mentors x skills: offered level
    goals_mentee: sp.csr_matrix  # mentees x vocabulary, L2-normalised
    goals_mentor: sp.csr_matrix  # mentors x vocabulary, L2-normalised
    mentee_prefers: sp.csr_matrix  # mentees x mentors, 0/1
    mentor_prefers: sp.csr_matrix  # mentees x mentors, 0/1
    forbidden: sp.csr_matrix  # mentees x mentors, 0/1: avoided either way or declined


def _codes(values: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    names = sorted(set(values))
    index = {v: i for i, v in enumerate(names)}
    return np.asarray([index[v] for v in values], dtype=np.int32), names


def _reporting_forest(people: Sequence[Participant]) -> dict[str, tuple[int, int]]:
    """Euler-tour intervals: two people share a reporting line iff their intervals meet."""
    parent: dict[str, str] = {}
    nodes: dict[str, None] = {}
    for p in people:
        nodes.setdefault(p.id)
        chain = (p.id, *p.manager_chain)
        for child, boss in zip(chain, chain[1:], strict=False):
            nodes.setdefault(boss)
            # The first chain that names a manager wins; later contradictions are ignored.
            parent.setdefault(child, boss)
    children: dict[str, list[str]] = {}
    for child, boss in parent.items():
        children.setdefault(boss, []).append(child)
    interval: dict[str, tuple[int, int]] = {}
    clock = 0

    def visit(root: str) -> None:
        nonlocal clock
        stack: list[tuple[str, bool]] = [(root, False)]
        start: dict[str, int] = {}
        while stack:
            node, done = stack.pop()
            if done:
                interval[node] = (start[node], clock)
                clock += 1
                continue
            if node in start:
                continue  # a cycle in bad data: cut it here
            start[node] = clock
            clock += 1
            stack.append((node, True))
            for c in sorted(children.get(node, ()), reverse=True):
                if c not in start and c not in interval:
                    stack.append((c, False))

    for node in sorted(nodes):
        if node not in parent:
            visit(node)
    for node in sorted(nodes):
        if node not in interval:  # only reachable through a cycle
            visit(node)
    return interval


def _bitmask(items: Sequence[Sequence[int]]) -> np.ndarray:
    out = np.zeros(len(items), dtype=np.uint64)
    for i, bits in enumerate(items):
        value = 0
        for b in bits:
            value |= 1 << int(b)
        out[i] = value
    return out


def _side(
    people: Sequence[Participant],
    departments: dict[str, int],
    organisations: dict[str, int],
    languages: dict[str, int],
    forest: dict[str, tuple[int, int]],
) -> Side:
    tin = np.asarray([forest[p.id][0] for p in people], dtype=np.int32)
    tout = np.asarray([forest[p.id][1] for p in people], dtype=np.int32)
    return Side(
        ids=tuple(p.id for p in people),
        level=np.clip([p.level for p in people], 0, MAX_LEVEL).astype(np.int16),
        department=np.asarray([departments[p.department] for p in people], dtype=np.int32),
        organisation=np.asarray([organisations[p.organisation] for p in people], dtype=np.int32),
        tin=tin,
        tout=tout,
        languages=_bitmask([[languages[x] for x in p.languages] for p in people]),
        availability=_bitmask([sorted(p.availability) for p in people]),
        tz=np.asarray([round(p.tz_offset_hours * 2) for p in people], dtype=np.int16),
        capacity=np.asarray([max(0, p.capacity) for p in people], dtype=np.int64),
    )


def _pair_matrix(pairs: Sequence[tuple[int, int]], shape: tuple[int, int]) -> sp.csr_matrix:
    if not pairs:
        return sp.csr_matrix(shape, dtype=np.float64)
    r, c = np.asarray(pairs, dtype=np.int64).T
    m = sp.csr_matrix((np.ones(len(r)), (r, c)), shape=shape)
    m.sum_duplicates()
    m.data[:] = 1.0
    m.sort_indices()
    return m


def build_population(instance: Instance, embedder: Embedder | None = None) -> Population:
    """Turn an instance into arrays; peers are scored as mentees against themselves."""
    mentees = instance.mentees
    mentors = instance.mentors if instance.rules.kind != "peer" else instance.mentees
    everyone = [*mentees, *mentors]
    _, dept_names = _codes([p.department for p in everyone])
    _, org_names = _codes([p.organisation for p in everyone])
    lang_names = sorted({x for p in everyone for x in p.languages})
    if len(lang_names) > 64:
        raise ValueError("at most 64 distinct languages per programme are supported")
    if any(s < 0 or s >= 64 for p in everyone for s in p.availability):
        raise ValueError("availability slots must lie in 0..63")
    departments = {v: i for i, v in enumerate(dept_names)}
    organisations = {v: i for i, v in enumerate(org_names)}
    languages = {v: i for i, v in enumerate(lang_names)}
    forest = _reporting_forest(everyone)
    e_side = _side(mentees, departments, organisations, languages, forest)
    m_side = _side(mentors, departments, organisations, languages, forest)

    skill_names = sorted(
        {s.skill for p in mentees for s in p.skills_sought}
        | {name for p in mentors for name, _ in p.skills_offered}
    )
    skill_index = {s: i for i, s in enumerate(skill_names)}
    n_skills = len(skill_names)
    width = n_skills * MAX_SKILL_LEVEL

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    raw_r: list[int] = []
    raw_c: list[int] = []
    raw_level: list[float] = []
    raw_prio: list[float] = []
    for i, p in enumerate(mentees):
        needs: dict[int, tuple[int, int]] = {}
        for need in p.skills_sought:
            level = int(np.clip(need.level, 1, MAX_SKILL_LEVEL))
            needs[skill_index[need.skill]] = (level, max(1, int(need.priority)))
        total = sum(prio for _, prio in needs.values())
        for k, (level, prio) in sorted(needs.items()):
            share = prio / total
            raw_r.append(i)
            raw_c.append(k)
            raw_level.append(level)
            raw_prio.append(share)
            for lv in range(level):
                rows.append(i)
                cols.append(k * MAX_SKILL_LEVEL + lv)
                vals.append(share / level)
    sought = sp.csr_matrix((vals, (rows, cols)), shape=(len(mentees), width))
    sought_raw = sp.csr_matrix((raw_level, (raw_r, raw_c)), shape=(len(mentees), n_skills))
    priority_raw = sp.csr_matrix((raw_prio, (raw_r, raw_c)), shape=(len(mentees), n_skills))

    rows, cols, vals = [], [], []
    raw_r, raw_c, raw_level = [], [], []
    for j, p in enumerate(mentors):
        offers: dict[int, int] = {}
        for name, level in p.skills_offered:
            k = skill_index[name]
            offers[k] = max(offers.get(k, 0), int(np.clip(level, 1, MAX_SKILL_LEVEL)))
        for k, level in sorted(offers.items()):
            raw_r.append(j)
            raw_c.append(k)
            raw_level.append(level)
            for lv in range(level):
                rows.append(j)
                cols.append(k * MAX_SKILL_LEVEL + lv)
                vals.append(1.0)
    offered = sp.csr_matrix((vals, (rows, cols)), shape=(len(mentors), width))
    offered_raw = sp.csr_matrix((raw_level, (raw_r, raw_c)), shape=(len(mentors), n_skills))

    texts = [p.goals for p in everyone]
    vocabulary: list[str] = []
    goal_labels: list[str] = []
    if embedder is None:
        # A person's languages decide the language of sentences that do not tell by themselves.
        goals = tfidf(texts, [p.languages for p in everyone])
        goal_vectors, vocabulary, goal_labels = goals.matrix, goals.vocabulary, goals.labels
    else:
        goal_vectors = embed(texts, embedder)
    goals_mentee = sp.csr_matrix(goal_vectors[: len(mentees)])
    goals_mentor = sp.csr_matrix(goal_vectors[len(mentees) :])

    e_index = {pid: i for i, pid in enumerate(e_side.ids)}
    m_index = {pid: j for j, pid in enumerate(m_side.ids)}
    shape = (len(mentees), len(mentors))
    e_pref = [(i, m_index[x]) for i, p in enumerate(mentees) for x in p.preferred if x in m_index]
    m_pref = [(e_index[x], j) for j, p in enumerate(mentors) for x in p.preferred if x in e_index]
    banned = [(i, m_index[x]) for i, p in enumerate(mentees) for x in p.avoided if x in m_index]
    banned += [(e_index[x], j) for j, p in enumerate(mentors) for x in p.avoided if x in e_index]
    banned += [
        (e_index[a], m_index[b]) for a, b in instance.declined if a in e_index and b in m_index
    ]
    if instance.rules.kind == "peer":
        # Peers decline or avoid each other whichever side they were listed on.
        banned += [(j, i) for i, j in banned]
    return Population(
        mentees=e_side,
        mentors=m_side,
        skill_names=tuple(skill_names),
        language_names=tuple(lang_names),
        vocabulary=tuple(vocabulary),
        goal_labels=tuple(goal_labels),
        sought=sought,
        offered=offered,
        sought_raw=sought_raw,
        priority_raw=priority_raw,
        offered_raw=offered_raw,
        goals_mentee=goals_mentee,
        goals_mentor=goals_mentor,
        mentee_prefers=_pair_matrix(e_pref, shape),
        mentor_prefers=_pair_matrix(m_pref, shape),
        forbidden=_pair_matrix(banned, shape),
    )


def _take_side(side: Side, order: np.ndarray) -> Side:
    return Side(
        ids=tuple(side.ids[j] for j in order.tolist()),
        level=side.level[order],
        department=side.department[order],
        organisation=side.organisation[order],
        tin=side.tin[order],
        tout=side.tout[order],
        languages=side.languages[order],
        availability=side.availability[order],
        tz=side.tz[order],
        capacity=side.capacity[order],
    )


def permute_mentors(pop: Population, order: np.ndarray) -> Population:
    """The same population with mentors listed in `order` (new j = old order[j])."""
    order = np.asarray(order, dtype=np.int64)
    return Population(
        mentees=pop.mentees,
        mentors=_take_side(pop.mentors, order),
        skill_names=pop.skill_names,
        language_names=pop.language_names,
        vocabulary=pop.vocabulary,
        goal_labels=pop.goal_labels,
        sought=pop.sought,
        offered=sp.csr_matrix(pop.offered[order]),
        sought_raw=pop.sought_raw,
        priority_raw=pop.priority_raw,
        offered_raw=sp.csr_matrix(pop.offered_raw[order]),
        goals_mentee=pop.goals_mentee,
        goals_mentor=sp.csr_matrix(pop.goals_mentor[order]),
        mentee_prefers=sp.csr_matrix(pop.mentee_prefers[:, order]),
        mentor_prefers=sp.csr_matrix(pop.mentor_prefers[:, order]),
        forbidden=sp.csr_matrix(pop.forbidden[:, order]),
    )
