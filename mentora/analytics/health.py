"""Relationship health (MEASURE.md): a score 0–100 for each open relationship, with reasons.

The rule — a relationship starts at 100 and loses the points below for each signal; its score
is 100 minus the points lost, never below 0. A relationship is *at risk* when its score is
below its programme's threshold (`AnalyticsSettings.at_risk_below`, 50 by default).

| signal                                                                  | points lost       |
|-------------------------------------------------------------------------|-------------------|
| no meeting held for more than one period of the programme's cadence     | 20                |
| … for more than two periods                                             | 40                |
| each meeting missed in the last 90 days                                 | 10                |
| each meeting cancelled in the last 90 days                              | 5                 |
|   (missed and cancelled together)                                       | at most 30        |
| agreement not signed by every member 14 days on (formal programmes)     | 20                |
| each goal off track, or still open after its due date                   | 10, at most 20    |
| latest pulse of a member still in it: quality ≤ 2 or "not a good fit"   | 35, once          |
| an open concern (one or more)                                           | 35, once          |

Periods: weekly 7 days, fortnightly 14, monthly 30, bimonthly 61 (`CADENCE_DAYS`). Days
without a meeting count from the last meeting held, else from the relationship's start: the
day it was created, or the programme's start when later. The agreement's 14 days count from
that start for its first version, from the day a later version was drawn up for the others.
"Last 90 days" are the 90 days up to today (a meeting 0 to 89 days ago); dates are days in the
server's time zone. Worked example: a monthly programme's pair with no meeting for 52 days
(−20), one meeting missed (−10) and an open concern (−35) scores 100 − 65 = 35.

Reasons are stored as codes with their figures and the points they cost, in the order of the
points lost, and put into words by `reason_text` in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from mentora.analytics.models import DEFAULT_AT_RISK_BELOW, AnalyticsSettings, RelationshipHealth
from mentora.feedback.models import Fit, PulseAnswer
from mentora.mentorships.models import (
    Agreement,
    AgreementRevision,
    AgreementSignature,
    Concern,
    ConcernStatus,
    Goal,
    GoalStatus,
    Meeting,
    MeetingStatus,
    Mentorship,
    Participant,
    Stage,
)
from mentora.programs.models import CADENCE_DAYS, Cadence, Programme

# The points of the rule above, where the rule is enforced (`score_signals`).
GAP_POINTS = 20
LONG_GAP_POINTS = 40
MISSED_POINTS = 10
CANCELLED_POINTS = 5
MISSED_AND_CANCELLED_CAP = 30
RECENT_DAYS = 90
AGREEMENT_GRACE_DAYS = 14
AGREEMENT_POINTS = 20
GOAL_POINTS = 10
GOALS_CAP = 20
LOW_PULSE_AT_MOST = 2
PULSE_POINTS = 35
CONCERN_POINTS = 35

# Relationships read and written per query: bounded whatever the organisation's size.
BATCH = 500


@dataclass
class Signals:
    """What the rule reads about one relationship, as of `today`."""

    start: date
    cadence: str
    agreement_required: bool
    last_held: date | None = None
    missed: int = 0
    cancelled: int = 0
    # The day the current version of the agreement was due from, when someone still has to
    # sign it (formal programmes only).
    unsigned_since: date | None = None
    goals_behind: int = 0
    # The latest pulse answer of each member still in the relationship: (quality, fit, day).
    pulses: list[tuple[int, str, date]] = field(default_factory=list)
    open_concerns: int = 0
    first_concern_on: date | None = None


def _reason(code: str, points: int, **figures: Any) -> dict[str, Any]:
    return {"code": code, "points": points, **figures}


def _meeting_gap(signals: Signals, today: date) -> list[dict[str, Any]]:
    period = CADENCE_DAYS.get(signals.cadence, CADENCE_DAYS[Cadence.MONTHLY])
    since = signals.last_held or signals.start
    days = (today - since).days
    if days <= period:
        return []
    points = LONG_GAP_POINTS if days > 2 * period else GAP_POINTS
    code = "no_meeting" if signals.last_held else "no_meeting_yet"
    return [_reason(code, points, days=days, cadence=signals.cadence)]


def _missed_and_cancelled(signals: Signals) -> list[dict[str, Any]]:
    reasons = []
    left = MISSED_AND_CANCELLED_CAP
    for code, count, each in (
        ("meetings_missed", signals.missed, MISSED_POINTS),
        ("meetings_cancelled", signals.cancelled, CANCELLED_POINTS),
    ):
        if count:
            points = min(left, count * each)
            left -= points
            reasons.append(_reason(code, points, count=count, days=RECENT_DAYS))
    return reasons


def _agreement(signals: Signals, today: date) -> list[dict[str, Any]]:
    if not signals.agreement_required or signals.unsigned_since is None:
        return []
    days = (today - signals.unsigned_since).days
    if days < AGREEMENT_GRACE_DAYS:
        return []
    return [_reason("agreement_unsigned", AGREEMENT_POINTS, days=days)]


def _goals(signals: Signals) -> list[dict[str, Any]]:
    if not signals.goals_behind:
        return []
    points = min(GOALS_CAP, signals.goals_behind * GOAL_POINTS)
    return [_reason("goals_behind", points, count=signals.goals_behind)]


def _pulses(signals: Signals) -> list[dict[str, Any]]:
    reasons = []
    for quality, fit, day in sorted(signals.pulses, key=lambda pulse: (pulse[0], pulse[2])):
        if quality <= LOW_PULSE_AT_MOST:
            reasons.append(_reason("pulse_low", 0, quality=quality, on=day.isoformat()))
        if fit == Fit.POOR:
            reasons.append(_reason("pulse_poor_fit", 0, on=day.isoformat()))
    if reasons:
        # One signal however many answers say it: the first reason carries its points.
        reasons[0]["points"] = PULSE_POINTS
    return reasons


def _concerns(signals: Signals) -> list[dict[str, Any]]:
    if not signals.open_concerns or signals.first_concern_on is None:
        return []
    return [
        _reason(
            "open_concern",
            CONCERN_POINTS,
            count=signals.open_concerns,
            since=signals.first_concern_on.isoformat(),
        )
    ]


def score_signals(signals: Signals, today: date) -> tuple[int, list[dict[str, Any]]]:
    """The score and its reasons, by the rule at the top of this module."""
    signs = [
        _concerns(signals),
        _pulses(signals),
        _meeting_gap(signals, today),
        _missed_and_cancelled(signals),
        _agreement(signals, today),
        _goals(signals),
    ]
    # The costliest sign first, its reasons together; equal costs keep the order above.
    signs.sort(key=lambda reasons: -sum(reason["points"] for reason in reasons))
    reasons = [reason for sign in signs for reason in sign]
    return max(0, 100 - sum(reason["points"] for reason in reasons)), reasons


# Reading the signals: one query per kind of signal, whatever the number of relationships.


def _day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _day_end(today: date) -> datetime:
    return timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))


def _start(mentorship: Mentorship) -> date:
    created = _day(mentorship.created_at)
    starts_on = mentorship.programme.starts_on
    return max(created, starts_on) if starts_on else created


def _read_signals(mentorships: Sequence[Mentorship], today: date) -> dict[int, Signals]:
    """The signals of these relationships (their programme selected along) as of `today`."""
    signals = {
        m.pk: Signals(
            start=_start(m),
            cadence=m.programme.cadence,
            agreement_required=m.programme.agreement_required,
        )
        for m in mentorships
    }
    end = _day_end(today)
    _read_held(signals, end)
    _read_missed(signals, end)
    _read_agreements(signals, mentorships)
    _read_goals(signals, today)
    _read_pulses(signals, end)
    _read_concerns(signals)
    return signals


def _read_held(signals: dict[int, Signals], end: datetime) -> None:
    held = (
        Meeting.objects.filter(
            mentorship_id__in=list(signals), status=MeetingStatus.HELD, starts_at__lt=end
        )
        .values("mentorship_id")
        .annotate(last=Max("starts_at"))
        .values_list("mentorship_id", "last")
        .order_by()
    )
    for mentorship_id, last in held:
        signals[mentorship_id].last_held = _day(last)


def _read_missed(signals: dict[int, Signals], end: datetime) -> None:
    rows = Meeting.objects.filter(
        mentorship_id__in=list(signals),
        status__in=[MeetingStatus.MISSED, MeetingStatus.CANCELLED],
        starts_at__gte=end - timedelta(days=RECENT_DAYS),
        starts_at__lt=end,
    ).values_list("mentorship_id", "status")
    for mentorship_id, status in rows:
        if status == MeetingStatus.MISSED:
            signals[mentorship_id].missed += 1
        else:
            signals[mentorship_id].cancelled += 1


def _read_goals(signals: dict[int, Signals], today: date) -> None:
    """Goals off track, or still open (not started, on track) after their due date."""
    behind = (
        Goal.objects.filter(mentorship_id__in=list(signals))
        .filter(
            Q(status=GoalStatus.OFF_TRACK)
            | Q(due_on__lt=today, status__in=[GoalStatus.NOT_STARTED, GoalStatus.ON_TRACK])
        )
        .values("mentorship_id")
        .annotate(n=Count("pk"))
        .values_list("mentorship_id", "n")
        .order_by()
    )
    for mentorship_id, count in behind:
        signals[mentorship_id].goals_behind = count


def _read_concerns(signals: dict[int, Signals]) -> None:
    concerns = (
        Concern.objects.filter(mentorship_id__in=list(signals), status=ConcernStatus.OPEN)
        .values("mentorship_id")
        .annotate(n=Count("pk"), first=Min("created_at"))
        .values_list("mentorship_id", "n", "first")
        .order_by()
    )
    for mentorship_id, count, first in concerns:
        signals[mentorship_id].open_concerns = count
        signals[mentorship_id].first_concern_on = _day(first)


def _read_agreements(signals: dict[int, Signals], mentorships: Sequence[Mentorship]) -> None:
    """When the current version of each formal relationship's agreement became due, for
    those someone still in the relationship has not signed."""
    formal = [m.pk for m in mentorships if m.programme.agreement_required]
    if not formal:
        return
    signed = AgreementSignature.objects.filter(
        agreement=OuterRef(OuterRef("pk")),
        version=OuterRef(OuterRef("version")),
        participant=OuterRef("pk"),
    )
    unsigned = Participant.objects.filter(
        mentorship=OuterRef("mentorship_id"), left_at__isnull=True
    ).exclude(Exists(signed))
    drawn_up = AgreementRevision.objects.filter(
        agreement=OuterRef("pk"), version=OuterRef("version")
    ).values("created_at")[:1]
    rows = (
        Agreement.objects.filter(mentorship_id__in=formal)
        .filter(Exists(unsigned))
        .annotate(drawn_up=Subquery(drawn_up))
        .values_list("mentorship_id", "version", "drawn_up", "updated_at")
    )
    for mentorship_id, version, drawn_up_at, updated_at in rows:
        start = signals[mentorship_id].start
        if version == 1:
            signals[mentorship_id].unsigned_since = start
        else:
            signals[mentorship_id].unsigned_since = max(start, _day(drawn_up_at or updated_at))


def _read_pulses(signals: dict[int, Signals], end: datetime) -> None:
    still_in = Participant.objects.filter(
        mentorship=OuterRef("invitation__mentorship"),
        membership=OuterRef("invitation__membership"),
        left_at__isnull=True,
    )
    rows = (
        PulseAnswer.objects.filter(
            Exists(still_in),
            invitation__mentorship_id__in=list(signals),
            submitted_at__lt=end,
        )
        .order_by("invitation__sequence", "submitted_at")
        .values_list(
            "invitation__mentorship_id",
            "invitation__membership_id",
            "quality",
            "fit",
            "submitted_at",
        )
    )
    latest: dict[tuple[int, int], tuple[int, str, date]] = {}
    for mentorship_id, membership_id, quality, fit, submitted_at in rows:
        # Ordered by pulse, then by answer: the last one seen is each member's latest.
        latest[(mentorship_id, membership_id)] = (quality, fit, _day(submitted_at))
    for (mentorship_id, _membership_id), pulse in latest.items():
        signals[mentorship_id].pulses.append(pulse)


def compute_health(mentorship: Mentorship, today: date) -> tuple[int, list[dict[str, Any]]]:
    """The relationship's score and reasons as of `today` (stored by `recompute`)."""
    signals = _read_signals([mentorship], today)[mentorship.pk]
    return score_signals(signals, today)


