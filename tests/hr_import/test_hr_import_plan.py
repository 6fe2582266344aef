"""Dry run of an HR import: each rejection reason, matching, cycles, bounded queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentora.accounts.models import Department
from mentora.hr_import.parse import parse_text
from mentora.hr_import.plan import build_plan
from tests.factories import make_member, make_user

HEADER = (
    "employee_id,email,first_name,last_name,department,site,job_title,seniority_level,"
    "manager_employee_id,hire_date,leave_date\n"
)


def plan(organisation, *lines):
    return build_plan(parse_text(HEADER + "\n".join(lines) + "\n"), organisation)


def row(eid, email=None, manager="", level="2", hired="2020-01-01", left="", dept="IT"):
    email = email if email is not None else f"{eid.lower()}@example.com"
    return f"{eid},{email},First{eid},Last,{dept},Paris,Engineer,{level},{manager},{hired},{left}"


def reasons(result, line):
    return [code for code, _ in next(r for r in result.rows if r.line == line).errors]


def test_new_people_are_to_be_created(organisation):
    result = plan(organisation, row("E1"), row("E2", manager="E1"))
    assert [r.action for r in result.rows] == ["create", "create"]
    assert result.counts["create"] == 2


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (row("E1", email=""), "missing_email"),
        (row("E1", email="not-an-email"), "bad_email"),
        (row("", email="x@example.com"), "missing_employee_id"),
        (row("E1", manager="NOPE"), "unknown_manager"),
        (row("E1", level="7"), "bad_level"),
        (row("E1", level="senior"), "bad_level"),
        (row("E1", hired="2020-02-31"), "bad_date"),
        (row("E1", hired="2020-01-01", left="2019-12-31"), "leave_before_hire"),
    ],
)
def test_each_bad_row_is_rejected_with_its_reason(organisation, line, code):
    result = plan(organisation, line)
    assert reasons(result, 2) == [code]


def test_duplicate_emails_in_the_file_reject_both_rows(organisation):
    result = plan(
        organisation, row("E1", email="same@example.com"), row("E2", email="same@example.com")
    )
    assert reasons(result, 2) == ["duplicate_email"] and reasons(result, 3) == ["duplicate_email"]
    assert result.rows[0].errors[0][1]["lines"] == "3"


def test_duplicate_employee_ids_reject_both_rows(organisation):
    result = plan(organisation, row("E1"), row("E1", email="other@example.com"))
    assert reasons(result, 2) == ["duplicate_employee_id"]


def test_email_of_another_employee_is_rejected(organisation):
    make_member(organisation, email="taken@example.com").__class__.objects.filter(
        user__email="taken@example.com"
    ).update(employee_id="E9")
    result = plan(organisation, row("E1", email="taken@example.com"))
    assert reasons(result, 2) == ["email_taken"]


def test_a_whole_cycle_is_reported_on_each_of_its_rows(organisation):
    result = plan(
        organisation, row("A", manager="C"), row("B", manager="A"), row("C", manager="B"), row("D")
    )
    assert reasons(result, 2) == reasons(result, 3) == reasons(result, 4) == ["cycle"]
    assert result.rows[0].errors[0][1]["cycle"] == "A → C → B → A"
    assert result.rows[3].action == "create"


def test_someone_managing_themselves_is_a_cycle(organisation):
    assert reasons(plan(organisation, row("A", manager="A")), 2) == ["cycle"]


def test_a_cycle_through_an_existing_member_is_found(organisation):
    boss = make_member(organisation, email="boss@example.com")
    boss.employee_id = "B"
    boss.save()
    worker = make_member(organisation, email="w@example.com", manager=boss)
    worker.employee_id = "W"
    worker.save()
    # The file says B now reports to W, while W (not in the file) reports to B.
    result = plan(organisation, row("B", email="boss@example.com", manager="W"))
    assert reasons(result, 2) == ["cycle"]


def test_reports_of_a_rejected_new_manager_are_rejected_too(organisation):
    result = plan(organisation, row("A", level="99"), row("B", manager="A"), row("C", manager="B"))
    assert reasons(result, 3) == ["manager_rejected"] and reasons(result, 4) == ["manager_rejected"]


def test_existing_member_is_matched_by_employee_id_and_diffed(organisation):
    member = make_member(
        organisation, email="e1@example.com", job_title="Intern", seniority_level=2
    )
    member.employee_id = "E1"
    member.hired_on = date(2020, 1, 1)
    member.department = Department.objects.create(organisation=organisation, name="IT")
    member.save()
    member.user.first_name, member.user.last_name = "FirstE1", "Last"
    member.user.save()
    result = plan(organisation, row("E1"))
    changes = {name: (old, new) for name, old, new in result.rows[0].changes}
    assert result.rows[0].action == "update"
    assert changes == {"site": ("", "Paris"), "job_title": ("Intern", "Engineer")}


def test_member_without_employee_id_is_matched_by_email(organisation):
    make_member(organisation, email="e1@example.com")
    result = plan(organisation, row("E1"))
    assert result.rows[0].action == "update"
    assert ["employee_id", "", "E1"] in result.rows[0].changes


def test_account_from_another_organisation_is_reused(organisation):
    user = make_user(email="e1@example.com")
    result = plan(organisation, row("E1"))
    assert result.rows[0].action == "create" and result.rows[0].user_id == user.pk


def test_dry_run_queries_do_not_grow_with_rows(organisation):
    lines = [row(f"E{i}", manager=f"E{i // 5}" if i else "") for i in range(300)]
    make_member(organisation)
    with CaptureQueriesContext(connection) as few:
        plan(organisation, *lines[:3])
    with CaptureQueriesContext(connection) as many:
        result = plan(organisation, *lines)
    assert len(many) == len(few)
    assert result.counts["create"] == 300
