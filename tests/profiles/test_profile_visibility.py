"""Who may read a member's profile: the member, coordinators and org admins; not others."""

from __future__ import annotations

from django.urls import reverse

from mentora.profiles.policy import can_view_profile
from tests.factories import make_profile


def _read(client, reader, member):
    make_profile(member, bio="Loves chess")
    client.force_login(reader.user)
    return client.get(reverse("profiles:member", args=[member.pk]))


def test_coordinator_reads_a_members_profile(client, coordinator, member):
    response = _read(client, coordinator, member)
    assert response.status_code == 200
    assert "Loves chess" in response.content.decode()


def test_org_admin_reads_a_members_profile(client, org_admin, member):
    assert "Loves chess" in _read(client, org_admin, member).content.decode()


def test_other_member_cannot_read_a_profile(client, member, organisation):
    from tests.factories import make_member

    colleague = make_member(organisation)
    assert _read(client, colleague, member).status_code == 403


def test_sponsor_cannot_read_a_profile(client, sponsor, member):
    assert _read(client, sponsor, member).status_code == 403


def test_people_of_another_organisation_get_not_found(client, outsider, member):
    assert _read(client, outsider, member).status_code == 404


def test_member_reading_their_own_profile_by_id_lands_on_my_profile(client, member):
    response = _read(client, member, member)
    assert response.url == reverse("profiles:mine")


def test_profile_not_filled_in_yet_says_so(client, coordinator, member):
    client.force_login(coordinator.user)
    response = client.get(reverse("profiles:member", args=[member.pk]))
    assert "has not filled in their profile yet" in response.content.decode()


def test_can_view_profile_allows_the_member_and_curators(member, coordinator, org_admin):
    assert all(can_view_profile(actor, member) for actor in (member, coordinator, org_admin))


def test_can_view_profile_denies_sponsors_outsiders_and_nobody(sponsor, outsider, member):
    assert not any(can_view_profile(actor, member) for actor in (sponsor, outsider, None))


def test_user_menu_links_to_the_profile_and_the_account(client, member):
    client.force_login(member.user)
    page = client.get(reverse("home:home")).content.decode()
    assert f'href="{reverse("profiles:mine")}"' in page
    assert f'href="{reverse("accounts:profile")}"' in page


def test_account_page_links_to_the_mentoring_profile(client, member):
    client.force_login(member.user)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert f'href="{reverse("profiles:mine")}"' in page
