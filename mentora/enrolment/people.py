"""Who the enrolment pages' people pickers offer (see `mentora.core.people`)."""

from __future__ import annotations

from mentora.accounts.models import Membership, MembershipQuerySet
from mentora.core.people import people_source, required_context
from mentora.programs import policy as programme_policy
from mentora.programs.models import Programme


def invitable_people(programme: Programme) -> MembershipQuerySet:
    """Active members of the programme's organisation not invited to it yet."""
    invited = programme.enrolment_invitations.values("membership_id")
    return (
        Membership.objects.active()
        .filter(organisation=programme.organisation)
        .exclude(pk__in=invited)
    )


@people_source("enrolment.invitees")
def invitees(viewer: Membership, context: int | None) -> MembershipQuerySet:
    """The people a programme's coordinators may invite to apply."""
    programme = programme_policy.get_programme_to_manage(viewer, required_context(context))
    return invitable_people(programme)
