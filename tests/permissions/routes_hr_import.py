"""Expected answers of the HR import routes: org admins of the organisation only."""

from __future__ import annotations

from tests.permissions.spec import Route, only


def _hr_import(world):
    from mentora.hr_import.models import HrImport, HrImportStatus

    return HrImport.objects.create(
        organisation=world.organisation,
        created_by=world.people["org_admin"].user,
        file_name="hr.csv",
        sha256="0" * 64,
        source="employee_id,email,first_name,last_name\r\n",
        status=HrImportStatus.DRY_RUN,
        counts={"total": 0},
    )


ROUTES = [
    # The outsider is admin of their own organisation: they may import into it, not into Acme.
    Route("hr_import:list", expect=only(200, "org_admin", "outsider")),
    Route("hr_import:template", expect=only(200, "org_admin", "outsider")),
    Route(
        "hr_import:detail",
        args=lambda w: [_hr_import(w).pk],
        expect=only(200, "org_admin", outsider=404),
    ),
    Route(
        "hr_import:send_access_links",
        args=lambda w: [_hr_import(w).pk],
        method="post",
        expect=only(302, "org_admin", outsider=404),
    ),
    Route(
        "hr_import:apply",
        args=lambda w: [_hr_import(w).pk],
        method="post",
        data=lambda w: {"skip_rejected": "on"},
        expect=only(302, "org_admin", outsider=404),
    ),
]