# Storing: only open relationships have a health row; a closed one loses its own.


def recompute(mentorship_ids: Iterable[int], today: date | None = None) -> int:
    """Compute and store the health of these relationships; returns how many were stored."""
    ids = sorted(set(mentorship_ids))
    today = today or timezone.localdate()
    return sum(_recompute_batch(ids[k : k + BATCH], today) for k in range(0, len(ids), BATCH))


def _recompute_batch(ids: list[int], today: date) -> int:
    mentorships = list(
        Mentorship.objects.filter(pk__in=ids)
        .exclude(stage=Stage.CLOSED)
        .select_related("programme")
    )
    open_ids = {m.pk for m in mentorships}
    RelationshipHealth.objects.filter(mentorship_id__in=ids).exclude(
        mentorship_id__in=open_ids
    ).delete()
    if not mentorships:
        return 0
    now = timezone.now()
    rows = []
    for mentorship_id, signals in _read_signals(mentorships, today).items():
        score, reasons = score_signals(signals, today)
        rows.append(
            RelationshipHealth(
                mentorship_id=mentorship_id, score=score, reasons=reasons, computed_at=now
            )
        )
    RelationshipHealth.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["mentorship"],
        update_fields=["score", "reasons", "computed_at"],
    )
    return len(rows)


def recompute_programme(programme: Programme, today: date | None = None) -> int:
    """Recompute every open relationship of the programme."""
    ids = Mentorship.objects.filter(programme=programme).open().values_list("pk", flat=True)
    return recompute(list(ids), today)


