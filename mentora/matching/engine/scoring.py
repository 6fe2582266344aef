"""Vectorised pair scores: named parts for chosen pairs, totals for whole blocks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .features import HALF_HOURS_PER_DAY, MAX_LEVEL, Population
from .model import Rules

PARTS: tuple[str, ...] = (
    "skills",
    "goals",
    "seniority",
    "department",
    "language",
    "availability",
    "timezone",
    "preference",
)

# float32 block scores differ from the exact float64 ones by far less than this.
FLOAT32_MARGIN = 2e-3

# Shared slots beyond this add nothing: a few common slots a week are enough to meet.
ENOUGH_SHARED_SLOTS = 4


@dataclass(frozen=True)
class Tables:
    """Small lookup tables for the categorical parts; -inf marks a hard-rule violation."""

    seniority: np.ndarray  # index: mentor level - mentee level + MAX_LEVEL
    department: np.ndarray  # index: same department (0/1)
    language: np.ndarray  # index: share a language (0/1)
    availability: np.ndarray  # index: number of shared slots (0..64)
    timezone: np.ndarray  # index: (mentor tz - mentee tz) mod 48 half hours
    check_organisation: bool


def build_tables(rules: Rules) -> Tables:
    """Tables for the categorical parts under the programme's rules."""
    w = rules.weights
    diff = np.arange(-MAX_LEVEL, MAX_LEVEL + 1)
    if rules.kind == "peer":
        # Peers: within one level, closer is better.
        seniority = np.where(np.abs(diff) <= 1, w.seniority * (1 - np.abs(diff) / 2), -np.inf)
    else:
        # Traditional and group: mentor at least `gap` levels above; reverse: below.
        # Ideal is gap or gap+1; each further level costs a quarter of the weight.
        d = diff if rules.kind != "reverse" else -diff
        excess = np.maximum(0, d - rules.seniority_gap - 1)
        seniority = np.where(
            d >= rules.seniority_gap, w.seniority * np.maximum(0.0, 1 - excess / 4), -np.inf
        )
    department = {
        "any": [0.0, 0.0],
        "prefer_other": [w.department, 0.0],
        "require_other": [w.department, -np.inf],
        "prefer_same": [0.0, w.department],
        "require_same": [-np.inf, w.department],
    }[rules.department]
    language = [-np.inf if rules.language_required else 0.0, w.language]
    overlap = np.arange(65)
    availability = w.availability * np.minimum(overlap, ENOUGH_SHARED_SLOTS) / ENOUGH_SHARED_SLOTS
    d = np.arange(HALF_HOURS_PER_DAY)
    hours_apart = np.minimum(d, HALF_HOURS_PER_DAY - d) / 2
    timezone = w.timezone * (1 - hours_apart / 12)
    return Tables(
        seniority=np.asarray(seniority, dtype=np.float64),
        department=np.asarray(department, dtype=np.float64),
        language=np.asarray(language, dtype=np.float64),
        availability=np.asarray(availability, dtype=np.float64),
        timezone=np.asarray(timezone, dtype=np.float64),
        check_organisation=not rules.inter_company,
    )


def _rowwise_dot(
    a: sp.csr_matrix, b: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray
) -> np.ndarray:
    if a.shape[1] == 0 or len(rows) == 0:
        return np.zeros(len(rows))
    return np.asarray(a[rows].multiply(b[cols]).sum(axis=1), dtype=np.float64).ravel()


