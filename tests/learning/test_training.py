from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.learning.models import StepCompletion, TrainingModule
from mentora.learning.selectors import module_progress
from mentora.learning.services import WrongAnswer, complete_step, move_step
from tests.factories import make_module, make_step


def _complete_url(step):
    return reverse("learning:step_complete", args=[step.module_id, step.pk])


def test_a_wrong_answer_leaves_the_step_to_do(client, member, organisation):
    step = make_step(make_module(organisation), question=True)
    client.force_login(member.user)
    response = client.post(_complete_url(step), {"answer": "0"})
    assert response.status_code == 400
    assert "That is not the right answer." in response.content.decode()
    assert not StepCompletion.objects.exists()


def test_the_right_answer_completes_the_step_and_shows_the_explanation(
    client, member, organisation
):
    step = make_step(make_module(organisation), question=True)
    client.force_login(member.user)
    response = client.post(_complete_url(step), {"answer": "1"}, follow=True)
    assert StepCompletion.objects.filter(membership=member, step=step).exists()
    assert "B, because it is." in response.content.decode()


def test_a_question_step_needs_an_answer(client, member, organisation):
    step = make_step(make_module(organisation), question=True)
    client.force_login(member.user)
    response = client.post(_complete_url(step), {})
    assert "Choose an answer." in response.content.decode()


def test_a_step_without_question_leads_to_the_next_one(client, member, organisation):
    module = make_module(organisation)
    first, second = make_step(module), make_step(module)
    client.force_login(member.user)
    response = client.post(_complete_url(first))
    assert response.url == second.get_absolute_url()


def test_the_service_refuses_a_wrong_answer(member, organisation):
    step = make_step(make_module(organisation), question=True)
    with pytest.raises(WrongAnswer):
        complete_step(membership=member, step=step, answer=0)
    assert not StepCompletion.objects.exists()


def test_completing_a_step_twice_keeps_one_completion(member, organisation):
    step = make_step(make_module(organisation))
    complete_step(membership=member, step=step)
    complete_step(membership=member, step=step)
    assert StepCompletion.objects.count() == 1


def test_progress_counts_the_members_own_steps(member, coordinator, organisation):
    module = make_module(organisation)
    steps = [make_step(module) for _ in range(4)]
    complete_step(membership=member, step=steps[0])
    complete_step(membership=member, step=steps[1])
    complete_step(membership=coordinator, step=steps[2])
    [progress] = module_progress(member, [module])
    assert (progress.done, progress.total, progress.percent) == (2, 4, 50)


def test_the_module_page_shows_one_hundred_percent_when_done(client, member, organisation):
    module = make_module(organisation)
    complete_step(membership=member, step=make_step(module))
    client.force_login(member.user)
    response = client.get(module.get_absolute_url())
    assert "You completed this module." in response.content.decode()
    assert response.context["progress"].percent == 100


def test_a_draft_module_is_hidden_from_members(client, member, organisation):
    draft = make_module(organisation, is_published=False)
    client.force_login(member.user)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft not in [p.module for p in client.get("/learning/").context["progress"]]


def test_a_module_without_steps_cannot_be_published(client, coordinator, organisation):
    module = make_module(organisation, is_published=False)
    client.force_login(coordinator.user)
    client.post(reverse("learning:module_publish", args=[module.pk]), {"published": "1"})
    module.refresh_from_db()
    assert not module.is_published


def test_a_coordinator_creates_a_draft_module(client, coordinator):
    client.force_login(coordinator.user)
    client.post(
        reverse("learning:module_create"),
        {"title": "Peer onboarding", "audience": "all", "language": "fr"},
    )
    module = TrainingModule.objects.get()
    assert (module.organisation, module.is_published) == (coordinator.organisation, False)


def test_a_coordinator_adds_a_step_with_a_question(client, coordinator, organisation):
    module = make_module(organisation)
    client.force_login(coordinator.user)
    client.post(
        reverse("learning:step_create", args=[module.pk]),
        {
            "title": "Listening",
            "body": "Listen.",
            "question": "Which is open?",
            "options_text": "Did you?\nWhat would help?\n",
            "correct_number": "2",
        },
    )
    step = module.steps.get()
    assert (step.options, step.correct_option) == (["Did you?", "What would help?"], 1)


def test_a_question_needs_at_least_two_options(client, coordinator, organisation):
    module = make_module(organisation)
    client.force_login(coordinator.user)
    response = client.post(
        reverse("learning:step_create", args=[module.pk]),
        {
            "title": "Listening",
            "question": "Which?",
            "options_text": "Only one",
            "correct_number": "1",
        },
    )
    assert "Give between two and six options, one per line." in response.content.decode()
    assert not module.steps.exists()


def test_the_right_option_must_exist(client, coordinator, organisation):
    module = make_module(organisation)
    client.force_login(coordinator.user)
    response = client.post(
        reverse("learning:step_create", args=[module.pk]),
        {"title": "Listening", "question": "Which?", "options_text": "A\nB", "correct_number": "3"},
    )
    assert "There are only 2 options." in response.content.decode()


def test_moving_a_step_up_swaps_it_with_the_previous_one(coordinator, organisation):
    module = make_module(organisation)
    first, second, third = (make_step(module, title=t) for t in "ABC")
    move_step(step=third, actor=coordinator.user, up=True)
    assert [s.title for s in module.steps.all()] == ["A", "C", "B"]
    move_step(step=first, actor=coordinator.user, up=True)
    assert [s.title for s in module.steps.all()] == ["A", "C", "B"]


def test_a_member_may_not_edit_a_step(client, member, organisation):
    step = make_step(make_module(organisation))
    client.force_login(member.user)
    url = reverse("learning:step_edit", args=[step.module_id, step.pk])
    assert client.post(url, {"title": "Hacked"}).status_code == 403


def test_members_see_the_modules_of_their_language_and_may_ask_for_all(
    client, member, organisation
):
    make_module(organisation, title="Mentor onboarding", language="en")
    make_module(organisation, title="Intégration des mentors", language="fr")
    client.force_login(member.user)
    page = client.get(reverse("learning:home")).content.decode()
    assert "Mentor onboarding" in page and "Intégration des mentors" not in page
    assert "Show also the 1 module in another language" in page
    every = client.get(reverse("learning:home"), {"language": "all"}).content.decode()
    assert "Intégration des mentors" in every
