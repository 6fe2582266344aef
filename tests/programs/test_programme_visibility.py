from __future__ import annotations

from django.urls import reverse

from tests.factories import make_member, make_organisation, make_programme


def test_members_do_not_see_drafts_in_the_list(client, member, organisation):
    make_programme(organisation, name="Secret draft", status="draft")
    make_programme(organisation, name="Open call", status="enrolling")
    client.force_login(member.user)
    content = client.get(reverse("programs:list")).content.decode()
    assert "Open call" in content
    assert "Secret draft" not in content


def test_coordinators_see_their_own_drafts(client, coordinator, organisation):
    draft = make_programme(organisation, name="My draft", status="draft")
    draft.coordinators.add(coordinator.user)
    client.force_login(coordinator.user)
    assert "My draft" in client.get(reverse("programs:list")).content.decode()


def test_programmes_of_another_organisation_are_never_listed(client, member, outsider):
    make_programme(outsider.organisation, name="Globex programme", status="enrolling")
    client.force_login(member.user)
    assert "Globex programme" not in client.get(reverse("programs:list")).content.decode()


def test_partner_organisation_members_see_an_inter_company_programme(client, organisation):
    partner = make_organisation(name="Partner")
    partner_member = make_member(partner)
    programme = make_programme(
        organisation, name="Across companies", kind="inter_company", status="enrolling"
    )
    programme.partner_organisations.add(partner)
    client.force_login(partner_member.user)
    response = client.get(reverse("programs:public", args=[programme.pk]))
    assert "Across companies" in response.content.decode()
    assert reverse("enrolment:apply", args=[programme.pk]) in response.content.decode()


def test_partner_members_cannot_manage_the_programme(client, organisation):
    partner = make_organisation(name="Partner")
    partner_admin = make_member(partner, role="org_admin")
    programme = make_programme(organisation, kind="inter_company", status="enrolling")
    programme.partner_organisations.add(partner)
    client.force_login(partner_admin.user)
    assert client.get(reverse("programs:edit", args=[programme.pk])).status_code == 403


def test_public_page_shows_whether_enrolment_is_open(client, member, programme):
    client.force_login(member.user)
    content = client.get(reverse("programs:public", args=[programme.pk])).content.decode()
    assert "Enrolment is open" in content


def test_list_filters_by_status(client, org_admin, organisation):
    make_programme(organisation, name="Running one", status="running")
    make_programme(organisation, name="Closed one", status="closed")
    client.force_login(org_admin.user)
    content = client.get(reverse("programs:list"), {"status": "running"}).content.decode()
    assert "Running one" in content
    assert "Closed one" not in content


def test_the_list_links_a_coordinator_to_the_pages_they_may_open(client, coordinator, organisation):
    mine = make_programme(organisation, name="Mine", status="enrolling")
    mine.coordinators.add(coordinator.user)
    theirs = make_programme(organisation, name="Theirs", status="enrolling")
    client.force_login(coordinator.user)
    content = client.get(reverse("programs:list")).content.decode()
    assert f'href="{mine.get_absolute_url()}"' in content
    assert f'href="{theirs.get_public_url()}"' in content
    assert f'href="{theirs.get_absolute_url()}"' not in content


def test_the_list_links_a_sponsor_to_the_programme_they_back(client, sponsor, organisation):
    backed = make_programme(organisation, name="Backed", status="running")
    backed.sponsors.add(sponsor.user)
    client.force_login(sponsor.user)
    content = client.get(reverse("programs:list")).content.decode()
    assert f'href="{backed.get_absolute_url()}"' in content
