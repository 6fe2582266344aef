"""Reads the relationship pages need, each with a bounded number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import Membership
from mentora.mentorships import recurrence
from mentora.mentorships.content import cadence_days
from mentora.mentorships.models import (
    AgreementSignature,
    ConcernStatus,
    Goal,
    GoalStatus,
    GoalUpdate,
    Meeting,
    MeetingNote,
    MeetingStatus,
    Mentorship,
    Participant,
    Stage,
)
from mentora.mentorships.services import agreement_signers, closure_checklist
from mentora.programs.models import Programme
from mentora.programs.models import Status as ProgrammeStatus


@dataclass
class Step:
    label: str
    url: str


def active_participants(mentorship: Mentorship):  # -> ParticipantQuerySet
    return mentorship.participants.active().select_related("membership__user")


def next_steps(mentorship: Mentorship, participant: Participant) -> list[Step]:
    """What this member should do next, most pressing first."""
    pk = mentorship.pk
    if mentorship.stage == Stage.CLOSED:
        return []
    steps: list[Step] = []
    agreement = mentorship.agreement
    signers = agreement_signers(agreement)
    if participant.pk not in signers:
        label = (
            _("Sign the new version of your agreement")
            if agreement.version > 1
            else _("Sign your mentoring agreement")
        )
        steps.append(Step(label, reverse("mentorships:agreement", args=[pk])))
    for meeting in mentorship.meetings.awaiting_outcome().order_by("starts_at")[:3]:
        steps.append(
            Step(
                _("Record the outcome of the meeting of %(date)s")
                % {"date": _short_date(meeting.local_start)},
                meeting.get_absolute_url(),
            )
        )
    if mentorship.stage == Stage.CLOSURE:
        steps.append(
            Step(_("Complete the closure checklist"), reverse("mentorships:closure", args=[pk]))
        )
        return steps
    if mentorship.programme.status in {ProgrammeStatus.CLOSING, ProgrammeStatus.CLOSED}:
        steps.append(
            Step(
                _("The programme is ending: open the closure of your relationship"),
                reverse("mentorships:closure", args=[pk]),
            )
        )
        return steps
    if not mentorship.meetings.exclude(status=MeetingStatus.CANCELLED).exists():
        steps.append(
            Step(_("Schedule your first meeting"), reverse("mentorships:meeting_create", args=[pk]))
        )
    elif not mentorship.meetings.upcoming().exists():
        steps.append(
            Step(_("Schedule your next meeting"), reverse("mentorships:meeting_create", args=[pk]))
        )
    if not mentorship.goals.exists():
        steps.append(
            Step(_("Set your first SMART goal"), reverse("mentorships:goal_create", args=[pk]))
        )
    return steps


def _short_date(moment: datetime) -> str:
    from django.utils.formats import date_format

    return date_format(moment, "SHORT_DATE_FORMAT")


def goal_counts(mentorship: Mentorship) -> dict[str, int]:
    rows = mentorship.goals.values("status").annotate(n=Count("pk"))
    counts = {status: 0 for status in GoalStatus.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def recent_activity(mentorship: Mentorship, limit: int = 8) -> list[dict[str, Any]]:
    """What happened lately, visible to every member (no private content)."""
    events: list[dict[str, Any]] = []
    for update in (
        GoalUpdate.objects.filter(goal__mentorship=mentorship)
        .select_related("goal", "changed_by")
        .order_by("-changed_at")[:limit]
    ):
        events.append(
            {
                "when": update.changed_at,
                "who": update.changed_by,
                "text": _("%(goal)s: %(status)s, %(progress)s %%")
                % {
                    "goal": update.goal.title,
                    "status": update.get_status_display().lower(),
                    "progress": update.progress,
                },
            }
        )
    for meeting in mentorship.meetings.filter(
        status__in=[MeetingStatus.HELD, MeetingStatus.MISSED, MeetingStatus.CANCELLED]
    ).order_by("-starts_at")[:limit]:
        events.append(
            {
                "when": meeting.starts_at,
                "who": None,
                "text": _("Meeting of %(date)s: %(status)s")
                % {
                    "date": _short_date(meeting.local_start),
                    "status": meeting.get_status_display().lower(),
                },
            }
        )
    for note in (
        MeetingNote.objects.filter(meeting__mentorship=mentorship)
        .select_related("author__user", "meeting")
        .order_by("-created_at")[:limit]
    ):
        events.append(
            {
                "when": note.created_at,
                "who": note.author.user,
                "text": _("Shared a note on the meeting of %(date)s")
                % {"date": _short_date(note.meeting.local_start)},
            }
        )
    for signature in (
        AgreementSignature.objects.filter(agreement__mentorship=mentorship)
        .select_related("participant__membership__user")
        .order_by("-signed_at")[:limit]
    ):
        events.append(
            {
                "when": signature.signed_at,
                "who": signature.participant.membership.user,
                "text": _("Signed version %(version)s of the agreement")
                % {"version": signature.version},
            }
        )
    events.sort(key=lambda event: event["when"], reverse=True)
    return events[:limit]


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


def programme_overview(programme: Programme, today: date | None = None) -> list[dict[str, Any]]:
    """Every relationship of a programme as metadata: stage, meetings held vs planned by the
    cadence, last meeting, goals by status and open concerns — never any content."""
    today = today or timezone.localdate()
    goal_annotations = {
        f"goals_{status}": Count("goals", filter=Q(goals__status=status), distinct=True)
        for status in GoalStatus.values
    }
    mentorships = (
        Mentorship.objects.filter(programme=programme)
        .annotate(
            held=Count("meetings", filter=Q(meetings__status=MeetingStatus.HELD), distinct=True),
            last_meeting=Max("meetings__starts_at", filter=Q(meetings__status=MeetingStatus.HELD)),
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
    start = programme.starts_on
    days = cadence_days(programme)
    rows: list[dict[str, Any]] = []
    for mentorship in mentorships:
        begin = max(filter(None, [start, timezone.localdate(mentorship.created_at)]))
        end = min(filter(None, [today, programme.ends_on]))
        if mentorship.closed_at:
            end = min(end, timezone.localdate(mentorship.closed_at))
        rows.append(
            {
                "mentorship": mentorship,
                "participants": list(mentorship.participants.all()),
                "planned": recurrence.expected_meetings(begin, end, days),
                "goals": {
                    status: getattr(mentorship, f"goals_{status}") for status in GoalStatus.values
                },
            }
        )
    return rows


def closure_state(mentorship: Mentorship) -> dict[str, Any]:
    return {"checklist": closure_checklist(mentorship)}


def goals_with_actions(mentorship: Mentorship):  # -> QuerySet[Goal]
    return (
        Goal.objects.filter(mentorship=mentorship)
        .select_related("owner__user")
        .prefetch_related("actions")
        .order_by("status", "due_on", "pk")
    )
