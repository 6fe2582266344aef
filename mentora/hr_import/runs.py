"""Dry run and apply of a stored HR import, each in one transaction: inline or from a task."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import User
from mentora.accounts.services import record_audit
from mentora.hr_import.apply import apply_plan
from mentora.hr_import.bulk import insert_rows
from mentora.hr_import.models import (
    HrImport,
    HrImportDeparture,
    HrImportRow,
    HrImportStatus,
    is_large_departure,
)
from mentora.hr_import.plan import Plan, plan_stored_import

logger = logging.getLogger(__name__)


@transaction.atomic
def plan_hr_import(*, hr_import: HrImport) -> HrImport:
    """Dry run: store the report row by row and the counters; change nobody."""
    plan = plan_stored_import(hr_import)
    _store_report(hr_import, plan)
    hr_import.status = HrImportStatus.DRY_RUN
    hr_import.planned_at = timezone.now()
    hr_import.save(update_fields=["status", "planned_at", "counts", "plan_digest"])
    return hr_import


def _store_report(hr_import: HrImport, plan: Plan) -> None:
    """Replace the report rows and departures by batched INSERTs (50,000 rows in a second)."""
    hr_import.rows.all().delete()
    hr_import.departures.all().delete()
    insert_rows(
        HrImportRow,
        [
            {
                "hr_import_id": hr_import.pk,
                "line": row.line,
                "action": row.action,
                "employee_id": row.employee_id[:64],
                "email": row.email[:254],
                "name": row.name[:301],
                "changes": row.changes,
                "errors": [[code, params] for code, params in row.errors],
            }
            for row in plan.rows
        ],
    )
    insert_rows(
        HrImportDeparture,
        [
            {
                "hr_import_id": hr_import.pk,
                "membership_id": member.pk,
                "employee_id": member.employee_id[:64],
                "email": member.email[:254],
                "name": member.name[:301],
                # Only a date still to come is replaced: the others have left already.
                "left_on_before": member.left_on,
            }
            for member in plan.departures
        ],
    )
    hr_import.counts = plan.counts
    hr_import.plan_digest = plan.digest


def apply_hr_import(
    *,
    hr_import: HrImport,
    actor: User | None,
    skip_rejected: bool,
    confirm_departures: bool = False,
) -> str:
    """Re-plan; if the report is still what the admin saw, apply it all in one transaction.

    Returns "applied", "replanned" (the organisation changed since the dry run: the new report
    is stored and nothing is applied), "refused", "confirm_departures", "not_ready" or
    "failed" (nothing changed).
    """
    try:
        with transaction.atomic():
            locked = HrImport.objects.select_for_update().get(pk=hr_import.pk)
            if locked.status not in {HrImportStatus.DRY_RUN, HrImportStatus.APPLYING}:
                return "not_ready"
            plan = plan_stored_import(locked)
            if plan.digest != locked.plan_digest:
                _store_report(locked, plan)
                locked.status = HrImportStatus.DRY_RUN
                locked.replanned_at = timezone.now()
                locked.save(update_fields=["status", "replanned_at", "counts", "plan_digest"])
                return "replanned"
            if plan.counts.get("reject") and not skip_rejected:
                locked.status = HrImportStatus.DRY_RUN
                locked.save(update_fields=["status"])
                return "refused"
            large = is_large_departure(plan.counts["absent_leaving"], plan.counts["roster"])
            if large and not confirm_departures:
                locked.status = HrImportStatus.DRY_RUN
                locked.save(update_fields=["status"])
                return "confirm_departures"
            applied = apply_plan(plan)
            locked.status = HrImportStatus.APPLIED
            locked.applied_at = timezone.now()
            locked.applied_by = actor
            locked.applied_counts = applied
            locked.skipped_rejected = bool(plan.counts.get("reject"))
            locked.save(
                update_fields=[
                    "status",
                    "applied_at",
                    "applied_by",
                    "applied_counts",
                    "skipped_rejected",
                ]
            )
            record_audit(
                organisation=locked.organisation,
                actor=actor,
                action="hr_import.apply",
                target=locked.file_name,
                sha256=locked.sha256,
                skipped=plan.counts.get("reject", 0),
                absent_have_left=locked.absent_have_left,
                departures_confirmed=large and confirm_departures,
                **applied,
            )
    except Exception:
        logger.exception("HR import %s failed while applying", hr_import.pk)
        HrImport.objects.filter(pk=hr_import.pk).update(
            status=HrImportStatus.FAILED, file_error={"code": "apply_failed"}
        )
        return "failed"
    return "applied"
