"""The demo programmes, one of each kind at a different point of its lifecycle, and enrolment."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from mentora.accounts.models import Membership, Organisation
from mentora.demo import people as data
from mentora.enrolment.models import Application, ApplicationEvent, ApplicationStatus
from mentora.programs.models import Objective, Programme

# Programmes past enrolment and how many mentors and mentees were approved.
DEMO_ENROLMENT = {
    "Mentorat Talents 2027": (20, 36),
    "Cercles Leadership au féminin": (5, 24),
}


def seed_programmes(
    org: Organisation,
    partner: Organisation,
    members: list[Membership],
    named: dict[str, Membership],
    rng: random.Random,
) -> None:
    """The programmes with their coordinators, sponsors and objectives; approved applicants."""
    today = timezone.localdate()
    coordination, coordinator_en = named["coordination"].user, named["coordinator.en"].user
    sponsor, ceo = named["sponsor"].user, named["ceo"].user
    for spec in _programme_specs(today):
        objectives = spec.pop("objectives")
        coordinators = spec.pop("coordinators")
        sponsors = spec.pop("sponsors")
        partners = spec.pop("partners", [])
        programme = Programme.objects.create(organisation=org, created_by=coordination, **spec)
        programme.coordinators.set(
            [{"fr": coordination, "en": coordinator_en}[code] for code in coordinators]
        )
        programme.sponsors.set([{"sponsor": sponsor, "ceo": ceo}[code] for code in sponsors])
        if partners:
            programme.partner_organisations.set([partner])
        Objective.objects.bulk_create(
            [
                Objective(programme=programme, position=n, **objective)
                for n, objective in enumerate(objectives, start=1)
            ]
        )
        if programme.name in DEMO_ENROLMENT:
            _applications(programme, members, named, rng, *DEMO_ENROLMENT[programme.name])


def _applications(
    programme: Programme,
    members: list[Membership],
    named: dict[str, Membership],
    rng: random.Random,
    mentors: int,
    mentees: int,
) -> None:
    """Approved applications of a programme past its enrolment, the demo people included."""
    senior = [m for m in members if (m.seniority_level or 0) >= 4 and m.pk != named["ceo"].pk]
    junior = [m for m in members if (m.seniority_level or 0) <= 2]
    chosen_mentors = [
        named["mentor"],
        *rng.sample([m for m in senior if m != named["mentor"]], mentors - 1),
    ]
    chosen_mentees = [
        named["mentee"],
        *rng.sample([m for m in junior if m != named["mentee"]], mentees - 1),
    ]
    applications = [
        Application(
            programme=programme,
            membership=membership,
            role=role,
            status=ApplicationStatus.APPROVED,
            goals=rng.choice(data.CAREER_GOALS) if role == "mentee" else "",
            capacity=programme.default_mentor_capacity if role == "mentor" else None,
            department_preference=rng.choice(["any", "any", "other", "same"]),
            meeting_mode=rng.choice(["either", "remote", "in_person"]),
            decided_by=named["coordination"].user,
            decided_at=timezone.now(),
        )
        for role, people in (("mentor", chosen_mentors), ("mentee", chosen_mentees))
        for membership in people
    ]
    Application.objects.bulk_create(applications)
    ApplicationEvent.objects.bulk_create(
        [ApplicationEvent(application=a, status=a.status) for a in applications]
    )


def _programme_specs(today: date) -> list[dict]:
    """One programme of each kind, at different points of the lifecycle."""

    def months(n: int) -> date:
        return today + timedelta(days=round(30.4 * n))

    return [
        {
            "name": "Mentorat Talents 2027",
            "summary": (
                "Un an d'accompagnement par un·e manager expérimenté·e pour nos jeunes talents."
            ),
            "description": (
                "Le programme phare du Groupe : chaque mentoré·e est accompagné·e pendant un an "
                "par un·e mentor·e d'un autre service, au moins deux niveaux au-dessus.\n\n"
                "Au programme : un accord de mentorat signé à deux, des objectifs SMART, une "
                "rencontre par mois et un bilan de clôture."
            ),
            "kind": "traditional",
            "status": "running",
            "starts_on": months(-4),
            "ends_on": months(8),
            "enrolment_opens_on": months(-7),
            "enrolment_closes_on": months(-5),
            "enrolment_mode": "approval",
            "matching_mode": "coordinator",
            "default_mentor_capacity": 2,
            "coordinators": ["fr"],
            "sponsors": ["sponsor"],
            "objectives": [
                {
                    "title": "Les mentoré·e·s jugent le programme utile (4/5 ou plus)",
                    "metric": "satisfaction",
                    "baseline": 3.6,
                    "target": 4.2,
                    "target_date": months(8),
                },
                {
                    "title": "Un NPS du programme d'au moins 40",
                    "metric": "nps",
                    "baseline": 18,
                    "target": 40,
                    "target_date": months(8),
                },
                {
                    "title": "Sept rencontres par binôme en moyenne",
                    "metric": "sessions_per_pair",
                    "target": 7,
                    "target_date": months(8),
                },
                {
                    "title": "Retenir nos jeunes talents : 92 % encore là dans un an",
                    "metric": "retention",
                    "baseline": 84,
                    "target": 92,
                    "target_date": months(14),
                },
            ],
        },
        {
            "name": "Reverse mentoring : cap sur le numérique",
            "summary": (
                "Nos jeunes collègues forment les dirigeants aux usages numériques et à l'IA."
            ),
            "description": (
                "Des collaborateur·rice·s de moins de 30 ans accompagnent un membre du comité de "
                "direction sur les outils collaboratifs, les réseaux sociaux et l'IA générative. "
                "Six séances de 45 minutes, toutes les deux semaines."
            ),
            "kind": "reverse",
            "status": "matching",
            "starts_on": months(1),
            "ends_on": months(4),
            "cadence": "fortnightly",
            "session_minutes": 45,
            "enrolment_opens_on": months(-2),
            "enrolment_closes_on": months(0),
            "enrolment_mode": "invitation",
            "matching_mode": "coordinator",
            "coordinators": ["fr"],
            "sponsors": ["ceo"],
            "objectives": [
                {
                    "title": "Chaque dirigeant·e utilise deux nouveaux outils au quotidien",
                    "metric": "goal_attainment",
                    "target": 80,
                    "target_date": months(4),
                },
                {
                    "title": "Satisfaction des binômes",
                    "metric": "satisfaction",
                    "target": 4.5,
                    "target_date": months(4),
                },
            ],
        },
        {
            "name": "Peer circles for new managers",
            "summary": "New managers pair up to share what works, every two weeks.",
            "description": (
                "For colleagues who took on a team in the last eighteen months. An informal "
                "programme: find a peer from another department or site in the directory and "
                "propose to pair up, or wait for the matching's suggestion; you meet every two "
                "weeks to work through real situations: first difficult conversation, "
                "delegation, feedback."
            ),
            "kind": "peer",
            "is_formal": False,
            "status": "enrolling",
            "starts_on": months(2),
            "ends_on": months(8),
            "cadence": "fortnightly",
            "enrolment_opens_on": months(-1),
            "enrolment_closes_on": months(1),
            "enrolment_mode": "open",
            "matching_mode": "hybrid",
            "coordinators": ["en", "fr"],
            "sponsors": ["sponsor"],
            "objectives": [
                {
                    "title": "Forty new managers take part",
                    "metric": "participation",
                    "baseline": 0,
                    "target": 40,
                    "target_date": months(2),
                },
                {
                    "title": "Peers rate their pairing 4 out of 5",
                    "metric": "satisfaction",
                    "target": 4,
                    "target_date": months(8),
                },
            ],
        },
        {
            "name": "Cercles Leadership au féminin",
            "summary": "Des cercles de cinq femmes accompagnés par une dirigeante.",
            "description": (
                "Chaque cercle réunit cinq collaboratrices autour d'une mentore de la direction, "
                "une fois par mois, pour travailler prise de parole, négociation et trajectoires "
                "de carrière."
            ),
            "kind": "group",
            "format": "group",
            "group_size": 5,
            "status": "closing",
            "starts_on": months(-11),
            "ends_on": months(1),
            "enrolment_opens_on": months(-14),
            "enrolment_closes_on": months(-12),
            "enrolment_mode": "approval",
            "matching_mode": "mentee_choice",
            "coordinators": ["fr"],
            "sponsors": ["ceo"],
            "objectives": [
                {
                    "title": "70 % des objectifs individuels atteints",
                    "metric": "goal_attainment",
                    "baseline": 0,
                    "target": 70,
                    "target_date": months(1),
                },
                {
                    "title": "NPS d'au moins 50",
                    "metric": "nps",
                    "target": 50,
                    "target_date": months(1),
                },
            ],
        },
        {
            "name": "Mentorat inter-entreprises Rhône-Alpes",
            "summary": (
                "Avec la Banque Rhodanienne : des mentors de l'autre "
                "entreprise, pour voir autrement."
            ),
            "description": (
                "Un programme pilote avec notre partenaire la Banque Rhodanienne : nos chefs de "
                "projet sont accompagnés par leurs homologues de la banque, et inversement."
            ),
            "kind": "inter_company",
            "status": "draft",
            "starts_on": months(5),
            "ends_on": months(14),
            "enrolment_opens_on": months(2),
            "enrolment_closes_on": months(4),
            "enrolment_mode": "approval",
            "matching_mode": "hybrid",
            "coordinators": ["fr", "en"],
            "sponsors": ["sponsor"],
            "partners": ["banque"],
            "objectives": [],
        },
        {
            "name": "Onboarding buddies 2026",
            "summary": "Each newcomer had a buddy for their first three months.",
            "description": "A short, informal programme for the 2026 newcomers. Closed.",
            "kind": "traditional",
            "is_formal": False,
            "status": "closed",
            "starts_on": months(-12),
            "ends_on": months(-6),
            "cadence": "weekly",
            "session_minutes": 30,
            "enrolment_mode": "open",
            "matching_mode": "mentee_choice",
            "default_mentor_capacity": 3,
            "coordinators": ["en"],
            "sponsors": ["sponsor"],
            "objectives": [
                {
                    "title": "Newcomers feel at home after three months",
                    "metric": "satisfaction",
                    "baseline": 3.8,
                    "target": 4.3,
                    "target_date": months(-6),
                },
            ],
        },
    ]
