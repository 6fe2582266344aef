"""Mentoring relationships: members, agreement, goals and action plans, meetings, notes,
journal, concerns and closure.

Confidentiality (DESIGN.md) is enforced in `policy.py` and in the querysets below: private
notes and journal entries are only ever fetched through their author.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Membership
from mentora.programs.models import ParticipantRole, Programme

# How long a text may be. Long enough for anything a person writes by hand (a full page is about
# 3,000 characters), short enough that a page, an export or an e-mail showing it stays usable;
# forms and services both refuse a longer text with the limit and the length typed.
# - notes, journal entries and the summary of achievements: ten thousand, three or four pages;
NOTE_MAX_LENGTH = 10_000
# - a concern (and its resolution): five thousand, what a coordinator reads in one sitting;
CONCERN_MAX_LENGTH = 5_000
# - a clause of the agreement, a meeting's agenda, a message of recognition, an exit comment
#   and the excerpt of a journal entry shared with the partner: two thousand, a long paragraph.
CLAUSE_MAX_LENGTH = 2_000


class Stage(models.TextChoices):
    ESTABLISH = "establish", _("Getting started")
    TRUST = "trust", _("Building trust")
    LEARNING = "learning", _("Learning and development")
    CLOSURE = "closure", _("Closing")
    CLOSED = "closed", _("Closed")


class EndReason(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    EXIT = "exit", _("Ended early")


class MentorshipQuerySet(models.QuerySet["Mentorship"]):
    def of_member(self, membership: Membership) -> MentorshipQuerySet:
        """Relationships this person currently takes part in."""
        return self.filter(
            participants__membership=membership, participants__left_at__isnull=True
        ).distinct()

    def open(self) -> MentorshipQuerySet:
        return self.exclude(stage=Stage.CLOSED)


class Mentorship(models.Model):
    """A mentoring relationship: one mentor and one mentee, peers, or a mentor's group."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="mentorships", verbose_name=_("programme")
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.ESTABLISH
    )
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=EndReason.choices, blank=True
    )
    closure_summary = models.TextField(
        _("summary of achievements"), max_length=NOTE_MAX_LENGTH, blank=True
    )
    closure_opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MentorshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentoring relationship")
        verbose_name_plural = _("mentoring relationships")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["programme", "stage"])]

    def __str__(self) -> str:
        return f"{self.programme} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("mentorships:detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.stage == Stage.CLOSED

    @property
    def time_zone(self) -> str:
        return settings.TIME_ZONE


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def active(self) -> ParticipantQuerySet:
        return self.filter(left_at__isnull=True)

    def in_open_relationships(self, programme: Programme | int) -> ParticipantQuerySet:
        """Who takes part in the programme's open relationships: the relationship is not
        closed (a closing one still counts) and the person has not left it."""
        return self.filter(mentorship__programme=programme, left_at__isnull=True).exclude(
            mentorship__stage=Stage.CLOSED
        )

    def done_in(self, programme: Programme | int) -> ParticipantQuerySet:
        """Who is taken in the programme: in an open relationship, or through a relationship
        that ran its course to the end (a person who left early, or whose relationship ended
        early, is free to be paired again)."""
        return self.filter(mentorship__programme=programme, left_at__isnull=True).exclude(
            mentorship__stage=Stage.CLOSED, mentorship__end_reason=EndReason.EXIT
        )


class ExitReason(models.TextChoices):
    AVAILABILITY = "availability", _("Not enough time or availability")
    FIT = "fit", _("The pairing does not work for me")
    GOALS_MET = "goals_met", _("My goals are already met")
    ROLE_CHANGE = "role_change", _("Change of job or situation")
    PERSONAL = "personal", _("Personal reasons")
    OTHER = "other", _("Another reason")


class Participant(models.Model):
    """A member's place in a relationship, and what they decide about it on their own."""

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="participants"
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="mentorship_participations"
    )
    role = models.CharField(_("role"), max_length=10, choices=ParticipantRole.choices)
    joined_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(null=True, blank=True)
    exit_reason = models.CharField(
        _("reason"), max_length=20, choices=ExitReason.choices, blank=True
    )
    exit_comment = models.TextField(
        _("comment for the coordinator"), max_length=CLAUSE_MAX_LENGTH, blank=True
    )
    closure_agreed_at = models.DateTimeField(null=True, blank=True)
    recognition = models.TextField(
        _("message of recognition"), max_length=CLAUSE_MAX_LENGTH, blank=True
    )
    alumni_opt_in = models.BooleanField(_("stay connected as alumni"), default=False)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "membership"], name="uniq_mentorship_participant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} ({self.get_role_display()})"

    @property
    def user(self):  # -> User
        return self.membership.user

    @property
    def is_active(self) -> bool:
        return self.left_at is None


