"""The programme dashboard as one reader sees it: every figure of `figures.dashboard`, the
months of `series.sessions_by_month`, the participation rate and each objective's weekly
trend, each with its words for a missing value.

The page, the CSV and the XLSX export all read the same `DashboardPage`, so they cannot
disagree, and a figure hidden from a sponsor is missing from all three. A missing figure
always says why in a few words: "Not enough answers" when it would describe fewer than k
people (directly, or by difference with a wider group), a short reason when a filter makes it
meaningless, "No data yet" when nothing has been recorded; the page lists the full reasons.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from mentora.accounts.models import Department, Site
from mentora.analytics import labels
from mentora.analytics.anonymity import Figures, K, Path, difference, too_few
from mentora.analytics.figures import dashboard
from mentora.analytics.filters import FilterProblem, Filters, parse_filters
from mentora.analytics.kpi import objective_trends
from mentora.analytics.labels import count_label, count_of, month_label
from mentora.analytics.objectives import Status
from mentora.analytics.series import participation_rate, sessions_by_month
from mentora.core.charts import Chart, Series, Unit, bar_chart, format_rounded, line_chart
from mentora.programs.models import Metric, Programme

# How each metric's values are written: (unit, decimals).
METRIC_FORMAT: dict[str, tuple[Unit, int]] = {
    Metric.SATISFACTION: ("number", 1),
    Metric.NPS: ("number", 0),
    Metric.GOAL_ATTAINMENT: ("percent", 1),
    Metric.SESSIONS_PER_PAIR: ("number", 1),
    Metric.RETENTION: ("percent", 1),
    Metric.PARTICIPATION: ("number", 0),
}


def status_label(status: str) -> str:
    return {
        Status.ACHIEVED: _("Achieved"),
        Status.ON_TRACK: _("On track"),
        Status.OFF_TRACK: _("Off track"),
        Status.NOT_ENOUGH_DATA: _("Not enough data"),
    }[status]


# The badge each status wears (classes of mentora.css).
STATUS_BADGE = {
    Status.ACHIEVED: "goal-achieved",
    Status.ON_TRACK: "goal-on_track",
    Status.OFF_TRACK: "goal-off_track",
    Status.NOT_ENOUGH_DATA: "goal-not_started",
}


@dataclass(frozen=True)
class Figure:
    """One figure: its value, how it is written, and why it is missing when it is."""

    name: str
    label: str
    value: int | float | None
    unit: Unit = "number"
    decimals: int = 0
    missing: str = ""

    @property
    def text(self) -> str:
        """The figure in the reader's language ("3,9", "44,4 %"), or why it is missing."""
        if self.value is None:
            return self.missing
        return format_rounded(self.value, self.unit, self.decimals)


@dataclass(frozen=True)
class Section:
    """A group of figures, as the exports list them."""

    title: str
    figures: list[Figure]


@dataclass(frozen=True)
class ObjectiveRow:
    title: str
    metric: str
    baseline: Figure
    target: Figure
    target_date: date
    current: Figure
    status: str
    chart: Chart | None

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def badge(self) -> str:
        return STATUS_BADGE[self.status]


@dataclass
class DashboardPage:
    programme: Programme
    anonymised: bool
    as_of: date
    filters: Filters
    problems: list[FilterProblem]
    sections: list[Section]
    figures: dict[str, Figure]
    objectives: list[ObjectiveRow]
    months: list[dict[str, Figure | str]]
    funnel_chart: Chart
    sessions_chart: Chart | None
    # The full reason of each short one shown, once each.
    notes: list[str] = field(default_factory=list)

    @property
    def ignored(self) -> dict[str, str]:
        """The message of each filter ignored, by parameter."""
        return {problem.parameter: problem.message for problem in self.problems}

    @property
    def k(self) -> int:
        return K

    @property
    def nps_breakdown(self) -> list[Figure]:
        return [self.figures[f"nps_{name}"] for name in ("promoters", "passives", "detractors")]

    @property
    def retention_available(self) -> bool:
        return self.figures["retention_status"].value is not None


class _Reader:
    """Turns the reasons of `dashboard` into short words, noting the full ones."""

    def __init__(self, reasons: Mapping[Path, str]) -> None:
        self.reasons = reasons
        self.notes: list[str] = []
        self.k_reasons = {too_few(K), difference(K)}
        self.cohort_reason = _(
            "Not shown with a cohort filter: a cohort is the month a relationship started, and "
            "people not yet paired belong to none."
        )

    def why(self, path: Path | None, value: Any, empty: str) -> str:
        if value is not None:
            return ""
        reason = self.reasons.get(path) if path is not None else None
        if reason is None:
            # Hidden figures all have a reason: a None without one is None for everyone.
            return empty
        self.note(reason)
        if reason in self.k_reasons:
            return _("Not enough answers")
        if reason == self.cohort_reason:
            return _("Not shown with a cohort filter")
        return reason

    def note(self, reason: str) -> None:
        if reason not in self.notes:
            self.notes.append(reason)


