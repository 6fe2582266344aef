"""The demo people's profiles: languages, availability, goals, and skills offered and sought."""

from __future__ import annotations

import random

from mentora.accounts.models import Membership
from mentora.demo import people as data
from mentora.profiles.models import Profile, ProfileSkill, Skill, SkillDirection


def seed_profiles(
    members: list[Membership], skills_by_name: dict[str, Skill], rng: random.Random
) -> None:
    """One profile per member; young people offer digital skills, seniors seek them."""
    skills = list(skills_by_name.values())
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
                max(1, level - 1 + rng.randint(0, 2) + (1 if young and skill in digital else 0)),
            )
            links.append((profile, skill, SkillDirection.OFFERED, offered_level))
        sought_pool = digital if level >= 5 and rng.random() < 0.6 else skills
        offered = {link[1].pk for link in links if link[0] is profile}
        for skill in rng.sample([s for s in sought_pool if s.pk not in offered], rng.randint(1, 3)):
            links.append((profile, skill, SkillDirection.SOUGHT, rng.randint(2, 4)))
    Profile.objects.bulk_create(profiles)
    ProfileSkill.objects.bulk_create(
        [ProfileSkill(profile=p, skill=s, direction=d, level=lv) for p, s, d, lv in links]
    )
