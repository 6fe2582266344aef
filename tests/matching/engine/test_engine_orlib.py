from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mentora.matching.engine.cli import solve_orlib

DATA = Path(__file__).parent / "data" / "orlib"
KNOWN_OPTIMA = {
    "assign100.txt": 305,
    "assign200.txt": 475,
    "assign300.txt": 626,
    "assign400.txt": 804,
    "assign500.txt": 991,
    "assign600.txt": 1176,
    "assign700.txt": 1362,
    "assign800.txt": 1552,
}


def test_every_known_instance_is_present():
    assert sorted(p.name for p in DATA.glob("assign*.txt")) == sorted(KNOWN_OPTIMA)


@pytest.mark.parametrize("name", sorted(KNOWN_OPTIMA))
def test_it_finds_the_known_optimum(name):
    result = solve_orlib(str(DATA / name))
    assert result["cost"] == KNOWN_OPTIMA[name]
    assert result["n"] == int(name[len("assign") : -len(".txt")])


def test_the_command_prints_one_json_line():
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "mentora.matching.engine",
            "solve-orlib",
            str(DATA / "assign100.txt"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    payload = json.loads(out)
    assert set(payload) == {"n", "cost", "seconds"}
    assert payload["cost"] == 305
