"""Reads the relationship pages and services need, each with a bounded number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import Membership, MembershipQuerySet, Organisation, still_here
from mentora.mentorships.models import (
    ActionItem,
    Agreement,
    AgreementRevision,
    AgreementSignature,
    AgreementTemplate,
    Concern,
    ConcernStatus,
    EndReason,
    Goal,
    GoalStatus,
    GoalUpdate,
    JournalEntry,
    JournalEntryQuerySet,
    Meeting,
    MeetingNote,
    MeetingSeries,
    MeetingStatus,
    Mentorship,
    MentorshipQuerySet,
    Participant,
    ParticipantQuerySet,
    PrivateNote,
    PrivateNoteQuerySet,
    Stage,
    held_meetings,
    planned_meetings,
)
from mentora.profiles.models import Profile, ProfileSkill, SkillDirection
from mentora.programs.models import Kind, ParticipantRole, Programme
from mentora.programs.models import Status as ProgrammeStatus

# Relationships -----------------------------------------------------------------------------


def eligible_members(programme: Programme) -> MembershipQuerySet:
    """Active members who may take part: the programme's organisation and its partners."""
    organisations = [
        programme.organisation_id,
        *programme.partner_organisations.values_list("pk", flat=True),
    ]
    return Membership.objects.active().filter(organisation_id__in=organisations)


def active_participants(mentorship: Mentorship) -> ParticipantQuerySet:
    """The members still in the relationship, with their names."""
    return mentorship.participants.active().select_related("membership__user")


def all_participants(mentorship: Mentorship) -> ParticipantQuerySet:
    """Everyone who took part in the relationship, those who left included, with their names."""
    return mentorship.participants.select_related("membership__user")


def my_mentorships(membership: Membership) -> list[dict[str, Any]]:
    """The member's relationships, open ones first, each with its next meeting."""
    now = timezone.now()
    mentorships = (
        Mentorship.objects.of_member(membership)
        .select_related("programme")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.active().select_related("membership__user"),
            ),
            Prefetch(
                "meetings",
                queryset=Meeting.objects.filter(status=MeetingStatus.PLANNED, starts_at__gte=now),
                to_attr="planned",
            ),
        )
        .order_by("stage", "-created_at")
    )
    rows: list[dict[str, Any]] = []
    for mentorship in mentorships:
        others = [p for p in mentorship.participants.all() if p.membership_id != membership.pk]
        rows.append(
            {
                "mentorship": mentorship,
                "others": others,
                "next_meeting": mentorship.planned[0] if mentorship.planned else None,
            }
        )
    rows.sort(key=lambda row: row["mentorship"].stage == Stage.CLOSED)
    return rows


def alumni(organisation: Organisation) -> ParticipantQuerySet:
    """Alumni of the organisation's programmes who chose to stay connected."""
    return (
        Participant.objects.filter(
            alumni_opt_in=True,
            left_at__isnull=True,
            mentorship__stage=Stage.CLOSED,
            mentorship__end_reason=EndReason.COMPLETED,
            membership__organisation=organisation,
        )
        .filter(still_here("membership__"))
        .select_related("membership__user", "membership__department", "mentorship__programme")
        .order_by("membership__user__last_name", "membership__user__first_name")
    )


def programme_overview(programme: Programme) -> list[dict[str, Any]]:
    """Every relationship of a programme as metadata: stage, meetings held and planned, last
    meeting held, goals by status and open concerns — never any content."""
    goal_annotations = {
        f"goals_{status}": Count("goals", filter=Q(goals__status=status), distinct=True)
        for status in GoalStatus.values
    }
    mentorships = (
        Mentorship.objects.filter(programme=programme)
        .annotate(
            meetings_held=Count("meetings", filter=held_meetings("meetings__"), distinct=True),
            meetings_planned=Count(
                "meetings", filter=planned_meetings("meetings__"), distinct=True
            ),
            last_meeting=Max("meetings__starts_at", filter=held_meetings("meetings__")),
            open_concerns=Count(
                "concerns", filter=Q(concerns__status=ConcernStatus.OPEN), distinct=True
            ),
            **goal_annotations,
        )
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("membership__user"),
            )
        )
        .order_by("stage", "pk")
    )
    return [
        {
            "mentorship": mentorship,
            "participants": list(mentorship.participants.all()),
            "held": mentorship.meetings_held,
            "planned": mentorship.meetings_planned,
            "goals": {
                status: getattr(mentorship, f"goals_{status}") for status in GoalStatus.values
            },
        }
        for mentorship in mentorships
    ]


# Concerns ----------------------------------------------------------------------------------


def open_concern_count(programme: Programme) -> int:
    """How many concerns about the programme's relationships still wait for a coordinator."""
    return Concern.objects.filter(
        mentorship__programme=programme, status=ConcernStatus.OPEN
    ).count()


def programme_concerns(programme: Programme) -> QuerySet[Concern]:
    """The concerns raised in the programme's relationships, open ones first, latest first."""
    return (
        Concern.objects.filter(mentorship__programme=programme)
        .select_related("raised_by__user", "mentorship")
        .order_by("status", "-created_at")
    )


