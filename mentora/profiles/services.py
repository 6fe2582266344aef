"""State changes of profiles and of the organisation's skills taxonomy."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from mentora.accounts.models import Department, Membership, Organisation, Site, User
from mentora.accounts.services import record_audit
from mentora.profiles.models import (
    AVAILABILITY_SLOTS,
    INTERFACE_LANGUAGES,
    MAX_SKILLS_PER_DIRECTION,
    Profile,
    ProfileSkill,
    Skill,
    SkillDirection,
    SkillPriority,
    SkillStatus,
)
from mentora.profiles.selectors import language_in_sentence, manager_loop_error
from mentora.profiles.signals import skill_merged


class ProfileError(Exception):
    """A change refused for a reason the member can read (already translated)."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


def ensure_profile(*, membership: Membership) -> Profile:
    """The member's profile in this organisation, created on first visit."""
    profile = Profile.objects.filter(membership=membership).first()
    if profile is not None:
        return profile
    time_zone = membership.site.time_zone if membership.site else settings.TIME_ZONE
    profile, _created = Profile.objects.get_or_create(
        membership=membership, defaults={"time_zone": time_zone}
    )
    return profile


@transaction.atomic
def update_work_record(
    *,
    membership: Membership,
    job_title: str,
    department: Department | None,
    site: Site | None,
    seniority_level: int | None,
    manager: Membership | None,
) -> Membership:
    """Save the job details a member keeps themselves (not for HR-managed people)."""
    if membership.employee_id:
        raise ProfileError(_("These details come from your HR records and cannot be changed here."))
    error = manager_loop_error(membership, manager)
    if error:
        raise ProfileError(error)
    scale = membership.organisation.seniority_scale
    if seniority_level is not None and not 1 <= seniority_level <= scale:
        raise ProfileError(_("Choose a level between 1 and %(max)s.") % {"max": scale})
    for related in (department, site, manager):
        if related is not None and related.organisation_id != membership.organisation_id:
            raise ProfileError(_("Choose among your organisation's entries."))
    membership.job_title = job_title
    membership.department = department
    membership.site = site
    membership.seniority_level = seniority_level
    membership.manager = manager
    membership.save(update_fields=["job_title", "department", "site", "seniority_level", "manager"])
    return membership


@transaction.atomic
def update_profile_details(
    *,
    profile: Profile,
    years_of_experience: int | None,
    time_zone: str,
    bio: str,
    career_goals: str,
) -> Profile:
    """Save the free-text parts of a profile, experience and time zone."""
    profile.years_of_experience = years_of_experience
    profile.time_zone = time_zone
    profile.bio = bio.strip()
    profile.career_goals = career_goals.strip()
    profile.save(update_fields=["years_of_experience", "time_zone", "bio", "career_goals"])
    return profile


@transaction.atomic
def set_languages(*, profile: Profile, languages: list[dict[str, str]]) -> Profile:
    """Replace the languages a member speaks (code and level each, no duplicates)."""
    codes = [item["code"] for item in languages]
    if not codes:
        raise ProfileError(_("Add at least one language."))
    if len(set(codes)) != len(codes):
        raise ProfileError(_("Each language may appear only once."))
    profile.languages = [{"code": item["code"], "level": item["level"]} for item in languages]
    profile.save(update_fields=["languages", "updated_at"])
    return profile


@transaction.atomic
def set_availability(*, profile: Profile, slots: list[str]) -> Profile:
    """Replace the half-days a member is usually free."""
    unknown = set(slots) - set(AVAILABILITY_SLOTS)
    if unknown:
        raise ProfileError(_("Unknown time slot."))
    # Stored in the grid's order so that the list reads naturally and compares equal.
    profile.availability = [slot for slot in AVAILABILITY_SLOTS if slot in set(slots)]
    profile.save(update_fields=["availability", "updated_at"])
    return profile


def _check_skill_for(profile: Profile, skill: Skill) -> None:
    membership = profile.membership
    if skill.organisation_id != membership.organisation_id:
        raise ProfileError(_("Choose a skill from your organisation's list."))
    if skill.status == SkillStatus.PROPOSED and skill.proposed_by_id != membership.pk:
        raise ProfileError(_("This skill awaits review and cannot be chosen yet."))


