"""The organisation as an HR import finds it: members, departments, sites, outside accounts."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from django.utils import timezone

from mentora.accounts.models import Department, Membership, Organisation, Site, User
from mentora.hr_import.parse import USER_COLUMNS

_LOOKUP_BATCH = 2000


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
    """The organisation's members, departments and sites, read once for a whole plan."""

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


# What load_state reads for each Member, in the order of its fields: the account's columns
# through the user, the rest from the membership.
_MEMBER_VALUES = [
    f"user__{field.name}" if field.name in USER_COLUMNS else field.name for field in fields(Member)
]


def load_state(organisation: Organisation, emails: list[str]) -> OrgState:
    """The organisation as it is: one query for members, one each for departments and sites."""
    members: dict[int, Member] = {}
    rows = Membership.objects.filter(organisation=organisation).values_list(*_MEMBER_VALUES)
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
