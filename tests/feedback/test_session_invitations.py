"""A meeting marked held invites each member still in the relationship to rate it, once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from mentora.feedback.models import SESSION_FEEDBACK_OPEN, FeedbackInvitation
from mentora.feedback.services import invite_to_session_feedback
from mentora.mentorships.services.closure import leave_mentorship
from mentora.mentorships.services.meetings import record_meeting_outcome
from mentora.mentorships.services.relationships import create_mentorship
from tests.factories import make_held_meeting, make_meeting, make_member, make_programme


def test_marking_a_meeting_held_invites_each_member(pair):
    mentorship, mentor, mentee = pair
    meeting = make_held_meeting(mentorship)
    invited = FeedbackInvitation.objects.filter(meeting=meeting, instrument="session")
    assert sorted(invited.values_list("membership_id", flat=True)) == sorted([mentor.pk, mentee.pk])


def test_the_invitation_is_about_the_meeting_day_and_open_for_a_month(pair):
    mentorship, _mentor, mentee = pair
    meeting = make_held_meeting(mentorship, days_ago=3)
    invitation = FeedbackInvitation.objects.get(meeting=meeting, membership=mentee)
    assert invitation.due_on == meeting.local_start.date()
    assert invitation.closes_at - invitation.created_at == SESSION_FEEDBACK_OPEN


def test_marking_a_meeting_held_twice_invites_once(pair):
    mentorship, _mentor, _mentee = pair
    meeting = make_held_meeting(mentorship)
    record_meeting_outcome(meeting=meeting, actor=None, status="missed")
    record_meeting_outcome(meeting=meeting, actor=None, status="held")
    assert FeedbackInvitation.objects.filter(meeting=meeting).count() == 2


def test_a_missed_meeting_invites_nobody(pair):
    mentorship, _mentor, _mentee = pair
    meeting = make_meeting(mentorship, starts_at=timezone.now() - timedelta(days=1))
    record_meeting_outcome(meeting=meeting, actor=None, status="missed")
    assert not FeedbackInvitation.objects.filter(meeting=meeting).exists()


def test_a_member_who_left_the_group_is_not_invited(organisation):
    programme = make_programme(organisation, format="group", group_size=3)
    mentor, stays, leaves = (make_member(organisation) for _ in range(3))
    mentorship = create_mentorship(programme=programme, mentors=[mentor], mentees=[stays, leaves])
    leave_mentorship(participant=mentorship.participants.get(membership=leaves), reason="other")
    meeting = make_held_meeting(mentorship)
    invited = set(
        FeedbackInvitation.objects.filter(meeting=meeting).values_list("membership_id", flat=True)
    )
    assert invited == {mentor.pk, stays.pk}


def test_the_database_refuses_a_second_invitation_for_the_same_meeting_and_person(pair):
    mentorship, _mentor, mentee = pair
    meeting = make_held_meeting(mentorship)
    existing = FeedbackInvitation.objects.get(meeting=meeting, membership=mentee)
    existing.pk = None
    with pytest.raises(IntegrityError):
        existing.save()


def test_inviting_again_skips_who_was_already_invited(pair):
    mentorship, _mentor, _mentee = pair
    meeting = make_held_meeting(mentorship)
    assert invite_to_session_feedback(meeting=meeting) == 0
    assert FeedbackInvitation.objects.filter(meeting=meeting).count() == 2
