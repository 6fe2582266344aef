"""The dashboard's CSV and XLSX exports: the page's numbers, filters and anonymisation."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import openpyxl
import pytest
from django.urls import reverse

from mentora.analytics.dashboard_page import build_dashboard_page
from tests.analytics.world import AS_OF


@pytest.fixture
def readers(world, coordinator, sponsor):
    world.programme.coordinators.add(coordinator.user)
    world.programme.sponsors.add(sponsor.user)
    return world


def _download(client, membership, programme, name: str, query: str = ""):
    client.force_login(membership.user)
    return client.get(reverse(name, args=[programme.pk]) + query)


def _csv(response) -> dict[tuple[str, str], str]:
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Section", "Figure", "Value", "Unit"]
    return {(section, figure): value for section, figure, value, _unit in rows[1:]}


def _xlsx(response) -> dict[tuple[str, str], object]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Section", "Figure", "Value", "Unit")
    return {(row[0], row[1]): row[2] for row in rows[1:]}


def test_the_csv_holds_the_pages_numbers(client, readers, coordinator):
    cells = _csv(_download(client, coordinator, readers.programme, "dashboard:csv"))
    page = build_dashboard_page(readers.programme, anonymised=False, params={}, as_of=AS_OF)
    for section in page.sections:
        for figure in section.figures:
            assert cells[(section.title, figure.label)] == str(figure.value)
    assert cells[("Goals", "Goal attainment")] == "44.4"
    assert cells[("Feedback", "Net promoter score")] == "14"
    assert cells[("Sessions in May 2027", "Held vs planned")] == "50.0"


def test_the_xlsx_stores_numbers_percentages_and_dates(client, readers, coordinator):
    cells = _xlsx(_download(client, coordinator, readers.programme, "dashboard:xlsx"))
    assert cells[("Feedback", "Satisfaction (out of 5)")] == 3.9
    assert cells[("Funnel (people)", "Applied")] == 13
    assert cells[("Goals", "Goal attainment")] == pytest.approx(0.444)
    assert cells[("Programme", "Figures on")] == datetime(2028, 3, 15)
    assert cells[("Objective: nps", "Target date")] == datetime(2028, 6, 30)


def test_the_xlsx_formats_its_cells(client, readers, coordinator):
    response = _download(client, coordinator, readers.programme, "dashboard:xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    formats = {(row[1].value): row[2].number_format for row in sheet.iter_rows(min_row=2)}
    assert formats["Goal attainment"] == "0.0%"
    assert formats["Session rating (out of 5)"] == "0.0"
    assert formats["Figures on"] == "mm-dd-yy"


def test_the_exports_are_headed_in_the_readers_language(client, readers, coordinator):
    coordinator.user.language = "fr"
    coordinator.user.save()
    response = _download(client, coordinator, readers.programme, "dashboard:xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == ["Rubrique", "Indicateur", "Valeur", "Unité"]
    assert sheet.title == "Tableau de bord"


def test_a_sponsors_exports_hold_not_enough_answers_never_the_number(client, readers, sponsor):
    csv_cells = _csv(_download(client, sponsor, readers.programme, "dashboard:csv"))
    xlsx_cells = _xlsx(_download(client, sponsor, readers.programme, "dashboard:xlsx"))
    for cells in (csv_cells, xlsx_cells):
        assert cells[("Goals", "goals achieved")] == "Not enough answers"
        assert cells[("Feedback", "Promoters (9–10)")] == "Not enough answers"
        assert cells[("Objective: goals", "Current value")] == "Not enough answers"
    assert csv_cells[("Feedback", "Satisfaction (out of 5)")] == "3.9"


def test_the_exports_apply_the_pages_filters(client, readers, coordinator):
    it = readers.departments["IT"]
    query = f"?department={it.pk}"
    cells = _csv(_download(client, coordinator, readers.programme, "dashboard:csv", query))
    page = build_dashboard_page(
        readers.programme, anonymised=False, params={"department": str(it.pk)}, as_of=AS_OF
    )
    assert cells[("Programme", "Filters")] == "department IT"
    active = page.figures["relationships_active"].value
    assert cells[("Relationships", "active relationships")] == str(active)


def test_csv_cells_never_run_as_formulas(client, readers, coordinator):
    readers.programme.name = '=HYPERLINK("http://evil")'
    readers.programme.save()
    cells = _csv(_download(client, coordinator, readers.programme, "dashboard:csv"))
    assert cells[("Programme", "Name")] == '\'=HYPERLINK("http://evil")'


def test_xlsx_text_is_never_a_formula(client, readers, coordinator):
    readers.programme.name = "=1+1"
    readers.programme.save()
    response = _download(client, coordinator, readers.programme, "dashboard:xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert (sheet["C2"].value, sheet["C2"].data_type) == ("=1+1", "s")


def test_the_file_names_carry_the_programmes_slug_and_the_date(client, readers, coordinator):
    readers.programme.name = "Women in Tech 2027"
    readers.programme.save()
    response = _download(client, coordinator, readers.programme, "dashboard:xlsx")
    expected = 'attachment; filename="women-in-tech-2027-dashboard-2028-03-15.xlsx"'
    assert response["Content-Disposition"] == expected


@pytest.mark.parametrize("name", ["dashboard:csv", "dashboard:xlsx"])
def test_a_member_may_not_export(client, readers, member, name):
    assert _download(client, member, readers.programme, name).status_code == 403
