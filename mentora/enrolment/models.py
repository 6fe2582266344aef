"""Enrolment: the programme's application form, applications and their history."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Membership
from mentora.programs.models import ParticipantRole, Programme


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting review")
    APPROVED = "approved", _("Approved")
    WAITLISTED = "waitlisted", _("Waitlisted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Statuses a coordinator may set on applications in bulk.
DECISIONS = (ApplicationStatus.APPROVED, ApplicationStatus.DECLINED, ApplicationStatus.WAITLISTED)
ACTIVE_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.APPROVED,
    ApplicationStatus.WAITLISTED,
)


class DepartmentPreference(models.TextChoices):
    ANY = "any", _("No preference")
    SAME = "same", _("Someone from my department")
    OTHER = "other", _("Someone from another department")


class MeetingMode(models.TextChoices):
    EITHER = "either", _("Remote or in person")
    REMOTE = "remote", _("Remote")
    IN_PERSON = "in_person", _("In person")


class ApplicationQuerySet(models.QuerySet["Application"]):
    def active(self) -> ApplicationQuerySet:
        return self.filter(status__in=ACTIVE_STATUSES)


class Application(models.Model):
    """A member's request to take part in a programme in one role."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="applications")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="applications"
    )
    role = models.CharField(_("role"), max_length=10, choices=ParticipantRole.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    goals = models.TextField(_("your goals for this programme"), blank=True)
    preferred_people = models.ManyToManyField(
        Membership,
        verbose_name=_("people you would like to be paired with"),
        related_name="+",
        blank=True,
    )
    avoided_people = models.ManyToManyField(
        Membership,
        verbose_name=_("people you would rather not be paired with"),
        related_name="+",
        blank=True,
    )
    department_preference = models.CharField(
        _("department"),
        max_length=10,
        choices=DepartmentPreference.choices,
        default=DepartmentPreference.ANY,
    )
    meeting_mode = models.CharField(
        _("meetings"), max_length=10, choices=MeetingMode.choices, default=MeetingMode.EITHER
    )
    language = models.CharField(
        _("preferred language"), max_length=8, blank=True, choices=settings.LANGUAGES
    )
    capacity = models.PositiveSmallIntegerField(
        _("how many mentees you can take"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_message = models.TextField(blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        db_table = "programs_application"
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["submitted_at", "pk"]
        constraints = [
            # Withdrawn and declined applications stay in the history; only one may be live.
            models.UniqueConstraint(
                fields=["programme", "membership"],
                condition=Q(status__in=["submitted", "approved", "waitlisted"]),
                name="one_active_application",
            )
        ]
        indexes = [models.Index(fields=["programme", "status", "role"])]

    def __str__(self) -> str:
        return f"{self.membership.user} → {self.programme} ({self.role})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def effective_capacity(self) -> int:
        return self.capacity or self.programme.default_mentor_capacity


class ApplicationEvent(models.Model):
    """One step in an application's history."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=12, choices=ApplicationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "programs_applicationevent"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.status}"


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    SCALE = "scale", _("Scale from 1 to 5")
    SKILLS = "skills", _("Pick skills")


CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE)


class QuestionAudience(models.TextChoices):
    ALL = "all", _("Everyone")
    MENTOR = "mentor", _("Mentors only")
    MENTEE = "mentee", _("Mentees only")


class Question(models.Model):
    """A coordinator-defined question of a programme's application form."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    kind = models.CharField(_("type of answer"), max_length=20, choices=QuestionKind.choices)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    audience = models.CharField(
        _("asked to"), max_length=10, choices=QuestionAudience.choices, default=QuestionAudience.ALL
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "programs_question"
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label

    def applies_to(self, role: str) -> bool:
        return self.audience == QuestionAudience.ALL or self.audience == role


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # Text for text kinds, a list of strings for choices, an int for scales, skill ids for skills.
    value = models.JSONField()

    class Meta:
        db_table = "programs_answer"
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="uniq_answer")
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value}"


class EnrolmentInvitation(models.Model):
    """In invitation-only programmes, who may apply."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="enrolment_invitations"
    )
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=10, choices=ParticipantRole.choices, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "programs_enrolmentinvitation"
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "membership"], name="uniq_enrolment_invitation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} → {self.programme_id}"
