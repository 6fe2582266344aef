"""Editing one's role and reporting line (job title, department, site, level, manager)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.accounts.models import Department, Site
from tests.factories import make_member, make_organisation

URL = reverse("profiles:edit_work")


def _post(client, member, **fields):
    client.force_login(member.user)
    data = {"job_title": "", "department": "", "site": "", "seniority_level": "", "manager": ""}
    data.update({key: str(value) for key, value in fields.items()})
    return client.post(URL, data)


def test_member_saves_job_title_department_site_level_and_manager(client, member, coordinator):
    department = Department.objects.create(organisation=member.organisation, name="Finance")
    site = Site.objects.create(organisation=member.organisation, name="Lyon")
    response = _post(
        client,
        member,
        job_title="Analyst",
        department=department.pk,
        site=site.pk,
        seniority_level=3,
        manager=coordinator.pk,
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.job_title, member.department, member.site) == ("Analyst", department, site)
    assert (member.seniority_level, member.manager) == (3, coordinator)


def test_member_cannot_be_their_own_manager(client, member):
    response = _post(client, member, manager=member.pk)
    assert "You cannot be your own manager." in response.content.decode()
    member.refresh_from_db()
    assert member.manager is None


def test_manager_who_reports_to_the_member_is_refused(client, member, coordinator):
    coordinator.manager = member
    coordinator.save()
    response = _post(client, member, manager=coordinator.pk)
    assert "would create a loop in the reporting line" in response.content.decode()
    member.refresh_from_db()
    assert member.manager is None


def test_indirect_report_as_manager_is_refused(client, member, coordinator, org_admin):
    coordinator.manager = member
    coordinator.save()
    org_admin.manager = coordinator
    org_admin.save()
    response = _post(client, member, manager=org_admin.pk)
    assert "would create a loop in the reporting line" in response.content.decode()


def test_manager_from_another_organisation_is_refused(client, member, outsider):
    response = _post(client, member, manager=outsider.pk)
    assert "Choose your manager among the active members" in response.content.decode()


def test_seniority_level_above_the_scale_is_refused(client, member):
    response = _post(client, member, seniority_level=member.organisation.seniority_scale + 1)
    assert "Choose a level between 1 and 6." in response.content.decode()
    member.refresh_from_db()
    assert member.seniority_level is None


def test_department_of_another_organisation_is_refused(client, member):
    elsewhere = Department.objects.create(organisation=make_organisation(), name="Sales")
    response = _post(client, member, department=elsewhere.pk)
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.department is None


def test_hr_managed_member_sees_their_record_read_only(client, member):
    member.employee_id = "E-42"
    member.job_title = "Accountant"
    member.save()
    client.force_login(member.user)
    page = client.get(URL).content.decode()
    assert "from your HR records" in page
    assert 'name="job_title"' not in page


def test_hr_managed_member_cannot_change_their_record_by_posting(client, member):
    member.employee_id = "E-42"
    member.job_title = "Accountant"
    member.save()
    _post(client, member, job_title="Chief Executive")
    member.refresh_from_db()
    assert member.job_title == "Accountant"


@pytest.mark.parametrize("query", ["Chlo", "coord"])
def test_manager_search_finds_colleagues_by_name(client, member, coordinator, query):
    client.force_login(member.user)
    response = client.get(reverse("profiles:manager_search"), {"q": query})
    assert f'value="{coordinator.pk}"' in response.content.decode()


def test_manager_search_never_offers_oneself_or_outsiders(client, member, outsider):
    outsider.user.first_name = "Marc"
    outsider.user.save()
    client.force_login(member.user)
    page = client.get(reverse("profiles:manager_search"), {"q": "Marc"}).content.decode()
    assert f'value="{member.pk}"' not in page
    assert f'value="{outsider.pk}"' not in page


def test_manager_search_skips_people_who_left(client, member):
    from datetime import date

    gone = make_member(member.organisation, first_name="Gaston", left_on=date(2026, 1, 1))
    client.force_login(member.user)
    page = client.get(reverse("profiles:manager_search"), {"q": "Gaston"}).content.decode()
    assert f'value="{gone.pk}"' not in page


def test_fruitless_manager_search_keeps_the_current_manager_selected(client, member, coordinator):
    client.force_login(member.user)
    page = client.get(
        reverse("profiles:manager_search"), {"q": "zzzz", "manager": str(coordinator.pk)}
    ).content.decode()
    assert f'<option value="{coordinator.pk}" selected>' in page
