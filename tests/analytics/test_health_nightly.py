"""Each night the task worker recomputes every open relationship (time moves scores too);
each run plans the next night, and a night is never planned twice, whoever plans it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from mentora.analytics import nightly
from mentora.analytics.health import recompute
from mentora.analytics.models import RelationshipHealth
from mentora.analytics.tasks import run_analytics_nightly
from mentora.core.models import PlannedRun
from mentora.feedback import services as feedback_services
from mentora.mentorships.models import Mentorship, Stage
from tests.analytics.health_helpers import PARIS, TODAY, meeting_on, on, running_pair
from tests.factories import sign_by_all


@pytest.fixture
def database_tasks(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queued():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=run_analytics_nightly.module_path)


def test_the_nightly_run_follows_the_passing_of_days(programme):
    mentorship, _mentor, _mentee = running_pair(programme)
    sign_by_all(mentorship)
    meeting_on(mentorship, date(2027, 3, 1), "held")
    recompute([mentorship.pk], TODAY)
    # 35 days without a meeting by 5 April.
    assert nightly.run_nightly(date(2027, 4, 5)) == {"health": 1, "kpi_points": 0}
    assert RelationshipHealth.objects.get(mentorship=mentorship).score == 80


def test_the_nightly_run_drops_the_health_of_closed_relationships(programme):
    mentorship, _mentor, _mentee = running_pair(programme)
    recompute([mentorship.pk], TODAY)
    Mentorship.objects.filter(pk=mentorship.pk).update(stage=Stage.CLOSED)
    assert nightly.run_nightly(TODAY) == {"health": 0, "kpi_points": 0}
    assert not RelationshipHealth.objects.exists()


def test_the_next_night_is_the_first_after_now():
    assert nightly.nightly_slot(datetime(2027, 3, 10, 1, 0, tzinfo=PARIS)) == datetime(
        2027, 3, 10, 2, 30, tzinfo=PARIS
    )
    assert nightly.nightly_slot(datetime(2027, 3, 10, 2, 30, tzinfo=PARIS)) == datetime(
        2027, 3, 11, 2, 30, tzinfo=PARIS
    )


def test_a_night_is_planned_once_whoever_plans_it(database_tasks):
    assert nightly.plan_nightly_run(after=datetime(2027, 3, 10, 9, tzinfo=PARIS)) is True
    assert nightly.plan_nightly_run(after=datetime(2027, 3, 10, 18, tzinfo=PARIS)) is False
    assert _queued().get().run_after == datetime(2027, 3, 11, 2, 30, tzinfo=PARIS)


def test_the_nightly_chain_and_the_feedback_chain_claim_the_same_instant_apart(
    database_tasks,
):
    half_past_two = datetime(2027, 3, 11, 2, 30, tzinfo=PARIS)
    assert feedback_services.plan_scheduler_run(run_at=half_past_two) is True
    assert nightly.plan_nightly_run(after=half_past_two - timedelta(minutes=1)) is True
    assert sorted(PlannedRun.objects.values_list("chain", flat=True)) == ["analytics", "feedback"]


def test_a_nightly_run_plans_the_next_night(database_tasks):
    with time_machine.travel(datetime(2027, 3, 10, 2, 30, 5, tzinfo=PARIS), tick=False):
        run_analytics_nightly.call()
    assert list(PlannedRun.objects.values_list("run_at", flat=True)) == [
        datetime(2027, 3, 11, 2, 30, tzinfo=PARIS)
    ]


def test_without_a_deferring_backend_nothing_is_planned(db):
    assert nightly.plan_nightly_run(after=datetime(2027, 3, 10, 9, tzinfo=PARIS)) is False
    assert not PlannedRun.objects.exists()


def test_the_command_starts_the_chain_once(database_tasks):
    out = StringIO()
    call_command("schedule_analytics", stdout=out)
    call_command("schedule_analytics", stdout=out)
    assert _queued().count() == 1
    assert "already planned" in out.getvalue()


def test_the_command_can_recompute_now(programme):
    mentorship, _mentor, _mentee = running_pair(programme)
    out = StringIO()
    with on(TODAY):
        call_command("schedule_analytics", "--now", stdout=out)
    assert RelationshipHealth.objects.get(mentorship=mentorship).score == 40
    assert "recomputed: 1" in out.getvalue()
