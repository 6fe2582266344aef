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
from mentora.profiles import policy, services
from mentora.profiles.forms import SkillForm, SkillMergeForm, TaxonomyFilterForm
from mentora.profiles.models import Skill, SkillDirection, SkillStatus


def _categories(organisation) -> list[str]:
    return list(
        Skill.objects.of(organisation)
        .exclude(category="")
        .values_list("category", flat=True)
        .distinct()
        .order_by("category")
    )


@member_required
def taxonomy(request: MemberRequest) -> HttpResponse:
    actor = request.membership
    if not policy.can_manage_skills(actor):
        raise PermissionDenied
    filters = TaxonomyFilterForm(request.GET or None)
    skills = (
        Skill.objects.of(actor.organisation)
        .select_related("proposed_by__user")
        .annotate(
            offered=Count(
                "profile_links", filter=Q(profile_links__direction=SkillDirection.OFFERED)
            ),
            sought=Count("profile_links", filter=Q(profile_links__direction=SkillDirection.SOUGHT)),
        )
        .order_by("category", "name")
    )
    if filters.is_valid():
        query = filters.cleaned_data["q"].strip()
        if query:
            skills = skills.filter(Q(name__icontains=query) | Q(category__icontains=query))
        if filters.cleaned_data["status"] == "proposed":
            skills = skills.filter(status=SkillStatus.PROPOSED)
        elif filters.cleaned_data["status"] == "unused":
            skills = skills.filter(offered=0, sought=0)
    page = Paginator(skills, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "profiles/taxonomy.html",
        {
            "page": page,
            "filters": filters,
            "form": SkillForm(),
            "categories": _categories(actor.organisation),
            "proposed_count": Skill.objects.of(actor.organisation)
            .filter(status=SkillStatus.PROPOSED)
            .count(),
        },
    )


@member_required
def taxonomy_create(request: MemberRequest) -> HttpResponse:
    actor = request.membership
    if not policy.can_manage_skills(actor):
        raise PermissionDenied
    form = SkillForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            skill = services.create_skill(
                organisation=actor.organisation, actor=request.user, **form.cleaned_data
            )
        except services.ProfileError as error:
            form.add_error("name", error.message)
        else:
            messages.success(request, _("“%(skill)s” was added to the skills.") % {"skill": skill})
            return redirect("profiles:taxonomy")
    return render(
        request,
        "profiles/skill_form.html",
        {"form": form, "skill": None, "categories": _categories(actor.organisation)},
    )


@member_required
def taxonomy_edit(request: MemberRequest, pk: int) -> HttpResponse:
    skill = policy.get_skill_to_manage(request.membership, pk)
    form = SkillForm(request.POST or None, initial={"name": skill.name, "category": skill.category})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_skill(skill=skill, actor=request.user, **form.cleaned_data)
        except services.ProfileError as error:
            form.add_error("name", error.message)
        else:
            messages.success(request, _("The skill was saved."))
            return redirect("profiles:taxonomy")
    return render(
        request,
        "profiles/skill_form.html",
        {"form": form, "skill": skill, "categories": _categories(skill.organisation)},
    )


@member_required
def taxonomy_merge(request: MemberRequest, pk: int) -> HttpResponse:
    source = policy.get_skill_to_manage(request.membership, pk)
    form = SkillMergeForm(request.POST or None, source=source)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        name = source.name
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
