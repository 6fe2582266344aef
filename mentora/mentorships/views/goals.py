"""Goals of a relationship, their progress, and the tasks of their action plans."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.mentorships import policy, selectors
from mentora.mentorships.content import goal_templates
from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.forms import ActionItemForm, GoalForm, GoalProgressForm
from mentora.mentorships.models import Goal, Mentorship, Participant
from mentora.mentorships.services.goals import (
    add_action_item,
    create_goal,
    record_goal_progress,
    set_action_done,
    update_goal,
)
from mentora.mentorships.views.common import (
    base_context,
    closed_guard,
    open_relationship_of,
    relationship_of,
    show_refusal,
)


@member_required
@closed_guard
def goal_create(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = open_relationship_of(request, pk)
    owners = selectors.goal_owners(mentorship)
    templates = goal_templates(mentorship.programme.kind)
    initial: dict[str, Any] = {"due_on": mentorship.programme.ends_on}
    chosen = next((t for t in templates if t["key"] == request.GET.get("template")), None)
    if chosen:
        initial.update(title=chosen["title"], measure=chosen["measure"], target=chosen["target"])
    if selectors.owns_goals(owners, me):
        initial["owner"] = me.pk
    form = GoalForm(request.POST or None, initial=initial, participants=owners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            goal = create_goal(
                mentorship=mentorship,
                owner=data["owner"].membership,
                actor=request.user,
                title=data["title"],
                measure=data["measure"],
                target=data["target"],
                due_on=data["due_on"],
            )
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The goal was added. Break it down into tasks next."))
            return redirect("mentorships:goal_detail", pk, goal.pk)
    return render(
        request,
        "mentorships/goal_form.html",
        base_context(mentorship, me, form=form, templates=templates, goal=None),
    )


@member_required
def goal_detail(request: MemberRequest, pk: int, goal_pk: int) -> HttpResponse:
    mentorship, me = relationship_of(request, pk)
    goal = policy.get_goal(mentorship, goal_pk)
    return _goal_page(request, mentorship, me, goal)


def _goal_page(
    request: MemberRequest,
    mentorship: Mentorship,
    me: Participant,
    goal: Goal,
    *,
    progress_form: GoalProgressForm | None = None,
    action_form: ActionItemForm | None = None,
) -> HttpResponse:
    """The goal's page; a refused form comes back bound, with its errors and what was typed."""
    participants = selectors.active_participants(mentorship)
    return render(
        request,
        "mentorships/goal_detail.html",
        base_context(
            mentorship,
            me,
            goal=goal,
            updates=selectors.goal_history(goal),
            actions=selectors.goal_actions(goal),
            progress_form=progress_form
            or GoalProgressForm(initial={"status": goal.status, "progress": goal.progress}),
            action_form=action_form or ActionItemForm(participants=participants),
        ),
    )


@member_required
@closed_guard
def goal_edit(request: MemberRequest, pk: int, goal_pk: int) -> HttpResponse:
    mentorship, me = open_relationship_of(request, pk)
    goal = policy.get_goal(mentorship, goal_pk)
    form = GoalForm(
        request.POST or None,
        initial={
            "title": goal.title,
            "measure": goal.measure,
            "target": goal.target,
            "due_on": goal.due_on,
        },
        goal=goal,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update_goal(
                goal=goal,
                title=data["title"],
                measure=data["measure"],
                target=data["target"],
                due_on=data["due_on"],
            )
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The goal was saved."))
            return redirect("mentorships:goal_detail", pk, goal.pk)
    return render(
        request,
        "mentorships/goal_form.html",
        base_context(mentorship, me, form=form, goal=goal, templates=[]),
    )


@member_required
@require_POST
@closed_guard
def goal_progress(request: MemberRequest, pk: int, goal_pk: int) -> HttpResponse:
    mentorship, me = open_relationship_of(request, pk)
    goal = policy.get_goal(mentorship, goal_pk)
    form = GoalProgressForm(request.POST)
    if form.is_valid():
        try:
            record_goal_progress(goal=goal, actor=request.user, **form.cleaned_data)
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Progress recorded."))
            return redirect("mentorships:goal_detail", pk, goal.pk)
    return _goal_page(request, mentorship, me, goal, progress_form=form)


@member_required
@require_POST
@closed_guard
def action_create(request: MemberRequest, pk: int, goal_pk: int) -> HttpResponse:
    mentorship, me = open_relationship_of(request, pk)
    goal = policy.get_goal(mentorship, goal_pk)
    form = ActionItemForm(request.POST, participants=selectors.active_participants(mentorship))
    if form.is_valid():
        owner = form.cleaned_data["owner"]
        try:
            add_action_item(
                goal=goal,
                title=form.cleaned_data["title"],
                owner=owner.membership if owner else None,
                due_on=form.cleaned_data["due_on"],
            )
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The task was added to the action plan."))
            return redirect("mentorships:goal_detail", pk, goal.pk)
    return _goal_page(request, mentorship, me, goal, action_form=form)


@member_required
@require_POST
@closed_guard
def action_toggle(request: MemberRequest, pk: int, action_pk: int) -> HttpResponse:
    mentorship, me = open_relationship_of(request, pk)
    action = policy.get_action(mentorship, action_pk)
    set_action_done(action=action, done=not action.done)
    return redirect("mentorships:goal_detail", pk, action.goal_id)
