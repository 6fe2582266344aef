"""Each signal of the health rule (mentora/analytics/health.py) against a hand computation,
read on TODAY, 10 March 2027, for a pair created on 4 January in a formal monthly programme."""

from __future__ import annotations

from datetime import date

import pytest

from mentora.analytics.health import compute_health
from mentora.mentorships.models import GoalStatus
from mentora.mentorships.services.agreement import update_agreement
from mentora.mentorships.services.concerns import resolve_concern
from mentora.mentorships.services.goals import record_goal_progress
from tests.analytics.health_helpers import (
    TODAY,
    concern_on,
    meeting_on,
    on,
    pulse_on,
    running_pair,
)
from tests.factories import make_goal, sign_by_all


@pytest.fixture
def pair(programme):
    """Signed, and met a week ago: nothing to warn about."""
    mentorship, mentor, mentee = running_pair(programme)
    sign_by_all(mentorship)
    meeting_on(mentorship, date(2027, 3, 3), "held")
    return mentorship, mentor, mentee


def _health(mentorship):
    return compute_health(mentorship, TODAY)


def _codes(reasons):
    return [reason["code"] for reason in reasons]


def test_a_relationship_without_warning_signs_scores_100(pair):
    assert _health(pair[0]) == (100, [])


def test_no_meeting_for_more_than_one_period_costs_20(programme):
    mentorship, _mentor, _mentee = running_pair(programme)
    sign_by_all(mentorship)
    meeting_on(mentorship, date(2027, 1, 17), "held")  # 52 days before TODAY, a month is 30
    assert _health(mentorship) == (
        80,
        [{"code": "no_meeting", "points": 20, "days": 52, "cadence": "monthly"}],
    )


def test_no_meeting_for_more_than_two_periods_costs_40(programme):
    mentorship, _mentor, _mentee = running_pair(programme)
    sign_by_all(mentorship)
    meeting_on(mentorship, date(2027, 1, 5), "held")  # 64 days > 2 × 30
    assert _health(mentorship)[0] == 60


def test_without_any_meeting_the_gap_counts_from_the_start(programme):
    mentorship, _mentor, _mentee = running_pair(programme, created=date(2027, 2, 1))
    sign_by_all(mentorship)
    assert _health(mentorship) == (
        80,
        [{"code": "no_meeting_yet", "points": 20, "days": 37, "cadence": "monthly"}],
    )


def test_a_pair_created_before_the_programme_starts_counts_from_the_programme_start(programme):
    mentorship, _mentor, _mentee = running_pair(
        programme, created=date(2026, 12, 1), starts_on=date(2027, 2, 20)
    )
    sign_by_all(mentorship)
    assert _health(mentorship) == (100, [])  # 18 days since the programme started


def test_a_weekly_programme_expects_a_meeting_every_seven_days(programme):
    mentorship, _mentor, _mentee = running_pair(programme, cadence="weekly")
    sign_by_all(mentorship)
    meeting_on(mentorship, date(2027, 3, 1), "held")  # 9 days
    assert _health(mentorship)[1][0]["cadence"] == "weekly"
    assert _health(mentorship)[0] == 80


def test_recent_missed_and_cancelled_meetings_cost_10_and_5_each(pair):
    mentorship = pair[0]
    meeting_on(mentorship, date(2027, 2, 14), "missed")
    meeting_on(mentorship, date(2027, 3, 1), "missed")
    meeting_on(mentorship, date(2027, 2, 28), "cancelled")
    meeting_on(mentorship, date(2026, 12, 10), "missed")  # 90 days ago: no longer recent
    score, reasons = _health(mentorship)
    assert score == 100 - 2 * 10 - 5
    assert reasons == [
        {"code": "meetings_missed", "points": 20, "count": 2, "days": 90},
        {"code": "meetings_cancelled", "points": 5, "count": 1, "days": 90},
    ]


def test_missed_and_cancelled_meetings_cost_30_at_most(pair):
    for day in (2, 3, 4):
        meeting_on(pair[0], date(2027, 2, day), "missed")
    meeting_on(pair[0], date(2027, 2, 5), "cancelled")
    score, reasons = _health(pair[0])
    assert score == 70
    assert [reason["points"] for reason in reasons] == [30, 0]


def test_an_agreement_unsigned_after_14_days_costs_20(programme):
    mentorship, _mentor, _mentee = running_pair(programme)
    meeting_on(mentorship, date(2027, 3, 3), "held")
    assert _health(mentorship) == (
        80,
        [{"code": "agreement_unsigned", "points": 20, "days": 65}],
    )


def test_an_agreement_is_not_late_within_14_days(programme):
    mentorship, _mentor, _mentee = running_pair(programme, created=date(2027, 2, 25))
    assert _health(mentorship) == (100, [])  # 13 days


