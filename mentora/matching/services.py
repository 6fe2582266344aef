"""State changes of matching: settings, runs, review, publication, responses and requests."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import Membership, User
from mentora.accounts.services import record_audit
from mentora.enrolment.models import Application, ApplicationStatus
from mentora.matching import engine, pairs
from mentora.matching.loader import engine_kind, load_programme, open_groups
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
    RunStatus,
    Unmatched,
)
from mentora.mentorships.models import Mentorship, Stage
from mentora.mentorships.models import Participant as RelationshipMember
from mentora.mentorships.services import (
    MentorshipError,
    NewRelationship,
    add_group_mentees,
    create_mentorship,
    create_mentorships,
    leave_mentorship,
)
from mentora.programs.models import MatchingMode, Programme


class MatchingError(Exception):
    """A matching rule refuses the change; the message is for the user."""


# Settings ---------------------------------------------------------------------------------


def default_parameters(programme: Programme) -> dict:
    """Sensible rules and weights for the programme's kind."""
    kind = engine_kind(programme)
    weights = dict(engine.Weights().__dict__)
    parameters = {
        "kind": kind,
        "seniority_gap": 2 if kind in ("traditional", "group") else 1,
        "department": "prefer_other",
        "language_required": True,
        "min_score": None,
        "objective": "matched_then_score",
        "inter_company": programme.kind == "inter_company",
        "weights": weights,
    }
    if kind == "reverse":
        # Reverse mentoring: a junior mentors a senior; digital skills matter most.
        parameters["weights"] = {**weights, "skills": 5.0, "seniority": 0.5}
    if kind == "peer":
        parameters["weights"] = {**weights, "seniority": 2.0}
    return parameters


def matching_settings(programme: Programme) -> MatchingSettings:
    """The programme's settings, created with the defaults of its kind on first use."""
    found = MatchingSettings.objects.filter(programme=programme).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return MatchingSettings.objects.create(
                programme=programme, parameters=default_parameters(programme)
            )
    except IntegrityError:
        return MatchingSettings.objects.get(programme=programme)


@transaction.atomic
def save_matching_settings(
    *,
    programme: Programme,
    actor: User,
    parameters: dict,
    mentor_acceptance: bool,
    response_days: int,
) -> MatchingSettings:
    """Keep the rules and weights for the programme's next runs."""
    current = matching_settings(programme)
    current.parameters = {**default_parameters(programme), **parameters}
    current.mentor_acceptance = mentor_acceptance
    current.response_days = response_days
    current.save()
    record_audit(
        organisation=programme.organisation,
        actor=actor,
        action="matching.settings",
        target=programme,
    )
    return current


# Runs ---------------------------------------------------------------------------------------


STALE_RUN_MINUTES = 30


@transaction.atomic
def start_run(*, programme: Programme, actor: User | None) -> MatchingRun:
    """Queue a run with the programme's current settings; the worker executes it."""
    from mentora.matching.tasks import execute_matching_run

    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    # A run stuck for longer than this (a worker died) no longer blocks new ones.
    recent = timezone.now() - timedelta(minutes=STALE_RUN_MINUTES)
    if MatchingRun.objects.filter(
        programme=programme,
        status__in=[RunStatus.QUEUED, RunStatus.RUNNING],
        created_at__gte=recent,
    ).exists():
        raise MatchingError(_("A run is already in progress for this programme."))
    number = (
        MatchingRun.objects.filter(programme=programme).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    run = MatchingRun.objects.create(
        programme=programme,
        number=number,
        parameters=dict(matching_settings(programme).parameters),
        created_by=actor,
        progress_label="queued",
    )
    transaction.on_commit(lambda: execute_matching_run.enqueue(run.pk))
    return run


def _progress(run_id: int, percent: int, label: str) -> None:
    MatchingRun.objects.filter(pk=run_id).update(progress=percent, progress_label=label)


def execute_run(run_id: int) -> MatchingRun | None:
    """Run the engine for a queued run; a failure keeps every earlier run and stores why.

    Idempotent: only a queued run is claimed, so a retried task does nothing twice.
    """
    claimed = MatchingRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), progress=5, progress_label="loading"
    )
    if not claimed:
        return None
    run = MatchingRun.objects.select_related("programme__organisation").get(pk=run_id)
    t0 = time.perf_counter()
    try:
        loaded = load_programme(run.programme, run.parameters)
        _progress(run_id, 30, "matching")
        t1 = time.perf_counter()
        result = engine.match(loaded.instance)
        engine_seconds = time.perf_counter() - t1
        _progress(run_id, 80, "saving")
        with transaction.atomic():
            _store_result(run, loaded, result)
            run.engine_seconds = engine_seconds
            run.duration = time.perf_counter() - t0
            run.status = RunStatus.DONE
            run.progress = 100
            run.progress_label = "done"
            run.finished_at = timezone.now()
            run.save()
    except Exception as error:  # noqa: BLE001 - any failure is shown to the coordinator
        MatchingRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
            duration=time.perf_counter() - t0,
        )
        run.refresh_from_db()
    return run