# The label of a figure that counts: the words agree with the number (see `labels`).
COUNTED = "<counted>"


def build_dashboard_page(
    programme: Programme,
    *,
    anonymised: bool,
    params: Mapping[str, Any],
    as_of: date | None = None,
) -> DashboardPage:
    """The dashboard for one reader, filtered by the query `params` (problems reported)."""
    as_of = as_of or timezone.localdate()
    filters, problems = parse_filters(params, programme.organisation)
    result = dashboard(programme, anonymised=anonymised, filters=filters, as_of=as_of)
    data = result.data
    reader = _Reader(result.reasons)
    no_data, no_answers = _("No data yet"), _("No answers yet")

    def figure(
        path: tuple[str, str],
        label: str,
        unit: Unit = "number",
        decimals: int = 0,
        empty: str = no_data,
    ) -> Figure:
        """One figure; a count's label is a function of the count, to agree with it."""
        value = data[path[0]][path[1]]
        if label is COUNTED:
            label = count_label(path, value)
        return Figure("_".join(path), label, value, unit, decimals, reader.why(path, value, empty))

    relationships = Section(
        _("Relationships"),
        [
            figure(("relationships", "active"), COUNTED),
            figure(("relationships", "at_risk"), COUNTED),
            figure(("relationships", "closed"), COUNTED),
            figure(("relationships", "ended_early"), COUNTED),
        ],
    )
    sessions = Section(
        _("Sessions"),
        [
            figure(("sessions", "planned"), COUNTED),
            figure(("sessions", "held"), COUNTED),
            figure(
                ("sessions", "held_per_active_pair"),
                _("Sessions held per active pair"),
                decimals=1,
                empty=_("No relationship yet"),
            ),
        ],
    )
    goals = Section(
        _("Goals"),
        [
            figure(
                ("goals", "total"),
                COUNTED,
            ),
            figure(("goals", "achieved"), COUNTED),
            figure(("goals", "on_track"), COUNTED),
            figure(("goals", "off_track"), COUNTED),
            figure(
                ("goals", "attainment"),
                _("Goal attainment"),
                "percent",
                1,
                empty=_("No goal yet"),
            ),
        ],
    )
    feedback = Section(
        _("Feedback"),
        [
            figure(
                ("satisfaction", "mean"), _("Satisfaction (out of 5)"), decimals=1, empty=no_answers
            ),
            figure(("satisfaction", "answers"), _("Satisfaction: answers")),
            figure(
                ("session_rating", "mean"),
                _("Session rating (out of 5)"),
                decimals=1,
                empty=no_answers,
            ),
            figure(("session_rating", "answers"), _("Session rating: answers")),
            figure(("nps", "score"), _("Net promoter score"), empty=no_answers),
            figure(("nps", "answers"), _("Net promoter score: answers")),
            figure(("nps", "promoters"), _("Promoters (9–10)")),
            figure(("nps", "passives"), _("Passives (7–8)")),
            figure(("nps", "detractors"), _("Detractors (0–6)")),
        ],
    )
    not_yet = _(
        "Not enough data: nobody has been in a relationship of the programme for 12 months yet."
    )
    retention_empty = not_yet if data["retention"]["status"] == "not_enough_data" else no_data
    retention = Section(
        _("Retention after 12 months"),
        [
            figure(
                ("retention", "participants"),
                _("Participants still employed"),
                "percent",
                1,
                retention_empty,
            ),
            figure(
                ("retention", "comparison"),
                _("Comparable non-participants still employed"),
                "percent",
                1,
                retention_empty,
            ),
        ],
    )
    diversity = Section(
        _("Diversity of pairs"),
        [
            figure(("diversity", "cross_department"), _("Pairs across departments"), "percent", 1),
            figure(("diversity", "cross_site"), _("Pairs across sites"), "percent", 1),
            figure(("diversity", "cross_generation"), _("Pairs across generations"), "percent", 1),
        ],
    )
    funnel_steps = labels.funnel_steps()
    funnel = Section(
        _("Funnel (people)"),
        [figure(("funnel", step), label) for step, label in funnel_steps.items()],
    )
    participation = _participation_section(programme, anonymised, filters, as_of, reader)
    sections = [
        funnel,
        participation,
        relationships,
        sessions,
        goals,
        feedback,
        retention,
        diversity,
    ]
    figures = {item.name: item for section in sections for item in section.figures}
    figures["retention_status"] = Figure(
        "retention_status", "", 1 if data["retention"]["status"] == "available" else None
    )
    months = sessions_by_month(programme, anonymised=anonymised, filters=filters, as_of=as_of)
    page = DashboardPage(
        programme=programme,
        anonymised=anonymised,
        as_of=as_of,
        filters=filters,
        problems=problems,
        sections=sections,
        figures=figures,
        objectives=_objectives(programme, data, reader, anonymised, as_of, result.whole),
        months=_month_rows(months, anonymised),
        funnel_chart=_funnel_chart(funnel),
        sessions_chart=_sessions_chart(months, anonymised),
    )
    page.notes = reader.notes
    return page