def test_an_informal_programme_does_not_wait_for_signatures(programme):
    mentorship, _mentor, _mentee = running_pair(programme, is_formal=False)
    meeting_on(mentorship, date(2027, 3, 3), "held")
    assert _health(mentorship) == (100, [])


def test_a_new_version_of_the_agreement_counts_from_the_day_it_was_drawn_up(pair):
    mentorship, mentor, _mentee = pair
    with on(date(2027, 2, 20)):
        update_agreement(agreement=mentorship.agreement, actor=mentor.user, boundaries="New.")
    assert _health(mentorship)[1] == [{"code": "agreement_unsigned", "points": 20, "days": 18}]


def test_goals_off_track_or_overdue_cost_10_each_and_20_at_most(pair):
    mentorship, _mentor, mentee = pair
    with on(date(2027, 1, 10)):
        make_goal(mentorship, mentee, due_on=date(2027, 3, 1))  # not started, overdue
        off = make_goal(mentorship, mentee, due_on=date(2027, 6, 1))
        done = make_goal(mentorship, mentee, due_on=date(2027, 3, 1))
        record_goal_progress(goal=off, actor=mentee.user, status=GoalStatus.OFF_TRACK, progress=10)
        record_goal_progress(goal=done, actor=mentee.user, status=GoalStatus.ACHIEVED, progress=100)
    assert _health(mentorship) == (80, [{"code": "goals_behind", "points": 20, "count": 2}])
    with on(date(2027, 1, 10)):
        make_goal(mentorship, mentee, due_on=date(2027, 2, 1))
    assert _health(mentorship) == (80, [{"code": "goals_behind", "points": 20, "count": 3}])


def test_a_low_latest_pulse_costs_35(pair):
    mentorship, _mentor, mentee = pair
    pulse_on(mentorship, mentee, date(2027, 3, 3), quality=2, fit="good")
    assert _health(mentorship) == (
        65,
        [{"code": "pulse_low", "points": 35, "quality": 2, "on": "2027-03-03"}],
    )


def test_only_each_members_latest_pulse_counts(pair):
    mentorship, mentor, mentee = pair
    pulse_on(mentorship, mentee, date(2027, 2, 3), quality=1, fit="poor", sequence=1)
    pulse_on(mentorship, mentee, date(2027, 3, 3), quality=4, fit="good", sequence=2)
    pulse_on(mentorship, mentor, date(2027, 3, 4), quality=3, fit="deciding")
    assert _health(mentorship) == (100, [])


def test_a_low_pulse_and_not_a_good_fit_cost_35_once(pair):
    mentorship, mentor, mentee = pair
    pulse_on(mentorship, mentee, date(2027, 3, 3), quality=1, fit="poor")
    pulse_on(mentorship, mentor, date(2027, 3, 4), quality=4, fit="poor")
    score, reasons = _health(mentorship)
    assert score == 65
    assert _codes(reasons) == ["pulse_low", "pulse_poor_fit", "pulse_poor_fit"]


def test_an_open_concern_costs_35(pair):
    mentorship, _mentor, mentee = pair
    concern_on(mentorship, mentee, date(2027, 3, 5))
    concern_on(mentorship, mentee, date(2027, 3, 8))
    assert _health(mentorship) == (
        65,
        [{"code": "open_concern", "points": 35, "count": 2, "since": "2027-03-05"}],
    )


def test_a_resolved_concern_costs_nothing(pair, coordinator):
    concern = concern_on(pair[0], pair[2], date(2027, 3, 5))
    resolve_concern(concern=concern, actor=coordinator.user, resolution="We talked.")
    assert _health(pair[0]) == (100, [])


def test_the_worked_example_of_the_rule(programme):
    """No meeting for 52 days (−20), one missed (−10), an open concern (−35): 35."""
    mentorship, _mentor, mentee = running_pair(programme)
    sign_by_all(mentorship)
    meeting_on(mentorship, date(2027, 1, 17), "held")
    meeting_on(mentorship, date(2027, 2, 14), "missed")
    concern_on(mentorship, mentee, date(2027, 3, 5))
    score, reasons = _health(mentorship)
    assert score == 35
    assert _codes(reasons) == ["open_concern", "no_meeting", "meetings_missed"]


def test_the_score_never_falls_below_zero(programme):
    mentorship, _mentor, mentee = running_pair(programme)  # unsigned: −20
    # No meeting held for 65 days: −40; three missed: −30.
    for day in (10, 20, 28):
        meeting_on(mentorship, date(2027, 2, day), "missed")
    pulse_on(mentorship, mentee, date(2027, 3, 3), quality=1, fit="poor")  # −35
    concern_on(mentorship, mentee, date(2027, 3, 5))  # −35
    assert _health(mentorship)[0] == 0
