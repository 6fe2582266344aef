"""State changes of mentoring relationships, shared by views, matching, the API and the demo."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import AuditEntry, Membership, User
from mentora.accounts.services import record_audit
from mentora.mentorships import recurrence
from mentora.mentorships.content import default_agreement
from mentora.mentorships.models import (
    ActionItem,
    Agreement,
    AgreementFields,
    AgreementRevision,
    AgreementSignature,
    AgreementTemplate,
    CalendarFeed,
    Concern,
    ConcernStatus,
    EndReason,
    Goal,
    GoalStatus,
    GoalUpdate,
    JournalEntry,
    Meeting,
    MeetingNote,
    MeetingSeries,
    MeetingStatus,
    Mentorship,
    Participant,
    PrivateNote,
    Stage,
)
from mentora.profiles.models import ProfileSkill, SkillDirection
from mentora.programs.models import Format, Kind, ParticipantRole, Programme
from mentora.programs.models import Status as ProgrammeStatus


class MentorshipError(Exception):
    """A rule of the relationship refuses the change; the message is for the user."""


# Relationships -----------------------------------------------------------------------------


def eligible_members(programme: Programme):  # -> MembershipQuerySet
    """Active members who may take part: the programme's organisation and its partners."""
    organisations = [
        programme.organisation_id,
        *programme.partner_organisations.values_list("pk", flat=True),
    ]
    return Membership.objects.active().filter(organisation_id__in=organisations)


@dataclass(frozen=True)
class NewRelationship:
    """The people of one relationship to create: mentors and mentees, or peers."""

    mentors: Sequence[Membership] = ()
    mentees: Sequence[Membership] = ()
    peers: Sequence[Membership] = ()

    @property
    def people(self) -> list[Membership]:
        return [*self.mentors, *self.mentees, *self.peers]


# Rows written per INSERT, and people checked per eligibility query: bounded whatever the
# size of the organisation or of the publication.
BULK_BATCH = 500


def _check_shape(programme: Programme, relationship: NewRelationship) -> None:
    """The rules of the programme's format for one relationship."""
    mentors, mentees, peers = relationship.mentors, relationship.mentees, relationship.peers
    people = relationship.people
    if len({m.pk for m in people}) != len(people):
        raise MentorshipError(_("A person can only appear once in a relationship."))
    if peers and (mentors or mentees):
        raise MentorshipError(_("A peer relationship has peers only."))
    if peers and len(peers) < 2:
        raise MentorshipError(_("A peer relationship needs at least two people."))
    if not peers and (not mentors or not mentees):
        raise MentorshipError(_("Choose at least one mentor and one mentee."))
    if programme.format == Format.ONE_TO_ONE and (
        len(people) != 2 or (not peers and (len(mentors) != 1 or len(mentees) != 1))
    ):
        raise MentorshipError(_("A one-to-one programme pairs exactly two people."))


def _check_eligible(programme: Programme, people_ids: set[int]) -> None:
    """Everyone is an active member of the organisation or a partner: only these people are
    read, a slice at a time, never the whole organisation."""
    eligible = eligible_members(programme)
    ids = sorted(people_ids)
    for k in range(0, len(ids), BULK_BATCH):
        chunk = ids[k : k + BULK_BATCH]
        if eligible.filter(pk__in=chunk).count() != len(chunk):
            raise MentorshipError(
                _("Everyone must be an active member of the programme's organisation.")
            )


