"""HR import planning: what each row of the file will do to the organisation, and why.

Everything is computed in memory from a handful of queries (the organisation's members,
departments and sites, and the accounts that already use the file's e-mail addresses), so
that a 50,000-row file plans in seconds and the number of queries does not grow per row.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from django.core.validators import EmailValidator
from django.utils import timezone

from mentora.accounts.models import Department, Membership, Organisation, Role, Site, User
from mentora.hr_import.models import HrImportRowAction as Action
from mentora.hr_import.parse import MAX_LENGTHS, ParsedFile, ParsedRow, parse_date

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


_LOOKUP_BATCH = 2000
# Fields compared for existing members, in the order they are shown.
MEMBER_FIELDS = [
    "email",
    "first_name",
    "last_name",
    "employee_id",
    "department",
    "site",
    "job_title",
    "seniority_level",
    "manager_employee_id",
    "hire_date",
    "leave_date",
]


@dataclass
class Member:
    """An organisation membership as it is now, with its user's names."""

    pk: int
    user_id: int
    email: str
    first_name: str
    last_name: str
    employee_id: str
    job_title: str
    department_id: int | None
    site_id: int | None
    seniority_level: int | None
    manager_id: int | None
    hired_on: date | None
    left_on: date | None
    role: str

    @property
    def label(self) -> str:
        return self.employee_id or self.email

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def has_left_by(self, day: date) -> bool:
        """Membership.has_left on `day`: a leave date that has come (a later one is notice)."""
        return self.left_on is not None and self.left_on <= day


@dataclass
class OrgState:
    organisation: Organisation
    members: dict[int, Member]
    by_employee_id: dict[str, Member]
    by_email: dict[str, Member]
    departments: dict[str, tuple[int, str]]  # casefolded name -> (id, name)
    sites: dict[str, tuple[int, str]]
    outside_users: dict[str, int]  # e-mail -> user id, for accounts not in the organisation
    today: date  # who has left is judged on this day, for the whole plan

    def department_name(self, pk: int | None) -> str:
        return self._names(self.departments).get(pk, "") if pk else ""

    def site_name(self, pk: int | None) -> str:
        return self._names(self.sites).get(pk, "") if pk else ""

    @staticmethod
    def _names(named: dict[str, tuple[int, str]]) -> dict[int, str]:
        return {pk: name for pk, name in named.values()}


def load_state(organisation: Organisation, emails: list[str]) -> OrgState:
    """The organisation as it is: one query for members, one each for departments and sites."""
    members: dict[int, Member] = {}
    rows = Membership.objects.filter(organisation=organisation).values_list(
        "pk",
        "user_id",
        "user__email",
        "user__first_name",
        "user__last_name",
        "employee_id",
        "job_title",
        "department_id",
        "site_id",
        "seniority_level",
        "manager_id",
        "hired_on",
        "left_on",
        "role",
    )
    for values in rows.iterator(chunk_size=5000):
        member = Member(*values)
        members[member.pk] = member
    by_employee_id = {m.employee_id: m for m in members.values() if m.employee_id}
    by_email = {m.email.lower(): m for m in members.values()}
    departments = {
        name.casefold(): (pk, name)
        for pk, name in Department.objects.filter(organisation=organisation).values_list(
            "pk", "name"
        )
    }
    sites = {
        name.casefold(): (pk, name)
        for pk, name in Site.objects.filter(organisation=organisation).values_list("pk", "name")
    }
    outside = sorted({email for email in emails if email and email not in by_email})
    outside_users: dict[str, int] = {}
    for start in range(0, len(outside), _LOOKUP_BATCH):
        batch = outside[start : start + _LOOKUP_BATCH]
        for pk, email in User.objects.filter(email__in=batch).values_list("pk", "email"):
            outside_users[email.lower()] = pk
    return OrgState(
        organisation=organisation,
        members=members,
        by_employee_id=by_employee_id,
        by_email=by_email,
        departments=departments,
        sites=sites,
        outside_users=outside_users,
        today=timezone.localdate(),
    )


@dataclass
class PlanRow:
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


