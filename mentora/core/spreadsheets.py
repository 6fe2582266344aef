"""Cells written to CSV files that people open in spreadsheet software."""

from __future__ import annotations

# A cell starting with one of these runs as a formula in spreadsheet software: what people
# typed (names, titles, answers) must never execute on the reader's computer.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value as a spreadsheet shows it, never as a formula it would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value