@transaction.atomic
def create_mentorships(
    *,
    programme: Programme,
    relationships: Sequence[NewRelationship],
    created_by: User | None = None,
) -> list[Mentorship]:
    """Start many relationships of a programme at once (a matching's publication), each with
    its agreement drafted; all or none. Returns them in the order given.

    The same rules as `create_mentorship`, checked for every relationship before any is
    written; rows are inserted in batches, so the number of queries does not grow with the
    number of relationships.
    """
    for relationship in relationships:
        _check_shape(programme, relationship)
    _check_eligible(programme, {m.pk for r in relationships for m in r.people})
    if not relationships:
        return []

    mentorships = [Mentorship(programme=programme, created_by=created_by) for _ in relationships]
    # SQLite and PostgreSQL both return the new ids from a bulk INSERT.
    Mentorship.objects.bulk_create(mentorships, batch_size=BULK_BATCH)
    Participant.objects.bulk_create(
        [
            Participant(mentorship=mentorship, membership=person, role=role)
            for mentorship, relationship in zip(mentorships, relationships, strict=True)
            for people, role in (
                (relationship.mentors, ParticipantRole.MENTOR),
                (relationship.mentees, ParticipantRole.MENTEE),
                (relationship.peers, ParticipantRole.PEER),
            )
            for person in people
        ],
        batch_size=BULK_BATCH,
    )
    template = AgreementTemplate.objects.filter(programme=programme).first()
    content = template.content() if template else default_agreement(programme)
    agreements = [
        Agreement(mentorship=mentorship, updated_by=created_by, **content)
        for mentorship in mentorships
    ]
    Agreement.objects.bulk_create(agreements, batch_size=BULK_BATCH)
    AgreementRevision.objects.bulk_create(
        [
            AgreementRevision(agreement=agreement, version=1, content=content, edited_by=created_by)
            for agreement in agreements
        ],
        batch_size=BULK_BATCH,
    )
    if created_by is not None:
        # One audit entry per relationship, as when a coordinator pairs people by hand.
        AuditEntry.objects.bulk_create(
            [
                AuditEntry(
                    organisation_id=programme.organisation_id,
                    actor=created_by,
                    action="mentorship.create",
                    target=str(mentorship)[:200],
                    details={"programme": programme.pk, "people": [m.pk for m in r.people]},
                )
                for mentorship, r in zip(mentorships, relationships, strict=True)
            ],
            batch_size=BULK_BATCH,
        )
    return mentorships


@transaction.atomic
def create_mentorship(
    *,
    programme: Programme,
    mentors: Iterable[Membership] = (),
    mentees: Iterable[Membership] = (),
    peers: Iterable[Membership] = (),
    created_by: User | None = None,
) -> Mentorship:
    """Start a relationship (by hand or from matching) with its agreement drafted.

    One-to-one programmes pair one mentor with one mentee, or two peers; group programmes
    take one or more mentors and several mentees (or a group of peers mentoring itself).
    """
    relationship = NewRelationship(mentors=list(mentors), mentees=list(mentees), peers=list(peers))
    [mentorship] = create_mentorships(
        programme=programme, relationships=[relationship], created_by=created_by
    )
    return mentorship


@transaction.atomic
def add_group_mentees(
    *, mentorship: Mentorship, mentees: Sequence[Membership], added_by: User | None = None
) -> list[Participant]:
    """Seat more mentees in an open group (a rematch into a free seat after an exit).

    The agreement opens a new version, as a change after signing does: the whole group,
    newcomers included, signs it again. Someone who already took part in the group (and
    left it) cannot join it again.
    """
    mentorship = (
        Mentorship.objects.select_for_update().select_related("programme").get(pk=mentorship.pk)
    )
    _require_open(mentorship)
    programme = mentorship.programme
    if programme.format != Format.GROUP:
        raise MentorshipError(
            _("A group relationship gathers one or more mentors and several mentees.")
        )
    ids = {m.pk for m in mentees}
    if not ids:
        return []
    if len(ids) != len(mentees) or mentorship.participants.filter(membership_id__in=ids).exists():
        raise MentorshipError(_("A person can only appear once in a relationship."))
    _check_eligible(programme, ids)
    added = Participant.objects.bulk_create(
        [
            Participant(mentorship=mentorship, membership=person, role=ParticipantRole.MENTEE)
            for person in mentees
        ]
    )
    _open_new_version(Agreement.objects.select_for_update().get(mentorship=mentorship), added_by)
    record_audit(
        organisation=programme.organisation,
        actor=added_by,
        action="mentorship.add_mentees",
        target=mentorship,
        programme=programme.pk,
        people=sorted(ids),
    )
    return added


