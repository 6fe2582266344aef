"""HR import pages: upload, report in the user's language, apply, template download."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentora.accounts.models import Membership
from mentora.hr_import.models import HrImport
from tests.factories import make_member

GOOD = b"employee_id,email,first_name,last_name\nE1,ana@example.com,Ana,Lopez\nE2,bad,Bo,Li\n"


def post_file(client, content, name="hr.csv"):
    return client.post(
        reverse("hr_import:list"), {"file": SimpleUploadedFile(name, content, "text/csv")}
    )


def test_upload_shows_the_dry_run_report(client, org_admin):
    client.force_login(org_admin.user)
    response = post_file(client, GOOD)
    hr_import = HrImport.objects.get()
    assert response.url == reverse("hr_import:detail", args=[hr_import.pk])
    page = client.get(response.url + "?show=reject")
    assert "“bad” is not a valid e-mail address." in page.content.decode()
    assert not Membership.objects.filter(employee_id="E1").exists()


def test_a_file_without_required_columns_is_refused_and_not_stored(client, org_admin):
    client.force_login(org_admin.user)
    response = post_file(client, b"employee_id,first_name\nE1,Ana\n")
    assert response.status_code == 200
    assert "required columns" in response.content.decode()
    assert not HrImport.objects.exists()


def test_apply_with_skip_creates_the_valid_rows(client, org_admin):
    client.force_login(org_admin.user)
    detail = post_file(client, GOOD).url
    hr_import = HrImport.objects.get()
    client.post(reverse("hr_import:apply", args=[hr_import.pk]))
    assert not Membership.objects.filter(employee_id="E1").exists()
    response = client.post(reverse("hr_import:apply", args=[hr_import.pk]), {"skip_rejected": "on"})
    assert response.url == detail
    assert Membership.objects.filter(employee_id="E1", organisation=org_admin.organisation).exists()
    assert "Import applied" in client.get(detail).content.decode()


def test_template_is_a_csv_with_the_expected_header(client, org_admin):
    client.force_login(org_admin.user)
    response = client.get(reverse("hr_import:template"))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").startswith("employee_id,email,first_name")


def test_polling_a_finished_import_refreshes_the_page(client, org_admin):
    client.force_login(org_admin.user)
    detail = post_file(client, GOOD).url
    response = client.get(detail + "?poll=1", headers={"HX-Request": "true"})
    assert response["HX-Refresh"] == "true"


def test_coordinators_cannot_see_the_import_page(client, coordinator):
    client.force_login(coordinator.user)
    assert client.get(reverse("hr_import:list")).status_code == 403


def test_a_file_in_another_encoding_is_refused_and_not_stored(client, org_admin):
    client.force_login(org_admin.user)
    response = post_file(
        client, "employee_id,email,first_name,last_name\nE1,a@b.fr,Zoé,R\n".encode("cp1252")
    )
    assert "The file is not encoded in UTF-8." in response.content.decode()
    assert not HrImport.objects.exists()


def test_an_excel_workbook_is_refused_and_not_stored(client, org_admin):
    client.force_login(org_admin.user)
    response = post_file(client, b"PK\x03\x04" + b"\x00" * 60, name="export.xlsx")
    assert "not a CSV file" in response.content.decode()
    assert not HrImport.objects.exists()


def test_a_cycle_is_reported_and_nothing_is_imported(client, org_admin):
    content = (
        b"employee_id,email,first_name,last_name,manager_employee_id\n"
        b"E1,a@example.com,A,One,E2\nE2,b@example.com,B,Two,E1\nE3,c@example.com,C,Three,\n"
    )
    client.force_login(org_admin.user)
    detail = post_file(client, content).url
    page = client.get(detail + "?show=reject").content.decode()
    assert "The reporting line loops back on itself: E1 → E2 → E1." in page
    hr_import = HrImport.objects.get()
    response = client.post(reverse("hr_import:apply", args=[hr_import.pk]), follow=True)
    assert "Some rows are rejected." in response.content.decode()
    assert not Membership.objects.exclude(employee_id="").exists()


def test_a_failure_while_checking_in_the_background_is_reported(
    client, org_admin, monkeypatch, django_capture_on_commit_callbacks
):
    from mentora.hr_import import runs, services

    def explode(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(services, "SYNC_ROW_LIMIT", 1)
    monkeypatch.setattr(runs, "plan_stored_import", explode)
    client.force_login(org_admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        detail = post_file(client, GOOD).url
    assert HrImport.objects.get().status == "failed"
    assert (
        "The file could not be checked, and nothing was changed."
        in client.get(detail).content.decode()
    )


def test_a_large_file_shows_its_progress_while_it_is_checked(client, org_admin, monkeypatch):
    from mentora.hr_import import services

    monkeypatch.setattr(services, "SYNC_ROW_LIMIT", 1)
    client.force_login(org_admin.user)
    response = post_file(client, GOOD)  # the task waits for the commit, which never comes here
    page = client.get(response.url).content.decode()
    assert "Checking the file…" in page and "2 rows." in page


def test_a_file_over_the_size_limit_is_refused_and_not_stored(client, org_admin, monkeypatch):
    from mentora.hr_import import views as views_import

    monkeypatch.setattr(views_import, "MAX_FILE_BYTES", len(GOOD) - 1)
    client.force_login(org_admin.user)
    response = post_file(client, GOOD)
    assert "Split it into several files." in response.content.decode()
    assert not HrImport.objects.exists()


def make_staff(organisation, count):
    staff = []
    for i in range(1, count + 1):
        membership = make_member(organisation, email=f"e{i}@example.com", first_name=f"Emma{i}")
        membership.employee_id = f"E{i}"
        membership.save()
        staff.append(membership)
    return staff


def roster(staff):
    lines = [
        f"{m.employee_id},{m.user.email},{m.user.first_name},{m.user.last_name}" for m in staff
    ]
    return ("employee_id,email,first_name,last_name\n" + "\n".join(lines) + "\n").encode()


def post_roster(client, content):
    return client.post(
        reverse("hr_import:list"),
        {"file": SimpleUploadedFile("all.csv", content, "text/csv"), "absent_have_left": "on"},
    )


def test_marking_missing_people_as_left_is_off_by_default(client, org_admin):
    client.force_login(org_admin.user)
    page = client.get(reverse("hr_import:list")).content.decode()
    assert 'name="absent_have_left"' in page and "checked" not in page
    post_file(client, GOOD)
    assert HrImport.objects.get().absent_have_left is False


def test_the_report_lists_who_is_missing_from_a_complete_file(client, org_admin):
    staff = make_staff(org_admin.organisation, 10)
    client.force_login(org_admin.user)
    page = client.get(post_roster(client, roster(staff[1:])).url).content.decode()
    assert "Missing from the file: to mark as left" in page
    assert "Emma1 Test" in page and "e1@example.com" in page and ">E1<" in page
    assert "neither are organisation admins" in page
    assert "I confirm that the people missing from the file have left" not in page


def test_a_large_share_is_refused_in_the_admins_language_without_confirmation(client, org_admin):
    staff = make_staff(org_admin.organisation, 4)
    org_admin.user.language = "fr"
    org_admin.user.save()
    client.force_login(org_admin.user)
    detail = post_roster(client, roster(staff[2:])).url
    assert (
        "Cet import marquerait comme parties 2 des 4 personnes"
        in client.get(detail).content.decode()
    )
    hr_import = HrImport.objects.get()
    response = client.post(reverse("hr_import:apply", args=[hr_import.pk]), follow=True)
    error = response.content.decode()
    assert (
        "cet import marquerait comme parties 2 des 4 personnes ayant un matricule (50 %)" in error
    )
    assert "cochez « Je confirme que les personnes absentes du fichier sont parties »" in error
    assert not Membership.objects.filter(left_on__isnull=False).exists()


def test_a_confirmed_large_share_is_applied(client, org_admin):
    staff = make_staff(org_admin.organisation, 4)
    client.force_login(org_admin.user)
    detail = post_roster(client, roster(staff[2:])).url
    hr_import = HrImport.objects.get()
    client.post(reverse("hr_import:apply", args=[hr_import.pk]), {"confirm_departures": "on"})
    assert Membership.objects.filter(left_on__isnull=False).count() == 2
    assert (
        "2 people missing from the file were marked as left." in client.get(detail).content.decode()
    )


def test_an_import_whose_uploader_account_was_deleted_still_lists_and_opens(client, org_admin):
    uploader = make_member(org_admin.organisation, role="org_admin")
    client.force_login(uploader.user)
    detail = post_file(client, GOOD).url
    uploader.user.delete()
    client.force_login(org_admin.user)
    listing = client.get(reverse("hr_import:list")).content.decode()
    assert "hr.csv" in listing and "a deleted account" in listing
    assert "by a deleted account" in client.get(detail).content.decode()
