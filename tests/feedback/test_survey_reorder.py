"""Reordering a draft's questions: "Move up" / "Move down" swap a question with its
neighbour, on a draft only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentora.feedback.errors import FeedbackError
from mentora.feedback.models import SurveyQuestion
from mentora.feedback.survey_services import copy_template, move_question, open_survey


@pytest.fixture
def draft(programme, coordinator):
    """The mid-point template's four questions."""
    today = timezone.localdate()
    return copy_template(
        programme=programme,
        key="mid_point",
        actor=coordinator,
        opens_on=today,
        closes_on=today + timedelta(days=14),
    )


def _texts(survey):
    return list(survey.questions.values_list("text", flat=True))


def test_moving_a_question_down_swaps_it_with_the_next(draft):
    first, second, *rest = _texts(draft)
    move_question(question=draft.questions.first(), direction="down")
    assert _texts(draft) == [second, first, *rest]


def test_moving_a_question_up_swaps_it_with_the_previous(draft):
    *rest, before_last, last = _texts(draft)
    move_question(question=draft.questions.last(), direction="up")
    assert _texts(draft) == [*rest, last, before_last]


def test_the_first_question_stays_first_when_moved_up(draft):
    before = _texts(draft)
    move_question(question=draft.questions.first(), direction="up")
    assert _texts(draft) == before


def test_moving_renumbers_orders_left_with_gaps(draft):
    draft.questions.all()[1].delete()
    move_question(question=draft.questions.last(), direction="up")
    assert list(draft.questions.values_list("order", flat=True)) == [1, 2, 3]


def test_moving_is_refused_on_an_open_survey(draft, coordinator, pair):
    open_survey(survey=draft, actor=coordinator)
    before = _texts(draft)
    with pytest.raises(FeedbackError) as refusal:
        move_question(question=draft.questions.first(), direction="down")
    assert refusal.value.code == "not_draft"
    assert _texts(draft) == before


def test_the_move_down_button_moves_the_question(client, draft, coordinator):
    question = draft.questions.first()
    client.force_login(coordinator.user)
    response = client.post(reverse("feedback:question_down", args=[draft.pk, question.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#question-{question.pk}")
    assert draft.questions.all()[1] == question


def test_the_move_button_on_an_open_survey_says_why_it_is_refused(client, draft, coordinator, pair):
    open_survey(survey=draft, actor=coordinator)
    question = draft.questions.last()
    client.force_login(coordinator.user)
    response = client.post(
        reverse("feedback:question_up", args=[draft.pk, question.pk]), follow=True
    )
    assert "This survey is open: its questions can no longer be changed." in (
        response.content.decode()
    )
    assert draft.questions.last() == question


def test_a_question_of_another_survey_is_not_found(client, draft, programme, coordinator):
    other = copy_template(
        programme=programme,
        key="custom",
        actor=coordinator,
        opens_on=draft.opens_on,
        closes_on=draft.closes_on,
    )
    question = SurveyQuestion.objects.create(survey=other, order=1, kind="text", text="Hm?")
    client.force_login(coordinator.user)
    response = client.post(reverse("feedback:question_up", args=[draft.pk, question.pk]))
    assert response.status_code == 404


def test_the_draft_offers_no_move_up_for_the_first_question(client, draft, coordinator):
    client.force_login(coordinator.user)
    page = client.get(reverse("feedback:survey_manage", args=[draft.pk])).content.decode()
    first, last = draft.questions.first(), draft.questions.last()
    assert reverse("feedback:question_up", args=[draft.pk, first.pk]) not in page
    assert reverse("feedback:question_down", args=[draft.pk, first.pk]) in page
    assert reverse("feedback:question_down", args=[draft.pk, last.pk]) not in page
