"""Demo enrolment for matching: approved applicants in the reverse and peer programmes.

Called by the demo builder after the programmes and profiles exist, so that a coordinator
can run a matching, review it and publish it right away.
"""

from __future__ import annotations

import random

from django.utils import timezone

from mentora.accounts.models import Membership, Organisation, still_here
from mentora.enrolment.models import Application, ApplicationEvent, ApplicationStatus
from mentora.programs.models import Kind, Programme

REVERSE_MENTORS = 16  # juniors who mentor
REVERSE_MENTEES = 14  # seniors who learn
PEERS = 24

GOALS_SENIOR = [
    "Utiliser l'IA générative au quotidien et comprendre ses limites.",
    "Animer mon équipe sur les outils collaboratifs et les réseaux sociaux.",
    "Comprendre les usages numériques des jeunes générations.",
    "Gagner du temps avec l'automatisation et les tableaux de bord.",
]
GOALS_PEER = [
    "Learn to delegate and give feedback to my new team.",
    "Handle my first difficult conversations with confidence.",
    "Build a network of new managers across sites.",
]


def _apply(programme: Programme, people: list[Membership], role: str, rng: random.Random) -> None:
    coordinator = programme.coordinators.first()
    applications = [
        Application(
            programme=programme,
            membership=membership,
            role=role,
            status=ApplicationStatus.APPROVED,
            goals=rng.choice(GOALS_PEER if role == "peer" else GOALS_SENIOR)
            if role != "mentor"
            else "",
            capacity=1 if role == "mentor" else None,
            department_preference="any",
            decided_by=coordinator,
            decided_at=timezone.now(),
        )
        for membership in people
    ]
    Application.objects.bulk_create(applications)
    ApplicationEvent.objects.bulk_create(
        [ApplicationEvent(application=a, status=a.status) for a in applications]
    )


def seed_matching_demo(org: Organisation, rng: random.Random) -> None:
    """Approved applicants for the reverse-mentoring and peer programmes (none applied yet)."""
    taken = set(
        Application.objects.filter(programme__organisation=org).values_list(
            "programme_id", "membership_id"
        )
    )
    members = list(
        Membership.objects.filter(still_here(), organisation=org, role="member")
        .exclude(seniority_level__isnull=True)
        .order_by("pk")
    )
    reverse = Programme.objects.filter(organisation=org, kind=Kind.REVERSE).first()
    if reverse is not None and not reverse.applications.exists():
        free = [m for m in members if (reverse.pk, m.pk) not in taken]
        juniors = [m for m in free if (m.seniority_level or 0) <= 2]
        seniors = [m for m in free if (m.seniority_level or 0) >= 4]
        _apply(reverse, rng.sample(juniors, min(REVERSE_MENTORS, len(juniors))), "mentor", rng)
        _apply(reverse, rng.sample(seniors, min(REVERSE_MENTEES, len(seniors))), "mentee", rng)
    peer = Programme.objects.filter(organisation=org, kind=Kind.PEER).first()
    if peer is not None and not peer.applications.exists():
        managers = [m for m in members if m.seniority_level in (3, 4)]
        _apply(peer, rng.sample(managers, min(PEERS, len(managers))), "peer", rng)
