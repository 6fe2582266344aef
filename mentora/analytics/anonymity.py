"""k-anonymity for sponsors (MEASURE.md, "Who sees what"), one pure step shared by the
dashboard page, its exports and the API.

Every figure is computed with its *base*: how many people (or answers, for a mean) it
describes. A sponsor's copy replaces by None every figure whose base is below k, and every
filtered figure whose complement, the same figure over a wider group minus the filtered one,
has a base from 1 to k − 1: subtracting the filtered figure from the wider one would describe
those few people (the difference attack). A complement of 0 is no risk: both figures are then
the same figure.

Bases are set so that no hidden figure can be worked back from the shown ones: a ratio takes
the smaller base of what it is made of (goal attainment reveals the goals achieved once the
total is known), and the counts inside the NPS share one base, the smallest of the three,
because the score and the number of answers pin the third count once two are known.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import ngettext

K = 5

# Where a figure sits in the dashboard: ("nps", "score"), ("objectives", 0, "current")…
Path = tuple[str | int, ...]


@dataclass
class Figures:
    """A dashboard as computed, before any anonymisation: `data` is the contract's JSON,
    `bases` the people or answers each figure describes, `withheld` the figures that cannot
    be computed for this group, with why."""

    data: dict[str, Any]
    bases: dict[Path, int] = field(default_factory=dict)
    withheld: dict[Path, str] = field(default_factory=dict)


def too_few(k: int) -> str:
    return ngettext(
        "Not enough answers: this figure would describe fewer than %(k)s person.",
        "Not enough answers: this figure would describe fewer than %(k)s people.",
        k,
    ) % {"k": k}


def difference(k: int) -> str:
    return ngettext(
        "Withheld: compared with the same figure without this filter, it would describe "
        "fewer than %(k)s person outside it.",
        "Withheld: compared with the same figure without this filter, it would describe "
        "fewer than %(k)s people outside it.",
        k,
    ) % {"k": k}


def _set(data: dict[str, Any], path: Path, value: Any) -> None:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def anonymise(
    figures: Figures, *, complements: Iterable[Figures] = (), k: int = K
) -> tuple[dict[str, Any], dict[Path, str]]:
    """A sponsor's copy of `figures.data` and why each hidden figure is hidden.
    `complements` are the figures over each wider group minus this one (none unfiltered)."""
    data = copy.deepcopy(figures.data)
    reasons: dict[Path, str] = dict(figures.withheld)
    for path, base in figures.bases.items():
        if path in reasons:
            continue
        if base < k:
            reasons[path] = too_few(k)
    for complement in complements:
        for path, base in complement.bases.items():
            if path not in reasons and 0 < base < k:
                reasons[path] = difference(k)
    for path in reasons:
        _set(data, path, None)
    # An objective whose value is hidden cannot say where it stands either.
    for index, objective in enumerate(data.get("objectives", [])):
        if ("objectives", index, "current") in reasons:
            objective["status"] = "not_enough_data"
    data["anonymised"] = True
    data["k"] = k
    return data, reasons


def reveal(figures: Figures) -> tuple[dict[str, Any], dict[Path, str]]:
    """A coordinator's copy: every figure, except those that cannot be computed."""
    data = copy.deepcopy(figures.data)
    for path in figures.withheld:
        _set(data, path, None)
    data["anonymised"] = False
    return data, dict(figures.withheld)


def path_name(path: Path) -> str:
    """A figure's path as the API writes it: "nps.score", "objectives.0.current"."""
    return ".".join(str(part) for part in path)
