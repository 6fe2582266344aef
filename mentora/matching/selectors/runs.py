"""Reads of a programme's runs for its coordinators: defaults, summaries, review, previews.

Each one costs a fixed number of queries whatever the programme's size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentora.accounts.models import Membership
from mentora.matching import engine, pairs
from mentora.matching.errors import MatchingError
from mentora.matching.loader import engine_kind, load_programme
from mentora.matching.models import (
    QUALITY_BANDS,
    MatchingRun,
    PairRule,
    PairRuleKind,
    Proposal,
)
from mentora.programs.models import Kind, Programme

# The quality histogram: ten bands of ten points, drawn in an SVG plot area of this size.
BINS = 10
PLOT_LEFT = 44
PLOT_TOP = 14
PLOT_WIDTH = 300
PLOT_HEIGHT = 120


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
    width = PLOT_WIDTH // len(counts)
    bars = []
    for k, (label, count) in enumerate(counts):
        height = round(PLOT_HEIGHT * count / top)
        bars.append(
            Bar(
                label=label,
                count=count,
                x=PLOT_LEFT + k * width,
                y=PLOT_TOP + PLOT_HEIGHT - height,
                width=max(1, width - 2),
                height=height,
            )
        )
    return bars


def quality_band(quality: int) -> str:
    """ "strong", "good" or "weak": a pair's quality in words (see QUALITY_BANDS)."""
    return next(name for name, bound in QUALITY_BANDS if quality >= bound)


def run_summary(run: MatchingRun) -> dict:
    """Who got a pair, how good the pairs are (0-100 and in words), their distribution
    and the mentors' load, from the run's current proposals: two queries."""
    rows = list(run.proposals.values_list("score", "mentee_id", "mentor_id", "forbidden", "manual"))
    kept = [(score, mentor) for score, _mentee, mentor, forbidden, _manual in rows if not forbidden]
    people = {
        pk for _s, mentee, mentor, forbidden, _m in rows if not forbidden for pk in (mentee, mentor)
    }
    qualities = [run.quality(score) for score, _mentor in kept]
    per_band = Counter(quality_band(q) for q in qualities)
    # Quality 100 falls in the last band, 90 to 100.
    per_bin = Counter(min(BINS - 1, q * BINS // 100) for q in qualities)
    step = 100 // BINS
    histogram = [(f"{k * step}–{(k + 1) * step}", per_bin.get(k, 0)) for k in range(BINS)]
    load = Counter(Counter(mentor for _s, mentor in kept).values())
    mean = sum(score for score, _m in kept) / len(kept) if kept else 0.0
    return {
        "pairs": len(kept),
        "people_matched": run.people_matched(len(kept)),
        "share": run.share_matched(len(kept)),
        "quality": run.quality(mean) if kept else None,
        "bands": [(name, per_band.get(name, 0)) for name, _bound in QUALITY_BANDS],
        # A pair forbidden, assigned or swapped by hand: the engine's optimum no longer holds.
        "changed_by_hand": any(forbidden or manual for *_ids, forbidden, manual in rows),
        # Everyone in a pair, and the mentors (one group each in a group programme).
        "people": len(people),
        "mentors": len({mentor for _s, mentor in kept}),
        "histogram": _bars(histogram) if kept else [],
        "histogram_top": max(per_bin.values(), default=0),
        "plot": {
            "left": PLOT_LEFT,
            "top": PLOT_TOP,
            "right": PLOT_LEFT + PLOT_WIDTH,
            "bottom": PLOT_TOP + PLOT_HEIGHT,
            "middle": PLOT_LEFT + PLOT_WIDTH // 2,
            "middle_y": PLOT_TOP + PLOT_HEIGHT // 2,
            "width": PLOT_LEFT + PLOT_WIDTH + 8,
            "height": PLOT_TOP + PLOT_HEIGHT + 34,
        },
        "load": [] if run.is_peer else sorted(load.items()),
        "unmatched_by_reason": Counter(run.unmatched.values_list("reason", flat=True)),
    }


def publish_question(run: MatchingRun, summary: dict, *, acceptance_days: int | None) -> str:
    """What publishing will do, asked before it is done: how many pairs (or groups, or
    proposals) and how many people are e-mailed. `acceptance_days`: the days mentors have
    to accept or decline, when they must."""
    pairs, people = summary["pairs"], summary["people"]
    how = run.publication_kind
    if how == "proposals" and not run.is_peer:
        return ngettext(
            "Propose a mentor to %(n)d mentee? "
            "The mentee will be notified by e-mail and asked to confirm.",
            "Propose a mentor to %(n)d mentees? "
            "They will be notified by e-mail and asked to confirm.",
            pairs,
        ) % {"n": pairs}
    if how == "proposals":
        return " ".join(
            [
                ngettext("Propose %(n)d pair of peers?", "Propose %(n)d pairs of peers?", pairs)
                % {"n": pairs},
                ngettext(
                    "%(n)d person will be notified by e-mail and asked to confirm.",
                    "%(n)d people will be notified by e-mail and asked to confirm.",
                    people,
                )
                % {"n": people},
            ]
        )
    if how == "groups":
        groups = summary["mentors"]
        question = ngettext("Publish %(n)d group?", "Publish %(n)d groups?", groups) % {"n": groups}
    else:
        question = ngettext("Publish %(n)d pair?", "Publish %(n)d pairs?", pairs) % {"n": pairs}
    parts = [
        question,
        ngettext(
            "%(n)d person will be notified by e-mail.",
            "%(n)d people will be notified by e-mail.",
            people,
        )
        % {"n": people},
    ]
    if acceptance_days is not None and not run.is_peer:
        parts.append(
            ngettext(
                "Mentors will have %(n)d day to accept or decline.",
                "Mentors will have %(n)d days to accept or decline.",
                acceptance_days,
            )
            % {"n": acceptance_days}
        )
    return " ".join(parts)


def compare_runs(first: MatchingRun, second: MatchingRun) -> dict:
    """How two runs differ: totals, how many pairs they share, whether changed by hand."""
    a = set(first.proposals.filter(forbidden=False).values_list("mentee_id", "mentor_id"))
    b = set(second.proposals.filter(forbidden=False).values_list("mentee_id", "mentor_id"))
    return {
        "shared": len(a & b),
        "only_first": len(a - b),
        "only_second": len(b - a),
        "score_delta": second.total_score - first.total_score,
        "matched_delta": second.matched_count - first.matched_count,
        # As the review says: a run changed by hand no longer claims its optimum.
        "first_changed": _changed_by_hand(first),
        "second_changed": _changed_by_hand(second),
    }


def _changed_by_hand(run: MatchingRun) -> bool:
    return run.proposals.filter(Q(forbidden=True) | Q(manual=True)).exists()


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
