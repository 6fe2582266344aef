"""Due dates: a new goal is not due in the past; goals and tasks past due are flagged overdue."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.services.goals import (
    add_action_item,
    create_goal,
    record_goal_progress,
    set_action_done,
    update_goal,
)
from tests.factories import make_goal, make_pair

TODAY = datetime(2027, 3, 10, 9, tzinfo=UTC)


def _owner(mentorship, mentee):
    return mentorship.participants.get(membership=mentee).pk


@time_machine.travel(TODAY, tick=False)
def test_a_new_goal_due_in_the_past_is_refused_with_a_message(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    client.force_login(mentee.user)
    response = client.post(
        reverse("mentorships:goal_create", args=[mentorship.pk]),
        {"title": "Lead a meeting", "due_on": "2027-03-09", "owner": _owner(mentorship, mentee)},
    )
    form = response.context["form"]
    assert list(form.errors) == ["due_on"]
    assert "has passed" in form.errors["due_on"][0]
    assert 'value="Lead a meeting"' in response.content.decode()
    assert not mentorship.goals.exists()


@time_machine.travel(TODAY, tick=False)
def test_a_new_goal_may_be_due_today(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    client.force_login(mentee.user)
    client.post(
        reverse("mentorships:goal_create", args=[mentorship.pk]),
        {"title": "Lead a meeting", "due_on": "2027-03-10", "owner": _owner(mentorship, mentee)},
    )
    assert mentorship.goals.get().due_on == date(2027, 3, 10)


@time_machine.travel(TODAY, tick=False)
def test_the_service_refuses_a_new_goal_due_in_the_past(programme):
    mentorship, _mentor, mentee = make_pair(programme)
    with pytest.raises(MentorshipError, match="has passed"):
        create_goal(
            mentorship=mentorship,
            owner=mentee,
            actor=mentee.user,
            title="Lead a meeting",
            due_on=date(2027, 1, 1),
        )


def test_editing_a_goal_whose_date_has_passed_keeps_that_date(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    with time_machine.travel(datetime(2027, 1, 5, 9, tzinfo=UTC), tick=False):
        goal = make_goal(mentorship, mentee, due_on=date(2027, 2, 1))
    with time_machine.travel(TODAY, tick=False):
        client.force_login(mentee.user)
        client.post(
            reverse("mentorships:goal_edit", args=[mentorship.pk, goal.pk]),
            {"title": "Lead two meetings", "due_on": "2027-02-01"},
        )
    goal.refresh_from_db()
    assert (goal.title, goal.due_on) == ("Lead two meetings", date(2027, 2, 1))


def test_editing_a_goal_to_another_past_date_is_refused(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    with time_machine.travel(datetime(2027, 1, 5, 9, tzinfo=UTC), tick=False):
        goal = make_goal(mentorship, mentee, due_on=date(2027, 2, 1))
    with time_machine.travel(TODAY, tick=False):
        client.force_login(mentee.user)
        response = client.post(
            reverse("mentorships:goal_edit", args=[mentorship.pk, goal.pk]),
            {"title": "Lead two meetings", "due_on": "2027-03-01"},
        )
        with pytest.raises(MentorshipError):
            update_goal(goal=goal, title="Lead", measure="", target="", due_on=date(2027, 3, 2))
    assert list(response.context["form"].errors) == ["due_on"]
    goal.refresh_from_db()
    assert (goal.title, goal.due_on) == ("Speak up in meetings", date(2027, 2, 1))


@time_machine.travel(TODAY, tick=False)
def test_a_new_task_due_in_the_past_is_refused_with_a_message(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    goal = make_goal(mentorship, mentee)
    client.force_login(mentee.user)
    response = client.post(
        reverse("mentorships:action_create", args=[mentorship.pk, goal.pk]),
        {"title": "Book a slot", "due_on": "2027-03-01"},
    )
    assert list(response.context["action_form"].errors) == ["due_on"]
    assert not goal.actions.exists()


def _tasks(mentorship, mentee):
    """A goal with a task overdue, one done late, one due today and one due later."""
    with time_machine.travel(datetime(2027, 1, 5, 9, tzinfo=UTC), tick=False):
        goal = make_goal(mentorship, mentee, title="Negotiate", due_on=date(2027, 6, 30))
        add_action_item(goal=goal, title="Overdue task", due_on=date(2027, 3, 1))
        done = add_action_item(goal=goal, title="Done task", due_on=date(2027, 3, 1))
        set_action_done(action=done, done=True)
        add_action_item(goal=goal, title="Today task", due_on=date(2027, 3, 10))
        add_action_item(goal=goal, title="Later task", due_on=date(2027, 4, 1))
    return goal


@time_machine.travel(TODAY, tick=False)
def test_the_goal_page_flags_only_tasks_past_due_and_not_done(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    goal = _tasks(mentorship, mentee)
    client.force_login(mentee.user)
    response = client.get(reverse("mentorships:goal_detail", args=[mentorship.pk, goal.pk]))
    overdue = {a.title for a in response.context["actions"] if a.is_overdue}
    assert overdue == {"Overdue task"}
    assert response.content.decode().count('class="badge badge--alert badge--overdue"') == 1


@time_machine.travel(TODAY, tick=False)
def test_the_relationship_home_flags_overdue_tasks(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    _tasks(mentorship, mentee)
    client.force_login(mentee.user)
    page = client.get(reverse("mentorships:detail", args=[mentorship.pk])).content.decode()
    assert "1 task overdue" in page


def test_a_goal_past_due_and_not_achieved_is_flagged_overdue(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    with time_machine.travel(datetime(2027, 1, 5, 9, tzinfo=UTC), tick=False):
        late = make_goal(mentorship, mentee, title="Late", due_on=date(2027, 2, 1))
        met = make_goal(mentorship, mentee, title="Met", due_on=date(2027, 2, 1))
        record_goal_progress(goal=met, actor=mentee.user, status="achieved", progress=100)
    with time_machine.travel(TODAY, tick=False):
        client.force_login(mentee.user)
        response = client.get(reverse("mentorships:detail", args=[mentorship.pk]))
        assert [g.title for g in response.context["goals"] if g.is_overdue] == ["Late"]
        page = client.get(reverse("mentorships:goal_detail", args=[mentorship.pk, late.pk]))
    assert 'class="badge badge--alert badge--overdue"' in page.content.decode()
