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
