"""How the analytics follow what happens in the apps below: a relationship's health is
recomputed once the change that moves it is committed (the nightly run catches the passing of
time). Each receiver only notes the relationship; the work happens once per transaction."""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, transaction

from mentora.analytics.health import recompute, recompute_programme
from mentora.feedback.models import PulseAnswer
from mentora.mentorships.models import (
    Agreement,
    AgreementSignature,
    Concern,
    Goal,
    Meeting,
    Mentorship,
    Participant,
)
from mentora.programs.models import Programme


class _Batch:
    """The relationships one transaction changed, recomputed together after it commits."""

    def __init__(self) -> None:
        self.ids: set[int] = set()

    def __call__(self) -> None:
        recompute(self.ids)


def recompute_after_commit(mentorship_id: int | None, using: str = DEFAULT_DB_ALIAS) -> None:
    """Recompute this relationship's health once the current transaction commits (at once
    outside one); every change of the transaction joins one batch.

    Joining a batch registered in another savepoint is safe: the savepoints still open are
    the current change's own, so whatever rollback drops the batch drops this change too;
    a rollback of this change alone leaves its relationship in the batch, recomputed for
    nothing."""
    if mentorship_id is None:
        return
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        recompute([mentorship_id])
        return
    for _sids, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _Batch):
            callback.ids.add(mentorship_id)
            return
    batch = _Batch()
    batch.ids.add(mentorship_id)
    # Health is derived data: a failure is logged, never turned into an error for a change
    # already committed; the nightly run puts the score right.
    transaction.on_commit(batch, using=using, robust=True)


def _mentorship_id(instance: Any) -> int | None:
    if isinstance(instance, Mentorship):
        return instance.pk
    if isinstance(instance, AgreementSignature):
        return instance.agreement.mentorship_id
    if isinstance(instance, PulseAnswer):
        return instance.invitation.mentorship_id
    return instance.mentorship_id


def on_relationship_change(sender: type, instance: Any, **kwargs: Any) -> None:
    """A meeting, goal, agreement, signature, concern, pulse answer, member or stage saved.
    Deletions need no receiver: these rows are only deleted with their relationship, whose
    health row goes with it."""
    if kwargs.get("raw"):
        return  # loading fixtures: rows arrive in no particular order
    recompute_after_commit(_mentorship_id(instance), using=kwargs.get("using", DEFAULT_DB_ALIAS))


def on_programme_saved(sender: type, instance: Programme, **kwargs: Any) -> None:
    """The cadence or the agreement rule may have changed: every pair of the programme."""
    if kwargs.get("raw") or kwargs.get("created"):
        return
    programme = instance
    transaction.on_commit(lambda: recompute_programme(programme), robust=True)


# The models whose rows move a relationship's health when saved.
WATCHED = (
    Meeting,
    Goal,
    Agreement,
    AgreementSignature,
    Concern,
    PulseAnswer,
    Participant,
    Mentorship,
)