def _refresh_stage(mentorship: Mentorship) -> None:
    """Move forward through the stages as the relationship reaches each milestone."""
    mentorship.refresh_from_db(fields=["stage"])
    if mentorship.stage in {Stage.CLOSURE, Stage.CLOSED, Stage.ESTABLISH}:
        return
    if (
        mentorship.stage == Stage.TRUST
        and mentorship.goals.exists()
        and mentorship.meetings.filter(status=MeetingStatus.HELD).exists()
    ):
        mentorship.stage = Stage.LEARNING
        mentorship.save(update_fields=["stage"])


# Agreement ---------------------------------------------------------------------------------


@transaction.atomic
def update_agreement(*, agreement: Agreement, actor: User, fields: dict[str, Any]) -> Agreement:
    """Save the agreement; a change opens a new version that everyone signs again."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    changed = {
        k: v
        for k, v in fields.items()
        if k in AgreementFields.SECTIONS and getattr(agreement, k) != v
    }
    if not changed:
        return agreement
    for name, value in changed.items():
        setattr(agreement, name, value)
    _open_new_version(agreement, actor)
    return agreement


def _open_new_version(agreement: Agreement, actor: User | None) -> None:
    """Save the agreement as a new version, kept in its history; signatures of earlier
    versions no longer count, so everyone signs again."""
    agreement.version += 1
    agreement.updated_by = actor
    agreement.save()
    AgreementRevision.objects.create(
        agreement=agreement, version=agreement.version, content=agreement.content(), edited_by=actor
    )


def agreement_signers(agreement: Agreement) -> set[int]:
    """Participants who signed the current version."""
    return set(
        agreement.signatures.filter(version=agreement.version).values_list(
            "participant_id", flat=True
        )
    )


def agreement_is_signed(agreement: Agreement) -> bool:
    active = set(agreement.mentorship.participants.active().values_list("pk", flat=True))
    return bool(active) and active <= agreement_signers(agreement)


@transaction.atomic
def sign_agreement(*, agreement: Agreement, participant: Participant) -> AgreementSignature:
    """Sign the current version; once every member has, the relationship leaves *establish*."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if participant.mentorship_id != agreement.mentorship_id or not participant.is_active:
        raise MentorshipError(_("Only members of the relationship sign its agreement."))
    signature, _created = AgreementSignature.objects.get_or_create(
        agreement=agreement, participant=participant, version=agreement.version
    )
    mentorship = agreement.mentorship
    if mentorship.stage == Stage.ESTABLISH and agreement_is_signed(agreement):
        mentorship.stage = Stage.TRUST
        mentorship.save(update_fields=["stage"])
        _refresh_stage(mentorship)
    return signature


@transaction.atomic
def save_agreement_template(
    *, programme: Programme, actor: User, fields: dict[str, Any]
) -> AgreementTemplate:
    """Set the draft new relationships of the programme start from."""
    template, _created = AgreementTemplate.objects.get_or_create(programme=programme)
    for name in AgreementFields.SECTIONS:
        if name in fields:
            setattr(template, name, fields[name])
    template.save()
    record_audit(
        organisation=programme.organisation,
        actor=actor,
        action="agreement_template.save",
        target=programme,
    )
    return template


# Goals and action plans --------------------------------------------------------------------


@transaction.atomic
def create_goal(
    *, mentorship: Mentorship, owner: Membership, actor: User, fields: dict[str, Any]
) -> Goal:
    """Add a SMART goal owned by a member, with its first history entry."""
    goal = Goal.objects.create(mentorship=mentorship, owner=owner, **fields)
    GoalUpdate.objects.create(
        goal=goal, status=goal.status, progress=goal.progress, changed_by=actor
    )
    _refresh_stage(mentorship)
    return goal


