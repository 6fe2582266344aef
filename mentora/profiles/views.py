"""The member's profile: read it, edit it part by part, and read a colleague's."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.accounts.models import Membership
from mentora.profiles import policy, services
from mentora.profiles.forms import (
    AvailabilityForm,
    LanguageFormSet,
    ProfileDetailsForm,
    ProfileSkillForm,
    ProfileSkillUpdateForm,
    SkillProposalForm,
    WorkRecordForm,
    member_label,
)
from mentora.profiles.models import MAX_SKILLS_PER_DIRECTION, Profile, SkillDirection, SkillPriority
from mentora.profiles.selectors import (
    availability_grid,
    languages_for_display,
    profile_completeness,
    profile_skills,
)

MANAGER_SEARCH_LIMIT = 20


def _profile_context(membership: Membership, profile: Profile) -> dict:
    return {
        "membership": membership,
        "profile": profile,
        "languages": languages_for_display(profile),
        "availability": availability_grid(profile.availability or []),
        "skills": profile_skills(profile),
        "completeness": profile_completeness(profile),
    }


@member_required
def my_profile(request: MemberRequest) -> HttpResponse:
    membership = _own_membership(request)
    profile = services.ensure_profile(membership=membership)
    context = _profile_context(membership, profile)
    context["is_own"] = True
    context["hr_managed"] = not policy.can_edit_work_record(membership)
    return render(request, "profiles/profile_detail.html", context)


@member_required
def member_profile(request: MemberRequest, pk: int) -> HttpResponse:
    membership = policy.get_viewable_membership(request.membership, pk)
    if membership.pk == request.membership.pk:
        return redirect("profiles:mine")
    profile = Profile.objects.filter(membership=membership).first() or Profile(
        membership=membership
    )
    context = (
        _profile_context(membership, profile)
        if profile.pk
        else {
            "membership": membership,
            "profile": None,
        }
    )
    context["is_own"] = False
    return render(request, "profiles/profile_detail.html", context)


def _own_membership(request: MemberRequest) -> Membership:
    return Membership.objects.select_related(
        "user", "organisation", "department", "site", "manager__user"
    ).get(pk=request.membership.pk)


@member_required
def edit_work(request: MemberRequest) -> HttpResponse:
    membership = _own_membership(request)
    if not policy.can_edit_work_record(membership):
        # HR-managed: the page shows the record read-only; nothing posted is taken.
        if request.method == "POST":
            messages.error(
                request, _("These details come from your HR records and cannot be changed here.")
            )
            return redirect("profiles:edit_work")
        return render(
            request, "profiles/edit_work.html", {"membership": membership, "hr_managed": True}
        )
    form = WorkRecordForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_work_record(membership=membership, **form.cleaned_data)
        except services.ProfileError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your role and reporting line were saved."))
            return redirect("profiles:mine")
    return render(
        request,
        "profiles/edit_work.html",
        {"membership": membership, "form": form, "current_manager": form.current_manager()},
    )


@member_required
def manager_search(request: MemberRequest) -> HttpResponse:
    """Options of the manager picker: active colleagues matching the typed text."""
    actor = request.membership
    query = request.GET.get("q", "").strip()
    candidates = Membership.objects.none()
    if len(query) >= 2:
        words = query.split()
        candidates = Membership.objects.active().of(actor.organisation).exclude(pk=actor.pk)
        for word in words[:4]:
            candidates = candidates.filter(
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(user__email__icontains=word)
                | Q(job_title__icontains=word)
            )
        candidates = candidates.select_related("user").order_by(
            "user__last_name", "user__first_name"
        )
    options = [{"pk": m.pk, "label": member_label(m)} for m in candidates[:MANAGER_SEARCH_LIMIT]]
    # The choice in place stays listed, and stays selected when nothing matches, so that a
    # fruitless search never silently removes one's manager.
    current = None
    selected = request.GET.get("manager", "")
    if selected.isdigit() and all(str(o["pk"]) != selected for o in options):
        found = (
            Membership.objects.active()
            .of(actor.organisation)
            .filter(pk=int(selected))
            .exclude(pk=actor.pk)
            .select_related("user")
            .first()
        )
        if found is not None:
            current = {"pk": found.pk, "label": member_label(found)}
    return render(
        request,
        "profiles/_manager_options.html",
        {"options": options, "query": query, "current": current},
    )


@member_required
def edit_about(request: MemberRequest) -> HttpResponse:
    profile = services.ensure_profile(membership=request.membership)
    form = ProfileDetailsForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.update_profile_details(profile=profile, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return redirect("profiles:mine")
    return render(request, "profiles/edit_about.html", {"form": form})


@member_required
def edit_languages(request: MemberRequest) -> HttpResponse:
    profile = services.ensure_profile(membership=request.membership)
    initial = [
        {"code": item.get("code"), "level": item.get("level")} for item in profile.languages or []
    ]
    formset = LanguageFormSet(request.POST or None, initial=initial, prefix="languages")
    if request.method == "POST" and formset.is_valid():
        try:
            services.set_languages(profile=profile, languages=formset.languages())  # type: ignore[attr-defined]
        except services.ProfileError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your languages were saved."))
            return redirect("profiles:mine")
    return render(request, "profiles/edit_languages.html", {"formset": formset})


@member_required
def edit_availability(request: MemberRequest) -> HttpResponse:
    profile = services.ensure_profile(membership=request.membership)
    form = AvailabilityForm(request.POST or None, initial={"slots": profile.availability})
    if request.method == "POST" and form.is_valid():
        services.set_availability(profile=profile, slots=form.cleaned_data["slots"])
        messages.success(request, _("Your availability was saved."))
        return redirect("profiles:mine")
    chosen = form.data.getlist("slots") if form.is_bound else profile.availability or []  # type: ignore[attr-defined]
    return render(
        request,
        "profiles/edit_availability.html",
        {"form": form, "grid": availability_grid(chosen)},
    )


def _skills_page(
    request: MemberRequest,
    *,
    offered_form: ProfileSkillForm | None = None,
    sought_form: ProfileSkillForm | None = None,
    proposal_form: SkillProposalForm | None = None,
) -> HttpResponse:
    membership = request.membership
    profile = services.ensure_profile(membership=membership)
    return render(
        request,
        "profiles/skills.html",
        {
            "skills": profile_skills(profile),
            "offered_form": offered_form
            or ProfileSkillForm(
                membership=membership, direction=SkillDirection.OFFERED, prefix="offered"
            ),
            "sought_form": sought_form
            or ProfileSkillForm(
                membership=membership, direction=SkillDirection.SOUGHT, prefix="sought"
            ),
            "proposal_form": proposal_form or SkillProposalForm(prefix="proposal"),
            "max_skills": MAX_SKILLS_PER_DIRECTION,
            "priorities": SkillPriority.choices,
        },
    )


@member_required
def skills(request: MemberRequest) -> HttpResponse:
    return _skills_page(request)


@member_required
@require_POST
def skill_add(request: MemberRequest, direction: str) -> HttpResponse:
    if direction not in SkillDirection.values:
        direction = SkillDirection.OFFERED
    membership = request.membership
    form = ProfileSkillForm(
        request.POST, membership=membership, direction=direction, prefix=direction
    )
    if form.is_valid():
        profile = services.ensure_profile(membership=membership)
        try:
            link = services.add_profile_skill(
                profile=profile,
                direction=direction,
                skill=form.cleaned_data["skill"],
                level=form.cleaned_data["level"],
                priority=form.cleaned_data.get("priority", ""),
            )
        except services.ProfileError as error:
            form.add_error("skill", error.message)
        else:
            messages.success(request, _("“%(skill)s” was added.") % {"skill": link.skill})
            return redirect("profiles:skills")
    return _skills_page(request, **{f"{direction}_form": form})  # type: ignore[arg-type]


@member_required
@require_POST
def skill_update(request: MemberRequest, pk: int) -> HttpResponse:
    link = policy.get_own_profile_skill(request.membership, pk)
    form = ProfileSkillUpdateForm(request.POST)
    if form.is_valid():
        services.update_profile_skill(
            link=link, level=form.cleaned_data["level"], priority=form.cleaned_data["priority"]
        )
        messages.success(request, _("“%(skill)s” was updated.") % {"skill": link.skill})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("profiles:skills")


@member_required
@require_POST
def skill_remove(request: MemberRequest, pk: int) -> HttpResponse:
    link = policy.get_own_profile_skill(request.membership, pk)
    services.remove_profile_skill(link=link)
    messages.success(request, _("“%(skill)s” was removed.") % {"skill": link.skill})
    return redirect("profiles:skills")


@member_required
@require_POST
def skill_propose(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    form = SkillProposalForm(request.POST, prefix="proposal")
    if form.is_valid():
        data = form.cleaned_data
        profile = services.ensure_profile(membership=membership)
        try:
            link = services.propose_profile_skill(
                profile=profile,
                name=data["name"],
                category=data["category"],
                direction=data["direction"],
                level=data["level"],
            )
        except services.ProfileError as error:
            form.add_error("name", error.message)
        else:
            messages.success(
                request,
                _("“%(skill)s” is on your profile; the coordinators will review it.")
                % {"skill": link.skill},
            )
            return redirect("profiles:skills")
    return _skills_page(request, proposal_form=form)
