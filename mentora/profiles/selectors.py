"""Reads about profiles: completeness (one profile or thousands), display helpers.

Other apps call `profile_completeness(profile)` for one person and
`completeness_for_memberships(ids_or_queryset)` for tables (a bounded number of queries).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import Length
from django.urls import reverse
from django.utils.translation import get_language_info, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Membership
from mentora.profiles.models import (
    DAY_PARTS,
    PROFILE_LANGUAGE_CODES,
    WEEKDAYS,
    LanguageLevel,
    Profile,
    ProfileSkill,
    SkillDirection,
)

# What a complete profile holds, in the order the member is asked to fix it:
# (key, label, URL name of the page that fixes it). Each counts the same.
COMPLETENESS_CHECKS = (
    ("job_title", _("Job title"), "profiles:edit_work"),
    ("department", _("Department"), "profiles:edit_work"),
    ("seniority_level", _("Seniority level"), "profiles:edit_work"),
    ("years_of_experience", _("Years of experience"), "profiles:edit_about"),
    ("bio", _("Short bio"), "profiles:edit_about"),
    ("career_goals", _("Career goals"), "profiles:edit_about"),
    ("languages", _("Languages"), "profiles:edit_languages"),
    ("availability", _("Weekly availability"), "profiles:edit_availability"),
    ("skills_offered", _("Skills you offer"), "profiles:skills"),
    ("skills_sought", _("Skills you seek"), "profiles:skills"),
)

# SQLite refuses statements with too many parameters: lists of ids are read in chunks.
_CHUNK = 500


@dataclass(frozen=True)
class MissingItem:
    key: str
    label: str
    url: str


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[str] = field(default_factory=list)
    items: list[MissingItem] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return self.percent == 100


def _filled(facts: dict[str, Any]) -> set[str]:
    return {key for key, _label, _url in COMPLETENESS_CHECKS if facts.get(key)}


def _percent(filled: set[str]) -> int:
    return round(100 * len(filled) / len(COMPLETENESS_CHECKS))


def profile_completeness(profile: Profile) -> Completeness:
    """How complete a profile is, and what is missing with a link to fix each part."""
    membership = profile.membership
    # A profile not saved yet (first visit) has no skills.
    counts = (
        {
            row["direction"]: row["n"]
            for row in profile.skills.values("direction").annotate(n=Count("pk"))
        }
        if profile.pk
        else {}
    )
    facts = {
        "job_title": membership.job_title,
        "department": membership.department_id,
        "seniority_level": membership.seniority_level,
        "years_of_experience": profile.years_of_experience is not None,
        "bio": profile.bio.strip(),
        "career_goals": profile.career_goals.strip(),
        "languages": profile.languages,
        "availability": profile.availability,
        "skills_offered": counts.get(SkillDirection.OFFERED, 0),
        "skills_sought": counts.get(SkillDirection.SOUGHT, 0),
    }
    filled = _filled(facts)
    items = [
        MissingItem(key=key, label=str(label), url=reverse(url_name))
        for key, label, url_name in COMPLETENESS_CHECKS
        if key not in filled
    ]
    return Completeness(
        percent=_percent(filled), missing=[item.label for item in items], items=items
    )


def completeness_for_memberships(
    memberships: Iterable[int] | QuerySet[Membership],
) -> dict[int, int]:
    """Completeness percent per membership id, in two queries per 500 ids (two for a queryset).

    Memberships without a profile yet count only their HR record.
    """
    if isinstance(memberships, QuerySet):
        batches: list[Any] = [memberships.values("pk")]
    else:
        ids = list(dict.fromkeys(memberships))
        batches = [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]
    result: dict[int, int] = {}
    for batch in batches:
        rows = (
            Membership.objects.filter(pk__in=batch)
            .annotate(
                bio_length=Length("profile__bio"), goals_length=Length("profile__career_goals")
            )
            .values(
                "pk",
                "job_title",
                "department_id",
                "seniority_level",
                "profile__years_of_experience",
                "profile__languages",
                "profile__availability",
                "bio_length",
                "goals_length",
            )
        )
        counts: dict[tuple[int, str], int] = {
            (row["profile__membership_id"], row["direction"]): row["n"]
            for row in ProfileSkill.objects.filter(profile__membership_id__in=batch)
            .values("profile__membership_id", "direction")
            .annotate(n=Count("pk"))
        }
        for row in rows:
            pk = row["pk"]
            facts = {
                "job_title": row["job_title"],
                "department": row["department_id"],
                "seniority_level": row["seniority_level"],
                "years_of_experience": row["profile__years_of_experience"] is not None,
                # Whitespace-only texts are rare enough to count as written here.
                "bio": row["bio_length"],
                "career_goals": row["goals_length"],
                "languages": row["profile__languages"],
                "availability": row["profile__availability"],
                "skills_offered": counts.get((pk, SkillDirection.OFFERED), 0),
                "skills_sought": counts.get((pk, SkillDirection.SOUGHT), 0),
            }
            result[pk] = _percent(_filled(facts))
    return result


def language_name(code: str) -> str:
    """The language's name in the current interface language."""
    django_code = {"zh": "zh-hans"}.get(code, code)
    try:
        return str(get_language_info(django_code)["name_translated"])
    except KeyError:
        return code


