"""The feedback scheduler, run by the task worker every hour.

Each run first plans the next one (`run_after` an hour later), then sends what is due; a
run that fails therefore never breaks the chain. `manage.py schedule_feedback` starts the
chain (`make run` calls it before starting the worker; in production run it after each
deploy, or from cron as a safety net: a run already planned for the hour is never planned
twice, and invitations are unique in the database whatever runs them).
"""

from __future__ import annotations

from django.tasks import task

from mentora.feedback import services


@task
def run_feedback_scheduler() -> dict[str, int]:
    services.plan_next_scheduler_run()
    return services.run_scheduler()
