"""Matching in the product: settings, runs, proposals, pair rules, responses and requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Membership
from mentora.matching.engine import Weights
from mentora.matching.engine.scoring import PARTS
from mentora.programs.models import Kind, MatchingMode, Programme

# Match quality in words, for coordinators: a pair's quality (0-100) at or above the bound.
QUALITY_BANDS = (("strong", 70), ("good", 40), ("weak", 0))


class MatchingSettings(models.Model):
    """A programme's rules and weights for its next runs, and how publication works."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="matching_settings"
    )
    # Rules and weights as the form saved them (see forms.MatchingSettingsForm).
    parameters = models.JSONField(default=dict, blank=True)
    mentor_acceptance = models.BooleanField(
        _("mentors accept or decline each match"),
        default=False,
        help_text=_("After publication, mentors confirm each match before a deadline."),
    )
    response_days = models.PositiveSmallIntegerField(_("days to answer"), default=7)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.programme} settings"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class PublishStatus(models.TextChoices):
    QUEUED = "queued", _("Publication queued")
    RUNNING = "running", _("Publishing")
    FAILED = "failed", _("Publication failed")


class MatchingRun(models.Model):
    """One execution of the engine on a programme, with its parameters, timing and totals."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="matching_runs")
    number = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    parameters = models.JSONField(default=dict)
    progress = models.PositiveSmallIntegerField(default=0)
    progress_label = models.CharField(max_length=100, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration = models.FloatField(null=True, blank=True)
    engine_seconds = models.FloatField(null=True, blank=True)
    mentees_count = models.PositiveIntegerField(default=0)
    mentors_count = models.PositiveIntegerField(default=0)
    matched_count = models.PositiveIntegerField(default=0)
    unmatched_count = models.PositiveIntegerField(default=0)
    total_score = models.FloatField(default=0.0)
    certified = models.BooleanField(default=False)
    method = models.CharField(max_length=40, blank=True)
    # The engine's figures (timings, certificate rounds, a stable run's cost...).
    stats = models.JSONField(default=dict, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Large runs are published by a task; its state and any error are shown on the review.
    publish_status = models.CharField(
        max_length=10, choices=PublishStatus.choices, blank=True, default=""
    )
    publish_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="uniq_run_number")
        ]

    def __str__(self) -> str:
        return f"{self.programme} run {self.number}"

    @property
    def is_finished(self) -> bool:
        return self.status in {RunStatus.DONE, RunStatus.FAILED}

    @property
    def is_publishing(self) -> bool:
        return self.publish_status in {PublishStatus.QUEUED, PublishStatus.RUNNING}

    @property
    def is_peer(self) -> bool:
        return self.parameters.get("kind") == Kind.PEER

    def people_matched(self, pairs: int) -> int:
        """People to match (mentees, or peers) that this many pairs give a pair to."""
        return pairs * (2 if self.is_peer else 1)

    def share_matched(self, pairs: int) -> int:
        """Percentage of the people to match who got a pair, with this many pairs."""
        if not self.mentees_count:
            return 0
        return min(100, round(100 * self.people_matched(pairs) / self.mentees_count))

    @property
    def matched_share(self) -> int:
        """Percentage of the people to match (mentees, or peers) who got a pair."""
        return self.share_matched(self.matched_count)

    @property
    def publication_kind(self) -> str:
        """How publishing turns the pairs into relationships (reads the programme):
        "groups" (one per mentor and group), "proposals" (hybrid and mentee-chooses
        programmes: people confirm before anything starts) or "relationships" (at once)."""
        if self.parameters.get("kind") == Kind.GROUP:
            return "groups"
        if self.programme.matching_mode != MatchingMode.COORDINATOR:
            return "proposals"
        return "relationships"

    @property
    def perfect_score(self) -> float:
        """The score of a pair that meets every criterion fully under the run's weights:
        every part of a score lies between 0 and its weight, so it is their sum."""
        weights = {**Weights().__dict__, **self.parameters.get("weights", {})}
        return float(sum(float(weights.get(part, 0.0)) for part in PARTS))

    def quality(self, score: float) -> int:
        """A pair's score on the coordinators' scale: 0-100, 100 being a perfect fit."""
        perfect = self.perfect_score
        if perfect <= 0:
            return 0
        return max(0, min(100, round(100 * score / perfect)))

    @property
    def mean_quality(self) -> int | None:
        """Average quality of the run's pairs; None without any pair."""
        if not self.matched_count:
            return None
        return self.quality(self.total_score / self.matched_count)


class Proposal(models.Model):
    """A pair proposed by a run (or assigned by hand): for peers, mentee and mentor are peers."""

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="proposals")
    mentee = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(default=0.0)
    breakdown = models.JSONField(default=dict)
    # [{"key": "skill_fit", "params": {...}}, …] — translated when shown.
    reasons = models.JSONField(default=list)
    broken_rules = models.JSONField(default=list)
    locked = models.BooleanField(default=False)
    forbidden = models.BooleanField(default=False)
    manual = models.BooleanField(default=False)
    mentorship = models.ForeignKey(
        "mentorships.Mentorship",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )

    class Meta:
        ordering = ["mentor_id", "-score", "pk"]
        indexes = [models.Index(fields=["run", "mentee"]), models.Index(fields=["run", "mentor"])]

    def __str__(self) -> str:
        return f"{self.mentee_id} ↔ {self.mentor_id} ({self.score:.2f})"