def _store_result(run: MatchingRun, loaded, result) -> None:  # noqa: ANN001
    instance = loaded.instance
    Proposal.objects.bulk_create(
        [
            Proposal(
                run=run,
                mentee_id=int(pair.mentee_id),
                mentor_id=int(pair.mentor_id),
                score=pair.score,
                breakdown=pair.breakdown,
                reasons=[{"key": r.key, "params": dict(r.params)} for r in pair.reasons],
                locked=pair.locked,
            )
            for pair in result.pairs
        ],
        batch_size=500,
    )
    unmatched = [
        Unmatched(
            run=run,
            membership_id=int(item.participant_id),
            role=item.role,
            reason=item.reason.key,
            params=dict(item.reason.params),
        )
        for item in result.unmatched
    ] + [
        Unmatched(run=run, membership_id=pk, role=role, reason=reason)
        for pk, role, reason in loaded.excluded
    ]
    Unmatched.objects.bulk_create(unmatched, batch_size=500)
    run.mentees_count = len(instance.mentees)
    run.mentors_count = len(instance.mentors)
    run.matched_count = len(result.pairs)
    run.unmatched_count = len(unmatched)
    run.total_score = float(result.total_score)
    run.certified = bool(result.certified)
    run.method = result.method
    run.stats = {
        key: float(value)
        for key, value in (result.stats or {}).items()
        if isinstance(value, int | float) and value == value  # drop NaN
    }


def _refresh_totals(run: MatchingRun) -> None:
    proposals = run.proposals.filter(forbidden=False)
    run.matched_count = proposals.count()
    run.total_score = float(sum(proposals.values_list("score", flat=True)))
    run.unmatched_count = run.unmatched.count()
    run.save(update_fields=["matched_count", "total_score", "unmatched_count"])


def _require_reviewable(run: MatchingRun, *, publishing: bool = False) -> None:
    if run.status != RunStatus.DONE:
        raise MatchingError(_("This run has not finished."))
    if run.published_at is not None:
        raise MatchingError(_("This run is already published."))
    if run.publish_status == PublishStatus.RUNNING and not publishing:
        raise MatchingError(_("This run is being published."))


# Review -------------------------------------------------------------------------------------


@transaction.atomic
def toggle_lock(*, proposal: Proposal, actor: User) -> Proposal:
    """Lock a pair so that every later run keeps it, or unlock it."""
    run = proposal.run
    _require_reviewable(run)
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
    _require_reviewable(run)
    PairRule.objects.update_or_create(
        programme=run.programme,
        mentee_id=proposal.mentee_id,
        mentor_id=proposal.mentor_id,
        defaults={"kind": PairRuleKind.FORBID, "created_by": actor},
    )
    proposal.forbidden, proposal.locked = True, False
    proposal.save(update_fields=["locked", "forbidden"])
    _refresh_totals(run)
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


