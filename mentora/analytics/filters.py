"""The dashboard's filters (department, site, cohort) and the groups of people they select.

A filter is read from query parameters by `parse_filters`, which never lets a wrong value
through: an unknown parameter, a value that is not a number or month, a department or site
that is not the organisation's, a range whose end comes before its start, each comes back as
a problem in words and that filter is ignored (the others still apply). A figure is never
computed on people the reader did not ask for.

Whom a filter selects (rules MEASURE.md leaves to us):
- *department* and *site* are the person's, from the HR record (Membership);
- *cohort* is the month a relationship started (its creation, in the platform's time zone),
  a range of months `cohort_from`…`cohort_to`, both included, either may be open;
- a figure about people or their answers (funnel, feedback, goals, retention) keeps the
  people who match, counting only what they did in relationships of the cohort;
- a figure about relationships (counts, meetings, diversity) keeps the relationships of the
  cohort that have at least one member who matches: a pair of a Sales mentor and an IT mentee
  is in both the Sales and the IT view.

`Scope` turns filters into database conditions. It also describes a *complement*: the people
of a wider group (fewer filters) who are not in the filtered one, which k-anonymity needs to
refuse a figure that, subtracted from the wider one, would describe fewer than k people.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from itertools import combinations
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import Department, Organisation, Site
from mentora.mentorships.models import Participant

# A condition no row meets (a primary key is never null).
NOBODY = Q(pk__isnull=True)
PARAMETERS = ("department", "site", "cohort_from", "cohort_to")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Filters:
    """What the reader narrowed the figures to; None is "everyone"."""

    department: Department | None = None
    site: Site | None = None
    # First days of the first and last months of the cohort range.
    cohort_from: date | None = None
    cohort_to: date | None = None

    @property
    def has_cohort(self) -> bool:
        return self.cohort_from is not None or self.cohort_to is not None

    @property
    def is_empty(self) -> bool:
        return self.department is None and self.site is None and not self.has_cohort

    def parts(self) -> list[str]:
        """The filters in use, a cohort range counting as one."""
        named = [name for name in ("department", "site") if getattr(self, name) is not None]
        return named + (["cohort"] if self.has_cohort else [])

    def only(self, parts: Iterable[str]) -> Filters:
        """The same filters keeping only `parts` (the wider groups of the difference check)."""
        kept = set(parts)
        return replace(
            self,
            department=self.department if "department" in kept else None,
            site=self.site if "site" in kept else None,
            cohort_from=self.cohort_from if "cohort" in kept else None,
            cohort_to=self.cohort_to if "cohort" in kept else None,
        )

    def wider(self) -> list[Filters]:
        """Every group this one is carved from: the same filters less one or more of them,
        down to no filter at all."""
        parts = self.parts()
        return [self.only(kept) for size in range(len(parts)) for kept in combinations(parts, size)]

    def as_params(self) -> dict[str, Any]:
        """The filters applied, as the API echoes them."""
        return {
            "department": self.department.pk if self.department else None,
            "site": self.site.pk if self.site else None,
            "cohort_from": self.cohort_from.strftime("%Y-%m") if self.cohort_from else None,
            "cohort_to": self.cohort_to.strftime("%Y-%m") if self.cohort_to else None,
        }


@dataclass(frozen=True)
class FilterProblem:
    """Why a filter was ignored, in words, with the parameter it is about."""

    parameter: str
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def _values(params: Mapping[str, Any], name: str) -> list[str]:
    getlist = getattr(params, "getlist", None)
    if getlist is not None:
        return [str(v) for v in getlist(name)]
    value = params[name]
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def _month(value: str) -> date | None:
    found = MONTH.match(value.strip())
    if not found or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1900:
        return None
    return date(int(found.group(1)), int(found.group(2)), 1)


def parse_filters(
    params: Mapping[str, Any], organisation: Organisation, *, other_parameters: Iterable[str] = ()
) -> tuple[Filters, list[FilterProblem]]:
    """The filters asked for in query parameters, and the problems of those ignored.
    `other_parameters` are the page's own parameters, which are no filters but no mistake."""
    problems: list[FilterProblem] = []
    allowed = set(PARAMETERS) | set(other_parameters)
    for name in params:
        if name not in allowed:
            problems.append(
                FilterProblem(
                    name,
                    "unknown_filter",
                    _(
                        "“%(name)s” is not a filter: the figures can be filtered by department, "
                        "site, cohort_from and cohort_to. It was ignored."
                    )
                    % {"name": name},
                )
            )
    given: dict[str, str] = {}
    for name in PARAMETERS:
        if name not in params:
            continue
        values = [v for v in _values(params, name) if v.strip()]
        if len(values) > 1:
            problems.append(
                FilterProblem(
                    name,
                    "repeated",
                    _("Give one value for “%(name)s”: that filter was ignored.") % {"name": name},
                )
            )
        elif values:
            given[name] = values[0].strip()

    department = _choice(given, "department", Department, organisation, problems)
    site = _choice(given, "site", Site, organisation, problems)
    cohort: dict[str, date | None] = {}
    for name in ("cohort_from", "cohort_to"):
        cohort[name] = _month(given[name]) if name in given else None
        if name in given and cohort[name] is None:
            problems.append(
                FilterProblem(
                    name,
                    "invalid_value",
                    _(
                        "“%(value)s” is not a month: write it as year-month, e.g. 2027-03. "
                        "That filter was ignored."
                    )
                    % {"value": given[name]},
                )
            )
    start, end = cohort["cohort_from"], cohort["cohort_to"]
    if start and end and start > end:
        problems.append(
            FilterProblem(
                "cohort_from",
                "reversed_range",
                _(
                    "The cohort range ends (%(end)s) before it starts (%(start)s): the cohort "
                    "filter was ignored."
                )
                % {"start": given["cohort_from"], "end": given["cohort_to"]},
            )
        )
        start = end = None
    return Filters(department=department, site=site, cohort_from=start, cohort_to=end), problems


