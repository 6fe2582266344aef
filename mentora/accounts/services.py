"""State changes for accounts, organisations, memberships and invitations."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import AuditEntry, Invitation, Membership, Organisation, Role, User


def record_audit(
    *,
    organisation: Organisation,
    actor: User | None,
    action: str,
    target: object = "",
    **details: Any,
) -> AuditEntry:
    """Keep a trace of a coordinator's or admin's action."""
    return AuditEntry.objects.create(
        organisation=organisation,
        actor=actor,
        action=action,
        target=str(target)[:200],
        details=details,
    )


@transaction.atomic
def invite_member(
    *, organisation: Organisation, email: str, role: str, invited_by: User
) -> Invitation:
    """Create an invitation (replacing any pending one for the address) and e-mail it."""
    from mentora.accounts.tasks import send_invitation_email

    email = email.strip().lower()
    Invitation.objects.pending().filter(organisation=organisation, email=email).update(
        revoked_at=timezone.now()
    )
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, invited_by=invited_by
    )
    record_audit(
        organisation=organisation,
        actor=invited_by,
        action="invitation.create",
        target=email,
        role=role,
    )
    transaction.on_commit(lambda: send_invitation_email.enqueue(invitation.pk))
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, actor: User) -> Invitation:
    """Make a pending invitation unusable."""
    if invitation.is_usable:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record_audit(
            organisation=invitation.organisation,
            actor=actor,
            action="invitation.revoke",
            target=invitation.email,
        )
    return invitation


@transaction.atomic
def accept_invitation(
    *,
    invitation: Invitation,
    user: User | None = None,
    first_name: str = "",
    last_name: str = "",
    password: str = "",
    language: str = "",
) -> Membership:
    """Join the organisation: create the account if needed, then the membership."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValueError("This invitation can no longer be used.")
    if user is None:
        user = User.objects.create_user(
            email=invitation.email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            language=language,
        )
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    if not created and membership.left_on is not None:
        membership.left_on = None
        membership.role = invitation.role
        membership.save(update_fields=["left_on", "role"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


@transaction.atomic
def change_role(*, membership: Membership, role: str, actor: User) -> Membership:
    """Give a member another role; an organisation always keeps one admin."""
    if membership.role == Role.ORG_ADMIN and role != Role.ORG_ADMIN:
        admins = Membership.objects.active().filter(
            organisation=membership.organisation, role=Role.ORG_ADMIN
        )
        if admins.exclude(pk=membership.pk).count() == 0:
            raise ValueError("last_admin")
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    record_audit(
        organisation=membership.organisation,
        actor=actor,
        action="membership.role",
        target=membership.user.email,
        previous=previous,
        role=role,
    )
    return membership


def set_language(*, user: User, language: str) -> User:
    """Remember the interface language a user chose."""
    user.language = language
    user.save(update_fields=["language"])
    return user


def update_profile(*, user: User, first_name: str, last_name: str, language: str) -> User:
    """Save the account details a user may change themselves."""
    user.first_name = first_name
    user.last_name = last_name
    user.language = language
    user.save(update_fields=["first_name", "last_name", "language"])
    return user
