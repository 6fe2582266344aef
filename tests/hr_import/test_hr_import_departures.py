"""HR import of a file that lists everyone still employed: who is missing from it has left."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from mentora.accounts.models import AuditEntry, Membership, User
from mentora.hr_import import runs, services
from mentora.hr_import.models import HrImportStatus
from tests.factories import make_member

TODAY = date(2027, 3, 1)
HEADER = "employee_id,email,first_name,last_name\n"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime(2027, 3, 1, 9, tzinfo=UTC), tick=False):
        yield


def make_employee(organisation, employee_id, role="member", **kwargs):
    membership = make_member(organisation, role=role, **kwargs)
    membership.employee_id = employee_id
    membership.save()
    return membership


@pytest.fixture
def staff(organisation):
    """Ten employees from the HR system, E01 to E10."""
    return [make_employee(organisation, f"E{i:02d}") for i in range(1, 11)]


def line(membership):
    user = membership.user
    return f"{membership.employee_id},{user.email},{user.first_name},{user.last_name}"


def upload(organisation, actor, lines, absent_have_left=True):
    return services.create_hr_import(
        organisation=organisation,
        actor=actor.user,
        file_name="everyone.csv",
        content=(HEADER + "\n".join(lines) + "\n").encode(),
        absent_have_left=absent_have_left,
    )


def apply(hr_import, actor, confirm=False):
    hr_import.refresh_from_db()
    return services.request_apply(
        hr_import=hr_import, actor=actor.user, skip_rejected=False, confirm_departures=confirm
    )


def left_on(membership):
    membership.refresh_from_db()
    return membership.left_on


def test_someone_missing_from_a_complete_file_is_marked_as_left_today(
    organisation, org_admin, staff
):
    hr_import = upload(organisation, org_admin, [line(m) for m in staff[1:]])
    assert apply(hr_import, org_admin) == "applied"
    assert left_on(staff[0]) == TODAY
    assert User.objects.filter(pk=staff[0].user_id).exists()  # kept, never deleted
    assert not Membership.objects.active().filter(pk=staff[0].pk).exists()
    assert [left_on(m) for m in staff[1:]] == [None] * 9


def test_without_the_option_someone_missing_stays(organisation, org_admin, staff):
    hr_import = upload(organisation, org_admin, [line(m) for m in staff[1:]], False)
    assert hr_import.counts["absent_leaving"] == 0 and hr_import.counts["not_in_file"] >= 1
    assert apply(hr_import, org_admin) == "applied"
    assert left_on(staff[0]) is None


def test_the_dry_run_lists_who_will_leave_and_changes_nobody(organisation, org_admin, staff):
    hr_import = upload(organisation, org_admin, [line(m) for m in staff[1:]])
    assert hr_import.counts["absent_leaving"] == 1 and hr_import.counts["roster"] == 10
    departure = hr_import.departures.get()
    assert departure.membership == staff[0] and departure.employee_id == "E01"
    assert departure.email == staff[0].user.email
    assert departure.name == staff[0].user.get_full_name()
    assert left_on(staff[0]) is None


def test_people_without_an_employee_id_are_never_marked_as_left(organisation, org_admin, staff):
    invited = make_member(organisation)  # invited by hand, not from the HR system
    hr_import = upload(organisation, org_admin, [line(m) for m in staff])
    assert hr_import.counts["absent_leaving"] == 0
    apply(hr_import, org_admin)
    assert left_on(invited) is None


def test_org_admins_missing_from_the_file_stay_and_are_counted(organisation, org_admin, staff):
    admin = make_employee(organisation, "A01", role="org_admin")
    hr_import = upload(organisation, org_admin, [line(m) for m in staff])
    assert hr_import.counts["absent_leaving"] == 0 and hr_import.counts["absent_admins"] == 1
    apply(hr_import, org_admin)
    assert left_on(admin) is None


def test_people_who_left_already_keep_their_leave_date(organisation, org_admin, staff):
    gone = make_employee(organisation, "G01", left_on=date(2026, 12, 31))
    hr_import = upload(organisation, org_admin, [line(m) for m in staff])
    assert hr_import.counts["absent_leaving"] == 0
    apply(hr_import, org_admin)
    assert left_on(gone) == date(2026, 12, 31)


def test_someone_serving_their_notice_and_missing_leaves_today(organisation, org_admin, staff):
    leaving = staff[0]
    leaving.left_on = date(2027, 4, 30)
    leaving.save()
    hr_import = upload(organisation, org_admin, [line(m) for m in staff[1:]])
    assert hr_import.departures.get().left_on_before == date(2027, 4, 30)
    apply(hr_import, org_admin)
    assert left_on(leaving) == TODAY


def test_a_rejected_line_still_names_its_person(organisation, org_admin, staff):
    broken = f"E01,not-an-email,{staff[0].user.first_name},{staff[0].user.last_name}"
    hr_import = upload(organisation, org_admin, [broken] + [line(m) for m in staff[1:]])
    assert hr_import.counts["reject"] == 1 and hr_import.counts["absent_leaving"] == 0


def test_reimporting_the_same_complete_file_changes_nothing_the_second_time(
    organisation, org_admin, staff
):
    lines = [line(m) for m in staff[1:]]
    apply(upload(organisation, org_admin, lines), org_admin)
    before = list(Membership.objects.of(organisation).order_by("pk").values())
    second = upload(organisation, org_admin, lines)
    assert second.counts["absent_leaving"] == 0 and not second.departures.exists()
    assert apply(second, org_admin) == "applied"
    assert list(Membership.objects.of(organisation).order_by("pk").values()) == before


def test_a_large_share_is_refused_without_confirmation(organisation, org_admin, staff):
    hr_import = upload(organisation, org_admin, [line(m) for m in staff[3:]])  # 3 of 10 gone
    assert hr_import.needs_departure_confirmation and hr_import.departure_share == 30
    assert apply(hr_import, org_admin) == "confirm_departures"
    assert [left_on(m) for m in staff] == [None] * 10
    hr_import.refresh_from_db()
    assert hr_import.status == HrImportStatus.DRY_RUN


def test_a_large_share_is_applied_once_confirmed(organisation, org_admin, staff):
    hr_import = upload(organisation, org_admin, [line(m) for m in staff[3:]])
    assert apply(hr_import, org_admin, confirm=True) == "applied"
    assert [left_on(m) for m in staff[:3]] == [TODAY] * 3
    assert AuditEntry.objects.get(action="hr_import.apply").details["departures_confirmed"]


def test_exactly_the_share_limit_needs_no_confirmation(organisation, org_admin, staff):
    hr_import = upload(organisation, org_admin, [line(m) for m in staff[2:]])  # 2 of 10
    assert not hr_import.needs_departure_confirmation
    assert apply(hr_import, org_admin) == "applied"


def test_apply_itself_refuses_an_unconfirmed_large_share(organisation, org_admin, staff):
    # What the background task runs: it checks again rather than trusting the page.
    hr_import = upload(organisation, org_admin, [line(m) for m in staff[3:]])
    outcome = runs.apply_hr_import(hr_import=hr_import, actor=org_admin.user, skip_rejected=False)
    assert outcome == "confirm_departures"
    assert [left_on(m) for m in staff] == [None] * 10


def test_a_failure_while_applying_marks_nobody_as_left(organisation, org_admin, staff, monkeypatch):
    hr_import = upload(
        organisation, org_admin, [line(m) for m in staff[1:]] + ["N1,n@example.com,N,New"]
    )

    def explode(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(runs, "record_audit", explode)
    assert apply(hr_import, org_admin) == "failed"
    assert left_on(staff[0]) is None
    assert not Membership.objects.filter(employee_id="N1").exists()


def test_apply_replans_when_someone_joined_since_the_dry_run(organisation, org_admin, staff):
    hr_import = upload(organisation, org_admin, [line(m) for m in staff[1:]])
    newcomer = make_employee(organisation, "E99")  # would be missing from the file too
    assert apply(hr_import, org_admin) == "replanned"
    assert left_on(staff[0]) is None and left_on(newcomer) is None
    hr_import.refresh_from_db()
    assert set(hr_import.departures.values_list("employee_id", flat=True)) == {"E01", "E99"}


def test_the_audit_entry_counts_the_departures(organisation, org_admin, staff):
    apply(upload(organisation, org_admin, [line(m) for m in staff[1:]]), org_admin)
    details = AuditEntry.objects.get(action="hr_import.apply").details
    assert details["absent_left"] == 1 and details["absent_have_left"] is True


def test_a_large_file_passes_the_confirmation_to_its_task(
    organisation, org_admin, staff, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "SYNC_ROW_LIMIT", 1)
    with django_capture_on_commit_callbacks(execute=True):
        hr_import = upload(organisation, org_admin, [line(m) for m in staff[3:]])
    with django_capture_on_commit_callbacks(execute=True):
        assert apply(hr_import, org_admin, confirm=True) == "queued"
    assert [left_on(m) for m in staff[:3]] == [TODAY] * 3


def test_people_in_a_complete_file_without_leave_dates_are_back(organisation, org_admin, staff):
    # A partial file was confirmed by mistake; the complete one puts everyone back.
    apply(upload(organisation, org_admin, [line(m) for m in staff[3:]]), org_admin, confirm=True)
    hr_import = upload(organisation, org_admin, [line(m) for m in staff])
    assert hr_import.counts["update"] == 3 and hr_import.counts["absent_leaving"] == 0
    assert ["leave_date", "2027-03-01", ""] in hr_import.rows.get(employee_id="E01").changes
    apply(hr_import, org_admin)
    assert [left_on(m) for m in staff] == [None] * 10


def test_without_the_option_people_who_left_stay_left_when_listed(organisation, org_admin, staff):
    staff[0].left_on = date(2026, 12, 31)
    staff[0].save()
    hr_import = upload(organisation, org_admin, [line(m) for m in staff], False)
    assert hr_import.counts["unchanged"] == 10
