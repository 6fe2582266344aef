"""Expected answers of the training and resource-library routes, per role.

Every member reads the library and follows published modules; coordinators and org admins
write them; drafts do not exist for members; another organisation's content is a 404.
"""

from __future__ import annotations

from tests.permissions.spec import Route, everyone, only

WRITERS = ("coordinator", "other_coordinator", "org_admin")
READ = everyone(200, anonymous=302, outsider=404)
WRITE_GET = only(200, *WRITERS, outsider=404)
WRITE_POST = only(302, *WRITERS, outsider=404)


def _resource(world):
    return [world.extra["resource"].pk]


def _module(world):
    return [world.extra["module"].pk]


def _step(world):
    return [world.extra["module"].pk, world.extra["step"].pk]


def _draft(world):
    return [world.extra["draft_module"].pk]


def _draft_step(world):
    draft = world.extra["draft_module"]
    return [draft.pk, draft.steps.get().pk]


ROUTES = [
    Route("learning:home", expect=everyone(200, anonymous=302)),
    Route("learning:resources", expect=everyone(200, anonymous=302)),
    Route(
        "learning:resources",
        label="filtered",
        data=lambda w: {"q": "agreement", "kind": "template", "language": "en"},
        expect=everyone(200, anonymous=302),
    ),
    # The outsider writes in their own organisation.
    Route("learning:resource_create", expect=only(200, *WRITERS, "outsider")),
    Route("learning:resource_detail", args=_resource, expect=READ),
    Route("learning:resource_download", args=_resource, expect=READ),
    Route("learning:resource_edit", args=_resource, expect=WRITE_GET),
    Route("learning:resource_delete", args=_resource, method="post", expect=WRITE_POST),
    Route("learning:module_create", expect=only(200, *WRITERS, "outsider")),
    Route("learning:module_detail", args=_module, expect=READ),
    Route(
        "learning:module_detail",
        label="draft",
        args=_draft,
        expect=everyone(404, anonymous=302, **dict.fromkeys(WRITERS, 200)),
    ),
    Route("learning:module_edit", args=_module, expect=WRITE_GET),
    Route(
        "learning:module_publish",
        args=_module,
        method="post",
        data=lambda w: {"published": "0"},
        expect=WRITE_POST,
    ),
    Route("learning:module_delete", args=_module, method="post", expect=WRITE_POST),
    Route("learning:step_create", args=_module, expect=WRITE_GET),
    Route("learning:step_detail", args=_step, expect=READ),
    Route(
        "learning:step_detail",
        label="draft",
        args=_draft_step,
        expect=everyone(404, anonymous=302, **dict.fromkeys(WRITERS, 200)),
    ),
    Route(
        "learning:step_complete",
        args=_step,
        method="post",
        data=lambda w: {"answer": "1"},
        expect=everyone(302, outsider=404),
    ),
    Route("learning:step_edit", args=_step, expect=WRITE_GET),
    Route("learning:step_delete", args=_step, method="post", expect=WRITE_POST),
    Route(
        "learning:step_move",
        args=_step,
        method="post",
        data=lambda w: {"up": "1"},
        expect=WRITE_POST,
    ),
]
