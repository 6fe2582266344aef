"""Forms of the profile editor and of the skills taxonomy."""

from __future__ import annotations

import zoneinfo
from functools import cache
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Department, Membership, Organisation, Site
from mentora.profiles.models import (
    AVAILABILITY_SLOTS,
    INTERFACE_LANGUAGES,
    LanguageLevel,
    Profile,
    Skill,
    SkillDirection,
    SkillPriority,
)
from mentora.profiles.selectors import language_choices, language_in_sentence, manager_loop_error

LEVEL_CHOICES = [(n, str(n)) for n in range(1, 6)]
LEVEL_ERROR = _("Choose a level between 1 and 5.")


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    """Geographic time zones (Europe/Paris…), without the legacy aliases."""
    names = sorted(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix", "right"))
    )
    return [(name, name.replace("_", " ")) for name in names]


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return member_label(obj)


def member_label(membership: Membership) -> str:
    user = membership.user
    name = user.get_full_name() or user.email
    return f"{name} · {membership.job_title}" if membership.job_title else name


class WorkRecordForm(forms.Form):
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False
    )
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none(), required=False)
    seniority_level = forms.TypedChoiceField(
        label=_("Seniority level"), coerce=int, empty_value=None, required=False
    )
    manager = MemberChoiceField(
        label=_("Manager"),
        queryset=Membership.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": _(
                "Choose your manager among the active members of your organisation."
            )
        },
    )

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "job_title": membership.job_title,
                "department": membership.department_id,
                "site": membership.site_id,
                "seniority_level": membership.seniority_level,
                "manager": membership.manager_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.membership = membership
        organisation = membership.organisation
        scale = organisation.seniority_scale
        cast(
            forms.ModelChoiceField, self.fields["department"]
        ).queryset = Department.objects.filter(organisation=organisation)
        cast(forms.ModelChoiceField, self.fields["site"]).queryset = Site.objects.filter(
            organisation=organisation
        )
        level = cast(forms.ChoiceField, self.fields["seniority_level"])
        level.choices = [("", "—"), *((n, str(n)) for n in range(1, scale + 1))]
        level.help_text = _("1 is entry level, %(max)s the most senior.") % {"max": scale}
        level.error_messages["invalid_choice"] = _("Choose a level between 1 and %(max)s.") % {
            "max": scale
        }
        # Any active member may be chosen; the page offers a search instead of listing them all.
        cast(forms.ModelChoiceField, self.fields["manager"]).queryset = (
            Membership.objects.active().of(organisation).select_related("user")
        )

    def clean_manager(self) -> Membership | None:
        manager = self.cleaned_data.get("manager")
        error = manager_loop_error(self.membership, manager)
        if error:
            raise forms.ValidationError(error)
        return manager

    def current_manager(self) -> Membership | None:
        """The manager shown selected: the one just chosen, else the saved one."""
        if self.is_bound:
            value = self.data.get("manager")
            if not value:
                return None
            try:
                return (
                    cast(forms.ModelChoiceField, self.fields["manager"])
                    .queryset.filter(pk=int(value))  # type: ignore[union-attr]
                    .first()
                )
            except (TypeError, ValueError):
                return None
        return self.membership.manager


