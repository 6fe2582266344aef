"""Expected answers of the feedback routes, per role.

The world's mentor and mentee were both invited to rate a held meeting; the mentee rated it
(4, 3, "Helpful."). Each has a pulse; the mentee answered theirs "not a good fit". An
invitation is its person's alone: to everybody else, the partner included, it does not
exist. A programme's results are its coordinators' and the org admins'.
"""

from __future__ import annotations

from tests.permissions.spec import Route, everyone, only

MANAGERS = ("coordinator", "org_admin")


def _meeting(world):
    return [world.extra["held_meeting"].pk]


def _own(status: int, *roles: str) -> dict[str, int]:
    """The invited person(s) get `status`; anybody else's invitation does not exist."""
    return everyone(404, anonymous=302, **{role: status for role in roles})


ROUTES = [
    Route("feedback:mine", expect=everyone(200, anonymous=302)),
    Route("feedback:session", args=_meeting, expect=_own(200, "mentor", "mentee")),
    # The mentor answers for the first time; the mentee sends their answer again (no change).
    Route(
        "feedback:session",
        label="answer",
        args=_meeting,
        method="post",
        data=lambda w: {"rating": "4", "progress": "3", "comment": "Helpful."},
        expect=_own(302, "mentor", "mentee"),
    ),
    Route(
        "feedback:pulse",
        args=lambda w: [w.extra["mentor_pulse"].pk],
        expect=_own(200, "mentor"),
    ),
    # Answered "not a good fit": the page offers a concern and a rematch, to its author only.
    Route(
        "feedback:pulse",
        label="not a good fit",
        args=lambda w: [w.extra["mentee_pulse"].pk],
        expect=_own(200, "mentee"),
    ),
    Route(
        "feedback:pulse",
        label="answer",
        args=lambda w: [w.extra["mentor_pulse"].pk],
        method="post",
        data=lambda w: {"quality": "3", "fit": "good"},
        expect=_own(302, "mentor"),
    ),
    Route(
        "feedback:programme",
        args=lambda w: [w.programme.pk],
        expect=only(200, *MANAGERS, outsider=404),
    ),
    Route(
        "feedback:settings",
        args=lambda w: [w.programme.pk],
        expect=only(200, *MANAGERS, outsider=404),
    ),
    Route(
        "feedback:settings",
        label="save",
        args=lambda w: [w.programme.pk],
        method="post",
        data=lambda w: {
            "pulse_enabled": "on",
            "pulse_first_after_days": "30",
            "pulse_every_days": "60",
        },
        expect=only(302, *MANAGERS, outsider=404),
    ),
]
