"""Build the demo organisation: a French company of about 300 people and one programme per kind.

Everything is generated from one seeded random generator, drawn from in the order below, so
two loads give the same data.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import Department, Organisation, Site
from mentora.analytics.health import recompute_all
from mentora.analytics.kpi import record_kpi_points, week_of
from mentora.demo import people as data
from mentora.demo.closed import seed_closed_programmes
from mentora.demo.feedback import seed_feedback
from mentora.demo.learning import seed_learning_demo
from mentora.demo.logins import demo_logins
from mentora.demo.matching import seed_matching_demo
from mentora.demo.mentorships import seed_mentorships
from mentora.demo.profiles import seed_profiles
from mentora.demo.programmes import seed_programmes
from mentora.demo.staff import DemoAccounts, seed_partner_organisation, seed_people
from mentora.demo.surveys import seed_surveys
from mentora.profiles.models import Skill
from mentora.programs.models import Programme
from mentora.programs.models import Status as ProgrammeStatus

# The load_demo command and the tests take both from here.
__all__ = ["DemoBuilder", "demo_logins"]


class DemoBuilder:
    """The demo, all drawn from one seed: `DemoBuilder(seed).build()`."""

    def __init__(self, seed: int = 2026) -> None:
        self.rng = random.Random(seed)
        self.accounts = DemoAccounts()
        # What the last build seeded, {what: {row kind: count}}, for load_demo to print.
        self.counts: dict[str, dict[str, int]] = {}

    @transaction.atomic
    def build(self) -> Organisation:
        """The demo organisation, its partner company, programmes, relationships, training,
        feedback and surveys."""
        org = Organisation.objects.create(
            name="Groupe Lumière", slug="lumiere", default_language="fr", seniority_scale=6
        )
        departments = {
            name: Department.objects.create(organisation=org, name=name)
            for name, _share, _titles in data.DEPARTMENTS
        }
        sites = {
            name: Site.objects.create(organisation=org, name=name, time_zone=tz)
            for name, tz, _share in data.SITES
        }
        skills = {
            name: Skill.objects.create(
                organisation=org,
                name=name,
                name_translations={"en": data.SKILLS_EN[name]},
                category=category,
                category_translations={"en": data.SKILL_CATEGORIES_EN[category]},
            )
            for category, names in data.SKILLS.items()
            for name in names
        }
        members, named = seed_people(org, departments, sites, self.accounts, self.rng)
        seed_profiles(members, skills, self.rng)
        partner = seed_partner_organisation(self.accounts, self.rng)
        seed_programmes(org, partner, members, named, self.rng)
        seed_mentorships(org, self.rng)
        seed_learning_demo(org)
        seed_matching_demo(org, self.rng)
        # Before the feedback, which rates and pulses the closed programmes' pairs too.
        seed_closed_programmes(org, self.rng)
        self.counts["Feedback"] = seed_feedback(org, self.rng)
        for programme, counts in seed_surveys(org, self.rng).items():
            self.counts[f"Surveys of {programme}"] = counts
        # Last: each relationship's health reads everything seeded above.
        self.counts["Relationship health"] = {"relationships scored": recompute_all()}
        self.counts["Objectives"] = {"weekly KPI points": _weekly_points(org)}
        return org


def _weekly_points(organisation: Organisation) -> int:
    """The weekly KPI points the nightly worker would have stored since the programmes
    started, so that each objective's trend has a history out of the box. Each week is
    computed as of its Monday from the dated rows (meetings, answers); what keeps no history
    (a goal's status) reads as today."""
    starts = [
        start
        for start in Programme.objects.filter(
            organisation=organisation,
            status__in=[ProgrammeStatus.RUNNING, ProgrammeStatus.CLOSING],
            objectives__isnull=False,
        ).values_list("starts_on", flat=True)
        if start is not None
    ]
    today = timezone.localdate()
    monday = week_of(min(starts, default=today))
    written = 0
    while monday <= today:
        written += record_kpi_points(monday)
        monday += timedelta(days=7)
    return written