def _score(run: MatchingRun, mentee_id: int, mentor_id: int, load: int) -> dict:
    """Score, parts, reasons and broken rules of a chosen pair, for a manual change."""
    loaded = load_programme(run.programme, run.parameters, only={mentee_id, mentor_id})
    people = {int(p.id): p for p in (*loaded.instance.mentees, *loaded.instance.mentors)}
    if mentee_id not in people or mentor_id not in people:
        raise MatchingError(_("Both people must be approved participants of the programme."))
    rules = loaded.instance.rules
    mentee, mentor = people[mentee_id], people[mentor_id]
    scored = pairs.score_one(rules, mentee, mentor)
    forbidden = PairRule.objects.filter(
        programme=run.programme,
        mentee_id=mentee_id,
        mentor_id=mentor_id,
        kind=PairRuleKind.FORBID,
    ).exists()
    broken = pairs.broken_rules(
        rules, mentee, mentor, forbidden=forbidden, load=load, score=scored.score
    )
    return {
        "score": scored.score,
        "breakdown": scored.breakdown,
        "reasons": [{"key": "manual", "params": {}}, *scored.reasons],
        "broken_rules": broken,
    }


def preview_assignment(*, run: MatchingRun, mentee: Membership, mentor: Membership) -> dict:
    """What assigning this pair by hand would give: score and broken rules (no change)."""
    load = run.proposals.filter(mentor=mentor, forbidden=False).exclude(mentee=mentee).count() + 1
    return _score(run, mentee.pk, mentor.pk, load)


@transaction.atomic
def assign_by_hand(
    *, run: MatchingRun, mentee: Membership, mentor: Membership, actor: User
) -> Proposal:
    """Pair two people by hand in this review; rules they break are recorded and shown."""
    _require_reviewable(run)
    if mentee.pk == mentor.pk:
        raise MatchingError(_("Choose two different people."))
    peer = run.parameters.get("kind") == "peer"
    previous = run.proposals.filter(mentee=mentee)
    if peer:
        # A peer takes part in one pair only, on either side.
        from django.db.models import Q

        previous = run.proposals.filter(
            Q(mentee__in=[mentee, mentor]) | Q(mentor__in=[mentee, mentor])
        )
    freed = []
    for old in previous:
        freed += [old.mentee_id, old.mentor_id]
    previous.delete()
    detail = preview_assignment(run=run, mentee=mentee, mentor=mentor)
    proposal = Proposal.objects.create(run=run, mentee=mentee, mentor=mentor, manual=True, **detail)
    run.unmatched.filter(membership__in=[mentee, mentor]).delete()
    # Someone a manual change left without a pair shows up among the unmatched.
    still = set(freed) - {mentee.pk, mentor.pk}
    paired = set(run.proposals.values_list("mentee_id", flat=True)) | set(
        run.proposals.values_list("mentor_id", flat=True)
    )
    roles = dict(
        Application.objects.filter(
            programme=run.programme, membership_id__in=still, status=ApplicationStatus.APPROVED
        ).values_list("membership_id", "role")
    )
    Unmatched.objects.bulk_create(
        [
            Unmatched(run=run, membership_id=pk, role=roles.get(pk, ""), reason="not_needed")
            for pk in still
            if pk not in paired and roles.get(pk) != "mentor"
        ]
    )
    _refresh_totals(run)
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
    _require_reviewable(run)
    if first.run_id != second.run_id or first.pk == second.pk:
        raise MatchingError(_("Choose another pair of the same run."))
    first.mentor_id, second.mentor_id = second.mentor_id, first.mentor_id
    for proposal in (first, second):
        load = run.proposals.filter(mentor_id=proposal.mentor_id, forbidden=False).count()
        detail = _score(run, proposal.mentee_id, proposal.mentor_id, load)
        for key, value in detail.items():
            setattr(proposal, key, value)
        proposal.manual, proposal.locked, proposal.forbidden = True, False, False
        proposal.save()
    _refresh_totals(run)
    record_audit(
        organisation=run.programme.organisation, actor=actor, action="matching.swap", target=run
    )
    return first, second


