"""The programme dashboard as CSV and XLSX: the page's figures, filters and anonymisation.

Both files hold the same rows (section, figure, value, unit), headed in the reader's
language. A figure missing from the page is missing here too, in the same words, never as a
number. The CSV writes numbers plainly (a dot before decimals) for any software to read, and
no cell runs as a formula; the XLSX stores real numbers, percentages and dates with number
formats, which the spreadsheet shows in its reader's regional settings.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook
from openpyxl.styles import Font

from mentora.analytics.anonymity import K
from mentora.analytics.dashboard_page import DashboardPage, Figure, filters_description
from mentora.analytics.labels import month_label
from mentora.core.spreadsheets import csv_download, safe_cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Built-in format 14: the short date of the spreadsheet's regional settings.
SHORT_DATE = "mm-dd-yy"

Row = tuple[str, str, Any, str]


def _headers() -> list[str]:
    return [_("Section"), _("Figure"), _("Value"), _("Unit")]


def _figure(section: str, item: Figure) -> Row:
    if item.value is None:
        return (section, item.label, item.missing, "")
    return (section, item.label, item.value, "%" if item.unit == "percent" else "")


def export_rows(page: DashboardPage) -> Iterator[tuple[Row, Figure | None]]:
    """Each row of the export, with the figure it shows (None for a fact or a date)."""
    about = _("Programme")
    yield (about, _("Name"), page.programme.name, ""), None
    yield (about, _("Figures on"), page.as_of, ""), None
    yield (about, _("Filters"), filters_description(page.filters), ""), None
    if page.anonymised:
        yield (
            (
                about,
                _("Anonymised"),
                ngettext(
                    "Figures describing fewer than %(k)s person are not shown.",
                    "Figures describing fewer than %(k)s people are not shown.",
                    K,
                )
                % {"k": K},
                "",
            ),
            None,
        )
    for objective in page.objectives:
        section = _("Objective: %(title)s") % {"title": objective.title}
        yield (section, _("Metric"), objective.metric, ""), None
        for item in (objective.baseline, objective.target):
            yield _figure(section, item), item
        yield (section, _("Target date"), objective.target_date, ""), None
        yield _figure(section, objective.current), objective.current
        yield (section, _("Status"), objective.status_label, ""), None
    for block in page.sections:
        for item in block.figures:
            yield _figure(block.title, item), item
    for month in page.months:
        section = _("Sessions in %(month)s") % {"month": month_label(str(month["month"]))}
        for key in ("planned", "held", "held_vs_planned"):
            figure = month[key]
            assert isinstance(figure, Figure)
            yield _figure(section, figure), figure


def file_name(page: DashboardPage, extension: str) -> str:
    slug = slugify(page.programme.name) or f"programme-{page.programme.pk}"
    return f"{slug}-dashboard-{page.as_of.isoformat()}.{extension}"


def _attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def dashboard_csv(page: DashboardPage) -> HttpResponse:
    """The figures as CSV; text cells never run as formulas."""
    response, writer = csv_download(file_name(page, "csv"))
    writer.writerow(_headers())
    for (section, label, value, unit), _item in export_rows(page):
        cell = value.isoformat() if isinstance(value, date) else value
        writer.writerow([safe_cell(section), safe_cell(label), safe_cell(cell), unit])
    return response


def _number_format(item: Figure) -> str:
    decimals = "0" if item.decimals == 0 else "0." + "0" * item.decimals
    return f"{decimals}%" if item.unit == "percent" else decimals


def dashboard_xlsx(page: DashboardPage) -> HttpResponse:
    """The figures as a workbook: numbers as numbers, percentages and dates formatted."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Dashboard")[:31]
    sheet.append(_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_number, ((section, label, value, unit), item) in enumerate(export_rows(page), start=2):
        for column, text in ((1, section), (2, label), (4, unit)):
            _text(sheet.cell(row=row_number, column=column), text)
        cell = sheet.cell(row=row_number, column=3)
        if isinstance(value, date):
            cell.value = value
            cell.number_format = SHORT_DATE
        elif isinstance(value, int | float) and item is not None:
            cell.value = value / 100 if item.unit == "percent" else value
            cell.number_format = _number_format(item)
        else:
            _text(cell, str(value))
    for letter, width in (("A", 36), ("B", 40), ("C", 24), ("D", 6)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    return _attachment(response, file_name(page, "xlsx"))


def _text(cell: Any, value: str) -> None:
    # openpyxl reads a string starting with "=" as a formula: typed text stays text.
    cell.value = value
    cell.data_type = "s"
