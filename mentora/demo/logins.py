"""The demo's named people, one per role in both languages, and the logins printed for them."""

from __future__ import annotations

from dataclasses import dataclass

from mentora.accounts.models import Role
from mentora.demo.people import DEMO_DOMAIN


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
    """The named people's logins, as load_demo prints them."""
    return [
        DemoLogin(f"{local}@{DEMO_DOMAIN}", str(role.label), NAMED_DESCRIPTIONS[local])
        for local, _first, _last, role, *_rest in NAMED_PEOPLE
    ]