# Publication --------------------------------------------------------------------------------


NOTICE_BATCH = 200


def _notify(notices: list[MatchNotice]) -> None:
    """Store in-app notices and e-mail each one after commit, in its recipient's language."""
    from mentora.matching.tasks import send_match_notices

    created = MatchNotice.objects.bulk_create(notices, batch_size=500)
    ids = [notice.pk for notice in created]
    # One task per batch of e-mails: enqueuing thousands of tasks one by one is slow.
    batches = [ids[k : k + NOTICE_BATCH] for k in range(0, len(ids), NOTICE_BATCH)]
    transaction.on_commit(lambda: [send_match_notices.enqueue(batch) for batch in batches])


def _busy(programme: Programme) -> set[int]:
    """Members already in an open relationship of the programme as mentee or peer."""
    return set(
        RelationshipMember.objects.filter(
            mentorship__programme=programme, left_at__isnull=True, role__in=["mentee", "peer"]
        )
        .exclude(mentorship__stage=Stage.CLOSED)
        .values_list("membership_id", flat=True)
    )


@transaction.atomic
def publish_run(*, run: MatchingRun, actor: User) -> int:
    """Turn a run's proposals into relationships (or hybrid proposals), all or nothing.

    Returns how many relationships (or proposals to mentees) were created.
    """
    # The programme's row serialises publications: two runs published at once could
    # otherwise both pass the check below and match the same mentee twice.
    Programme.objects.select_for_update().filter(pk=run.programme_id).first()
    run = MatchingRun.objects.select_for_update().select_related("programme").get(pk=run.pk)
    _require_reviewable(run, publishing=True)
    programme = run.programme
    proposals = list(
        run.proposals.filter(forbidden=False).select_related("mentee", "mentor").order_by("pk")
    )
    if not proposals:
        raise MatchingError(_("There is nothing to publish."))
    busy = _busy(programme)
    peer = run.parameters.get("kind") == "peer"
    if any(p.mentee_id in busy or (peer and p.mentor_id in busy) for p in proposals):
        raise MatchingError(_("Some of these people were matched since this run. Start a new run."))
    current = matching_settings(programme)
    kind = run.parameters.get("kind")
    notices: list[MatchNotice] = []
    created = 0
    try:
        if kind == "group":
            created = _publish_groups(run, proposals, actor, notices, current)
        elif kind != "peer" and programme.matching_mode != MatchingMode.COORDINATOR:
            created = _publish_as_proposals(run, proposals, notices)
        else:
            deadline = timezone.now() + timedelta(days=current.response_days)
            if kind == "peer":
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
                if current.mentor_acceptance and kind != "peer":
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
    _notify(notices)
    record_audit(
        organisation=programme.organisation,
        actor=actor,
        action="matching.publish",
        target=run,
        relationships=created,
    )
    return created


# Above this many pairs, publication runs as a task: one request would take too long.
INLINE_PUBLISH_LIMIT = 300


@transaction.atomic
def request_publication(*, run: MatchingRun, actor: User) -> MatchingRun:
    """Queue the publication of a large run; the review shows its progress or its error."""
    from mentora.matching.tasks import publish_matching_run

    run = MatchingRun.objects.select_for_update().get(pk=run.pk)
    _require_reviewable(run)
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


