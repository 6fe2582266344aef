"""HR import writes: apply a plan with bulk queries, managers set in reporting-line order."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

from mentora.accounts.models import Department, Membership, Role, Site, User
from mentora.hr_import.bulk import BATCH, fetch_pks, insert_rows
from mentora.hr_import.models import HrImportRowAction as Action
from mentora.hr_import.parse import USER_COLUMNS
from mentora.hr_import.plan import Plan
from mentora.hr_import.rows import PlanRow

# The membership field that keeps each column of the file (USER_COLUMNS are the account's).
MEMBERSHIP_FIELDS = {
    "employee_id": "employee_id",
    "job_title": "job_title",
    "department": "department_id",
    "site": "site_id",
    "seniority_level": "seniority_level",
    "manager_employee_id": "manager_id",
    "hire_date": "hired_on",
    "leave_date": "left_on",
}


def apply_plan(plan: Plan) -> dict[str, int]:
    """Create and update the valid rows, mark the departures; the caller holds the transaction."""
    state = plan.state
    organisation = state.organisation
    creates = [row for row in plan.rows if row.action == Action.CREATE]
    updates = [row for row in plan.rows if row.action == Action.UPDATE]
    touched = creates + updates
    departments = _ensure_named(Department, plan, touched, "department", state.departments)
    sites = _ensure_named(Site, plan, touched, "site", state.sites)

    new_users = [row for row in creates if row.user_id is None]
    insert_rows(
        User,
        [
            {
                "email": row.email,
                "first_name": row.first_name,
                "last_name": row.last_name,
                # No usable password: people sign in after an invitation or a password reset.
                "password": UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30),
            }
            for row in new_users
        ],
    )
    user_pk = fetch_pks(User.objects.all(), "email", [row.email for row in new_users])
    for row in new_users:
        row.user_id = user_pk[row.email]

    # New people are created manager first (by depth in the reporting tree), so that every
    # manager already has an id: one pass, no second UPDATE of the new rows.
    created_pk: dict[int, int] = {}
    memberships = Membership.objects.filter(organisation=organisation)
    for level in _by_depth(creates):
        insert_rows(
            Membership,
            [
                {
                    "user_id": row.user_id,
                    "organisation_id": organisation.pk,
                    "role": Role.MEMBER,
                    **_membership_values(row, plan, departments, sites, created_pk, None),
                }
                for row in level
            ],
        )
        pks = fetch_pks(memberships, "user_id", [row.user_id for row in level])
        for row in level:
            created_pk[row.line] = pks[row.user_id]

    member_fields = list(MEMBERSHIP_FIELDS.values())
    changed_memberships = []
    changed_users = []
    user_fields: set[str] = set()
    for row in updates:
        member = row.member
        assert member is not None
        values = _membership_values(row, plan, departments, sites, created_pk, member)
        if any(values[name] != getattr(member, name) for name in member_fields):
            changed_memberships.append(Membership(pk=member.pk, **values))
        names = {change[0] for change in row.changes} & set(USER_COLUMNS)
        if names:
            user_fields |= names
            changed_users.append(
                User(
                    pk=member.user_id,
                    email=row.email,
                    first_name=row.first_name,
                    last_name=row.last_name,
                )
            )
    if changed_memberships:
        Membership.objects.bulk_update(changed_memberships, member_fields, batch_size=BATCH)
    if changed_users:
        User.objects.bulk_update(changed_users, sorted(user_fields), batch_size=BATCH)
    absent_left = _mark_departures(plan)
    return {
        "created": len(creates),
        "updated": len(updates),
        "accounts_created": len(new_users),
        "leaving": plan.counts.get("leaving", 0),
        "departments_created": len(departments["created"]),
        "sites_created": len(sites["created"]),
        "absent_left": absent_left,
    }


def _mark_departures(plan: Plan) -> int:
    """Members missing from a complete file leave today: kept, never deleted."""
    pks = [member.pk for member in plan.departures]
    today = plan.state.today
    for start in range(0, len(pks), BATCH):
        Membership.objects.filter(pk__in=pks[start : start + BATCH]).update(left_on=today)
    return len(pks)


def _ensure_named(
    model: Any,
    plan: Plan,
    rows: list[PlanRow],
    column: str,
    existing: dict[str, tuple[int, str]],
) -> dict[str, Any]:
    """Departments or sites by casefolded name, creating the missing ones in one query."""
    ids = {key: pk for key, (pk, _name) in existing.items()}
    if not plan.has(column):
        return {"ids": ids, "created": []}
    missing: dict[str, str] = {}
    for row in rows:
        name = row.cells[column]
        if name and name.casefold() not in ids:
            missing.setdefault(name.casefold(), name)
    created = model.objects.bulk_create(
        [model(organisation=plan.state.organisation, name=name) for name in missing.values()],
        batch_size=BATCH,
    )
    for item in created:
        ids[item.name.casefold()] = item.pk
    return {"ids": ids, "created": created}


def _membership_values(
    row: PlanRow,
    plan: Plan,
    departments: dict[str, Any],
    sites: dict[str, Any],
    created_pk: dict[int, int],
    member: Any,
) -> dict[str, Any]:
    """The membership's HR fields after import; columns absent from the file keep their value."""
    cells = row.cells

    def keep(column: str, new: Any, default: Any = None) -> Any:
        if plan.has(column):
            return new
        return getattr(member, MEMBERSHIP_FIELDS[column]) if member is not None else default

    kind, target = row.manager
    if kind == "row":
        manager_id = target.member.pk if target.member is not None else created_pk[target.line]
    elif kind == "member":
        manager_id = target.pk
    else:
        manager_id = None
    department = departments["ids"].get(cells.get("department", "").casefold())
    site = sites["ids"].get(cells.get("site", "").casefold())
    by_column = {
        "employee_id": row.employee_id,
        "job_title": keep("job_title", cells.get("job_title", ""), ""),
        "department": keep("department", department),
        "site": keep("site", site),
        "seniority_level": keep("seniority_level", row.seniority_level),
        "manager_employee_id": manager_id,
        "hire_date": keep("hire_date", row.hire_date),
        "leave_date": None if row.comes_back else keep("leave_date", row.leave_date),
    }
    return {MEMBERSHIP_FIELDS[column]: value for column, value in by_column.items()}


def _by_depth(rows: list[PlanRow]) -> list[list[PlanRow]]:
    """Group new rows so that each group's managers exist already (no cycles remain)."""
    depth: dict[int, int] = {}
    for start in rows:
        path = []
        row = start
        while row.line not in depth:
            kind, target = row.manager
            if kind == "row" and target.member is None:
                path.append(row)
                row = target
                continue
            depth[row.line] = 0
            break
        base = depth[row.line]
        for offset, walked in enumerate(reversed(path), start=1):
            depth[walked.line] = base + offset
    levels: dict[int, list[PlanRow]] = {}
    for row in rows:
        levels.setdefault(depth[row.line], []).append(row)
    return [levels[key] for key in sorted(levels)]
