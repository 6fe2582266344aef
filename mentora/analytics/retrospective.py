"""The retrospective report of a programme at closing: a PDF for its coordinators and sponsors.

It holds the programme and its dates, where each objective ended up, the dashboard's key
figures with their charts (inline SVG drawn from the same figures, svg_charts.py), the themes
participants raised (themes.py: counts of people, never a comment) and the coordinators'
lessons learned. Figures are the dashboard's (figures.py), so a sponsor's report is
k-anonymous exactly as their dashboard is; no person is named in it.

When, as chosen here:
- the report exists once the programme is *closing* or *closed*: before, its figures are
  those of a programme still running, which the dashboard already shows;
- coordinators may write their lessons learned from the moment the programme *runs*: lessons
  come up along the way and are lost by the end if they wait; until the report exists, only
  coordinators and org admins read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentora.analytics import labels
from mentora.analytics.anonymity import Figures, K, Path
from mentora.analytics.dashboard_page import METRIC_FORMAT, written_decimals
from mentora.analytics.figures import dashboard
from mentora.analytics.kpi import objective_trends
from mentora.analytics.labels import count_label, month_label
from mentora.analytics.models import Retrospective
from mentora.analytics.objectives import Status as ObjectiveStatus
from mentora.analytics.objectives import read
from mentora.analytics.series import sessions_by_month
from mentora.analytics.svg_charts import svg_chart
from mentora.analytics.themes import programme_themes
from mentora.core.charts import Series, Unit, bar_chart, format_rounded, line_chart
from mentora.programs.models import Metric, Programme, Status

REPORT_STATUSES = (Status.CLOSING, Status.CLOSED)
LESSONS_STATUSES = (Status.RUNNING, *REPORT_STATUSES)

OBJECTIVE_STATUS_WORDS: dict[str, Promise] = {
    ObjectiveStatus.ACHIEVED: gettext_lazy("Achieved"),
    ObjectiveStatus.ON_TRACK: gettext_lazy("Not reached, on track"),
    ObjectiveStatus.OFF_TRACK: gettext_lazy("Not reached, off track"),
    ObjectiveStatus.NOT_ENOUGH_DATA: gettext_lazy("Not enough data"),
}


def report_available(programme: Programme) -> bool:
    return programme.status in REPORT_STATUSES


def lessons_open(programme: Programme) -> bool:
    return programme.status in LESSONS_STATUSES


def report_file_name(programme: Programme) -> str:
    return f"retrospective-{slugify(programme.name) or programme.pk}.pdf"


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    missing: bool = False


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[Row]
    chart: SafeString | None = None


class _Writer:
    """Writes the dashboard's figures in words, a missing one saying why it is missing."""

    def __init__(self, data: dict[str, Any], reasons: dict[Path, str]) -> None:
        self.data, self.reasons = data, reasons

    def cell(self, path: Path, unit: Unit = "number", decimals: int = 0) -> tuple[str, bool]:
        value = read(self.data, path)
        if value is None:
            if path in self.reasons:
                return _("Not enough answers"), True
            return _("Not enough data"), True
        return format_rounded(value, unit, decimals), False

    def counted(self, path: tuple[str, str]) -> Row:
        """A count, in words that agree with it."""
        return self.row(count_label(path, read(self.data, path)), path)

    def row(self, label: str, path: Path, unit: Unit = "number", decimals: int = 0) -> Row:
        value, missing = self.cell(path, unit, decimals)
        return Row(label, value, missing)


