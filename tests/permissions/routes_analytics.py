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

# The organisation overview: every programme side by side, not k-anonymous, so org admins
# only; another organisation's admin reads their own organisation's.
ROUTES += [Route("analytics:overview", expect=only(200, "org_admin", outsider=200))]


def _closing_programme(world):
    """The world's programme moved on to closing: the retrospective report exists."""
    world.programme.status = "closing"
    world.programme.save(update_fields=["status"])
    return [world.programme.pk]


# The lessons learned are the coordinators' and org admins'; the report is also the
# programme's sponsors' (anonymised figures), once the programme is closing. Before, the
# page says when it opens and the report's link sends readers back with a message.
ROUTES += [
    Route(
        "analytics:retrospective",
        args=_programme,
        expect=only(200, *MANAGERS, outsider=404),
    ),
    Route(
        "analytics:retrospective",
        label="save",
        args=_closing_programme,
        method="post",
        data=lambda w: {"lessons": "Pair across sites earlier."},
        expect=only(302, *MANAGERS, outsider=404),
    ),
    Route(
        "analytics:retrospective_pdf",
        args=_closing_programme,
        expect=only(200, *MANAGERS, "sponsor", outsider=404),
    ),
    Route(
        "analytics:retrospective_pdf",
        label="before closing",
        args=_programme,
        expect=only(302, *MANAGERS, "sponsor", outsider=404),
    ),
]

# The programme dashboard and its exports: aggregates, k-anonymous for the programme's
# sponsor; members and other coordinators are refused, another organisation sees nothing.
DASHBOARD_READERS = ("coordinator", "org_admin", "sponsor")

ROUTES += [
    Route(name, args=_programme, expect=only(200, *DASHBOARD_READERS, outsider=404))
    for name in ("dashboard:programme", "dashboard:csv", "dashboard:xlsx")
]