@transaction.atomic
def update_goal(*, goal: Goal, fields: dict[str, Any]) -> Goal:
    """Reword a goal (its status and progress change through `record_goal_progress`)."""
    for name in ("title", "measure", "target", "due_on"):
        if name in fields:
            setattr(goal, name, fields[name])
    goal.save()
    return goal


@transaction.atomic
def record_goal_progress(
    *, goal: Goal, actor: User, status: str, progress: int, comment: str = ""
) -> GoalUpdate:
    """Change a goal's status and progress and keep the change in its history."""
    if status == GoalStatus.ACHIEVED:
        progress = 100
    goal.status = status
    goal.progress = max(0, min(100, progress))
    goal.save(update_fields=["status", "progress", "updated_at"])
    return GoalUpdate.objects.create(
        goal=goal, status=goal.status, progress=goal.progress, comment=comment, changed_by=actor
    )


@transaction.atomic
def add_action_item(
    *, goal: Goal, title: str, owner: Membership | None = None, due_on: date | None = None
) -> ActionItem:
    """Add a task to a goal's action plan."""
    return ActionItem.objects.create(goal=goal, title=title, owner=owner, due_on=due_on)


@transaction.atomic
def set_action_done(*, action: ActionItem, done: bool) -> ActionItem:
    """Tick or untick a task."""
    action.done = done
    action.done_at = timezone.now() if done else None
    action.save(update_fields=["done", "done_at"])
    return action


# Meetings ----------------------------------------------------------------------------------


def _require_open(mentorship: Mentorship) -> None:
    if mentorship.is_closed:
        raise MentorshipError(_("This relationship is closed."))


@transaction.atomic
def schedule_meeting(
    *,
    mentorship: Mentorship,
    starts_at: datetime,
    time_zone: str,
    duration_minutes: int,
    actor: User | None,
    location: str = "",
    video_url: str = "",
    agenda: str = "",
    is_closing: bool = False,
) -> Meeting:
    """Plan one meeting."""
    _require_open(mentorship)
    return Meeting.objects.create(
        mentorship=mentorship,
        starts_at=starts_at,
        time_zone=time_zone,
        duration_minutes=duration_minutes,
        location=location,
        video_url=video_url,
        agenda=agenda,
        is_closing=is_closing,
        created_by=actor,
    )


@transaction.atomic
def schedule_series(
    *,
    mentorship: Mentorship,
    first_starts_at: datetime,
    time_zone: str,
    frequency: str,
    duration_minutes: int,
    actor: User | None,
    until: date | None = None,
    location: str = "",
    video_url: str = "",
    agenda: str = "",
) -> MeetingSeries:
    """Plan meetings that repeat at the same local time until `until` (default: programme end)."""
    _require_open(mentorship)
    until = until or mentorship.programme.ends_on
    if until is None:
        raise MentorshipError(_("Give an end date: the programme has none."))
    zone = ZoneInfo(time_zone)
    first_local = first_starts_at.astimezone(zone)
    if until < first_local.date():
        raise MentorshipError(_("The series must end after its first meeting."))
    try:
        starts = recurrence.occurrences(first_local, frequency, until)
    except recurrence.TooManyOccurrences as error:
        raise MentorshipError(
            _("A series holds at most %(count)s meetings: choose an earlier end date.")
            % {"count": error.args[0]}
        ) from error
    series = MeetingSeries.objects.create(
        mentorship=mentorship,
        frequency=frequency,
        first_starts_at=first_starts_at,
        time_zone=time_zone,
        duration_minutes=duration_minutes,
        until=until,
        location=location,
        video_url=video_url,
        agenda=agenda,
        created_by=actor,
    )
    Meeting.objects.bulk_create(
        [
            Meeting(
                mentorship=mentorship,
                series=series,
                original_starts_at=start,
                starts_at=start,
                time_zone=time_zone,
                duration_minutes=duration_minutes,
                location=location,
                video_url=video_url,
                agenda=agenda,
                created_by=actor,
            )
            for start in starts
        ]
    )
    return series


