"""Who may see and change programmes.

Org admins run everything in their organisation. A coordinator runs the programmes they
are named on and may create new ones; a sponsor reads the programmes they back; members
see programmes once published, through their public page.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from mentora.accounts.models import Membership
from mentora.programs.models import Programme, Status


def _is_home(actor: Membership, programme: Programme) -> bool:
    return actor.organisation_id == programme.organisation_id


def is_programme_coordinator(actor: Membership, programme: Programme) -> bool:
    return _is_home(actor, programme) and (
        actor.is_org_admin or programme.coordinators.filter(pk=actor.user_id).exists()
    )


def is_programme_sponsor(actor: Membership, programme: Programme) -> bool:
    return _is_home(actor, programme) and programme.sponsors.filter(pk=actor.user_id).exists()


def can_create_programme(actor: Membership | None) -> bool:
    return actor is not None and actor.can_run_programmes


def can_manage_programme(actor: Membership, programme: Programme) -> bool:
    return is_programme_coordinator(actor, programme)


def can_view_programme_details(actor: Membership, programme: Programme) -> bool:
    """The management page: coordinators edit it, sponsors read it."""
    return is_programme_coordinator(actor, programme) or is_programme_sponsor(actor, programme)


def can_view_public_page(actor: Membership, programme: Programme) -> bool:
    if programme.status != Status.DRAFT:
        return True
    return can_view_programme_details(actor, programme)


def programmes_with_details(actor: Membership) -> QuerySet[Programme]:
    """Programmes whose management page this person may open, in one query."""
    programmes = Programme.objects.of(actor.organisation)
    if actor.is_org_admin:
        return programmes
    return programmes.filter(Q(coordinators=actor.user_id) | Q(sponsors=actor.user_id))


def visible_programmes(actor: Membership):  # -> ProgrammeQuerySet
    """Programmes listed to this person."""
    programmes = Programme.objects.of(actor.organisation)
    if actor.is_org_admin:
        return programmes
    return programmes.filter(
        ~Q(status=Status.DRAFT) | Q(coordinators=actor.user_id) | Q(sponsors=actor.user_id)
    ).distinct()


def get_programme(actor: Membership, pk: int) -> Programme:
    """A programme of the actor's organisation (or one it partners in), else 404."""
    programme = Programme.objects.of(actor.organisation).filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


def get_programme_to_manage(actor: Membership, pk: int) -> Programme:
    programme = get_programme(actor, pk)
    if not can_manage_programme(actor, programme):
        raise PermissionDenied
    return programme


def get_programme_details(actor: Membership, pk: int) -> Programme:
    programme = get_programme(actor, pk)
    if not can_view_programme_details(actor, programme):
        raise PermissionDenied
    return programme


def get_public_programme(actor: Membership, pk: int) -> Programme:
    programme = get_programme(actor, pk)
    if not can_view_public_page(actor, programme):
        # A draft is not announced yet: to members it does not exist.
        raise Http404
    return programme
