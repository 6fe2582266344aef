"""The request types views receive, so that type checking knows what middleware attached."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from mentora.accounts.models import Membership, Organisation, User


class MemberRequest(HttpRequest):
    """A request that passed `member_required`: signed in, acting through a membership.

    `OrganisationMiddleware` sets `membership` and `organisation`, django-htmx sets `htmx`.
    Never instantiated: it only names what a view may rely on.
    """

    user: User
    membership: Membership
    organisation: Organisation
    htmx: HtmxDetails
