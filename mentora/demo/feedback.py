# ruff: noqa: E501 — demo prose reads better unwrapped.
"""Demo feedback: what the members of the programmes' relationships said, at its dates.

Called by the demo builder once the relationships have lived their history (the
meetings marked held already invited their members to rate them, through the same signal
as in real use). This module dates those invitations at their meetings, answers most of
them, and sends each relationship's pulses at the days the cadence gives (day 30, then every
60 days, until the relationship closed), answered in turn. The services cannot backdate, so
rows are dated here, with the same rules and windows as the services use. The demo logins'
own latest session stays to rate, so that their home page shows a request to answer.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import Organisation
from mentora.demo.common import writes_in
from mentora.feedback.cadence import PulseCadence
from mentora.feedback.models import (
    SESSION_FEEDBACK_OPEN,
    FeedbackInvitation,
    Fit,
    Instrument,
    PulseAnswer,
    SessionFeedback,
)
from mentora.feedback.selectors import feedback_settings
from mentora.mentorships.models import Meeting, Mentorship

# How often people answer, and how they rate: mostly useful sessions, a few flat ones.
SESSION_ANSWERED = 0.75
PULSE_ANSWERED = 0.7
RATINGS = ([5, 4, 3, 2, 1], [32, 42, 17, 6, 3])
PROGRESS = ([5, 4, 3, 2, 1], [18, 40, 30, 9, 3])
QUALITY = ([5, 4, 3, 2, 1], [30, 42, 18, 7, 3])
FITS = ([Fit.GOOD, Fit.DECIDING, Fit.POOR], [78, 15, 7])
COMMENTED = 0.3
SHARES_NAME = 0.4
DEMO_LOGINS = ("mentor@", "mentee@")

SESSION_COMMENTS = {
    "fr": [
        "Très concret : je repars avec deux actions claires.",
        "On a surtout parlé de mon projet de mobilité, c'était précieux.",
        "Séance un peu courte, on n'a pas eu le temps de tout voir.",
        "Le jeu de rôle m'a beaucoup aidée à préparer mon entretien.",
        "Bonne écoute, mais j'aurais aimé plus de conseils pratiques.",
        "Mon mentor m'a présenté deux personnes de son réseau : précieux.",
        "Nous avons revu mon plan d'action, tout est plus clair.",
        "Une séance en visio un peu hachée, mais utile.",
        "J'ai osé parler de mes doutes, et j'ai été écoutée.",
        "Bons retours sur ma présentation, je me sens prêt.",
    ],
    "en": [
        "Very practical: I leave with two clear actions.",
        "We mostly talked about my move to another team, which was valuable.",
        "A bit short, we did not get through everything.",
        "The role play really helped me prepare for my review.",
        "Good listening, though I would have liked more practical advice.",
        "My mentor introduced me to two people in their network: valuable.",
        "We went over my action plan again; it is much clearer now.",
        "The video call kept freezing, but the session was useful.",
        "I dared to talk about my doubts and felt heard.",
        "Good feedback on my presentation; I feel ready.",
    ],
}
# A pulse's comment says what its answer says: a good fit reads well, a doubt reads doubtful.
PULSE_COMMENTS = {
    "good": {
        "fr": [
            "Nos échanges sont réguliers et francs.",
            "Je progresse, et nos rendez-vous tiennent.",
        ],
        "en": ["We meet regularly and talk openly.", "I am making progress and we keep our dates."],
    },
    "busy": {
        "fr": ["Difficile de trouver des créneaux communs ces temps-ci."],
        "en": ["Hard to find time together lately."],
    },
    "doubt": {
        "fr": [
            "Je ne suis pas sûr que nos attentes soient les mêmes.",
            "Difficile de trouver des créneaux communs ces temps-ci.",
        ],
        "en": ["I am not sure we expect the same things.", "Hard to find time together lately."],
    },
}


def _pick(rng: random.Random, weighted: tuple[list, list[int]]):
    values, weights = weighted
    return rng.choices(values, weights=weights)[0]


def _comment(rng: random.Random, texts: dict[str, list[str]], language: str) -> str:
    return rng.choice(texts[language]) if rng.random() < COMMENTED else ""


@transaction.atomic
def seed_feedback(organisation: Organisation, rng: random.Random) -> dict[str, int]:
    """Date and answer the session feedback, send and answer the pulses; returns the counts."""
    now = timezone.now()
    mentorships = list(
        Mentorship.objects.filter(programme__organisation=organisation)
        .select_related("programme")
        .prefetch_related("participants__membership__user")
        .order_by("pk")
    )
    _date_and_answer_sessions(organisation, rng, now)
    for mentorship in mentorships:
        _send_and_answer_pulses(mentorship, rng, now)
    invitations = FeedbackInvitation.objects.filter(programme__organisation=organisation)
    return {
        "session invitations": invitations.filter(instrument=Instrument.SESSION).count(),
        "session answers": SessionFeedback.objects.filter(
            invitation__programme__organisation=organisation
        ).count(),
        "pulse invitations": invitations.filter(instrument=Instrument.PULSE).count(),
        "pulse answers": PulseAnswer.objects.filter(
            invitation__programme__organisation=organisation
        ).count(),
    }


def _date_and_answer_sessions(
    organisation: Organisation, rng: random.Random, now: datetime
) -> None:
    invitations = list(
        FeedbackInvitation.objects.filter(
            programme__organisation=organisation, instrument=Instrument.SESSION
        )
        .select_related("meeting", "membership__user")
        .order_by("pk")
    )
    latest_of_logins = _latest_meeting_of_demo_logins(invitations)
    answers = []
    for invitation in invitations:
        assert invitation.meeting is not None
        invited_at = invitation.meeting.ends_at
        invitation.created_at = invited_at
        invitation.closes_at = invited_at + SESSION_FEEDBACK_OPEN
        if invitation.meeting_id in latest_of_logins or rng.random() >= SESSION_ANSWERED:
            continue
        answered_at = min(invited_at + timedelta(hours=rng.randint(1, 72)), now)
        invitation.answered_at = answered_at
        answers.append(
            SessionFeedback(
                invitation=invitation,
                rating=_pick(rng, RATINGS),
                progress=_pick(rng, PROGRESS),
                comment=_comment(rng, SESSION_COMMENTS, writes_in(invitation.membership)),
                share_name=rng.random() < SHARES_NAME,
                submitted_at=answered_at,
                updated_at=answered_at,
            )
        )
    FeedbackInvitation.objects.bulk_update(
        invitations, ["created_at", "closes_at", "answered_at"], batch_size=500
    )
    SessionFeedback.objects.bulk_create(answers, batch_size=500)


def _latest_meeting_of_demo_logins(invitations: list[FeedbackInvitation]) -> set[int]:
    """The latest held meeting the demo's mentor and mentee attended, if they can still rate it."""
    latest: dict[int, Meeting] = {}
    for invitation in invitations:
        meeting = invitation.meeting
        if meeting is None or not invitation.membership.user.email.startswith(DEMO_LOGINS):
            continue
        known = latest.get(invitation.membership_id)
        if known is None or meeting.starts_at > known.starts_at:
            latest[invitation.membership_id] = meeting
    return {
        meeting.pk
        for meeting in latest.values()
        if meeting.ends_at + SESSION_FEEDBACK_OPEN > timezone.now()
    }