def _pair_lookup(m: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    if m.nnz == 0 or len(rows) == 0:
        return np.zeros(len(rows))
    return np.asarray(m[rows, cols], dtype=np.float64).ravel()


def _finite(table: np.ndarray) -> np.ndarray:
    return np.where(np.isfinite(table), table, 0.0)


def score_pairs(
    pop: Population, rules: Rules, rows: np.ndarray, cols: np.ndarray
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Named parts (float64, summing to the score) and a hard-rule feasibility mask."""
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    t = build_tables(rules)
    w = rules.weights
    e, m = pop.mentees, pop.mentors
    sen_idx = m.level[cols].astype(np.int64) - e.level[rows] + MAX_LEVEL
    same_dept = (e.department[rows] == m.department[cols]).astype(np.int64)
    shared_lang = ((e.languages[rows] & m.languages[cols]) != 0).astype(np.int64)
    overlap = np.bitwise_count(e.availability[rows] & m.availability[cols]).astype(np.int64)
    tz_idx = (m.tz[cols].astype(np.int64) - e.tz[rows]) % HALF_HOURS_PER_DAY
    parts = {
        "skills": w.skills * _rowwise_dot(pop.sought, pop.offered, rows, cols),
        "goals": w.goals * _rowwise_dot(pop.goals_mentee, pop.goals_mentor, rows, cols),
        "seniority": _finite(t.seniority)[sen_idx],
        "department": _finite(t.department)[same_dept],
        "language": _finite(t.language)[shared_lang],
        "availability": t.availability[overlap],
        "timezone": t.timezone[tz_idx],
        "preference": w.preference
        * 0.5
        * (
            _pair_lookup(pop.mentee_prefers, rows, cols)
            + _pair_lookup(pop.mentor_prefers, rows, cols)
        ),
    }
    ok = np.isfinite(t.seniority[sen_idx])
    ok &= np.isfinite(t.department[same_dept])
    ok &= np.isfinite(t.language[shared_lang])
    # Reporting line either way (and oneself): Euler-tour intervals that meet.
    ok &= ~((e.tin[rows] <= m.tout[cols]) & (m.tin[cols] <= e.tout[rows]))
    if t.check_organisation:
        ok &= e.organisation[rows] == m.organisation[cols]
    ok &= _pair_lookup(pop.forbidden, rows, cols) == 0
    return parts, ok


def total(parts: dict[str, np.ndarray]) -> np.ndarray:
    """Sum the parts in a fixed order so that totals are reproducible bit for bit."""
    out = np.zeros_like(parts[PARTS[0]])
    for name in PARTS:
        out = out + parts[name]
    return out


# Feature columns held by more than this share of mentors go to a dense product.
DENSE_COLUMN_SHARE = 1 / 32
# Largest (mentee profiles x mentor profiles) table for the categorical parts.
MAX_PROFILE_TABLE = 8_000_000


def _profiles(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of the given columns and, per entry, the index of its row."""
    stacked = np.stack([c.astype(np.int64) for c in columns], axis=1)
    unique, inverse = np.unique(stacked, axis=0, return_inverse=True)
    return unique, inverse.ravel().astype(np.int32)


class BlockScorer:
    """Scores blocks of mentees against all mentors at once, in float32, -inf if forbidden."""

    def __init__(self, pop: Population, rules: Rules) -> None:
        self.pop = pop
        self.rules = rules
        w = rules.weights
        t = build_tables(rules)
        self.tables = t
        f32 = np.float32
        left = sp.hstack([pop.sought * w.skills, pop.goals_mentee * w.goals], format="csc")
        right = sp.hstack([pop.offered, pop.goals_mentor], format="csc", dtype=f32)
        # Popular features (common goal words, common skills) are cheaper as a dense
        # product; rare ones stay sparse so that long vocabularies cost little.
        held = np.diff(right.indptr)
        dense = held > max(1.0, DENSE_COLUMN_SHARE * right.shape[0])
        self.left_dense = sp.csr_matrix(left[:, dense], dtype=f32)
        self.right_dense = np.ascontiguousarray(right[:, dense].toarray().T)
        self.left_sparse = sp.csr_matrix(left[:, ~dense], dtype=f32)
        self.right_sparse_t = sp.csr_matrix(right[:, ~dense].T, dtype=f32)
        self.preference = sp.csr_matrix(
            (pop.mentee_prefers + pop.mentor_prefers) * (0.5 * w.preference), dtype=f32
        )
        e, m = pop.mentees, pop.mentors
        # Seniority, time zone, language and organisation depend on few distinct values:
        # score every (mentee profile, mentor profile) once, then gather.
        e_prof, self.e_code = _profiles(e.level, e.tz, e.languages.view(np.int64), e.organisation)
        m_prof, m_code = _profiles(m.level, m.tz, m.languages.view(np.int64), m.organisation)
        self.m_code = m_code.astype(np.intp)  # plain fancy indexing beats np.take here
        if len(e_prof) * len(m_prof) > MAX_PROFILE_TABLE:
            raise ValueError("too many distinct participant profiles for the profile table")
        el, et, eg, eo = (e_prof[:, k][:, None] for k in range(4))
        ml, mt, mg, mo = (m_prof[:, k][None, :] for k in range(4))
        shared = (eg.astype(np.uint64) & mg.astype(np.uint64)) != 0
        table = (
            t.seniority[ml - el + MAX_LEVEL]
            + t.language[shared.astype(np.int64)]
            + t.timezone[(mt - et) % HALF_HOURS_PER_DAY]
        )
        if t.check_organisation:
            table = np.where(eo == mo, table, -np.inf)
        self.profile_table = np.ascontiguousarray(table, dtype=f32)
        # Department and availability are affine in a 0/1 flag and in min(shared slots,
        # enough): constant parts go into the profile table, the rest is one masked add
        # and one multiply-add instead of two table gathers over the whole block.
        dept = t.department
        self.dept_same: np.ndarray | None = None  # -inf side of a "require" rule
        self.dept_delta = np.float32(0.0)
        if np.isfinite(dept).all():
            self.profile_table += f32(dept[0])
            self.dept_delta = f32(dept[1] - dept[0])
        else:
            self.dept_same = np.asarray(np.isfinite(dept[1]))
            self.profile_table += f32(dept[np.isfinite(dept)][0])
        self.avail_step = f32(w.availability / ENOUGH_SHARED_SLOTS)
        narrow = max(int(e.availability.max(initial=0)), int(m.availability.max(initial=0))) < 2**32
        avail_type = np.uint32 if narrow else np.uint64
        self.e_avail = e.availability.astype(avail_type)
        self.m_avail = m.availability.astype(avail_type)
        self.m_dept = m.department
        self.m_tin = m.tin
        self.m_tout = m.tout
        self.n_mentors = len(m)
        self._right_dense_f = np.asfortranarray(self.right_dense)

    def block(self, rows: np.ndarray, cols: np.ndarray | None = None) -> np.ndarray:
        """Scores of the given mentees against every mentor (or the given ones), float32.

        Hard rules give -inf.
        """
        e = self.pop.mentees
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) and rows[-1] - rows[0] == len(rows) - 1:
            rows = slice(int(rows[0]), int(rows[-1]) + 1)  # type: ignore[assignment]  # contiguous: cheap sparse slices
        if cols is None:
            right_dense, right_sparse = self.right_dense, self.right_sparse_t
            m_code, m_dept, m_avail = self.m_code, self.m_dept, self.m_avail
            m_tin, m_tout = self.m_tin, self.m_tout
        else:
            cols = np.asarray(cols, dtype=np.int64)
            right_dense = np.ascontiguousarray(self._right_dense_f[:, cols])
            right_sparse = self.right_sparse_t[:, cols]
            m_code, m_dept, m_avail = self.m_code[cols], self.m_dept[cols], self.m_avail[cols]
            m_tin, m_tout = self.m_tin[cols], self.m_tout[cols]
        out = np.asarray(self.left_dense[rows] @ right_dense, dtype=np.float32)
        if self.left_sparse.shape[1]:
            extra = self.left_sparse[rows] @ right_sparse
            if extra.nnz:
                extra = extra.tocoo()
                out[extra.row, extra.col] += extra.data
        out += self.profile_table[self.e_code[rows]][:, m_code]
        e_dept = e.department[rows, None]
        if self.dept_same is not None:
            wrong = (e_dept != m_dept[None, :]) if self.dept_same else (e_dept == m_dept[None, :])
            out[wrong] = -np.inf
        elif self.dept_delta != 0:
            np.add(out, self.dept_delta, out=out, where=e_dept == m_dept[None, :])
        overlap = np.bitwise_count(self.e_avail[rows, None] & m_avail[None, :])  # type: ignore[operator]
        np.minimum(overlap, ENOUGH_SHARED_SLOTS, out=overlap)
        out += overlap * self.avail_step
        line = (e.tin[rows, None] <= m_tout[None, :]) & (m_tin[None, :] <= e.tout[rows, None])
        out[line] = -np.inf
        for matrix, forbid in ((self.preference, False), (self.pop.forbidden, True)):
            sub = matrix[rows] if cols is None else matrix[rows][:, cols]
            if sub.nnz:
                sub = sub.tocoo()
                if forbid:
                    out[sub.row, sub.col] = -np.inf
                else:
                    out[sub.row, sub.col] += sub.data
        return out
