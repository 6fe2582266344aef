"""Who may see and do what in a mentoring relationship (DESIGN.md, Confidentiality).

- Members of a relationship see and work in it together (agreement, goals, meetings,
  shared notes, journal excerpts).
- A private note or journal entry is readable by its author alone: the fetchers below
  answer 404 to everybody else, whatever their role.
- The programme's coordinators and the org admins see relationships as metadata (stage,
  meeting dates and statuses, goal statuses, concerns) — never notes, journal or agreement text.
- A concern is read by the programme's coordinators and the org admins only.
- A calendar feed is read by whoever holds its secret token, while its member is still here.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from mentora.accounts.models import Membership, still_here
from mentora.mentorships.models import (
    ActionItem,
    CalendarFeed,
    Concern,
    Goal,
    JournalEntry,
    Meeting,
    MeetingNote,
    MeetingSeries,
    Mentorship,
    Participant,
    PrivateNote,
    Stage,
)
from mentora.programs.models import Programme
from mentora.programs.policy import get_programme, is_programme_coordinator


def participant_of(actor: Membership, mentorship: Mentorship) -> Participant | None:
    """The actor's active place in the relationship, if any."""
    return (
        Participant.objects.active()
        .filter(mentorship=mentorship, membership=actor)
        .select_related("membership__user")
        .first()
    )


def can_oversee_programme(actor: Membership, programme: Programme) -> bool:
    """Coordinators of the programme and org admins of its organisation."""
    return is_programme_coordinator(actor, programme)


def can_work_in(actor: Membership, mentorship: Mentorship) -> bool:
    return participant_of(actor, mentorship) is not None


def can_change(mentorship: Mentorship) -> bool:
    """Closed relationships are read-only."""
    return mentorship.stage != Stage.CLOSED


def _visible_mentorship(actor: Membership, pk: int) -> Mentorship:
    """A relationship of a programme the actor's organisation runs or partners in, else 404."""
    mentorship = (
        Mentorship.objects.filter(pk=pk, programme__in=Programme.objects.of(actor.organisation))
        .select_related("programme__organisation")
        .first()
    )
    if mentorship is None:
        raise Http404
    return mentorship


def get_mentorship_for_member(actor: Membership, pk: int) -> tuple[Mentorship, Participant]:
    """The relationship and the actor's place in it; 403 for other people of the organisation."""
    mentorship = _visible_mentorship(actor, pk)
    participant = participant_of(actor, mentorship)
    if participant is None:
        raise PermissionDenied
    participant.mentorship = mentorship
    return mentorship, participant


def get_programme_to_oversee(actor: Membership, pk: int) -> Programme:
    programme = get_programme(actor, pk)
    if not can_oversee_programme(actor, programme):
        raise PermissionDenied
    return programme


def _child(queryset, pk: int):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def get_goal(mentorship: Mentorship, pk: int) -> Goal:
    return _child(Goal.objects.filter(mentorship=mentorship).select_related("owner__user"), pk)


def get_action(mentorship: Mentorship, pk: int) -> ActionItem:
    return _child(ActionItem.objects.filter(goal__mentorship=mentorship), pk)


def get_meeting(mentorship: Mentorship, pk: int) -> Meeting:
    return _child(Meeting.objects.filter(mentorship=mentorship), pk)


def get_series(mentorship: Mentorship, pk: int) -> MeetingSeries:
    return _child(MeetingSeries.objects.filter(mentorship=mentorship), pk)


def get_own_meeting_note(mentorship: Mentorship, actor: Membership, pk: int) -> MeetingNote:
    return _child(MeetingNote.objects.filter(meeting__mentorship=mentorship, author=actor), pk)


def get_private_note(mentorship: Mentorship, actor: Membership, pk: int) -> PrivateNote:
    """The author's own private note; to anyone else it does not exist."""
    return _child(PrivateNote.objects.by(actor).filter(mentorship=mentorship), pk)


def get_journal_entry(mentorship: Mentorship, actor: Membership, pk: int) -> JournalEntry:
    """The author's own journal entry; to anyone else it does not exist."""
    return _child(JournalEntry.objects.by(actor).filter(mentorship=mentorship), pk)


def get_concern_for_coordinator(actor: Membership, pk: int) -> Concern:
    concern = (
        Concern.objects.filter(
            pk=pk, mentorship__programme__in=Programme.objects.of(actor.organisation)
        )
        .select_related("mentorship__programme", "raised_by__user", "resolved_by")
        .first()
    )
    if concern is None:
        raise Http404
    if not can_oversee_programme(actor, concern.mentorship.programme):
        raise PermissionDenied
    return concern


def get_calendar_feed(token: str) -> CalendarFeed:
    """The feed whose secret token this is, while its member is still here and active; else 404."""
    feed = (
        CalendarFeed.objects.filter(still_here("membership__"), token=token)
        .select_related("membership__user")
        .first()
    )
    if feed is None or not feed.membership.user.is_active:
        raise Http404
    return feed
