"""Reads of the feedback app: one's own requests and answers, a programme's aggregates.

A programme's figures, as coordinators read them (MEASURE.md):
- *invited*: invitations sent so far, those still open included; *answered*: those answered;
  *response rate* = answered ÷ invited, a whole percentage (none when nobody was invited);
- per question, the number of answers for each value, and for a 1–5 scale the mean of the
  answers, rounded half up to one decimal (computed from the counts, exactly);
- comments, latest first, with the person's name and date only when they ticked "share my
  name with the coordinator"; without it, neither name nor date nor relationship, which
  together would point at the person.
A fixed number of queries whatever the number of answers; comments are capped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Model, Prefetch, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Membership
from mentora.core.charts import Chart, Series, bar_chart
from mentora.feedback.models import (
    SCALE_MAX,
    SCALE_MIN,
    FeedbackInvitation,
    FeedbackInvitationQuerySet,
    FeedbackSettings,
    Fit,
    Instrument,
    PulseAnswer,
    SessionFeedback,
)
from mentora.mentorships.models import Meeting, Participant
from mentora.programs.models import Programme

COMMENTS_SHOWN = 50


def pending_invitations(membership: Membership) -> list[FeedbackInvitation]:
    """What the person still has to answer, the soonest to close first, with what each page
    shows about it (programme, meeting, the other members' names)."""
    others = Prefetch(
        "mentorship__participants",
        queryset=Participant.objects.active().select_related("membership__user"),
    )
    return list(
        FeedbackInvitation.objects.of(membership)
        .pending()
        .select_related("programme", "meeting", "mentorship", "survey")
        .prefetch_related(others)
    )


def pending_count(membership: Membership) -> int:
    """How many requests the person still has to answer (the home page's counter)."""
    return FeedbackInvitation.objects.of(membership).pending().count()


def answered_invitations(membership: Membership) -> FeedbackInvitationQuerySet:
    """The person's own answers, latest first, each with its invitation's context."""
    return (
        FeedbackInvitation.objects.of(membership)
        .exclude(answered_at=None)
        .select_related(
            "programme", "meeting", "survey", "session_feedback", "pulse_answer", "survey_response"
        )
        .order_by("-answered_at", "-pk")
    )


def own_session_invitation(membership: Membership, meeting: Meeting) -> FeedbackInvitation | None:
    """The person's invitation to rate this meeting, with their answer if any."""
    return (
        FeedbackInvitation.objects.of(membership)
        .filter(instrument=Instrument.SESSION, meeting=meeting)
        .select_related("session_feedback")
        .first()
    )


def partners(invitation: FeedbackInvitation, membership: Membership) -> list[Participant]:
    """The other members of the invitation's relationship (from a prefetch when there is one)."""
    return [
        p
        for p in invitation.mentorship.participants.all()
        if p.left_at is None and p.membership_id != membership.pk
    ]


def feedback_settings(programme: Programme) -> FeedbackSettings:
    """The programme's settings, or unsaved defaults when it never changed them."""
    found = FeedbackSettings.objects.filter(programme=programme).first()
    return found or FeedbackSettings(programme=programme)


# A programme's aggregates ------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    value: str
    label: str | Promise
    count: int
    percent: int


@dataclass(frozen=True)
class Question:
    name: str
    label: str | Promise
    answers: int
    options: list[Option]
    mean: Decimal | None = None

    @property
    def chart(self) -> Chart:
        """The answers for each value as bars; the table beside them adds each one's share."""
        return bar_chart(
            self.label,
            [option.label for option in self.options],
            [Series(_("Count"), [option.count for option in self.options])],
            table_only=[
                Series(_("Share"), [option.percent for option in self.options], unit="percent")
            ],
            x_title=_("Answer"),
            y_title=_("Number of answers"),
        )


@dataclass(frozen=True)
class Comment:
    text: str
    name: str | None = None
    on: date | None = None
    # The author's language, which their comment is most likely written in: the page marks
    # it so that a screen reader pronounces it right. It says no more than the text itself.
    language: str = ""


@dataclass(frozen=True)
class InstrumentResults:
    instrument: str
    label: str | Promise
    invited: int
    answered: int
    questions: list[Question]
    comments: list[Comment] = field(default_factory=list)
    comment_count: int = 0

    @property
    def response_rate(self) -> int | None:
        return percent(self.answered, self.invited)


def percent(part: int, whole: int) -> int | None:
    """A whole percentage, rounded half up; none of nothing."""
    if not whole:
        return None
    return int((Decimal(100 * part) / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def scale_mean(counts: dict[int, int]) -> Decimal | None:
    """The mean of scale answers (1–5, 0–10) given as {value: count}, rounded half up to one
    decimal."""
    answers = sum(counts.values())
    if not answers:
        return None
    total = sum(value * count for value, count in counts.items())
    return (Decimal(total) / answers).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _counts(model: type[Model], programme: Programme, name: str) -> dict[object, int]:
    rows = (
        model._default_manager.filter(invitation__programme=programme)
        .order_by()
        .values_list(name)
        .annotate(n=Count("pk"))
    )
    return {value: n for value, n in rows}


def _scale(model: type[Model], programme: Programme, name: str, label: Promise) -> Question:
    counts = {int(str(v)): n for v, n in _counts(model, programme, name).items()}
    answers = sum(counts.values())
    options = [
        Option(str(v), str(v), counts.get(v, 0), percent(counts.get(v, 0), answers) or 0)
        for v in range(SCALE_MIN, SCALE_MAX + 1)
    ]
    return Question(name, label, answers, options, scale_mean(counts))


def _choice(model: type[Model], programme: Programme, name: str, label: Promise) -> Question:
    counts = _counts(model, programme, name)
    answers = sum(counts.values())
    options = []
    for value, choice_label in Fit.choices:
        count = counts.get(value, 0)
        options.append(Option(value, choice_label, count, percent(count, answers) or 0))
    return Question(name, label, answers, options)


def _comments(model: type[Model], programme: Programme) -> tuple[list[Comment], int]:
    written = model._default_manager.filter(invitation__programme=programme).exclude(comment="")
    rows = written.select_related(
        "invitation__membership__user", "invitation__membership__organisation"
    ).order_by("-submitted_at", "-pk")
    comments = [
        Comment(
            text=row.comment,  # type: ignore[attr-defined]
            # The name and date only with the person's consent (MEASURE.md).
            name=str(row.invitation.membership.user) if row.share_name else None,  # type: ignore[attr-defined]
            on=row.submitted_at.date() if row.share_name else None,  # type: ignore[attr-defined]
            language=row.invitation.membership.language,  # type: ignore[attr-defined]
        )
        for row in rows[:COMMENTS_SHOWN]
    ]
    return comments, written.count()


def programme_results(programme: Programme) -> list[InstrumentResults]:
    """Session feedback and pulses of the programme, for its coordinators."""
    sent = {
        row["instrument"]: row
        for row in FeedbackInvitation.objects.filter(programme=programme)
        .order_by()
        .values("instrument")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
    }
    results = []
    for instrument, model, questions in (
        (
            Instrument.SESSION,
            SessionFeedback,
            [
                _scale(SessionFeedback, programme, "rating", _("Usefulness of the session (1–5)")),
                _scale(SessionFeedback, programme, "progress", _("Progress toward goals (1–5)")),
            ],
        ),
        (
            Instrument.PULSE,
            PulseAnswer,
            [
                _scale(PulseAnswer, programme, "quality", _("Quality of the relationship (1–5)")),
                _choice(PulseAnswer, programme, "fit", _("Pairing fit")),
            ],
        ),
    ):
        comments, comment_count = _comments(model, programme)
        row = sent.get(instrument)
        results.append(
            InstrumentResults(
                instrument=instrument,
                label=Instrument(instrument).label,
                invited=row["invited"] if row else 0,
                answered=row["answered"] if row else 0,
                questions=questions,
                comments=comments,
                comment_count=comment_count,
            )
        )
    return results
