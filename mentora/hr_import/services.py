"""HR import services: store an upload, plan it (dry run), apply it; shared by views and tasks."""

from __future__ import annotations

import json
import logging

from django.db import connection, models, transaction
from django.utils import timezone

from mentora.accounts.models import Organisation, User
from mentora.accounts.services import record_audit
from mentora.hr_import.apply import apply_plan
from mentora.hr_import.models import (
    HrImport,
    HrImportDeparture,
    HrImportRow,
    HrImportStatus,
    is_large_departure,
)
from mentora.hr_import.parse import decode, file_sha256, parse_text
from mentora.hr_import.plan import Plan, build_plan

logger = logging.getLogger(__name__)

# Files up to this many rows are checked and applied within the request (a second or two);
# bigger ones run as a background task while the page shows their progress.
SYNC_ROW_LIMIT = 5000
_ROW_BATCH = 2000


@transaction.atomic
def create_hr_import(
    *,
    organisation: Organisation,
    actor: User,
    file_name: str,
    content: bytes,
    absent_have_left: bool = False,
) -> HrImport:
    """Keep an uploaded file whose header is readable, then plan it now or in the background.

    `absent_have_left`: the admin says the file lists everyone still employed, so members
    with an employee ID missing from it are to be marked as left. Raises HrFileError
    (nothing stored) when the file cannot be read at all.
    """
    from mentora.hr_import.tasks import plan_hr_import_task

    text = decode(content)
    parsed = parse_text(text)
    hr_import = HrImport.objects.create(
        organisation=organisation,
        created_by=actor,
        file_name=file_name[:255],
        sha256=file_sha256(content),
        source=text,
        absent_have_left=absent_have_left,
        counts={"total": len(parsed.rows)},
    )
    if len(parsed.rows) <= SYNC_ROW_LIMIT:
        plan_hr_import(hr_import=hr_import)
    else:
        transaction.on_commit(lambda: plan_hr_import_task.enqueue(hr_import.pk))
    return hr_import


def make_plan(hr_import: HrImport) -> Plan:
    """Parse the stored file again and plan it against the organisation as it is now."""
    return build_plan(
        parse_text(hr_import.source),
        hr_import.organisation,
        absent_have_left=hr_import.absent_have_left,
    )


@transaction.atomic
def plan_hr_import(*, hr_import: HrImport) -> HrImport:
    """Dry run: store the report row by row and the counters; change nobody."""
    plan = make_plan(hr_import)
    _store_report(hr_import, plan)
    hr_import.status = HrImportStatus.DRY_RUN
    hr_import.planned_at = timezone.now()
    hr_import.save(update_fields=["status", "planned_at", "counts", "plan_digest"])
    return hr_import


def _store_report(hr_import: HrImport, plan: Plan) -> None:
    """Replace the report rows and departures by batched INSERTs (50,000 rows in a second)."""
    hr_import.rows.all().delete()
    hr_import.departures.all().delete()
    columns = ["hr_import_id", "line", "action", "employee_id", "email", "name"]
    columns += ["changes", "errors"]
    rows = [
        (
            hr_import.pk,
            row.line,
            row.action,
            row.employee_id[:64],
            row.email[:254],
            row.name[:301],
            json.dumps(row.changes),
            json.dumps([[code, params] for code, params in row.errors], default=str),
        )
        for row in plan.rows
    ]
    _insert(HrImportRow, columns, rows)
    left_on_before = HrImportDeparture._meta.get_field("left_on_before")
    departures = [
        (
            hr_import.pk,
            member.pk,
            member.employee_id[:64],
            member.email[:254],
            member.name[:301],
            # Only a date still to come is replaced: the others have left already.
            left_on_before.get_db_prep_save(member.left_on, connection),
        )
        for member in plan.departures
    ]
    columns = ["hr_import_id", "membership_id", "employee_id", "email", "name", "left_on_before"]
    _insert(HrImportDeparture, columns, departures)
    hr_import.counts = plan.counts
    hr_import.plan_digest = plan.digest


def _insert(model: type[models.Model], columns: list[str], values: list[tuple]) -> None:
    """One multi-row INSERT per batch, without building model instances."""
    table = connection.ops.quote_name(model._meta.db_table)
    sql = (
        f"INSERT INTO {table} ({', '.join(connection.ops.quote_name(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(values), _ROW_BATCH):
            cursor.executemany(sql, values[start : start + _ROW_BATCH])


def request_apply(
    *, hr_import: HrImport, actor: User, skip_rejected: bool, confirm_departures: bool = False
) -> str:
    """Apply now (small files) or queue it.

    "refused" while rows are rejected and not skipped; "confirm_departures" while the file
    marks a large share of the organisation as left and the admin has not confirmed it.
    """
    from mentora.hr_import.tasks import apply_hr_import_task

    if hr_import.status != HrImportStatus.DRY_RUN:
        return "not_ready"
    if hr_import.count("reject") and not skip_rejected:
        return "refused"
    if hr_import.needs_departure_confirmation and not confirm_departures:
        return "confirm_departures"
    if hr_import.count("total") <= SYNC_ROW_LIMIT:
        return apply_hr_import(
            hr_import=hr_import,
            actor=actor,
            skip_rejected=skip_rejected,
            confirm_departures=confirm_departures,
        )
    updated = HrImport.objects.filter(pk=hr_import.pk, status=HrImportStatus.DRY_RUN).update(
        status=HrImportStatus.APPLYING
    )
    if not updated:
        return "not_ready"
    transaction.on_commit(
        lambda: apply_hr_import_task.enqueue(
            hr_import.pk, actor.pk, skip_rejected, confirm_departures
        )
    )
    return "queued"


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
            plan = make_plan(locked)
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
