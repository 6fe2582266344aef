"""SMART goals, their history of progress, and the tasks of their action plans."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import Membership, User
from mentora.mentorships.errors import FieldError
from mentora.mentorships.models import ActionItem, Goal, GoalStatus, GoalUpdate, Mentorship
from mentora.mentorships.rules import check_due_date, check_lengths
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
    check_lengths(Goal, title=title, measure=measure, target=target)
    # Time-bound means a date still ahead: a goal is not born overdue.
    check_due_date(due_on)
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
    check_lengths(Goal, title=title, measure=measure, target=target)
    # A date that has passed may stay (the goal is then overdue), but not be newly chosen.
    check_due_date(due_on, kept=goal.due_on)
    goal.title = title
    goal.measure = measure
    goal.target = target
    goal.due_on = due_on
    goal.save(update_fields=["title", "measure", "target", "due_on", "updated_at"])
    return goal


@transaction.atomic
def record_goal_progress(
    *, goal: Goal, actor: User, status: str, progress: int, comment: str = ""
) -> GoalUpdate:
    """Change a goal's status and progress and keep the change in its history."""
    if status not in GoalStatus.values:
        raise FieldError("status", _("Choose one of the statuses offered."))
    if not 0 <= progress <= 100:
        raise FieldError("progress", _("Enter a progress between 0 and 100."))
    check_lengths(GoalUpdate, comment=comment)
    # An achieved goal is complete, whatever progress was entered.
    if status == GoalStatus.ACHIEVED:
        progress = 100
    goal.status = status
    goal.progress = progress
    goal.save(update_fields=["status", "progress", "updated_at"])
    return GoalUpdate.objects.create(
        goal=goal, status=goal.status, progress=goal.progress, comment=comment, changed_by=actor
    )


@transaction.atomic
def add_action_item(
    *, goal: Goal, title: str, owner: Membership | None = None, due_on: date | None = None
) -> ActionItem:
    """Add a task to a goal's action plan.

    A due date already past is accepted here (a task written down after the fact, or seeded
    demo data): it shows as overdue. The form refuses it to a person planning ahead."""
    check_lengths(ActionItem, title=title)
    return ActionItem.objects.create(goal=goal, title=title, owner=owner, due_on=due_on)


@transaction.atomic
def set_action_done(*, action: ActionItem, done: bool) -> ActionItem:
    """Tick or untick a task."""
    action.done = done
    action.done_at = timezone.now() if done else None
    action.save(update_fields=["done", "done_at"])
    return action
