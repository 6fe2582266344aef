"""Pulses fall due on day 30 of a relationship, then every 60 days until it closes, unless
its programme changed the cadence or turned them off; each is sent once, whoever runs the
scheduler and however often."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError

from mentora.feedback import services
from mentora.feedback.cadence import PulseCadence
from mentora.feedback.models import FeedbackInvitation, FeedbackSettings
from mentora.mentorships.services.closure import leave_mentorship
from tests.factories import make_pair

START = datetime(2027, 1, 4, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


def _day(n: int) -> datetime:
    """Noon on day `n` of the relationship (day 0 is the day it starts)."""
    return START.replace(hour=12) + timedelta(days=n)


@pytest.fixture
def started(programme):
    """A relationship that started on 4 January 2027."""
    programme.status = "running"
    programme.save()
    with time_machine.travel(START, tick=False):
        return make_pair(programme)


def _run_on(day: int) -> int:
    with time_machine.travel(_day(day), tick=False):
        return services.schedule_pulses()


def _pulses(mentorship):
    return FeedbackInvitation.objects.filter(instrument="pulse", mentorship=mentorship)


def test_no_pulse_before_day_30(started):
    mentorship, _mentor, _mentee = started
    assert _run_on(29) == 0
    assert not _pulses(mentorship).exists()


def test_day_30_sends_the_first_pulse_to_each_member(started):
    mentorship, mentor, mentee = started
    _run_on(30)
    pulses = _pulses(mentorship)
    assert sorted(pulses.values_list("membership_id", flat=True)) == sorted([mentor.pk, mentee.pk])
    assert set(pulses.values_list("sequence", "due_on")) == {(1, date(2027, 2, 3))}


def test_the_first_pulse_stays_open_thirty_days(started):
    mentorship, _mentor, mentee = started
    _run_on(30)
    pulse = _pulses(mentorship).get(membership=mentee)
    assert pulse.closes_at == datetime(2027, 3, 5, tzinfo=ZoneInfo("Europe/Paris"))


def test_day_90_sends_the_second_pulse(started):
    mentorship, _mentor, _mentee = started
    _run_on(30)
    _run_on(90)
    assert sorted(set(_pulses(mentorship).values_list("sequence", "due_on"))) == [
        (1, date(2027, 2, 3)),
        (2, date(2027, 4, 4)),
    ]


def test_nothing_new_between_two_pulses(started):
    mentorship, _mentor, _mentee = started
    _run_on(30)
    assert _run_on(45) == 0
    assert _run_on(89) == 0
    assert _pulses(mentorship).count() == 2


def test_a_pulse_missed_for_longer_than_its_window_is_not_sent_late(started):
    mentorship, _mentor, _mentee = started
    _run_on(61)
    assert not _pulses(mentorship).exists()


def test_closure_stops_the_pulses(started):
    mentorship, _mentor, mentee = started
    _run_on(30)
    with time_machine.travel(_day(50), tick=False):
        leave_mentorship(participant=mentorship.participants.get(membership=mentee), reason="fit")
    _run_on(90)
    assert set(_pulses(mentorship).values_list("sequence", flat=True)) == {1}


def test_a_closed_relationships_open_pulse_is_no_longer_pending(started):
    mentorship, mentor, mentee = started
    _run_on(30)
    with time_machine.travel(_day(31), tick=False):
        leave_mentorship(participant=mentorship.participants.get(membership=mentee), reason="fit")
        assert not FeedbackInvitation.objects.of(mentor).pending().exists()


def test_a_programme_can_turn_pulses_off(started):
    mentorship, _mentor, _mentee = started
    FeedbackSettings.objects.create(programme=mentorship.programme, pulse_enabled=False)
    _run_on(30)
    assert not _pulses(mentorship).exists()


def test_a_programme_can_change_the_cadence(started):
    mentorship, _mentor, _mentee = started
    FeedbackSettings.objects.create(
        programme=mentorship.programme, pulse_first_after_days=14, pulse_every_days=28
    )
    for day in (14, 30, 42):
        _run_on(day)
    assert sorted(set(_pulses(mentorship).values_list("sequence", "due_on"))) == [
        (1, date(2027, 1, 18)),
        (2, date(2027, 2, 15)),
    ]


def test_running_the_scheduler_twice_sends_each_pulse_once(started):
    mentorship, _mentor, _mentee = started
    assert _run_on(30) == 2
    assert _run_on(30) == 0
    assert _pulses(mentorship).count() == 2


def test_a_pulse_another_worker_just_sent_is_skipped_not_duplicated(started, monkeypatch):
    """Two workers read "not sent yet" at the same moment: the second one's insert meets the
    unique constraint and is ignored."""
    mentorship, _mentor, mentee = started
    _run_on(30)
    sent_by_other_worker = _pulses(mentorship).get(membership=mentee)
    _pulses(mentorship).exclude(pk=sent_by_other_worker.pk).delete()
    real_filter = FeedbackInvitation.objects.filter
    # This worker's read of what was already sent misses the other worker's row.
    monkeypatch.setattr(
        FeedbackInvitation.objects,
        "filter",
        lambda *a, **k: real_filter(pk=None) if "mentorship_id__in" in k else real_filter(*a, **k),
    )
    _run_on(30)
    monkeypatch.undo()
    assert _pulses(mentorship).count() == 2
    assert _pulses(mentorship).filter(membership=mentee).get() == sent_by_other_worker


def test_the_database_refuses_a_second_copy_of_a_pulse(started):
    mentorship, _mentor, mentee = started
    _run_on(30)
    copy = _pulses(mentorship).get(membership=mentee)
    copy.pk = None
    with pytest.raises(IntegrityError):
        copy.save()


def test_a_member_who_left_gets_no_more_pulses(organisation, programme):
    from mentora.mentorships.services.relationships import create_mentorship
    from tests.factories import make_member, make_programme

    group = make_programme(organisation, format="group", group_size=3)
    mentor, stays, leaves = (make_member(organisation) for _ in range(3))
    with time_machine.travel(START, tick=False):
        mentorship = create_mentorship(programme=group, mentors=[mentor], mentees=[stays, leaves])
        leave_mentorship(participant=mentorship.participants.get(membership=leaves), reason="other")
    _run_on(30)
    assert set(_pulses(mentorship).values_list("membership_id", flat=True)) == {mentor.pk, stays.pk}


def test_the_cadence_numbers_pulses_from_day_30():
    cadence = PulseCadence()
    start = date(2027, 1, 4)
    assert cadence.current(start, date(2027, 2, 3)) == (1, date(2027, 2, 3))
    assert cadence.current(start, date(2027, 4, 4)) == (2, date(2027, 4, 4))
    assert cadence.current(start, date(2027, 2, 2)) is None