def recompute_all(today: date | None = None) -> int:
    """Recompute every open relationship, in batches; drop the rows of closed ones."""
    RelationshipHealth.objects.filter(mentorship__stage=Stage.CLOSED).delete()
    return recompute(Mentorship.objects.open().values_list("pk", flat=True), today)


def at_risk_threshold(programme: Programme) -> int:
    """Scores below this are at risk: the programme's own threshold, else the default."""
    threshold = (
        AnalyticsSettings.objects.filter(programme=programme)
        .values_list("at_risk_below", flat=True)
        .first()
    )
    return threshold or DEFAULT_AT_RISK_BELOW


# Reasons in words, in the active language.

EXPECTATIONS: dict[str, Promise] = {
    Cadence.WEEKLY: _("the programme expects one a week"),
    Cadence.FORTNIGHTLY: _("the programme expects one every two weeks"),
    Cadence.MONTHLY: _("the programme expects one a month"),
    Cadence.BIMONTHLY: _("the programme expects one every two months"),
}


def _long_date(iso: str) -> str:
    return date_format(date.fromisoformat(iso), "DATE_FORMAT")


def _gap_text(reason: dict[str, Any]) -> str:
    days = reason["days"]
    if reason["code"] == "no_meeting":
        gap = ngettext("No meeting for %(days)s day", "No meeting for %(days)s days", days)
    else:
        gap = ngettext(
            "No meeting since the relationship started, %(days)s day ago",
            "No meeting since the relationship started, %(days)s days ago",
            days,
        )
    expectation = EXPECTATIONS.get(reason.get("cadence", ""), EXPECTATIONS[Cadence.MONTHLY])
    # Translators: a gap without meetings, then what the programme expects.
    return gettext("%(gap)s; %(expectation)s.") % {
        "gap": gap % {"days": days},
        "expectation": expectation,
    }


