"""State changes of the informal directory: proposals to pair, their answers, withdrawals.

Who may pair with whom is decided here at every step, not only when the directory page was
drawn: between a proposal and its answer the mentor may have filled their last place or the
mentee found someone else. Acceptances lock both people's approved applications, the rows
that stand for their places in the programme, so that two acceptances at once are served
one after the other and the second reads what the first did (PostgreSQL row locks; SQLite
serialises writers with its IMMEDIATE transactions).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentora.accounts.models import Membership
from mentora.accounts.services import record_audit
from mentora.enrolment.models import Application, ApplicationStatus
from mentora.matching.errors import MatchingError
from mentora.matching.loader import open_groups
from mentora.matching.models import (
    HOLDING_STATUSES,
    PAIRING_MESSAGE_MAX_LENGTH,
    MatchNotice,
    MentorRequest,
    NoticeKind,
    PairingProposal,
    PairingStatus,
    RequestStatus,
)
from mentora.matching.selectors.directory import (
    MAX_PENDING,
    PARTNER_ROLE,
    directory_is_open,
    excluded_partners,
    free_places,
    pending_count,
)
from mentora.matching.services.notices import notify_members
from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.models import Mentorship
from mentora.mentorships.rules import too_long_message
from mentora.mentorships.selectors import eligible_members
from mentora.mentorships.services.relationships import add_group_mentees, create_mentorship
from mentora.programs.models import Format, ParticipantRole, Programme


def _applications(
    programme: Programme, people: list[Membership], *, lock: bool = False
) -> dict[int, Application]:
    """The approved applications of these people, by member; `lock` holds the rows until
    commit, always in the same order so that two transactions never wait for each other."""
    found = Application.objects.filter(
        programme=programme,
        membership__in=sorted(person.pk for person in people),
        status=ApplicationStatus.APPROVED,
    ).order_by("membership_id")
    if lock:
        found = found.select_for_update()
    return {application.membership_id: application for application in found}


def _pair_problem(
    programme: Programme,
    actor: Membership,
    other: Membership,
    applications: dict[int, Application],
    *,
    asking: bool,
) -> str:
    """Why `actor` and `other` cannot pair in the programme now ("" when they can), in
    words for `actor`, who asks (`asking`) or answers."""
    if not directory_is_open(programme):
        if programme.is_formal:
            return _("In this programme, pairs come from the matching or the coordinators.")
        return _("This programme no longer starts new relationships.")
    mine, theirs = applications.get(actor.pk), applications.get(other.pk)
    if mine is None:
        return _("Only approved participants of the programme can pair up in its directory.")
    if theirs is None:
        return _("%(name)s no longer takes part in the programme.") % {"name": other.user}
    if theirs.role != PARTNER_ROLE[ParticipantRole(mine.role)]:
        return _("You cannot pair with %(name)s in this programme.") % {"name": other.user}
    if eligible_members(programme).filter(pk__in=[actor.pk, other.pk]).count() != 2:
        return _("%(name)s no longer takes part in the programme.") % {"name": other.user}
    if other.pk in excluded_partners(programme, actor, asking=asking):
        return _("You cannot pair with %(name)s in this programme.") % {"name": other.user}
    if not free_places(programme, mine.role, actor.pk):
        if mine.role == ParticipantRole.MENTOR:
            return _("You have no place left in this programme.")
        return _("You have already been paired in this programme.")
    if not free_places(programme, theirs.role, other.pk):
        if theirs.role == ParticipantRole.MENTOR:
            return _("%(name)s has no place left in this programme.") % {"name": other.user}
        return _("%(name)s has already been paired in this programme.") % {"name": other.user}
    return ""


@transaction.atomic
def propose_pairing(
    *, programme: Programme, proposer: Membership, recipient: Membership, message: str = ""
) -> PairingProposal:
    """Propose to pair with someone found in the directory; they accept or decline."""
    message = message.strip()
    if len(message) > PAIRING_MESSAGE_MAX_LENGTH:
        raise MatchingError(too_long_message(PAIRING_MESSAGE_MAX_LENGTH, len(message)))
    problem = _pair_problem(
        programme,
        proposer,
        recipient,
        _applications(programme, [proposer, recipient]),
        asking=True,
    )
    if problem:
        raise MatchingError(problem)
    pending = PairingProposal.objects.filter(programme=programme, status=PairingStatus.PENDING)
    if pending.filter(proposer=recipient, recipient=proposer).exists():
        raise MatchingError(
            _("%(name)s has already proposed to pair with you: answer their proposal.")
            % {"name": recipient.user}
        )
    if pending_count(programme, proposer) >= MAX_PENDING:
        raise MatchingError(
            ngettext(
                "You already have %(count)d proposal waiting for an answer: withdraw it "
                "before making another.",
                "You already have %(count)d proposals waiting for an answer: withdraw one "
                "before making another.",
                MAX_PENDING,
            )
            % {"count": MAX_PENDING}
        )
    try:
        with transaction.atomic():
            proposal = PairingProposal.objects.create(
                programme=programme, proposer=proposer, recipient=recipient, message=message
            )
    except IntegrityError:
        # The unique constraint: the same proposal sent twice (a double click, two tabs).
        raise MatchingError(
            _("You have already proposed to pair with %(name)s.") % {"name": recipient.user}
        ) from None
    notify_members(
        notices=[
            MatchNotice(membership=recipient, programme=programme, kind=NoticeKind.PAIRING_PROPOSED)
        ]
    )
    _audit(proposal, proposer, "pairing.propose")
    return proposal


def accept_pairing(*, proposal: PairingProposal, by: Membership) -> PairingProposal:
    """The person proposed to accepts: the relationship starts, and the other proposals it
    makes impossible are closed. If the pair is no longer possible (one of them found
    someone else, the mentor is full), the proposal is closed and the refusal says why."""
    with transaction.atomic():
        programme = Programme.objects.get(pk=proposal.programme_id)
        people = list(
            Membership.objects.filter(pk__in=[proposal.proposer_id, proposal.recipient_id])
            .select_related("user")
            .order_by("pk")
        )
        applications = _applications(programme, people, lock=True)
        proposal = PairingProposal.objects.select_for_update().get(pk=proposal.pk)
        _require_pending(proposal)
        if proposal.recipient_id != by.pk:
            raise MatchingError(_("Only the person it was made to can accept this proposal."))
        proposer = next(person for person in people if person.pk == proposal.proposer_id)
        problem = _pair_problem(programme, by, proposer, applications, asking=False)
        if problem:
            _close([proposal], PairingStatus.OVERTAKEN)
        else:
            roles = {pk: application.role for pk, application in applications.items()}
            proposal.mentorship = _start_relationship(programme, people, roles, by)
            proposal.status = PairingStatus.ACCEPTED
            proposal.answered_at = timezone.now()
            proposal.save(update_fields=["status", "answered_at", "mentorship"])
            _close_overtaken(programme, proposal, roles)
            notify_members(
                notices=[
                    MatchNotice(
                        membership=proposer,
                        programme=programme,
                        kind=NoticeKind.PAIRING_ACCEPTED,
                    )
                ]
            )
            _audit(proposal, by, "pairing.accept", mentorship=proposal.mentorship_id)
    # Outside the transaction: the closed proposal is kept, and the person is told why.
    if problem:
        raise MatchingError(problem)
    return proposal


def _start_relationship(
    programme: Programme, people: list[Membership], roles: dict[int, str], by: Membership
) -> Mentorship:
    """The relationship of the accepted pair, as the programme's format has them: two peers,
    a mentor and a mentee, or a mentee seated in the mentor's open group."""
    try:
        if all(role == ParticipantRole.PEER for role in roles.values()):
            return create_mentorship(programme=programme, peers=people, created_by=by.user)
        [mentor] = [p for p in people if roles[p.pk] == ParticipantRole.MENTOR]
        [mentee] = [p for p in people if roles[p.pk] == ParticipantRole.MENTEE]
        if programme.format == Format.GROUP:
            group = open_groups(programme, [mentor.pk]).get(mentor.pk)
            if group is not None:
                mentorship = Mentorship.objects.get(pk=group[0])
                add_group_mentees(mentorship=mentorship, mentees=[mentee], added_by=by.user)
                return mentorship
        return create_mentorship(
            programme=programme, mentors=[mentor], mentees=[mentee], created_by=by.user
        )
    except MentorshipError as error:
        raise MatchingError(str(error)) from error


