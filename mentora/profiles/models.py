"""What members tell the organisation about themselves: skills taxonomy and profiles."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Membership, Organisation


class SkillStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PROPOSED = "proposed", _("Awaiting review")


INTERFACE_LANGUAGES = tuple(code for code, _label in settings.LANGUAGES)


def reading_language(language: str | None = None) -> str:
    """The interface language `language` belongs to (the active one by default), or "" when
    it is none of them ("en-gb" -> "en")."""
    code = (language or get_language() or "").split("-")[0].lower()
    return code if code in INTERFACE_LANGUAGES else ""


def _translated(text: str, translations: dict[str, str] | None, language: str | None) -> str:
    code = reading_language(language)
    if not code:
        return text
    return (translations or {}).get(code) or text


class SkillQuerySet(models.QuerySet["Skill"]):
    def of(self, organisation: Organisation) -> SkillQuerySet:
        return self.filter(organisation=organisation)

    def in_reading_order(
        self, language: str | None = None, *, by_category: bool = True
    ) -> SkillQuerySet:
        """By category (unless told not to), then name, as the reader's language writes them."""
        code = reading_language(language)
        order = ["shown_category", "shown_name", "pk"] if by_category else ["shown_name", "pk"]
        if not code:
            return self.alias(shown_category=F("category"), shown_name=F("name")).order_by(*order)
        return self.alias(
            shown_category=Coalesce(
                KT(f"category_translations__{code}"), "category", output_field=models.CharField()
            ),
            shown_name=Coalesce(
                KT(f"name_translations__{code}"), "name", output_field=models.CharField()
            ),
        ).order_by(*order)

    def search(self, text: str) -> SkillQuerySet:
        """Skills whose name or category, in any interface language, contains `text`."""
        found = Q(name__icontains=text) | Q(category__icontains=text)
        for code in INTERFACE_LANGUAGES:
            found |= Q(**{f"name_translations__{code}__icontains": text})
            found |= Q(**{f"category_translations__{code}__icontains": text})
        return self.filter(found)

    def accepted(self) -> SkillQuerySet:
        return self.filter(status=SkillStatus.ACCEPTED)

    def usable_by(self, membership: Membership) -> SkillQuerySet:
        """Skills this member may pick: the accepted ones and those they proposed themselves."""
        return self.filter(organisation_id=membership.organisation_id).filter(
            Q(status=SkillStatus.ACCEPTED) | Q(proposed_by=membership)
        )


class Skill(models.Model):
    """An entry of an organisation's skills taxonomy."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="skills")
    # `name` is the canonical name, written in the organisation's language: unique, kept in
    # the audit log and compared by matching. The other interface languages' names sit
    # beside it, {"en": "Negotiation"}: a dict rather than a column per language because
    # `name` is French in one organisation and English in another (a name_fr/name_en pair
    # would repeat it in one of them) and because a language added to settings.LANGUAGES
    # needs no migration; key lookups (name_translations__en__icontains) work on SQLite
    # and PostgreSQL alike. Missing or empty entries read as `name`.
    name = models.CharField(_("name"), max_length=120)
    name_translations = models.JSONField(_("name in other languages"), default=dict, blank=True)
    category = models.CharField(_("category"), max_length=120, blank=True)
    category_translations = models.JSONField(
        _("category in other languages"), default=dict, blank=True
    )
    # Members propose skills; a proposal is usable at once on its author's profile and
    # joins the shared taxonomy once a coordinator accepts it (or merges it into another).
    status = models.CharField(
        _("status"), max_length=10, choices=SkillStatus.choices, default=SkillStatus.ACCEPTED
    )
    proposed_by = models.ForeignKey(
        Membership,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_skills",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SkillQuerySet.as_manager()

    class Meta:
        db_table = "programs_skill"
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="uniq_skill_name")
        ]

    def __str__(self) -> str:
        return self.display_name

    def name_in(self, language: str | None = None) -> str:
        """The name in `language` (the active one by default), else the canonical name."""
        return _translated(self.name, self.name_translations, language)

    def category_in(self, language: str | None = None) -> str:
        return _translated(self.category, self.category_translations, language)

    @property
    def display_name(self) -> str:
        return self.name_in()

    @property
    def display_category(self) -> str:
        return self.category_in()

    @property
    def is_proposed(self) -> bool:
        return self.status == SkillStatus.PROPOSED


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
    # Half-day slots the person is usually free, e.g. ["mon_am", "thu_pm", "tue_ev"].
    availability = models.JSONField(_("weekly availability"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "programs_profile"
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.membership.user)


class SkillDirection(models.TextChoices):
    OFFERED = "offered", _("Offered")
    SOUGHT = "sought", _("Sought")


class SkillPriority(models.TextChoices):
    MUST_HAVE = "must_have", _("Must-have")
    NICE_TO_HAVE = "nice_to_have", _("Nice-to-have")


class ProfileSkill(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="profile_links")
    direction = models.CharField(max_length=10, choices=SkillDirection.choices)
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    # Sought skills only: whether the mentee needs it or would merely welcome it.
    priority = models.CharField(
        _("priority"), max_length=12, choices=SkillPriority.choices, blank=True, default=""
    )

    class Meta:
        db_table = "programs_profileskill"
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "skill", "direction"], name="uniq_profile_skill"
            )
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.direction}, {self.level})"

    @property
    def effective_priority(self) -> str:
        """Sought skills without a stated priority count as nice-to-have."""
        if self.direction != SkillDirection.SOUGHT:
            return ""
        return self.priority or SkillPriority.NICE_TO_HAVE


# Languages a profile may list: ISO 639-1 codes; names come from Django's own catalogue,
# already translated into every interface language.
PROFILE_LANGUAGE_CODES = (
    "fr", "en", "es", "de", "it", "pt", "nl", "ar", "zh", "ja", "ko", "ru", "pl", "ro",
    "tr", "hi", "sv", "el",
)  # fmt: skip

WEEKDAYS = (
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
)
DAY_PARTS = (
    ("am", _("Morning")),
    ("pm", _("Afternoon")),
    ("ev", _("Evening")),
)
# Slot codes stored in Profile.availability, e.g. "mon_am"; evenings are optional.
AVAILABILITY_SLOTS = tuple(f"{day}_{part}" for day, _label in WEEKDAYS for part, _p in DAY_PARTS)

# More than this many skills per direction makes matching explanations meaningless.
MAX_SKILLS_PER_DIRECTION = 10
