"""The demo's running and closing programmes carry a feedback history, at its dates."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.test import override_settings
from django.utils import timezone

from mentora.accounts.models import Membership, Organisation, User
from mentora.feedback.cadence import PulseCadence
from mentora.feedback.models import FeedbackInvitation, PulseAnswer, SessionFeedback
from mentora.programs.models import Status


@pytest.fixture(scope="module")
def _loaded_demo(django_db_setup, django_db_blocker):
    fast_hash = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast_hash):
        call_command("load_demo", stdout=StringIO())
        yield Organisation.objects.get(slug="lumiere")
        Organisation.objects.all().delete()
        User.objects.all().delete()


@pytest.fixture
def demo(_loaded_demo, db):
    return _loaded_demo


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