def _participation_section(
    programme: Programme, anonymised: bool, filters: Filters, as_of: date, reader: _Reader
) -> Section:
    rate = participation_rate(programme, anonymised=anonymised, filters=filters, as_of=as_of)
    # The same words as the dashboard's: a None share is under k for a sponsor, or a cohort.
    k_words, cohort_words = _("Not enough answers"), _("Not shown with a cohort filter")

    def why(value: Any, empty: str) -> str:
        if value is not None:
            return ""
        if filters.has_cohort:
            reader.note(reader.cohort_reason)
            return cohort_words
        if anonymised:
            reader.note(too_few(K))
            return k_words
        return empty

    return Section(
        _("Participation"),
        [
            Figure(
                "participation_approved",
                ngettext("person approved", "people approved", count_of(rate["approved"])),
                rate["approved"],
                missing=why(rate["approved"], _("No data yet")),
            ),
            Figure(
                "participation_open_to",
                ngettext(
                    "person it was open to", "people it was open to", count_of(rate["open_to"])
                ),
                rate["open_to"],
                missing=why(rate["open_to"], _("No data yet")),
            ),
            Figure(
                "participation_share",
                _("Participation rate"),
                rate["share"],
                "percent",
                1,
                why(rate["share"], _("Nobody it was open to yet")),
            ),
        ],
    )


def _objectives(
    programme: Programme,
    data: dict[str, Any],
    reader: _Reader,
    anonymised: bool,
    as_of: date,
    whole: Figures | None,
) -> list[ObjectiveRow]:
    trends = objective_trends(programme, anonymised=anonymised, today=as_of, current=whole)
    rows = []
    for index, objective in enumerate(data["objectives"]):
        unit, decimals = METRIC_FORMAT[objective["metric"]]
        current = objective["current"]
        target_decimals = max(
            decimals, written_decimals(objective["target"]), written_decimals(objective["baseline"])
        )
        rows.append(
            ObjectiveRow(
                title=objective["title"],
                metric=str(Metric(objective["metric"]).label),
                baseline=Figure(
                    "baseline",
                    _("Baseline"),
                    objective["baseline"],
                    unit,
                    target_decimals,
                    _("No baseline set"),
                ),
                target=Figure("target", _("Target"), objective["target"], unit, target_decimals),
                target_date=date.fromisoformat(objective["target_date"]),
                current=Figure(
                    "current",
                    _("Current value"),
                    current,
                    unit,
                    decimals,
                    reader.why(("objectives", index, "current"), current, _("Not enough data")),
                ),
                status=objective["status"],
                chart=_trend_chart(
                    objective["title"], trends.get(objective["id"], []), unit, decimals, anonymised
                ),
            )
        )
    return rows


def written_decimals(value: int | float | None) -> int:
    """The decimals a baseline or target was written with, up to 2 (4.25 keeps its 5)."""
    if value is None or float(value).is_integer():
        return 0
    return min(2, len(str(value).split(".")[1]))


def _trend_chart(
    title: str, points: list[dict[str, Any]], unit: Unit, decimals: int, anonymised: bool
) -> Chart | None:
    if not points:
        return None
    missing = _("Not enough answers") if anonymised else _("Not enough data")
    return line_chart(
        _("Weekly trend: %(objective)s") % {"objective": title},
        [formats.date_format(date.fromisoformat(p["week"]), "SHORT_DATE_FORMAT") for p in points],
        [
            Series(
                _("Value"),
                [p["value"] for p in points],
                unit,
                decimals,
                missing=[missing] * len(points),
            ),
            Series(
                _("Straight line to the target"),
                [p["expected"] for p in points],
                unit,
                decimals,
                missing=[_("Cannot be drawn")] * len(points),
            ),
        ],
        label_header=_("Week of"),
        x_title=_("Week of"),
    )


