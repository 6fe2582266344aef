"""What the dashboard page shows beyond the API's figures: meetings held and planned month by
month, and the participation rate. Same rules, same groups and same k-anonymity as
`figures.py`; the API's JSON stays exactly the contract.

- *held vs planned per month*: a meeting belongs to the month it starts in (platform time
  zone); planned and held as in `figures.py`; months run from the programme's start (else the
  first meeting) to `as_of`, empty months included so that a chart's axis has no holes; the
  rate is held ÷ planned, a percentage with one decimal.
- *participation*: people with an approved application ÷ people the programme was open to:
  those invited, for an invitation-only programme; otherwise the members of the organisation
  employed on the day enrolment closed (or `as_of`, if sooner or unknown), hire date unknown
  meaning the day they joined Mentora. Not defined for a cohort (people not yet paired belong
  to none).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.analytics.anonymity import Figures, Path, anonymise, reveal
from mentora.analytics.figures import day_end
from mentora.analytics.filters import Filters, Scope
from mentora.analytics.retention import members_on, one_decimal_percent
from mentora.enrolment.models import Application, ApplicationStatus, EnrolmentInvitation
from mentora.mentorships.models import Meeting, Mentorship, held_meetings, planned_meetings
from mentora.programs.models import EnrolmentMode, Programme


def _months(first: date, last: date) -> list[date]:
    months = []
    current = first.replace(day=1)
    while current <= last:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def _monthly(
    programme: Programme, scope: Scope, as_of: date, months: list[date] | None = None
) -> Figures:
    """The months' figures; `months` fixes the months (a complement reads the same ones)."""
    end = day_end(as_of)
    relationships = Mentorship.objects.filter(
        scope.relationships(), programme=programme, created_at__lt=end
    )
    rows = (
        Meeting.objects.filter(mentorship__in=relationships.values("pk"), starts_at__lt=end)
        .annotate(month=TruncMonth("starts_at"))
        .values("month")
        .annotate(
            planned=Count("pk", filter=planned_meetings(), distinct=True),
            held=Count("pk", filter=held_meetings(), distinct=True),
            planned_people=Count(
                "mentorship__participants__membership", filter=planned_meetings(), distinct=True
            ),
            held_people=Count(
                "mentorship__participants__membership", filter=held_meetings(), distinct=True
            ),
        )
        .order_by("month")
    )
    found: dict[date, dict[str, Any]] = {
        timezone.localtime(row["month"]).date(): dict(row) for row in rows
    }
    if months is None:
        starts = [m for m in (programme.starts_on, min(found, default=None)) if m is not None]
        months = _months(min(starts), as_of) if starts else []
    data: list[dict[str, Any]] = []
    bases: dict[Path, int] = {}
    for index, month in enumerate(months):
        row: dict[str, Any] = found.get(month, {})
        planned, held = row.get("planned", 0), row.get("held", 0)
        data.append(
            {
                "month": month.strftime("%Y-%m"),
                "planned": planned,
                "held": held,
                "held_vs_planned": one_decimal_percent(held, planned),
            }
        )
        bases[(index, "planned")] = row.get("planned_people", 0)
        bases[(index, "held")] = row.get("held_people", 0)
        # The rate and the meetings planned give the meetings held away.
        bases[(index, "held_vs_planned")] = min(bases[(index, "planned")], bases[(index, "held")])
    return Figures(data={"months": data}, bases={("months", *path): n for path, n in bases.items()})


def _month_starts(figures: Figures) -> list[date]:
    return [date.fromisoformat(f"{row['month']}-01") for row in figures.data["months"]]


def sessions_by_month(
    programme: Programme,
    *,
    anonymised: bool,
    filters: Filters | None = None,
    as_of: date | None = None,
) -> list[dict[str, Any]]:
    """Meetings planned and held each month: [{"month": "2027-03", "planned", "held",
    "held_vs_planned"}], a figure under k people None for a sponsor."""
    filters = filters or Filters()
    as_of = as_of or timezone.localdate()
    figures = _monthly(programme, Scope(filters), as_of)
    if not anonymised:
        return reveal(figures)[0]["months"]
    months = _month_starts(figures)
    complements = [
        _monthly(programme, Scope(wider, exclude=filters), as_of, months)
        for wider in filters.wider()
    ]
    return anonymise(figures, complements=complements)[0]["months"]


def _participation(programme: Programme, scope: Scope, as_of: date) -> Figures:
    end = day_end(as_of)
    if scope.has_cohort:
        reason = _(
            "Not shown with a cohort filter: a cohort is the month a relationship started, and "
            "people not yet paired belong to none."
        )
        empty: dict[str, Any] = {"approved": None, "open_to": None, "share": None}
        return Figures(data=empty, withheld={(name,): reason for name in empty})
    approved = Application.objects.filter(
        scope.people("membership__"),
        Q(decided_at__isnull=True) | Q(decided_at__lt=end),
        programme=programme,
        status=ApplicationStatus.APPROVED,
        submitted_at__lt=end,
    ).aggregate(people=Count("membership", distinct=True))["people"]
    if programme.enrolment_mode == EnrolmentMode.INVITATION:
        open_to = EnrolmentInvitation.objects.filter(
            scope.people("membership__"), programme=programme, created_at__lt=end
        ).aggregate(people=Count("membership", distinct=True))["people"]
    else:
        closes = programme.enrolment_closes_on
        on = min(closes, as_of) if closes else as_of
        open_to = members_on(programme.organisation, on).filter(scope.people()).count()
    data: dict[str, Any] = {
        "approved": approved,
        "open_to": open_to,
        "share": one_decimal_percent(approved, open_to),
    }
    bases: dict[Path, int] = {("approved",): approved, ("open_to",): open_to, ("share",): approved}
    return Figures(data=data, bases=bases)


def participation_rate(
    programme: Programme,
    *,
    anonymised: bool,
    filters: Filters | None = None,
    as_of: date | None = None,
) -> dict[str, Any]:
    """{"approved", "open_to", "share"}: the participation of MEASURE.md's Definitions."""
    filters = filters or Filters()
    as_of = as_of or timezone.localdate()
    figures = _participation(programme, Scope(filters), as_of)
    if not anonymised:
        data = reveal(figures)[0]
        data.pop("anonymised")
        return data
    complements = [
        _participation(programme, Scope(wider, exclude=filters), as_of) for wider in filters.wider()
    ]
    data = anonymise(figures, complements=complements)[0]
    data.pop("anonymised"), data.pop("k")
    return data
