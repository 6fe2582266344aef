"""What participants say about their mentoring: session feedback and pulse checks.

One `FeedbackInvitation` per person and instrument occurrence is the unit everything else
hangs on: the pending list, the home page counter, the API, the response rates and the
scheduling. Its unique constraints make "invited exactly once" a property of the database,
whoever creates the row (the meeting's signal, the task worker, two workers at once). The
answer lives in a model of its own per instrument, one-to-one with its invitation, so that
one person answers one occurrence once. Surveys will be a third instrument: a
`FeedbackInvitation` that names its survey, with a response model of their own; the pending
list, the counters and the API already speak of invitations, not of meetings or pulses.

Who reads what (MEASURE.md, "Who sees what") is decided in `policy.py` and `selectors.py`:
the person reads their own answers; nobody else ever reads an answer row with its author,
except the programme's coordinators, and only when the person ticked `share_name`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Membership
from mentora.mentorships.models import Meeting, MeetingStatus, Mentorship, Participant, Stage
from mentora.programs.models import Programme

# An answer can be changed for a week after it was first sent, then it is read-only: long
# enough to fix a slip, short enough that the figures coordinators read settle.
EDIT_WINDOW = timedelta(days=7)
# A session can be rated for a month after it was marked held; later memories are guesses.
SESSION_FEEDBACK_OPEN = timedelta(days=30)
# A pulse stays open for 30 days, or until the next one is due if they come more often.
PULSE_OPEN_DAYS = 30
# The pulse cadence practitioners use (MEASURE.md): day 30, then every 60 days.
PULSE_FIRST_AFTER_DAYS = 30
PULSE_EVERY_DAYS = 60
# A comment is a paragraph or two: what a coordinator reads in a list of comments.
COMMENT_MAX_LENGTH = 2_000

SCALE_MIN, SCALE_MAX = 1, 5
SCALE = [MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]


class Instrument(models.TextChoices):
    SESSION = "session", _("Session feedback")
    PULSE = "pulse", _("Pulse check")


class Fit(models.TextChoices):
    GOOD = "good", _("Good fit")
    DECIDING = "deciding", _("Still deciding")
    POOR = "poor", _("Not a good fit")


class FeedbackInvitationQuerySet(models.QuerySet["FeedbackInvitation"]):
    def of(self, membership: Membership) -> FeedbackInvitationQuerySet:
        return self.filter(membership=membership)

    def pending(self) -> FeedbackInvitationQuerySet:
        """What is still to answer: not answered, not closed, and still meaningful (the
        meeting is still marked held; the relationship of a pulse is open and the person
        still in it)."""
        still_in = Participant.objects.filter(
            mentorship=OuterRef("mentorship"), membership=OuterRef("membership"), left_at=None
        )
        return (
            self.filter(answered_at=None, closes_at__gt=timezone.now())
            .filter(
                Q(instrument=Instrument.SESSION, meeting__status=MeetingStatus.HELD)
                | (
                    Q(Exists(still_in), instrument=Instrument.PULSE)
                    & ~Q(mentorship__stage=Stage.CLOSED)
                )
            )
            .order_by("closes_at", "pk")
        )


class FeedbackInvitation(models.Model):
    """A person asked to answer one occurrence of an instrument: the session feedback of one
    meeting, or one pulse (the n-th) of one relationship."""

    instrument = models.CharField(_("kind"), max_length=20, choices=Instrument.choices)
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="feedback_invitations"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="feedback_invitations"
    )
    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="feedback_invitations"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Pulses of a relationship are numbered from 1 (day 30), whatever the cadence.
    sequence = models.PositiveSmallIntegerField(null=True, blank=True)
    # The day it is about: the meeting's date, or the day the pulse fell due.
    due_on = models.DateField()
    closes_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = FeedbackInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-due_on", "-pk"]
        constraints = [
            # Exactly once, enforced by the database: inserts that would repeat one are
            # ignored (see services.invite), so two workers or a restart never duplicate.
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                condition=Q(instrument="session"),
                name="uniq_session_invitation",
            ),
            models.UniqueConstraint(
                fields=["mentorship", "membership", "sequence"],
                condition=Q(instrument="pulse"),
                name="uniq_pulse_invitation",
            ),
            models.CheckConstraint(
                condition=~Q(instrument="session") | Q(meeting__isnull=False),
                name="session_invitation_has_meeting",
            ),
            models.CheckConstraint(
                condition=~Q(instrument="pulse") | Q(sequence__isnull=False),
                name="pulse_invitation_has_sequence",
            ),
        ]
        indexes = [
            models.Index(fields=["membership", "answered_at"]),
            models.Index(fields=["programme", "instrument"]),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} #{self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.closes_at <= timezone.now()

    def answer(self) -> SessionFeedback | PulseAnswer | None:
        """The person's answer, if they answered (reads it when it was selected along)."""
        name = "session_feedback" if self.instrument == Instrument.SESSION else "pulse_answer"
        try:
            return getattr(self, name)
        except ObjectDoesNotExist:
            return None