@dataclass
class Plan:
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

    With `absent_have_left` (the file lists everyone still employed), members the file
    leaves out are planned as departures (see `_plan_departures`).
    """
    columns = parsed.columns
    rows = [_validate_row(row, organisation.seniority_scale) for row in parsed.rows]
    _reject_duplicates(rows, "employee_id", "duplicate_employee_id")
    _reject_duplicates(rows, "email", "duplicate_email")
    state = load_state(organisation, [row.email for row in rows])
    for row in rows:
        if row.valid:
            _match(row, state)
    if "manager_employee_id" in columns:
        _reject_unknown_managers(rows, state)
    _check_reporting_lines(rows, state, "manager_employee_id" in columns)
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


def _validate_row(parsed: ParsedRow, scale: int) -> PlanRow:
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


def _reject_duplicates(rows: list[PlanRow], attribute: str, code: str) -> None:
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


def _match(row: PlanRow, state: OrgState) -> None:
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


def _reject_unknown_managers(rows: list[PlanRow], state: OrgState) -> None:
    in_file = {row.employee_id for row in rows if row.employee_id}
    for row in rows:
        manager = row.manager_employee_id
        if manager and manager not in in_file and manager not in state.by_employee_id:
            row.reject("unknown_manager", manager=manager)


def _check_reporting_lines(rows: list[PlanRow], state: OrgState, has_managers: bool) -> None:
    """Resolve managers; reject rows whose manager will not exist, then cycles, to a fixpoint.

    Rejecting a row can change the graph (an existing member keeps their current manager;
    a new person is not created), so both checks repeat until nothing more is rejected.
    Each pass is O(n); in practice one or two passes are needed.
    """
    first_line: dict[str, int] = {}
    for row in rows:
        first_line.setdefault(row.employee_id, row.line)
    while True:
        valid = {row.employee_id: row for row in rows if row.valid}
        for row in valid.values():
            row.manager = _resolve_manager(row, valid, state, has_managers)
        newly_rejected = _reject_orphans(valid, first_line)
        valid = {eid: row for eid, row in valid.items() if row.valid}
        newly_rejected += _reject_cycles(valid, state)
        if not newly_rejected:
            return


def _resolve_manager(
    row: PlanRow, valid: dict[str, PlanRow], state: OrgState, has_managers: bool
) -> tuple[str, Any]:
    if not has_managers:
        current = row.member.manager_id if row.member else None
        return _member_target(current, state)
    manager = row.manager_employee_id
    if not manager:
        return ("none", None)
    if manager in valid:
        return ("row", valid[manager])
    if manager in state.by_employee_id:
        return ("member", state.by_employee_id[manager])
    return ("missing", manager)


def _member_target(pk: int | None, state: OrgState) -> tuple[str, Any]:
    if pk is None or pk not in state.members:
        return ("none", None)
    return ("member", state.members[pk])


def _reject_orphans(valid: dict[str, PlanRow], first_line: dict[str, int]) -> int:
    """Reject rows whose manager is on a rejected line and does not exist yet (transitively)."""
    dead: dict[int, bool] = {}
    rejected = 0
    for start in valid.values():
        path: list[PlanRow] = []
        on_path: set[int] = set()
        row = start
        while True:
            if row.line in dead:
                verdict = dead[row.line]
                break
            if row.line in on_path:  # a loop among new people: the cycle check reports it
                verdict = False
                break
            path.append(row)
            on_path.add(row.line)
            kind, target = row.manager
            if kind == "missing":
                verdict = True
                break
            if kind == "row" and target.member is None:
                row = target
                continue
            verdict = False
            break
        for walked in path:
            dead[walked.line] = verdict
            if verdict:
                kind, target = walked.manager
                if kind == "missing":
                    walked.reject("manager_rejected", manager=target, line=first_line[target])
                else:
                    walked.reject("manager_rejected", manager=target.employee_id, line=target.line)
                rejected += 1
    return rejected


def _node(kind: str, target: Any, matched: dict[int, PlanRow]) -> tuple[str, Any] | None:
    """A node of the final reporting graph: a valid row, or a member the file does not touch."""
    if kind == "row":
        return ("row", target.line)
    if kind == "member":
        row = matched.get(target.pk)
        return ("row", row.line) if row is not None else ("member", target.pk)
    return None


def _reject_cycles(valid: dict[str, PlanRow], state: OrgState) -> int:
    """Find loops in the reporting line after import (each person has one manager: O(n))."""
    matched = {row.member.pk: row for row in valid.values() if row.member is not None}
    by_line = {row.line: row for row in valid.values()}

    def successor(node: tuple[str, Any]) -> tuple[str, Any] | None:
        if node[0] == "row":
            kind, target = by_line[node[1]].manager
            return _node(kind, target, matched)
        manager_id = state.members[node[1]].manager_id
        if manager_id is None or manager_id not in state.members:
            return None
        return _node("member", state.members[manager_id], matched)

    def label(node: tuple[str, Any]) -> str:
        if node[0] == "row":
            return by_line[node[1]].employee_id
        return state.members[node[1]].label

    done: set[tuple[str, Any]] = set()
    rejected = 0
    for row in list(valid.values()):
        node: tuple[str, Any] | None = ("row", row.line)
        path: list[tuple[str, Any]] = []
        position: dict[tuple[str, Any], int] = {}
        while node is not None and node not in done and node not in position:
            position[node] = len(path)
            path.append(node)
            node = successor(node)
        if node is not None and node in position:
            cycle = path[position[node] :]
            if any(kind == "row" for kind, _ in cycle):
                text = " → ".join([label(n) for n in cycle] + [label(cycle[0])])
                for kind, key in cycle:
                    if kind == "row":
                        by_line[key].reject("cycle", cycle=text)
                        rejected += 1
        done.update(path)
    return rejected


def _manager_pk(row: PlanRow) -> int | None | str:
    """The manager's membership id after import, or "new" when they are created too."""
    kind, target = row.manager
    if kind == "member":
        return target.pk
    if kind == "row":
        return target.member.pk if target.member is not None else "new"
    return None


def _manager_label(row: PlanRow) -> str:
    kind, target = row.manager
    if kind == "row":
        return target.employee_id
    if kind == "member":
        return target.label
    return ""


def _diff(row: PlanRow, state: OrgState, columns: list[str], back_if_listed: bool = False) -> None:
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
    if "manager_employee_id" in columns and member.manager_id != _manager_pk(row):
        current = state.members.get(member.manager_id) if member.manager_id else None
        row.changes.append(
            ["manager_employee_id", current.label if current else "", _manager_label(row)]
        )
    if "hire_date" in columns:
        old["hire_date"], new["hire_date"] = member.hired_on, row.hire_date
    if "leave_date" in columns:
        old["leave_date"], new["leave_date"] = member.left_on, row.leave_date
    elif back_if_listed and member.has_left_by(state.today):
        old["leave_date"], new["leave_date"] = member.left_on, None
        row.comes_back = True
    for name in MEMBER_FIELDS:
        if name in new and old[name] != new[name]:
            row.changes.append([name, _show(old[name]), _show(new[name])])
    row.changes.sort(key=lambda change: MEMBER_FIELDS.index(change[0]))
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
