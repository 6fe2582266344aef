"""State changes of publication: a run becomes relationships or proposals; mentors answer."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import User
from mentora.accounts.services import record_audit
from mentora.enrolment.models import Application, ApplicationStatus
from mentora.matching.errors import MatchingError
from mentora.matching.loader import open_groups
from mentora.matching.models import (
    HOLDING_STATUSES,
    MatchingRun,
    MatchingSettings,
    MatchNotice,
    MentorRequest,
    MentorResponse,
    NoticeKind,
    PairRule,
    PairRuleKind,
    Proposal,
    PublishStatus,
    RequestStatus,
    ResponseStatus,
)
from mentora.matching.selectors.places import matched_mentees, places_used_by
from mentora.matching.services.notices import notify_members
from mentora.matching.services.review import require_reviewable
from mentora.matching.services.runs import require_pairing_open
from mentora.matching.services.settings import matching_settings
from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.models import ExitReason, Mentorship
from mentora.mentorships.services.closure import leave_mentorship
from mentora.mentorships.services.relationships import (
    NewRelationship,
    add_group_mentees,
    create_mentorships,
)
from mentora.programs.models import Kind, ParticipantRole, Programme

# Above this many pairs, publication runs as a task: one request would take too long.
INLINE_PUBLISH_LIMIT = 300


@transaction.atomic
def publish_run(*, run: MatchingRun, actor: User) -> int:
    """Turn a run's proposals into relationships (or hybrid proposals), all or nothing.

    Returns how many relationships (or proposals to mentees) were created.
    """
    # The programme's row serialises publications: two runs published at once could
    # otherwise both pass the check below and match the same mentee twice.
    Programme.objects.select_for_update().filter(pk=run.programme_id).first()
    run = MatchingRun.objects.select_for_update().select_related("programme").get(pk=run.pk)
    require_reviewable(run, publishing=True)
    programme = run.programme
    require_pairing_open(programme)
    proposals = list(
        run.proposals.filter(forbidden=False).select_related("mentee", "mentor").order_by("pk")
    )
    if not proposals:
        # An empty run (nobody to match, or every pair forbidden) publishes nothing.
        raise MatchingError(_("There is no pair to publish."))
    busy = matched_mentees(programme)
    peer = run.is_peer
    if any(p.mentee_id in busy or (peer and p.mentor_id in busy) for p in proposals):
        raise MatchingError(_("Some of these people were matched since this run. Start a new run."))
    current = matching_settings(programme)
    kind = run.parameters.get("kind")
    notices: list[MatchNotice] = []
    created = 0
    try:
        if run.publication_kind == "groups":
            created = _publish_groups(run, proposals, actor, notices, current)
        elif run.publication_kind == "proposals":
            created = _publish_as_proposals(run, proposals, notices)
        else:
            deadline = timezone.now() + timedelta(days=current.response_days)
            if kind == Kind.PEER:
                relationships = [NewRelationship(peers=(p.mentee, p.mentor)) for p in proposals]
            else:
                relationships = [
                    NewRelationship(mentors=(p.mentor,), mentees=(p.mentee,)) for p in proposals
                ]
            mentorships = create_mentorships(
                programme=programme, relationships=relationships, created_by=actor
            )
            responses = []
            for proposal, mentorship in zip(proposals, mentorships, strict=True):
                proposal.mentorship = mentorship
                mentor_kind = NoticeKind.MATCHED
                if current.mentor_acceptance and kind != Kind.PEER:
                    responses.append(
                        MentorResponse(proposal=proposal, mentor=proposal.mentor, deadline=deadline)
                    )
                    mentor_kind = NoticeKind.RESPONSE
                notices += [
                    MatchNotice(
                        membership=proposal.mentee, programme=programme, kind=NoticeKind.MATCHED
                    ),
                    MatchNotice(membership=proposal.mentor, programme=programme, kind=mentor_kind),
                ]
            created = len(mentorships)
            Proposal.objects.bulk_update(proposals, ["mentorship"], batch_size=500)
            MentorResponse.objects.bulk_create(responses, batch_size=500)
    except MentorshipError as error:
        raise MatchingError(str(error)) from error
    run.published_at = timezone.now()
    run.published_by = actor
    run.save(update_fields=["published_at", "published_by"])
    notify_members(notices=notices)
    record_audit(
        organisation=programme.organisation,
        actor=actor,
        action="matching.publish",
        target=run,
        relationships=created,
    )
    return created


@transaction.atomic
def request_publication(*, run: MatchingRun, actor: User) -> MatchingRun:
    """Queue the publication of a large run; the review shows its progress or its error."""
    from mentora.matching.tasks import publish_matching_run

    run = MatchingRun.objects.select_for_update().select_related("programme").get(pk=run.pk)
    require_reviewable(run)
    require_pairing_open(run.programme)
    if run.is_publishing:
        raise MatchingError(_("The publication of this run is already under way."))
    run.publish_status, run.publish_error = PublishStatus.QUEUED, ""
    run.save(update_fields=["publish_status", "publish_error"])
    actor_id = actor.pk
    transaction.on_commit(lambda: publish_matching_run.enqueue(run.pk, actor_id))
    return run


def execute_publication(run_id: int, actor_id: int) -> None:
    """The task's work: publish all or nothing; a refusal or failure is kept for the review."""
    claimed = MatchingRun.objects.filter(pk=run_id, publish_status=PublishStatus.QUEUED).update(
        publish_status=PublishStatus.RUNNING
    )
    if not claimed:
        return
    run = MatchingRun.objects.get(pk=run_id)
    try:
        publish_run(run=run, actor=User.objects.get(pk=actor_id))
    except Exception as error:  # noqa: BLE001 - shown to the coordinator
        MatchingRun.objects.filter(pk=run_id).update(
            publish_status=PublishStatus.FAILED, publish_error=str(error)[:2000]
        )
        return
    MatchingRun.objects.filter(pk=run_id).update(publish_status="")


