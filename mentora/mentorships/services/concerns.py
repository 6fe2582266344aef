"""Concerns: a member's confidential word to the programme's coordinators, and its answer."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import Membership, User
from mentora.accounts.services import record_audit
from mentora.mentorships.errors import FieldError
from mentora.mentorships.models import Concern, ConcernStatus, Mentorship
from mentora.mentorships.rules import check_lengths


@transaction.atomic
def raise_concern(*, mentorship: Mentorship, raised_by: Membership, body: str) -> Concern:
    """Tell the programme's coordinators (and only them) that something is wrong."""
    if not body.strip():
        raise FieldError("body", _("Write something first."))
    check_lengths(Concern, body=body)
    return Concern.objects.create(mentorship=mentorship, raised_by=raised_by, body=body)


@transaction.atomic
def resolve_concern(*, concern: Concern, actor: User, resolution: str) -> Concern:
    """Record what the coordinator did about a concern."""
    check_lengths(Concern, resolution=resolution)
    concern.status = ConcernStatus.RESOLVED
    concern.resolution = resolution
    concern.resolved_by = actor
    concern.resolved_at = timezone.now()
    concern.save()
    record_audit(
        organisation=concern.mentorship.programme.organisation,
        actor=actor,
        action="concern.resolve",
        target=f"concern #{concern.pk}",
        mentorship=concern.mentorship_id,
    )
    return concern
