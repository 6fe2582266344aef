"""The apply form marks required questions and asks each role only its own questions."""

from __future__ import annotations

import re

from django.urls import reverse

from mentora.enrolment.models import Application, Question


def _apply_page(client, programme) -> str:
    return client.get(reverse("enrolment:apply", args=[programme.pk])).content.decode()


def _wrapper_of(html: str, name: str) -> str:
    """The opening tags around the field `name`, from its role wrapper to its input."""
    match = re.search(
        r'(<div[^>]*>\s*<div class="field[^"]*">)(?:(?!<div class="field).)*?name="' + name + '"',
        html,
        flags=re.S,
    )
    assert match, f"no field {name}"
    return match.group(1)


def _post(client, programme, **data):
    payload = {"goals": "Grow", "department_preference": "any", "meeting_mode": "either"}
    payload.update(data)
    return client.post(reverse("enrolment:apply", args=[programme.pk]), payload)


def test_a_required_question_carries_the_required_mark(client, member, programme):
    question = Question.objects.create(
        programme=programme, label="Why join?", kind="long_text", required=True
    )
    optional = Question.objects.create(programme=programme, label="Hobbies?", kind="short_text")
    client.force_login(member.user)
    html = _apply_page(client, programme)
    assert "field--required" in _wrapper_of(html, f"q_{question.pk}")
    assert "field--required" not in _wrapper_of(html, f"q_{optional.pk}")


def test_a_mentor_question_is_shown_to_mentors_only(client, member, programme):
    mentors = Question.objects.create(
        programme=programme, label="Years managing?", kind="scale", audience="mentor"
    )
    everyone = Question.objects.create(programme=programme, label="Why?", kind="short_text")
    client.force_login(member.user)
    html = _apply_page(client, programme)
    assert 'data-for-role="mentor"' in _wrapper_of(html, f"q_{mentors.pk}")
    assert "data-for-role" not in _wrapper_of(html, f"q_{everyone.pk}")
    assert re.search(r'<input type="radio" name="role" value="mentor"[^>]*data-role-choice', html)


def test_the_capacity_is_asked_of_mentors_only(client, member, programme):
    client.force_login(member.user)
    assert 'data-for-role="mentor"' in _wrapper_of(_apply_page(client, programme), "capacity")


def test_the_script_shows_the_questions_of_the_chosen_role():
    from django.contrib.staticfiles import finders

    with open(finders.find("mentora/mentora.js"), encoding="utf-8") as handle:
        script = handle.read()
    assert "[data-for-role]" in script
    assert "[data-role-choice]" in script


def test_a_mentee_is_not_held_up_by_a_bad_answer_to_a_mentor_question(client, member, programme):
    mentors = Question.objects.create(
        programme=programme,
        label="Format?",
        kind="single_choice",
        choices=["A", "B"],
        required=True,
        audience="mentor",
    )
    client.force_login(member.user)
    response = _post(client, programme, role="mentee", capacity="999", **{f"q_{mentors.pk}": "Z"})
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.capacity is None
    assert not application.answers.exists()


def test_a_mentor_must_answer_the_mentor_questions(client, member, programme):
    mentors = Question.objects.create(
        programme=programme,
        label="Format?",
        kind="single_choice",
        choices=["A", "B"],
        required=True,
        audience="mentor",
    )
    client.force_login(member.user)
    response = _post(client, programme, role="mentor", capacity="2")
    assert "This question needs an answer." in response.content.decode()
    _post(client, programme, role="mentor", capacity="2", **{f"q_{mentors.pk}": "B"})
    assert Application.objects.get().answers.get().value == "B"
