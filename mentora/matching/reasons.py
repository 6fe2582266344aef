"""Reasons, score parts and broken rules in the reader's language.

The engine stores reason keys with parameters; its English templates are marked with
gettext_noop, so translating the template then interpolating gives the reader's language.
A skill is stored under its canonical name (the engine's key); given the programme's
skills, it is shown under its name in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Q
from django.utils.translation import get_language_info, gettext, gettext_lazy, gettext_noop

from mentora.matching.engine.i18n import MESSAGES
from mentora.matching.engine.text import nameable_words
from mentora.profiles.models import Skill
from mentora.programs.models import Programme

# Reasons the Django side adds to the engine's.
LOCAL_MESSAGES = {
    "training_incomplete": gettext_noop("required training not finished"),
    "left_organisation": gettext_noop("has left the organisation"),
    "manual": gettext_noop("assigned by hand by the coordinator"),
}

PART_LABELS = {
    "skills": gettext_lazy("Skills"),
    "goals": gettext_lazy("Goals"),
    "seniority": gettext_lazy("Seniority"),
    "department": gettext_lazy("Department"),
    "language": gettext_lazy("Language"),
    "availability": gettext_lazy("Availability"),
    "timezone": gettext_lazy("Time zone"),
    "preference": gettext_lazy("Preferences"),
}

BROKEN_RULES = {
    "same_person": gettext_lazy("a person cannot be paired with themselves"),
    "reporting_line": gettext_lazy("they are in the same reporting line"),
    "no_shared_language": gettext_lazy("they share no language"),
    "seniority": gettext_lazy("the seniority rule of the programme is not met"),
    "department": gettext_lazy("the department rule of the programme is not met"),
    "avoided": gettext_lazy("one of them asked not to be paired with the other"),
    "forbidden": gettext_lazy("the pair is forbidden"),
    "other_organisation": gettext_lazy("they belong to different organisations"),
    "capacity": gettext_lazy("the mentor has more mentees than their capacity"),
    "below_min_score": gettext_lazy("the score is below the minimum score"),
}


def _language_name(code: object) -> str:
    try:
        return str(get_language_info(str(code))["name_translated"])
    except KeyError:
        return str(code)


def skills_by_name(programme: Programme) -> dict[str, Skill]:
    """The skills a run of the programme may name, by canonical name: its organisation's and
    its partners' (the programme's own organisation wins a name both use). Read once per
    programme object, as a review names skills on every row."""
    cached = getattr(programme, "_skills_by_name", None)
    if cached is None:
        skills = Skill.objects.filter(
            Q(organisation_id=programme.organisation_id)
            | Q(organisation_id__in=programme.partner_organisations.values("pk"))
        ).only("pk", "organisation_id", "name", "name_translations")
        own_last = sorted(skills, key=lambda s: s.organisation_id == programme.organisation_id)
        cached = {skill.name: skill for skill in own_last}
        programme._skills_by_name = cached  # type: ignore[attr-defined]
    return cached


def render_reason(
    key: str, params: dict | None = None, skills: Mapping[str, Skill] | None = None
) -> str:
    """One reason in the active language; unknown keys are shown as they are, a
    shared-goals reason with no word worth naming as an empty string. A skill found in
    `skills` is named in the reader's language, else as stored."""
    template = MESSAGES.get(key) or LOCAL_MESSAGES.get(key)
    if template is None:
        return key
    params = dict(params or {})
    if key == "shared_language":
        params["language"] = _language_name(params.get("language"))
    if key == "skill_fit" and skills:
        skill = skills.get(str(params.get("skill", "")))
        if skill is not None:
            params["skill"] = skill.display_name
    if key == "shared_goals":
        # The participants' own words, left as written; runs stored before the engine
        # knew stop words may still list some ("de, ans, filiale"): they are left out.
        words = nameable_words(str(params.get("words", "")))
        if not words:
            return ""
        params["words"] = ", ".join(words)
    try:
        return gettext(template) % params
    except (KeyError, TypeError, ValueError):
        return gettext(template)


def render_reasons(reasons: list[dict], skills: Mapping[str, Skill] | None = None) -> list[str]:
    """Each reason in the active language; a reason left with nothing to say is dropped."""
    texts = (
        render_reason(item.get("key", ""), item.get("params"), skills) for item in reasons or []
    )
    return [text for text in texts if text]


def render_breakdown(breakdown: dict[str, float]) -> list[tuple[str, float]]:
    """Named parts with a positive value, largest first, labelled in the active language."""
    parts = [(name, value) for name, value in (breakdown or {}).items() if value > 0.0005]
    parts.sort(key=lambda item: -item[1])
    return [(str(PART_LABELS.get(name, name)), value) for name, value in parts]


def render_broken(rules: list[str]) -> list[str]:
    return [str(BROKEN_RULES.get(key, key)) for key in rules or []]