def reason_text(reason: dict[str, Any]) -> str:
    """One stored reason in words, in the active language, dates in its format."""
    code = reason.get("code", "")
    count = reason.get("count", 0)
    if code in {"no_meeting", "no_meeting_yet"}:
        return _gap_text(reason)
    if code == "meetings_missed":
        return ngettext(
            "%(count)s meeting missed in the last %(days)s days.",
            "%(count)s meetings missed in the last %(days)s days.",
            count,
        ) % {"count": count, "days": reason["days"]}
    if code == "meetings_cancelled":
        return ngettext(
            "%(count)s meeting cancelled in the last %(days)s days.",
            "%(count)s meetings cancelled in the last %(days)s days.",
            count,
        ) % {"count": count, "days": reason["days"]}
    if code == "agreement_unsigned":
        return ngettext(
            "The agreement is still not signed by everyone after %(days)s day.",
            "The agreement is still not signed by everyone after %(days)s days.",
            reason["days"],
        ) % {"days": reason["days"]}
    if code == "goals_behind":
        return ngettext(
            "%(count)s goal off track or past its due date.",
            "%(count)s goals off track or past their due date.",
            count,
        ) % {"count": count}
    if code == "pulse_low":
        return gettext("Pulse %(quality)s/5 on %(date)s.") % {
            "quality": reason["quality"],
            "date": _long_date(reason["on"]),
        }
    if code == "pulse_poor_fit":
        return gettext("“Not a good fit” in the pulse of %(date)s.") % {
            "date": _long_date(reason["on"])
        }
    if code == "open_concern":
        return ngettext(
            "An open concern, raised on %(date)s.",
            "%(count)s open concerns, the first raised on %(date)s.",
            count,
        ) % {"count": count, "date": _long_date(reason["since"])}
    # A code this version does not know (written by another one): its words, unchanged.
    return code.replace("_", " ")
