"""Reads for participants: their own matches and why, requests, answers owed and notices.

Each one costs a fixed number of queries whatever the programme's size.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from mentora.accounts.models import Membership
from mentora.enrolment.models import ApplicationStatus
from mentora.matching import pairs
from mentora.matching.loader import load_programme
from mentora.matching.models import (
    MatchNotice,
    MentorRequest,
    MentorResponse,
    Proposal,
    RequestStatus,
    ResponseStatus,
)
from mentora.programs.models import Kind, MatchingMode, ParticipantRole, Programme
from mentora.programs.models import Status as ProgrammeStatus


@dataclass(frozen=True)
class MyMatch:
    """A member's own published pair: who, which programme, and why (never the score)."""

    proposal: Proposal
    partner: Membership
    role: str
    response: MentorResponse | None


def my_matches(membership: Membership) -> list[MyMatch]:
    """Published pairs of this member, with the reasons of their own pair only."""
    proposals = (
        Proposal.objects.filter(mentorship__isnull=False, run__published_at__isnull=False)
        .filter(Q(mentee=membership) | Q(mentor=membership))
        .select_related("run__programme", "mentee__user", "mentor__user", "mentorship", "response")
        .order_by("-run__published_at", "pk")
    )
    out = []
    for proposal in proposals:
        is_mentee = proposal.mentee_id == membership.pk
        peer = proposal.run.parameters.get("kind") == Kind.PEER
        role = (
            ParticipantRole.PEER
            if peer
            else (ParticipantRole.MENTEE if is_mentee else ParticipantRole.MENTOR)
        )
        response = getattr(proposal, "response", None)
        out.append(
            MyMatch(
                proposal=proposal,
                partner=proposal.mentor if is_mentee else proposal.mentee,
                role=role,
                response=response,
            )
        )
    return out


@dataclass(frozen=True)
class PeerProposal:
    """A hybrid proposal of a peer to this member: who, why, and who has confirmed."""

    request: MentorRequest
    peer: Membership
    confirmed_by_me: bool


def my_requests(membership: Membership) -> dict:
    """Requests this member made (as mentee) and received (as mentor), and the peers
    proposed to them (hybrid peer programmes) that they have to answer."""
    base = MentorRequest.objects.select_related("programme", "mentee__user", "mentor__user")
    proposed_peers = base.filter(
        Q(mentee=membership) | Q(mentor=membership),
        programme__kind=Kind.PEER,
        status=RequestStatus.PROPOSED,
    )
    return {
        # Peers do not ask anyone: their proposals are listed on their own.
        "made": list(
            base.filter(mentee=membership)
            .exclude(status=RequestStatus.ACCEPTED)
            .exclude(programme__kind=Kind.PEER)[:20]
        ),
        "accepted": list(
            base.filter(Q(mentee=membership) | Q(mentor=membership), status=RequestStatus.ACCEPTED)
        ),
        "received": list(
            base.filter(mentor=membership, status=RequestStatus.PENDING).order_by("created_at")
        ),
        "peers_proposed": [
            PeerProposal(
                request=request,
                peer=request.mentor if request.mentee_id == membership.pk else request.mentee,
                confirmed_by_me=request.confirmed_by_id == membership.pk,
            )
            for request in proposed_peers.order_by("created_at")
        ],
    }


def pending_responses(membership: Membership) -> list[MentorResponse]:
    """Matches this mentor may still accept or decline (past the deadline, they stand)."""
    return list(
        MentorResponse.objects.filter(
            mentor=membership, status=ResponseStatus.PENDING, deadline__gte=timezone.now()
        )
        .select_related("proposal__mentee__user", "proposal__run__programme")
        .order_by("deadline")
    )


def unread_notices(membership: Membership) -> list[MatchNotice]:
    """The member's latest notices about matching not read yet."""
    return list(
        MatchNotice.objects.filter(membership=membership, read_at__isnull=True).select_related(
            "programme"
        )[:20]
    )


def programmes_to_choose_in(membership: Membership) -> list[Programme]:
    """Programmes where this approved mentee picks (or confirms) a mentor."""
    return list(
        Programme.objects.filter(
            applications__membership=membership,
            applications__status=ApplicationStatus.APPROVED,
            applications__role=ParticipantRole.MENTEE,
            status__in=[ProgrammeStatus.MATCHING, ProgrammeStatus.RUNNING],
        )
        .exclude(matching_mode=MatchingMode.COORDINATOR)
        .distinct()
    )


def pair_explanation(
    programme: Programme, parameters: dict, mentee: Membership, mentor: Membership
) -> dict:
    """Score and reasons of a chosen pair, kept so both can later read why."""
    loaded = load_programme(programme, parameters, only={mentee.pk, mentor.pk}).instance
    people = {p.id: p for p in (*loaded.mentees, *loaded.mentors)}
    if str(mentee.pk) not in people or str(mentor.pk) not in people:
        return {}
    scored = pairs.score_one(loaded.rules, people[str(mentee.pk)], people[str(mentor.pk)])
    return {"score": scored.score, "reasons": scored.reasons}