@transaction.atomic
def add_profile_skill(
    *, profile: Profile, skill: Skill, direction: str, level: int, priority: str = ""
) -> ProfileSkill:
    """List a skill the member offers or seeks; a skill appears once on a profile."""
    _check_skill_for(profile, skill)
    if not 1 <= level <= 5:
        raise ProfileError(_("Choose a level between 1 and 5."))
    existing = profile.skills.filter(skill=skill).first()
    if existing is not None:
        if existing.direction == SkillDirection.OFFERED:
            raise ProfileError(
                _("“%(skill)s” is already among the skills you offer.") % {"skill": skill}
            )
        raise ProfileError(
            _("“%(skill)s” is already among the skills you seek.") % {"skill": skill}
        )
    if profile.skills.filter(direction=direction).count() >= MAX_SKILLS_PER_DIRECTION:
        raise ProfileError(
            _("You can list up to %(max)s skills here: remove one first.")
            % {"max": MAX_SKILLS_PER_DIRECTION}
        )
    return ProfileSkill.objects.create(
        profile=profile,
        skill=skill,
        direction=direction,
        level=level,
        priority=_priority_for(direction, priority),
    )


def _priority_for(direction: str, priority: str) -> str:
    if direction != SkillDirection.SOUGHT:
        return ""
    return priority if priority in SkillPriority.values else SkillPriority.NICE_TO_HAVE


@transaction.atomic
def update_profile_skill(*, link: ProfileSkill, level: int, priority: str = "") -> ProfileSkill:
    """Change the level (and, for a sought skill, the priority) of a profile's skill."""
    if not 1 <= level <= 5:
        raise ProfileError(_("Choose a level between 1 and 5."))
    link.level = level
    link.priority = _priority_for(link.direction, priority)
    link.save(update_fields=["level", "priority"])
    return link


@transaction.atomic
def remove_profile_skill(*, link: ProfileSkill) -> None:
    """Take a skill off a profile."""
    link.delete()


def _clean_name(name: str) -> str:
    return " ".join(name.split())


def _clean_translations(translations: Mapping[str, str] | None) -> dict[str, str]:
    """Names typed for the interface languages, tidied; empty ones left out (they read as
    the canonical name)."""
    cleaned = {code: _clean_name(text or "") for code, text in (translations or {}).items()}
    return {code: text for code, text in cleaned.items() if code in INTERFACE_LANGUAGES and text}


@dataclass(frozen=True)
class NameClash:
    """An existing skill that already bears a name typed for another one."""

    skill: Skill
    name: str  # the clashing name, as the existing skill writes it
    language: str  # "" for its canonical name, else the language of its translation


def find_name_clash(
    organisation_id: int, names: Iterable[str], *, exclude: int | None = None
) -> NameClash | None:
    """The first skill of the organisation that one of `names` already names, in any
    language, case aside."""
    wanted = {name.casefold() for name in names if name}
    if not wanted:
        return None
    # Compared here rather than in SQL: SQLite ignores the case of ASCII letters only
    # ("Équipe" and "équipe" would differ), and a taxonomy is a few hundred rows.
    skills = Skill.objects.filter(organisation_id=organisation_id).order_by("pk")
    if exclude is not None:
        skills = skills.exclude(pk=exclude)
    for skill in skills.only("pk", "name", "name_translations", "status", "proposed_by"):
        if skill.name.casefold() in wanted:
            return NameClash(skill=skill, name=skill.name, language="")
        for code, text in sorted((skill.name_translations or {}).items()):
            if text.casefold() in wanted:
                return NameClash(skill=skill, name=text, language=code)
    return None


def _file_under(organisation_id: int, category: str) -> str:
    """The category as the taxonomy files it: one typed in another language ("Digital" for
    "Numérique") goes under the existing category it translates."""
    category = _clean_name(category)
    wanted = category.casefold()
    rows = (
        Skill.objects.filter(organisation_id=organisation_id)
        .exclude(category="")
        .values_list("category", "category_translations")
    )
    if not category or any(canonical.casefold() == wanted for canonical, _t in rows):
        return category
    for canonical, translations in rows:
        if any(text.casefold() == wanted for text in (translations or {}).values()):
            return canonical
    return category


