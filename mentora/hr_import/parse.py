"""HR import: read an HR system's CSV export (English or French headers, `,` or `;`, BOM).

Parsing lives here; planning (what each row will do) in plan.py, on top of state.py (the
organisation as it is), rows.py (each row on its own) and reporting_lines.py (managers and
cycles); writes in apply.py (with bulk.py); the dry run and apply of a stored file in runs.py,
and the services the views call (which run them now or queue tasks.py) in services.py.
Messages are stored as codes with parameters and translated when shown, so that each admin
reads a report in their own language.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Canonical columns, in the order of the downloadable template.
COLUMNS = [
    "employee_id",
    "email",
    "first_name",
    "last_name",
    "department",
    "site",
    "job_title",
    "seniority_level",
    "manager_employee_id",
    "hire_date",
    "leave_date",
]
FRENCH_COLUMNS = [
    "matricule",
    "email",
    "prenom",
    "nom",
    "service",
    "site",
    "poste",
    "niveau",
    "matricule_manager",
    "date_entree",
    "date_sortie",
]
REQUIRED_COLUMNS = ["employee_id", "email", "first_name", "last_name"]
# Columns kept on the person's account; the others are kept on their membership.
USER_COLUMNS = ["email", "first_name", "last_name"]

# Header spellings accepted for each column, after normalisation (lower case, no accents,
# words joined by "_").
_ALIASES = {
    "employee_id": {"employee_id", "employee_number", "matricule", "id_employe", "numero_employe"},
    "email": {"email", "e_mail", "mail", "courriel", "adresse_email", "adresse_e_mail"},
    "first_name": {"first_name", "firstname", "given_name", "prenom"},
    "last_name": {"last_name", "lastname", "surname", "family_name", "nom", "nom_de_famille"},
    "department": {"department", "service", "departement", "direction"},
    "site": {"site", "location", "office", "lieu", "etablissement"},
    "job_title": {"job_title", "title", "job", "poste", "fonction", "intitule_du_poste"},
    "seniority_level": {"seniority_level", "seniority", "level", "niveau", "niveau_hierarchique"},
    "manager_employee_id": {
        "manager_employee_id",
        "manager_id",
        "manager",
        "matricule_manager",
        "matricule_du_manager",
        "matricule_responsable",
    },
    "hire_date": {"hire_date", "hired_on", "start_date", "date_entree", "date_d_entree"},
    "leave_date": {
        "leave_date",
        "left_on",
        "end_date",
        "termination_date",
        "date_sortie",
        "date_de_sortie",
    },
}
_HEADER_LOOKUP = {alias: column for column, aliases in _ALIASES.items() for alias in aliases}

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_LENGTHS = {
    "employee_id": 64,
    "email": 254,
    "first_name": 150,
    "last_name": 150,
    "department": 150,
    "site": 150,
    "job_title": 150,
}

# Whole-file problems: nothing can be planned.
FILE_ERRORS = {
    "encoding": _(
        "The file is not encoded in UTF-8. In Excel, choose “Save as” › “CSV UTF-8 "
        "(comma delimited)” and upload it again."
    ),
    "empty": _("The file is empty: it needs a header row and one row per employee."),
    "missing_columns": _(
        "The header row lacks required columns: %(columns)s. Expected headers (English or "
        "French) are listed on the import page; download the template to start from."
    ),
    "duplicate_columns": _("The header row names the same column twice: %(columns)s."),
    "too_large": _("The file is larger than %(size)s MB. Split it into several files."),
    "malformed": _("The file could not be read as CSV near line %(line)s: %(detail)s."),
    "spreadsheet": _(
        "This is a spreadsheet workbook (.xlsx or .xls), not a CSV file. In Excel, choose "
        "“Save as” › “CSV UTF-8 (comma delimited)” and upload the CSV file."
    ),
    "unclosed_quote": _(
        "A quotation mark opened on line %(line)s is never closed, so the rest of the file "
        "would be read as a single cell. Fix that line and upload the file again."
    ),
    "bad_quote": _(
        "A quotation mark on line %(line)s is misplaced: a cell in quotation marks must end "
        'with one, and a quotation mark inside a cell is written twice ("").'
    ),
    "cell_too_large": _(
        "A cell near line %(line)s is longer than %(size)s characters: the file is probably "
        "not an HR export, or a quotation mark is not closed."
    ),
    "plan_failed": _(
        "The file could not be checked, and nothing was changed. Upload it again; if the "
        "problem persists, contact your Mentora administrator."
    ),
    "apply_failed": _(
        "The import failed while applying, and nothing was changed. Try again; if the problem "
        "persists, contact your Mentora administrator."
    ),
}

# Reasons for rejecting one row.
ROW_ERRORS = {
    "missing_employee_id": _("The employee ID is missing."),
    "missing_email": _("The e-mail address is missing."),
    "bad_email": _("“%(value)s” is not a valid e-mail address."),
    "duplicate_email": _("The e-mail address %(email)s is also on line %(lines)s of the file."),
    "duplicate_employee_id": _("The employee ID %(employee_id)s is also on line %(lines)s."),
    "email_taken": _(
        "The e-mail address %(email)s already belongs to another employee of the organisation "
        "(%(other)s)."
    ),
    "email_other_account": _(
        "The e-mail address %(email)s is already used by another Mentora account, so it cannot "
        "replace %(old)s."
    ),
    "unknown_manager": _("The manager %(manager)s is neither in the file nor in the organisation."),
    "manager_rejected": _(
        "The manager %(manager)s is on line %(line)s, which is rejected, and is not yet in the "
        "organisation."
    ),
    "cycle": _("The reporting line loops back on itself: %(cycle)s."),
    "bad_level": _(
        "The seniority level “%(value)s” is outside the organisation's scale (1 to %(max)s)."
    ),
    "bad_date": _(
        "The %(column)s “%(value)s” is not a date; write it as YYYY-MM-DD or DD/MM/YYYY."
    ),
    "leave_before_hire": _("The leave date %(leave)s comes before the hire date %(hire)s."),
    "too_long": _("The %(column)s is longer than %(max)s characters."),
    "too_many_cells": _("The row has more cells than the header (%(count)s instead of %(max)s)."),
}

COLUMN_LABELS = {
    "employee_id": _("employee ID"),
    "email": _("e-mail address"),
    "first_name": _("first name"),
    "last_name": _("last name"),
    "department": _("department"),
    "site": _("site"),
    "job_title": _("job title"),
    "seniority_level": _("seniority level"),
    "manager_employee_id": _("manager"),
    "hire_date": _("hire date"),
    "leave_date": _("leave date"),
}


def describe_file_error(error: dict) -> str:
    """The whole-file problem in the current language."""
    message = FILE_ERRORS.get(error.get("code", ""), FILE_ERRORS["apply_failed"])
    return str(message) % error.get("params", {}) if error.get("params") else str(message)


def describe_row_error(code: str, params: dict) -> str:
    """One reason for rejecting a row, in the current language."""
    params = dict(params)
    if "column" in params:
        params["column"] = COLUMN_LABELS.get(params["column"], params["column"])
    message = str(ROW_ERRORS.get(code, code))
    try:
        return message % params if params else message
    except (KeyError, TypeError, ValueError):
        return message


def column_label(name: str) -> str:
    return str(COLUMN_LABELS.get(name, name))


class HrFileError(Exception):
    """The file cannot be imported at all."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def as_dict(self) -> dict:
        return {"code": self.code, "params": self.params}

    def __str__(self) -> str:
        return describe_file_error(self.as_dict())


