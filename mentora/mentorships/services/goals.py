"""SMART goals, their history of progress, and the tasks of their action plans."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import Membership, User
from mentora.mentorships.models import ActionItem, Goal, GoalStatus, GoalUpdate, Mentorship
from mentora.mentorships.services.stages import refresh_stage


@transaction.atomic
def create_goal(
    *,
    mentorship: Mentorship,
    owner: Membership,
    actor: User,
    title: str,
    measure: str = "",
    target: str = "",
    due_on: date | None = None,
) -> Goal:
    """Add a SMART goal owned by a member, with its first history entry."""
    goal = Goal.objects.create(
        mentorship=mentorship,
        owner=owner,
        title=title,
        measure=measure,
        target=target,
        due_on=due_on,
    )
    GoalUpdate.objects.create(
        goal=goal, status=goal.status, progress=goal.progress, changed_by=actor
    )
    refresh_stage(mentorship)
    return goal


@transaction.atomic
def update_goal(*, goal: Goal, title: str, measure: str, target: str, due_on: date | None) -> Goal:
    """Reword a goal (its status and progress change through `record_goal_progress`)."""
    goal.title = title
    goal.measure = measure
    goal.target = target
    goal.due_on = due_on
    goal.save()
    return goal


@transaction.atomic
def record_goal_progress(
    *, goal: Goal, actor: User, status: str, progress: int, comment: str = ""
) -> GoalUpdate:
    """Change a goal's status and progress and keep the change in its history."""
    # An achieved goal is complete, whatever progress was entered.
    if status == GoalStatus.ACHIEVED:
        progress = 100
    goal.status = status
    goal.progress = max(0, min(100, progress))
    goal.save(update_fields=["status", "progress", "updated_at"])
    return GoalUpdate.objects.create(
        goal=goal, status=goal.status, progress=goal.progress, comment=comment, changed_by=actor
    )


@transaction.atomic
def add_action_item(
    *, goal: Goal, title: str, owner: Membership | None = None, due_on: date | None = None
) -> ActionItem:
    """Add a task to a goal's action plan."""
    return ActionItem.objects.create(goal=goal, title=title, owner=owner, due_on=due_on)


@transaction.atomic
def set_action_done(*, action: ActionItem, done: bool) -> ActionItem:
    """Tick or untick a task."""
    action.done = done
    action.done_at = timezone.now() if done else None
    action.save(update_fields=["done", "done_at"])
    return action
