"""Each lifecycle button asks for confirmation and says what the move will do."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from mentora.programs.models import STATUS_TRANSITIONS
from tests.factories import make_programme


def _status_forms(response) -> dict[str, str]:
    """The question each lifecycle button asks, by the status it moves to."""
    html = response.content.decode()
    forms = re.findall(
        r'<form method="post" action="[^"]*/status/" data-confirm="([^"]+)">.*?'
        r'name="status" value="(\w+)"',
        html,
        flags=re.S,
    )
    return {status: question for question, status in forms}


def test_moving_to_running_asks_to_start_the_programme(client, coordinator, organisation):
    programme = make_programme(organisation, status="matching")
    programme.coordinators.add(coordinator.user)
    client.force_login(coordinator.user)
    questions = _status_forms(client.get(reverse("programs:detail", args=[programme.pk])))
    assert questions["running"].startswith("Start the programme?")
    assert questions["enrolling"].startswith("Reopen enrolment?")


def test_opening_enrolment_says_members_can_apply(client, coordinator, organisation):
    programme = make_programme(organisation, status="draft")
    programme.coordinators.add(coordinator.user)
    client.force_login(coordinator.user)
    questions = _status_forms(client.get(reverse("programs:detail", args=[programme.pk])))
    assert list(questions) == ["enrolling"]
    assert "apply" in questions["enrolling"]


@pytest.mark.parametrize(
    ("current", "target"),
    [(current, target) for current, targets in STATUS_TRANSITIONS.items() for target in targets],
)
def test_every_transition_has_its_own_question(current, target):
    from mentora.programs.views import transition_question

    others = {
        transition_question(c, t)
        for c, targets in STATUS_TRANSITIONS.items()
        for t in targets
        if (c, t) != (current, target)
    }
    question = transition_question(current, target)
    assert question.endswith((".", "?"))
    assert question not in others


def test_the_question_reads_in_french(client, coordinator, organisation):
    coordinator.user.language = "fr"
    coordinator.user.save()
    programme = make_programme(organisation, status="running")
    programme.coordinators.add(coordinator.user)
    client.force_login(coordinator.user)
    questions = _status_forms(client.get(reverse("programs:detail", args=[programme.pk])))
    assert questions["closing"].startswith("Lancer la clôture du programme\u00a0?")