# Why a change by hand in the review left someone without a pair (the engine's own
# reasons are worded by matching.reasons).
FORBIDDEN_IN_REVIEW = "forbidden_in_review"
UNDONE_BY_HAND = "undone_by_hand"
REVIEW_UNMATCHED_REASONS = {
    FORBIDDEN_IN_REVIEW: _("their pair was forbidden in this review"),
    UNDONE_BY_HAND: _("their pair was undone by a change by hand"),
}


class Unmatched(models.Model):
    """Someone a run left without a pair, and why."""

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="unmatched")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=10)
    reason = models.CharField(max_length=40)
    params = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["role", "pk"]

    def __str__(self) -> str:
        return f"{self.membership_id}: {self.reason}"


class PairRuleKind(models.TextChoices):
    LOCK = "lock", _("Locked")
    FORBID = "forbid", _("Forbidden")


class PairRule(models.Model):
    """A coordinator's decision on one pair, kept across runs of the programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="pair_rules")
    mentee = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=PairRuleKind.choices)
    # Declines by mentors are kept as forbidden pairs so that no run proposes them again.
    from_decline = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "mentee", "mentor"], name="uniq_pair_rule")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.mentee_id} ↔ {self.mentor_id}"


class ResponseStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the mentor")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class MentorResponse(models.Model):
    """After publication, the mentor's answer to a match, due before a deadline."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="response")
    mentor = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.PENDING
    )
    deadline = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.status}"

    @property
    def lapsed(self) -> bool:
        """No answer by the deadline: the match stands as published."""
        return self.status == ResponseStatus.PENDING and self.deadline < timezone.now()

    @property
    def match_stands(self) -> bool:
        return self.status == ResponseStatus.ACCEPTED or self.lapsed


class RequestStatus(models.TextChoices):
    # Hybrid mode: the algorithm proposed this mentor; the mentee confirms or looks further.
    PROPOSED = "proposed", _("Proposed to the mentee")
    PENDING = "pending", _("Awaiting the mentor")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


# Requests that hold one of the mentor's places until answered.
HOLDING_STATUSES = (RequestStatus.PROPOSED, RequestStatus.PENDING)


class MentorRequest(models.Model):
    """A mentee's request to a mentor (mentee-chooses and hybrid modes)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="mentor_requests"
    )
    mentee = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message to the mentor"), blank=True)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    score = models.FloatField(default=0.0)
    reasons = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    mentorship = models.ForeignKey(
        "mentorships.Mentorship", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Hybrid peer programmes: both peers confirm; this is the one who confirmed first.
    confirmed_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            # A mentee holds at most one open request per programme.
            models.UniqueConstraint(
                fields=["programme", "mentee"],
                condition=Q(status__in=list(HOLDING_STATUSES)),
                name="one_open_mentor_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentee_id} → {self.mentor_id} ({self.status})"


class NoticeKind(models.TextChoices):
    MATCHED = "matched", _("You have been matched")
    RESPONSE = "response", _("Please confirm your match")
    REQUEST = "request", _("A mentee asks you to be their mentor")
    REQUEST_ANSWERED = "request_answered", _("Your request was answered")
    PROPOSED = "proposed", _("A mentor is proposed to you")
    PEER_PROPOSED = "peer_proposed", _("A peer is proposed to you")
    DECLINED = "declined", _("Your match was declined")
    PAIRING_PROPOSED = "pairing_proposed", _("Someone proposes to pair with you")
    PAIRING_ACCEPTED = "pairing_accepted", _("Your pairing proposal was accepted")
    PAIRING_DECLINED = "pairing_declined", _("Your pairing proposal was declined")
    PAIRING_CLOSED = "pairing_closed", _("Your pairing proposal is no longer possible")


class MatchNotice(models.Model):
    """An in-app notification about matching, shown on the member's matching page."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set once the e-mail is sent, so that a retried batch sends nothing twice.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["membership", "read_at"])]

    def __str__(self) -> str:
        return f"{self.membership_id}: {self.kind}"


class PairingStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # Someone of the pair found another partner, or the mentor has no place left.
    OVERTAKEN = "overtaken", _("No longer possible")


# A proposal's message is a note to one person, not a letter.
PAIRING_MESSAGE_MAX_LENGTH = 1_000


class PairingProposal(models.Model):
    """In an informal programme, a participant's proposal to pair with another one found in
    the programme's directory; the relationship starts when the other accepts."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="pairing_proposals"
    )
    proposer = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message"), max_length=PAIRING_MESSAGE_MAX_LENGTH, blank=True)
    status = models.CharField(
        max_length=10, choices=PairingStatus.choices, default=PairingStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    mentorship = models.ForeignKey(
        "mentorships.Mentorship", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One proposal at a time from one person to another: a double submission or
            # two tabs cannot send it twice.
            models.UniqueConstraint(
                fields=["programme", "proposer", "recipient"],
                condition=Q(status="pending"),
                name="one_pending_pairing_proposal",
            ),
            models.CheckConstraint(
                condition=~Q(proposer=models.F("recipient")), name="pairing_not_oneself"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "status"]),
            models.Index(fields=["proposer", "status"]),
            models.Index(fields=["programme", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.proposer_id} → {self.recipient_id} ({self.status})"
