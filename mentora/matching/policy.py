"""Who may run, review and publish matchings, and what participants see of them.

Coordinators of a programme (and org admins) run its matching and see every score.
Participants see their own match and its reasons, never a score or anyone else's pair.
In an informal programme its approved participants also see, in its directory, a short
profile of the others they could pair with; a proposal to pair is read by the two people
it joins, and its message by them alone (coordinators see who proposed to whom, and when).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from mentora.accounts.models import Membership
from mentora.enrolment.models import Application, ApplicationStatus
from mentora.matching.models import (
    MatchingRun,
    MentorRequest,
    MentorResponse,
    PairingProposal,
    PairRule,
    Proposal,
)
from mentora.matching.selectors.directory import approved_role, directory_is_open
from mentora.programs import policy as programme_policy
from mentora.programs.models import Kind, MatchingMode, ParticipantRole, Programme


def can_run_matching(actor: Membership, programme: Programme) -> bool:
    return programme_policy.can_manage_programme(actor, programme)


def get_programme_to_match(actor: Membership, pk: int) -> Programme:
    """A programme whose matching the actor runs; 404 outside the organisation, else 403."""
    programme = programme_policy.get_programme(actor, pk)
    if programme.organisation_id != actor.organisation_id or not can_run_matching(actor, programme):
        raise PermissionDenied
    return programme


def get_run(actor: Membership, programme_pk: int, pk: int) -> MatchingRun:
    programme = get_programme_to_match(actor, programme_pk)
    run = MatchingRun.objects.filter(programme=programme, pk=pk).select_related("programme").first()
    if run is None:
        raise Http404
    return run


def get_proposal(actor: Membership, programme_pk: int, pk: int) -> Proposal:
    programme = get_programme_to_match(actor, programme_pk)
    proposal = (
        Proposal.objects.filter(run__programme=programme, pk=pk)
        .select_related("run__programme")
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def get_pair_rule(actor: Membership, programme_pk: int, pk: int) -> PairRule:
    programme = get_programme_to_match(actor, programme_pk)
    rule = PairRule.objects.filter(programme=programme, pk=pk).select_related("programme").first()
    if rule is None:
        raise Http404
    return rule


def get_participant_in_programme(programme: Programme, pk: int | None) -> Membership:
    """An approved participant of the programme (a coordinator's pick in a form), else 404."""
    membership = (
        Membership.objects.filter(
            pk=pk or 0,
            applications__programme=programme,
            applications__status=ApplicationStatus.APPROVED,
        )
        .select_related("user")
        .first()
    )
    if membership is None:
        raise Http404
    return membership


# Participants -------------------------------------------------------------------------------


def can_choose_mentor(actor: Membership, programme: Programme) -> bool:
    """Approved mentees of a programme where mentees choose (or confirm) their mentor."""
    if programme.matching_mode == MatchingMode.COORDINATOR:
        return False
    return Application.objects.filter(
        programme=programme,
        membership=actor,
        role=ParticipantRole.MENTEE,
        status=ApplicationStatus.APPROVED,
    ).exists()


def get_programme_to_choose_in(actor: Membership, pk: int) -> Programme:
    programme = programme_policy.get_public_programme(actor, pk)
    if not can_choose_mentor(actor, programme):
        raise PermissionDenied
    return programme


def get_response_to_give(actor: Membership, pk: int) -> MentorResponse:
    """A mentor's own pending answer; anyone else's does not exist."""
    response = (
        MentorResponse.objects.filter(pk=pk, mentor=actor)
        .select_related("proposal__run__programme")
        .first()
    )
    if response is None:
        raise Http404
    return response


def get_request_as_mentor(actor: Membership, pk: int) -> MentorRequest:
    request = MentorRequest.objects.filter(pk=pk, mentor=actor).select_related("programme").first()
    if request is None:
        raise Http404
    return request


def get_proposal_to_answer(actor: Membership, pk: int) -> MentorRequest:
    """A hybrid proposal the actor answers: their own as mentee, or, in a peer programme,
    one made to them and their peer; anyone else's does not exist."""
    request = (
        MentorRequest.objects.filter(
            Q(mentee=actor) | Q(mentor=actor, programme__kind=Kind.PEER), pk=pk
        )
        .select_related("programme")
        .first()
    )
    if request is None:
        raise Http404
    return request


def get_request_as_mentee(actor: Membership, pk: int) -> MentorRequest:
    request = MentorRequest.objects.filter(pk=pk, mentee=actor).select_related("programme").first()
    if request is None:
        raise Http404
    return request


# The directory of informal programmes -------------------------------------------------------


def get_directory_programme(actor: Membership, pk: int) -> Programme:
    """An informal programme whose directory the actor uses: 404 when there is no directory
    (outside the organisation, a draft, a formal programme, one that starts nothing new),
    403 to people who are not its approved participants."""
    programme = programme_policy.get_public_programme(actor, pk)
    if not directory_is_open(programme):
        raise Http404
    if approved_role(programme, actor) is None:
        raise PermissionDenied
    return programme


def _own_pairing(pk: int, **mine: Membership) -> PairingProposal:
    proposal = PairingProposal.objects.filter(pk=pk, **mine).select_related("programme").first()
    if proposal is None:
        raise Http404
    return proposal


def get_pairing_to_answer(actor: Membership, pk: int) -> PairingProposal:
    """A proposal made to the actor; anyone else's does not exist."""
    return _own_pairing(pk, recipient=actor)


def get_pairing_to_withdraw(actor: Membership, pk: int) -> PairingProposal:
    """A proposal the actor made; anyone else's does not exist."""
    return _own_pairing(pk, proposer=actor)
