"""HR import planning: what each row of the file will do to the organisation, and why."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mentora.accounts.models import Organisation, Role
from mentora.hr_import.models import HrImport
from mentora.hr_import.models import HrImportRowAction as Action
from mentora.hr_import.parse import COLUMNS, USER_COLUMNS, ParsedFile, parse_text
from mentora.hr_import.reporting_lines import (
    check_reporting_lines,
    manager_label,
    manager_pk,
    reject_unknown_managers,
)
from mentora.hr_import.rows import PlanRow, match_member, reject_duplicates, validate_row
from mentora.hr_import.state import Member, OrgState, load_state

# Changes are shown the account's first (e-mail, names), then the others in template order.
CHANGE_ORDER = [*USER_COLUMNS, *(column for column in COLUMNS if column not in USER_COLUMNS)]


@dataclass
class Plan:
    """What an HR file will do: each row's action, the counters, and who leaves."""

    columns: list[str]
    rows: list[PlanRow]
    state: OrgState
    counts: dict[str, int]
    digest: str
    # Members to mark as left because the file, said to list everyone, leaves them out.
    departures: list[Member] = field(default_factory=list)

    def has(self, column: str) -> bool:
        return column in self.columns


def build_plan(
    parsed: ParsedFile, organisation: Organisation, *, absent_have_left: bool = False
) -> Plan:
    """Validate every row, match it to a member, check the reporting lines, and diff.

    Everything is computed in memory from a handful of queries (the organisation's members,
    departments and sites, and the accounts that already use the file's e-mail addresses), so
    that a 50,000-row file plans in seconds and the number of queries does not grow per row.
    With `absent_have_left` (the file lists everyone still employed), members the file
    leaves out are planned as departures (see `_plan_departures`).
    """
    columns = parsed.columns
    rows = [validate_row(row, organisation.seniority_scale) for row in parsed.rows]
    reject_duplicates(rows, "employee_id", "duplicate_employee_id")
    reject_duplicates(rows, "email", "duplicate_email")
    state = load_state(organisation, [row.email for row in rows])
    for row in rows:
        if row.valid:
            match_member(row, state)
    if "manager_employee_id" in columns:
        reject_unknown_managers(rows, state)
    check_reporting_lines(rows, state, "manager_employee_id" in columns)
    # A file that lists everyone still employed and gives no leave dates says that whoever
    # is in it has not left: someone an earlier file left out by mistake, or rehired, is back.
    back_if_listed = absent_have_left and "leave_date" not in columns
    for row in rows:
        _diff(row, state, columns, back_if_listed)
    missing = _missing_members(rows, state)
    departures, kept_admins = _plan_departures(missing) if absent_have_left else ([], [])
    counts = _count(rows, state)
    counts.update(
        not_in_file=len(missing) - len(departures),
        absent_leaving=len(departures),
        absent_admins=len(kept_admins),
        roster=sum(
            1 for m in state.members.values() if m.employee_id and not m.has_left_by(state.today)
        ),
    )
    digest = _digest(rows, departures if absent_have_left else None)
    return Plan(
        columns=columns,
        rows=rows,
        state=state,
        counts=counts,
        digest=digest,
        departures=departures,
    )


def plan_stored_import(hr_import: HrImport) -> Plan:
    """Parse the stored file again and plan it against the organisation as it is now."""
    return build_plan(
        parse_text(hr_import.source),
        hr_import.organisation,
        absent_have_left=hr_import.absent_have_left,
    )


