"""Programme design: programmes and their SMART objectives."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Organisation


class Kind(models.TextChoices):
    TRADITIONAL = "traditional", _("Traditional")
    REVERSE = "reverse", _("Reverse")
    PEER = "peer", _("Peer")
    GROUP = "group", _("Group")
    INTER_COMPANY = "inter_company", _("Inter-company")


KIND_DESCRIPTIONS = {
    Kind.TRADITIONAL: _("An experienced colleague guides a less experienced one."),
    Kind.REVERSE: _(
        "A junior colleague mentors a senior one, for instance on digital skills or new ways "
        "of working."
    ),
    Kind.PEER: _("Colleagues at a similar stage of their careers help each other."),
    Kind.GROUP: _("A mentor works with a small group of mentees who also learn from each other."),
    Kind.INTER_COMPANY: _("Mentors and mentees come from partner organisations."),
}


class Format(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("One-to-one")
    GROUP = "group", _("Group")


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Monthly")
    BIMONTHLY = "bimonthly", _("Every two months")


CADENCE_DAYS: dict[str, int] = {
    Cadence.WEEKLY: 7,
    Cadence.FORTNIGHTLY: 14,
    Cadence.MONTHLY: 30,
    Cadence.BIMONTHLY: 61,
}


class EnrolmentMode(models.TextChoices):
    OPEN = "open", _("Open: applicants are accepted at once")
    INVITATION = "invitation", _("Invitation: only invited people may apply")
    APPROVAL = "approval", _("Approval: a coordinator reviews each application")


class MatchingMode(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator-led")
    MENTEE_CHOICE = "mentee_choice", _("Mentee chooses from ranked suggestions")
    HYBRID = "hybrid", _("Hybrid: the algorithm proposes, the mentee confirms")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ENROLLING = "enrolling", _("Enrolling")
    MATCHING = "matching", _("Matching")
    RUNNING = "running", _("Running")
    CLOSING = "closing", _("Closing")
    CLOSED = "closed", _("Closed")


# Forward moves follow the lifecycle; the few backward moves let a coordinator reopen
# enrolment when matching shows too few mentors, or fix a draft published too early.
STATUS_TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: (Status.ENROLLING,),
    Status.ENROLLING: (Status.MATCHING, Status.DRAFT),
    Status.MATCHING: (Status.RUNNING, Status.ENROLLING),
    Status.RUNNING: (Status.CLOSING,),
    Status.CLOSING: (Status.CLOSED, Status.RUNNING),
    Status.CLOSED: (),
}


class ParticipantRole(models.TextChoices):
    """The roles people take in a programme and in its relationships."""

    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")
    PEER = "peer", _("Peer")


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def of(self, organisation: Organisation) -> ProgrammeQuerySet:
        """Programmes an organisation runs or takes part in as a partner."""
        return self.filter(
            Q(organisation=organisation) | Q(partner_organisations=organisation)
        ).distinct()

    def published(self) -> ProgrammeQuerySet:
        return self.exclude(status=Status.DRAFT)

    def enrolling(self) -> ProgrammeQuerySet:
        return self.filter(status=Status.ENROLLING)


class Programme(models.Model):
    """A mentoring programme as its coordinators designed it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="programmes"
    )
    name = models.CharField(_("name"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One sentence shown in programme lists."),
    )
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.TRADITIONAL
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.ONE_TO_ONE
    )
    group_size = models.PositiveSmallIntegerField(
        _("group size"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(20)],
        help_text=_("Mentees per group (group format only)."),
    )
    is_formal = models.BooleanField(
        _("formal programme"),
        default=True,
        help_text=_(
            "Formal: a relationship moves on once its members have signed their mentoring "
            "agreement. Informal: the agreement is optional (a relationship moves on at its "
            "first meeting held), and approved participants can also find a partner "
            "themselves in the programme's directory and propose to pair up. Matching and "
            "pairing by hand work in both."
        ),
    )
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    cadence = models.CharField(
        _("meeting cadence"), max_length=20, choices=Cadence.choices, default=Cadence.MONTHLY
    )
    session_minutes = models.PositiveSmallIntegerField(
        _("session length (minutes)"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    enrolment_opens_on = models.DateField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes_on = models.DateField(_("enrolment closes"), null=True, blank=True)
    enrolment_mode = models.CharField(
        _("enrolment mode"),
        max_length=20,
        choices=EnrolmentMode.choices,
        default=EnrolmentMode.APPROVAL,
    )
    matching_mode = models.CharField(
        _("matching mode"),
        max_length=20,
        choices=MatchingMode.choices,
        default=MatchingMode.COORDINATOR,
    )
    default_mentor_capacity = models.PositiveSmallIntegerField(
        _("default mentor capacity"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("How many mentees (or groups) a mentor takes unless they say otherwise."),
    )
    mentee_places = models.PositiveIntegerField(
        _("places for mentees"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty for no limit. Once the places are taken, new mentees join the waitlist."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        related_name="coordinated_programmes",
        blank=True,
    )
    sponsors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sponsors"),
        related_name="sponsored_programmes",
        blank=True,
    )
    partner_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("partner organisations"),
        related_name="partner_programmes",
        blank=True,
    )
    # Training modules to complete before matching. The table kept the name it had when the
    # link was declared on the module (learning now sits below programmes).
    required_modules = models.ManyToManyField(
        "learning.TrainingModule",
        verbose_name=_("required training"),
        related_name="required_by",
        blank=True,
        db_table="learning_trainingmodule_required_by",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programs:detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("programs:public", args=[self.pk])

    @property
    def kind_description(self) -> str:
        return str(KIND_DESCRIPTIONS[Kind(self.kind)])

    @property
    def allowed_transitions(self) -> tuple[str, ...]:
        return STATUS_TRANSITIONS[Status(self.status)]

    def can_move_to(self, status: str) -> bool:
        return status in self.allowed_transitions

    @property
    def agreement_required(self) -> bool:
        """Formal programmes hold a relationship in its first stage until every member signed
        the agreement; in informal ones the agreement is optional."""
        return self.is_formal

    @property
    def roles(self) -> tuple[str, ...]:
        """Roles one may apply for: peers among themselves, else mentor or mentee."""
        if self.kind == Kind.PEER:
            return ("peer",)
        return ("mentor", "mentee")

    def objective_date_problem(self, target_date: date) -> str:
        """Why an objective due on `target_date` does not fit the programme; "" if it does."""
        # An objective is measured while the programme runs: a date before it starts or after
        # it ends would track a KPI nobody is working towards. Unknown dates bound nothing.
        starts, ends = self.starts_on, self.ends_on
        if (starts is None or target_date >= starts) and (ends is None or target_date <= ends):
            return ""
        dates = {
            "start": date_format(starts, "DATE_FORMAT") if starts else "",
            "end": date_format(ends, "DATE_FORMAT") if ends else "",
        }
        if starts and ends:
            return (
                gettext(
                    "The programme runs from %(start)s to %(end)s: choose a target date within it."
                )
                % dates
            )
        if starts:
            return (
                gettext("The programme starts on %(start)s: choose a target date on or after it.")
                % dates
            )
        return (
            gettext("The programme ends on %(end)s: choose a target date on or before it.") % dates
        )

    def enrolment_is_open(self, today: date) -> bool:
        if self.status != Status.ENROLLING:
            return False
        if self.enrolment_opens_on and today < self.enrolment_opens_on:
            return False
        return not (self.enrolment_closes_on and today > self.enrolment_closes_on)


class Metric(models.TextChoices):
    SATISFACTION = "satisfaction", _("Average satisfaction (1–5)")
    NPS = "nps", _("Net Promoter Score (−100 to 100)")
    GOAL_ATTAINMENT = "goal_attainment", _("Goals achieved (%)")
    SESSIONS_PER_PAIR = "sessions_per_pair", _("Sessions held per pair")
    RETENTION = "retention", _("Participant retention (%)")
    PARTICIPATION = "participation", _("Participants enrolled")


# Bounds a baseline and a target must respect, per metric (None = unbounded above).
METRIC_BOUNDS: dict[str, tuple[float, float | None]] = {
    Metric.SATISFACTION: (1, 5),
    Metric.NPS: (-100, 100),
    Metric.GOAL_ATTAINMENT: (0, 100),
    Metric.SESSIONS_PER_PAIR: (0, None),
    Metric.RETENTION: (0, 100),
    Metric.PARTICIPATION: (0, None),
}


class Objective(models.Model):
    """A SMART objective of a programme, measured by a KPI the platform computes."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(_("objective"), max_length=200)
    metric = models.CharField(_("KPI"), max_length=30, choices=Metric.choices)
    baseline = models.DecimalField(
        _("baseline"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(_("target"), max_digits=8, decimal_places=2)
    target_date = models.DateField(_("target date"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title
