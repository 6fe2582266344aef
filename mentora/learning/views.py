"""Library and training pages: thin views over policy, selectors and services."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.learning import policy, selectors, services
from mentora.learning.forms import (
    AnswerForm,
    ModuleForm,
    ResourceFilterForm,
    ResourceForm,
    StepForm,
    resource_fields,
)
from mentora.learning.models import Resource, TrainingModule, TrainingStep

RESOURCES_PER_PAGE = 24


# Training modules ---------------------------------------------------------------------------


@member_required
def module_list(request: MemberRequest) -> HttpResponse:
    actor = request.membership
    modules = policy.visible_modules(actor).order_by("-is_published", "language", "title")
    # Modules exist in each language: a reader sees theirs unless they ask for every one.
    every_language = request.GET.get("language") == "all"
    other_languages = 0
    if not every_language:
        other_languages = modules.exclude(language=request.LANGUAGE_CODE).count()
        modules = modules.filter(language=request.LANGUAGE_CODE)
    return render(
        request,
        "learning/module_list.html",
        {
            "progress": selectors.module_progress(actor, modules),
            "can_manage": policy.can_manage_learning(actor),
            "every_language": every_language,
            "other_languages": other_languages,
        },
    )


@member_required
def module_detail(request: MemberRequest, pk: int) -> HttpResponse:
    actor = request.membership
    module = policy.get_module(actor, pk)
    steps = list(module.steps.select_related("resource"))
    done = selectors.completed_step_ids(actor, module)
    next_step = next((step for step in steps if step.pk not in done), None)
    return render(
        request,
        "learning/module_detail.html",
        {
            "module": module,
            "steps": steps,
            "done": done,
            "next_step": next_step,
            "progress": selectors.ModuleProgress(module, len(done), len(steps)),
            "can_manage": policy.can_manage_learning(actor),
            "programmes": module.required_by.order_by("name"),
        },
    )


@member_required
def module_create(request: MemberRequest) -> HttpResponse:
    if not policy.can_manage_learning(request.membership):
        raise PermissionDenied
    return _module_form(request, None)


@member_required
def module_edit(request: MemberRequest, pk: int) -> HttpResponse:
    return _module_form(request, policy.get_module_to_manage(request.membership, pk))


def _module_form(request: MemberRequest, module: TrainingModule | None) -> HttpResponse:
    initial = {} if module else {"language": request.LANGUAGE_CODE}
    form = ModuleForm(request.POST or None, instance=module, initial=initial)
    if request.method == "POST" and form.is_valid():
        module = services.save_module(
            organisation=request.organisation,
            actor=request.user,
            module=module,
            **form.cleaned_data,
        )
        messages.success(request, _("The module was saved."))
        return redirect(module)
    return render(request, "learning/module_form.html", {"form": form, "module": module})


@member_required
@require_POST
def module_publish(request: MemberRequest, pk: int) -> HttpResponse:
    module = policy.get_module_to_manage(request.membership, pk)
    published = request.POST.get("published") == "1"
    if published and not module.steps.exists():
        messages.error(request, _("Add at least one step before publishing the module."))
        return redirect(module)
    services.publish_module(module=module, actor=request.user, published=published)
    if published:
        messages.success(request, _("The module is published: members can follow it."))
    else:
        messages.success(request, _("The module is back to draft: members no longer see it."))
    return redirect(module)


@member_required
@require_POST
def module_delete(request: MemberRequest, pk: int) -> HttpResponse:
    module = policy.get_module_to_manage(request.membership, pk)
    services.delete_module(module=module, actor=request.user)
    messages.success(request, _("The module “%(title)s” was deleted.") % {"title": module.title})
    return redirect("learning:home")


# Steps --------------------------------------------------------------------------------------


@member_required
def step_detail(request: MemberRequest, pk: int, step_pk: int) -> HttpResponse:
    actor = request.membership
    module = policy.get_module(actor, pk)
    step = policy.get_step(module, step_pk)
    return _render_step(request, module, step, AnswerForm(step=step))


def _render_step(
    request: MemberRequest,
    module: TrainingModule,
    step: TrainingStep,
    form: AnswerForm,
    status: int = 200,
) -> HttpResponse:
    steps = list(module.steps.only("pk", "title", "position", "module_id"))
    index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
    done = selectors.completed_step_ids(request.membership, module)
    return render(
        request,
        "learning/step_detail.html",
        {
            "module": module,
            "step": step,
            "steps": steps,
            "number": index + 1,
            "previous": steps[index - 1] if index else None,
            "next": steps[index + 1] if index + 1 < len(steps) else None,
            "done": done,
            "is_done": step.pk in done,
            "form": form,
            "progress": selectors.ModuleProgress(module, len(done), len(steps)),
            "can_manage": policy.can_manage_learning(request.membership),
        },
        status=status,
    )


@member_required
@require_POST
def step_complete(request: MemberRequest, pk: int, step_pk: int) -> HttpResponse:
    actor = request.membership
    module = policy.get_module(actor, pk)
    step = policy.get_step(module, step_pk)
    answer = None
    if step.has_question:
        form = AnswerForm(request.POST, step=step)
        if not form.is_valid():
            return _render_step(request, module, step, form, status=400)
        answer = form.cleaned_data["answer"]
        try:
            services.complete_step(membership=actor, step=step, answer=answer)
        except services.WrongAnswer:
            form.add_error(
                "answer",
                _("That is not the right answer. Read the step again and try another option."),
            )
            return _render_step(request, module, step, form, status=400)
        # Stay on the step so that the explanation can be read.
        messages.success(request, _("Right answer!"))
        return redirect(step)
    services.complete_step(membership=actor, step=step)
    return _after_completion(request, module, step)


def _after_completion(request: MemberRequest, module: TrainingModule, step: TrainingStep):
    following = module.steps.filter(
        Q(position__gt=step.position) | Q(position=step.position, pk__gt=step.pk)
    ).first()
    if following is not None:
        return redirect(following)
    messages.success(request, _("Step done."))
    return redirect(module)


@member_required
def step_create(request: MemberRequest, pk: int) -> HttpResponse:
    module = policy.get_module_to_manage(request.membership, pk)
    return _step_form(request, module, None)


@member_required
def step_edit(request: MemberRequest, pk: int, step_pk: int) -> HttpResponse:
    module = policy.get_module_to_manage(request.membership, pk)
    return _step_form(request, module, policy.get_step(module, step_pk))


def _step_form(
    request: MemberRequest, module: TrainingModule, step: TrainingStep | None
) -> HttpResponse:
    form = StepForm(
        request.POST or None, instance=step, organisation=request.organisation, module=module
    )
    if request.method == "POST" and form.is_valid():
        services.save_step(module=module, actor=request.user, step=step, **form.step_fields())
        messages.success(request, _("The step was saved."))
        return redirect(module)
    return render(
        request, "learning/step_form.html", {"form": form, "module": module, "step": step}
    )


@member_required
@require_POST
def step_delete(request: MemberRequest, pk: int, step_pk: int) -> HttpResponse:
    module = policy.get_module_to_manage(request.membership, pk)
    services.delete_step(step=policy.get_step(module, step_pk), actor=request.user)
    messages.success(request, _("The step was removed."))
    return redirect(module)


@member_required
@require_POST
def step_move(request: MemberRequest, pk: int, step_pk: int) -> HttpResponse:
    module = policy.get_module_to_manage(request.membership, pk)
    step = policy.get_step(module, step_pk)
    services.move_step(step=step, actor=request.user, up="up" in request.POST)
    return redirect(module)


# Resource library ---------------------------------------------------------------------------


@member_required
def resource_list(request: MemberRequest) -> HttpResponse:
    actor = request.membership
    # The library opens on the reader's language; "All languages" stays one choice away.
    query = request.GET.copy()
    query.setdefault("language", request.LANGUAGE_CODE)
    form = ResourceFilterForm(query, organisation=actor.organisation)
    resources = Resource.objects.filter(organisation=actor.organisation).prefetch_related("topics")
    filtered = False
    if form.is_valid():
        data = form.cleaned_data
        filtered = any(value for name, value in data.items() if name != "language")
        if data["q"]:
            resources = resources.filter(
                Q(title__icontains=data["q"]) | Q(description__icontains=data["q"])
            )
        if data["kind"]:
            resources = resources.filter(kind=data["kind"])
        if data["topic"]:
            resources = resources.filter(topics=data["topic"])
        if data["audience"]:
            # “For mentors” also lists what is meant for everyone.
            resources = resources.filter(audience__in=[data["audience"], "all"])
        if data["language"]:
            resources = resources.filter(language=data["language"])
    page = Paginator(resources.order_by("title", "pk"), RESOURCES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "learning/resource_list.html",
        {
            "form": form,
            "page": page,
            "filtered": filtered,
            "can_manage": policy.can_manage_learning(actor),
        },
    )


@member_required
def resource_detail(request: MemberRequest, pk: int) -> HttpResponse:
    actor = request.membership
    resource = policy.get_resource(actor, pk)
    modules = (
        policy.visible_modules(actor).filter(steps__resource=resource).distinct().order_by("title")
    )
    return render(
        request,
        "learning/resource_detail.html",
        {
            "resource": resource,
            "topics": resource.topics.all(),
            "modules": modules,
            "can_manage": policy.can_manage_learning(actor),
        },
    )


@member_required
def resource_create(request: MemberRequest) -> HttpResponse:
    if not policy.can_manage_learning(request.membership):
        raise PermissionDenied
    return _resource_form(request, None)


@member_required
def resource_edit(request: MemberRequest, pk: int) -> HttpResponse:
    return _resource_form(request, policy.get_resource_to_manage(request.membership, pk))


def _resource_form(request: MemberRequest, resource: Resource | None) -> HttpResponse:
    initial = {} if resource else {"language": request.LANGUAGE_CODE}
    form = ResourceForm(
        request.POST or None, request.FILES or None, instance=resource, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        resource = services.save_resource(
            organisation=request.organisation,
            actor=request.user,
            resource=resource,
            topic_names=form.cleaned_data["topic_names"],
            **resource_fields(form),
        )
        messages.success(request, _("The resource was saved."))
        return redirect(resource)
    return render(request, "learning/resource_form.html", {"form": form, "resource": resource})


@member_required
@require_POST
def resource_delete(request: MemberRequest, pk: int) -> HttpResponse:
    resource = policy.get_resource_to_manage(request.membership, pk)
    services.delete_resource(resource=resource, actor=request.user)
    messages.success(request, _("“%(title)s” was removed.") % {"title": resource.title})
    return redirect(reverse("learning:resources"))


@member_required
def resource_download(request: MemberRequest, pk: int) -> FileResponse:
    """The uploaded file, always as an attachment so that the browser never renders it."""
    resource = policy.get_resource(request.membership, pk)
    if not resource.file:
        raise Http404
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type, _encoding = mimetypes.guess_type(resource.file_name)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=resource.file_name,
        content_type=content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response
