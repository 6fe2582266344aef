"""Background work of matching: runs and notification e-mails (ids in, services do the work)."""

from __future__ import annotations

from django.tasks import task

from mentora.matching import emails
from mentora.matching.services import publication, runs


@task
def execute_matching_run(run_id: int) -> None:
    runs.execute_run(run_id)


@task
def send_match_notices(notice_ids: list[int]) -> None:
    for notice_id in notice_ids:
        emails.send_match_notice(notice_id)


@task
def publish_matching_run(run_id: int, actor_id: int) -> None:
    publication.execute_publication(run_id, actor_id)