def _publish_groups(
    run: MatchingRun,
    proposals: list[Proposal],
    actor: User,
    notices: list[MatchNotice],
    current: MatchingSettings,
) -> int:
    """One relationship per mentor and their group; with acceptance, the mentor answers for
    each mentee of the group (a decline takes that mentee out, the group goes on).

    A mentor who already leads an open group (a later run offered its free seats) gets
    the new mentees in that group, whose agreement is then signed again; the others get a
    new group.
    """
    groups: dict[int, list[Proposal]] = defaultdict(list)
    for proposal in proposals:
        groups[proposal.mentor_id].append(proposal)
    programme = run.programme
    existing = open_groups(programme, list(groups))
    for mentor_id, (_mentorship_id, seated) in existing.items():
        # Seats taken since the run (a pair chosen by hand may knowingly exceed them).
        automatic = sum(not p.manual for p in groups[mentor_id])
        if programme.group_size and automatic > programme.group_size - seated:
            raise MatchingError(
                _("Some of these people were matched since this run. Start a new run.")
            )
    members_of = [members for mentor_id, members in groups.items() if mentor_id not in existing]
    mentorships = create_mentorships(
        programme=programme,
        relationships=[
            NewRelationship(mentors=(members[0].mentor,), mentees=[p.mentee for p in members])
            for members in members_of
        ],
        created_by=actor,
    )
    published = list(zip(members_of, mentorships, strict=True))
    joined = Mentorship.objects.in_bulk([mentorship_id for mentorship_id, _k in existing.values()])
    for mentor_id, (mentorship_id, _k) in existing.items():
        group = joined[mentorship_id]
        add_group_mentees(
            mentorship=group, mentees=[p.mentee for p in groups[mentor_id]], added_by=actor
        )
        published.append((groups[mentor_id], group))
    deadline = timezone.now() + timedelta(days=current.response_days)
    responses = []
    for members, mentorship in published:
        for proposal in members:
            proposal.mentorship = mentorship
            notices.append(
                MatchNotice(
                    membership=proposal.mentee, programme=programme, kind=NoticeKind.MATCHED
                )
            )
            if current.mentor_acceptance:
                responses.append(
                    MentorResponse(proposal=proposal, mentor=proposal.mentor, deadline=deadline)
                )
        mentor_kind = NoticeKind.RESPONSE if current.mentor_acceptance else NoticeKind.MATCHED
        notices.append(
            MatchNotice(membership=members[0].mentor, programme=programme, kind=mentor_kind)
        )
    Proposal.objects.bulk_update(proposals, ["mentorship"], batch_size=500)
    MentorResponse.objects.bulk_create(responses, batch_size=500)
    return len(groups)


def _publish_as_proposals(
    run: MatchingRun, proposals: list[Proposal], notices: list[MatchNotice]
) -> int:
    """Hybrid: each mentee sees the proposed mentor and confirms or asks for alternatives;
    peers both see the proposed peer, and their relationship starts once both confirm."""
    programme = run.programme
    peer = run.is_peer
    people = {p.mentee_id for p in proposals}
    if peer:
        people |= {p.mentor_id for p in proposals}
    holding = MentorRequest.objects.filter(programme=programme, status__in=HOLDING_STATUSES)
    if holding.filter(mentee_id__in=people).exists() or (
        peer and holding.filter(mentor_id__in=people).exists()
    ):
        raise MatchingError(
            _("Some of these mentees have an open request to a mentor. Start a new run.")
        )
    if not peer:
        _check_mentor_places(programme, proposals)
    MentorRequest.objects.bulk_create(
        [
            MentorRequest(
                programme=programme,
                mentee=proposal.mentee,
                mentor=proposal.mentor,
                status=RequestStatus.PROPOSED,
                score=proposal.score,
                reasons=proposal.reasons,
            )
            for proposal in proposals
        ],
        batch_size=500,
    )
    if peer:
        notices += [
            MatchNotice(membership_id=pk, programme=programme, kind=NoticeKind.PEER_PROPOSED)
            for proposal in proposals
            for pk in (proposal.mentee_id, proposal.mentor_id)
        ]
    else:
        notices += [
            MatchNotice(membership=proposal.mentee, programme=programme, kind=NoticeKind.PROPOSED)
            for proposal in proposals
        ]
    return len(proposals)