def _category_translations(
    organisation_id: int, category: str, typed: Mapping[str, str], *, exclude: int | None
) -> dict[str, str]:
    """The category's names in the other languages: as typed, else as the category's other
    skills already read (a category is translated once for all its skills)."""
    if not category:
        return {}
    known: dict[str, str] = {}
    siblings = Skill.objects.filter(organisation_id=organisation_id, category=category)
    if exclude is not None:
        siblings = siblings.exclude(pk=exclude)
    for translations in siblings.values_list("category_translations", flat=True):
        for code, text in (translations or {}).items():
            known.setdefault(code, text)
    return {**known, **_clean_translations(typed)}


def _share_category_translations(skill: Skill) -> None:
    """The other skills of the category take the names just given to it."""
    if not skill.category or not skill.category_translations:
        return
    siblings = list(
        Skill.objects.filter(organisation_id=skill.organisation_id, category=skill.category)
        .exclude(pk=skill.pk)
        .only("pk", "category_translations")
    )
    for sibling in siblings:
        sibling.category_translations = {
            **(sibling.category_translations or {}),
            **skill.category_translations,
        }
    Skill.objects.bulk_update(siblings, ["category_translations"])


@transaction.atomic
def propose_skill(*, membership: Membership, name: str, category: str = "") -> Skill:
    """A member suggests a skill missing from the taxonomy; coordinators review it.

    The name is kept as typed, whatever its language: the coordinators add the other
    languages' names when they review it."""
    name = _clean_name(name)
    if not name:
        raise ProfileError(_("Give the skill a name."))
    clash = find_name_clash(membership.organisation_id, [name])
    if clash is not None:
        existing = clash.skill
        if existing.status == SkillStatus.ACCEPTED or existing.proposed_by_id == membership.pk:
            if existing.display_name.casefold() == name.casefold():
                raise ProfileError(
                    _("“%(skill)s” is already in the list: choose it there.") % {"skill": existing}
                )
            raise ProfileError(
                _("“%(name)s” is already in the list as “%(skill)s”: choose it there.")
                % {"name": name, "skill": existing}
            )
        raise ProfileError(
            _("A colleague already proposed “%(skill)s”; you can choose it once it is accepted.")
            % {"skill": existing}
        )
    category = _file_under(membership.organisation_id, category)
    skill = Skill.objects.create(
        organisation_id=membership.organisation_id,
        name=name,
        category=category,
        category_translations=_category_translations(
            membership.organisation_id, category, {}, exclude=None
        ),
        status=SkillStatus.PROPOSED,
        proposed_by=membership,
    )
    record_audit(
        organisation=membership.organisation,
        actor=membership.user,
        action="skill.propose",
        target=skill.name,
    )
    return skill


@transaction.atomic
def propose_profile_skill(
    *, profile: Profile, name: str, category: str, direction: str, level: int
) -> ProfileSkill:
    """Propose a skill and list it on the proposer's profile at once (both or neither)."""
    skill = propose_skill(membership=profile.membership, name=name, category=category)
    return add_profile_skill(profile=profile, skill=skill, direction=direction, level=level)


def _refuse_duplicate_names(organisation_id: int, names: list[str], exclude: int | None) -> None:
    """A name, in any language, belongs to one skill only: the reader could not tell two
    skills apart, and a member typing it could not say which one they meant."""
    clash = find_name_clash(organisation_id, names, exclude=exclude)
    if clash is None:
        return
    # Where the reader sees the clashing name as the skill's own, its language goes unsaid.
    if not clash.language or clash.skill.display_name.casefold() == clash.name.casefold():
        raise ProfileError(
            _("The taxonomy already has a skill named “%(name)s”: merge into it instead.")
            % {"name": clash.name}
        )
    raise ProfileError(
        _(
            "“%(name)s” is already the %(language)s name of the skill “%(skill)s”: "
            "merge into it instead."
        )
        % {
            "name": clash.name,
            "language": language_in_sentence(clash.language),
            "skill": clash.skill,
        }
    )


def _checked_names(
    organisation_id: int, name: str, translations: Mapping[str, str] | None, exclude: int | None
) -> tuple[str, dict[str, str]]:
    name = _clean_name(name)
    if not name:
        raise ProfileError(_("Give the skill a name."))
    translations = _clean_translations(translations)
    _refuse_duplicate_names(organisation_id, [name, *translations.values()], exclude)
    return name, translations