class AgreementFields(models.Model):
    """The sections of a mentoring agreement, shared by programme templates and agreements."""

    expectations_mentor = models.TextField(
        _("what the mentor commits to"), max_length=CLAUSE_MAX_LENGTH, blank=True
    )
    expectations_mentee = models.TextField(
        _("what the mentee commits to"), max_length=CLAUSE_MAX_LENGTH, blank=True
    )
    boundaries = models.TextField(
        _("boundaries"),
        max_length=CLAUSE_MAX_LENGTH,
        blank=True,
        help_text=_("Topics out of scope, availability limits, how to say no."),
    )
    meeting_frequency = models.CharField(_("meeting frequency"), max_length=200, blank=True)
    meeting_channel = models.CharField(
        _("meeting channel"),
        max_length=200,
        blank=True,
        help_text=_("In person, video call, phone…"),
    )
    confidentiality = models.TextField(
        _("confidentiality"), max_length=CLAUSE_MAX_LENGTH, blank=True
    )
    duration = models.CharField(_("duration"), max_length=200, blank=True)

    SECTIONS = (
        "expectations_mentor",
        "expectations_mentee",
        "boundaries",
        "meeting_frequency",
        "meeting_channel",
        "confidentiality",
        "duration",
    )

    class Meta:
        abstract = True

    def content(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.SECTIONS}


class AgreementTemplate(AgreementFields):
    """The draft every new relationship of a programme starts its agreement from."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="agreement_template"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agreement template")
        verbose_name_plural = _("agreement templates")

    def __str__(self) -> str:
        return str(self.programme)


class Agreement(AgreementFields):
    """A relationship's mentoring agreement; every change starts a new version to sign."""

    mentorship = models.OneToOneField(
        Mentorship, on_delete=models.CASCADE, related_name="agreement"
    )
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mentoring agreement")
        verbose_name_plural = _("mentoring agreements")

    def __str__(self) -> str:
        return f"{self.mentorship} v{self.version}"


