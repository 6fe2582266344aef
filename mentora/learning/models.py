"""The resource library and the training modules that prepare mentors and mentees."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Membership, Organisation

# Uploads are served as attachments through a permission-checked view; the list keeps out
# anything a browser or an office suite would run (HTML, SVG, macros, executables).
ALLOWED_EXTENSIONS = (
    "pdf",
    "docx",
    "odt",
    "xlsx",
    "ods",
    "pptx",
    "odp",
    "txt",
    "md",
    "csv",
    "png",
    "jpg",
    "jpeg",
)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class Audience(models.TextChoices):
    ALL = "all", _("Everyone")
    MENTOR = "mentor", _("Mentors")
    MENTEE = "mentee", _("Mentees")


class ResourceKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    VIDEO = "video", _("Video")
    BOOK = "book", _("Book")
    GUIDE = "guide", _("Guide")
    TEMPLATE = "template", _("Template")


class Topic(models.Model):
    """A theme resources are tagged with, e.g. “Feedback”; each organisation keeps its own."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="uniq_learning_topic")
        ]

    def __str__(self) -> str:
        return self.name


def _upload_to(resource: Resource, filename: str) -> str:
    return f"learning/{resource.organisation_id}/{filename}"


class Resource(models.Model):
    """An article, video, book, guide or template of the organisation's library."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="learning_resources"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ResourceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=_upload_to, max_length=255, blank=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="resources", blank=True
    )
    audience = models.CharField(
        _("audience"), max_length=8, choices=Audience.choices, default=Audience.ALL
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["organisation", "kind"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:resource_detail", args=[self.pk])

    @property
    def file_name(self) -> str:
        return PurePath(self.file.name or "").name if self.file else ""


class TrainingModuleQuerySet(models.QuerySet["TrainingModule"]):
    def published(self) -> TrainingModuleQuerySet:
        return self.filter(is_published=True)


class TrainingModule(models.Model):
    """An ordered course of short texts and resources, e.g. the mentors' onboarding."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="training_modules"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(
        _("audience"), max_length=8, choices=Audience.choices, default=Audience.ALL
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    is_published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrainingModuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:module_detail", args=[self.pk])


class TrainingStep(models.Model):
    """One step of a module: a text, maybe a resource and a check-your-understanding question."""

    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    resource = models.ForeignKey(
        Resource,
        verbose_name=_("resource"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steps",
    )
    question = models.CharField(_("question"), max_length=300, blank=True)
    options = models.JSONField(_("options"), default=list, blank=True)
    correct_option = models.PositiveSmallIntegerField(null=True, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        verbose_name = _("training step")
        verbose_name_plural = _("training steps")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:step_detail", args=[self.module_id, self.pk])

    @property
    def has_question(self) -> bool:
        return bool(self.question and self.options and self.correct_option is not None)

    def is_right_answer(self, answer: int | None) -> bool:
        """The answer is the index of the chosen option (0-based)."""
        return not self.has_question or answer == self.correct_option

    @property
    def correct_answer(self) -> str:
        if not self.has_question or self.correct_option >= len(self.options):  # type: ignore[operator]
            return ""
        return self.options[self.correct_option]


class StepCompletion(models.Model):
    """A member has gone through a step (and answered its question right)."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="step_completions"
    )
    step = models.ForeignKey(TrainingStep, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("completed step")
        verbose_name_plural = _("completed steps")
        constraints = [
            models.UniqueConstraint(fields=["membership", "step"], name="uniq_step_completion")
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} ✓ {self.step_id}"