def _close_overtaken(
    programme: Programme, accepted: PairingProposal, roles: dict[int, str]
) -> None:
    """Close the pending proposals the new relationship makes impossible: every one of the
    mentee or the peers (they have a partner now), and the mentor's once they are full.
    Their held requests to mentors (mentee-chooses, hybrid) are cancelled too."""
    paired = {pk for pk, role in roles.items() if role != ParticipantRole.MENTOR}
    full = {
        pk
        for pk, role in roles.items()
        if role == ParticipantRole.MENTOR and not free_places(programme, role, pk)
    }
    involved = paired | full
    stale = list(
        PairingProposal.objects.select_for_update()
        .filter(
            Q(proposer_id__in=involved) | Q(recipient_id__in=involved),
            programme=programme,
            status=PairingStatus.PENDING,
        )
        .exclude(pk=accepted.pk)
    )
    _close(stale, PairingStatus.OVERTAKEN)
    MentorRequest.objects.filter(programme=programme, status__in=HOLDING_STATUSES).filter(
        Q(mentee_id__in=paired) | Q(mentor_id__in=paired)
    ).update(status=RequestStatus.CANCELLED, responded_at=timezone.now())
    pair = {accepted.proposer_id, accepted.recipient_id}
    notify_members(
        notices=[
            MatchNotice(
                membership_id=proposal.proposer_id,
                programme=programme,
                kind=NoticeKind.PAIRING_CLOSED,
            )
            for proposal in stale
            if proposal.proposer_id not in pair
        ]
    )


