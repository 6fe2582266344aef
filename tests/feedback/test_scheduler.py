"""The task worker runs the feedback scheduler every hour: each run plans the next one, and
an hour is never planned twice, whoever plans it."""

from __future__ import annotations

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from mentora.core.models import PlannedRun
from mentora.feedback import services
from mentora.feedback.models import FeedbackInvitation
from mentora.feedback.tasks import run_feedback_scheduler
from tests.factories import make_pair

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def database_tasks(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queued():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=run_feedback_scheduler.module_path)


def test_an_hour_is_planned_once_whoever_plans_it(database_tasks):
    at = datetime(2027, 3, 1, 10, 20, tzinfo=PARIS)
    assert services.plan_scheduler_run(run_at=at) is True
    assert services.plan_scheduler_run(run_at=at.replace(minute=50)) is False
    assert _queued().count() == 1
    assert _queued().get().run_after == datetime(2027, 3, 1, 10, tzinfo=PARIS)


def test_a_run_plans_the_next_hour(database_tasks):
    with time_machine.travel(datetime(2027, 3, 1, 10, 0, 5, tzinfo=PARIS), tick=False):
        run_feedback_scheduler.call()
    assert list(PlannedRun.objects.values_list("run_at", flat=True)) == [
        datetime(2027, 3, 1, 11, tzinfo=PARIS)
    ]


def test_without_a_deferring_backend_nothing_is_planned(db):
    assert services.plan_scheduler_run(run_at=datetime(2027, 3, 1, 10, tzinfo=PARIS)) is False
    assert not PlannedRun.objects.exists()


def test_the_command_starts_the_chain_once(database_tasks):
    out = StringIO()
    call_command("schedule_feedback", stdout=out)
    call_command("schedule_feedback", stdout=out)
    assert _queued().count() == 1
    assert "already planned" in out.getvalue()


def test_the_command_can_send_what_is_due_now(programme):
    with time_machine.travel(datetime(2027, 1, 4, 10, tzinfo=PARIS), tick=False):
        mentorship, _mentor, _mentee = make_pair(programme)
    with time_machine.travel(datetime(2027, 2, 3, 12, tzinfo=PARIS), tick=False):
        call_command("schedule_feedback", "--now", stdout=StringIO())
    assert FeedbackInvitation.objects.filter(mentorship=mentorship, instrument="pulse").count() == 2
