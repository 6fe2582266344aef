from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentora.accounts.models import Invitation, Membership, User
from mentora.accounts.services import accept_invitation, invite_member
from tests.factories import make_member, make_user


def test_invite_member_emails_a_working_link(org_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite_member(
            organisation=org_admin.organisation,
            email="New.Person@Example.com",
            role="coordinator",
            invited_by=org_admin.user,
        )
    assert invitation.email == "new.person@example.com"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.com"]
    assert f"/invitation/{invitation.token}/" in mail.outbox[0].body


def test_invitation_email_is_written_in_the_organisation_language(
    org_admin, django_capture_on_commit_callbacks
):
    org_admin.organisation.default_language = "fr"
    org_admin.organisation.save()
    with django_capture_on_commit_callbacks(execute=True):
        invite_member(
            organisation=org_admin.organisation,
            email="nouveau@example.com",
            role="member",
            invited_by=org_admin.user,
        )
    assert "Acme" in mail.outbox[0].subject
    assert "Mentora" in mail.outbox[0].subject
    assert mail.outbox[0].subject.startswith("Vous")


def test_inviting_again_revokes_the_previous_link(org_admin):
    first = invite_member(
        organisation=org_admin.organisation,
        email="a@example.com",
        role="member",
        invited_by=org_admin.user,
    )
    invite_member(
        organisation=org_admin.organisation,
        email="a@example.com",
        role="member",
        invited_by=org_admin.user,
    )
    first.refresh_from_db()
    assert first.status == "revoked"


def test_invitation_form_refuses_an_existing_member(client, org_admin, member):
    client.force_login(org_admin.user)
    response = client.post(
        reverse("accounts:invitations"), {"email": member.user.email, "role": "member"}
    )
    assert response.status_code == 200
    assert "already a member" in response.content.decode()
    assert not Invitation.objects.exists()


def test_newcomer_accepts_and_is_signed_in(client, org_admin):
    invitation = Invitation.objects.create(
        organisation=org_admin.organisation, email="nora@example.com", role="coordinator"
    )
    response = client.post(
        reverse("accounts:accept_invitation", args=[invitation.token]),
        {
            "first_name": "Nora",
            "last_name": "New",
            "language": "fr",
            "password1": "a-long-and-unusual-passphrase",
            "password2": "a-long-and-unusual-passphrase",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nora@example.com")
    assert user.language == "fr"
    assert Membership.objects.get(user=user).role == "coordinator"
    assert client.get(reverse("home:home")).status_code == 200


def test_accept_form_rejects_mismatched_passwords_and_creates_nothing(client, org_admin):
    invitation = Invitation.objects.create(
        organisation=org_admin.organisation, email="x@example.com"
    )
    response = client.post(
        reverse("accounts:accept_invitation", args=[invitation.token]),
        {
            "first_name": "X",
            "last_name": "Y",
            "language": "en",
            "password1": "a-long-and-unusual-passphrase",
            "password2": "something-else-entirely",
        },
    )
    assert "The two passwords differ." in response.content.decode()
    assert not User.objects.filter(email="x@example.com").exists()


def test_expired_invitation_is_refused(client, org_admin):
    invitation = Invitation.objects.create(
        organisation=org_admin.organisation,
        email="late@example.com",
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    response = client.get(reverse("accounts:accept_invitation", args=[invitation.token]))
    assert response.status_code == 410


def test_existing_user_joins_a_second_organisation(client, org_admin, outsider):
    invitation = Invitation.objects.create(
        organisation=org_admin.organisation, email=outsider.user.email, role="member"
    )
    client.force_login(outsider.user)
    client.post(reverse("accounts:accept_invitation", args=[invitation.token]))
    assert Membership.objects.filter(user=outsider.user).count() == 2


def test_accepting_twice_is_impossible(org_admin):
    invitation = Invitation.objects.create(
        organisation=org_admin.organisation, email="z@example.com"
    )
    accept_invitation(invitation=invitation, password="a-long-and-unusual-passphrase")
    with pytest.raises(ValueError, match="can no longer be used"):
        accept_invitation(invitation=invitation, password="a-long-and-unusual-passphrase")
    assert Membership.objects.filter(user__email="z@example.com").count() == 1


def test_admin_revokes_a_pending_invitation(client, org_admin):
    invitation = Invitation.objects.create(
        organisation=org_admin.organisation, email="r@example.com"
    )
    client.force_login(org_admin.user)
    client.post(reverse("accounts:revoke_invitation", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == "revoked"


def test_unknown_invitation_token_is_not_found(client, db):
    assert client.get(reverse("accounts:accept_invitation", args=["nope"])).status_code == 404


def test_make_user_helper_logs_in(client, organisation):
    make_member(organisation, user=make_user(email="helper@example.com"))
    assert client.login(username="helper@example.com", password="correct-horse-battery-staple")


def test_revoking_an_invitation_asks_for_confirmation(client, org_admin):
    Invitation.objects.create(organisation=org_admin.organisation, email="nora@example.com")
    client.force_login(org_admin.user)
    page = client.get(reverse("accounts:invitations")).content.decode()
    assert (
        'data-confirm="Revoke the invitation sent to nora@example.com? Its link will stop '
        'working."' in page
    )
