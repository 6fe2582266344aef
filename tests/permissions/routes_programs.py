from __future__ import annotations

from tests.permissions.spec import Route, everyone, only

MANAGERS = ("coordinator", "org_admin")


def _objective_data(world):
    return {"title": "NPS", "metric": "nps", "target": "40", "target_date": "2027-12-01"}


ROUTES = [
    Route("programs:list", expect=everyone(200, anonymous=302)),
    Route(
        "programs:create",
        expect=only(200, "coordinator", "other_coordinator", "org_admin", "outsider"),
    ),
    Route(
        "programs:detail",
        args=lambda w: [w.programme.pk],
        expect=only(200, "coordinator", "org_admin", "sponsor", outsider=404),
    ),
    Route(
        "programs:public",
        args=lambda w: [w.programme.pk],
        expect=everyone(200, anonymous=302, outsider=404),
    ),
    # A draft does not exist for those who may not manage or sponsor it.
    Route(
        "programs:public",
        label="draft",
        args=lambda w: [w.draft.pk],
        expect=everyone(404, anonymous=302, coordinator=200, org_admin=200),
    ),
    Route(
        "programs:edit", args=lambda w: [w.programme.pk], expect=only(200, *MANAGERS, outsider=404)
    ),
    Route(
        "programs:status",
        args=lambda w: [w.programme.pk],
        method="post",
        data=lambda w: {"status": "matching"},
        expect=only(302, *MANAGERS, outsider=404),
    ),
    Route(
        "programs:objective_create",
        args=lambda w: [w.programme.pk],
        method="post",
        data=_objective_data,
        expect=only(302, *MANAGERS, outsider=404),
    ),
    Route(
        "programs:objective_edit",
        args=lambda w: [w.programme.pk, w.objective.pk],
        expect=only(200, *MANAGERS, outsider=404),
    ),
    Route(
        "programs:objective_delete",
        args=lambda w: [w.programme.pk, w.objective.pk],
        method="post",
        expect=only(302, *MANAGERS, outsider=404),
    ),
]
