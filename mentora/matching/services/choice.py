"""State changes when mentees choose: requests to mentors, their answers, hybrid proposals."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import Membership
from mentora.matching.errors import MatchingError
from mentora.matching.models import (
    HOLDING_STATUSES,
    MatchNotice,
    MentorRequest,
    NoticeKind,
    PairRule,
    PairRuleKind,
    RequestStatus,
)
from mentora.matching.selectors.members import pair_explanation
from mentora.matching.selectors.places import approved_application, matched_mentees, places_used
from mentora.matching.services.notices import notify_members
from mentora.matching.services.settings import matching_settings
from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.services.relationships import create_mentorship
from mentora.programs.models import Kind, MatchingMode, ParticipantRole, Programme


@transaction.atomic
def request_mentor(
    *, programme: Programme, mentee: Membership, mentor: Membership, message: str = ""
) -> MentorRequest:
    """A mentee asks a mentor; the request holds one of the mentor's places until answered."""
    if programme.matching_mode == MatchingMode.COORDINATOR:
        raise MatchingError(_("In this programme, the coordinators make the matches."))
    if approved_application(programme, mentee, ParticipantRole.MENTEE) is None:
        raise MatchingError(_("Only approved mentees of the programme may ask for a mentor."))
    mentor_application = approved_application(programme, mentor, ParticipantRole.MENTOR, lock=True)
    if mentor_application is None:
        raise MatchingError(_("This person is not a mentor of the programme."))
    if mentee.pk in matched_mentees(programme):
        raise MatchingError(_("You already have a mentor in this programme."))
    if MentorRequest.objects.filter(
        programme=programme, mentee=mentee, status__in=HOLDING_STATUSES
    ).exists():
        raise MatchingError(_("You already have an open request; cancel it first."))
    if PairRule.objects.filter(
        programme=programme, mentee=mentee, mentor=mentor, kind=PairRuleKind.FORBID
    ).exists():
        raise MatchingError(_("This mentor cannot be chosen."))
    if places_used(programme, mentor) >= mentor_application.effective_capacity:
        raise MatchingError(_("This mentor has no place left. Choose another mentor."))
    parameters = matching_settings(programme).parameters
    request = MentorRequest.objects.create(
        programme=programme,
        mentee=mentee,
        mentor=mentor,
        message=message.strip(),
        **pair_explanation(programme, parameters, mentee, mentor),
    )
    notify_members(
        notices=[MatchNotice(membership=mentor, programme=programme, kind=NoticeKind.REQUEST)]
    )
    return request


def _start_relationship(request: MentorRequest, programme: Programme) -> None:
    """The request is accepted: the mentor and the mentee (or the two peers) start their
    relationship."""
    try:
        if programme.kind == Kind.PEER:
            request.mentorship = create_mentorship(
                programme=programme, peers=[request.mentee, request.mentor]
            )
        else:
            request.mentorship = create_mentorship(
                programme=programme, mentors=[request.mentor], mentees=[request.mentee]
            )
    except MentorshipError as error:
        raise MatchingError(str(error)) from error
    request.status = RequestStatus.ACCEPTED


@transaction.atomic
def answer_request(*, request: MentorRequest, accept: bool) -> MentorRequest:
    """The mentor accepts (the relationship starts) or declines (the place is freed)."""
    programme = request.programme
    approved_application(programme, request.mentor, ParticipantRole.MENTOR, lock=True)
    request = MentorRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.PENDING:
        raise MatchingError(_("This request was already answered or cancelled."))
    request.responded_at = timezone.now()
    if accept:
        _start_relationship(request, programme)
    else:
        request.status = RequestStatus.DECLINED
    request.save(update_fields=["status", "responded_at", "mentorship"])
    notify_members(
        notices=[
            MatchNotice(
                membership_id=request.mentee_id,
                programme=programme,
                kind=NoticeKind.REQUEST_ANSWERED,
            )
        ]
    )
    return request


@transaction.atomic
def answer_proposal(
    *, request: MentorRequest, confirm: bool, by: Membership | None = None
) -> MentorRequest:
    """Hybrid: the mentee confirms the proposed mentor, or frees the place to look further.

    In a peer programme each of the two peers answers (`by`): the relationship starts once
    both have confirmed; if either declines, both are free for the next run.
    """
    programme = request.programme
    if programme.kind == Kind.PEER:
        return _answer_peer_proposal(request=request, confirm=confirm, by=by or request.mentee)
    if by is not None and by.pk != request.mentee_id:
        raise MatchingError(_("Only the mentee answers this proposal."))
    approved_application(programme, request.mentor, ParticipantRole.MENTOR, lock=True)
    request = MentorRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.PROPOSED:
        raise MatchingError(_("This proposal was already answered."))
    request.responded_at = timezone.now()
    if confirm:
        _start_relationship(request, programme)
        notify_members(
            notices=[
                MatchNotice(
                    membership_id=request.mentor_id, programme=programme, kind=NoticeKind.MATCHED
                )
            ]
        )
    else:
        request.status = RequestStatus.CANCELLED
    request.save(update_fields=["status", "responded_at", "mentorship"])
    return request


def _answer_peer_proposal(
    *, request: MentorRequest, confirm: bool, by: Membership
) -> MentorRequest:
    programme = request.programme
    request = MentorRequest.objects.select_for_update().get(pk=request.pk)
    if by.pk not in (request.mentee_id, request.mentor_id):
        raise MatchingError(_("Only the two peers answer this proposal."))
    if request.status != RequestStatus.PROPOSED:
        raise MatchingError(_("This proposal was already answered."))
    other = request.mentor_id if by.pk == request.mentee_id else request.mentee_id
    if confirm and request.confirmed_by_id is None:
        request.confirmed_by = by
        request.save(update_fields=["confirmed_by"])
        return request
    if confirm and request.confirmed_by_id == by.pk:
        raise MatchingError(_("You have already confirmed. Your peer has not answered yet."))
    request.responded_at = timezone.now()
    if confirm:
        _start_relationship(request, programme)
        kind = NoticeKind.MATCHED
    else:
        request.status = RequestStatus.CANCELLED
        # Like a mentor's decline: no later run proposes these two peers again.
        PairRule.objects.update_or_create(
            programme=programme,
            mentee_id=request.mentee_id,
            mentor_id=request.mentor_id,
            defaults={"kind": PairRuleKind.FORBID, "from_decline": True},
        )
        kind = NoticeKind.DECLINED
    request.save(update_fields=["status", "responded_at", "mentorship"])
    notify_members(notices=[MatchNotice(membership_id=other, programme=programme, kind=kind)])
    return request


@transaction.atomic
def cancel_request(*, request: MentorRequest) -> MentorRequest:
    """The mentee withdraws a pending request; the mentor's place is freed."""
    request = MentorRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.PENDING:
        raise MatchingError(_("This request was already answered or cancelled."))
    request.status = RequestStatus.CANCELLED
    request.responded_at = timezone.now()
    request.save(update_fields=["status", "responded_at"])
    return request
