"""In an informal programme the agreement is optional: nothing waits for it, nobody is
asked to sign it, and members may still write and sign it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentora.mentorships.activity import next_steps
from mentora.mentorships.models import Stage
from mentora.mentorships.services.meetings import record_meeting_outcome
from tests.factories import make_goal, make_meeting, make_pair, sign_by_all


@pytest.fixture
def informal(programme):
    programme.is_formal = False
    programme.save()
    return programme


def _hold_a_meeting(mentorship):
    meeting = make_meeting(mentorship, starts_at=timezone.now() - timedelta(hours=2))
    record_meeting_outcome(meeting=meeting, actor=None, status="held")


def _stage(mentorship) -> str:
    mentorship.refresh_from_db()
    return mentorship.stage


def test_an_informal_relationship_gets_going_at_its_first_meeting_held(informal):
    mentorship, _mentor, _mentee = make_pair(informal)
    _hold_a_meeting(mentorship)
    assert _stage(mentorship) == Stage.TRUST


def test_an_informal_relationship_with_a_goal_and_a_meeting_reaches_learning(informal):
    mentorship, _mentor, mentee = make_pair(informal)
    make_goal(mentorship, mentee)
    _hold_a_meeting(mentorship)
    assert _stage(mentorship) == Stage.LEARNING


def test_an_informal_relationship_without_a_meeting_held_is_getting_started(informal):
    mentorship, _mentor, mentee = make_pair(informal)
    make_goal(mentorship, mentee)
    make_meeting(mentorship)  # planned, not held yet
    assert _stage(mentorship) == Stage.ESTABLISH


def test_a_formal_relationship_still_waits_for_every_signature(programme):
    mentorship, _mentor, _mentee = make_pair(programme)
    _hold_a_meeting(mentorship)
    assert _stage(mentorship) == Stage.ESTABLISH


def test_members_of_an_informal_relationship_may_still_sign(informal):
    mentorship, _mentor, _mentee = make_pair(informal)
    sign_by_all(mentorship)
    assert _stage(mentorship) == Stage.TRUST


def test_nobody_is_asked_to_sign_in_an_informal_programme(informal):
    mentorship, mentor, _mentee = make_pair(informal)
    me = mentorship.participants.get(membership=mentor)
    labels = [step.label for step in next_steps(mentorship, me)]
    assert not any("agreement" in label for label in labels)
    assert labels[0] == "Schedule your first meeting"


def test_members_of_a_formal_programme_are_asked_to_sign(programme):
    mentorship, mentor, _mentee = make_pair(programme)
    me = mentorship.participants.get(membership=mentor)
    assert next_steps(mentorship, me)[0].label == "Sign your mentoring agreement"


def test_the_relationship_page_says_the_agreement_is_optional(client, informal):
    mentorship, mentor, _mentee = make_pair(informal)
    client.force_login(mentor.user)
    page = client.get(mentorship.get_absolute_url()).content.decode()
    assert "Agreement (optional)" in page
    assert "Agreement to sign" not in page
    assert "Sign your mentoring agreement" not in page


def test_the_home_page_does_not_ask_to_sign_in_an_informal_programme(client, informal):
    _mentorship, mentor, _mentee = make_pair(informal)
    client.force_login(mentor.user)
    page = client.get(reverse("home:home")).content.decode()
    assert "Sign your mentoring agreement" not in page
    assert "Schedule your first meeting" in page


def test_the_agreement_page_explains_and_still_offers_to_sign(client, informal):
    mentorship, mentor, _mentee = make_pair(informal)
    client.force_login(mentor.user)
    page = client.get(reverse("mentorships:agreement", args=[mentorship.pk])).content.decode()
    assert "the agreement is optional" in page
    assert "Sign version 1" in page


def test_a_formal_relationship_page_still_shows_the_agreement_to_sign(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    client.force_login(mentor.user)
    page = client.get(mentorship.get_absolute_url()).content.decode()
    assert "Agreement to sign" in page
    assert "Agreement (optional)" not in page


def test_a_change_to_an_optional_agreement_does_not_demand_signatures(client, informal):
    mentorship, mentor, _mentee = make_pair(informal)
    client.force_login(mentor.user)
    url = reverse("mentorships:agreement_edit", args=[mentorship.pk])
    response = client.post(
        url, {**mentorship.agreement.content(), "duration": "A year"}, follow=True
    )
    assert "Sign the new version if you wish." in response.content.decode()
