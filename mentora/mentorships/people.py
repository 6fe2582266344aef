"""Who the relationship pages' people pickers offer (see `mentora.core.people`)."""

from __future__ import annotations

from mentora.accounts.models import Membership, MembershipQuerySet
from mentora.core.people import people_source, required_context
from mentora.mentorships import policy
from mentora.mentorships.selectors import eligible_members


@people_source("mentorships.members")
def members_to_pair(viewer: Membership, context: int | None) -> MembershipQuerySet:
    """The people a coordinator may pair by hand: the programme's organisation and partners."""
    programme = policy.get_programme_to_oversee(viewer, required_context(context))
    return eligible_members(programme)
