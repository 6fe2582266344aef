from __future__ import annotations

import csv
import json

import numpy as np

from mentora.matching.engine.cli import main
from mentora.matching.engine.groups import cohesion_bound, exact_groups
from mentora.matching.engine.stable import deferred_acceptance, stable_from_scores


def _write(path, header, rows):
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def test_solve_prints_matched_and_total_and_writes_pairs(tmp_path, capsys):
    edges = _write(
        tmp_path / "edges.csv",
        ["mentee", "mentor", "score"],
        [["a", "x", 5], ["a", "y", 4], ["b", "x", 3], ["c", "y", -2]],
    )
    caps = _write(tmp_path / "caps.csv", ["mentor", "capacity"], [["x", 1], ["y", 1]])
    out = tmp_path / "pairs.csv"
    assert main(["solve", "--edges", edges, "--capacities", caps, "--out", str(out)]) == 0
    payload = json.loads(capsys.readouterr().out)
    # Matching two beats one: a-y and b-x (7) rather than a-x alone, c stays out.
    assert payload["matched"] == 2 and payload["total_score"] == 7
    assert sorted(out.read_text().splitlines()[1:]) == ["a,y,4", "b,x,3"]


def test_solve_keeps_decimal_scores_exact(tmp_path, capsys):
    edges = _write(tmp_path / "e.csv", ["mentee", "mentor", "score"], [["a", "x", "0.125"]])
    caps = _write(tmp_path / "c.csv", ["mentor", "capacity"], [["x", 2]])
    assert main(["solve", "--edges", edges, "--capacities", caps]) == 0
    assert json.loads(capsys.readouterr().out)["total_score"] == 0.125


def test_solve_rejects_a_mentor_without_capacity(tmp_path, capsys):
    edges = _write(tmp_path / "e.csv", ["mentee", "mentor", "score"], [["a", "x", 1]])
    caps = _write(tmp_path / "c.csv", ["mentor", "capacity"], [["y", 1]])
    assert main(["solve", "--edges", edges, "--capacities", caps]) == 2
    assert "no capacity for mentor x" in capsys.readouterr().err


def test_solve_peers_finds_the_maximum_matching(tmp_path, capsys):
    edges = _write(
        tmp_path / "e.csv",
        ["a", "b", "score"],
        [["p", "q", 10], ["q", "r", 1], ["r", "s", 1], ["p", "s", 1]],
    )
    assert main(["solve-peers", "--edges", edges]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["matched"] == 2 and payload["total_score"] == 11


def test_deferred_acceptance_is_mentee_optimal_and_respects_capacity():
    prefs = [[0, 1], [0, 1], [0]]
    ranks = [{2: 0, 0: 1, 1: 2}, {0: 0, 1: 1}]
    assert deferred_acceptance(prefs, ranks, [1, 1]) == [1, -1, 0]


def test_stable_from_shared_scores_equals_greedy():
    rows, cols, scores = [0, 0, 1, 1], [0, 1, 0, 1], [5.0, 4.0, 4.5, 1.0]
    assert stable_from_scores(rows, cols, scores, 2, [1, 1]) == [0, 1]


def test_exact_groups_uses_cohesion_to_break_ties():
    weights = np.zeros((4, 2))
    allowed = np.ones((4, 2), dtype=bool)
    cohesion = np.zeros((4, 4))
    cohesion[0, 1] = cohesion[1, 0] = 1.0
    cohesion[2, 3] = cohesion[3, 2] = 1.0
    value, mentor_of = exact_groups(weights, allowed, np.array([2, 2]), cohesion)
    assert value == 2.0
    assert mentor_of[0] == mentor_of[1] and mentor_of[2] == mentor_of[3]
    assert cohesion_bound(cohesion, 2) == 2.0
