"""What the analytics keep between requests: each relationship's health, the weekly points of
each objective's KPI, a programme's thresholds and its retrospective.

Figures themselves are computed from the data of the apps below (MEASURE.md fixes each rule);
only what must not be recomputed on every page is stored: health, because the at-risk list
reads every pair of a programme, and the weekly points, because a trend line is history.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentora.mentorships.models import Mentorship
from mentora.programs.models import Metric, Programme

# A relationship scoring below this is at risk, unless the programme sets its own threshold.
DEFAULT_AT_RISK_BELOW = 50


class AnalyticsSettings(models.Model):
    """A programme's analytics choices, made by its coordinators."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="analytics_settings"
    )
    at_risk_below = models.PositiveSmallIntegerField(
        _("at risk below"),
        default=DEFAULT_AT_RISK_BELOW,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("A relationship whose health score is below this number is listed at risk."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("analytics settings")
        verbose_name_plural = _("analytics settings")

    def __str__(self) -> str:
        return f"analytics settings of programme #{self.programme_id}"


class RelationshipHealth(models.Model):
    """A relationship's health score 0–100 and its reasons (MEASURE.md), as last computed.

    Reasons are stored as codes with their figures ({"code": "no_meeting", "days": 52, ...})
    and put into words when read, so that each reader gets their own language."""

    mentorship = models.OneToOneField(Mentorship, on_delete=models.CASCADE, related_name="health")
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    reasons = models.JSONField(default=list, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("relationship health")
        verbose_name_plural = _("relationship health")
        indexes = [models.Index(fields=["score"])]

    def __str__(self) -> str:
        return f"health {self.score} of relationship #{self.mentorship_id}"


class KpiPoint(models.Model):
    """One weekly point of a programme's KPI: its value on `week` (a Monday), and how many
    answers or people it rests on (for k-anonymity and "not enough data")."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="kpi_points")
    metric = models.CharField(max_length=30, choices=Metric.choices)
    week = models.DateField()
    value = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    base = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("KPI point")
        verbose_name_plural = _("KPI points")
        ordering = ["programme", "metric", "week"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "metric", "week"], name="uniq_kpi_point_per_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.metric} of programme #{self.programme_id} on {self.week}"


class Retrospective(models.Model):
    """What the coordinators learned, written at closing for the retrospective report."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="retrospective"
    )
    lessons = models.TextField(_("lessons learned"), max_length=10_000, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retrospective")
        verbose_name_plural = _("retrospectives")

    def __str__(self) -> str:
        return f"retrospective of programme #{self.programme_id}"