# The interface languages as a sentence names them ("Name in English", "Nom en anglais"):
# French writes them in lower case there, unlike in a list of languages.
_IN_SENTENCE = {
    "en": pgettext_lazy("language inside a sentence", "English"),
    "fr": pgettext_lazy("language inside a sentence", "French"),
}


def language_in_sentence(code: str) -> str:
    """The language's name inside a sentence of the current interface language."""
    name = _IN_SENTENCE.get(code)
    return str(name) if name is not None else language_name(code)


def language_choices() -> list[tuple[str, str]]:
    """Languages a profile may list, sorted by their translated name."""
    return sorted(
        ((code, language_name(code)) for code in PROFILE_LANGUAGE_CODES), key=lambda c: c[1]
    )


def languages_for_display(profile: Profile) -> list[dict[str, str]]:
    levels = dict(LanguageLevel.choices)
    return [
        {
            "code": item.get("code", ""),
            "name": language_name(item.get("code", "")),
            "level": str(levels.get(item.get("level", ""), "")),
        }
        for item in profile.languages or []
    ]


def availability_grid(slots: Iterable[str]) -> list[dict[str, Any]]:
    """Rows of the weekly grid: one per day part, a cell per weekday saying if it is free."""
    chosen = set(slots)
    return [
        {
            "part": part,
            "label": part_label,
            "cells": [
                {"code": f"{day}_{part}", "day": day_label, "free": f"{day}_{part}" in chosen}
                for day, day_label in WEEKDAYS
            ],
        }
        for part, part_label in DAY_PARTS
    ]


def profile_skills(profile: Profile) -> dict[str, list[ProfileSkill]]:
    """The profile's skills by direction, best level first, then by name as the reader's
    language writes it, in one query."""
    links = sorted(
        profile.skills.select_related("skill"),
        key=lambda link: (-link.level, link.skill.display_name.casefold()),
    )
    grouped: dict[str, list[ProfileSkill]] = {SkillDirection.OFFERED: [], SkillDirection.SOUGHT: []}
    for link in links:
        grouped[link.direction].append(link)
    return grouped


def manager_loop_error(membership: Membership, manager: Membership | None) -> str:
    """Why `manager` cannot be this person's manager, or "" if they can."""
    if manager is None:
        return ""
    if manager.pk == membership.pk:
        return gettext("You cannot be your own manager.")
    # The reporting line must stay a tree: the new manager may not report to this person.
    if any(above.pk == membership.pk for above in manager.reporting_chain()):
        return gettext(
            "%(name)s reports to you, directly or indirectly: choosing them as your manager "
            "would create a loop in the reporting line."
        ) % {"name": manager.user}
    return ""
