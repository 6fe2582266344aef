"""Reads for the matching pages: run summaries, comparisons and a member's own matches.

Each one costs a fixed number of queries whatever the programme's size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from mentora.accounts.models import Membership
from mentora.matching.models import (
    MatchingRun,
    MatchNotice,
    MentorRequest,
    MentorResponse,
    PairRule,
    Proposal,
    RequestStatus,
    ResponseStatus,
)

BINS = 10
CHART_WIDTH = 320
CHART_HEIGHT = 120


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    x: int
    y: int
    width: int
    height: int


def _bars(counts: list[tuple[str, int]]) -> list[Bar]:
    """Bars of an SVG chart drawn on the server (no script, fine under a strict CSP)."""
    if not counts:
        return []
    top = max(count for _label, count in counts) or 1
    width = CHART_WIDTH // len(counts)
    return [
        Bar(
            label=label,
            count=count,
            x=k * width,
            y=CHART_HEIGHT - round(CHART_HEIGHT * count / top),
            width=max(1, width - 2),
            height=round(CHART_HEIGHT * count / top),
        )
        for k, (label, count) in enumerate(counts)
    ]


def run_summary(run: MatchingRun) -> dict:
    """Share matched, score distribution and mentor load of a run: one query."""
    rows = list(run.proposals.filter(forbidden=False).values_list("score", "mentor_id"))
    scores = [score for score, _m in rows]
    histogram: list[tuple[str, int]] = []
    if scores:
        low, high = min(scores), max(scores)
        step = (high - low) / BINS or 1.0
        counts = Counter(min(BINS - 1, int((s - low) / step)) for s in scores)
        histogram = [
            (f"{low + k * step:.1f}–{low + (k + 1) * step:.1f}", counts.get(k, 0))
            for k in range(BINS)
        ]
    load = Counter(Counter(mentor for _s, mentor in rows).values())
    peer = run.parameters.get("kind") == "peer"
    return {
        "matched": len(rows),
        "share": run.matched_share,
        "mean": sum(scores) / len(scores) if scores else 0.0,
        "lowest": min(scores) if scores else 0.0,
        "highest": max(scores) if scores else 0.0,
        "histogram": _bars(histogram),
        "chart_width": CHART_WIDTH,
        "chart_height": CHART_HEIGHT,
        "load": [] if peer else sorted(load.items()),
        "unmatched_by_reason": Counter(run.unmatched.values_list("reason", flat=True)),
    }


def compare_runs(first: MatchingRun, second: MatchingRun) -> dict:
    """How two runs differ: totals and how many pairs they share."""
    a = set(first.proposals.filter(forbidden=False).values_list("mentee_id", "mentor_id"))
    b = set(second.proposals.filter(forbidden=False).values_list("mentee_id", "mentor_id"))
    return {
        "shared": len(a & b),
        "only_first": len(a - b),
        "only_second": len(b - a),
        "score_delta": second.total_score - first.total_score,
        "matched_delta": second.matched_count - first.matched_count,
    }


def proposals_for_review(run: MatchingRun):  # -> QuerySet[Proposal]
    return run.proposals.select_related(
        "mentee__user", "mentee__department", "mentor__user", "mentor__department"
    ).order_by("mentor__user__last_name", "mentor_id", "-score", "pk")


def pair_rules(programme) -> list[PairRule]:  # noqa: ANN001
    return list(
        PairRule.objects.filter(programme=programme).select_related("mentee__user", "mentor__user")
    )


@dataclass(frozen=True)
class MyMatch:
    """A member's own published pair: who, which programme, and why (never the score)."""

    proposal: Proposal
    partner: Membership
    role: str
    response: MentorResponse | None


def my_matches(membership: Membership) -> list[MyMatch]:
    """Published pairs of this member, with the reasons of their own pair only."""
    proposals = (
        Proposal.objects.filter(mentorship__isnull=False, run__published_at__isnull=False)
        .filter(Q(mentee=membership) | Q(mentor=membership))
        .select_related("run__programme", "mentee__user", "mentor__user", "mentorship", "response")
        .order_by("-run__published_at", "pk")
    )
    out = []
    for proposal in proposals:
        is_mentee = proposal.mentee_id == membership.pk
        peer = proposal.run.parameters.get("kind") == "peer"
        role = "peer" if peer else ("mentee" if is_mentee else "mentor")
        response = getattr(proposal, "response", None)
        out.append(
            MyMatch(
                proposal=proposal,
                partner=proposal.mentor if is_mentee else proposal.mentee,
                role=role,
                response=response,
            )
        )
    return out


def my_requests(membership: Membership) -> dict:
    """Requests this member made (as mentee) and received (as mentor)."""
    base = MentorRequest.objects.select_related("programme", "mentee__user", "mentor__user")
    return {
        "made": list(base.filter(mentee=membership).exclude(status=RequestStatus.ACCEPTED)[:20]),
        "accepted": list(
            base.filter(Q(mentee=membership) | Q(mentor=membership), status=RequestStatus.ACCEPTED)
        ),
        "received": list(
            base.filter(mentor=membership, status=RequestStatus.PENDING).order_by("created_at")
        ),
    }


def pending_responses(membership: Membership) -> list[MentorResponse]:
    """Matches this mentor may still accept or decline (past the deadline, they stand)."""
    return list(
        MentorResponse.objects.filter(
            mentor=membership, status=ResponseStatus.PENDING, deadline__gte=timezone.now()
        )
        .select_related("proposal__mentee__user", "proposal__run__programme")
        .order_by("deadline")
    )


def unread_notices(membership: Membership) -> list[MatchNotice]:
    return list(
        MatchNotice.objects.filter(membership=membership, read_at__isnull=True).select_related(
            "programme"
        )[:20]
    )


def programmes_to_choose_in(membership: Membership) -> list:
    """Programmes where this approved mentee picks (or confirms) a mentor."""
    from mentora.programs.models import Programme

    return list(
        Programme.objects.filter(
            applications__membership=membership,
            applications__status="approved",
            applications__role="mentee",
            status__in=["matching", "running"],
        )
        .exclude(matching_mode="coordinator")
        .distinct()
    )


def waiting_count(programme) -> int:  # noqa: ANN001
    """Approved mentees (or peers) with no open relationship nor open request: the next
    run matches them (first matching, or rematch after an exit or a decline)."""
    from mentora.enrolment.models import Application
    from mentora.mentorships.models import Participant

    matched = Participant.objects.filter(
        mentorship__programme=programme, left_at__isnull=True, role__in=["mentee", "peer"]
    ).exclude(mentorship__stage="closed")
    holding = MentorRequest.objects.filter(
        programme=programme, status__in=[RequestStatus.PROPOSED, RequestStatus.PENDING]
    )
    return (
        Application.objects.filter(
            programme=programme, status="approved", role__in=["mentee", "peer"]
        )
        .exclude(membership__in=matched.values("membership_id"))
        .exclude(membership__in=holding.values("mentee_id"))
        .count()
    )
