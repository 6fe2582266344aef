"""Retention of participants against comparable non-participants (MEASURE.md).

The rules where MEASURE.md is silent:
- a *participant* is anyone who took part in one of the programme's relationships, mentors
  included; their start is the day their first relationship of the programme began;
- *still employed 12 months after* means no leave date, or one after the anniversary (a leave
  date is the first day gone, as everywhere in Mentora); a start on 29 February has its
  anniversary on 28 February;
- only participants whose anniversary has come by `as_of` are counted; with none, the figure
  is "not enough data";
- *comparable non-participants* are members of the programme's organisation who never took
  part in any mentoring relationship (someone mentored in another programme is no control),
  employed on the reference day, the earliest start among the counted participants, and
  followed for the 12 months after it (hire date unknown: the day they joined Mentora);
- *same department and level mix*: direct standardisation; each (department, seniority level)
  stratum's comparison rate is weighted by the share of counted participants in it. A stratum
  without any comparison member carries no weight (the weights of the others are scaled up);
  an unknown department or level is a stratum of its own. The participants' rate is their
  plain share;
- both rates are percentages with one decimal.
The comparison group is aggregated in the database; participants, one row each, are read in
one query (their anniversaries differ and calendar months are no portable SQL).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from mentora.accounts.models import Membership, Organisation
from mentora.analytics.filters import Scope
from mentora.mentorships.models import Participant
from mentora.programs.models import Programme

Stratum = tuple[int | None, int | None]


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def members_on(organisation: Organisation, on: date) -> QuerySet[Membership]:
    """The organisation's members on `on`: hired by then (hire date unknown: the day they
    joined Mentora) and not gone."""
    return (
        Membership.objects.filter(organisation=organisation)
        .filter(Q(hired_on__lte=on) | Q(hired_on__isnull=True, joined_at__date__lte=on))
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
    )


def one_decimal_percent(part: int | Decimal, whole: int | Decimal) -> float | None:
    if not whole:
        return None
    share = Decimal(100) * Decimal(part) / Decimal(whole)
    return float(share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def retention(
    programme: Programme, scope: Scope, as_of: date, end: Any
) -> tuple[dict[str, Any], dict[str, int]]:
    """The contract's `retention` block and the bases of its two rates."""
    rows = (
        Participant.objects.filter(
            scope.answers("membership__", "mentorship__"),
            mentorship__programme=programme,
            mentorship__created_at__lt=end,
        )
        .values(
            "membership_id",
            "membership__department_id",
            "membership__seniority_level",
            "membership__left_on",
        )
        .annotate(start=Min("mentorship__created_at"))
        .values_list(
            "membership__department_id",
            "membership__seniority_level",
            "membership__left_on",
            "start",
        )
        .order_by()
    )
    counted: Counter[Stratum] = Counter()
    retained = 0
    reference: date | None = None
    for department, level, left_on, start in rows:
        started = timezone.localdate(start)
        anniversary = add_years(started, 1)
        if anniversary > as_of:
            continue
        counted[(department, level)] += 1
        retained += left_on is None or left_on > anniversary
        reference = started if reference is None else min(reference, started)
    empty = {"participants": None, "comparison": None, "status": "not_enough_data"}
    if reference is None:
        return empty, {"participants": 0, "comparison": 0}
    participants = sum(counted.values())
    comparison, compared = _comparison(programme, scope, reference, counted)
    block = {
        "participants": one_decimal_percent(retained, participants),
        "comparison": comparison,
        "status": "available",
    }
    return block, {"participants": participants, "comparison": compared}


def _comparison(
    programme: Programme, scope: Scope, reference: date, mix: Counter[Stratum]
) -> tuple[float | None, int]:
    """The comparison group's rate standardised to the participants' mix, and its size."""
    anniversary = add_years(reference, 1)
    strata = (
        members_on(programme.organisation, reference)
        .filter(scope.people())
        .exclude(mentorship_participations__isnull=False)
        .values("department_id", "seniority_level")
        .annotate(
            people=Count("pk"),
            stayed=Count("pk", filter=Q(left_on__isnull=True) | Q(left_on__gt=anniversary)),
        )
        .order_by()
    )
    weighted = Decimal(0)
    weights = 0
    compared = 0
    for stratum in strata:
        key = (stratum["department_id"], stratum["seniority_level"])
        if not mix.get(key) or not stratum["people"]:
            continue
        weights += mix[key]
        compared += stratum["people"]
        weighted += mix[key] * Decimal(stratum["stayed"]) / stratum["people"]
    return one_decimal_percent(weighted, weights), compared
