"""Reads of a programme's runs for its coordinators: defaults, summaries, review, previews.

Each one costs a fixed number of queries whatever the programme's size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from mentora.accounts.models import Membership
from mentora.matching import engine, pairs
from mentora.matching.errors import MatchingError
from mentora.matching.loader import engine_kind, load_programme
from mentora.matching.models import MatchingRun, PairRule, PairRuleKind, Proposal
from mentora.programs.models import Kind, Programme

BINS = 10
CHART_WIDTH = 320
CHART_HEIGHT = 120


def default_parameters(programme: Programme) -> dict:
    """Sensible rules and weights for the programme's kind."""
    kind = engine_kind(programme)
    weights = dict(engine.Weights().__dict__)
    parameters = {
        "kind": kind,
        "seniority_gap": 2 if kind in (Kind.TRADITIONAL, Kind.GROUP) else 1,
        "department": "prefer_other",
        "language_required": True,
        "min_score": None,
        "objective": "matched_then_score",
        "inter_company": programme.kind == Kind.INTER_COMPANY,
        "weights": weights,
    }
    if kind == Kind.REVERSE:
        # Reverse mentoring: a junior mentors a senior; digital skills matter most.
        parameters["weights"] = {**weights, "skills": 5.0, "seniority": 0.5}
    if kind == Kind.PEER:
        parameters["weights"] = {**weights, "seniority": 2.0}
    return parameters


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
    peer = run.parameters.get("kind") == Kind.PEER
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


def proposals_for_review(run: MatchingRun) -> QuerySet[Proposal]:
    """A run's pairs with both people, by mentor then best score, for the review table."""
    return run.proposals.select_related(
        "mentee__user", "mentee__department", "mentor__user", "mentor__department"
    ).order_by("mentor__user__last_name", "mentor_id", "-score", "pk")


def pair_rules(programme: Programme) -> list[PairRule]:
    """The programme's locked and forbidden pairs, with both people."""
    return list(
        PairRule.objects.filter(programme=programme).select_related("mentee__user", "mentor__user")
    )


def score_pair(run: MatchingRun, mentee_id: int, mentor_id: int, load: int) -> dict:
    """Score, parts, reasons and broken rules of a chosen pair, for a manual change."""
    loaded = load_programme(run.programme, run.parameters, only={mentee_id, mentor_id})
    people = {int(p.id): p for p in (*loaded.instance.mentees, *loaded.instance.mentors)}
    if mentee_id not in people or mentor_id not in people:
        raise MatchingError(_("Both people must be approved participants of the programme."))
    rules = loaded.instance.rules
    mentee, mentor = people[mentee_id], people[mentor_id]
    scored = pairs.score_one(rules, mentee, mentor)
    forbidden = PairRule.objects.filter(
        programme=run.programme,
        mentee_id=mentee_id,
        mentor_id=mentor_id,
        kind=PairRuleKind.FORBID,
    ).exists()
    broken = pairs.broken_rules(
        rules, mentee, mentor, forbidden=forbidden, load=load, score=scored.score
    )
    return {
        "score": scored.score,
        "breakdown": scored.breakdown,
        "reasons": [{"key": "manual", "params": {}}, *scored.reasons],
        "broken_rules": broken,
    }


def preview_assignment(*, run: MatchingRun, mentee: Membership, mentor: Membership) -> dict:
    """What assigning this pair by hand would give: score and broken rules (no change)."""
    load = run.proposals.filter(mentor=mentor, forbidden=False).exclude(mentee=mentee).count() + 1
    return score_pair(run, mentee.pk, mentor.pk, load)
