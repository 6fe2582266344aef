"""Recording a goal's progress: each field says what is wrong with it, nothing typed is lost."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import make_goal, make_pair


def _post(client, mentorship, goal, person, data):
    client.force_login(person.user)
    return client.post(reverse("mentorships:goal_progress", args=[mentorship.pk, goal.pk]), data)


def test_a_too_long_comment_says_the_limit_and_how_much_was_typed(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    goal = make_goal(mentorship, mentee)
    response = _post(
        client,
        mentorship,
        goal,
        mentee,
        {"status": "achieved", "progress": "80", "comment": "x" * 301},
    )
    errors = response.context["progress_form"].errors
    assert list(errors) == ["comment"]
    assert "300" in errors["comment"][0] and "301" in errors["comment"][0]
    assert "Choose a status" not in response.content.decode()


def test_a_refused_update_gives_back_the_status_progress_and_comment_typed(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    goal = make_goal(mentorship, mentee)
    comment = "A long story. " * 30
    response = _post(
        client,
        mentorship,
        goal,
        mentee,
        {"status": "achieved", "progress": "80", "comment": comment},
    )
    page = response.content.decode()
    assert '<option value="achieved" selected>' in page
    assert 'value="80"' in page
    assert comment.strip() in page


def test_a_refused_update_changes_nothing(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    goal = make_goal(mentorship, mentee)
    _post(
        client,
        mentorship,
        goal,
        mentee,
        {"status": "achieved", "progress": "80", "comment": "x" * 301},
    )
    goal.refresh_from_db()
    assert (goal.status, goal.progress, goal.updates.count()) == ("not_started", 0, 1)


def test_a_progress_out_of_range_is_reported_on_the_progress_field(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    goal = make_goal(mentorship, mentee)
    response = _post(client, mentorship, goal, mentee, {"status": "on_track", "progress": "150"})
    errors = response.context["progress_form"].errors
    assert list(errors) == ["progress"]
    assert "between 0 and 100" in errors["progress"][0]


def test_a_missing_status_is_reported_on_the_status_field(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    goal = make_goal(mentorship, mentee)
    response = _post(client, mentorship, goal, mentee, {"progress": "40", "comment": "Halfway"})
    form = response.context["progress_form"]
    assert list(form.errors) == ["status"]
    assert "Halfway" in response.content.decode()


def test_a_refused_task_keeps_what_was_typed_and_says_why(client, programme):
    mentorship, mentor, mentee = make_pair(programme)
    goal = make_goal(mentorship, mentee)
    client.force_login(mentor.user)
    response = client.post(
        reverse("mentorships:action_create", args=[mentorship.pk, goal.pk]),
        {"title": "Read " + "a" * 200, "due_on": "2099-01-31"},
    )
    form = response.context["action_form"]
    assert list(form.errors) == ["title"]
    assert "200" in form.errors["title"][0]
    assert 'value="2099-01-31"' in response.content.decode()
    assert not goal.actions.exists()
