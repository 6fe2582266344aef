"""Expected answers of the mentoring relationship routes, per role.

The world's relationship pairs "mentor" and "mentee"; the mentee wrote its private note,
journal entry, shared note and concern. Other people of the organisation get 403 on the
relationship; its partner gets 404 on what only the author may read.
"""

from __future__ import annotations

from tests.permissions.spec import Route, everyone, only

MEMBERS = ("mentor", "mentee")
OVERSEERS = ("coordinator", "org_admin")


def _m(world):
    return world.extra["mentorship"].pk


def _members(status: int, **overrides: int) -> dict[str, int]:
    return only(status, *MEMBERS, outsider=404, **overrides)


def _author(status: int) -> dict[str, int]:
    """Only the mentee (author); to the partner it does not exist."""
    return only(status, "mentee", outsider=404, mentor=404)


def _overseers(status: int) -> dict[str, int]:
    return only(status, *OVERSEERS, outsider=404)


ROUTES = [
    Route("mentorships:mine", expect=everyone(200, anonymous=302)),
    Route("mentorships:alumni", expect=everyone(200, anonymous=302)),
    Route("mentorships:calendar", expect=everyone(200, anonymous=302)),
    Route("mentorships:calendar_reset", method="post", expect=everyone(302)),
    # The feed's token is the credential: whoever holds it reads the dates, signed in or not.
    Route(
        "mentorships:calendar_feed",
        args=lambda w: [w.extra["feed"].token],
        expect=everyone(200),
    ),
    Route(
        "mentorships:calendar_feed",
        label="revoked",
        args=lambda w: ["not-a-token"],
        expect=everyone(404),
    ),
    Route("mentorships:programme", args=lambda w: [w.programme.pk], expect=_overseers(200)),
    Route("mentorships:create", args=lambda w: [w.programme.pk], expect=_overseers(200)),
    Route(
        "mentorships:agreement_template",
        args=lambda w: [w.programme.pk],
        expect=_overseers(200),
    ),
    Route("mentorships:concerns", args=lambda w: [w.programme.pk], expect=_overseers(200)),
    # The concern's author does not read it back here: it is the coordinators' inbox.
    Route(
        "mentorships:concern_detail",
        args=lambda w: [w.extra["concern"].pk],
        expect=_overseers(200),
    ),
    Route("mentorships:detail", args=lambda w: [_m(w)], expect=_members(200)),
    Route("mentorships:agreement", args=lambda w: [_m(w)], expect=_members(200)),
    Route("mentorships:agreement_edit", args=lambda w: [_m(w)], expect=_members(200)),
    Route(
        "mentorships:agreement_sign",
        args=lambda w: [_m(w)],
        method="post",
        data=lambda w: {"version": "1"},
        expect=_members(302),
    ),
    Route("mentorships:goal_create", args=lambda w: [_m(w)], expect=_members(200)),
    Route(
        "mentorships:goal_detail",
        args=lambda w: [_m(w), w.extra["goal"].pk],
        expect=_members(200),
    ),
    Route(
        "mentorships:goal_edit",
        args=lambda w: [_m(w), w.extra["goal"].pk],
        expect=_members(200),
    ),
    Route(
        "mentorships:goal_progress",
        args=lambda w: [_m(w), w.extra["goal"].pk],
        method="post",
        data=lambda w: {"status": "on_track", "progress": "40"},
        expect=_members(302),
    ),
    Route(
        "mentorships:action_create",
        args=lambda w: [_m(w), w.extra["goal"].pk],
        method="post",
        data=lambda w: {"title": "Read a book"},
        expect=_members(302),
    ),
    Route(
        "mentorships:action_toggle",
        args=lambda w: [_m(w), w.extra["action"].pk],
        method="post",
        expect=_members(302),
    ),
    Route("mentorships:meetings", args=lambda w: [_m(w)], expect=_members(200)),
    Route("mentorships:meeting_create", args=lambda w: [_m(w)], expect=_members(200)),
    Route(
        "mentorships:meeting_detail",
        args=lambda w: [_m(w), w.extra["meeting"].pk],
        expect=_members(200),
    ),
    Route(
        "mentorships:meeting_reschedule",
        args=lambda w: [_m(w), w.extra["meeting"].pk],
        expect=_members(200),
    ),
    Route(
        "mentorships:meeting_status",
        args=lambda w: [_m(w), w.extra["meeting"].pk],
        method="post",
        data=lambda w: {"status": "held"},
        expect=_members(302),
    ),
    Route(
        "mentorships:meeting_ics",
        args=lambda w: [_m(w), w.extra["meeting"].pk],
        expect=_members(200),
    ),
    Route(
        "mentorships:series_ics",
        args=lambda w: [_m(w), w.extra["series"].pk],
        expect=_members(200),
    ),
    Route(
        "mentorships:meeting_note",
        args=lambda w: [_m(w), w.extra["meeting"].pk],
        method="post",
        data=lambda w: {"body": "Next time: feedback.", "visibility": "shared"},
        expect=_members(302),
    ),
    Route(
        "mentorships:meeting_note_edit",
        args=lambda w: [_m(w), w.extra["shared_note"].pk],
        expect=_author(200),
    ),
    Route(
        "mentorships:meeting_note_delete",
        args=lambda w: [_m(w), w.extra["shared_note"].pk],
        method="post",
        expect=_author(302),
    ),
    Route("mentorships:private_notes", args=lambda w: [_m(w)], expect=_members(200)),
    Route(
        "mentorships:private_note",
        args=lambda w: [_m(w), w.extra["private_note"].pk],
        expect=_author(200),
    ),
    Route(
        "mentorships:private_note_delete",
        args=lambda w: [_m(w), w.extra["private_note"].pk],
        method="post",
        expect=_author(302),
    ),
    Route("mentorships:journal", args=lambda w: [_m(w)], expect=_members(200)),
    Route(
        "mentorships:journal_entry",
        args=lambda w: [_m(w), w.extra["journal_entry"].pk],
        expect=_author(200),
    ),
    Route("mentorships:concern_create", args=lambda w: [_m(w)], expect=_members(200)),
    Route("mentorships:leave", args=lambda w: [_m(w)], expect=_members(200)),
    Route("mentorships:closure", args=lambda w: [_m(w)], expect=_members(200)),
    Route(
        "mentorships:closure_propose",
        args=lambda w: [_m(w)],
        method="post",
        expect=_members(302),
    ),
    Route(
        "mentorships:closure_summary",
        args=lambda w: [_m(w)],
        method="post",
        data=lambda w: {"summary": "Six meetings."},
        expect=_members(302),
    ),
    Route(
        "mentorships:closure_recognition",
        args=lambda w: [_m(w)],
        method="post",
        data=lambda w: {"recognition": "Thank you!", "alumni_opt_in": "on"},
        expect=_members(302),
    ),
    Route("mentorships:close", args=lambda w: [_m(w)], method="post", expect=_members(302)),
    # Before closing, members are sent back to the closure checklist.
    Route("mentorships:certificate", args=lambda w: [_m(w)], expect=_members(302)),
]
