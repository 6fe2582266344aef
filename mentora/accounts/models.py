"""Users, organisations, their structure (departments, sites) and memberships with roles."""

from __future__ import annotations

import secrets
from datetime import timedelta
from email.utils import formataddr, parseaddr
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Leave empty to use your organisation's language."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @property
    def initials(self) -> str:
        letters = (self.first_name[:1] + self.last_name[:1]) or self.email[:1]
        return letters.upper()


def _logo_path(organisation: Organisation, filename: str) -> str:
    # A new name at each upload: the header's cached image changes with it. The extension
    # is the stored format's (see OrganisationSettingsForm), never the uploader's name.
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"organisations/{organisation.pk}/logo-{secrets.token_hex(8)}.{extension}"


class Organisation(models.Model):
    """A tenant: a company or public body that runs mentoring programmes."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    default_language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="fr"
    )
    seniority_scale = models.PositiveSmallIntegerField(
        _("seniority levels"),
        default=6,
        help_text=_("Number of levels in the organisation's seniority scale (1 = entry level)."),
    )
    logo = models.ImageField(_("logo"), upload_to=_logo_path, max_length=255, blank=True)
    email_sender_name = models.CharField(
        _("e-mail sender name"),
        max_length=100,
        blank=True,
        validators=[
            RegexValidator(
                r"^[^\x00-\x1f\x7f<>\"@]*$",
                _("Use letters, digits, spaces and simple punctuation only."),
            )
        ],
        help_text=_(
            "The name the organisation's e-mails come from, e.g. “Acme Mentoring”. "
            "Leave empty for “Mentora”."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def logo_url(self) -> str:
        """Where the header finds the logo; the address changes with each new upload."""
        if not self.logo:
            return ""
        version = (self.logo.name or "").rsplit("/", 1)[-1].split(".")[0]
        return f"{reverse('accounts:organisation_logo')}?v={version}"

    @property
    def email_from(self) -> str | None:
        """The From header of the organisation's e-mails: its sender name on the platform's
        address; None keeps DEFAULT_FROM_EMAIL as it is."""
        if not self.email_sender_name:
            return None
        _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        return formataddr((self.email_sender_name, address))

    def default_agreement_texts(self, language: str) -> dict[str, str]:
        """The agreement sections the organisation wrote for this language (empty ones left
        out), for the mentorships app to start new agreements from."""
        texts = next((t for t in self.agreement_texts.all() if t.language == language), None)
        if texts is None:
            return {}
        return {name: text for name, text in texts.content().items() if text}


AGREEMENT_TEXT_MAX_LENGTH = 2_000


class OrganisationAgreementText(models.Model):
    """The organisation's own wording of the mentoring agreement, in one language.

    New relationships start their agreement from it (the mentorships app reads it through
    `Organisation.default_agreement_texts`); a section left empty keeps Mentora's wording.
    """

    SECTIONS = (
        "expectations_mentor",
        "expectations_mentee",
        "boundaries",
        "meeting_channel",
        "confidentiality",
    )

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="agreement_texts"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    expectations_mentor = models.TextField(
        _("what the mentor commits to"), max_length=AGREEMENT_TEXT_MAX_LENGTH, blank=True
    )
    expectations_mentee = models.TextField(
        _("what the mentee commits to"), max_length=AGREEMENT_TEXT_MAX_LENGTH, blank=True
    )
    boundaries = models.TextField(_("boundaries"), max_length=AGREEMENT_TEXT_MAX_LENGTH, blank=True)
    meeting_channel = models.CharField(_("meeting channel"), max_length=200, blank=True)
    confidentiality = models.TextField(
        _("confidentiality"), max_length=AGREEMENT_TEXT_MAX_LENGTH, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agreement wording")
        verbose_name_plural = _("agreement wordings")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "language"], name="uniq_agreement_text_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.language})"

    def content(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.SECTIONS}


class Department(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="uniq_department_name")
        ]

    def __str__(self) -> str:
        return self.name


class Site(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("name"), max_length=150)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="uniq_site_name")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ORG_ADMIN = "org_admin", _("Organisation admin")
    COORDINATOR = "coordinator", _("Coordinator")
    SPONSOR = "sponsor", _("Sponsor")
    MEMBER = "member", _("Member")


def still_here(prefix: str = "") -> models.Q:
    """Memberships not left yet: no leave date, or one still to come (a notice period).

    `prefix` reaches the membership from another model, e.g. ``"membership__"``.
    """
    return models.Q(**{f"{prefix}left_on__isnull": True}) | models.Q(
        **{f"{prefix}left_on__gt": timezone.localdate()}
    )


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(still_here(), user__is_active=True)

    def of(self, organisation: Organisation) -> MembershipQuerySet:
        return self.filter(organisation=organisation)

    def without_access(self) -> MembershipQuerySet:
        """People who cannot sign in yet: no usable password, as the HR import creates them."""
        return self.filter(
            user__is_active=True, user__password__startswith=UNUSABLE_PASSWORD_PREFIX
        )


class Membership(models.Model):
    """A person's place in one organisation: role and HR record (department, manager…)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    employee_id = models.CharField(_("employee ID"), max_length=64, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    seniority_level = models.PositiveSmallIntegerField(_("seniority level"), null=True, blank=True)
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    hired_on = models.DateField(_("hire date"), null=True, blank=True)
    left_on = models.DateField(_("leave date"), null=True, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="uniq_membership"),
        ]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"

    @property
    def language(self) -> str:
        """The language of this person's pages and e-mails: their own choice, else their
        organisation's."""
        return self.user.language or self.organisation.default_language

    @property
    def has_left(self) -> bool:
        """Gone from the organisation: a leave date that has come (see `still_here`)."""
        return self.left_on is not None and self.left_on <= timezone.localdate()

    @property
    def is_org_admin(self) -> bool:
        return self.role == Role.ORG_ADMIN

    @property
    def can_run_programmes(self) -> bool:
        return self.role in {Role.ORG_ADMIN, Role.COORDINATOR}

    def reporting_chain(self) -> list[Membership]:
        """Managers above this person, nearest first (stops on a cycle)."""
        chain: list[Membership] = []
        seen = {self.pk}
        current = self.manager
        while current is not None and current.pk not in seen:
            chain.append(current)
            seen.add(current.pk)
            current = current.manager
        return chain


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _default_expiry() -> object:
    return timezone.now() + timedelta(days=settings.MENTORA_INVITATION_DAYS)


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class InvitationPurpose(models.TextChoices):
    JOIN = "join", _("Join the organisation")
    # For members who cannot sign in yet (added by an HR import): set a password, sign in.
    ACCESS = "access", _("Access link")


class Invitation(models.Model):
    """An e-mailed link that lets someone join an organisation with a given role, or lets a
    member who has no password yet choose one (an access link)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    purpose = models.CharField(
        _("purpose"),
        max_length=10,
        choices=InvitationPurpose.choices,
        default=InvitationPurpose.JOIN,
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"

    @property
    def is_usable(self) -> bool:
        return self.status == "pending"


class AuditEntry(models.Model):
    """What a coordinator or admin changed, for accountability."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=80)
    target = models.CharField(max_length=200, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target}"
