"""A person's own requests and answers: the "My feedback" page and the home page counter."""

from __future__ import annotations

from django.urls import reverse

from mentora.feedback.services import answer_session_feedback
from tests.factories import make_held_meeting, make_pulse, meeting_invitations


def test_my_feedback_lists_what_to_answer_and_what_i_answered(client, pair):
    mentorship, _mentor, mentee = pair
    answered = make_held_meeting(mentorship, days_ago=3)
    answer_session_feedback(
        invitation=meeting_invitations(answered)[mentee.pk], rating=4, progress=2, comment="Mine."
    )
    make_held_meeting(mentorship, days_ago=1)
    client.force_login(mentee.user)
    page = client.get(reverse("feedback:mine")).content.decode()
    assert "Rate your meeting of" in page
    assert "Usefulness 4/5, progress 2/5" in page and "Mine." in page


def test_my_feedback_never_lists_the_partners_answers(client, pair):
    mentorship, mentor, mentee = pair
    meeting = make_held_meeting(mentorship)
    answer_session_feedback(
        invitation=meeting_invitations(meeting)[mentee.pk], rating=1, progress=1, comment="Theirs."
    )
    client.force_login(mentor.user)
    page = client.get(reverse("feedback:mine")).content.decode()
    assert "Theirs." not in page and "You have not answered anything yet." in page


def test_home_counts_the_requests_to_answer_with_plural(client, pair):
    mentorship, mentor, _mentee = pair
    make_held_meeting(mentorship)
    make_pulse(mentorship, mentor)
    client.force_login(mentor.user)
    page = client.get(reverse("home:home")).content.decode()
    assert "feedback requests to answer" in page
    assert '<span class="stat__value">2</span>' in page


def test_home_counts_one_request_in_the_singular(client, pair):
    mentorship, mentor, _mentee = pair
    make_pulse(mentorship, mentor)
    client.force_login(mentor.user)
    page = client.get(reverse("home:home")).content.decode()
    assert "feedback request to answer" in page and "feedback requests" not in page


def test_home_shows_no_counter_when_nothing_is_to_answer(client, pair):
    client.force_login(pair[1].user)
    assert "to answer" not in client.get(reverse("home:home")).content.decode()


def test_an_answered_request_leaves_the_counter(client, pair):
    mentorship, _mentor, mentee = pair
    meeting = make_held_meeting(mentorship)
    answer_session_feedback(
        invitation=meeting_invitations(meeting)[mentee.pk], rating=3, progress=3
    )
    client.force_login(mentee.user)
    assert "feedback request" not in client.get(reverse("home:home")).content.decode()