@dataclass
class ParsedRow:
    """One data line of the file, cells by canonical column name (missing columns absent)."""

    line: int
    cells: dict[str, str]
    extra_cells: int = 0


@dataclass
class ParsedFile:
    columns: list[str]
    rows: list[ParsedRow] = field(default_factory=list)
    delimiter: str = ","


def file_sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


# How workbooks start: .xlsx (a zip archive) and the older .xls (an OLE2 compound file).
_WORKBOOK_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def decode(content: bytes) -> str:
    """UTF-8 with or without the BOM that Excel writes; anything else is refused."""
    if len(content) > MAX_FILE_BYTES:
        raise HrFileError("too_large", size=MAX_FILE_BYTES // (1024 * 1024))
    if content.startswith(_WORKBOOK_SIGNATURES):
        raise HrFileError("spreadsheet")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise HrFileError("encoding") from error
    # UTF-16 without a byte order mark decodes as UTF-8 with a NUL after every letter; no
    # text export holds NUL characters, and databases refuse to store them.
    if "\x00" in text:
        raise HrFileError("encoding")
    return text


def normalise_header(value: str) -> str:
    text = unicodedata.normalize("NFKD", value.strip().lstrip("\ufeff"))
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def sniff_delimiter(header_line: str) -> str:
    """`;` (French Excel) or `,`, whichever the header row uses more; tabs as a last resort."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def parse_text(text: str) -> ParsedFile:
    """Split the text into rows keyed by canonical column; raise HrFileError on a bad header."""
    text = text.lstrip("\ufeff")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if not first_line:
        raise HrFileError("empty")
    delimiter = sniff_delimiter(first_line)
    # Strict: a misplaced or unclosed quotation mark is an error, never rows silently merged.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    last_line = 0  # the last line of the last record read whole
    try:
        header: list[str] = []
        for cells in reader:
            last_line = reader.line_num
            if any(cell.strip() for cell in cells):
                header = cells
                break
        columns = [_HEADER_LOOKUP.get(normalise_header(cell), "") for cell in header]
        known = [column for column in columns if column]
        duplicates = sorted({column for column in known if known.count(column) > 1})
        if duplicates:
            raise HrFileError(
                "duplicate_columns", columns=", ".join(column_label(c) for c in duplicates)
            )
        missing = [column for column in REQUIRED_COLUMNS if column not in known]
        if missing:
            raise HrFileError(
                "missing_columns", columns=", ".join(column_label(c) for c in missing)
            )
        parsed = ParsedFile(columns=known, delimiter=delimiter)
        indexed = [(index, column) for index, column in enumerate(columns) if column]
        width = len(header)
        for cells in reader:
            last_line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) < width:
                cells += [""] * (width - len(cells))
            row = ParsedRow(
                line=reader.line_num,
                cells={column: cells[index].strip() for index, column in indexed},
            )
            extra = cells[width:]
            if any(cell.strip() for cell in extra):
                row.extra_cells = len(cells)
            parsed.rows.append(row)
    except csv.Error as error:
        raise _csv_problem(error, last_line + 1, reader.line_num) from error
    if not parsed.rows:
        raise HrFileError("empty")
    return parsed


def _csv_problem(error: csv.Error, record_line: int, line: int) -> HrFileError:
    """A clear report for what Python's csv module says in a few English words."""
    detail = str(error)
    if "unexpected end of data" in detail:
        return HrFileError("unclosed_quote", line=record_line)
    if "expected after" in detail:
        return HrFileError("bad_quote", line=line)
    if "field larger than field limit" in detail:
        return HrFileError("cell_too_large", line=record_line, size=csv.field_size_limit())
    return HrFileError("malformed", line=line, detail=detail)


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_FRENCH_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def parse_date(value: str) -> date:
    """YYYY-MM-DD or DD/MM/YYYY (also DD-MM-YYYY and DD.MM.YYYY); ValueError otherwise."""
    value = value.strip()
    match = _ISO_DATE.fullmatch(value)
    if match:
        return date(int(match[1]), int(match[2]), int(match[3]))
    match = _FRENCH_DATE.fullmatch(value)
    if match:
        return date(int(match[3]), int(match[2]), int(match[1]))
    raise ValueError(value)


def template_csv() -> str:
    """A CSV with the expected header and two example rows, for admins to start from."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow(
        [
            "E0001",
            "claire.martin@example.com",
            "Claire",
            "Martin",
            "Finance",
            "Lyon",
            gettext("Head of finance"),
            "5",
            "",
            "2015-09-01",
            "",
        ]
    )
    writer.writerow(
        [
            "E0002",
            "hugo.bernard@example.com",
            "Hugo",
            "Bernard",
            "Finance",
            "Lyon",
            gettext("Accountant"),
            "2",
            "E0001",
            "21/03/2023",
            "",
        ]
    )
    return buffer.getvalue()