@transaction.atomic
def reschedule_meeting(*, meeting: Meeting, actor: User, fields: dict[str, Any]) -> Meeting:
    """Move or edit a planned meeting; calendars replace it thanks to a new SEQUENCE."""
    _require_open(meeting.mentorship)
    if meeting.status != MeetingStatus.PLANNED:
        raise MentorshipError(_("Only a planned meeting can be changed."))
    for name in (
        "starts_at",
        "time_zone",
        "duration_minutes",
        "location",
        "video_url",
        "agenda",
        "is_closing",
    ):
        if name in fields:
            setattr(meeting, name, fields[name])
    meeting.sequence += 1
    meeting.save()
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, actor: User) -> Meeting:
    """Cancel a planned meeting (it stays listed, marked cancelled)."""
    if meeting.status != MeetingStatus.PLANNED:
        raise MentorshipError(_("Only a planned meeting can be cancelled."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    return meeting


@transaction.atomic
def record_meeting_outcome(*, meeting: Meeting, actor: User, status: str) -> Meeting:
    """Mark a past meeting held or missed."""
    if status not in {MeetingStatus.HELD, MeetingStatus.MISSED}:
        raise MentorshipError(_("A meeting is either held or missed."))
    if meeting.starts_at > timezone.now():
        raise MentorshipError(_("You can record the outcome once the meeting has started."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise MentorshipError(_("This meeting was cancelled."))
    meeting.status = status
    meeting.save(update_fields=["status", "updated_at"])
    _refresh_stage(meeting.mentorship)
    return meeting


# Notes and journal -------------------------------------------------------------------------


@transaction.atomic
def add_meeting_note(*, meeting: Meeting, author: Membership, body: str) -> MeetingNote:
    """Share a note about a meeting with the other members."""
    return MeetingNote.objects.create(meeting=meeting, author=author, body=body)


@transaction.atomic
def delete_meeting_note(*, note: MeetingNote) -> None:
    """Remove a shared note (its author only, checked by the policy)."""
    note.delete()


@transaction.atomic
def save_private_note(
    *,
    mentorship: Mentorship,
    author: Membership,
    body: str,
    meeting: Meeting | None = None,
    note: PrivateNote | None = None,
) -> PrivateNote:
    """Write or edit a note only its author will ever read."""
    if note is None:
        return PrivateNote.objects.create(
            mentorship=mentorship, author=author, body=body, meeting=meeting
        )
    note.body = body
    note.save(update_fields=["body", "updated_at"])
    return note


@transaction.atomic
def delete_private_note(*, note: PrivateNote) -> None:
    """Remove a private note."""
    note.delete()


@transaction.atomic
def save_journal_entry(
    *,
    mentorship: Mentorship,
    author: Membership,
    fields: dict[str, Any],
    entry: JournalEntry | None = None,
) -> JournalEntry:
    """Write or edit a journal entry; only its shared excerpt, if any, reaches the partner."""
    if entry is None:
        entry = JournalEntry(mentorship=mentorship, author=author)
    for name in ("title", "body", "shared_excerpt"):
        if name in fields:
            setattr(entry, name, fields[name])
    entry.save()
    return entry


# Concerns, exit and closure ----------------------------------------------------------------


@transaction.atomic
def raise_concern(*, mentorship: Mentorship, raised_by: Membership, body: str) -> Concern:
    """Tell the programme's coordinators (and only them) that something is wrong."""
    return Concern.objects.create(mentorship=mentorship, raised_by=raised_by, body=body)


@transaction.atomic
def resolve_concern(*, concern: Concern, actor: User, resolution: str) -> Concern:
    """Record what the coordinator did about a concern."""
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


def _has_both_sides(participants: list[Participant]) -> bool:
    roles = [p.role for p in participants]
    if ParticipantRole.PEER in roles:
        return len(roles) >= 2
    return ParticipantRole.MENTOR in roles and ParticipantRole.MENTEE in roles


@transaction.atomic
def leave_mentorship(*, participant: Participant, reason: str, comment: str = "") -> Participant:
    """No-fault exit. When one side is left alone the relationship ends and its future
    meetings are cancelled; the coordinator sees the reason, the partner does not."""
    mentorship = Mentorship.objects.select_for_update().get(pk=participant.mentorship_id)
    _require_open(mentorship)
    participant.left_at = timezone.now()
    participant.exit_reason = reason
    participant.exit_comment = comment
    participant.save(update_fields=["left_at", "exit_reason", "exit_comment"])
    remaining = list(mentorship.participants.active())
    if not _has_both_sides(remaining):
        mentorship.stage = Stage.CLOSED
        mentorship.end_reason = EndReason.EXIT
        mentorship.closed_at = timezone.now()
        mentorship.save(update_fields=["stage", "end_reason", "closed_at"])
        _cancel_upcoming(mentorship)
        return participant
    # The one who left may have been the last signature or the last agreement to close
    # that the others were waiting for: the group moves on without them.
    if mentorship.stage == Stage.ESTABLISH and agreement_is_signed(mentorship.agreement):
        mentorship.stage = Stage.TRUST
        mentorship.save(update_fields=["stage"])
        _refresh_stage(mentorship)
    if mentorship.stage not in {Stage.CLOSURE, Stage.CLOSED} and all(
        p.closure_agreed_at for p in remaining
    ):
        mentorship.stage = Stage.CLOSURE
        mentorship.closure_opened_at = timezone.now()
        mentorship.save(update_fields=["stage", "closure_opened_at"])
    return participant


def _cancel_upcoming(mentorship: Mentorship) -> None:
    """Cancel the planned meetings still to come; calendars see the change (new SEQUENCE)."""
    mentorship.meetings.upcoming().update(
        status=MeetingStatus.CANCELLED, sequence=F("sequence") + 1, updated_at=timezone.now()
    )


def closure_can_open(mentorship: Mentorship) -> bool:
    """Closure opens when the programme ends, or when every member agreed to close."""
    if mentorship.programme.status in {ProgrammeStatus.CLOSING, ProgrammeStatus.CLOSED}:
        return True
    return not mentorship.participants.active().filter(closure_agreed_at__isnull=True).exists()


@transaction.atomic
def propose_closure(*, participant: Participant) -> Mentorship:
    """Agree to close; the closure checklist opens once everyone agreed (or the programme ends)."""
    mentorship = Mentorship.objects.select_for_update().get(pk=participant.mentorship_id)
    if mentorship.stage in {Stage.CLOSURE, Stage.CLOSED}:
        return mentorship
    if participant.closure_agreed_at is None:
        participant.closure_agreed_at = timezone.now()
        participant.save(update_fields=["closure_agreed_at"])
    if closure_can_open(mentorship):
        mentorship.stage = Stage.CLOSURE
        mentorship.closure_opened_at = timezone.now()
        mentorship.save(update_fields=["stage", "closure_opened_at"])
    return mentorship


def draft_closure_summary(mentorship: Mentorship) -> str:
    """A first summary of achievements compiled from goals and meetings, for members to edit."""
    goals = list(mentorship.goals.all())
    achieved = [g for g in goals if g.status == GoalStatus.ACHIEVED]
    held = mentorship.meetings.filter(status=MeetingStatus.HELD).count()
    lines = [
        _("Meetings held: %(count)s") % {"count": held},
        _("Goals achieved: %(achieved)s of %(total)s")
        % {"achieved": len(achieved), "total": len(goals)},
    ]
    lines += [f"✓ {goal.title}" for goal in achieved]
    in_progress = [g for g in goals if g.status in {GoalStatus.ON_TRACK, GoalStatus.OFF_TRACK}]
    lines += [f"… {goal.title} ({goal.progress} %)" for goal in in_progress]
    skills = _skills_worked_on(mentorship)
    lines += ["", _("Skills gained:"), *([f"- {name}" for name in skills] or ["- "])]
    return "\n".join(lines)


def _skills_worked_on(mentorship: Mentorship) -> list[str]:
    """Skills a goal owner (mentee, or any peer) seeks on their profile that another member
    offers: what the relationship worked on, as a first list for the members to edit."""
    participants = list(mentorship.participants.active())
    learners = {p.membership_id for p in participants if p.role != ParticipantRole.MENTOR}
    links = ProfileSkill.objects.filter(
        profile__membership_id__in=[p.membership_id for p in participants]
    ).values_list("profile__membership_id", "skill_id", "skill__name", "direction")
    sought: dict[int, set[int]] = {}
    offered: dict[int, set[int]] = {}
    names: dict[int, str] = {}
    for membership_id, skill_id, name, direction in links:
        side = sought if direction == SkillDirection.SOUGHT else offered
        side.setdefault(membership_id, set()).add(skill_id)
        names[skill_id] = name
    worked_on = {
        skill_id
        for learner in learners
        for skill_id in sought.get(learner, set())
        if any(skill_id in skills for other, skills in offered.items() if other != learner)
    }
    return sorted((names[skill_id] for skill_id in worked_on), key=str.casefold)


@transaction.atomic
def save_closure_summary(*, mentorship: Mentorship, summary: str) -> Mentorship:
    """Edit the summary of achievements."""
    mentorship.closure_summary = summary
    mentorship.save(update_fields=["closure_summary"])
    return mentorship


@transaction.atomic
def save_recognition(
    *, participant: Participant, recognition: str, alumni_opt_in: bool
) -> Participant:
    """Record a member's message of recognition and alumni choice."""
    participant.recognition = recognition
    participant.alumni_opt_in = alumni_opt_in
    participant.save(update_fields=["recognition", "alumni_opt_in"])
    return participant


def closure_checklist(mentorship: Mentorship) -> dict[str, bool]:
    """What is done of the closure: closing meeting held, summary, recognition from each side."""
    participants = list(mentorship.participants.active())
    return {
        "closing_meeting": mentorship.meetings.filter(
            is_closing=True, status=MeetingStatus.HELD
        ).exists(),
        "summary": bool(mentorship.closure_summary.strip()),
        "recognition": bool(participants) and all(p.recognition.strip() for p in participants),
    }


@transaction.atomic
def close_mentorship(*, mentorship: Mentorship, actor: User) -> Mentorship:
    """Close a relationship in closure once its closing meeting is held and summary written."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if mentorship.stage != Stage.CLOSURE:
        raise MentorshipError(_("Open the closure first."))
    checklist = closure_checklist(mentorship)
    if not (checklist["closing_meeting"] and checklist["summary"]):
        raise MentorshipError(_("Hold the closing meeting and write the summary before closing."))
    mentorship.stage = Stage.CLOSED
    mentorship.end_reason = EndReason.COMPLETED
    mentorship.closed_at = timezone.now()
    mentorship.save(update_fields=["stage", "end_reason", "closed_at"])
    _cancel_upcoming(mentorship)
    return mentorship


# Calendar feed -----------------------------------------------------------------------------


@transaction.atomic
def ensure_calendar_feed(*, membership: Membership) -> CalendarFeed:
    """The member's private calendar address, created on first use."""
    feed, _created = CalendarFeed.objects.get_or_create(membership=membership)
    return feed


@transaction.atomic
def reset_calendar_feed(*, membership: Membership) -> CalendarFeed:
    """Revoke the current calendar address and issue a new one."""
    CalendarFeed.objects.filter(membership=membership).delete()
    return CalendarFeed.objects.create(membership=membership)


def peer_kind(programme: Programme) -> bool:
    return programme.kind == Kind.PEER


def mentorships_with_member(membership: Membership):  # -> MentorshipQuerySet
    return Mentorship.objects.filter(
        Q(participants__membership=membership) & Q(participants__left_at__isnull=True)
    ).distinct()
