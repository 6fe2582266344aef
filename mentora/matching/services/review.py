"""State changes while a coordinator reviews a run: locks, prohibitions, pairs by hand, swaps."""

from __future__ import annotations

from collections.abc import Collection

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from mentora.accounts.models import Membership, User
from mentora.accounts.services import record_audit
from mentora.enrolment.models import Application, ApplicationStatus
from mentora.matching.errors import MatchingError
from mentora.matching.models import (
    FORBIDDEN_IN_REVIEW,
    UNDONE_BY_HAND,
    MatchingRun,
    PairRule,
    PairRuleKind,
    Proposal,
    PublishStatus,
    RunStatus,
    Unmatched,
)
from mentora.matching.selectors.runs import preview_assignment, score_pair
from mentora.programs.models import Kind


def require_reviewable(run: MatchingRun, *, publishing: bool = False) -> None:
    """Refuse any change to a run that has not finished, is published or being published."""
    if run.status != RunStatus.DONE:
        raise MatchingError(_("This run has not finished."))
    if run.published_at is not None:
        raise MatchingError(_("This run is already published."))
    if run.publish_status == PublishStatus.RUNNING and not publishing:
        raise MatchingError(_("This run is being published."))


def _reconcile(run: MatchingRun, freed: Collection[int] = (), reason: str = "") -> None:
    """Bring the unmatched list and the totals back in line with the run's pairs.

    Whoever now has a pair leaves the unmatched list; whoever a change freed (`freed`) and
    who has no pair left joins it, with the reason of the change. A mentor counts as
    unmatched with no mentee at all, as the engine counts them.
    """
    kept = run.proposals.filter(forbidden=False)
    paired = set(kept.values_list("mentee_id", flat=True)) | set(
        kept.values_list("mentor_id", flat=True)
    )
    run.unmatched.filter(membership_id__in=paired).delete()
    listed = set(run.unmatched.values_list("membership_id", flat=True))
    newly = set(freed) - paired - listed
    roles = dict(
        Application.objects.filter(
            programme=run.programme, membership_id__in=newly, status=ApplicationStatus.APPROVED
        ).values_list("membership_id", "role")
    )
    Unmatched.objects.bulk_create(
        [
            Unmatched(run=run, membership_id=pk, role=roles.get(pk, ""), reason=reason)
            for pk in sorted(newly)
        ]
    )
    run.matched_count = kept.count()
    run.total_score = float(sum(kept.values_list("score", flat=True)))
    run.unmatched_count = run.unmatched.count()
    run.save(update_fields=["matched_count", "total_score", "unmatched_count"])


@transaction.atomic
def toggle_lock(*, proposal: Proposal, actor: User) -> Proposal:
    """Lock a pair so that every later run keeps it, or unlock it."""
    run = proposal.run
    require_reviewable(run)
    if proposal.forbidden:
        # Locking it back would pair people the review may have paired otherwise since.
        raise MatchingError(_("This pair is forbidden. Assign it by hand to pair them again."))
    programme = run.programme
    rule = PairRule.objects.filter(
        programme=programme, mentee_id=proposal.mentee_id, mentor_id=proposal.mentor_id
    ).first()
    if proposal.locked:
        if rule is not None and rule.kind == PairRuleKind.LOCK:
            rule.delete()
        proposal.locked = False
    else:
        # One lock per mentee: a new lock replaces the mentee's earlier one.
        PairRule.objects.filter(
            programme=programme, mentee_id=proposal.mentee_id, kind=PairRuleKind.LOCK
        ).delete()
        PairRule.objects.update_or_create(
            programme=programme,
            mentee_id=proposal.mentee_id,
            mentor_id=proposal.mentor_id,
            defaults={"kind": PairRuleKind.LOCK, "created_by": actor},
        )
        proposal.locked, proposal.forbidden = True, False
    proposal.save(update_fields=["locked", "forbidden"])
    record_audit(
        organisation=programme.organisation,
        actor=actor,
        action="matching.lock" if proposal.locked else "matching.unlock",
        target=proposal,
    )
    return proposal