def _check_mentor_places(programme: Programme, proposals: list[Proposal]) -> None:
    """Mentees may have taken places since the run: lock the mentors' capacity rows (as
    requests do) and refuse to overfill a mentor, unless the coordinator chose so by hand."""
    wanted = Counter(p.mentor_id for p in proposals)
    by_hand = {p.mentor_id for p in proposals if p.manual}
    capacity = {
        application.membership_id: application.effective_capacity
        for application in Application.objects.select_for_update()
        .select_related("programme")
        .filter(
            programme=programme,
            membership_id__in=list(wanted),
            role=ParticipantRole.MENTOR,
            status=ApplicationStatus.APPROVED,
        )
    }
    used = places_used_by(programme, list(wanted))
    if any(used.get(m, 0) + n > capacity.get(m, 0) for m, n in wanted.items() if m not in by_hand):
        raise MatchingError(_("Some mentors have no place left since this run. Start a new run."))


@transaction.atomic
def respond_to_match(*, response: MentorResponse, accept: bool) -> MentorResponse:
    """The mentor accepts or declines a published match; a decline frees the mentee."""
    response = (
        MentorResponse.objects.select_for_update(of=("self",))
        .select_related(
            "proposal__run__programme__organisation", "proposal__mentorship", "mentor__user"
        )
        .get(pk=response.pk)
    )
    if response.status != ResponseStatus.PENDING:
        raise MatchingError(_("You have already answered."))
    if response.deadline < timezone.now():
        raise MatchingError(_("The deadline to answer has passed; the match stands."))
    response.status = ResponseStatus.ACCEPTED if accept else ResponseStatus.DECLINED
    response.responded_at = timezone.now()
    response.save(update_fields=["status", "responded_at"])
    proposal = response.proposal
    programme = proposal.run.programme
    if not accept:
        # Never propose this pair again; the mentee is free for the next run.
        PairRule.objects.update_or_create(
            programme=programme,
            mentee_id=proposal.mentee_id,
            mentor_id=proposal.mentor_id,
            defaults={"kind": PairRuleKind.FORBID, "from_decline": True},
        )
        mentorship = proposal.mentorship
        group = proposal.run.parameters.get("kind") == Kind.GROUP
        if mentorship is not None and not group and _never_started(mentorship):
            # The relationship was only waiting for this answer and nobody did anything in
            # it: it never existed for the pair, so it goes (the proposal, the answer, the
            # rule and the audit entry keep the history) instead of staying, closed, on the
            # mentee's page with an agreement to sign.
            mentorship.delete()
            proposal.mentorship = None
        elif mentorship is not None:
            # A pair ends with the mentor's decline; a group loses the declined mentee only.
            participant = mentorship.participants.filter(
                membership_id=proposal.mentee_id if group else proposal.mentor_id,
                left_at__isnull=True,
            ).first()
            if participant is not None:
                leave_mentorship(participant=participant, reason=ExitReason.FIT)
        record_audit(
            organisation=programme.organisation,
            actor=response.mentor.user,
            action="matching.decline",
            target=proposal,
            people=[proposal.mentor_id, proposal.mentee_id],
        )
        notify_members(
            notices=[
                MatchNotice(
                    membership_id=proposal.mentee_id, programme=programme, kind=NoticeKind.DECLINED
                )
            ]
        )
    return response


# Rows that publication creates with every relationship; any other row was added since.
_CREATED_WITH_A_RELATIONSHIP = {"participants", "agreement"}


def _never_started(mentorship: Mentorship) -> bool:
    """Nothing was added to the relationship since publication: no meeting, goal, note,
    journal entry, concern... whichever app holds them (every row that would go with it)."""
    for relation in Mentorship._meta.related_objects:
        if relation.get_accessor_name() in _CREATED_WITH_A_RELATIONSHIP:
            continue
        if relation.on_delete is not models.CASCADE:
            continue
        rows = relation.related_model._default_manager.filter(**{relation.field.name: mentorship})
        if rows.exists():
            return False
    return True
