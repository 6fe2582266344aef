"""Cells written to CSV files that people open in spreadsheet software."""

from __future__ import annotations

import csv
from typing import Any

from django.http import HttpResponse

# A cell starting with one of these runs as a formula in spreadsheet software: what people
# typed (names, titles, answers) must never execute on the reader's computer.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value as a spreadsheet shows it, never as a formula it would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def csv_download(file_name: str) -> tuple[HttpResponse, Any]:
    """An empty CSV download named `file_name`, and the writer to fill it: UTF-8 with the
    byte-order mark spreadsheet software needs to detect it. Cells still go through
    `safe_cell`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response.write("\ufeff")
    return response, csv.writer(response)
