"""What a relationship's home page shows: the member's next steps and the recent activity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mentora.mentorships.models import (
    AgreementSignature,
    GoalUpdate,
    MeetingNote,
    MeetingStatus,
    Mentorship,
    Participant,
    Stage,
)
from mentora.mentorships.selectors import agreement_signers
from mentora.programs.models import Status as ProgrammeStatus


@dataclass
class Step:
    label: str
    url: str


def next_steps(mentorship: Mentorship, participant: Participant) -> list[Step]:
    """What this member should do next, most pressing first."""
    pk = mentorship.pk
    if mentorship.stage == Stage.CLOSED:
        return []
    steps: list[Step] = []
    agreement = mentorship.agreement
    # In an informal programme the agreement is optional: nobody is asked to sign it.
    if mentorship.programme.agreement_required and participant.pk not in agreement_signers(
        agreement
    ):
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
    return date_format(moment, "SHORT_DATE_FORMAT")


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
