"""The demo company's people: accounts, reporting lines by department, and a partner company."""

from __future__ import annotations

import random
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from mentora.accounts.models import Department, Membership, Organisation, Role, Site, User
from mentora.demo import people as data
from mentora.demo.logins import NAMED_PEOPLE
from mentora.demo.people import DEMO_DOMAIN

HEADCOUNT = 300


def _ascii(text: str) -> str:
    normalised = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in normalised.lower() if ch.isalnum() or ch in ".-")


class DemoAccounts:
    """New demo users: one password for all, and an e-mail address never given twice."""

    def __init__(self) -> None:
        self.password = make_password(settings.MENTORA_DEMO_PASSWORD)
        self.used_emails: set[str] = set()

    def new_user(self, first: str, last: str, email: str | None = None, language: str = "") -> User:
        if last == first and last in data.LAST_NAMES:
            # "Thomas Thomas" reads as a bug; the next family name keeps the draws unchanged.
            last = data.LAST_NAMES[(data.LAST_NAMES.index(last) + 1) % len(data.LAST_NAMES)]
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


def seed_people(
    org: Organisation,
    departments: dict[str, Department],
    sites: dict[str, Site],
    accounts: DemoAccounts,
    rng: random.Random,
) -> tuple[list[Membership], dict[str, Membership]]:
    """About HEADCOUNT members in reporting lines, and the named people (the CEO as "ceo")."""
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
        user = accounts.new_user(first, last, f"{local}@{DEMO_DOMAIN}", language)
        named[local] = add(
            user, role=role, department=dept, seniority_level=level, job_title=title, site=site
        )
    ceo = add(
        accounts.new_user("Hélène", "Garnier"),
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
                accounts.new_user(rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)),
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
                    accounts.new_user(rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)),
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
                accounts.new_user(rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)),
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
            department=departments[record["department"]],
            site=sites[record["site"]],
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
    named_members = {local: record["membership"] for local, record in named.items()}
    named_members["ceo"] = ceo["membership"]
    return memberships, named_members


def seed_partner_organisation(accounts: DemoAccounts, rng: random.Random) -> Organisation:
    """The partner bank of the inter-company programme: a dozen project managers."""
    partner = Organisation.objects.create(
        name="Banque Rhodanienne", slug="banque-rhodanienne", default_language="fr"
    )
    department = Department.objects.create(
        organisation=partner, name="Direction des systèmes d'information"
    )
    site = Site.objects.create(organisation=partner, name="Lyon Part-Dieu")
    users = [
        accounts.new_user(rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES))
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
                seniority_level=rng.randint(2, 5),
                job_title="Chef·fe de projet SI",
            )
            for n, user in enumerate(users)
        ]
    )
    return partner
