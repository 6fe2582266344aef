"""Build the demo organisation: a French company of about 300 people and one programme per kind.

Everything is generated from a seeded random generator, so two loads give the same data.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import Department, Membership, Organisation, Role, Site, User
from mentora.demo import people as data
from mentora.demo.learning import seed_learning_demo
from mentora.demo.matching import seed_matching_demo
from mentora.demo.mentorships import seed_mentorships
from mentora.demo.people import DEMO_DOMAIN
from mentora.enrolment.models import Application, ApplicationEvent, ApplicationStatus
from mentora.profiles.models import Profile, ProfileSkill, Skill, SkillDirection
from mentora.programs.models import Objective, Programme

HEADCOUNT = 300


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    description: str


# The people whose logins are printed: one per role, in both languages.
NAMED_PEOPLE = [
    # email local part, first, last, role, department, level, title, site, language
    (
        "admin",
        "Isabelle",
        "Fontaine",
        Role.ORG_ADMIN,
        "Ressources humaines",
        5,
        "Directrice des ressources humaines",
        "Paris — siège",
        "fr",
    ),
    (
        "coordination",
        "Nadia",
        "Benali",
        Role.COORDINATOR,
        "Ressources humaines",
        4,
        "Responsable développement RH",
        "Paris — siège",
        "fr",
    ),
    (
        "coordinator.en",
        "James",
        "Whitaker",
        Role.COORDINATOR,
        "Ressources humaines",
        4,
        "Learning & development manager",
        "Montréal",
        "en",
    ),
    (
        "sponsor",
        "Philippe",
        "Moreau",
        Role.SPONSOR,
        "Direction générale",
        6,
        "Directeur général adjoint",
        "Paris — siège",
        "fr",
    ),
    (
        "mentor",
        "Claire",
        "Dubois",
        Role.MEMBER,
        "Ingénierie logicielle",
        4,
        "Lead technique",
        "Lyon",
        "fr",
    ),
    ("mentee", "Priya", "Patel", Role.MEMBER, "Data & IA", 2, "Data analyst", "Lyon", "en"),
]

NAMED_DESCRIPTIONS = {
    "admin": "org admin (HR / L&D)",
    "coordination": "coordinator",
    "coordinator.en": "coordinator (English-speaking)",
    "sponsor": "sponsor (executive)",
    "mentor": "member, mentor in Mentorat Talents 2027",
    "mentee": "member, mentee in Mentorat Talents 2027",
}


def demo_logins() -> list[DemoLogin]:
    return [
        DemoLogin(f"{local}@{DEMO_DOMAIN}", str(role.label), NAMED_DESCRIPTIONS[local])
        for local, _first, _last, role, *_rest in NAMED_PEOPLE
    ]


def _ascii(text: str) -> str:
    normalised = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in normalised.lower() if ch.isalnum() or ch in ".-")


class DemoBuilder:
    def __init__(self, seed: int = 2026) -> None:
        self.rng = random.Random(seed)
        self.password = make_password(settings.MENTORA_DEMO_PASSWORD)
        self.used_emails: set[str] = set()

    @transaction.atomic
    def build(self) -> Organisation:
        org = Organisation.objects.create(
            name="Groupe Lumière", slug="lumiere", default_language="fr", seniority_scale=6
        )
        self.departments = {
            name: Department.objects.create(organisation=org, name=name)
            for name, _share, _titles in data.DEPARTMENTS
        }
        self.sites = {
            name: Site.objects.create(organisation=org, name=name, time_zone=tz)
            for name, tz, _share in data.SITES
        }
        self.skills = {
            name: Skill.objects.create(organisation=org, name=name, category=category)
            for category, names in data.SKILLS.items()
            for name in names
        }
        members = self._people(org)
        self._profiles(members)
        partner = self._partner_organisation()
        self._programmes(org, partner, members)
        seed_mentorships(org, self.rng)
        seed_learning_demo(org)
        seed_matching_demo(org, self.rng)
        return org

    # People -------------------------------------------------------------------------------

    def _user(self, first: str, last: str, email: str | None = None, language: str = "") -> User:
        if email is None:
            base = f"{_ascii(first)}.{_ascii(last)}"
            email, n = f"{base}@lumiere.example", 1
            while email in self.used_emails:
                n += 1
                email = f"{base}{n}@lumiere.example"
        self.used_emails.add(email)
        return User(
            email=email, first_name=first, last_name=last, language=language, password=self.password
        )

    def _people(self, org: Organisation) -> list[Membership]:
        rng = self.rng
        total_share = sum(share for _n, share, _t in data.DEPARTMENTS)
        site_names = [name for name, _tz, _s in data.SITES]
        site_weights = [share for _n, _tz, share in data.SITES]
        plan: list[tuple[User, dict]] = []

        def add(user: User, **fields: object) -> dict:
            record = {"role": Role.MEMBER, **fields}
            plan.append((user, record))
            return record

        named = {}
        for local, first, last, role, dept, level, title, site, language in NAMED_PEOPLE:
            user = self._user(first, last, f"{local}@{DEMO_DOMAIN}", language)
            named[local] = add(
                user, role=role, department=dept, seniority_level=level, job_title=title, site=site
            )
        ceo = add(
            self._user("Hélène", "Garnier"),
            role=Role.SPONSOR,
            department="Direction générale",
            seniority_level=6,
            job_title="Présidente-directrice générale",
            site="Paris — siège",
        )
        named["sponsor"]["manager"] = ceo
        heads: dict[str, dict] = {"Ressources humaines": named["admin"]}
        managers: dict[str, list[dict]] = {name: [] for name, _s, _t in data.DEPARTMENTS}
        managers["Ressources humaines"].append(named["coordination"])
        managers["Ingénierie logicielle"].append(named["mentor"])
        named["coordination"]["manager"] = named["admin"]
        named["coordinator.en"]["manager"] = named["coordination"]
        named["admin"]["manager"] = ceo

        for name, share, titles in data.DEPARTMENTS:
            size = round(HEADCOUNT * share / total_share)
            if name not in heads:
                heads[name] = add(
                    self._user(rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)),
                    department=name,
                    seniority_level=5,
                    job_title=titles[2] if name != "Direction générale" else titles[1],
                    site="Paris — siège" if rng.random() < 0.6 else rng.choice(site_names),
                    manager=ceo,
                    role=Role.SPONSOR
                    if name in {"Ingénierie logicielle", "Production"}
                    else Role.MEMBER,
                )
            while len(managers[name]) < max(1, size // 8):
                managers[name].append(
                    add(
                        self._user(rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)),
                        department=name,
                        seniority_level=4,
                        job_title=titles[2],
                        site=rng.choices(site_names, site_weights)[0],
                    )
                )
            for manager in managers[name]:
                manager.setdefault("manager", heads[name])
            staff_needed = size - 1 - len(managers[name])
            if name == "Data & IA":
                named["mentee"]["manager"] = managers[name][0]
                staff_needed -= 1
            for i in range(max(0, staff_needed)):
                level = rng.choices([1, 2, 3], [3, 4, 3])[0]
                manager = managers[name][i % len(managers[name])]
                add(
                    self._user(rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)),
                    department=name,
                    seniority_level=level,
                    job_title=titles[0] if level < 3 else titles[1],
                    site=manager["site"]
                    if rng.random() < 0.7
                    else rng.choices(site_names, site_weights)[0],
                    manager=manager,
                )

        User.objects.bulk_create([user for user, _record in plan])
        memberships = []
        today = timezone.localdate()
        for n, (user, record) in enumerate(plan, start=1):
            membership = Membership(
                user=user,
                organisation=org,
                role=record["role"],
                employee_id=f"LUM{n:05d}",
                job_title=record["job_title"],
                department=self.departments[record["department"]],
                site=self.sites[record["site"]],
                seniority_level=record["seniority_level"],
                hired_on=today
                - timedelta(days=rng.randint(60, 365 * (2 + 4 * record["seniority_level"]))),
            )
            record["membership"] = membership
            memberships.append(membership)
        Membership.objects.bulk_create(memberships)
        for _user, record in plan:
            if "manager" in record:
                record["membership"].manager = record["manager"]["membership"]
        Membership.objects.bulk_update(memberships, ["manager"])
        self.named = {local: record["membership"] for local, record in named.items()}
        self.named["ceo"] = ceo["membership"]
        return memberships

    def _profiles(self, members: list[Membership]) -> None:
        rng = self.rng
        skills = list(self.skills.values())
        digital = [s for s in skills if s.name in data.DIGITAL]
        profiles, links = [], []
        for membership in members:
            site_tz = membership.site.time_zone if membership.site else "Europe/Paris"
            english_first = membership.user.language == "en" or site_tz != "Europe/Paris"
            languages = (
                [{"code": "en", "level": "native"}, {"code": "fr", "level": "working"}]
                if english_first
                else [{"code": "fr", "level": "native"}]
            )
            for code, share in data.LANGUAGES:
                if rng.random() < share and code not in {item["code"] for item in languages}:
                    languages.append(
                        {"code": code, "level": rng.choice(["basic", "working", "fluent"])}
                    )
            profile = Profile(
                membership=membership,
                years_of_experience=max(
                    0, (membership.seniority_level or 1) * 4 + rng.randint(-3, 3) - 3
                ),
                time_zone=site_tz,
                languages=languages,
                availability=sorted(rng.sample(data.HALF_DAYS, rng.randint(3, 6))),
                career_goals=rng.choice(data.CAREER_GOALS),
            )
            profiles.append(profile)
            level = membership.seniority_level or 1
            young = level <= 2
            offered_pool = digital if young and rng.random() < 0.6 else skills
            for skill in rng.sample(offered_pool, rng.randint(2, 4)):
                offered_level = min(
                    5,
                    max(
                        1, level - 1 + rng.randint(0, 2) + (1 if young and skill in digital else 0)
                    ),
                )
                links.append((profile, skill, SkillDirection.OFFERED, offered_level))
            sought_pool = digital if level >= 5 and rng.random() < 0.6 else skills
            offered = {link[1].pk for link in links if link[0] is profile}
            for skill in rng.sample(
                [s for s in sought_pool if s.pk not in offered], rng.randint(1, 3)
            ):
                links.append((profile, skill, SkillDirection.SOUGHT, rng.randint(2, 4)))
        Profile.objects.bulk_create(profiles)
        ProfileSkill.objects.bulk_create(
            [ProfileSkill(profile=p, skill=s, direction=d, level=lv) for p, s, d, lv in links]
        )

    def _partner_organisation(self) -> Organisation:
        partner = Organisation.objects.create(
            name="Banque Rhodanienne", slug="banque-rhodanienne", default_language="fr"
        )
        department = Department.objects.create(
            organisation=partner, name="Direction des systèmes d'information"
        )
        site = Site.objects.create(organisation=partner, name="Lyon Part-Dieu")
        users = [
            self._user(self.rng.choice(data.FIRST_NAMES), self.rng.choice(data.LAST_NAMES))
            for _ in range(12)
        ]
        for user in users:
            user.email = user.email.replace("lumiere.example", "banque-rhodanienne.example")
        User.objects.bulk_create(users)
        Membership.objects.bulk_create(
            [
                Membership(
                    user=user,
                    organisation=partner,
                    role=Role.ORG_ADMIN if n == 0 else Role.MEMBER,
                    department=department,
                    site=site,
                    seniority_level=self.rng.randint(2, 5),
                    job_title="Chef·fe de projet SI",
                )
                for n, user in enumerate(users)
            ]
        )
        return partner

    # Programmes ---------------------------------------------------------------------------

    def _programmes(
        self, org: Organisation, partner: Organisation, members: list[Membership]
    ) -> None:
        today = timezone.localdate()
        named = self.named
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
                self._applications(programme, members, *DEMO_ENROLMENT[programme.name])

    def _applications(
        self, programme: Programme, members: list[Membership], mentors: int, mentees: int
    ) -> None:
        """Approved applications of a programme past its enrolment, the demo people included."""
        rng = self.rng
        named = self.named
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


# Programmes past enrolment and how many mentors and mentees were approved.
DEMO_ENROLMENT = {
    "Mentorat Talents 2027": (20, 36),
    "Cercles Leadership au féminin": (5, 24),
}


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
                "For colleagues who took on a team in the last eighteen months. You are paired "
                "with a peer from another department and site; you meet every two weeks to work "
                "through real situations: first difficult conversation, delegation, feedback."
            ),
            "kind": "peer",
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
