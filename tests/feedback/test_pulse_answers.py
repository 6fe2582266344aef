"""Answering a pulse check: its rules, and what "not a good fit" offers on the same screen."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from mentora.feedback.errors import FeedbackError
from mentora.feedback.models import PulseAnswer
from mentora.feedback.services import answer_pulse
from mentora.mentorships.models import Concern
from mentora.mentorships.services.closure import leave_mentorship
from tests.factories import make_pulse


@pytest.fixture
def pulse(pair):
    mentorship, mentor, _mentee = pair
    return make_pulse(mentorship, mentor)


def _url(pulse):
    return reverse("feedback:pulse", args=[pulse.pk])


def test_a_pulse_answer_is_saved(pulse):
    answer = answer_pulse(invitation=pulse, quality=4, fit="good")
    pulse.refresh_from_db()
    assert (answer.quality, answer.fit, pulse.answered_at) == (4, "good", answer.submitted_at)


def test_an_unknown_fit_is_refused(pulse):
    with pytest.raises(FeedbackError) as refused:
        answer_pulse(invitation=pulse, quality=4, fit="maybe")
    assert (refused.value.code, refused.value.field) == ("fit", "fit")


def test_a_pulse_of_a_closed_relationship_cannot_be_answered(pair, pulse):
    mentorship, _mentor, mentee = pair
    leave_mentorship(participant=mentorship.participants.get(membership=mentee), reason="fit")
    with pytest.raises(FeedbackError) as refused:
        answer_pulse(invitation=pulse, quality=4, fit="good")
    assert refused.value.code == "relationship_closed"


def test_the_mentor_answers_a_pulse_on_its_page(client, pair, pulse):
    _mentorship, mentor, _mentee = pair
    client.force_login(mentor.user)
    response = client.post(
        _url(pulse), {"quality": "3", "fit": "deciding", "comment": "Early days."}
    )
    assert response.status_code == 302
    assert PulseAnswer.objects.get(invitation=pulse).comment == "Early days."


def test_not_a_good_fit_offers_a_concern_and_a_rematch_on_the_same_screen(client, pair, pulse):
    mentorship, mentor, _mentee = pair
    client.force_login(mentor.user)
    response = client.post(_url(pulse), {"quality": "2", "fit": "poor"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == _url(pulse)
    assert reverse("mentorships:concern_create", args=[mentorship.pk]) in page
    assert reverse("mentorships:leave", args=[mentorship.pk]) in page
    assert 'name="reason" value="fit"' in page


def test_a_good_fit_offers_nothing_more(client, pair, pulse):
    mentorship, mentor, _mentee = pair
    client.force_login(mentor.user)
    page = client.post(_url(pulse), {"quality": "5", "fit": "good"}, follow=True).content.decode()
    assert reverse("mentorships:leave", args=[mentorship.pk]) not in page


def test_the_offered_concern_reaches_the_coordinator(client, pair, pulse):
    mentorship, mentor, _mentee = pair
    answer_pulse(invitation=pulse, quality=2, fit="poor", comment="We do not click.")
    client.force_login(mentor.user)
    page = client.get(_url(pulse)).content.decode()
    assert "We do not click.</textarea>" in page
    client.post(
        reverse("mentorships:concern_create", args=[mentorship.pk]), {"body": "We do not click."}
    )
    assert Concern.objects.get(mentorship=mentorship).raised_by == mentor


def test_the_offered_rematch_is_a_no_fault_exit_for_fit(client, pair, pulse):
    mentorship, mentor, _mentee = pair
    answer_pulse(invitation=pulse, quality=1, fit="poor")
    client.force_login(mentor.user)
    client.post(
        reverse("mentorships:leave", args=[mentorship.pk]), {"reason": "fit", "comment": ""}
    )
    participant = mentorship.participants.get(membership=mentor)
    assert participant.left_at is not None and participant.exit_reason == "fit"


def test_a_missing_fit_is_refused_and_keeps_what_was_typed(client, pair, pulse):
    _mentorship, mentor, _mentee = pair
    client.force_login(mentor.user)
    response = client.post(_url(pulse), {"quality": "2", "comment": "Hard to say why."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say whether the pairing is a good fit." in page
    assert "Hard to say why.</textarea>" in page
    assert re.search(r'name="quality" value="2"[^>]*checked', page)
    assert not PulseAnswer.objects.exists()


def test_the_partners_pulse_does_not_exist_for_them(client, pair, pulse):
    _mentorship, _mentor, mentee = pair
    client.force_login(mentee.user)
    assert client.get(_url(pulse)).status_code == 404
    assert client.post(_url(pulse), {"quality": "5", "fit": "good"}).status_code == 404
    assert not PulseAnswer.objects.exists()
