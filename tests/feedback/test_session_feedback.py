"""Answering a session's feedback: the rules the services enforce for pages and API alike."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from mentora.feedback.errors import FeedbackError
from mentora.feedback.models import FeedbackInvitation, SessionFeedback
from mentora.feedback.services import answer_session_feedback
from mentora.mentorships.services.meetings import record_meeting_outcome
from tests.factories import make_held_meeting, meeting_invitations


@pytest.fixture
def invitation(pair):
    _mentorship, _mentor, mentee = pair
    meeting = make_held_meeting(pair[0])
    return meeting_invitations(meeting)[mentee.pk]


def _answer(invitation, **kwargs):
    values = {"rating": 4, "progress": 3, "comment": "Useful.", **kwargs}
    return answer_session_feedback(invitation=invitation, **values)


def test_an_answer_is_saved_and_the_invitation_marked_answered(invitation):
    feedback = _answer(invitation, share_name=True)
    invitation.refresh_from_db()
    assert (feedback.rating, feedback.progress, feedback.share_name) == (4, 3, True)
    assert invitation.answered_at == feedback.submitted_at


@pytest.mark.parametrize(("field", "value"), [("rating", 0), ("rating", 6), ("progress", 9)])
def test_a_value_off_the_scale_is_refused_and_names_its_field(invitation, field, value):
    with pytest.raises(FeedbackError) as refused:
        _answer(invitation, **{field: value})
    assert (refused.value.code, refused.value.field) == ("scale", field)
    assert not SessionFeedback.objects.exists()


def test_a_comment_over_the_limit_is_refused_with_the_limit_and_the_length(invitation):
    with pytest.raises(FeedbackError) as refused:
        _answer(invitation, comment="x" * 2_001)
    assert refused.value.field == "comment"
    assert "2,001 characters typed, the limit is 2,000" in refused.value.message


def test_the_same_answer_sent_twice_is_saved_once(invitation):
    first = _answer(invitation)
    second = _answer(invitation)
    assert first.pk == second.pk
    assert SessionFeedback.objects.count() == 1


def test_a_different_second_answer_is_refused_unless_it_replaces_the_first(invitation):
    _answer(invitation, rating=4)
    with pytest.raises(FeedbackError) as refused:
        _answer(invitation, rating=2)
    assert refused.value.code == "already_answered"
    assert SessionFeedback.objects.get().rating == 4


def test_an_answer_can_be_changed_within_seven_days(invitation):
    _answer(invitation, rating=4)
    with time_machine.travel(timezone.now() + timedelta(days=6, hours=23)):
        _answer(invitation, rating=2, replace=True)
    assert SessionFeedback.objects.get().rating == 2


def test_an_answer_is_read_only_after_seven_days(invitation):
    _answer(invitation, rating=4)
    with (
        time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)),
        pytest.raises(FeedbackError) as refused,
    ):
        _answer(invitation, rating=2, replace=True)
    assert refused.value.code == "locked"
    assert SessionFeedback.objects.get().rating == 4


def test_a_closed_invitation_cannot_be_answered(invitation):
    FeedbackInvitation.objects.filter(pk=invitation.pk).update(closes_at=timezone.now())
    with pytest.raises(FeedbackError) as refused:
        _answer(invitation)
    assert refused.value.code == "closed"


def test_a_meeting_no_longer_marked_held_cannot_be_rated(invitation):
    record_meeting_outcome(meeting=invitation.meeting, actor=None, status="missed")
    with pytest.raises(FeedbackError) as refused:
        _answer(invitation)
    assert refused.value.code == "not_held"


def test_an_answer_racing_another_one_keeps_the_first(invitation, monkeypatch):
    """Two tabs answer at once and both read "no answer yet" (SQLite locks no rows): the
    second insert meets the one-answer-per-invitation constraint and becomes a second
    submission, refused; nothing is saved twice."""
    _answer(invitation, rating=5)
    real_filter = SessionFeedback.objects.filter
    monkeypatch.setattr(
        SessionFeedback.objects,
        "filter",
        lambda *a, **k: real_filter(pk=None) if "invitation" in k else real_filter(*a, **k),
    )
    with pytest.raises(FeedbackError) as refused:
        _answer(invitation, rating=1)
    assert refused.value.code == "already_answered"
    assert list(SessionFeedback.objects.values_list("rating", flat=True)) == [5]
