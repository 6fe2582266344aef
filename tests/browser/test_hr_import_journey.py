"""An org admin imports employees from the HR system in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CSV = (
    "\ufeffmatricule;email;prenom;nom;service;site;poste;niveau;matricule_manager;date_entree;"
    "date_sortie\r\n"
    "E1;nadia.haddad@example.com;Nadia;Haddad;Finance;Lyon;CFO;5;;01/09/2015;\r\n"
    "E2;paul.girard@example.com;Paul;Girard;Finance;Lyon;Accountant;2;E1;2023-03-21;\r\n"
    "E3;lina.roux@example.com;Lina;Roux;Finance;Lyon;Analyst;2;E9;2024-01-02;\r\n"
)


def test_admin_imports_employees_skipping_a_rejected_row(
    live_server, page, sign_in, org_admin, tmp_path
):
    export = tmp_path / "export-rh.csv"
    export.write_bytes(CSV.encode())
    sign_in(org_admin)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    page.get_by_label("CSV file exported from your HR system").set_input_files(str(export))
    page.get_by_role("button", name="Check the file").click()

    expect(
        page.get_by_text("The manager E9 is neither in the file nor in the organisation.")
    ).to_be_visible()
    page.get_by_role("button", name="Apply the import").click()
    expect(page.get_by_text("Some rows are rejected.")).to_be_visible()

    page.get_by_label("Skip the rejected rows").check()
    page.get_by_role("button", name="Apply the import").click()
    expect(page.get_by_role("heading", name="Import applied")).to_be_visible()

    page.get_by_role("link", name="See the people").click()
    expect(page.get_by_text("Nadia Haddad")).to_be_visible()
    expect(page.get_by_text("Paul Girard")).to_be_visible()
    expect(page.get_by_text("Lina Roux")).to_have_count(0)


def test_admin_marks_people_missing_from_a_complete_file_as_left(
    live_server, page, sign_in, org_admin, tmp_path
):
    first = tmp_path / "export-rh.csv"
    first.write_bytes(CSV.encode())
    # Next month's export lists only Nadia: Paul has left (Lina was never imported).
    second = tmp_path / "export-rh-mars.csv"
    second.write_bytes("".join(CSV.splitlines(keepends=True)[:2]).encode())
    sign_in(org_admin)
    page.goto(f"{live_server.url}/organisation/import/")
    page.get_by_label("CSV file exported from your HR system").set_input_files(str(first))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_label("Skip the rejected rows").check()
    page.get_by_role("button", name="Apply the import").click()
    expect(page.get_by_role("heading", name="Import applied")).to_be_visible()

    page.get_by_role("link", name="Upload another file").click()
    page.get_by_label("CSV file exported from your HR system").set_input_files(str(second))
    page.get_by_label("This file lists everyone still employed").check()
    page.get_by_role("button", name="Check the file").click()
    expect(
        page.get_by_role("alert").filter(has_text="This import would mark 1 of the 2")
    ).to_be_visible()
    departures = page.locator("#departures")
    expect(departures.get_by_role("cell", name="Paul Girard")).to_be_visible()
    expect(departures.get_by_role("cell", name="Nadia Haddad")).to_have_count(0)

    page.get_by_role("button", name="Apply the import").click()
    expect(
        page.get_by_text("Nothing was changed: this import would mark 1 of the 2")
    ).to_be_visible()
    page.get_by_label("I confirm that the people missing from the file have left").check()
    page.get_by_role("button", name="Apply the import").click()
    expect(page.get_by_text("1 person missing from the file was marked as left.")).to_be_visible()
