"""Rating a session from its meeting page in two clicks, and the answer page itself."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from mentora.feedback.models import SessionFeedback
from mentora.feedback.services import answer_session_feedback
from tests.factories import make_held_meeting, make_meeting, meeting_invitations


@pytest.fixture
def held(pair):
    mentorship, _mentor, _mentee = pair
    return make_held_meeting(mentorship)


def _meeting_page(client, meeting):
    return client.get(meeting.get_absolute_url()).content.decode()


def _answer_url(meeting):
    return reverse("feedback:session", args=[meeting.pk])


def test_the_meeting_page_asks_how_the_session_was(client, pair, held):
    client.force_login(pair[2].user)
    page = _meeting_page(client, held)
    assert "How was this session?" in page
    assert f'action="{_answer_url(held)}"' in page


def test_a_planned_meeting_asks_nothing(client, pair):
    client.force_login(pair[2].user)
    meeting = make_meeting(pair[0])
    assert "How was this session?" not in _meeting_page(client, meeting)


def test_two_clicks_rate_the_session_and_lead_back_to_the_meeting(client, pair, held):
    """The first click picks the usefulness, the second the progress and sends."""
    client.force_login(pair[2].user)
    response = client.post(_answer_url(held), {"rating": "5", "progress": "4", "next": "meeting"})
    assert response.status_code == 302 and response["Location"] == held.get_absolute_url()
    feedback = SessionFeedback.objects.get()
    assert (feedback.rating, feedback.progress, feedback.comment) == (5, 4, "")


def test_after_answering_the_meeting_page_shows_ones_own_answer(client, pair, held):
    _mentorship, _mentor, mentee = pair
    answer_session_feedback(invitation=meeting_invitations(held)[mentee.pk], rating=5, progress=4)
    client.force_login(mentee.user)
    assert "Your answer: usefulness 5/5, progress toward your goals 4/5." in _meeting_page(
        client, held
    )


def test_the_partner_never_sees_the_answer(client, pair, held):
    _mentorship, mentor, mentee = pair
    answer_session_feedback(
        invitation=meeting_invitations(held)[mentee.pk],
        rating=2,
        progress=1,
        comment="Secret thoughts.",
        share_name=True,
    )
    client.force_login(mentor.user)
    pages = _meeting_page(client, held) + client.get(reverse("feedback:mine")).content.decode()
    assert "Secret thoughts." not in pages
    assert "usefulness 2/5" not in pages
    # The partner is asked for their own answer, as if nobody had answered.
    assert "How was this session?" in _meeting_page(client, held)


def test_a_missing_rating_is_refused_and_keeps_the_comment(client, pair, held):
    client.force_login(pair[2].user)
    response = client.post(
        _answer_url(held), {"progress": "3", "comment": "Good talk.", "next": "meeting"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose how useful the session was." in page
    assert "Good talk.</textarea>" in page
    assert re.search(r'name="progress" value="3"[^>]*checked', page)
    assert not SessionFeedback.objects.exists()


def test_an_out_of_range_rating_is_refused_with_a_clear_message(client, pair, held):
    client.force_login(pair[2].user)
    response = client.post(_answer_url(held), {"rating": "7", "progress": "3"})
    assert "Choose a number from 1 to 5." in response.content.decode()
    assert not SessionFeedback.objects.exists()


def test_somebody_elses_meeting_does_not_exist(client, pair, held, programme):
    from tests.factories import make_pair

    other, _m, _n = make_pair(programme)
    elsewhere = make_held_meeting(other)
    client.force_login(pair[2].user)
    assert client.get(_answer_url(elsewhere)).status_code == 404
    assert client.post(_answer_url(elsewhere), {"rating": "5", "progress": "5"}).status_code == 404
    assert not SessionFeedback.objects.exists()


def test_a_second_submission_from_another_tab_says_so_and_keeps_what_was_typed(client, pair, held):
    _mentorship, _mentor, mentee = pair
    client.force_login(mentee.user)
    client.post(_answer_url(held), {"rating": "4", "progress": "4"})
    response = client.post(
        _answer_url(held), {"rating": "2", "progress": "2", "comment": "Second thoughts."}
    )
    page = response.content.decode()
    assert "You had already answered (perhaps in another tab)." in page
    assert "Second thoughts.</textarea>" in page
    assert 'name="replace" value="on"' in page
    assert SessionFeedback.objects.get().rating == 4


def test_a_double_click_saves_one_answer(client, pair, held):
    client.force_login(pair[2].user)
    for _ in range(2):
        response = client.post(_answer_url(held), {"rating": "4", "progress": "4"})
        assert response.status_code == 302
    assert SessionFeedback.objects.count() == 1


def test_the_answer_page_edits_within_seven_days(client, pair, held):
    client.force_login(pair[2].user)
    client.post(_answer_url(held), {"rating": "4", "progress": "4"})
    page = client.get(_answer_url(held)).content.decode()
    assert "Save my changes" in page
    client.post(_answer_url(held), {"rating": "3", "progress": "4", "replace": "on"})
    assert SessionFeedback.objects.get().rating == 3


def test_the_answer_is_read_only_after_seven_days(client, pair, held):
    client.force_login(pair[2].user)
    client.post(_answer_url(held), {"rating": "4", "progress": "4"})
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        page = client.get(_answer_url(held)).content.decode()
        response = client.post(_answer_url(held), {"rating": "1", "progress": "1", "replace": "on"})
    assert "Save my changes" not in page and "can no longer be changed" in page
    assert "can no longer be changed" in response.content.decode()
    assert SessionFeedback.objects.get().rating == 4


def test_the_page_speaks_french_to_a_french_speaker(client, pair, held):
    mentee = pair[2]
    mentee.user.language = "fr"
    mentee.user.save()
    client.force_login(mentee.user)
    page = client.get(_answer_url(held)).content.decode()
    assert "passée cette séance" in page and "How was this session?" not in page


def test_after_a_refusal_the_corrected_answer_still_leads_back_to_the_meeting(client, pair, held):
    client.force_login(pair[2].user)
    page = client.post(_answer_url(held), {"progress": "3", "next": "meeting"}).content.decode()
    assert 'name="next" value="meeting"' in page
    response = client.post(_answer_url(held), {"rating": "4", "progress": "3", "next": "meeting"})
    assert response["Location"] == held.get_absolute_url()