def _funnel_chart(funnel: Section) -> Chart:
    return bar_chart(
        _("Funnel: people at each step"),
        [item.label for item in funnel.figures],
        [
            Series(
                _("People"),
                [item.value for item in funnel.figures],
                missing=[item.missing for item in funnel.figures],
            )
        ],
        label_header=_("Step"),
        y_title=_("People"),
    )


def _month_rows(months: list[dict[str, Any]], anonymised: bool) -> list[dict[str, Figure | str]]:
    missing = _("Not enough answers") if anonymised else _("No session planned")
    hidden = _("Not enough answers")
    return [
        {
            "month": month["month"],
            "planned": Figure("planned", _("Sessions planned"), month["planned"], missing=hidden),
            "held": Figure("held", _("Sessions held"), month["held"], missing=hidden),
            "held_vs_planned": Figure(
                "held_vs_planned",
                _("Held vs planned"),
                month["held_vs_planned"],
                "percent",
                1,
                missing,
            ),
        }
        for month in months
    ]


def _sessions_chart(months: list[dict[str, Any]], anonymised: bool) -> Chart | None:
    if not months:
        return None
    hidden = [_("Not enough answers")] * len(months)
    rate_missing = _("Not enough answers") if anonymised else _("No session planned")
    return bar_chart(
        _("Sessions held and planned, month by month"),
        [month_label(m["month"]) for m in months],
        [
            Series(_("Planned"), [m["planned"] for m in months], missing=hidden),
            Series(_("Held"), [m["held"] for m in months], missing=hidden),
        ],
        table_only=[
            Series(
                _("Held vs planned"),
                [m["held_vs_planned"] for m in months],
                "percent",
                1,
                missing=[rate_missing] * len(months),
            )
        ],
        label_header=pgettext("a calendar month", "Month"),
        y_title=_("Sessions"),
    )


def filter_choices(programme: Programme) -> dict[str, Any]:
    """The organisation's departments and sites, for the filters form."""
    organisation = programme.organisation
    return {
        "departments": Department.objects.filter(organisation=organisation).order_by("name"),
        "sites": Site.objects.filter(organisation=organisation).order_by("name"),
    }


def filters_description(filters: Filters) -> str:
    """The filters applied, in words."""
    parts = []
    if filters.department is not None:
        parts.append(_("department %(name)s") % {"name": filters.department.name})
    if filters.site is not None:
        parts.append(_("site %(name)s") % {"name": filters.site.name})
    if filters.cohort_from is not None and filters.cohort_to is not None:
        parts.append(
            _("relationships started from %(start)s to %(end)s")
            % {
                "start": formats.date_format(filters.cohort_from, "YEAR_MONTH_FORMAT"),
                "end": formats.date_format(filters.cohort_to, "YEAR_MONTH_FORMAT"),
            }
        )
    elif filters.cohort_from is not None:
        parts.append(
            _("relationships started in %(start)s or later")
            % {"start": formats.date_format(filters.cohort_from, "YEAR_MONTH_FORMAT")}
        )
    elif filters.cohort_to is not None:
        parts.append(
            _("relationships started in %(end)s or earlier")
            % {"end": formats.date_format(filters.cohort_to, "YEAR_MONTH_FORMAT")}
        )
    if not parts:
        return _("Everyone in the programme")
    return pgettext("between the filters applied", ", ").join(parts)


@dataclass(frozen=True)
class ObjectiveProgress:
    """Where one objective stands, as its programme's page shows it."""

    current: Figure
    status: str

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def badge(self) -> str:
        return STATUS_BADGE[self.status]


def objective_progress(
    programme: Programme, *, anonymised: bool, as_of: date | None = None
) -> dict[int, ObjectiveProgress]:
    """Each objective's current value and status, by id, unfiltered, k-anonymous for a
    sponsor: the same values as the dashboard's."""
    result = dashboard(programme, anonymised=anonymised, as_of=as_of)
    reader = _Reader(result.reasons)
    progress = {}
    for index, objective in enumerate(result.data["objectives"]):
        unit, decimals = METRIC_FORMAT[objective["metric"]]
        current = objective["current"]
        missing = reader.why(("objectives", index, "current"), current, _("Not enough data"))
        progress[objective["id"]] = ObjectiveProgress(
            Figure("current", _("Current value"), current, unit, decimals, missing),
            objective["status"],
        )
    return progress
