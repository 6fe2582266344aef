from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.programs import policy, services
from mentora.programs.forms import ObjectiveForm, ProgrammeForm
from mentora.programs.models import Objective, Status


@member_required
def programme_list(request: MemberRequest) -> HttpResponse:
    actor = request.membership
    programmes = (
        policy.visible_programmes(actor)
        .select_related("organisation")
        .prefetch_related("coordinators")
        .order_by("status", "-starts_on", "name")
    )
    status = request.GET.get("status", "")
    if status in Status.values:
        programmes = programmes.filter(status=status)
    return render(
        request,
        "programs/programme_list.html",
        {
            "programmes": programmes,
            # Cards link to the management page where it opens, to the public page elsewhere.
            "managed": set(policy.programmes_with_details(actor).values_list("pk", flat=True)),
            "can_create": policy.can_create_programme(actor),
            "statuses": Status.choices,
            "current_status": status,
        },
    )


@member_required
def programme_create(request: MemberRequest) -> HttpResponse:
    if not policy.can_create_programme(request.membership):
        raise PermissionDenied
    form = ProgrammeForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        programme = services.create_programme(
            organisation=request.organisation,
            created_by=request.user,
            **form.cleaned_data,
        )
        messages.success(
            request,
            _("The programme “%(name)s” was created as a draft. Add its objectives next.")
            % {"name": programme.name},
        )
        return redirect(programme)
    return render(request, "programs/programme_form.html", {"form": form, "programme": None})


@member_required
def programme_detail(request: MemberRequest, pk: int) -> HttpResponse:
    programme = policy.get_programme_details(request.membership, pk)
    can_manage = policy.can_manage_programme(request.membership, programme)
    return render(
        request,
        "programs/programme_detail.html",
        {
            "programme": programme,
            "objectives": programme.objectives.all(),
            "coordinators": programme.coordinators.all(),
            "sponsors": programme.sponsors.all(),
            "partners": programme.partner_organisations.all(),
            "can_manage": can_manage,
            "transitions": [
                (s, Status(s).label, transition_question(programme.status, s))
                for s in programme.allowed_transitions
            ],
            "steps": _lifecycle_steps(programme.status),
        },
    )


def transition_question(current: str, target: str) -> str:
    """What the lifecycle button asks before moving: what the move does, said plainly."""
    questions = {
        (Status.DRAFT, Status.ENROLLING): _(
            "Open enrolment? The programme is announced to the members of the organisation "
            "and they can apply while the enrolment window is open."
        ),
        (Status.ENROLLING, Status.MATCHING): _(
            "Close enrolment and start matching? Members can no longer apply; applicants may "
            "still withdraw until they are matched."
        ),
        (Status.ENROLLING, Status.DRAFT): _(
            "Move the programme back to draft? It is hidden from members again and nobody can "
            "apply; the applications received are kept."
        ),
        (Status.MATCHING, Status.RUNNING): _(
            "Start the programme? Relationships begin; participants can no longer withdraw "
            "their application and leave through their relationship instead."
        ),
        (Status.MATCHING, Status.ENROLLING): _(
            "Reopen enrolment? Members can apply again while the enrolment window is open."
        ),
        (Status.RUNNING, Status.CLOSING): _(
            "Start the closure of the programme? Every relationship is asked to open its "
            "closure: closing meeting, summary of achievements and recognition."
        ),
        (Status.CLOSING, Status.CLOSED): _(
            "Close the programme for good? Its status can no longer change afterwards."
        ),
        (Status.CLOSING, Status.RUNNING): _(
            "Move the programme back to running? Relationships are no longer asked to close "
            "and carry on as before."
        ),
    }
    return questions[(Status(current), Status(target))]


def _lifecycle_steps(current: str) -> list[dict[str, Any]]:
    order = list(Status)
    position = order.index(Status(current))
    return [
        {
            "label": status.label,
            "state": "current" if i == position else ("done" if i < position else "todo"),
        }
        for i, status in enumerate(order)
    ]


@member_required
def programme_edit(request: MemberRequest, pk: int) -> HttpResponse:
    programme = policy.get_programme_to_manage(request.membership, pk)
    form = ProgrammeForm(
        request.POST or None, instance=programme, organisation=request.organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_programme(programme=programme, actor=request.user, **form.cleaned_data)
        except services.ObjectiveOutsideProgramme as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The programme was saved."))
            return redirect(programme)
    return render(request, "programs/programme_form.html", {"form": form, "programme": programme})


@member_required
@require_POST
def programme_status(request: MemberRequest, pk: int) -> HttpResponse:
    programme = policy.get_programme_to_manage(request.membership, pk)
    target = request.POST.get("status", "")
    try:
        services.change_programme_status(programme=programme, status=target, actor=request.user)
    except services.TransitionNotAllowed as refusal:
        messages.error(
            request,
            refusal.reason
            or _("A programme that is %(status)s cannot move to that status.")
            % {"status": programme.get_status_display().lower()},
        )
    else:
        messages.success(
            request,
            _("The programme is now %(status)s.") % {"status": Status(target).label.lower()},
        )
    return redirect(programme)


def _objective(programme_pk: int, pk: int, request: MemberRequest) -> tuple:
    programme = policy.get_programme_to_manage(request.membership, programme_pk)
    objective = Objective.objects.filter(programme=programme, pk=pk).first()
    if objective is None:
        raise Http404
    return programme, objective


@member_required
def objective_create(request: MemberRequest, pk: int) -> HttpResponse:
    programme = policy.get_programme_to_manage(request.membership, pk)
    return _objective_form(request, programme, None)


@member_required
def objective_edit(request: MemberRequest, pk: int, objective_pk: int) -> HttpResponse:
    programme, objective = _objective(pk, objective_pk, request)
    return _objective_form(request, programme, objective)


def _objective_form(request: MemberRequest, programme, objective: Objective | None) -> HttpResponse:
    initial = {} if objective else {"target_date": programme.ends_on}
    form = ObjectiveForm(
        request.POST or None, instance=objective, initial=initial, programme=programme
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_objective(
                programme=programme, actor=request.user, objective=objective, **form.cleaned_data
            )
        except services.ObjectiveOutsideProgramme as error:
            form.add_error("target_date", error.message)
        else:
            messages.success(request, _("The objective was saved."))
            return redirect(programme)
    return render(
        request,
        "programs/objective_form.html",
        {"form": form, "programme": programme, "objective": objective},
    )


@member_required
@require_POST
def objective_delete(request: MemberRequest, pk: int, objective_pk: int) -> HttpResponse:
    programme, objective = _objective(pk, objective_pk, request)
    services.delete_objective(objective=objective, actor=request.user)
    messages.success(request, _("The objective was removed."))
    return redirect(programme)


@member_required
def programme_public(request: MemberRequest, pk: int) -> HttpResponse:
    programme = policy.get_public_programme(request.membership, pk)
    return render(
        request,
        "programs/programme_public.html",
        {
            "programme": programme,
            "objectives": programme.objectives.all(),
            "coordinators": programme.coordinators.all(),
            "enrolment_open": programme.enrolment_is_open(timezone.localdate()),
            "can_view_details": policy.can_view_programme_details(request.membership, programme),
        },
    )
