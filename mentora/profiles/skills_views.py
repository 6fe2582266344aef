"""The organisation's skills taxonomy, as coordinators and org admins curate it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.accounts.models import Organisation
from mentora.profiles import policy, services
from mentora.profiles.forms import SkillForm, SkillMergeForm, TaxonomyFilterForm, category_list_id
from mentora.profiles.models import (
    INTERFACE_LANGUAGES,
    Skill,
    SkillDirection,
    SkillStatus,
    reading_language,
)
from mentora.profiles.selectors import language_in_sentence, language_name


def _category_lists(organisation: Organisation) -> list[tuple[str, list[str]]]:
    """(datalist id, existing category names) per interface language, for the form's
    category fields to offer."""
    names: dict[str, set[str]] = {code: set() for code in INTERFACE_LANGUAGES}
    rows = (
        Skill.objects.of(organisation)
        .exclude(category="")
        .values_list("category", "category_translations")
        .order_by()
        .distinct()
    )
    for category, translations in rows:
        names.setdefault(organisation.default_language, set()).add(category)
        for code, text in (translations or {}).items():
            if code in names:
                names[code].add(text)
    return [(category_list_id(code), sorted(values)) for code, values in names.items()]


def _other_names(skill: Skill, organisation: Organisation) -> list[dict[str, str]]:
    """The skill's names in the languages other than the reader's: each language's name, or
    "" where the taxonomy does not give one yet."""
    shown = reading_language()
    names = []
    for code in INTERFACE_LANGUAGES:
        if code == shown:
            continue
        if code == organisation.default_language:
            name = skill.name
        else:
            name = (skill.name_translations or {}).get(code, "")
        names.append(
            {
                "code": code,
                "language": language_name(code),
                "in_sentence": language_in_sentence(code),
                "name": name,
            }
        )
    return names


@member_required
def taxonomy(request: MemberRequest) -> HttpResponse:
    actor = request.membership
    if not policy.can_manage_skills(actor):
        raise PermissionDenied
    organisation = actor.organisation
    filters = TaxonomyFilterForm(request.GET or None)
    skills = Skill.objects.of(organisation)
    if filters.is_valid():
        query = filters.cleaned_data["q"].strip()
        if query:
            skills = skills.search(query)
    skills = skills.select_related("proposed_by__user").annotate(
        offered=Count("profile_links", filter=Q(profile_links__direction=SkillDirection.OFFERED)),
        sought=Count("profile_links", filter=Q(profile_links__direction=SkillDirection.SOUGHT)),
    )
    if filters.is_valid():
        if filters.cleaned_data["status"] == "proposed":
            skills = skills.filter(status=SkillStatus.PROPOSED)
        elif filters.cleaned_data["status"] == "unused":
            skills = skills.filter(offered=0, sought=0)
    skills = skills.in_reading_order()
    page = Paginator(skills, 100).get_page(request.GET.get("page"))
    rows = [{"skill": skill, "other_names": _other_names(skill, organisation)} for skill in page]
    return render(
        request,
        "profiles/taxonomy.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            "form": SkillForm(organisation=organisation),
            "category_lists": _category_lists(organisation),
            "proposed_count": Skill.objects.of(organisation)
            .filter(status=SkillStatus.PROPOSED)
            .count(),
        },
    )


@member_required
def taxonomy_create(request: MemberRequest) -> HttpResponse:
    actor = request.membership
    if not policy.can_manage_skills(actor):
        raise PermissionDenied
    form = SkillForm(request.POST or None, organisation=actor.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            skill = services.create_skill(
                organisation=actor.organisation, actor=request.user, **form.skill_fields()
            )
        except services.ProfileError as error:
            form.add_error("name", error.message)
        else:
            messages.success(request, _("“%(skill)s” was added to the skills.") % {"skill": skill})
            return redirect("profiles:taxonomy")
    return render(
        request,
        "profiles/skill_form.html",
        {"form": form, "skill": None, "category_lists": _category_lists(actor.organisation)},
    )


@member_required
def taxonomy_edit(request: MemberRequest, pk: int) -> HttpResponse:
    skill = policy.get_skill_to_manage(request.membership, pk)
    organisation = request.membership.organisation
    form = SkillForm(
        request.POST or None, organisation=organisation, initial=SkillForm.initial_for(skill)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_skill(skill=skill, actor=request.user, **form.skill_fields())
        except services.ProfileError as error:
            form.add_error("name", error.message)
        else:
            # A proposal is often accepted once the coordinator has named it in each language.
            if skill.is_proposed and "accept" in request.POST:
                services.accept_skill(skill=skill, actor=request.user)
                messages.success(
                    request, _("“%(skill)s” is now part of the skills.") % {"skill": skill}
                )
            else:
                messages.success(request, _("The skill was saved."))
            return redirect("profiles:taxonomy")
    return render(
        request,
        "profiles/skill_form.html",
        {"form": form, "skill": skill, "category_lists": _category_lists(organisation)},
    )


@member_required
def taxonomy_merge(request: MemberRequest, pk: int) -> HttpResponse:
    source = policy.get_skill_to_manage(request.membership, pk)
    form = SkillMergeForm(request.POST or None, source=source)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        name = source.display_name
        try:
            services.merge_skill(source=source, target=target, actor=request.user)
        except services.ProfileError as error:
            form.add_error("target", error.message)
        else:
            messages.success(
                request,
                _("“%(source)s” was merged into “%(target)s”.")
                % {"source": name, "target": target},
            )
            return redirect("profiles:taxonomy")
    usage = source.profile_links.count()
    return render(
        request, "profiles/skill_merge.html", {"form": form, "skill": source, "usage": usage}
    )


@member_required
@require_POST
def taxonomy_accept(request: MemberRequest, pk: int) -> HttpResponse:
    skill = policy.get_skill_to_manage(request.membership, pk)
    services.accept_skill(skill=skill, actor=request.user)
    messages.success(request, _("“%(skill)s” is now part of the skills.") % {"skill": skill})
    return redirect("profiles:taxonomy")


@member_required
@require_POST
def taxonomy_delete(request: MemberRequest, pk: int) -> HttpResponse:
    skill = policy.get_skill_to_manage(request.membership, pk)
    try:
        services.delete_skill(skill=skill, actor=request.user)
    except services.ProfileError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("“%(skill)s” was deleted.") % {"skill": skill})
    return redirect("profiles:taxonomy")
