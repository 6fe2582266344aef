from __future__ import annotations

from django.urls import reverse

from mentora.accounts.models import AuditEntry


def test_member_list_shows_only_the_organisation_members(client, org_admin, member, outsider):
    client.force_login(org_admin.user)
    content = client.get(reverse("accounts:members")).content.decode()
    assert member.user.email in content
    assert outsider.user.email not in content


def test_member_list_searches_by_name(client, org_admin, member, coordinator):
    client.force_login(org_admin.user)
    content = client.get(reverse("accounts:members"), {"q": "Marc"}).content.decode()
    assert member.user.email in content
    assert coordinator.user.email not in content


def test_member_list_answers_htmx_with_rows_only(client, org_admin, member):
    client.force_login(org_admin.user)
    response = client.get(reverse("accounts:members"), HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert member.user.email in response.content.decode()


def test_admin_changes_a_role_and_it_is_audited(client, org_admin, member):
    client.force_login(org_admin.user)
    client.post(reverse("accounts:member_role", args=[member.pk]), {"role": "coordinator"})
    member.refresh_from_db()
    assert member.role == "coordinator"
    assert AuditEntry.objects.filter(action="membership.role", actor=org_admin.user).exists()


def test_last_admin_cannot_step_down(client, org_admin):
    client.force_login(org_admin.user)
    response = client.post(
        reverse("accounts:member_role", args=[org_admin.pk]), {"role": "member"}, follow=True
    )
    org_admin.refresh_from_db()
    assert org_admin.role == "org_admin"
    assert "at least one admin" in response.content.decode()


def test_unknown_role_is_refused_with_a_message(client, org_admin, member):
    client.force_login(org_admin.user)
    response = client.post(
        reverse("accounts:member_role", args=[member.pk]), {"role": "emperor"}, follow=True
    )
    member.refresh_from_db()
    assert member.role == "member"
    assert "Choose one of the listed roles." in response.content.decode()


def test_person_without_organisation_is_told_what_to_do(client, db):
    from tests.factories import make_user

    client.force_login(make_user())
    response = client.get(reverse("home:home"))
    assert response.status_code == 403
    assert "Ask your HR" in response.content.decode()


def test_switching_organisation_changes_what_is_shown(client, organisation, outsider):
    from tests.factories import make_member

    make_member(organisation, user=outsider.user, role="member")
    client.force_login(outsider.user)
    client.post(reverse("accounts:switch_organisation"), {"organisation": organisation.pk})
    response = client.get(reverse("home:home"))
    assert response.context["request"].organisation == organisation


def test_profile_update_saves_names_and_language(client, member):
    client.force_login(member.user)
    client.post(
        reverse("accounts:profile"), {"first_name": "Marcel", "last_name": "M", "language": "fr"}
    )
    member.user.refresh_from_db()
    assert (member.user.first_name, member.user.language) == ("Marcel", "fr")