def concerns_raised_by(mentorship: Mentorship, membership: Membership) -> QuerySet[Concern]:
    """The concerns this member raised about the relationship (never anyone else's)."""
    return Concern.objects.filter(mentorship=mentorship, raised_by=membership)


# Agreement ---------------------------------------------------------------------------------


def agreement_signers(agreement: Agreement) -> set[int]:
    """Participants who signed the current version."""
    return set(
        agreement.signatures.filter(version=agreement.version).values_list(
            "participant_id", flat=True
        )
    )


def agreement_is_signed(agreement: Agreement) -> bool:
    """Every member still in the relationship signed the current version."""
    active = set(agreement.mentorship.participants.active().values_list("pk", flat=True))
    return bool(active) and active <= agreement_signers(agreement)


def agreement_revisions(agreement: Agreement) -> QuerySet[AgreementRevision]:
    """The agreement's history, latest version first, with who edited each."""
    return agreement.revisions.select_related("edited_by")


def agreement_signatures(agreement: Agreement) -> QuerySet[AgreementSignature]:
    """Every signature of every version, with the signer's name."""
    return agreement.signatures.select_related("participant__membership__user")


def agreement_template(programme: Programme) -> AgreementTemplate | None:
    """The programme's own agreement draft, if a coordinator wrote one."""
    return AgreementTemplate.objects.filter(programme=programme).first()


# Goals -------------------------------------------------------------------------------------


def goal_owners(mentorship: Mentorship) -> ParticipantQuerySet:
    """Mentees own goals; in peer relationships (or groups of peers) each member does."""
    participants = active_participants(mentorship)
    if (
        mentorship.programme.kind == Kind.PEER
        or not participants.filter(role=ParticipantRole.MENTEE).exists()
    ):
        return participants
    return participants.filter(role=ParticipantRole.MENTEE)


def owns_goals(owners: ParticipantQuerySet, participant: Participant) -> bool:
    """Whether the member is among the goal owners `goal_owners` gave."""
    return owners.filter(pk=participant.pk).exists()


