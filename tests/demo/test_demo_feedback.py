"""The demo's running, closing and closed programmes carry a feedback history, at its dates."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from mentora.accounts.models import Membership
from mentora.feedback.cadence import PulseCadence
from mentora.feedback.models import FeedbackInvitation, PulseAnswer, SessionFeedback
from mentora.mentorships.models import EndReason, MeetingStatus, Stage
from mentora.programs.models import Programme, Status


def test_the_running_and_closing_programmes_have_answered_feedback(demo):
    for status in (Status.RUNNING, Status.CLOSING):
        answers = SessionFeedback.objects.filter(invitation__programme__status=status)
        pulses = PulseAnswer.objects.filter(invitation__programme__status=status)
        assert answers.count() >= 20 and pulses.count() >= 10, status


def test_pulses_fall_on_their_cadence_days(demo):
    cadence = PulseCadence()
    for pulse in FeedbackInvitation.objects.filter(instrument="pulse").select_related("mentorship"):
        start = timezone.localdate(pulse.mentorship.created_at)
        assert pulse.due_on == cadence.due_on(start, pulse.sequence)


def test_no_pulse_after_a_relationship_closed(demo):
    late = FeedbackInvitation.objects.filter(
        instrument="pulse",
        mentorship__closed_at__isnull=False,
        due_on__gt=F("mentorship__closed_at"),
    )
    assert not late.exists()


def test_answers_are_dated_after_their_meeting_and_never_in_the_future(demo):
    now = timezone.now()
    for answer in SessionFeedback.objects.select_related("invitation__meeting"):
        assert answer.invitation.meeting.ends_at <= answer.submitted_at <= now


def test_the_demo_mentor_and_mentee_have_a_session_to_rate(demo):
    for email in ("mentor@demo.mentora.fr", "mentee@demo.mentora.fr"):
        membership = Membership.objects.get(user__email=email)
        assert FeedbackInvitation.objects.of(membership).pending().filter(instrument="session")


def test_the_closed_programme_had_three_pairs_from_its_start_to_its_end(demo):
    programme = Programme.objects.get(organisation=demo, status=Status.CLOSED)
    mentorships = list(programme.mentorships.all())
    assert len(mentorships) == 3
    for mentorship in mentorships:
        assert mentorship.stage == Stage.CLOSED and mentorship.end_reason == EndReason.COMPLETED
        assert timezone.localdate(mentorship.created_at) == programme.starts_on
        assert timezone.localdate(mentorship.closed_at) == programme.ends_on


def test_the_closed_programme_pairs_met_about_weekly_and_rated_their_sessions(demo):
    programme = Programme.objects.get(organisation=demo, status=Status.CLOSED)
    for mentorship in programme.mentorships.all():
        meetings = mentorship.meetings.all()
        held = meetings.filter(status=MeetingStatus.HELD)
        assert held.count() >= 13
        assert not meetings.filter(status=MeetingStatus.PLANNED).exists()
        assert all(mentorship.created_at < m.starts_at < mentorship.closed_at for m in held)
    assert SessionFeedback.objects.filter(invitation__programme=programme).count() >= 20
    assert PulseAnswer.objects.filter(invitation__programme=programme).exists()
