"""Command line: solve instances given as CSV files or OR-Library assignment files."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

import numpy as np

from .flow import lexicographic_bonus, solve_assignment
from .orlib import read_assignment
from .peers import solve_peer_pairs

MAX_DECIMALS = 6
# OR-Tools multiplies costs by the node count internally; stay well inside int64.
COST_LIMIT = 2**62


class InputError(ValueError):
    """A malformed input file."""


def _read_rows(path: str, header: tuple[str, ...]) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        first = next(reader, None)
        if first is None or tuple(h.strip() for h in first) != header:
            raise InputError(f"{path}: the header must be {','.join(header)}")
        rows = [[cell.strip() for cell in row] for row in reader if row]
    for n, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise InputError(f"{path}:{n}: expected {len(header)} columns")
    return rows


def _scaled(scores: Sequence[str], path: str) -> tuple[np.ndarray, int]:
    """Exact integer scores: scaled by the smallest power of ten that makes them whole."""
    try:
        values = [Decimal(s) for s in scores]
    except InvalidOperation as exc:
        raise InputError(f"{path}: a score is not a number") from exc
    if any(not v.is_finite() for v in values):
        raise InputError(f"{path}: scores must be finite")
    decimals = max((max(0, -v.as_tuple().exponent) for v in values), default=0)  # type: ignore[operator]
    decimals = min(decimals, MAX_DECIMALS)
    scale = 10**decimals
    ints = np.array([int((v * scale).to_integral_value()) for v in values], dtype=np.int64)
    return ints, scale


def _emit(payload: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(payload) + "\n")


def _total(ints: np.ndarray, scale: int) -> int | float:
    total = int(ints.sum())
    return total if scale == 1 else total / scale


def solve_csv(edges: str, capacities: str, out: str | None) -> dict[str, object]:
    """Bipartite: most mentees matched, then the highest total score."""
    start = time.perf_counter()
    rows = _read_rows(edges, ("mentee", "mentor", "score"))
    caps = _read_rows(capacities, ("mentor", "capacity"))
    capacity_of: dict[str, int] = {}
    for mentor, cap in caps:
        try:
            capacity_of[mentor] = max(0, int(cap))
        except ValueError as exc:
            raise InputError(f"{capacities}: capacity of {mentor} is not an integer") from exc
    mentee_ids = sorted({r[0] for r in rows})
    mentor_ids = sorted(capacity_of)
    e_index = {x: i for i, x in enumerate(mentee_ids)}
    m_index = {x: j for j, x in enumerate(mentor_ids)}
    unknown = sorted({r[1] for r in rows} - set(m_index))
    if unknown:
        raise InputError(f"{capacities}: no capacity for mentor {unknown[0]}")
    weights, scale = _scaled([r[2] for r in rows], edges)
    e = np.array([e_index[r[0]] for r in rows], dtype=np.int64)
    m = np.array([m_index[r[1]] for r in rows], dtype=np.int64)
    # A repeated pair keeps its best score.
    order = np.lexsort((-weights, m, e))
    e, m, weights = e[order], m[order], weights[order]
    first = np.ones(len(e), dtype=bool)
    first[1:] = (e[1:] != e[:-1]) | (m[1:] != m[:-1])
    e, m, weights = e[first], m[first], weights[first]
    capacity = np.array([capacity_of[x] for x in mentor_ids], dtype=np.int64)
    most = min(len(mentee_ids), int(capacity.sum()))
    big_m = lexicographic_bonus(most, int(weights.max(initial=0)), int(weights.min(initial=0)))
    if big_m * (len(mentee_ids) + len(mentor_ids) + 2) >= COST_LIMIT:
        raise InputError(f"{edges}: scores too large or too precise for exact integer costs")
    result = solve_assignment(len(mentee_ids), len(mentor_ids), e, m, weights, capacity, big_m)
    matched = np.flatnonzero(result.mentor_of >= 0)
    lookup = {(int(a), int(b)): int(w) for a, b, w in zip(e, m, weights, strict=True)}
    chosen = np.array([lookup[(int(i), int(result.mentor_of[i]))] for i in matched], np.int64)
    seconds = time.perf_counter() - start
    if out:
        with open(out, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["mentee", "mentor", "score"])
            for i, w in zip(matched.tolist(), chosen.tolist(), strict=True):
                score = w if scale == 1 else Decimal(w) / scale
                writer.writerow([mentee_ids[i], mentor_ids[result.mentor_of[i]], score])
    return {"matched": len(matched), "total_score": _total(chosen, scale), "seconds": seconds}


def solve_peers_csv(edges: str, out: str | None) -> dict[str, object]:
    """General graph: most pairs first, then the highest total score (exact, certified)."""
    start = time.perf_counter()
    rows = _read_rows(edges, ("a", "b", "score"))
    ids = sorted({r[0] for r in rows} | {r[1] for r in rows})
    index = {x: i for i, x in enumerate(ids)}
    weights, scale = _scaled([r[2] for r in rows], edges)
    a = np.array([index[r[0]] for r in rows], dtype=np.int64)
    b = np.array([index[r[1]] for r in rows], dtype=np.int64)
    most = len(ids) // 2
    bonus = lexicographic_bonus(most, int(weights.max(initial=0)), int(weights.min(initial=0)))
    # The double cover runs on OR-Tools' min-cost flow; the blossom algorithm needs four
    # times the weights.
    if bonus * (2 * len(ids) + 2) >= COST_LIMIT or 8 * bonus * (most + 1) >= COST_LIMIT:
        raise InputError(f"{edges}: scores too large or too precise for exact integer costs")
    solution = solve_peer_pairs(len(ids), a, b, weights)
    best: dict[tuple[int, int], int] = {}
    for x, y, w in zip(a.tolist(), b.tolist(), weights.tolist(), strict=True):
        key = (min(x, y), max(x, y))
        best[key] = max(w, best.get(key, w))
    mate = solution.mate
    chosen = [(x, int(mate[x])) for x in np.flatnonzero(mate > np.arange(len(ids))).tolist()]
    picked = np.array([best[p] for p in chosen], dtype=np.int64)
    seconds = time.perf_counter() - start
    if out:
        with open(out, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["a", "b", "score"])
            for (x, y), w in zip(chosen, picked.tolist(), strict=True):
                writer.writerow([ids[x], ids[y], w if scale == 1 else Decimal(w) / scale])
    return {"matched": len(chosen), "total_score": _total(picked, scale), "seconds": seconds}


def solve_orlib(path: str) -> dict[str, object]:
    """Square assignment, minimise cost, everyone assigned."""
    start = time.perf_counter()
    cost = read_assignment(path)
    n = cost.shape[0]
    rows, cols = np.divmod(np.arange(n * n, dtype=np.int64), n)
    weights = -cost.ravel()
    big_m = lexicographic_bonus(n, int(weights.max()), int(weights.min()))
    result = solve_assignment(n, n, rows, cols, weights, np.ones(n, np.int64), big_m)
    if (result.mentor_of < 0).any():
        raise InputError(f"{path}: no complete assignment exists")
    total = int(cost[np.arange(n), result.mentor_of].sum())
    return {"n": n, "cost": total, "seconds": time.perf_counter() - start}


def build_parser() -> argparse.ArgumentParser:
    """Arguments of `python -m mentora.matching.engine`."""
    parser = argparse.ArgumentParser(
        prog="python -m mentora.matching.engine",
        description="Exact matching solvers behind Mentora, on plain files.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    solve = sub.add_parser("solve", help="mentees to mentors with capacities")
    solve.add_argument("--edges", required=True, help="CSV with header mentee,mentor,score")
    solve.add_argument("--capacities", required=True, help="CSV with header mentor,capacity")
    solve.add_argument("--out", help="write the chosen pairs to this CSV")
    peers = sub.add_parser("solve-peers", help="pairs among peers (general graph)")
    peers.add_argument("--edges", required=True, help="CSV with header a,b,score")
    peers.add_argument("--out", help="write the chosen pairs to this CSV")
    orlib = sub.add_parser("solve-orlib", help="an OR-Library assignNNN.txt file")
    orlib.add_argument("file")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and print one JSON line."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "solve":
            _emit(solve_csv(args.edges, args.capacities, args.out))
        elif args.command == "solve-peers":
            _emit(solve_peers_csv(args.edges, args.out))
        else:
            if not Path(args.file).is_file():
                raise InputError(f"{args.file}: no such file")
            _emit(solve_orlib(args.file))
    except (InputError, OSError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    return 0
