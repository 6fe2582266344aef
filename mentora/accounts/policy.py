"""Who may do what with organisations, members and invitations."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from mentora.accounts.models import Invitation, Membership


def can_manage_members(actor: Membership | None) -> bool:
    return actor is not None and actor.is_org_admin


def can_view_audit_log(actor: Membership | None) -> bool:
    return actor is not None and actor.is_org_admin


def can_manage_organisation(actor: Membership | None) -> bool:
    """Name, logo, language, agreement wording and e-mail sender: org admins only."""
    return actor is not None and actor.is_org_admin


def require(allowed: bool) -> None:
    """Turn a policy answer into a 403."""
    if not allowed:
        raise PermissionDenied


def get_invitation_for_admin(actor: Membership, pk: int) -> Invitation:
    require(can_manage_members(actor))
    try:
        return Invitation.objects.get(pk=pk, organisation=actor.organisation)
    except Invitation.DoesNotExist as error:
        raise Http404 from error


def get_membership_for_admin(actor: Membership, pk: int) -> Membership:
    require(can_manage_members(actor))
    try:
        return Membership.objects.select_related("user").get(pk=pk, organisation=actor.organisation)
    except Membership.DoesNotExist as error:
        raise Http404 from error
