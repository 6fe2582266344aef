"""Applying an HR import: all or nothing, idempotent, departures kept, re-plan on change."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentora.accounts.models import AuditEntry, Department, Membership, Site, User
from mentora.hr_import import apply as hr_import_apply
from mentora.hr_import import runs, services
from mentora.hr_import.models import HrImportStatus
from tests.factories import make_member, make_organisation

HEADER = (
    "matricule;email;prenom;nom;service;site;poste;niveau;matricule_manager;date_entree;"
    "date_sortie\n"
)
TEAM = [
    "B1;boss@example.com;Bea;Boss;Direction;Paris;CEO;6;;01/01/2010;",
    "W1;ana@example.com;Ana;Lopez;IT;Lyon;Developer;2;B1;2021-05-03;",
    "W2;leo@example.com;Léo;Martin;IT;Lyon;Tester;1;W1;2022-01-10;",
]


def upload(organisation, actor, *lines):
    content = (HEADER + "\n".join(lines) + "\n").encode()
    return services.create_hr_import(
        organisation=organisation, actor=actor.user, file_name="rh.csv", content=content
    )


def apply(hr_import, actor, skip=False):
    hr_import.refresh_from_db()
    return runs.apply_hr_import(hr_import=hr_import, actor=actor.user, skip_rejected=skip)


def imported(organisation):
    return Membership.objects.of(organisation).exclude(employee_id="")


def test_apply_creates_people_teams_and_managers(organisation, org_admin):
    assert apply(upload(organisation, org_admin, *TEAM), org_admin) == "applied"
    people = {m.employee_id: m for m in imported(organisation).select_related("manager", "user")}
    assert people["W2"].manager == people["W1"] and people["W1"].manager == people["B1"]
    assert people["W1"].department.name == "IT" and people["W1"].site.name == "Lyon"
    assert people["W2"].hired_on == date(2022, 1, 10) and people["W2"].role == "member"
    assert not people["W2"].user.has_usable_password()
    assert Department.objects.filter(organisation=organisation).count() == 2
    assert Site.objects.filter(organisation=organisation).count() == 2
    assert AuditEntry.objects.filter(action="hr_import.apply").count() == 1


def test_reimporting_the_same_file_changes_nothing(organisation, org_admin):
    apply(upload(organisation, org_admin, *TEAM), org_admin)
    before = list(imported(organisation).values())
    second = upload(organisation, org_admin, *TEAM)
    assert second.counts["unchanged"] == 3 and second.counts["update"] == 0
    assert second.counts["create"] == 0
    assert apply(second, org_admin) == "applied"
    assert list(imported(organisation).values()) == before


def _team(prefix, size):
    """A boss and `size` people reporting to them; e-mails start with `prefix`."""
    boss = f"B1;{prefix}boss@example.com;Bea;Boss;Direction;Paris;CEO;6;;01/01/2010;"
    line = "W{i};{prefix}{i}@example.com;Ana;Lopez;IT;Lyon;Developer;2;B1;2021-05-03;"
    return [boss, *(line.format(i=i, prefix=prefix) for i in range(size))]


def test_applying_takes_the_same_number_of_queries_for_more_people(organisation, org_admin):
    small = upload(make_organisation(name="Small"), org_admin, *_team("small", 2))
    large = upload(organisation, org_admin, *_team("large", 40))
    with CaptureQueriesContext(connection) as few:
        apply(small, org_admin)
    with CaptureQueriesContext(connection) as many:
        apply(large, org_admin)
    assert len(many) == len(few)
    assert imported(organisation).count() == 41


def test_departed_employees_are_kept_as_left(organisation, org_admin):
    apply(upload(organisation, org_admin, *TEAM), org_admin)
    leaving = TEAM[2].rstrip(";") + ";30/06/2024"
    hr_import = upload(organisation, org_admin, TEAM[0], TEAM[1], leaving)
    assert hr_import.counts["leaving"] == 1
    apply(hr_import, org_admin)
    member = imported(organisation).get(employee_id="W2")
    assert member.left_on == date(2024, 6, 30)
    assert member not in Membership.objects.active()


def test_people_missing_from_the_file_are_not_touched(organisation, org_admin):
    apply(upload(organisation, org_admin, *TEAM), org_admin)
    hr_import = upload(organisation, org_admin, TEAM[0])
    assert hr_import.counts["not_in_file"] >= 2
    apply(hr_import, org_admin)
    assert imported(organisation).filter(left_on__isnull=True).count() == 3


def test_an_error_midway_leaves_everything_as_it_was(organisation, org_admin, monkeypatch):
    hr_import = upload(organisation, org_admin, *TEAM)
    users = User.objects.count()

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(hr_import_apply, "_by_depth", explode)
    assert apply(hr_import, org_admin) == "failed"
    assert User.objects.count() == users
    assert not imported(organisation).exists()
    assert not Department.objects.filter(organisation=organisation).exists()
    hr_import.refresh_from_db()
    assert hr_import.status == HrImportStatus.FAILED


def test_rejected_rows_block_apply_unless_skipped(organisation, org_admin):
    hr_import = upload(organisation, org_admin, *TEAM, "X1;bad-mail;X;Y;IT;Lyon;Dev;2;;;")
    assert (
        services.request_apply(hr_import=hr_import, actor=org_admin.user, skip_rejected=False)
        == "refused"
    )
    assert not imported(organisation).exists()
    assert apply(hr_import, org_admin, skip=True) == "applied"
    assert imported(organisation).count() == 3


def test_apply_replans_when_the_organisation_changed(organisation, org_admin):
    hr_import = upload(organisation, org_admin, *TEAM)
    make_member(organisation, email="ana@example.com")  # someone joined meanwhile
    assert apply(hr_import, org_admin) == "replanned"
    hr_import.refresh_from_db()
    assert hr_import.status == HrImportStatus.DRY_RUN and hr_import.replanned_at
    assert hr_import.rows.get(employee_id="W1").action == "update"
    assert not imported(organisation).exists()


def test_large_files_are_planned_and_applied_by_a_task(
    organisation, org_admin, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "SYNC_ROW_LIMIT", 1)
    with django_capture_on_commit_callbacks(execute=True):
        hr_import = upload(organisation, org_admin, *TEAM)
    hr_import.refresh_from_db()
    assert hr_import.status == HrImportStatus.DRY_RUN and hr_import.counts["create"] == 3
    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.request_apply(
            hr_import=hr_import, actor=org_admin.user, skip_rejected=False
        )
    assert outcome == "queued"
    hr_import.refresh_from_db()
    assert hr_import.status == HrImportStatus.APPLIED


def test_seniority_scale_of_the_organisation_is_used(organisation, org_admin):
    organisation.seniority_scale = 5
    organisation.save()
    hr_import = upload(organisation, org_admin, *TEAM)
    assert hr_import.rows.get(employee_id="B1").errors[0][0] == "bad_level"
    # Her new reports cannot be attached to her, so they wait for a corrected file too.
    assert hr_import.rows.get(employee_id="W1").errors[0][0] == "manager_rejected"


def test_the_applied_import_counts_agree_in_number_in_french(client, organisation, org_admin):
    from django.urls import reverse

    hr_import = upload(organisation, org_admin, TEAM[0])
    apply(hr_import, org_admin)
    org_admin.user.language = "fr"
    org_admin.user.save(update_fields=["language"])
    client.force_login(org_admin.user)
    page = client.get(reverse("hr_import:detail", args=[hr_import.pk])).content.decode()
    assert "1 personne ajoutée, 0 mise à jour, 0 marquée comme partie." in page
    assert '<span class="stat__label">créé</span>' in page
    assert "1 créés" not in page
