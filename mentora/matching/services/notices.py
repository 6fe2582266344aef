"""State changes of members' matching notices: stored, e-mailed after commit, marked read."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import Membership
from mentora.matching.models import MatchNotice

NOTICE_BATCH = 200


def notify_members(*, notices: list[MatchNotice]) -> None:
    """Store in-app notices and e-mail each one after commit, in its recipient's language."""
    from mentora.matching.tasks import send_match_notices

    created = MatchNotice.objects.bulk_create(notices, batch_size=500)
    ids = [notice.pk for notice in created]
    # One task per batch of e-mails: enqueuing thousands of tasks one by one is slow.
    batches = [ids[k : k + NOTICE_BATCH] for k in range(0, len(ids), NOTICE_BATCH)]
    transaction.on_commit(lambda: [send_match_notices.enqueue(batch) for batch in batches])


def mark_notices_read(*, membership: Membership) -> int:
    """The member opened their matching page."""
    return MatchNotice.objects.filter(membership=membership, read_at__isnull=True).update(
        read_at=timezone.now()
    )
