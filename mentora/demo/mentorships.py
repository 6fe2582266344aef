# ruff: noqa: E501 — demo prose reads better unwrapped.
"""Demo relationships for the running and closing programmes of the demo organisation.

Called by `manage.py load_demo` through `seed_mentorships(organisation, rng)`. Everything
goes through the services, so the demo data obeys the same rules as real data. Texts are
written in the mentee's language (French unless they chose English).
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import Membership, Organisation, Role
from mentora.demo.common import PARIS, writes_in
from mentora.mentorships.models import (
    AgreementSignature,
    Frequency,
    Goal,
    GoalStatus,
    GoalUpdate,
    MeetingNote,
    MeetingStatus,
    Mentorship,
    Participant,
)
from mentora.mentorships.selectors import draft_closure_summary, eligible_members
from mentora.mentorships.services.agreement import sign_agreement
from mentora.mentorships.services.closure import (
    close_mentorship,
    propose_closure,
    save_closure_summary,
    save_recognition,
)
from mentora.mentorships.services.concerns import raise_concern
from mentora.mentorships.services.goals import (
    add_action_item,
    create_goal,
    record_goal_progress,
    set_action_done,
)
from mentora.mentorships.services.meetings import (
    cancel_meeting,
    record_meeting_outcome,
    schedule_meeting,
    schedule_series,
)
from mentora.mentorships.services.notes import (
    add_meeting_note,
    save_journal_entry,
    save_private_note,
)
from mentora.mentorships.services.relationships import create_mentorship
from mentora.programs.models import Cadence, Format, Kind, ParticipantRole, Programme
from mentora.programs.models import Status as ProgrammeStatus

PAIRS_PER_PROGRAMME = 8
GROUPS_PER_PROGRAMME = 3

GOALS = {
    "fr": [
        (
            "Préparer ma prochaine étape de carrière",
            "Un plan de développement validé avec mon manager",
            "Avant la fin du programme",
        ),
        (
            "Prendre la parole avec plus d'impact",
            "Présentations devant un comité de direction",
            "Deux présentations, avec retours",
        ),
        (
            "Élargir mon réseau dans le Groupe",
            "Personnes rencontrées dans d'autres directions",
            "Cinq rencontres en tête-à-tête",
        ),
        (
            "Mieux prioriser mon temps",
            "Part de mon agenda consacrée aux sujets de fond",
            "Une demi-journée protégée par semaine",
        ),
        (
            "Négocier avec assurance",
            "Négociations préparées et débriefées",
            "Une négociation réelle menée",
        ),
    ],
    "en": [
        (
            "Prepare my next career step",
            "A development plan agreed with my manager",
            "Before the programme ends",
        ),
        (
            "Speak with more impact",
            "Presentations given to a leadership audience",
            "Two presentations, with feedback",
        ),
        (
            "Widen my network across the group",
            "People met in other departments",
            "Five one-to-one conversations",
        ),
        (
            "Manage my time better",
            "Share of my week kept for deep work",
            "Half a day protected each week",
        ),
        (
            "Negotiate with confidence",
            "Negotiations prepared and debriefed",
            "One real negotiation led",
        ),
    ],
}

TASKS = {
    "fr": [
        "Lister trois situations récentes à analyser",
        "Demander un retour à mon manager",
        "Lire « Le pouvoir de l'écoute » (chap. 1–3)",
        "Bloquer un créneau dans l'agenda",
        "Préparer un support de dix minutes",
    ],
    "en": [
        "List three recent situations to look at",
        "Ask my manager for feedback",
        "Read the first three chapters of the book we discussed",
        "Block a slot in my calendar",
        "Prepare a ten-minute deck",
    ],
}

SHARED_NOTES = {
    "fr": [
        "Tour d'horizon des priorités du trimestre. Prochaine étape : formaliser l'objectif n°1 et identifier deux personnes à rencontrer.",
        "Jeu de rôle sur l'entretien difficile de jeudi. Points forts : la reformulation. À travailler : laisser plus de silences.",
        "Retour sur la présentation au comité : message clair, mais trop de diapositives. On vise cinq diapositives la prochaine fois.",
        "Échange sur la délégation : choisir une tâche récurrente à confier d'ici la prochaine rencontre.",
    ],
    "en": [
        "Reviewed the quarter's priorities. Next step: write goal 1 down properly and name two people to meet.",
        "Role-played Thursday's difficult conversation. Strong point: rephrasing. To work on: leave more silence.",
        "Debrief of the leadership presentation: clear message, too many slides. Aim for five next time.",
        "Talked about delegation: pick one recurring task to hand over before we next meet.",
    ],
}

PRIVATE_NOTES = {
    "fr": [
        "Je n'ai pas osé parler de mon envie de mobilité : à aborder la prochaine fois.",
        "Séance très utile, je me sens plus légère.",
    ],
    "en": [
        "I did not dare mention that I am thinking of moving teams: bring it up next time.",
        "Very useful session, I feel lighter.",
    ],
}

JOURNAL = {
    "fr": (
        "Ce que j'apprends sur moi",
        "Je réalise que j'attends d'être sûre à 100 % avant de prendre la parole. En réunion mardi, j'ai tenté d'intervenir plus tôt : personne n'a relevé d'imperfection, et mon idée a été reprise.",
        "Intervenir plus tôt en réunion fonctionne mieux que je ne le pensais.",
    ),
    "en": (
        "What I am learning about myself",
        "I notice I wait until I am completely sure before speaking up. On Tuesday I tried speaking earlier: nobody pointed out flaws, and my idea was picked up.",
        "Speaking up earlier in meetings works better than I expected.",
    ),
}

RECOGNITION = {
    "fr": "Merci pour ta disponibilité et ta franchise bienveillante : tu m'as aidée à oser.",
    "en": "Thank you for your time and your honest, kind feedback: you helped me dare.",
}

SUMMARY_SKILLS = {
    "fr": "Prise de parole en public, négociation, confiance en soi.",
    "en": "Public speaking, negotiation, self-confidence.",
}


def _candidates(programme: Programme, taken: set[int]) -> list[Membership]:
    people = eligible_members(programme).filter(role=Role.MEMBER).select_related("user")
    return [m for m in people.order_by("pk") if m.pk not in taken]


def _named(organisation: Organisation, local: str) -> Membership | None:
    return (
        Membership.objects.filter(organisation=organisation, user__email__startswith=f"{local}@")
        .select_related("user")
        .first()
    )


@transaction.atomic
def seed_mentorships(organisation: Organisation, rng: random.Random) -> None:
    """Relationships, at realistic stages, in the organisation's running and closing programmes."""
    programmes = Programme.objects.filter(
        organisation=organisation,
        status__in=[ProgrammeStatus.RUNNING, ProgrammeStatus.CLOSING],
    ).order_by("pk")
    taken = set(
        Participant.objects.filter(mentorship__programme__organisation=organisation).values_list(
            "membership_id", flat=True
        )
    )
    named_mentor, named_mentee = _named(organisation, "mentor"), _named(organisation, "mentee")
    for programme in programmes:
        pool = _candidates(programme, taken)
        rng.shuffle(pool)
        groups = []
        if programme.format == Format.GROUP:
            size = programme.group_size or 4
            for _ in range(GROUPS_PER_PROGRAMME):
                if len(pool) < size + 1:
                    break
                groups.append(([pool.pop()], [pool.pop() for _ in range(size)]))
        else:
            if (
                named_mentor
                and named_mentee
                and {named_mentor.pk, named_mentee.pk}.isdisjoint(taken)
            ):
                groups.append(([named_mentor], [named_mentee]))
                pool = [m for m in pool if m.pk not in {named_mentor.pk, named_mentee.pk}]
            while len(groups) < PAIRS_PER_PROGRAMME and len(pool) >= 2:
                groups.append(([pool.pop()], [pool.pop()]))
        for n, (mentors, mentees) in enumerate(groups):
            if programme.kind == Kind.PEER:
                mentorship = create_mentorship(programme=programme, peers=mentors + mentees)
            else:
                mentorship = create_mentorship(
                    programme=programme, mentors=mentors, mentees=mentees
                )
            taken.update(m.pk for m in mentors + mentees)
            _live(mentorship, programme, rng, n)


