"""HR import services: store an upload, then plan and apply it now or in the background."""

from __future__ import annotations

from django.db import transaction

from mentora.accounts.models import Organisation, User
from mentora.hr_import.models import HrImport, HrImportStatus
from mentora.hr_import.parse import decode, file_sha256, parse_text
from mentora.hr_import.runs import apply_hr_import, plan_hr_import
from mentora.hr_import.tasks import apply_hr_import_task, plan_hr_import_task

# Files up to this many rows are checked and applied within the request (a second or two);
# bigger ones run as a background task while the page shows their progress.
SYNC_ROW_LIMIT = 5000


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


def request_apply(
    *, hr_import: HrImport, actor: User, skip_rejected: bool, confirm_departures: bool = False
) -> str:
    """Apply now (small files) or queue it.

    "refused" while rows are rejected and not skipped; "confirm_departures" while the file
    marks a large share of the organisation as left and the admin has not confirmed it.
    """
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