class AgreementRevision(models.Model):
    """A frozen copy of one version of an agreement, for its history."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    content = models.JSONField(default=dict)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "version"], name="uniq_agreement_version")
        ]

    def __str__(self) -> str:
        return f"v{self.version}"


class AgreementSignature(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatures")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="signatures"
    )
    version = models.PositiveIntegerField()
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "participant", "version"], name="uniq_agreement_signature"
            )
        ]

    def __str__(self) -> str:
        return f"v{self.version} {self.signed_at:%Y-%m-%d}"


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    OFF_TRACK = "off_track", _("Off track")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("Dropped")


class Goal(models.Model):
    """A SMART goal of one member of the relationship."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="goals")
    owner = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="+", verbose_name=_("owner")
    )
    title = models.CharField(
        _("goal"), max_length=200, help_text=_("Specific: what exactly do you want to achieve?")
    )
    measure = models.CharField(
        _("measure"), max_length=300, blank=True, help_text=_("How will you know you got there?")
    )
    target = models.CharField(
        _("target"), max_length=200, blank=True, help_text=_("The level you aim for.")
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        """Still worked on: neither achieved nor dropped."""
        return self.status not in {GoalStatus.ACHIEVED, GoalStatus.DROPPED}

    @property
    def is_overdue(self) -> bool:
        """Its due date has passed and it is still worked on."""
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()

    @property
    def overdue_task_count(self) -> int:
        """How many tasks of its action plan are overdue (reads prefetched actions if any)."""
        return sum(1 for action in self.actions.all() if action.is_overdue)


class GoalUpdate(models.Model):
    """One change of a goal's status or progress: the goal's history."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=20, choices=GoalStatus.choices)
    progress = models.PositiveSmallIntegerField()
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.status} {self.progress}%"


class ActionItem(models.Model):
    """A task of a goal's action plan."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("task"), max_length=200)
    owner = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["done", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        """Not done and its due date has passed (a task due today is not late yet)."""
        return not self.done and self.due_on is not None and self.due_on < timezone.localdate()


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Monthly")


def _new_uid() -> str:
    return f"{uuid.uuid4()}@mentora"


class MeetingSeries(models.Model):
    """Meetings that repeat at a fixed local time until a date (the programme's end)."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="series")
    frequency = models.CharField(_("repeats"), max_length=20, choices=Frequency.choices)
    first_starts_at = models.DateTimeField()
    time_zone = models.CharField(_("time zone"), max_length=64)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    until = models.DateField(_("until"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    agenda = models.TextField(_("agenda or objective"), max_length=CLAUSE_MAX_LENGTH, blank=True)
    uid = models.CharField(max_length=100, unique=True, default=_new_uid, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self) -> str:
        return f"{self.mentorship} {self.get_frequency_display()}"

    @property
    def local_first_start(self) -> datetime:
        return self.first_starts_at.astimezone(ZoneInfo(self.time_zone))


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")


# What the counts of meetings mean (MEASURE.md), wherever they are shown: *planned* is every
# meeting scheduled and not cancelled, held or not (missed ones included), past or to come;
# *held* is every meeting marked held. `prefix` reaches meetings across a relation
# ("meetings__" from a relationship).


def planned_meetings(prefix: str = "") -> models.Q:
    return ~models.Q(**{f"{prefix}status": MeetingStatus.CANCELLED})


def held_meetings(prefix: str = "") -> models.Q:
    return models.Q(**{f"{prefix}status": MeetingStatus.HELD})


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def scheduled(self) -> MeetingQuerySet:
        """The meetings counted as planned: not cancelled, whatever their outcome."""
        return self.filter(planned_meetings())

    def held(self) -> MeetingQuerySet:
        return self.filter(held_meetings())

    def upcoming(self) -> MeetingQuerySet:
        return self.filter(status=MeetingStatus.PLANNED, starts_at__gte=timezone.now())

    def awaiting_outcome(self) -> MeetingQuerySet:
        return self.filter(status=MeetingStatus.PLANNED, starts_at__lt=timezone.now())


class Meeting(models.Model):
    """One meeting of a relationship, alone or one occurrence of a series."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meetings")
    series = models.ForeignKey(
        MeetingSeries, on_delete=models.CASCADE, null=True, blank=True, related_name="meetings"
    )
    # The start the series rule gives this occurrence (its RECURRENCE-ID), kept on reschedule.
    original_starts_at = models.DateTimeField(null=True, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    time_zone = models.CharField(_("time zone"), max_length=64)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    agenda = models.TextField(_("agenda or objective"), max_length=CLAUSE_MAX_LENGTH, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    is_closing = models.BooleanField(_("closing meeting"), default=False)
    # iCalendar SEQUENCE: bumped on every change so calendars replace the old copy.
    sequence = models.PositiveIntegerField(default=0)
    uid = models.CharField(max_length=100, unique=True, default=_new_uid, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["mentorship", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.mentorship} {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("mentorships:meeting_detail", args=[self.mentorship_id, self.pk])

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(ZoneInfo(self.time_zone))

    @property
    def is_past(self) -> bool:
        return self.starts_at < timezone.now()

    @property
    def awaits_outcome(self) -> bool:
        return self.status == MeetingStatus.PLANNED and self.is_past


class MeetingNote(models.Model):
    """A note shared with every member of the relationship (never with coordinators)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="shared_notes")
    author = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("shared note"), max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when its author rewrites it: the other members see that the text changed.
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        # Never the content: it is confidential.
        return f"shared note #{self.pk}"


class PrivateNoteQuerySet(models.QuerySet["PrivateNote"]):
    def by(self, membership: Membership) -> PrivateNoteQuerySet:
        """The only way to list private notes: the author's own."""
        return self.filter(author=membership)


class PrivateNote(models.Model):
    """A note readable by its author alone: no partner, coordinator or admin."""

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="private_notes"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="private_notes"
    )
    author = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("private note"), max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PrivateNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        # Never the content: it is confidential.
        return f"private note #{self.pk}"


class JournalEntryQuerySet(models.QuerySet["JournalEntry"]):
    def by(self, membership: Membership) -> JournalEntryQuerySet:
        return self.filter(author=membership)

    def shared(self) -> JournalEntryQuerySet:
        return self.exclude(shared_excerpt="")


class JournalEntry(models.Model):
    """A private reflection; only its optional excerpt is shown to the partner."""

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="journal_entries"
    )
    author = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("reflection"), max_length=NOTE_MAX_LENGTH)
    shared_excerpt = models.TextField(
        _("excerpt shared with your partner"),
        max_length=CLAUSE_MAX_LENGTH,
        blank=True,
        help_text=_(
            "Optional. Only this excerpt is shown to the other members; the rest stays yours."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JournalEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        # Never the content: it is confidential.
        return f"journal entry #{self.pk}"


class ConcernStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class Concern(models.Model):
    """A confidential message to the programme's coordinators (and org admins)."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="concerns")
    raised_by = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("what worries you"), max_length=CONCERN_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.OPEN
    )
    resolution = models.TextField(_("what was done"), max_length=CONCERN_MAX_LENGTH, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        # Never the content: it is confidential.
        return f"concern #{self.pk}"


def _feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A member's private calendar address; resetting it revokes the previous one."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.membership_id}"

    def get_absolute_url(self) -> str:
        return reverse("mentorships:calendar_feed", args=[self.token])