@transaction.atomic
def forbid_pair(*, proposal: Proposal, actor: User) -> Proposal:
    """Forbid a pair: it is struck from this review and no later run proposes it."""
    run = proposal.run
    require_reviewable(run)
    PairRule.objects.update_or_create(
        programme=run.programme,
        mentee_id=proposal.mentee_id,
        mentor_id=proposal.mentor_id,
        defaults={"kind": PairRuleKind.FORBID, "created_by": actor},
    )
    proposal.forbidden, proposal.locked = True, False
    proposal.save(update_fields=["locked", "forbidden"])
    _reconcile(run, {proposal.mentee_id, proposal.mentor_id}, FORBIDDEN_IN_REVIEW)
    record_audit(
        organisation=run.programme.organisation,
        actor=actor,
        action="matching.forbid",
        target=proposal,
    )
    return proposal


@transaction.atomic
def delete_pair_rule(*, rule: PairRule, actor: User) -> None:
    """Lift a lock or a prohibition."""
    record_audit(
        organisation=rule.programme.organisation,
        actor=actor,
        action="matching.rule_delete",
        target=rule,
    )
    rule.delete()


@transaction.atomic
def assign_by_hand(
    *, run: MatchingRun, mentee: Membership, mentor: Membership, actor: User
) -> Proposal:
    """Pair two people by hand in this review; rules they break are recorded and shown."""
    require_reviewable(run)
    if mentee.pk == mentor.pk:
        raise MatchingError(_("Choose two different people."))
    peer = run.parameters.get("kind") == Kind.PEER
    previous = run.proposals.filter(mentee=mentee)
    if peer:
        # A peer takes part in one pair only, on either side.
        previous = run.proposals.filter(
            Q(mentee__in=[mentee, mentor]) | Q(mentor__in=[mentee, mentor])
        )
    freed = []
    for old in previous:
        freed += [old.mentee_id, old.mentor_id]
    previous.delete()
    detail = preview_assignment(run=run, mentee=mentee, mentor=mentor)
    proposal = Proposal.objects.create(run=run, mentee=mentee, mentor=mentor, manual=True, **detail)
    # Someone a manual change left without a pair shows up among the unmatched.
    _reconcile(run, set(freed) - {mentee.pk, mentor.pk}, UNDONE_BY_HAND)
    record_audit(
        organisation=run.programme.organisation,
        actor=actor,
        action="matching.assign",
        target=proposal,
        broken=detail["broken_rules"],
    )
    return proposal


@transaction.atomic
def swap_mentors(*, first: Proposal, second: Proposal, actor: User) -> tuple[Proposal, Proposal]:
    """Exchange the mentors of two proposals; both are scored again."""
    run = first.run
    require_reviewable(run)
    if run.is_peer:
        # Peers pair with each other: there is no mentor to exchange.
        raise MatchingError(_("Peers have no mentor to swap."))
    if first.run_id != second.run_id or first.pk == second.pk:
        raise MatchingError(_("Choose another pair of the same run."))
    if first.forbidden or second.forbidden:
        raise MatchingError(_("A forbidden pair cannot be swapped."))
    first.mentor_id, second.mentor_id = second.mentor_id, first.mentor_id
    for proposal in (first, second):
        load = run.proposals.filter(mentor_id=proposal.mentor_id, forbidden=False).count()
        detail = score_pair(run, proposal.mentee_id, proposal.mentor_id, load)
        for key, value in detail.items():
            setattr(proposal, key, value)
        proposal.manual, proposal.locked, proposal.forbidden = True, False, False
        proposal.save()
    _reconcile(run)
    record_audit(
        organisation=run.programme.organisation, actor=actor, action="matching.swap", target=run
    )
    return first, second