def _key_figures(programme: Programme, w: _Writer, anonymised: bool, as_of: date) -> list[Section]:
    data = w.data
    funnel_steps = list(labels.funnel_steps().items())
    funnel_chart = bar_chart(
        _("Funnel"),
        [label for _key, label in funnel_steps],
        [Series(_("People"), [data["funnel"][key] for key, _label in funnel_steps])],
    )
    months = sessions_by_month(programme, anonymised=anonymised, as_of=as_of)
    sessions_chart = (
        bar_chart(
            _("Meetings planned and held each month"),
            [month_label(month["month"]) for month in months],
            [
                Series(_("Planned"), [month["planned"] for month in months]),
                Series(_("Held"), [month["held"] for month in months]),
            ],
        )
        if months
        else None
    )
    nps = data["nps"]
    nps_parts = [
        ("promoters", _("Promoters")),
        ("passives", _("Passives")),
        ("detractors", _("Detractors")),
    ]
    nps_chart = bar_chart(
        _("Net Promoter Score answers"),
        [label for _key, label in nps_parts],
        [Series(_("Answers"), [nps[key] for key, _label in nps_parts])],
    )
    return [
        Section(
            _("Funnel"),
            [w.row(label, ("funnel", key)) for key, label in funnel_steps],
            svg_chart(funnel_chart),
        ),
        Section(
            _("Relationships"),
            [
                w.counted(("relationships", "active")),
                w.counted(("relationships", "at_risk")),
                w.counted(("relationships", "closed")),
                w.counted(("relationships", "ended_early")),
            ],
        ),
        Section(
            _("Sessions"),
            [
                w.counted(("sessions", "planned")),
                w.counted(("sessions", "held")),
                w.row(_("Held per pair"), ("sessions", "held_per_active_pair"), decimals=1),
            ],
            svg_chart(sessions_chart) if sessions_chart else None,
        ),
        Section(
            _("Goals"),
            [
                w.counted(("goals", "total")),
                w.counted(("goals", "achieved")),
                w.counted(("goals", "on_track")),
                w.counted(("goals", "off_track")),
                w.row(_("Goal attainment"), ("goals", "attainment"), "percent", 1),
            ],
        ),
        Section(
            _("Satisfaction and session rating"),
            [
                w.row(_("Satisfaction (1–5)"), ("satisfaction", "mean"), decimals=1),
                w.row(_("Satisfaction answers"), ("satisfaction", "answers")),
                w.row(_("Session rating (1–5)"), ("session_rating", "mean"), decimals=1),
                w.row(_("Session ratings"), ("session_rating", "answers")),
            ],
        ),
        Section(
            _("Net Promoter Score"),
            [
                w.row(_("Net Promoter Score"), ("nps", "score")),
                w.row(_("Answers"), ("nps", "answers")),
                *(w.row(label, ("nps", key)) for key, label in nps_parts),
            ],
            svg_chart(nps_chart),
        ),
        Section(
            _("Retention after 12 months"),
            [
                w.row(_("Participants"), ("retention", "participants"), "percent", 1),
                w.row(_("Comparable colleagues"), ("retention", "comparison"), "percent", 1),
            ],
        ),
        Section(
            _("Diversity of pairs"),
            [
                w.row(_("Across departments"), ("diversity", "cross_department"), "percent", 1),
                w.row(_("Across sites"), ("diversity", "cross_site"), "percent", 1),
                w.row(_("Across generations"), ("diversity", "cross_generation"), "percent", 1),
            ],
        ),
    ]


def _objectives(
    programme: Programme, w: _Writer, anonymised: bool, as_of: date, whole: Figures | None
) -> list[dict[str, Any]]:
    trends = objective_trends(programme, anonymised=anonymised, today=as_of, current=whole)
    objectives = []
    for index, objective in enumerate(w.data["objectives"]):
        unit, decimals = METRIC_FORMAT.get(objective["metric"], ("number", 1))
        current, missing = w.cell(("objectives", index, "current"), unit, decimals)
        points = trends.get(objective["id"], [])
        chart = None
        if len(points) >= 2:
            chart = svg_chart(
                line_chart(
                    objective["title"],
                    [date_format(date.fromisoformat(p["week"]), "j M") for p in points],
                    [
                        Series(_("Value"), [p["value"] for p in points], unit, decimals),
                        Series(_("Expected"), [p["expected"] for p in points], unit, decimals),
                    ],
                )
            )

        # Baseline and target with the decimals they were written with, as on the dashboard.
        typed = max(
            decimals, written_decimals(objective["baseline"]), written_decimals(objective["target"])
        )

        objectives.append(
            {
                "title": objective["title"],
                "metric": Metric(objective["metric"]).label,
                "baseline": format_rounded(objective["baseline"], unit, typed),
                "target": format_rounded(objective["target"], unit, typed),
                "target_date": date.fromisoformat(objective["target_date"]),
                "current": current,
                "missing": missing,
                "status": objective["status"],
                "status_words": str(OBJECTIVE_STATUS_WORDS[objective["status"]]),
                "chart": chart,
            }
        )
    return objectives


def report_context(
    programme: Programme, *, anonymised: bool, as_of: date | None = None
) -> dict[str, Any]:
    """Everything the report shows, in the active language."""
    as_of = as_of or timezone.localdate()
    figures = dashboard(programme, anonymised=anonymised, as_of=as_of)
    writer = _Writer(figures.data, figures.reasons)
    retrospective = Retrospective.objects.filter(programme=programme).first()
    return {
        "programme": programme,
        "as_of": as_of,
        "anonymised": anonymised,
        "k": K,
        "objectives": _objectives(programme, writer, anonymised, as_of, figures.whole),
        "sections": _key_figures(programme, writer, anonymised, as_of),
        "themes": programme_themes(programme),
        "lessons": retrospective.lessons if retrospective else "",
    }


def report_html(request: HttpRequest, programme: Programme, *, anonymised: bool) -> str:
    return render_to_string(
        "analytics/retrospective_report.html",
        report_context(programme, anonymised=anonymised),
        request=request,
    )


def render_report(request: HttpRequest, programme: Programme, *, anonymised: bool) -> bytes:
    """The report as a PDF, like the closure certificate (mentorships/certificate.py)."""
    from weasyprint import HTML  # imported here: loading pango is slow and only needed here

    html = report_html(request, programme, anonymised=anonymised)
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