def _send_and_answer_pulses(mentorship: Mentorship, rng: random.Random, now: datetime) -> None:
    cadence = PulseCadence.of(feedback_settings(mentorship.programme))
    if not cadence.enabled:
        return
    start = timezone.localdate(mentorship.created_at)
    last_day = (
        timezone.localdate(mentorship.closed_at)
        if mentorship.closed_at
        else timezone.localdate(now)
    )
    people = [p for p in mentorship.participants.all() if p.left_at is None]
    sequence = 1
    while (due := cadence.due_on(start, sequence)) <= last_day:
        sent_at = timezone.make_aware(datetime.combine(due, time(8)))
        closes_at = timezone.make_aware(
            datetime.combine(due + timedelta(days=cadence.open_days), time.min)
        )
        for participant in people:
            invitation = FeedbackInvitation.objects.create(
                instrument=Instrument.PULSE,
                membership_id=participant.membership_id,
                programme=mentorship.programme,
                mentorship=mentorship,
                sequence=sequence,
                due_on=due,
                closes_at=closes_at,
                created_at=sent_at,
            )
            answered_at = sent_at + timedelta(hours=rng.randint(2, 120))
            if answered_at > min(now, closes_at) or rng.random() >= PULSE_ANSWERED:
                continue
            language = writes_in(participant.membership)
            quality, fit = _pick(rng, QUALITY), _pick(rng, FITS)
            mood = "doubt" if fit != Fit.GOOD else "good" if quality >= 4 else "busy"
            PulseAnswer.objects.create(
                invitation=invitation,
                quality=quality,
                fit=fit,
                comment=(
                    rng.choice(PULSE_COMMENTS[mood][language]) if rng.random() < COMMENTED else ""
                ),
                share_name=rng.random() < SHARES_NAME,
                submitted_at=answered_at,
                updated_at=answered_at,
            )
            FeedbackInvitation.objects.filter(pk=invitation.pk).update(answered_at=answered_at)
        sequence += 1
