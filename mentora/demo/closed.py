"""Demo history of the closed programmes: a few pairs that ran from the start to the end.

Called by the demo builder before `seed_feedback`, so that their held meetings are rated and
their pulses sent by the same path as the running programmes'. No service refuses a closed
programme (they guard the relationship, not the programme), so the pairs are played through
the services on the programme as it is; what the services stamp with the current time is
then dated back to when it happened.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import translation

from mentora.accounts.models import Membership, Organisation, Role
from mentora.demo.common import PARIS, paris_at, writes_in
from mentora.demo.logins import demo_logins
from mentora.enrolment.models import Application, ApplicationEvent, ApplicationStatus
from mentora.mentorships.models import (
    Frequency,
    Goal,
    GoalStatus,
    GoalUpdate,
    Meeting,
    MeetingStatus,
    Mentorship,
    Participant,
)
from mentora.mentorships.selectors import draft_closure_summary
from mentora.mentorships.services.closure import (
    close_mentorship,
    propose_closure,
    save_closure_summary,
    save_recognition,
)
from mentora.mentorships.services.goals import create_goal, record_goal_progress
from mentora.mentorships.services.meetings import (
    cancel_meeting,
    record_meeting_outcome,
    schedule_meeting,
    schedule_series,
)
from mentora.mentorships.services.relationships import create_mentorship
from mentora.programs.models import Programme, Status

PAIRS_PER_CLOSED_PROGRAMME = 3
# Buddies meet every week for the first three months, then when they need to.
BUSY_WEEKS = 13
MISSED = 0.1
CANCELLED_LATER = 0.5

GOAL = {
    "fr": (
        "Trouver mes repères dans le Groupe",
        "Personnes clés identifiées et rencontrées",
        "Dix personnes rencontrées en trois mois",
    ),
    "en": (
        "Find my way around the group",
        "Key people identified and met",
        "Ten people met in three months",
    ),
}
RECOGNITION = {
    "fr": "Merci pour ces premiers mois : des échanges simples, francs et toujours utiles.",
    "en": "Thank you for these first months: simple, honest and always useful conversations.",
}
SKILLS_GAINED = {
    "fr": "Les usages du Groupe, un premier réseau, les bons interlocuteurs.",
    "en": "The group's ways of working, a first network, who to ask for what.",
}
CLOSING_AGENDA = {"fr": "Bilan de l'intégration", "en": "Looking back on the first months"}


@transaction.atomic
def seed_closed_programmes(organisation: Organisation, rng: random.Random) -> None:
    """Three buddy pairs in each closed programme, from its start to its end, then closed."""
    programmes = Programme.objects.filter(
        organisation=organisation, status=Status.CLOSED, starts_on__isnull=False
    ).exclude(ends_on=None)
    for programme in programmes.order_by("pk"):
        for newcomer, buddy in _pairs(organisation, programme, rng):
            mentorship = create_mentorship(programme=programme, mentors=[buddy], mentees=[newcomer])
            _apply(programme, buddy, newcomer)
            _live(mentorship, programme, newcomer, rng)


def _pairs(
    organisation: Organisation, programme: Programme, rng: random.Random
) -> list[tuple[Membership, Membership]]:
    """The newcomers hired nearest the programme's start, each with a longer-serving buddy,
    of the same site when there is one; nobody already in a relationship, no demo login."""
    assert programme.starts_on is not None
    start = programme.starts_on
    taken = set(
        Participant.objects.filter(mentorship__programme__organisation=organisation).values_list(
            "membership_id", flat=True
        )
    )
    people = [
        m
        for m in Membership.objects.active()
        .filter(organisation=organisation, role=Role.MEMBER, hired_on__isnull=False)
        .exclude(user__email__in=[login.email for login in demo_logins()])
        .select_related("user")
        .order_by("pk")
        if m.pk not in taken
    ]
    newcomers = sorted(
        (m for m in people if (m.seniority_level or 0) <= 2),
        key=lambda m: (abs((m.hired_on - start).days), m.pk),  # type: ignore[operator]
    )[:PAIRS_PER_CLOSED_PROGRAMME]
    seasoned = [
        m
        for m in people
        if 2 <= (m.seniority_level or 0) <= 4
        and m.hired_on <= start - timedelta(days=730)  # type: ignore[operator]
        and m not in newcomers
    ]
    pairs = []
    for newcomer in newcomers:
        near = [m for m in seasoned if m.site_id == newcomer.site_id] or seasoned
        buddy = rng.choice(near)
        seasoned.remove(buddy)
        pairs.append((newcomer, buddy))
    return pairs


def _apply(programme: Programme, buddy: Membership, newcomer: Membership) -> None:
    """Both applied before the start and were approved: the funnel holds who was matched."""
    assert programme.starts_on is not None
    applied, decided = (
        paris_at(programme.starts_on - timedelta(days=days), 10) for days in (20, 10)
    )
    coordinator = programme.coordinators.order_by("pk").first()
    for membership, role in ((buddy, "mentor"), (newcomer, "mentee")):
        application = Application.objects.create(
            programme=programme,
            membership=membership,
            role=role,
            status=ApplicationStatus.APPROVED,
            capacity=programme.default_mentor_capacity if role == "mentor" else None,
            decided_by=coordinator,
            decided_at=decided,
        )
        Application.objects.filter(pk=application.pk).update(
            submitted_at=applied, updated_at=decided
        )
        event = ApplicationEvent.objects.create(
            application=application, status=ApplicationStatus.APPROVED, actor=coordinator
        )
        ApplicationEvent.objects.filter(pk=event.pk).update(created_at=decided)


def _live(
    mentorship: Mentorship, programme: Programme, newcomer: Membership, rng: random.Random
) -> None:
    """Weekly meetings from the start, thinning out after three months, then the closure."""
    assert programme.starts_on is not None and programme.ends_on is not None
    start, end = programme.starts_on, programme.ends_on
    begun = paris_at(start, 9)
    Mentorship.objects.filter(pk=mentorship.pk).update(created_at=begun)
    Participant.objects.filter(mentorship=mentorship).update(joined_at=begun)
    language = writes_in(newcomer)
    title, measure, target = GOAL[language]
    # The goal was due at the programme's end, a date still ahead when it was set; the
    # service refuses a due date in the past, so the date is given once the goal exists.
    goal = create_goal(
        mentorship=mentorship,
        owner=newcomer,
        actor=newcomer.user,
        title=title,
        measure=measure,
        target=target,
    )
    set_at = begun + timedelta(days=7)
    Goal.objects.filter(pk=goal.pk).update(due_on=end, created_at=set_at)
    GoalUpdate.objects.filter(goal=goal).update(changed_at=set_at)

    series = schedule_series(
        mentorship=mentorship,
        first_starts_at=paris_at(start + timedelta(days=rng.randint(2, 5)), 12, 30),
        time_zone=PARIS,
        frequency=Frequency.WEEKLY,
        duration_minutes=programme.session_minutes,
        until=end - timedelta(days=7),
        actor=newcomer.user,
        location=rng.choice(["Cafétéria", "Salle Lumière", ""]),
    )
    for week, meeting in enumerate(series.meetings.order_by("starts_at")):
        if week >= BUSY_WEEKS and rng.random() < CANCELLED_LATER:
            cancel_meeting(meeting=meeting, actor=newcomer.user)
            continue
        status = MeetingStatus.MISSED if rng.random() < MISSED else MeetingStatus.HELD
        record_meeting_outcome(meeting=meeting, actor=newcomer.user, status=status)

    achieved = rng.random() < 0.75
    update = record_goal_progress(
        goal=goal,
        actor=newcomer.user,
        status=GoalStatus.ACHIEVED if achieved else GoalStatus.OFF_TRACK,
        progress=100 if achieved else 60,
    )
    GoalUpdate.objects.filter(pk=update.pk).update(
        changed_at=paris_at(end - timedelta(days=10), 18)
    )
    _close(mentorship, newcomer, language, rng)
    # Planned at the start, each outcome recorded right after the meeting.
    Meeting.objects.filter(mentorship=mentorship).update(
        created_at=begun, updated_at=F("starts_at") + timedelta(hours=1)
    )


def _close(mentorship: Mentorship, newcomer: Membership, language: str, rng: random.Random) -> None:
    """The closure, held and closed on the programme's last day."""
    programme = mentorship.programme
    assert programme.ends_on is not None
    end = programme.ends_on
    participants = list(mentorship.participants.select_related("membership__user"))
    for participant in participants:
        propose_closure(participant=participant)
    closing = schedule_meeting(
        mentorship=mentorship,
        starts_at=paris_at(end, 12, 30),
        time_zone=PARIS,
        duration_minutes=programme.session_minutes,
        actor=newcomer.user,
        agenda=CLOSING_AGENDA[language],
        is_closing=True,
    )
    record_meeting_outcome(meeting=closing, actor=newcomer.user, status=MeetingStatus.HELD)
    mentorship.refresh_from_db()
    with translation.override(language):
        summary = draft_closure_summary(mentorship).rstrip("- \n")
    save_closure_summary(mentorship=mentorship, summary=f"{summary}\n{SKILLS_GAINED[language]}")
    for participant in participants:
        save_recognition(
            participant=participant,
            recognition=RECOGNITION[writes_in(participant.membership)],
            alumni_opt_in=rng.random() < 0.6,
        )
    close_mentorship(mentorship=mentorship, actor=newcomer.user)
    Participant.objects.filter(mentorship=mentorship).update(closure_agreed_at=paris_at(end, 9))
    Mentorship.objects.filter(pk=mentorship.pk).update(
        closure_opened_at=paris_at(end, 9), closed_at=paris_at(end, 17)
    )
