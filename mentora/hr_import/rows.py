"""One row of an HR file on its own: its values checked, then matched to a member."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from django.core.validators import EmailValidator

from mentora.hr_import.parse import MAX_LENGTHS, ParsedRow, parse_date
from mentora.hr_import.state import Member, OrgState

_email_validator = EmailValidator()


@lru_cache(maxsize=4096)
def _domain_is_valid(domain: str) -> bool:
    return _email_validator.validate_domain_part(domain)


def _email_is_valid(value: str) -> bool:
    """Django's e-mail rules, with the domain check cached (most rows share a few domains)."""
    if "@" not in value or len(value) > 254:
        return False
    user, domain = value.rsplit("@", 1)
    return bool(_email_validator.user_regex.match(user)) and _domain_is_valid(domain)


@dataclass
class PlanRow:
    """One line of the file as planned: typed values, matched member, manager, action."""

    line: int
    cells: dict[str, str]
    employee_id: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    seniority_level: int | None = None
    hire_date: date | None = None
    leave_date: date | None = None
    errors: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    member: Member | None = None
    user_id: int | None = None  # an existing account outside the organisation
    # Where the manager will be: ("row", PlanRow), ("member", Member), ("none", None).
    manager: tuple[str, Any] = ("none", None)
    action: str = ""
    changes: list[list[Any]] = field(default_factory=list)
    # Back in the organisation: a complete file without leave dates names someone who left.
    comes_back: bool = False

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def manager_employee_id(self) -> str:
        return self.cells.get("manager_employee_id", "")

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def reject(self, code: str, **params: Any) -> None:
        self.errors.append((code, params))


def validate_row(parsed: ParsedRow, scale: int) -> PlanRow:
    """The row's values, typed; each one that is missing or malformed rejects the row."""
    cells = parsed.cells
    row = PlanRow(line=parsed.line, cells=cells)
    row.employee_id = cells.get("employee_id", "")
    row.email = cells.get("email", "").lower()
    row.first_name = cells.get("first_name", "")
    row.last_name = cells.get("last_name", "")
    if parsed.extra_cells:
        row.reject("too_many_cells", count=parsed.extra_cells, max=len(cells))
    if not row.employee_id:
        row.reject("missing_employee_id")
    if not row.email:
        row.reject("missing_email")
    else:
        if not _email_is_valid(row.email):
            row.reject("bad_email", value=cells.get("email", ""))
    for column, limit in MAX_LENGTHS.items():
        if len(cells.get(column, "")) > limit:
            row.reject("too_long", column=column, max=limit)
    level = cells.get("seniority_level", "")
    if level:
        try:
            row.seniority_level = int(level)
        except ValueError:
            row.seniority_level = None
        if row.seniority_level is None or not 1 <= row.seniority_level <= scale:
            row.reject("bad_level", value=level, max=scale)
    for column in ("hire_date", "leave_date"):
        value = cells.get(column, "")
        if value:
            try:
                setattr(row, column, parse_date(value))
            except ValueError:
                row.reject("bad_date", column=column, value=value)
    if row.hire_date and row.leave_date and row.leave_date < row.hire_date:
        row.reject("leave_before_hire", leave=cells["leave_date"], hire=cells["hire_date"])
    return row


def reject_duplicates(rows: list[PlanRow], attribute: str, code: str) -> None:
    """Every row sharing a value with another is rejected: we cannot tell which one is right."""
    lines: dict[str, list[int]] = {}
    for row in rows:
        value = getattr(row, attribute)
        if value:
            lines.setdefault(value, []).append(row.line)
    for row in rows:
        value = getattr(row, attribute)
        if value and len(lines[value]) > 1:
            others = [str(line) for line in lines[value] if line != row.line]
            shown = ", ".join(others[:5]) + (" …" if len(others) > 5 else "")
            row.reject(code, **{attribute: value, "lines": shown})


def match_member(row: PlanRow, state: OrgState) -> None:
    """Employee ID first; then the e-mail of a member who has no employee ID yet."""
    member = state.by_employee_id.get(row.employee_id)
    owner = state.by_email.get(row.email)
    if member is None and owner is not None and not owner.employee_id:
        member = owner
    if member is not None:
        row.member = member
        if row.email != member.email.lower():
            if owner is not None and owner.pk != member.pk:
                row.reject("email_taken", email=row.email, other=owner.label)
            elif row.email in state.outside_users:
                row.reject("email_other_account", email=row.email, old=member.email)
    elif owner is not None:
        row.reject("email_taken", email=row.email, other=owner.label)
    else:
        row.user_id = state.outside_users.get(row.email)