@transaction.atomic
def create_skill(
    *,
    organisation: Organisation,
    actor: User,
    name: str,
    category: str,
    name_translations: Mapping[str, str] | None = None,
    category_translations: Mapping[str, str] | None = None,
) -> Skill:
    """Add an accepted skill to the organisation's taxonomy, named in one language or more."""
    name, translations = _checked_names(organisation.pk, name, name_translations, None)
    category = _file_under(organisation.pk, category)
    skill = Skill.objects.create(
        organisation=organisation,
        name=name,
        name_translations=translations,
        category=category,
        category_translations=_category_translations(
            organisation.pk, category, category_translations or {}, exclude=None
        ),
    )
    _share_category_translations(skill)
    record_audit(organisation=organisation, actor=actor, action="skill.create", target=skill.name)
    return skill


@transaction.atomic
def update_skill(
    *,
    skill: Skill,
    actor: User,
    name: str,
    category: str,
    name_translations: Mapping[str, str] | None = None,
    category_translations: Mapping[str, str] | None = None,
) -> Skill:
    """Rename a skill (in each language) or move it to another category."""
    name, translations = _checked_names(skill.organisation_id, name, name_translations, skill.pk)
    previous = {
        "name": skill.name,
        "category": skill.category,
        "name_translations": skill.name_translations,
    }
    skill.name = name
    skill.name_translations = translations
    skill.category = _file_under(skill.organisation_id, category)
    skill.category_translations = _category_translations(
        skill.organisation_id, skill.category, category_translations or {}, exclude=skill.pk
    )
    skill.save(update_fields=["name", "name_translations", "category", "category_translations"])
    _share_category_translations(skill)
    record_audit(
        organisation=skill.organisation,
        actor=actor,
        action="skill.update",
        target=skill.name,
        previous=previous,
    )
    return skill


@transaction.atomic
def accept_skill(*, skill: Skill, actor: User) -> Skill:
    """Make a member's proposal part of the shared taxonomy."""
    skill.status = SkillStatus.ACCEPTED
    skill.save(update_fields=["status"])
    record_audit(
        organisation=skill.organisation, actor=actor, action="skill.accept", target=skill.name
    )
    return skill


@transaction.atomic
def merge_skill(*, source: Skill, target: Skill, actor: User) -> Skill:
    """Fold `source` into `target`: every profile and answer that named it names the target.

    A profile that already lists the target keeps one line: in the same direction the
    higher level (and must-have over nice-to-have) wins; in the other direction the
    target's line stays as it is.
    """
    if source.pk == target.pk:
        raise ProfileError(_("Choose another skill to merge into."))
    if source.organisation_id != target.organisation_id:
        raise ProfileError(_("Choose a skill from your organisation's list."))
    source_links = list(ProfileSkill.objects.select_for_update().filter(skill=source))
    target_links = {
        link.profile_id: link
        for link in ProfileSkill.objects.select_for_update().filter(
            skill=target, profile_id__in=[link.profile_id for link in source_links]
        )
    }
    moved, folded = [], []
    for link in source_links:
        kept = target_links.get(link.profile_id)
        if kept is None:
            moved.append(link.pk)
            continue
        folded.append(link.pk)
        if kept.direction == link.direction:
            kept.level = max(kept.level, link.level)
            if SkillPriority.MUST_HAVE in (kept.priority, link.priority):
                kept.priority = SkillPriority.MUST_HAVE
            kept.save(update_fields=["level", "priority"])
    ProfileSkill.objects.filter(pk__in=folded).delete()
    ProfileSkill.objects.filter(pk__in=moved).update(skill=target)
    # Apps above this one (application answers, …) point their own records at the target.
    replies = skill_merged.send(Skill, source=source, target=target)
    answers = sum(cast(int, count) for _, count in replies)
    record_audit(
        organisation=source.organisation,
        actor=actor,
        action="skill.merge",
        target=target.name,
        merged=source.name,
        moved=len(moved),
        folded=len(folded),
        answers=answers,
    )
    source.delete()
    return target


@transaction.atomic
def delete_skill(*, skill: Skill, actor: User) -> None:
    """Remove a skill nobody lists (merge it into another one otherwise)."""
    if ProfileSkill.objects.filter(skill=skill).exists():
        raise ProfileError(
            _("“%(skill)s” is on some profiles: merge it into another skill instead.")
            % {"skill": skill}
        )
    record_audit(
        organisation=skill.organisation, actor=actor, action="skill.delete", target=skill.name
    )
    skill.delete()