def _publish_as_proposals(run: MatchingRun, proposals: list[Proposal], notices) -> int:  # noqa: ANN001
    """Hybrid: each mentee sees the proposed mentor and confirms or asks for alternatives."""
    programme = run.programme
    if MentorRequest.objects.filter(
        programme=programme,
        mentee_id__in=[p.mentee_id for p in proposals],
        status__in=HOLDING_STATUSES,
    ).exists():
        raise MatchingError(
            _("Some of these mentees have an open request to a mentor. Start a new run.")
        )
    # Mentees may have taken places since the run: lock the mentors' capacity rows (as
    # requests do) and refuse to overfill a mentor, unless the coordinator chose so by hand.
    wanted = Counter(p.mentor_id for p in proposals)
    by_hand = {p.mentor_id for p in proposals if p.manual}
    capacity = {
        application.membership_id: application.effective_capacity
        for application in Application.objects.select_for_update()
        .select_related("programme")
        .filter(
            programme=programme,
            membership_id__in=list(wanted),
            role="mentor",
            status=ApplicationStatus.APPROVED,
        )
    }
    used = _places_used_by(programme, list(wanted))
    if any(used.get(m, 0) + n > capacity.get(m, 0) for m, n in wanted.items() if m not in by_hand):
        raise MatchingError(_("Some mentors have no place left since this run. Start a new run."))
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
    notices += [
        MatchNotice(membership=proposal.mentee, programme=programme, kind=NoticeKind.PROPOSED)
        for proposal in proposals
    ]
    return len(proposals)


# Mentors' answers after publication -------------------------------------------------------


