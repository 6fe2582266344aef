"""The audit log reads as sentences, filters by person, action and dates, and exports CSV."""

from __future__ import annotations

import ast
import csv
import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse

from mentora.accounts.audit import ACTION_SENTENCES, describe_action
from mentora.accounts.models import AuditEntry

PARIS = ZoneInfo("Europe/Paris")


def _entry(organisation, actor, action, target, when):
    entry = AuditEntry.objects.create(
        organisation=organisation, actor=actor.user if actor else None, action=action, target=target
    )
    # created_at is set on insert: move it to the day the test needs.
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=when)
    return entry


@pytest.fixture
def log(org_admin, coordinator):
    organisation = org_admin.organisation
    return [
        _entry(
            organisation,
            coordinator,
            "matching.publish",
            "Talents run 2",
            datetime(2027, 3, 10, 9, 30, tzinfo=PARIS),
        ),
        _entry(
            organisation,
            org_admin,
            "invitation.create",
            "nora@example.com",
            datetime(2027, 3, 12, 23, 30, tzinfo=PARIS),
        ),
        _entry(
            organisation,
            coordinator,
            "programme.create",
            "Talents",
            datetime(2027, 4, 1, 8, 0, tzinfo=PARIS),
        ),
    ]


def _page(client, **filters) -> str:
    return client.get(reverse("accounts:audit_log"), filters).content.decode()


def test_it_writes_each_action_as_a_sentence(client, org_admin, log):
    client.force_login(org_admin.user)
    page = _page(client)
    assert "published the matching run Talents run 2" in page
    assert "matching.publish</code>" not in page


def test_it_writes_the_sentences_in_the_readers_language(client, org_admin, log):
    org_admin.user.language = "fr"
    org_admin.user.save()
    client.force_login(org_admin.user)
    assert "a publié l'exécution d'appariement Talents run 2" in _page(client).replace(
        "&#x27;", "'"
    )


def test_an_unknown_action_stays_readable():
    assert describe_action("billing.card_update", "Acme") == "billing · card update: Acme"


def test_every_action_recorded_anywhere_has_a_sentence():
    used = set()
    for path in (Path(settings.BASE_DIR) / "mentora").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = getattr(node, "func", None)
            name = getattr(called, "id", "") or getattr(called, "attr", "")
            if isinstance(node, ast.Call) and name in {"record_audit", "AuditEntry"}:
                for keyword in node.keywords:
                    if keyword.arg == "action":
                        used |= {
                            n.value
                            for n in ast.walk(keyword.value)
                            if isinstance(n, ast.Constant) and isinstance(n.value, str)
                        }
    assert used, "no record_audit call found"
    assert not used - set(ACTION_SENTENCES)


def test_it_filters_by_person(client, org_admin, coordinator, log):
    client.force_login(org_admin.user)
    page = _page(client, person=coordinator.user.pk)
    assert "published the matching run Talents" in page
    assert "invited nora@example.com" not in page


def test_it_filters_by_action(client, org_admin, log):
    client.force_login(org_admin.user)
    page = _page(client, action="invitation.create")
    assert "invited nora@example.com" in page
    assert "published the matching run Talents" not in page


def test_it_filters_by_dates_in_the_organisations_time(client, org_admin, log):
    client.force_login(org_admin.user)
    page = _page(client, since="2027-03-11", until="2027-03-12")
    # 23:30 in Paris on 12 March is still 12 March, although it is 22:30 UTC.
    assert "invited nora@example.com" in page
    assert "published the matching run Talents" not in page
    assert "created the programme Talents" not in page


def test_a_bad_filter_value_drops_only_that_filter(client, org_admin, log):
    client.force_login(org_admin.user)
    page = _page(client, since="not-a-date", action="programme.create")
    assert "created the programme Talents" in page
    assert "invited nora@example.com" not in page


def test_it_pages_the_log_and_keeps_the_filters(client, org_admin):
    for n in range(60):
        _entry(
            org_admin.organisation,
            org_admin,
            "programme.update",
            f"P{n}",
            datetime(2027, 1, 1, 12, tzinfo=PARIS),
        )
    client.force_login(org_admin.user)
    page = _page(client, action="programme.update")
    assert page.count("edited the programme P") == 50
    assert "action=programme.update&amp;page=2" in page


def test_it_shows_only_the_organisations_entries(client, outsider, log):
    client.force_login(outsider.user)
    assert "Talents" not in _page(client)


def _csv(client, **filters):
    response = client.get(reverse("accounts:audit_log_export"), filters)
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_export_follows_the_filters_with_iso_dates(client, org_admin, coordinator, log):
    client.force_login(org_admin.user)
    rows = _csv(client, person=coordinator.user.pk, since="2027-03-01", until="2027-03-31")
    assert rows[0][:4] == ["When", "Who", "E-mail", "Action"]
    assert len(rows) == 2
    assert rows[1][0] == "2027-03-10T09:30:00+01:00"
    assert rows[1][3] == "published the matching run Talents run 2"
    assert "matching.publish" in rows[1]


def test_the_export_heads_its_columns_in_the_readers_language(client, org_admin, log):
    org_admin.user.language = "fr"
    org_admin.user.save()
    client.force_login(org_admin.user)
    assert _csv(client)[0][:4] == ["Date", "Auteur", "E-mail", "Action"]


def test_the_export_never_hands_a_formula_to_the_spreadsheet(client, org_admin):
    _entry(
        org_admin.organisation,
        org_admin,
        "programme.create",
        "=HYPERLINK(1)",
        datetime(2027, 1, 1, tzinfo=PARIS),
    )
    client.force_login(org_admin.user)
    assert "'=HYPERLINK(1)" in _csv(client)[1]


def test_only_org_admins_export_the_log(client, coordinator, log):
    client.force_login(coordinator.user)
    assert client.get(reverse("accounts:audit_log_export")).status_code == 403


def test_what_the_worker_did_on_its_own_is_signed_by_mentora_not_a_deleted_account(
    client, org_admin
):
    organisation = org_admin.organisation
    AuditEntry.objects.create(
        organisation=organisation,
        actor=None,
        action="feedback.survey_open_on_day",
        target="Talents",
        details={"automatic": True},
    )
    AuditEntry.objects.create(organisation=organisation, actor=None, action="programme.create")
    client.force_login(org_admin.user)
    page = _page(client)
    assert page.count("Mentora (automatic)") == 1
    assert page.count("a deleted account") == 1
