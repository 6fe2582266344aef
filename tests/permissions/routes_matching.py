"""Expected answers of the matching routes, per role.

Coordinators of the programme (and org admins) run, review and publish; nobody else sees
a run, so participants never see anyone's score. The world's "mentee" and "member" are
approved mentees of a mentee-chooses programme; "mentor" owes an answer to a published
match and to the mentee's pending request; "member" has a hybrid proposal to answer. In an
informal programme, "mentee" and "member" are approved mentees and "mentor" an approved
mentor; "mentee" proposed to pair with "mentor".
"""

from __future__ import annotations

from tests.permissions.spec import Route, everyone, only

RUNNERS = ("coordinator", "org_admin")


def _p(world):
    return world.extra["matching_programme"].pk


def _informal(world):
    return world.extra["informal_programme"].pk


def _run(world):
    return [_p(world), world.extra["run"].pk]


def _proposal(world):
    return [_p(world), world.extra["proposal"].pk]


def _runners(status: int) -> dict[str, int]:
    return only(status, *RUNNERS, outsider=404)


def _owner(role: str, status: int = 302) -> dict[str, int]:
    """Only the person the object belongs to; to everyone else it does not exist."""
    return everyone(404, anonymous=302, **{role: status})


ROUTES = [
    Route("matching:mine", expect=everyone(200, anonymous=302)),
    Route(
        "matching:respond",
        method="post",
        args=lambda w: [w.extra["mentor_response"].pk],
        data=lambda w: {"answer": "accept"},
        expect=_owner("mentor"),
    ),
    Route(
        "matching:request_answer",
        method="post",
        args=lambda w: [w.extra["mentor_request"].pk],
        data=lambda w: {"answer": "decline"},
        expect=_owner("mentor"),
    ),
    Route(
        "matching:proposal_answer",
        method="post",
        args=lambda w: [w.extra["proposed_request"].pk],
        data=lambda w: {"answer": "alternatives"},
        expect=_owner("member"),
    ),
    Route(
        "matching:request_cancel",
        method="post",
        args=lambda w: [w.extra["mentor_request"].pk],
        expect=_owner("mentee"),
    ),
    Route("matching:home", args=lambda w: [_p(w)], expect=_runners(200)),
    Route(
        "matching:home",
        label="save settings",
        method="post",
        args=lambda w: [_p(w)],
        data=lambda w: {"department": "nonsense"},
        expect=_runners(200),
    ),
    Route("matching:start", method="post", args=lambda w: [_p(w)], expect=_runners(302)),
    Route("matching:compare", args=lambda w: [_p(w)], expect=_runners(200)),
    Route(
        "matching:rule_delete",
        method="post",
        args=lambda w: [_p(w), w.extra["pair_rule"].pk],
        expect=_runners(302),
    ),
    Route("matching:run", args=_run, expect=_runners(200)),
    Route("matching:run_status", args=_run, expect=_runners(200)),
    Route("matching:assign", args=_run, expect=_runners(200)),
    Route(
        "matching:assign",
        label="assign by hand",
        method="post",
        args=_run,
        data=lambda w: {"mentee": "", "mentor": ""},
        expect=_runners(200),
    ),
    Route(
        "matching:swap",
        method="post",
        args=_run,
        data=lambda w: {"first": "1", "second": "2"},
        expect=_runners(302),
    ),
    Route("matching:publish", method="post", args=_run, expect=_runners(302)),
    Route("matching:lock", method="post", args=_proposal, expect=_runners(302)),
    Route("matching:forbid", method="post", args=_proposal, expect=_runners(302)),
    # Mentee chooses: approved mentees of the programme only.
    Route(
        "matching:shortlist",
        args=lambda w: [_p(w)],
        expect=only(200, "mentee", "member", outsider=404),
    ),
    Route(
        "matching:request",
        method="post",
        args=lambda w: [_p(w)],
        data=lambda w: {"mentor": str(w.people["mentor"].pk), "message": "Hi"},
        expect=only(302, "mentee", "member", outsider=404),
    ),
    # The directory of an informal programme: its approved participants only ("mentor",
    # "mentee" and "member"); a formal programme has none.
    Route(
        "matching:directory",
        args=lambda w: [_informal(w)],
        expect=only(200, "mentor", "mentee", "member", outsider=404),
    ),
    Route(
        "matching:directory",
        label="formal programme",
        args=lambda w: [_p(w)],
        expect=everyone(404, anonymous=302),
    ),
    Route(
        # To "mentor": the proposal of "member" is sent; "mentee" already proposed to him and
        # "mentor" cannot pair with himself, both told on the page.
        "matching:propose",
        method="post",
        args=lambda w: [_informal(w)],
        data=lambda w: {"recipient": str(w.people["mentor"].pk), "message": "Hello"},
        expect=only(200, "mentor", "mentee", member=302, outsider=404),
    ),
    Route(
        "matching:pairing_answer",
        method="post",
        args=lambda w: [w.extra["pairing_to_mentor"].pk],
        data=lambda w: {"answer": "decline"},
        expect=_owner("mentor"),
    ),
    Route(
        "matching:pairing_withdraw",
        method="post",
        args=lambda w: [w.extra["pairing_to_mentor"].pk],
        expect=_owner("mentee"),
    ),
    Route("matching:pairings", args=lambda w: [_informal(w)], expect=_runners(200)),
]
