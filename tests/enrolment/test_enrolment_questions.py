from __future__ import annotations

from django.urls import reverse

from mentora.enrolment.models import Question


def test_coordinator_adds_a_choice_question(client, coordinator, programme):
    client.force_login(coordinator.user)
    client.post(
        reverse("enrolment:questions", args=[programme.pk]),
        {
            "label": "Preferred format",
            "kind": "single_choice",
            "choices_text": "Video\nIn person\n",
            "audience": "all",
        },
    )
    question = Question.objects.get()
    assert question.choices == ["Video", "In person"]


def test_choice_question_needs_two_choices(client, coordinator, programme):
    client.force_login(coordinator.user)
    response = client.post(
        reverse("enrolment:questions", args=[programme.pk]),
        {"label": "Pick", "kind": "multiple_choice", "choices_text": "Only one", "audience": "all"},
    )
    assert "Give at least two choices, one per line." in response.content.decode()
    assert not Question.objects.exists()


def test_text_question_drops_stray_choices(client, coordinator, programme):
    client.force_login(coordinator.user)
    client.post(
        reverse("enrolment:questions", args=[programme.pk]),
        {"label": "Why?", "kind": "long_text", "choices_text": "a\nb", "audience": "all"},
    )
    assert Question.objects.get().choices == []


def test_questions_can_be_reordered(client, coordinator, programme):
    first = Question.objects.create(programme=programme, label="1", kind="short_text", position=1)
    second = Question.objects.create(programme=programme, label="2", kind="short_text", position=2)
    client.force_login(coordinator.user)
    client.post(reverse("enrolment:question_move", args=[programme.pk, second.pk]), {"up": "1"})
    assert list(programme.questions.values_list("pk", flat=True)) == [second.pk, first.pk]


def test_removing_a_question_removes_it_from_the_form(client, coordinator, programme):
    question = Question.objects.create(programme=programme, label="Gone", kind="short_text")
    client.force_login(coordinator.user)
    client.post(reverse("enrolment:question_delete", args=[programme.pk, question.pk]))
    assert not Question.objects.exists()
