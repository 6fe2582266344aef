"""Reading HR exports: delimiters, BOM, French headers, dates, whole-file errors."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from mentora.hr_import.parse import HrFileError, decode, parse_date, parse_text

ENGLISH = "employee_id,email,first_name,last_name\r\nE1,ana@example.com,Ana,Lopez\r\n"
FRENCH = (
    "matricule;email;prenom;nom;service;date_entree\nE1;ana@example.com;Ana;López;RH;01/02/2020\n"
)


def test_english_header_with_commas_is_read():
    parsed = parse_text(ENGLISH)
    assert parsed.delimiter == ","
    assert parsed.rows[0].cells == {
        "employee_id": "E1",
        "email": "ana@example.com",
        "first_name": "Ana",
        "last_name": "Lopez",
    }


def test_french_header_with_semicolons_is_read():
    parsed = parse_text(FRENCH)
    assert parsed.delimiter == ";"
    assert parsed.rows[0].cells["department"] == "RH"
    assert parsed.rows[0].cells["last_name"] == "López"
    assert parsed.rows[0].cells["hire_date"] == "01/02/2020"


def test_accented_french_headers_are_recognised():
    parsed = parse_text(
        "Matricule;E-mail;Prénom;Nom;Date d'entrée\nE1;a@example.com;A;B;2020-01-01\n"
    )
    assert set(parsed.columns) == {"employee_id", "email", "first_name", "last_name", "hire_date"}


def test_utf8_bom_from_excel_is_stripped():
    text = decode("\ufeff".encode() + FRENCH.encode())
    assert parse_text(text).columns[0] == "employee_id"


def test_other_encodings_are_refused_with_a_clear_message():
    with pytest.raises(HrFileError) as error:
        decode(FRENCH.encode("cp1252"))
    assert error.value.code == "encoding"
    assert "UTF-8" in str(error.value)


def test_missing_required_column_is_a_whole_file_error():
    with pytest.raises(HrFileError) as error:
        parse_text("employee_id,first_name,last_name\nE1,Ana,Lopez\n")
    assert error.value.code == "missing_columns"
    with translation.override("en"):
        assert "e-mail address" in str(error.value)


def test_header_only_file_is_empty():
    with pytest.raises(HrFileError) as error:
        parse_text("employee_id,email,first_name,last_name\n")
    assert error.value.code == "empty"


def test_line_numbers_follow_the_file_and_skip_blank_lines():
    parsed = parse_text(ENGLISH + "\r\nE2,bo@example.com,Bo,Li\r\n")
    assert [row.line for row in parsed.rows] == [2, 4]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", date(2024, 3, 5)),
        ("05/03/2024", date(2024, 3, 5)),
        ("5.3.2024", date(2024, 3, 5)),
    ],
)
def test_dates_in_iso_and_french_order_are_parsed(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2024", "2024/13/01", "March 5", "05/03/24"])
def test_bad_dates_are_refused(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_a_spreadsheet_workbook_is_refused_with_a_clear_message():
    with pytest.raises(HrFileError) as error:
        decode(b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40)
    assert error.value.code == "spreadsheet"
    with translation.override("en"):
        assert "not a CSV file" in str(error.value)


def test_utf16_without_byte_order_mark_is_an_encoding_problem():
    with pytest.raises(HrFileError) as error:
        decode(ENGLISH.encode("utf-16-le"))
    assert error.value.code == "encoding"


def test_an_unclosed_quotation_mark_is_reported_on_its_line():
    text = ENGLISH + 'E2,bo@example.com,"Bo,Li\r\nE3,cy@example.com,Cy,Ng\r\n'
    with pytest.raises(HrFileError) as error:
        parse_text(text)
    assert (error.value.code, error.value.params) == ("unclosed_quote", {"line": 3})


def test_a_misplaced_quotation_mark_is_reported_on_its_line():
    with pytest.raises(HrFileError) as error:
        parse_text(ENGLISH + 'E2,bo@example.com,"Bo" Junior,Li\r\n')
    assert (error.value.code, error.value.params) == ("bad_quote", {"line": 3})


def test_quoted_cells_with_commas_and_doubled_quotes_are_read():
    parsed = parse_text(ENGLISH + 'E2,bo@example.com,"Bo ""B"", Jr",Li\r\n')
    assert parsed.rows[1].cells["first_name"] == 'Bo "B", Jr'