def goal_counts(mentorship: Mentorship) -> dict[str, int]:
    """How many of the relationship's goals are in each status."""
    rows = mentorship.goals.values("status").annotate(n=Count("pk"))
    counts = {status: 0 for status in GoalStatus.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def goals_with_actions(mentorship: Mentorship) -> QuerySet[Goal]:
    """The relationship's goals with their owners and action plans, open ones first."""
    return (
        Goal.objects.filter(mentorship=mentorship)
        .select_related("owner__user")
        .prefetch_related("actions")
        .order_by("status", "due_on", "pk")
    )


def goal_history(goal: Goal) -> QuerySet[GoalUpdate]:
    """Every change of the goal's status and progress, latest first, with who made it."""
    return goal.updates.select_related("changed_by")


def goal_actions(goal: Goal) -> QuerySet[ActionItem]:
    """The goal's action plan, with each task's owner."""
    return goal.actions.select_related("owner__user")


# Meetings and calendars --------------------------------------------------------------------


def default_time_zone(membership: Membership) -> str:
    """The time zone a new meeting starts from: the member's own, else the site's."""
    zone = Profile.objects.filter(membership=membership).values_list("time_zone", flat=True).first()
    return zone or settings.TIME_ZONE


def next_meeting(mentorship: Mentorship) -> Meeting | None:
    """The next planned meeting, if any."""
    return mentorship.meetings.upcoming().first()


@dataclass(frozen=True)
class Figures:
    """A relationship's figures, counted as MEASURE.md says, the same on every page."""

    held: int  # meetings marked held
    planned: int  # meetings scheduled and not cancelled, held or not
    achieved: list[Goal]  # goals achieved, in the goals' order
    goals: int  # goals not dropped: what achieved goals are counted against
    in_progress: list[Goal]  # goals on or off track


def relationship_figures(mentorship: Mentorship, since: datetime | None = None) -> Figures:
    """Meetings held and planned and goals achieved; meetings from `since` on if given."""
    meetings = mentorship.meetings.all()
    if since is not None:
        meetings = meetings.filter(starts_at__gte=since)
    counts = meetings.aggregate(
        held=Count("pk", filter=held_meetings()), planned=Count("pk", filter=planned_meetings())
    )
    goals = list(mentorship.goals.all())
    return Figures(
        held=counts["held"],
        planned=counts["planned"],
        achieved=[g for g in goals if g.status == GoalStatus.ACHIEVED],
        # Goal attainment counts achieved goals against the goals not dropped (MEASURE.md).
        goals=sum(1 for g in goals if g.status != GoalStatus.DROPPED),
        in_progress=[g for g in goals if g.status in {GoalStatus.ON_TRACK, GoalStatus.OFF_TRACK}],
    )


def meeting_timeline(mentorship: Mentorship) -> tuple[list[Meeting], list[Meeting]]:
    """The relationship's meetings to come, soonest first, and past ones, latest first."""
    meetings = list(mentorship.meetings.all())
    now = timezone.now()
    upcoming = [m for m in meetings if m.starts_at >= now]
    past = list(reversed([m for m in meetings if m.starts_at < now]))
    return upcoming, past


def meeting_series(mentorship: Mentorship) -> QuerySet[MeetingSeries]:
    """The relationship's repeating meetings."""
    return mentorship.series.all()


def series_size(series: MeetingSeries) -> int:
    """How many meetings the series planned."""
    return series.meetings.count()


def shared_notes(meeting: Meeting) -> QuerySet[MeetingNote]:
    """The notes on a meeting shared with every member, with their authors."""
    return meeting.shared_notes.select_related("author__user")


def feed_mentorships(membership: Membership) -> MentorshipQuerySet:
    """The member's relationships with all a calendar feed shows, in a fixed number of queries."""
    return Mentorship.objects.of_member(membership).prefetch_related(
        "meetings",
        "series",
        Prefetch(
            "participants",
            queryset=Participant.objects.select_related("membership__user"),
        ),
        "programme",
    )


# Private notes and journal: always through their author ------------------------------------


def own_private_notes(author: Membership, mentorship: Mentorship) -> PrivateNoteQuerySet:
    """The author's own private notes in the relationship, with the meeting each is about."""
    return PrivateNote.objects.by(author).filter(mentorship=mentorship).select_related("meeting")


def own_meeting_private_notes(author: Membership, meeting: Meeting) -> PrivateNoteQuerySet:
    """The author's own private notes about one meeting."""
    return PrivateNote.objects.by(author).filter(meeting=meeting)


def own_journal_entries(author: Membership, mentorship: Mentorship) -> JournalEntryQuerySet:
    """The author's own journal entries in the relationship."""
    return JournalEntry.objects.by(author).filter(mentorship=mentorship)


def shared_excerpts(mentorship: Mentorship, reader: Membership) -> JournalEntryQuerySet:
    """Other members' journal entries: only the excerpt they chose to share, never the entry."""
    return (
        JournalEntry.objects.filter(mentorship=mentorship)
        .shared()
        .exclude(author=reader)
        .select_related("author__user")
        .only(
            "shared_excerpt",
            "created_at",
            "author__user__first_name",
            "author__user__last_name",
            "author__user__email",
        )
    )


# Closure -----------------------------------------------------------------------------------


def closure_can_open(mentorship: Mentorship) -> bool:
    """Closure opens when the programme ends, or when every member agreed to close."""
    if mentorship.programme.status in {ProgrammeStatus.CLOSING, ProgrammeStatus.CLOSED}:
        return True
    return not mentorship.participants.active().filter(closure_agreed_at__isnull=True).exists()


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


def closing_meeting(mentorship: Mentorship) -> Meeting | None:
    """The meeting planned or held to close the relationship, if any."""
    return (
        mentorship.meetings.filter(is_closing=True).exclude(status=MeetingStatus.CANCELLED).first()
    )


def draft_closure_summary(mentorship: Mentorship) -> str:
    """A first summary of achievements compiled from goals and meetings, for members to edit."""
    figures = relationship_figures(mentorship)
    lines = [
        _("Meetings held: %(held)s (planned: %(planned)s)")
        % {"held": figures.held, "planned": figures.planned},
        _("Goals achieved: %(achieved)s of %(total)s")
        % {"achieved": len(figures.achieved), "total": figures.goals},
    ]
    lines += [f"✓ {goal.title}" for goal in figures.achieved]
    lines += [f"… {goal.title} ({goal.progress} %)" for goal in figures.in_progress]
    skills = skills_worked_on(mentorship)
    lines += ["", _("Skills gained:"), *([f"- {name}" for name in skills] or ["- "])]
    return "\n".join(lines)


def skills_worked_on(mentorship: Mentorship) -> list[str]:
    """Skills a goal owner (mentee, or any peer) seeks on their profile that another member
    offers: what the relationship worked on, as a first list for the members to edit.

    Skills match by name, case aside: in an inter-company relationship each organisation
    has its own taxonomy, so the same skill is a different row on each side."""
    participants = list(mentorship.participants.active())
    learners = {p.membership_id for p in participants if p.role != ParticipantRole.MENTOR}
    links = ProfileSkill.objects.filter(
        profile__membership_id__in=[p.membership_id for p in participants]
    ).select_related("profile", "skill")
    sought: dict[int, dict[str, str]] = {}
    offered: dict[int, set[str]] = {}
    for link in links:
        membership_id, direction = link.profile.membership_id, link.direction
        key = link.skill.name.strip().casefold()
        if direction == SkillDirection.SOUGHT:
            # Matched on the canonical name, listed in the reader's language.
            sought.setdefault(membership_id, {})[key] = link.skill.display_name.strip()
        else:
            offered.setdefault(membership_id, set()).add(key)
    worked_on: dict[str, str] = {}
    for learner in sorted(learners):
        for key, name in sought.get(learner, {}).items():
            if any(key in skills for other, skills in offered.items() if other != learner):
                worked_on.setdefault(key, name)
    return sorted(worked_on.values(), key=str.casefold)