def _diff(row: PlanRow, state: OrgState, columns: list[str], back_if_listed: bool = False) -> None:
    """The row's action, and for a member it matches, each value the file changes."""
    if not row.valid:
        row.action = Action.REJECT
        return
    member = row.member
    if member is None:
        row.action = Action.CREATE
        return
    new: dict[str, Any] = {
        "email": row.email,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "employee_id": row.employee_id,
    }
    old: dict[str, Any] = {
        "email": member.email.lower(),
        "first_name": member.first_name,
        "last_name": member.last_name,
        "employee_id": member.employee_id,
    }
    cells = row.cells
    if "department" in columns:
        old["department"] = state.department_name(member.department_id)
        new["department"] = _canonical(cells["department"], state.departments)
    if "site" in columns:
        old["site"] = state.site_name(member.site_id)
        new["site"] = _canonical(cells["site"], state.sites)
    if "job_title" in columns:
        old["job_title"], new["job_title"] = member.job_title, cells["job_title"]
    if "seniority_level" in columns:
        old["seniority_level"], new["seniority_level"] = member.seniority_level, row.seniority_level
    if "manager_employee_id" in columns and member.manager_id != manager_pk(row):
        current = state.members.get(member.manager_id) if member.manager_id else None
        row.changes.append(
            ["manager_employee_id", current.label if current else "", manager_label(row)]
        )
    if "hire_date" in columns:
        old["hire_date"], new["hire_date"] = member.hired_on, row.hire_date
    if "leave_date" in columns:
        old["leave_date"], new["leave_date"] = member.left_on, row.leave_date
    elif back_if_listed and member.has_left_by(state.today):
        old["leave_date"], new["leave_date"] = member.left_on, None
        row.comes_back = True
    for name in CHANGE_ORDER:
        if name in new and old[name] != new[name]:
            row.changes.append([name, _show(old[name]), _show(new[name])])
    row.changes.sort(key=lambda change: CHANGE_ORDER.index(change[0]))
    row.action = Action.UPDATE if row.changes else Action.UNCHANGED


def _canonical(name: str, named: dict[str, tuple[int, str]]) -> str:
    """An existing department or site spelled differently ("sales" for "Sales") is the same."""
    return named[name.casefold()][1] if name.casefold() in named else name


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _missing_members(rows: list[PlanRow], state: OrgState) -> list[Member]:
    """Members still here whom no line of the file names, by employee ID or by e-mail.

    A rejected line names someone too: a typo in a row must never make its person leave.
    """
    in_file_ids = {row.employee_id for row in rows if row.employee_id}
    in_file_emails = {row.email for row in rows if row.email}
    matched = {row.member.pk for row in rows if row.member is not None}
    return [
        member
        for member in state.members.values()
        if not member.has_left_by(state.today)
        and member.pk not in matched
        and member.employee_id not in in_file_ids
        and member.email.lower() not in in_file_emails
    ]


def _plan_departures(missing: list[Member]) -> tuple[list[Member], list[Member]]:
    """Who leaves because a complete file leaves them out, and the org admins who stay.

    Only members with an employee ID came from (or were matched to) the HR system: people
    without one (invited by hand, for instance) are never touched. Org admins are not
    marked as left by an import either, so that no file can lock the organisation out of
    Mentora; the report says so.
    """
    with_id = [member for member in missing if member.employee_id]
    departures = [member for member in with_id if member.role != Role.ORG_ADMIN]
    kept_admins = [member for member in with_id if member.role == Role.ORG_ADMIN]
    departures.sort(key=lambda member: (member.name.casefold(), member.employee_id))
    return departures, kept_admins


def _count(rows: list[PlanRow], state: OrgState) -> dict[str, int]:
    counts = {action.value: 0 for action in Action}
    leaving = 0
    for row in rows:
        counts[row.action] += 1
        if row.valid and row.leave_date and (row.member is None or row.member.left_on is None):
            leaving += 1
    counts.update(total=len(rows), leaving=leaving)
    return counts


def _digest(rows: list[PlanRow], departures: list[Member] | None = None) -> str:
    """Fingerprint of what the report shows: Apply proceeds only if it is still the same."""
    payload: list[list[Any]] = [
        [
            row.line,
            row.action,
            row.member.pk if row.member else None,
            row.user_id,
            row.changes,
            [[code, sorted((k, str(v)) for k, v in params.items())] for code, params in row.errors],
        ]
        for row in rows
    ]
    if departures is not None:
        payload.append(["departures", sorted(member.pk for member in departures)])
    return hashlib.sha256(json.dumps(payload, default=str).encode()).hexdigest()
