"""Relationships whose health the tests compute by hand: each signal is put in place on its
own day, with time frozen, and the score is read on TODAY (Wednesday 10 March 2027).

The pair of `running_pair` is created on 4 January 2027 in a formal, monthly programme that
started on 1 January: its relationship starts on 4 January, 65 days before TODAY.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import time_machine

from mentora.feedback.services import answer_pulse
from mentora.mentorships.models import Mentorship
from mentora.mentorships.services.concerns import raise_concern
from mentora.mentorships.services.meetings import cancel_meeting, record_meeting_outcome
from mentora.programs.models import Programme
from tests.factories import make_meeting, make_pair, make_pulse

PARIS = ZoneInfo("Europe/Paris")
TODAY = date(2027, 3, 10)
CREATED = date(2027, 1, 4)


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=PARIS)


def on(day: date) -> time_machine.travel:
    """Time frozen at 10:00 in Paris on `day`."""
    return time_machine.travel(at(day), tick=False)


def running_pair(programme: Programme, created: date = CREATED, **programme_fields):
    """(mentorship, mentor, mentee) of the programme, now running, created on `created`."""
    programme.status = "running"
    for name, value in programme_fields.items():
        setattr(programme, name, value)
    programme.save()
    with on(created):
        return make_pair(programme)


def meeting_on(mentorship: Mentorship, day: date, status: str):
    """A meeting at 9:00 on `day`, marked held or missed, or cancelled, on that day."""
    with on(day):
        meeting = make_meeting(mentorship, starts_at=at(day, 9))
        if status == "cancelled":
            return cancel_meeting(meeting=meeting, actor=None)
        return record_meeting_outcome(meeting=meeting, actor=None, status=status)


def pulse_on(mentorship: Mentorship, membership, day: date, quality: int, fit: str, sequence=1):
    """The member's answer to the `sequence`-th pulse, sent and answered on `day`."""
    with on(day):
        invitation = make_pulse(mentorship, membership, sequence=sequence, due_on=day)
        return answer_pulse(invitation=invitation, quality=quality, fit=fit)


def concern_on(mentorship: Mentorship, membership, day: date):
    with on(day):
        return raise_concern(mentorship=mentorship, raised_by=membership, body="Worried.")
