"""Background runs of large HR imports (the view polls their status)."""

from __future__ import annotations

import logging

from django.tasks import task

from mentora.accounts.models import User
from mentora.hr_import.models import HrImport, HrImportStatus
from mentora.hr_import.runs import apply_hr_import, plan_hr_import

logger = logging.getLogger(__name__)


@task
def plan_hr_import_task(hr_import_id: int) -> None:
    hr_import = HrImport.objects.filter(pk=hr_import_id, status=HrImportStatus.PLANNING).first()
    if hr_import is None:
        return
    try:
        plan_hr_import(hr_import=hr_import)
    except Exception:
        # Never leave the page polling forever: show the failure instead.
        logger.exception("HR import %s failed while planning", hr_import_id)
        HrImport.objects.filter(pk=hr_import_id).update(
            status=HrImportStatus.FAILED, file_error={"code": "plan_failed"}
        )


@task
def apply_hr_import_task(
    hr_import_id: int, actor_id: int | None, skip_rejected: bool, confirm_departures: bool = False
) -> None:
    hr_import = HrImport.objects.filter(pk=hr_import_id, status=HrImportStatus.APPLYING).first()
    if hr_import is not None:
        actor = User.objects.filter(pk=actor_id).first() if actor_id else None
        apply_hr_import(
            hr_import=hr_import,
            actor=actor,
            skip_rejected=skip_rejected,
            confirm_departures=confirm_departures,
        )
