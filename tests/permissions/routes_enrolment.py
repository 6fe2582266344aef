"""Enrolment routes: anyone of the organisation applies; the programme's coordinators review."""

from __future__ import annotations

from tests.permissions.spec import Route, everyone, only

MANAGERS = ("coordinator", "org_admin")


def _question(world):
    return [world.programme.pk, world.extra["question"].pk]


ROUTES = [
    # The member of the world already applied, so the form sends them to their application.
    Route(
        "enrolment:apply",
        args=lambda w: [w.programme.pk],
        expect=everyone(200, anonymous=302, outsider=404, member=302),
    ),
    # Nobody applies to a draft, not even the coordinators who may read it.
    Route(
        "enrolment:apply",
        label="draft",
        args=lambda w: [w.draft.pk],
        expect=everyone(404, anonymous=302),
    ),
    Route(
        "enrolment:my_application",
        args=lambda w: [w.programme.pk],
        expect=everyone(200, anonymous=302, outsider=404),
    ),
    Route(
        "enrolment:withdraw",
        args=lambda w: [w.programme.pk],
        method="post",
        expect=everyone(302, outsider=404),
    ),
    Route(
        "enrolment:questions",
        args=lambda w: [w.programme.pk],
        expect=only(200, *MANAGERS, outsider=404),
    ),
    Route("enrolment:question_edit", args=_question, expect=only(200, *MANAGERS, outsider=404)),
    Route(
        "enrolment:question_delete",
        args=_question,
        method="post",
        expect=only(302, *MANAGERS, outsider=404),
    ),
    Route(
        "enrolment:question_move",
        args=_question,
        method="post",
        expect=only(302, *MANAGERS, outsider=404),
    ),
    Route(
        "enrolment:applications",
        args=lambda w: [w.programme.pk],
        expect=only(200, *MANAGERS, outsider=404),
    ),
    Route(
        "enrolment:applications",
        label="decide",
        args=lambda w: [w.programme.pk],
        method="post",
        data=lambda w: {"decision": "approved", "applications": [w.extra["application"].pk]},
        expect=only(302, *MANAGERS, outsider=404),
    ),
    Route(
        "enrolment:applications_export",
        args=lambda w: [w.programme.pk],
        expect=only(200, *MANAGERS, outsider=404),
    ),
    # Answers are for the programme's coordinators: not sponsors, not other coordinators.
    Route(
        "enrolment:application_detail",
        args=lambda w: [w.programme.pk, w.extra["application"].pk],
        expect=only(200, *MANAGERS, outsider=404),
    ),
    Route(
        "enrolment:enrolment_invitations",
        args=lambda w: [w.programme.pk],
        expect=only(200, *MANAGERS, outsider=404),
    ),
]
