"""Finding colleagues by name or e-mail: the people pickers' suggestions.

The member directory lives here, so the search does too; the sets of people each picker
offers are sources (`mentora.core.people`), declared in each app's `people.py`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from mentora.accounts.models import Membership, MembershipQuerySet
from mentora.core.people import people_source

SEARCH_LIMIT = 20
MIN_SEARCH_LENGTH = 2
# A longer query narrows nothing further and only makes the SQL longer.
MAX_SEARCH_WORDS = 4


@people_source("colleagues")
def colleagues(viewer: Membership, context: int | None = None) -> MembershipQuerySet:
    """Active members of the viewer's organisation, the viewer excepted."""
    return Membership.objects.active().of(viewer.organisation).exclude(pk=viewer.pk)


def search_people(
    members: MembershipQuerySet, text: str, *, limit: int = SEARCH_LIMIT
) -> tuple[list[Membership], bool]:
    """The first `limit` of `members` whose name or e-mail holds every word typed, by name,
    and whether there were more: one query, whatever the size of the organisation."""
    words = text.split()[:MAX_SEARCH_WORDS]
    if len("".join(words)) < MIN_SEARCH_LENGTH:
        return [], False
    for word in words:
        members = members.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__email__icontains=word)
        )
    found = list(
        members.select_related("user", "department").order_by(
            "user__last_name", "user__first_name", "pk"
        )[: limit + 1]
    )
    return found[:limit], len(found) > limit


def suggestion(membership: Membership, value: int) -> dict[str, Any]:
    """One suggestion as the picker shows it: a name, then work and address (for namesakes)."""
    user = membership.user
    work = membership.job_title or (membership.department.name if membership.department else "")
    return {
        "value": value,
        "name": user.get_full_name() or user.email,
        "detail": " · ".join(filter(None, [work, user.email])),
    }
