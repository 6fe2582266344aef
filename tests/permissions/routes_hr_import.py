"""Expected answers of the HR import routes: org admins of the organisation only."""

from __future__ import annotations

from tests.permissions.spec import Route, only


def _hr_import(world):
    from mentora.accounts.hr_import_models import HrImport, HrImportStatus

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
    Route("accounts:hr_import", expect=only(200, "org_admin", "outsider")),
    Route("accounts:hr_import_template", expect=only(200, "org_admin", "outsider")),
    Route(
        "accounts:hr_import_detail",
        args=lambda w: [_hr_import(w).pk],
        expect=only(200, "org_admin", outsider=404),
    ),
    Route(
        "accounts:hr_import_apply",
        args=lambda w: [_hr_import(w).pk],
        method="post",
        data=lambda w: {"skip_rejected": "on"},
        expect=only(302, "org_admin", outsider=404),
    ),
]