def _close(proposals: list[PairingProposal], status: str) -> None:
    now = timezone.now()
    for proposal in proposals:
        proposal.status = status
        proposal.answered_at = now
    PairingProposal.objects.bulk_update(proposals, ["status", "answered_at"])


def _locked_pending(proposal: PairingProposal) -> PairingProposal:
    """The proposal's row, locked until commit, still waiting for an answer."""
    locked = (
        PairingProposal.objects.select_for_update().select_related("programme").get(pk=proposal.pk)
    )
    _require_pending(locked)
    return locked


def _require_pending(proposal: PairingProposal) -> None:
    if proposal.status == PairingStatus.OVERTAKEN:
        raise MatchingError(
            _(
                "This proposal is no longer possible: one of you found a partner in the "
                "meantime, or has no place left."
            )
        )
    if proposal.status != PairingStatus.PENDING:
        raise MatchingError(_("This proposal was already answered or withdrawn."))


@transaction.atomic
def decline_pairing(*, proposal: PairingProposal, by: Membership) -> PairingProposal:
    """The person proposed to declines; the proposer is told, and does not ask them again."""
    proposal = _locked_pending(proposal)
    if proposal.recipient_id != by.pk:
        raise MatchingError(_("Only the person it was made to can decline this proposal."))
    _close([proposal], PairingStatus.DECLINED)
    notify_members(
        notices=[
            MatchNotice(
                membership_id=proposal.proposer_id,
                programme=proposal.programme,
                kind=NoticeKind.PAIRING_DECLINED,
            )
        ]
    )
    _audit(proposal, by, "pairing.decline")
    return proposal


@transaction.atomic
def withdraw_pairing(*, proposal: PairingProposal, by: Membership) -> PairingProposal:
    """The proposer takes back a proposal still waiting for an answer."""
    proposal = _locked_pending(proposal)
    if proposal.proposer_id != by.pk:
        raise MatchingError(_("Only the person who made this proposal can withdraw it."))
    _close([proposal], PairingStatus.WITHDRAWN)
    _audit(proposal, by, "pairing.withdraw")
    return proposal


def _audit(proposal: PairingProposal, actor: Membership, action: str, **details: object) -> None:
    """A trace in the log of the programme's organisation: who proposed to whom, never the
    message."""
    people = {
        person.pk: person
        for person in Membership.objects.filter(
            pk__in=[proposal.proposer_id, proposal.recipient_id]
        ).select_related("user")
    }
    programme = proposal.programme
    record_audit(
        organisation=programme.organisation,
        actor=actor.user,
        action=action,
        target=f"{people[proposal.proposer_id].user} → {people[proposal.recipient_id].user}",
        programme=programme.pk,
        proposer=proposal.proposer_id,
        recipient=proposal.recipient_id,
        **details,
    )
