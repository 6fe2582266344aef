"""What participants say about their mentoring: session feedback and pulse checks.

One `FeedbackInvitation` per person and instrument occurrence is the unit everything else
hangs on: the pending list, the home page counter, the API, the response rates and the
scheduling. Its unique constraints make "invited exactly once" a property of the database,
whoever creates the row (the meeting's signal, the task worker, two workers at once). The
answer lives in a model of its own per instrument, one-to-one with its invitation, so that
one person answers one occurrence once. Surveys are the third instrument: a
`FeedbackInvitation` that names its survey, answered by one `SurveyResponse` holding one
`SurveyAnswer` per question.

Who reads what (MEASURE.md, "Who sees what") is decided in `policy.py` and `selectors.py`:
the person reads their own answers; nobody else ever reads an answer row with its author,
except the programme's coordinators, and only when the person ticked `share_name`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

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
    SURVEY = "survey", _("Survey")


class Fit(models.TextChoices):
    GOOD = "good", _("Good fit")
    DECIDING = "deciding", _("Still deciding")
    POOR = "poor", _("Not a good fit")


class SurveyKind(models.TextChoices):
    MID_POINT = "mid_point", _("Mid-point")
    END_OF_PROGRAMME = "end_of_programme", _("End of programme")
    END_OF_RELATIONSHIP = "end_of_relationship", _("End of relationship")
    CUSTOM = "custom", _("Custom")


class Audience(models.TextChoices):
    MENTORS = "mentors", _("Mentors")
    MENTEES = "mentees", _("Mentees")
    PEERS = "peers", _("Peers")
    EVERYONE = "everyone", _("Everyone")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    # Ready, waiting for its opening day: the task worker opens it then.
    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Opening(models.TextChoices):
    """When a survey opens: on a date, or on a date the programme's calendar gives."""

    FIXED = "fixed", _("On a date")
    MID_POINT = "mid_point", _("At the programme's mid-point")
    BEFORE_END = "before_end", _("A number of days before the programme ends")
    AT_CLOSURE = "at_closure", _("When each relationship closes")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Free text")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE5 = "scale5", _("Scale 1–5")
    SCALE10 = "scale10", _("Scale 0–10")
    SKILLS = "skills", _("Skills")


class Subscale(models.TextChoices):
    """The three subscales of the mentoring-functions scale (MEASURE.md)."""

    NONE = "", _("None")
    CAREER = "career", _("Career support")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
    ROLE_MODEL = "role_model", _("Role modelling")


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
                | Q(instrument=Instrument.SURVEY, survey__status=SurveyStatus.OPEN)
            )
            .order_by("closes_at", "pk")
        )


class FeedbackInvitation(models.Model):
    """A person asked to answer one occurrence of an instrument: the session feedback of one
    meeting, one pulse (the n-th) of one relationship, or one survey of the programme. A
    survey is about the programme, not a relationship: its `mentorship` is the relationship
    that put the person in the survey's audience (the first one, when they have several)."""

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
    survey = models.ForeignKey(
        "Survey", on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    # Pulses of a relationship are numbered from 1 (day 30), whatever the cadence.
    sequence = models.PositiveSmallIntegerField(null=True, blank=True)
    # The day it is about: the meeting's date, or the day the pulse fell due.
    due_on = models.DateField()
    closes_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    # When the coordinators reminded the person (surveys: once at most).
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # A survey half answered: what the person typed so far, {question id: value}, kept
    # unchecked until they send it.
    draft = models.JSONField(default=dict, blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)

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
            models.UniqueConstraint(
                fields=["survey", "membership"],
                condition=Q(instrument="survey"),
                name="uniq_survey_invitation",
            ),
            models.CheckConstraint(
                condition=~Q(instrument="survey") | Q(survey__isnull=False),
                name="survey_invitation_has_survey",
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

    @property
    def last_day(self) -> date:
        """The last day it can be answered: `closes_at` is the first instant after it."""
        return timezone.localtime(self.closes_at - timedelta(microseconds=1)).date()

    def answer(self) -> SessionFeedback | PulseAnswer | SurveyResponse | None:
        """The person's answer, if they answered (reads it when it was selected along)."""
        name = {
            Instrument.SESSION: "session_feedback",
            Instrument.PULSE: "pulse_answer",
            Instrument.SURVEY: "survey_response",
        }[Instrument(self.instrument)]
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


# Surveys -----------------------------------------------------------------------------------

# A free-text answer is a few paragraphs, like a comment.
TEXT_ANSWER_MAX_LENGTH = COMMENT_MAX_LENGTH


class Survey(models.Model):
    """A questionnaire of a programme, copied from a template or written from scratch. It is
    edited while a draft; opening it invites its audience, once; closing it stops answers."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(_("title"), max_length=200)
    # The title in the other interface languages, {language: title}; `title` is in
    # `language`. A template's copy carries every language the template is written in.
    title_translations = models.JSONField(default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=SurveyKind.choices)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    # The language the questions are written in (the coordinator's when copied).
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    # A relative opening keeps `opens_on`/`closes_on` in step with the programme's dates.
    opening = models.CharField(
        _("opens"), max_length=20, choices=Opening.choices, default=Opening.FIXED
    )
    days_before_end = models.PositiveSmallIntegerField(
        _("days before the end"), null=True, blank=True
    )
    # How long each person has to answer once invited by a relative opening.
    answer_days = models.PositiveSmallIntegerField(
        _("days to answer"), default=14, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    # The one reminder the coordinators may send to those who have not answered.
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="survey_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == SurveyStatus.DRAFT

    def title_in(self, language: str) -> str:
        """The title in a reader's language, or in the survey's when it has no translation."""
        if language == self.language:
            return self.title
        return self.title_translations.get(language) or self.title


class SurveyQuestion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    # The options of a single or multiple choice, in order; empty for the other kinds.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    # The question in the survey's other languages: {language: {"text": ..., "choices":
    # [...]}}, options in the same order as `choices`. Answers store `choices`' texts.
    translations = models.JSONField(default=dict, blank=True)
    required = models.BooleanField(_("required"), default=True)
    subscale = models.CharField(
        _("subscale"), max_length=20, choices=Subscale.choices, default="", blank=True
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text

    def _translation(self, language: str) -> dict[str, Any]:
        if language == self.survey.language:
            return {}
        found = self.translations.get(language)
        return found if isinstance(found, dict) else {}

    def text_in(self, language: str) -> str:
        """The question in a reader's language, or in the survey's when untranslated."""
        return self._translation(language).get("text") or self.text

    def choices_in(self, language: str) -> list[str]:
        """The options in a reader's language, in the order of `choices`; the survey's own
        when the translation is missing or does not have as many options."""
        translated = self._translation(language).get("choices") or []
        return list(translated) if len(translated) == len(self.choices) else list(self.choices)


class SurveyResponse(models.Model):
    """One person's answers to one survey: sent once, never replaced (a survey is a snapshot,
    and a second submission from another tab must not overwrite the first)."""

    invitation = models.OneToOneField(
        FeedbackInvitation, on_delete=models.CASCADE, related_name="survey_response"
    )
    share_name = models.BooleanField(_("share my name with the coordinator"), default=False)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return f"survey response #{self.pk}"


class SurveyAnswer(models.Model):
    """The answer to one question: `number` for scales, `text` for free text, `values` for
    choices (the options' texts) and skills (the skills' ids)."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    number = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=TEXT_ANSWER_MAX_LENGTH)
    values = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="uniq_survey_answer")
        ]

    def __str__(self) -> str:
        return f"survey answer #{self.pk}"
