"""State changes for accounts, organisations, memberships and invitations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import (
    AuditEntry,
    Invitation,
    InvitationPurpose,
    Membership,
    Organisation,
    OrganisationAgreementText,
    Role,
    User,
)


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
def send_access_links(
    *,
    organisation: Organisation,
    memberships: Iterable[Membership],
    actor: User,
    skip_pending: bool = False,
) -> list[Invitation]:
    """E-mail an access link to the members who cannot sign in yet; the others are skipped.

    The link lets its holder choose a password and sign in, once, before it expires: it goes
    to the member's own address, like a password reset. A new link replaces one still
    pending, unless `skip_pending` (a bulk send leaves waiting links alone).
    """
    from mentora.accounts.tasks import send_invitation_email

    candidates = (
        Membership.objects.active()
        .of(organisation)
        .without_access()
        .filter(pk__in=[m.pk for m in memberships])
        .select_related("user")
    )
    pending = Invitation.objects.pending().filter(organisation=organisation)
    if skip_pending:
        waiting = set(
            pending.filter(purpose=InvitationPurpose.ACCESS).values_list("email", flat=True)
        )
        candidates = candidates.exclude(user__email__in=waiting)
    members = list(candidates)
    emails = [m.user.email for m in members]
    pending.filter(email__in=emails).update(revoked_at=timezone.now())
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(
                organisation=organisation,
                email=member.user.email,
                role=member.role,
                purpose=InvitationPurpose.ACCESS,
                invited_by=actor,
            )
            for member in members
        ]
    )
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                organisation=organisation, actor=actor, action="access_link.send", target=email
            )
            for email in emails
        ]
    )
    for invitation in invitations:
        transaction.on_commit(
            lambda pk=invitation.pk: send_invitation_email.enqueue(pk)  # type: ignore[misc]
        )
    return invitations


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


def access_link_member(invitation: Invitation) -> Membership | None:
    """The current member an access link is for; None once they have left."""
    return (
        Membership.objects.active()
        .filter(organisation=invitation.organisation, user__email=invitation.email)
        .select_related("user")
        .first()
    )


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
    """Join the organisation: create the account if needed, then the membership.

    An account without a password yet (made by an HR import) takes the one chosen here: the
    link went to its address. An access link only lets a current member in: it neither
    changes their role nor brings back someone who has left.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValueError("This invitation can no longer be used.")
    access_member = None
    if invitation.purpose == InvitationPurpose.ACCESS:
        access_member = access_link_member(invitation)
        if access_member is None:
            raise ValueError("This access link is for a member who has left.")
        user = user or access_member.user
    if user is None:
        user = User.objects.create_user(
            email=invitation.email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            language=language,
        )
    elif password and not user.has_usable_password():
        user.first_name, user.last_name, user.language = first_name, last_name, language
        user.set_password(password)
        user.save(update_fields=["first_name", "last_name", "language", "password"])
    if access_member is not None:
        membership = access_member
        # The account as just saved: signing in keeps a hash of its new password.
        membership.user = user
    else:
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


@transaction.atomic
def update_organisation_settings(
    *,
    organisation: Organisation,
    actor: User,
    name: str,
    default_language: str,
    email_sender_name: str,
    logo: File | None = None,
    remove_logo: bool = False,
    agreement_texts: dict[str, dict[str, str]] | None = None,
) -> Organisation:
    """Save what an org admin sets for the whole organisation, and audit what changed.

    `logo` replaces the stored one (a PNG the settings form prepared); `agreement_texts`
    maps a language to the agreement sections written for it (empty: Mentora's wording).
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    values = {
        "name": name,
        "default_language": default_language,
        "email_sender_name": email_sender_name,
    }
    changed = {field for field, value in values.items() if getattr(organisation, field) != value}
    for field, value in values.items():
        setattr(organisation, field, value)
    previous_logo = organisation.logo.name if organisation.logo else ""
    if logo is not None:
        organisation.logo.save(logo.name or "logo.png", logo, save=False)
        changed.add("logo")
    elif remove_logo and previous_logo:
        organisation.logo = ""
        changed.add("logo")
    organisation.save()
    if "logo" in changed and previous_logo:
        storage = organisation.logo.storage
        transaction.on_commit(lambda: storage.delete(previous_logo))
    for language, sections in (agreement_texts or {}).items():
        texts = OrganisationAgreementText.objects.filter(
            organisation=organisation, language=language
        ).first() or OrganisationAgreementText(organisation=organisation, language=language)
        known = {name: sections.get(name, "") for name in OrganisationAgreementText.SECTIONS}
        if texts.content() != known:
            for section, text in known.items():
                setattr(texts, section, text)
            texts.full_clean(exclude=["organisation"])
            texts.save()
            changed.add(f"agreement_{language}")
    if changed:
        record_audit(
            organisation=organisation,
            actor=actor,
            action="organisation.settings",
            target=organisation,
            fields=sorted(changed),
        )
    return organisation
