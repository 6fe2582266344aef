"""Expected answers of the feedback routes, per role.

The world's mentor and mentee were both invited to rate a held meeting; the mentee rated it
(4, 3, "Helpful."). Each has a pulse; the mentee answered theirs "not a good fit". Both were
invited to an open end-of-programme survey, which the mentee answered; the programme also has
a draft survey. An
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


def _survey_answers(world):
    from tests.factories import survey_answers

    answers = survey_answers(world.extra["survey"], scale5="4", scale10="9")
    return {f"q{pk}": value for pk, value in answers.items()}


def _draft(world):
    return [world.extra["draft_survey"].pk]


def _draft_question(world):
    draft = world.extra["draft_survey"]
    return [draft.pk, draft.questions.first().pk]


ROUTES += [
    Route(
        "feedback:survey",
        args=lambda w: [w.extra["mentor_survey"].pk],
        expect=_own(200, "mentor"),
    ),
    # Answered: the page says so, to its author only.
    Route(
        "feedback:survey",
        label="answered",
        args=lambda w: [w.extra["mentee_survey"].pk],
        expect=_own(200, "mentee"),
    ),
    Route(
        "feedback:survey",
        label="answer",
        args=lambda w: [w.extra["mentor_survey"].pk],
        method="post",
        data=_survey_answers,
        expect=_own(302, "mentor"),
    ),
    Route(
        "feedback:surveys",
        args=lambda w: [w.programme.pk],
        expect=only(200, *MANAGERS, outsider=404),
    ),
    Route(
        "feedback:surveys",
        label="copy",
        args=lambda w: [w.programme.pk],
        method="post",
        data=lambda w: {
            "key": "end_of_programme",
            "opens_on": "2030-01-01",
            "closes_on": "2030-01-31",
        },
        expect=only(302, *MANAGERS, outsider=404),
    ),
    Route(
        "feedback:survey_manage",
        label="results",
        args=lambda w: [w.extra["survey"].pk],
        expect=only(200, *MANAGERS, outsider=404),
    ),
    Route(
        "feedback:survey_manage",
        label="draft",
        args=_draft,
        expect=only(200, *MANAGERS, outsider=404),
    ),
    Route(
        "feedback:survey_manage",
        label="save",
        args=_draft,
        method="post",
        data=lambda w: {
            "title": "Halfway",
            "audience": "everyone",
            "opens_on": "2030-01-01",
            "closes_on": "2030-01-31",
        },
        expect=only(302, *MANAGERS, outsider=404),
    ),
    Route("feedback:question_add", args=_draft, expect=only(200, *MANAGERS, outsider=404)),
    Route(
        "feedback:question_add",
        label="save",
        args=_draft,
        method="post",
        data=lambda w: {"kind": "text", "text": "Anything else?"},
        expect=only(302, *MANAGERS, outsider=404),
    ),
    Route(
        "feedback:question_edit",
        args=_draft_question,
        expect=only(200, *MANAGERS, outsider=404),
    ),
    Route(
        "feedback:question_edit",
        label="save",
        args=_draft_question,
        method="post",
        data=lambda w: {"kind": "scale5", "text": "Happy so far?", "required": "on"},
        expect=only(302, *MANAGERS, outsider=404),
    ),
    Route(
        "feedback:question_delete",
        args=_draft_question,
        method="post",
        expect=only(302, *MANAGERS, outsider=404),
    ),
    Route(
        "feedback:survey_open",
        args=_draft,
        method="post",
        expect=only(302, *MANAGERS, outsider=404),
    ),
    Route(
        "feedback:survey_remind",
        args=lambda w: [w.extra["survey"].pk],
        method="post",
        expect=only(302, *MANAGERS, outsider=404),
    ),
]

ROUTES += [
    Route(
        "feedback:survey_close",
        args=lambda w: [w.extra["survey"].pk],
        method="post",
        expect=only(302, *MANAGERS, outsider=404),
    ),
]


def _draft_last_question(world):
    draft = world.extra["draft_survey"]
    return [draft.pk, draft.questions.last().pk]


# Reordering a draft's questions: the last moves up, the first down.
ROUTES += [
    Route(
        "feedback:question_up",
        args=_draft_last_question,
        method="post",
        expect=only(302, *MANAGERS, outsider=404),
    ),
    Route(
        "feedback:question_down",
        args=_draft_question,
        method="post",
        expect=only(302, *MANAGERS, outsider=404),
    ),
]

# Back to draft: the world's draft is not scheduled, so the page says why and changes nothing.
ROUTES += [
    Route(
        "feedback:survey_unschedule",
        args=_draft,
        method="post",
        expect=only(302, *MANAGERS, outsider=404),
    ),
]