class Answer(models.Model):
    """What both instruments share: who consents to be named, the comment, the edit window."""

    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    share_name = models.BooleanField(_("share my name with the coordinator"), default=False)
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    @property
    def editable_until(self) -> datetime:
        return self.submitted_at + EDIT_WINDOW

    @property
    def is_editable(self) -> bool:
        return timezone.now() < self.editable_until


class SessionFeedback(Answer):
    """A person's rating of one held meeting."""

    invitation = models.OneToOneField(
        FeedbackInvitation, on_delete=models.CASCADE, related_name="session_feedback"
    )
    rating = models.PositiveSmallIntegerField(_("how useful was this session?"), validators=SCALE)
    progress = models.PositiveSmallIntegerField(_("progress toward my goals"), validators=SCALE)

    class Meta:
        verbose_name = _("session feedback")
        verbose_name_plural = _("session feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5, progress__gte=1, progress__lte=5),
                name="session_feedback_in_scale",
            )
        ]

    def __str__(self) -> str:
        # Never the content: it is personal.
        return f"session feedback #{self.pk}"


class PulseAnswer(Answer):
    """A person's answer to one pulse of their relationship."""

    invitation = models.OneToOneField(
        FeedbackInvitation, on_delete=models.CASCADE, related_name="pulse_answer"
    )
    quality = models.PositiveSmallIntegerField(
        _("how is the relationship going?"), validators=SCALE
    )
    fit = models.CharField(_("is the pairing a good fit?"), max_length=20, choices=Fit.choices)

    class Meta:
        verbose_name = _("pulse answer")
        verbose_name_plural = _("pulse answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(quality__gte=1, quality__lte=5), name="pulse_answer_in_scale"
            )
        ]

    def __str__(self) -> str:
        return f"pulse answer #{self.pk}"


class FeedbackSettings(models.Model):
    """How a programme hears its participants; a programme without a row uses the defaults."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="feedback_settings"
    )
    pulse_enabled = models.BooleanField(_("send pulse checks"), default=True)
    pulse_first_after_days = models.PositiveSmallIntegerField(
        _("first pulse, days after the relationship starts"),
        default=PULSE_FIRST_AFTER_DAYS,
        validators=[MinValueValidator(7), MaxValueValidator(365)],
    )
    pulse_every_days = models.PositiveSmallIntegerField(
        _("then every (days)"),
        default=PULSE_EVERY_DAYS,
        validators=[MinValueValidator(14), MaxValueValidator(365)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("feedback settings")
        verbose_name_plural = _("feedback settings")

    def __str__(self) -> str:
        return str(self.programme)


class SchedulerRun(models.Model):
    """One planned run of the feedback scheduler, per hour: the unique hour lets whoever
    plans it (the previous run, `manage.py schedule_feedback`) enqueue it only once."""

    run_at = models.DateTimeField(unique=True)

    def __str__(self) -> str:
        return f"{self.run_at:%Y-%m-%d %H:%M}"
