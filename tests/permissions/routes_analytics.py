"""Expected answers of the analytics routes, per role.

Relationship health names the people of each pair: the at-risk list, its threshold and its
export are the programme's coordinators' and the org admins'. Sponsors see aggregates only
(the dashboard), never this list; another organisation's admin does not see the programme.
"""

from __future__ import annotations

from tests.permissions.spec import Route, only

MANAGERS = ("coordinator", "org_admin")


def _programme(world):
    return [world.programme.pk]


ROUTES = [
    Route(
        "analytics:at_risk",
        args=_programme,
        expect=only(200, *MANAGERS, outsider=404),
    ),
    Route(
        "analytics:at_risk_threshold",
        label="save",
        args=_programme,
        method="post",
        data=lambda w: {"at_risk_below": "40"},
        expect=only(302, *MANAGERS, outsider=404),
    ),
    Route(
        "analytics:at_risk_csv",
        args=_programme,
        expect=only(200, *MANAGERS, outsider=404),
    ),
]