def _choice(
    given: dict[str, str],
    name: str,
    model: type[Department] | type[Site],
    organisation: Organisation,
    problems: list[FilterProblem],
) -> Any:
    if name not in given:
        return None
    value = given[name]
    found = None
    if value.isdigit() and len(value) < 12:
        found = model.objects.filter(organisation=organisation, pk=int(value)).first()
    if found is None:
        # One message whether the id is another organisation's or nobody's: the answer must
        # not tell which ids exist elsewhere.
        message = (
            _("There is no department %(value)s in your organisation: that filter was ignored.")
            if name == "department"
            else _("There is no site %(value)s in your organisation: that filter was ignored.")
        )
        problems.append(FilterProblem(name, "unknown_value", message % {"value": value}))
    return found


def _month_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


@dataclass(frozen=True)
class Scope:
    """The group a figure is computed on: the people and relationships `include` selects,
    less those `exclude` selects (a complement, for the difference check)."""

    include: Filters = field(default_factory=Filters)
    exclude: Filters | None = None

    def _select(self, condition: Q, excluded: Q | None) -> Q:
        if excluded is None:
            return condition
        if not excluded:
            # The excluded group differs from the wider one by nothing this kind of figure
            # reads (a cohort, for people outside any relationship): nobody is left.
            return NOBODY
        return condition & ~excluded

    @staticmethod
    def _person(filters: Filters, prefix: str) -> Q:
        condition = Q()
        if filters.department is not None:
            condition &= Q(**{f"{prefix}department": filters.department})
        if filters.site is not None:
            condition &= Q(**{f"{prefix}site": filters.site})
        return condition

    @staticmethod
    def _cohort(filters: Filters, prefix: str) -> Q:
        condition = Q()
        if filters.cohort_from is not None:
            condition &= Q(**{f"{prefix}created_at__gte": _month_start(filters.cohort_from)})
        if filters.cohort_to is not None:
            end = _month_start(_next_month(filters.cohort_to))
            condition &= Q(**{f"{prefix}created_at__lt": end})
        return condition

    @classmethod
    def _relationship(cls, filters: Filters, prefix: str) -> Q:
        condition = cls._cohort(filters, prefix)
        person = cls._person(filters, "membership__")
        if person:
            member = Participant.objects.filter(person, mentorship=OuterRef(f"{prefix}pk"))
            condition &= Q(Exists(member))
        return condition

    @classmethod
    def _answer(cls, filters: Filters, person: str, relationship: str) -> Q:
        return cls._person(filters, person) & cls._cohort(filters, relationship)

    def people(self, prefix: str = "") -> Q:
        """People (a Membership reached through `prefix`) matching department and site."""
        return self._select(
            self._person(self.include, prefix),
            self._person(self.exclude, prefix) if self.exclude else None,
        )

    def relationships(self, prefix: str = "") -> Q:
        """Relationships (a Mentorship reached through `prefix`) of the cohort with a
        matching member."""
        return self._select(
            self._relationship(self.include, prefix),
            self._relationship(self.exclude, prefix) if self.exclude else None,
        )

    def answers(self, person: str, relationship: str) -> Q:
        """What matching people did in relationships of the cohort: `person` reaches the
        Membership, `relationship` the Mentorship."""
        return self._select(
            self._answer(self.include, person, relationship),
            self._answer(self.exclude, person, relationship) if self.exclude else None,
        )

    @property
    def has_cohort(self) -> bool:
        return self.include.has_cohort or (self.exclude is not None and self.exclude.has_cohort)