@transaction.atomic
def respond_to_match(*, response: MentorResponse, accept: bool) -> MentorResponse:
    """The mentor accepts or declines a published match; a decline frees the mentee."""
    response = (
        MentorResponse.objects.select_for_update(of=("self",))
        .select_related("proposal__run__programme", "proposal__mentorship")
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
        if proposal.mentorship is not None:
            # A pair ends with the mentor's decline; a group loses the declined mentee only.
            group = proposal.run.parameters.get("kind") == "group"
            participant = proposal.mentorship.participants.filter(
                membership_id=proposal.mentee_id if group else proposal.mentor_id,
                left_at__isnull=True,
            ).first()
            if participant is not None:
                leave_mentorship(participant=participant, reason="fit")
        _notify(
            [
                MatchNotice(
                    membership_id=proposal.mentee_id, programme=programme, kind=NoticeKind.DECLINED
                )
            ]
        )
    return response


# Mentee chooses -----------------------------------------------------------------------------


def _approved(programme: Programme, membership: Membership, role: str, lock: bool = False):
    applications = Application.objects.filter(
        programme=programme, membership=membership, status=ApplicationStatus.APPROVED, role=role
    )
    if lock:
        # The mentor's application is the row that holds their capacity: locking it
        # serialises every request and answer that could take one of their places.
        applications = applications.select_for_update()
    return applications.first()


def _places_used_by(programme: Programme, mentor_ids: list[int]) -> dict[int, int]:
    """Open relationships plus held requests per mentor, in two queries."""
    used: Counter[int] = Counter(
        dict(
            RelationshipMember.objects.filter(
                mentorship__programme=programme,
                membership_id__in=mentor_ids,
                role="mentor",
                left_at__isnull=True,
            )
            .exclude(mentorship__stage=Stage.CLOSED)
            .values("membership_id")
            .annotate(n=Count("mentorship_id", distinct=True))
            .values_list("membership_id", "n")
        )
    )
    used.update(
        MentorRequest.objects.filter(
            programme=programme, mentor_id__in=mentor_ids, status__in=HOLDING_STATUSES
        ).values_list("mentor_id", flat=True)
    )
    return dict(used)


def places_used(programme: Programme, mentor: Membership) -> int:
    """Open relationships plus held requests of this mentor in the programme."""
    relationships = (
        RelationshipMember.objects.filter(
            mentorship__programme=programme,
            membership=mentor,
            role="mentor",
            left_at__isnull=True,
        )
        .exclude(mentorship__stage=Stage.CLOSED)
        .aggregate(n=Count("mentorship_id", distinct=True))["n"]
    )
    held = MentorRequest.objects.filter(
        programme=programme, mentor=mentor, status__in=HOLDING_STATUSES
    ).count()
    return relationships + held


def _pair_explanation(programme: Programme, mentee: Membership, mentor: Membership) -> dict:
    """Score and reasons of a chosen pair, kept so both can later read why."""
    parameters = matching_settings(programme).parameters
    loaded = load_programme(programme, parameters, only={mentee.pk, mentor.pk}).instance
    people = {p.id: p for p in (*loaded.mentees, *loaded.mentors)}
    if str(mentee.pk) not in people or str(mentor.pk) not in people:
        return {}
    scored = pairs.score_one(loaded.rules, people[str(mentee.pk)], people[str(mentor.pk)])
    return {"score": scored.score, "reasons": scored.reasons}


@transaction.atomic
def request_mentor(
    *, programme: Programme, mentee: Membership, mentor: Membership, message: str = ""
) -> MentorRequest:
    """A mentee asks a mentor; the request holds one of the mentor's places until answered."""
    if programme.matching_mode == MatchingMode.COORDINATOR:
        raise MatchingError(_("In this programme, the coordinators make the matches."))
    if _approved(programme, mentee, "mentee") is None:
        raise MatchingError(_("Only approved mentees of the programme may ask for a mentor."))
    mentor_application = _approved(programme, mentor, "mentor", lock=True)
    if mentor_application is None:
        raise MatchingError(_("This person is not a mentor of the programme."))
    if mentee.pk in _busy(programme):
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
    request = MentorRequest.objects.create(
        programme=programme,
        mentee=mentee,
        mentor=mentor,
        message=message.strip(),
        **_pair_explanation(programme, mentee, mentor),
    )
    _notify([MatchNotice(membership=mentor, programme=programme, kind=NoticeKind.REQUEST)])
    return request


@transaction.atomic
def answer_request(*, request: MentorRequest, accept: bool) -> MentorRequest:
    """The mentor accepts (the relationship starts) or declines (the place is freed)."""
    programme = request.programme
    _approved(programme, request.mentor, "mentor", lock=True)
    request = MentorRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.PENDING:
        raise MatchingError(_("This request was already answered or cancelled."))
    request.responded_at = timezone.now()
    if accept:
        try:
            request.mentorship = create_mentorship(
                programme=programme, mentors=[request.mentor], mentees=[request.mentee]
            )
        except MentorshipError as error:
            raise MatchingError(str(error)) from error
        request.status = RequestStatus.ACCEPTED
    else:
        request.status = RequestStatus.DECLINED
    request.save(update_fields=["status", "responded_at", "mentorship"])
    _notify(
        [
            MatchNotice(
                membership_id=request.mentee_id,
                programme=programme,
                kind=NoticeKind.REQUEST_ANSWERED,
            )
        ]
    )
    return request


@transaction.atomic
def answer_proposal(*, request: MentorRequest, confirm: bool) -> MentorRequest:
    """Hybrid: the mentee confirms the proposed mentor, or frees the place to look further."""
    programme = request.programme
    _approved(programme, request.mentor, "mentor", lock=True)
    request = MentorRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.PROPOSED:
        raise MatchingError(_("This proposal was already answered."))
    request.responded_at = timezone.now()
    if confirm:
        try:
            request.mentorship = create_mentorship(
                programme=programme, mentors=[request.mentor], mentees=[request.mentee]
            )
        except MentorshipError as error:
            raise MatchingError(str(error)) from error
        request.status = RequestStatus.ACCEPTED
        _notify(
            [
                MatchNotice(
                    membership_id=request.mentor_id, programme=programme, kind=NoticeKind.MATCHED
                )
            ]
        )
    else:
        request.status = RequestStatus.CANCELLED
    request.save(update_fields=["status", "responded_at", "mentorship"])
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


def mark_notices_read(*, membership: Membership) -> int:
    """The member opened their matching page."""
    return MatchNotice.objects.filter(membership=membership, read_at__isnull=True).update(
        read_at=timezone.now()
    )
