"""Who the programme form's people pickers offer (see `mentora.core.people`).

Coordinators and sponsors are users of the organisation holding the matching role; the
picker posts their user ids. The page that designs a new programme is for those who may
create one; the page that edits one, for those who manage it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from mentora.accounts.models import Membership, MembershipQuerySet, Organisation, Role
from mentora.core.people import people_source
from mentora.programs import policy


def coordinator_candidates(organisation: Organisation) -> MembershipQuerySet:
    return (
        Membership.objects.active()
        .of(organisation)
        .filter(role__in=[Role.COORDINATOR, Role.ORG_ADMIN])
    )


def sponsor_candidates(organisation: Organisation) -> MembershipQuerySet:
    return (
        Membership.objects.active().of(organisation).filter(role__in=[Role.SPONSOR, Role.ORG_ADMIN])
    )


def _designer_organisation(viewer: Membership, context: int | None) -> Organisation:
    """The viewer's organisation, if the viewer may create (no context) or edit the programme."""
    if context is None:
        if not policy.can_create_programme(viewer):
            raise PermissionDenied
    else:
        policy.get_programme_to_manage(viewer, context)
    return viewer.organisation


@people_source("programs.coordinators", value="user")
def coordinators(viewer: Membership, context: int | None) -> MembershipQuerySet:
    return coordinator_candidates(_designer_organisation(viewer, context))


@people_source("programs.sponsors", value="user")
def sponsors(viewer: Membership, context: int | None) -> MembershipQuerySet:
    return sponsor_candidates(_designer_organisation(viewer, context))