def _live(mentorship: Mentorship, programme: Programme, rng: random.Random, n: int) -> None:
    """Play the relationship forward from the programme's start to today."""
    now = timezone.now()
    start = programme.starts_on or timezone.localdate() - timedelta(days=60)
    # One pair of each running programme has only just started (a late pairing): it began
    # five days ago, and its agreement is still to sign.
    just_started = n == 1 and programme.status == ProgrammeStatus.RUNNING
    if just_started:
        start = timezone.localdate() - timedelta(days=5)
    begun = datetime.combine(start, time(9), tzinfo=ZoneInfo(PARIS))
    Mentorship.objects.filter(pk=mentorship.pk).update(created_at=begun)
    participants = list(mentorship.participants.select_related("membership__user"))
    mentees = [p for p in participants if p.role != ParticipantRole.MENTOR] or participants
    lead = mentees[0].membership
    language = writes_in(lead)
    if just_started:
        return
    for participant in participants:
        sign_agreement(agreement=mentorship.agreement, participant=participant)
    AgreementSignature.objects.filter(agreement__mentorship=mentorship).update(
        signed_at=begun + timedelta(days=6)
    )

    first = datetime.combine(
        start + timedelta(days=7 + rng.randint(0, 6)),
        time(rng.choice([8, 12, 17]), rng.choice([0, 30])),
        tzinfo=ZoneInfo(PARIS),
    )
    series = schedule_series(
        mentorship=mentorship,
        first_starts_at=first,
        time_zone=PARIS,
        frequency=(
            Frequency.FORTNIGHTLY if programme.cadence == Cadence.FORTNIGHTLY else Frequency.MONTHLY
        ),
        duration_minutes=programme.session_minutes,
        until=programme.ends_on or start + timedelta(days=180),
        actor=lead.user,
        location=rng.choice(["Café du 3e étage", "Salle Lumière", ""]),
        video_url="" if rng.random() < 0.5 else "https://visio.example/mentora-demo",
        agenda=GOALS[language][0][0],
    )
    author = participants[0].membership
    past = list(series.meetings.filter(starts_at__lt=now))
    # The pair that raises a concern about cancelled meetings (below) had its last two
    # cancelled: what it says is what its calendar shows.
    troubled = n == 2 and programme.status == ProgrammeStatus.RUNNING
    if troubled:
        for meeting in past[-2:]:
            cancel_meeting(meeting=meeting, actor=author.user)
        past = past[:-2]
    for i, meeting in enumerate(past):
        status = MeetingStatus.MISSED if rng.random() < 0.12 else MeetingStatus.HELD
        record_meeting_outcome(meeting=meeting, actor=author.user, status=status)
        if status == MeetingStatus.HELD and rng.random() < 0.6:
            note = add_meeting_note(
                meeting=meeting,
                author=rng.choice(participants).membership,
                body=SHARED_NOTES[language][i % len(SHARED_NOTES[language])],
            )
            # Written after the meeting, not on the day the demo was loaded.
            written = meeting.starts_at + timedelta(hours=2)
            MeetingNote.objects.filter(pk=note.pk).update(created_at=written, updated_at=written)
        if i == 0:
            save_private_note(
                mentorship=mentorship,
                author=lead,
                body=PRIVATE_NOTES[language][rng.randint(0, 1)],
                meeting=meeting,
            )

    for mentee in mentees[:3]:
        for title, measure, target in rng.sample(GOALS[writes_in(mentee.membership)], 2):
            goal = create_goal(
                mentorship=mentorship,
                owner=mentee.membership,
                actor=mentee.membership.user,
                title=title,
                measure=measure,
                target=target,
                due_on=programme.ends_on,
            )
            set_at = begun + timedelta(days=14)
            Goal.objects.filter(pk=goal.pk).update(created_at=set_at)
            GoalUpdate.objects.filter(goal=goal).update(changed_at=set_at)
            goal_status = rng.choice(
                [
                    GoalStatus.ON_TRACK,
                    GoalStatus.ON_TRACK,
                    GoalStatus.OFF_TRACK,
                    GoalStatus.ACHIEVED,
                ]
            )
            update = record_goal_progress(
                goal=goal,
                actor=mentee.membership.user,
                status=goal_status,
                progress=rng.choice([20, 35, 50, 70]),
            )
            # The latest review: some days ago, never before the goal was set.
            ends_on = programme.ends_on or start + timedelta(days=180)
            latest = min(now, begun + timedelta(days=(ends_on - start).days))
            reviewed = max(set_at + timedelta(days=1), latest - timedelta(days=rng.randint(3, 40)))
            GoalUpdate.objects.filter(pk=update.pk).update(changed_at=reviewed)
            for task in rng.sample(TASKS[writes_in(mentee.membership)], 2):
                action = add_action_item(
                    goal=goal,
                    title=task,
                    owner=mentee.membership,
                    due_on=timezone.localdate() + timedelta(days=rng.randint(-10, 30)),
                )
                if rng.random() < 0.5:
                    set_action_done(action=action, done=True)

    title, body, excerpt = JOURNAL[language]
    save_journal_entry(
        mentorship=mentorship,
        author=lead,
        title=title,
        body=body,
        shared_excerpt=excerpt if n % 2 == 0 else "",
    )
    if troubled:
        raise_concern(
            mentorship=mentorship,
            raised_by=lead,
            body=(
                "Nos rencontres sont souvent annulées au dernier moment ; je ne sais pas comment "
                "en parler sans froisser."
                if language == "fr"
                else "Our meetings keep being cancelled at the last minute; I am not sure how to "
                "raise it without offending."
            ),
        )
    if programme.status == ProgrammeStatus.CLOSING:
        _close(mentorship, participants, rng, language, complete=n % 3 != 2)


def _close(mentorship, participants, rng, language: str, *, complete: bool) -> None:
    """Closing programmes: closure opened everywhere, finished in most relationships."""
    for participant in participants:
        propose_closure(participant=participant)
    if not complete:
        return
    closing = schedule_meeting(
        mentorship=mentorship,
        starts_at=timezone.now() - timedelta(days=rng.randint(2, 9)),
        time_zone=PARIS,
        duration_minutes=60,
        actor=participants[0].membership.user,
        agenda="Bilan et suite" if language == "fr" else "Looking back and ahead",
        is_closing=True,
    )
    record_meeting_outcome(
        meeting=closing, actor=participants[0].membership.user, status=MeetingStatus.HELD
    )
    mentorship.refresh_from_db()
    summary = draft_closure_summary(mentorship).rstrip("- \n")
    save_closure_summary(mentorship=mentorship, summary=f"{summary}\n{SUMMARY_SKILLS[language]}")
    for participant in participants:
        save_recognition(
            participant=participant,
            recognition=RECOGNITION[writes_in(participant.membership)],
            alumni_opt_in=rng.random() < 0.7,
        )
    close_mentorship(mentorship=mentorship, actor=participants[0].membership.user)