class ProfileDetailsForm(forms.ModelForm):
    years_of_experience = forms.IntegerField(
        label=_("Years of experience"), min_value=0, max_value=60, required=False
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)
    bio = forms.CharField(
        label=_("Short bio"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few lines about your path and what you enjoy working on."),
    )
    career_goals = forms.CharField(
        label=_("Career goals"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Where you would like to be in two or three years."),
    )

    class Meta:
        model = Profile
        fields = ["years_of_experience", "time_zone", "bio", "career_goals"]


class LanguageForm(forms.Form):
    code = forms.ChoiceField(label=_("Language"), choices=lambda: [("", "—"), *language_choices()])
    level = forms.ChoiceField(label=_("Level"), choices=LanguageLevel.choices)


class BaseLanguageFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):  # type: ignore[attr-defined]
                continue
            code = form.cleaned_data.get("code")
            if not code:
                continue
            if code in seen:
                label = dict(language_choices()).get(code, code)
                raise forms.ValidationError(
                    _("You listed %(language)s twice: keep it once.") % {"language": label}
                )
            seen.add(code)
        if not seen:
            raise forms.ValidationError(_("Add at least one language."))

    def languages(self) -> list[dict[str, str]]:
        return [
            {"code": form.cleaned_data["code"], "level": form.cleaned_data["level"]}
            for form in self.forms
            if form.cleaned_data.get("code")
            and not (self.can_delete and self._should_delete_form(form))  # type: ignore[attr-defined]
        ]


LanguageFormSet = forms.formset_factory(
    LanguageForm,
    formset=BaseLanguageFormSet,
    extra=1,
    can_delete=True,
    max_num=10,
    validate_max=True,
)


class AvailabilityForm(forms.Form):
    slots = forms.MultipleChoiceField(
        label=_("Weekly availability"),
        choices=[(slot, slot) for slot in AVAILABILITY_SLOTS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Unknown time slot.")},
    )


def _grouped_skill_choices(skills: list[Skill]) -> list[Any]:
    """Skills by category, both named in the reader's language (in the order given)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for skill in skills:
        name = skill.display_name
        label = name if not skill.is_proposed else f"{name} ({_('awaiting review')})"
        groups.setdefault(skill.display_category or str(_("Other")), []).append((skill.pk, label))
    return [("", "—"), *sorted(groups.items())]


class ProfileSkillForm(forms.Form):
    """Add one skill, offered or sought, to one's profile."""

    skill = forms.ModelChoiceField(
        label=_("Skill"),
        queryset=Skill.objects.none(),
        error_messages={"invalid_choice": _("Choose a skill from your organisation's list.")},
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=LEVEL_CHOICES,
        coerce=int,
        initial=3,
        error_messages={"invalid_choice": LEVEL_ERROR},
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=SkillPriority.choices,
        required=False,
        initial=SkillPriority.NICE_TO_HAVE,
    )

    def __init__(self, *args: Any, membership: Membership, direction: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.direction = direction
        queryset = Skill.objects.usable_by(membership).in_reading_order()
        cast(forms.ModelChoiceField, self.fields["skill"]).queryset = queryset
        self.fields["skill"].widget.choices = _grouped_skill_choices(list(queryset))
        if direction == SkillDirection.OFFERED:
            del self.fields["priority"]
            self.fields["level"].help_text = _("1 = you know the basics, 5 = you are an expert.")
        else:
            self.fields["level"].help_text = _("The level you would like to reach.")

    def clean_priority(self) -> str:
        return self.cleaned_data.get("priority") or SkillPriority.NICE_TO_HAVE


class ProfileSkillUpdateForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=LEVEL_CHOICES,
        coerce=int,
        error_messages={"invalid_choice": LEVEL_ERROR},
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=SkillPriority.choices, required=False)


class SkillProposalForm(forms.Form):
    """Suggest a skill missing from the list; it goes on one's profile at once."""

    name = forms.CharField(label=_("Skill name"), max_length=120)
    category = forms.CharField(
        label=_("Category"),
        max_length=120,
        required=False,
        help_text=_("Optional: the coordinators may file it elsewhere."),
    )
    direction = forms.ChoiceField(
        label=_("I"),
        choices=[
            (SkillDirection.OFFERED, _("offer this skill")),
            (SkillDirection.SOUGHT, _("seek this skill")),
        ],
        widget=forms.RadioSelect,
        initial=SkillDirection.OFFERED,
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=LEVEL_CHOICES,
        coerce=int,
        initial=3,
        error_messages={"invalid_choice": LEVEL_ERROR},
    )


def category_list_id(language: str) -> str:
    """The id of the datalist offering a language's existing category names."""
    return f"skill-categories-{language}"


class SkillForm(forms.Form):
    """A taxonomy entry, as coordinators name and file it in each interface language.

    `name` and `category` are the canonical ones, in the organisation's language; the
    other languages' fields (`name_en`, `category_en`…) are optional and read as them when
    left empty.
    """

    name = forms.CharField(max_length=120)
    category = forms.CharField(max_length=120, required=False)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.canonical_language = organisation.default_language
        self.other_languages = [
            code for code in INTERFACE_LANGUAGES if code != self.canonical_language
        ]
        self.fields["name"].label = _name_label(self.canonical_language)
        self.fields["category"].label = _category_label(self.canonical_language)
        self.fields["category"].widget.attrs["list"] = category_list_id(self.canonical_language)
        # Names first, then categories: each reads as a pair of languages.
        order = ["name"]
        for code in self.other_languages:
            self.fields[f"name_{code}"] = forms.CharField(
                label=_name_label(code), max_length=120, required=False
            )
            order.append(f"name_{code}")
        order.append("category")
        for code in self.other_languages:
            self.fields[f"category_{code}"] = forms.CharField(
                label=_category_label(code),
                max_length=120,
                required=False,
                help_text=_("Applies to every skill of this category."),
                widget=forms.TextInput(attrs={"list": category_list_id(code)}),
            )
            order.append(f"category_{code}")
        self.order_fields(order)

    @classmethod
    def initial_for(cls, skill: Skill) -> dict[str, str]:
        initial = {"name": skill.name, "category": skill.category}
        for code, text in (skill.name_translations or {}).items():
            initial[f"name_{code}"] = text
        for code, text in (skill.category_translations or {}).items():
            initial[f"category_{code}"] = text
        return initial

    def skill_fields(self) -> dict[str, Any]:
        """What the services take: canonical name and category, and their translations."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "category": data["category"],
            "name_translations": {code: data[f"name_{code}"] for code in self.other_languages},
            "category_translations": {
                code: data[f"category_{code}"] for code in self.other_languages
            },
        }


def _name_label(language: str) -> str:
    return _("Name in %(language)s") % {"language": language_in_sentence(language)}


def _category_label(language: str) -> str:
    return _("Category in %(language)s") % {"language": language_in_sentence(language)}


class SkillMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Skill.objects.none(),
        error_messages={"invalid_choice": _("Choose a skill from your organisation's list.")},
    )

    def __init__(self, *args: Any, source: Skill, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = (
            Skill.objects.of(source.organisation)
            .accepted()
            .exclude(pk=source.pk)
            .in_reading_order()
        )
        cast(forms.ModelChoiceField, self.fields["target"]).queryset = queryset
        self.fields["target"].widget.choices = _grouped_skill_choices(list(queryset))


class TaxonomyFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("proposed", _("Awaiting review")), ("unused", _("Unused"))],
    )
