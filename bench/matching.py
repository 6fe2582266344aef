"""Matching benchmark: engine vs naive baselines vs an independent exact reference.

Run `python bench/matching.py` (full: 1,000 to 100,000 mentees) or with `--quick`;
each size runs in a fresh process so that its peak memory is its own.
`python bench/matching.py --peers 2000,10000` measures peer programmes instead (exact
blossom matching certified on the complete graph) and prints their table.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FULL_SIZES = "1000,2000,5000,10000,20000,50000,100000"
QUICK_SIZES = "1000,2000,5000"
REFERENCE_LIMIT = 5000  # mentees; the slot-expanded dense matrix is mentees x mentees


def run_one(n_mentees: int, seed: int) -> dict[str, object]:
    """Generate, match, compare; returns one table row."""
    import numpy as np

    from mentora.matching.engine.assign import solve_population, stable_population
    from mentora.matching.engine.baselines import first_come_first_served, global_greedy
    from mentora.matching.engine.certify import exact_weights
    from mentora.matching.engine.features import build_population
    from mentora.matching.engine.flow import SCALE
    from mentora.matching.engine.generate import generate
    from mentora.matching.engine.reference import slot_expanded_optimum
    from mentora.matching.engine.scoring import BlockScorer

    n_mentors = n_mentees // 5
    instance = generate(n_mentees, n_mentors, seed=seed, capacity=5)
    rules = instance.rules
    t0 = time.perf_counter()
    pop = build_population(instance)
    features = time.perf_counter() - t0
    empty = np.zeros(0, dtype=np.int64)
    load_before = (
        Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    )
    t1 = time.perf_counter()
    solved = solve_population(pop, rules, empty, empty)
    wall = time.perf_counter() - t1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"

    def value(mentor_of: np.ndarray) -> tuple[int, float]:
        rows = np.flatnonzero(mentor_of >= 0)
        w, ok = exact_weights(pop, rules, rows, mentor_of[rows])
        assert ok.all()
        return len(rows), float(w.sum()) / SCALE

    ours = value(solved.mentor_of)
    t2 = time.perf_counter()
    stable_of = stable_population(pop, rules, solved.scan, empty, empty)
    stable_s = time.perf_counter() - t2
    stable = value(stable_of)
    scorer = BlockScorer(pop, rules)
    greedy = value(global_greedy(scorer, solved.scan, rules.min_score))
    fcfs = value(first_come_first_served(scorer, rules.min_score))
    reference: tuple[int, float] | None = None
    if n_mentees <= REFERENCE_LIMIT:
        r, c = np.divmod(np.arange(n_mentees * n_mentors), n_mentors)
        w, ok = exact_weights(pop, rules, r, c)
        m, total, _ = slot_expanded_optimum(
            w.reshape(n_mentees, n_mentors), ok.reshape(n_mentees, n_mentors), pop.mentors.capacity
        )
        reference = (m, total / SCALE)
    s = solved.stats
    return {
        "mentees": n_mentees,
        "mentors": n_mentors,
        "features_s": features,
        "scan_s": s["scan_seconds"],
        "solve_s": s["solve_seconds"],
        "certify_s": s["certify_seconds"],
        "engine_wall_s": wall,
        "rounds": solved.rounds,
        "rescored_share": s["pairs_rescored"] / s["pairs_total"],
        "arcs": s["arcs_final"],
        "stable": stable,
        "stable_s": stable_s,
        "certified": solved.certified,
        "peak_mb": peak_mb,
        "load_before": load_before,
        "load_after": load,
        "matched": ours[0],
        "total": ours[1],
        "greedy": greedy,
        "fcfs": fcfs,
        "reference": reference,
    }


def run_peers(n_peers: int, seed: int) -> dict[str, object]:
    """One peer programme (the generated mentees and mentors together) through match()."""
    from mentora.matching.engine import Instance, Rules, match
    from mentora.matching.engine.generate import generate

    base = generate(n_peers * 4 // 5, n_peers // 5, seed=seed)
    instance = Instance(base.mentees + base.mentors, (), Rules(kind="peer"))
    load_before = Path("/proc/loadavg").read_text().split()[0]
    t0 = time.perf_counter()
    result = match(instance)
    wall = time.perf_counter() - t0
    s = result.stats
    return {
        "peers": n_peers,
        "wall_s": wall,
        "cover_s": s["cover_seconds"],
        "solve_s": s["solve_seconds"],
        "certify_s": s["certify_seconds"],
        "rounds": result.rounds,
        "pairs_added": s["pairs_added"],
        "candidates": s["candidates"],
        "stages": s["stages"],
        "blossoms": s["blossoms"],
        "pairs": result.matched,
        "total": result.total_score,
        "certified": result.certified,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load": f"{load_before}/{Path('/proc/loadavg').read_text().split()[0]}",
    }


def peer_table(rows: list[dict[str, object]]) -> str:
    """Markdown table of peer programme runs."""
    head = (
        "| peers | engine wall s | cover s | blossom s | certify s | rounds | pairs added | "
        "stages | pairs | total score | certified | peak MB | load before/after |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    lines = [
        f"| {r['peers']:,} | {r['wall_s']:.1f} | {r['cover_s']:.1f} | {r['solve_s']:.1f} | "
        f"{r['certify_s']:.1f} | {r['rounds']} | {r['pairs_added']:,.0f} | {r['stages']:,.0f} | "
        f"{r['pairs']:,} | {r['total']:,.3f} | {'yes' if r['certified'] else 'no'} | "
        f"{r['peak_mb']:,.0f} | {r['load']} |"
        for r in rows
    ]
    return head + "\n".join(lines) + "\n"


def machine() -> str:
    """CPU model, cores, memory, Python and library versions."""
    import networkx
    import numpy
    import ortools
    import scipy

    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GB"
    import os

    return (
        f"- CPU: {cpu}, {os.cpu_count()} cores; RAM: {mem}\n"
        f"- Python {platform.python_version()}, numpy {numpy.__version__}, scipy "
        f"{scipy.__version__}, OR-Tools {ortools.__version__}, networkx {networkx.__version__}"
    )


def _gap(ours: tuple[int, float], other: tuple[int, float]) -> str:
    lost = (ours[1] - other[1]) / ours[1] * 100 if ours[1] else 0.0
    return f"{other[0]:,} ({ours[0] - other[0]:+,}) / {other[1]:,.1f} (-{lost:.1f} %)"


def table(rows: list[dict[str, object]]) -> str:
    """Markdown table of the results."""
    head = (
        "| mentees × mentors | scoring s | solve s | certify s | engine wall s | rounds | "
        "rescored | certified | peak MB | matched | total score | reference (LSA) | stable "
        "matched (Δ) / score (gap) | greedy matched (Δ) / score (gap) | first-come matched "
        "(Δ) / score (gap) |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    lines = []
    for r in rows:
        ref = r["reference"]
        if ref is None:
            ref_text = "too large"
        else:
            same = ref[0] == r["matched"] and abs(ref[1] - r["total"]) < 1e-6
            ref_text = f"{ref[0]:,} / {ref[1]:,.3f} ({'equal' if same else 'DIFFERENT'})"
        lines.append(
            f"| {r['mentees']:,} × {r['mentors']:,} | {r['scan_s']:.1f} | {r['solve_s']:.1f} | "
            f"{r['certify_s']:.1f} | {r['engine_wall_s']:.1f} | {r['rounds']} | "
            f"{100 * r['rescored_share']:.2f} % | "
            f"{'yes' if r['certified'] else 'no'} | {r['peak_mb']:,.0f} | {r['matched']:,} | "
            f"{r['total']:,.3f} | {ref_text} | {_gap((r['matched'], r['total']), r['stable'])} | "
            f"{_gap((r['matched'], r['total']), r['greedy'])} | "
            f"{_gap((r['matched'], r['total']), r['fcfs'])} |"
        )
    return head + "\n".join(lines) + "\n"


# First heading of the sections this command does not measure (see --peers).
KEPT_SECTIONS = "## Group and peer programmes"


def main() -> int:
    """Run the sizes asked for and write the results file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", help=f"comma-separated mentee counts (default {FULL_SIZES})")
    parser.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES}")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "matching.md"))
    parser.add_argument("--peers", help="comma-separated peer counts: peer programmes only")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-peers", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.seed)))
        return 0
    if args.one_peers:
        print(json.dumps(run_peers(args.one_peers, args.seed)))
        return 0
    if args.peers:
        peer_rows = []
        for n in (int(x) for x in args.peers.split(",")):
            done = subprocess.run(
                [sys.executable, __file__, "--one-peers", str(n), "--seed", str(args.seed)],
                capture_output=True,
                text=True,
                check=True,
            )
            peer_rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(peer_table(peer_rows), end="")
        return 0
    sizes = [int(x) for x in (args.sizes or (QUICK_SIZES if args.quick else FULL_SIZES)).split(",")]
    rows = []
    for n in sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(table([row]).splitlines()[-1], flush=True)
    command = "python bench/matching.py " + " ".join(sys.argv[1:])
    text = (
        "# Matching benchmark\n\n"
        f"Command: `{command.strip()}`; seed {args.seed}; mentors = mentees / 5, capacity 5; "
        "synthetic population from `mentora.matching.engine.generate` (departments, levels, "
        "long-tail skills, languages, availability, 2 % popular mentors many mentees name).\n\n"
        f"{machine()}\n\n"
        "Scoring = one blockwise pass over every pair (top lists and bounds); solve = all "
        "min-cost-flow solves; certify = all dual checks on the complete graph. Engine wall "
        "excludes building the feature arrays from Participant objects. Peak memory is the "
        "whole process (ru_maxrss), baselines and reference included.\n\n" + table(rows)
    )
    out = Path(args.out)
    # The group and peer sections come from other commands (--peers): keep them.
    previous = out.read_text() if out.exists() else ""
    kept = previous[previous.index(KEPT_SECTIONS) :] if KEPT_SECTIONS in previous else ""
    out.write_text(text + ("\n" + kept if kept else ""))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
