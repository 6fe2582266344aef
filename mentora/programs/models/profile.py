"""What members tell the organisation about themselves: skills taxonomy and profiles."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Membership, Organisation


class Skill(models.Model):
    """An entry of an organisation's skills taxonomy."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="skills")
    name = models.CharField(_("name"), max_length=120)
    category = models.CharField(_("category"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="uniq_skill_name")
        ]

    def __str__(self) -> str:
        return self.name


class LanguageLevel(models.TextChoices):
    BASIC = "basic", _("Basic")
    WORKING = "working", _("Working proficiency")
    FLUENT = "fluent", _("Fluent")
    NATIVE = "native", _("Native")


class Profile(models.Model):
    """What a member tells the organisation about themselves, reused across programmes."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="profile")
    bio = models.TextField(_("short bio"), blank=True)
    career_goals = models.TextField(_("career goals"), blank=True)
    years_of_experience = models.PositiveSmallIntegerField(
        _("years of experience"), null=True, blank=True
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")
    # [{"code": "fr", "level": "native"}, …] — a short list, always read whole.
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # Half-day slots the person is usually free, e.g. ["mon_am", "thu_pm"].
    availability = models.JSONField(_("weekly availability"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.membership.user)


class SkillDirection(models.TextChoices):
    OFFERED = "offered", _("Offered")
    SOUGHT = "sought", _("Sought")


class ProfileSkill(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    direction = models.CharField(max_length=10, choices=SkillDirection.choices)
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "skill", "direction"], name="uniq_profile_skill"
            )
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.direction}, {self.level})"
