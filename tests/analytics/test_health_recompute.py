"""A relationship's stored health follows its signals once each change is committed, one
relationship at a time; only open relationships keep a health row."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from mentora.analytics.health import recompute, recompute_programme
from mentora.analytics.models import RelationshipHealth
from mentora.analytics.receivers import _Batch
from mentora.mentorships.models import GoalStatus
from mentora.mentorships.services.agreement import sign_agreement
from mentora.mentorships.services.closure import leave_mentorship
from mentora.mentorships.services.goals import record_goal_progress
from tests.analytics.health_helpers import (
    TODAY,
    concern_on,
    meeting_on,
    on,
    pulse_on,
    running_pair,
)
from tests.factories import make_goal, make_pair, sign_by_all


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit, as it would run after a real one (on the day the
    test travels to: enter it before this)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def pair(programme):
    """Unsigned (−20) and never met since 4 January (−40): 40 until something happens."""
    mentorship, mentor, mentee = running_pair(programme)
    recompute([mentorship.pk], TODAY)
    return mentorship, mentor, mentee


def _score(mentorship):
    return RelationshipHealth.objects.get(mentorship=mentorship).score


def test_the_fixture_starts_at_40(pair):
    assert _score(pair[0]) == 40


def test_a_meeting_marked_held_raises_the_score(pair, committed):
    with on(TODAY), committed():
        meeting_on(pair[0], TODAY, "held")
    assert _score(pair[0]) == 80


def test_a_concern_lowers_the_score(pair, committed):
    with on(TODAY), committed():
        concern_on(pair[0], pair[2], TODAY)
    assert _score(pair[0]) == 5


def test_signing_the_agreement_raises_the_score(pair, committed):
    with on(TODAY), committed():
        sign_by_all(pair[0])
    assert _score(pair[0]) == 60


def test_a_goal_off_track_lowers_the_score(pair, committed):
    mentorship, _mentor, mentee = pair
    with on(TODAY), committed():
        goal = make_goal(mentorship, mentee)
        record_goal_progress(goal=goal, actor=mentee.user, status=GoalStatus.OFF_TRACK, progress=0)
    assert _score(mentorship) == 30


def test_a_low_pulse_answer_lowers_the_score(pair, committed):
    with on(TODAY), committed():
        pulse_on(pair[0], pair[1], TODAY, quality=1, fit="poor")
    assert _score(pair[0]) == 5


def test_a_relationship_left_and_closed_loses_its_health(pair, committed):
    participant = pair[0].participants.get(membership=pair[2])
    with on(TODAY), committed():
        leave_mentorship(participant=participant, reason="availability")
    assert not RelationshipHealth.objects.filter(mentorship=pair[0]).exists()


def test_a_new_cadence_recomputes_the_programmes_pairs(pair, programme, committed):
    with on(TODAY), committed():
        programme.cadence = "bimonthly"  # 65 days without a meeting: one period late
        programme.save()
    assert _score(pair[0]) == 60


def test_changes_of_one_transaction_are_recomputed_together(pair, programme, committed):
    other, _other_mentor, other_mentee = make_pair(programme)
    with on(TODAY), committed() as callbacks, transaction.atomic():
        sign_agreement(agreement=pair[0].agreement, participant=pair[0].participants.first())
        concern_on(other, other_mentee, TODAY)
        concern_on(pair[0], pair[2], TODAY)
    batches = [callback for callback in callbacks if isinstance(callback, _Batch)]
    assert [batch.ids for batch in batches] == [{pair[0].pk, other.pk}]


def test_recomputing_reads_each_kind_of_signal_once(programme, django_assert_num_queries):
    pairs = [running_pair(programme)[0] for _ in range(3)]
    for mentorship in pairs:
        meeting_on(mentorship, date(2027, 3, 1), "held")
    # The relationships, stale rows, held, missed, agreements, goals, pulses, concerns, write.
    with django_assert_num_queries(9):
        recompute([m.pk for m in pairs], TODAY)
    with django_assert_num_queries(9):
        recompute([pairs[0].pk], TODAY)


def test_a_programme_is_recomputed_as_a_whole(programme):
    pairs = [running_pair(programme)[0] for _ in range(2)]
    assert recompute_programme(programme, TODAY) == 2
    assert sorted(RelationshipHealth.objects.values_list("mentorship", flat=True)) == sorted(
        m.pk for m in pairs
    )
