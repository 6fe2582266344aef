"""Charts as data: what `includes/chart.html` draws, and the table it always carries.

A view builds a chart with `bar_chart(...)` or `line_chart(...)` and passes it to the
include. The page gets three readings of the same figures: the drawing (`static/mentora/
charts.js`, fed `Chart.spec` through `json_script`), a one-sentence summary for screen
readers (`Chart.description`, the canvas's label) and a table (`Chart.rows`). Values are
rounded here, half up, so that the three never disagree; each is written in the reader's
language ("3,8", "90 %" in French) when the page renders.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from mentora.core.templatetags.mentora_tags import PERCENT_SPACING

Number = int | float | Decimal
# Labels and titles may be lazy translations: they are read in the language of the page.
Text = str | Promise
Unit = Literal["number", "percent"]
Kind = Literal["bar", "line"]

# Past this many points a summary that lists every value is too long to listen to.
LISTED_POINTS = 12


def format_value(value: Decimal | None, unit: Unit, decimals: int) -> str:
    """A figure as the reader's language writes it; a dash for a missing one."""
    if value is None:
        return "—"
    # Grouped like the drawing's figures (Intl groups by default): "12 500" in French.
    number = formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    if unit == "percent":
        return f"{number}{PERCENT_SPACING.get(get_language() or '', '')}%"
    return number


def _rounded(value: Number | None, decimals: int) -> Decimal | None:
    if value is None:
        return None
    step = Decimal(1).scaleb(-decimals)
    return Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)


def format_rounded(value: Number | None, unit: Unit, decimals: int) -> str:
    """A raw figure rounded half up, then written as `format_value` writes it (which cuts
    extra decimals off rather than rounding them)."""
    return format_value(_rounded(value, decimals), unit, decimals)


@dataclass(frozen=True)
class Series:
    """One named row of figures: a set of bars or a line, and a column of the table.

    A percentage is given out of 100 (`90` for 90 %)."""

    label: Text
    values: Sequence[Number | None]
    unit: Unit = "number"
    decimals: int = 0
    # What the table and summary say for each missing value, by position ("Not enough
    # answers" where a sponsor may not read a figure); a dash where none is given.
    missing: Sequence[Text] = ()

    @property
    def rounded(self) -> list[Decimal | None]:
        return [_rounded(value, self.decimals) for value in self.values]

    @property
    def cells(self) -> list[str]:
        return [
            str(self.missing[index])
            if value is None and index < len(self.missing) and self.missing[index]
            else format_value(value, self.unit, self.decimals)
            for index, value in enumerate(self.rounded)
        ]


@dataclass(frozen=True)
class Chart:
    kind: Kind
    title: Text
    labels: Sequence[Text]
    series: Sequence[Series]
    # Columns the table shows beside the drawn figures (a share beside a count).
    table_only: Sequence[Series] = ()
    label_header: Text = ""
    x_title: Text = ""
    y_title: Text = ""
    summary: Text = ""

    def __post_init__(self) -> None:
        if not self.series:
            raise ValueError("A chart draws at least one series.")
        for series in (*self.series, *self.table_only):
            if len(series.values) != len(self.labels):
                raise ValueError(f"Series {series.label!s} has not one value per label.")
        # The drawn series share one value axis, so one unit.
        if len({(s.unit, s.decimals) for s in self.series}) > 1:
            raise ValueError("The drawn series of a chart share a unit and decimals.")

    @property
    def spec(self) -> dict[str, Any]:
        """What charts.js draws, for the `json_script` filter."""
        first = self.series[0]
        return {
            "type": self.kind,
            "labels": [str(label) for label in self.labels],
            "datasets": [
                {
                    "label": str(series.label),
                    "data": [None if v is None else float(v) for v in series.rounded],
                }
                for series in self.series
            ],
            "unit": first.unit,
            "decimals": first.decimals,
            "xTitle": str(self.x_title),
            "yTitle": str(self.y_title),
        }

    @property
    def description(self) -> str:
        """The canvas's label: what the chart shows and, when short enough, every figure."""
        if self.summary:
            return str(self.summary)
        if self.kind == "bar":
            sentences = [_("Bar chart: %(title)s.") % {"title": self.title}]
        else:
            sentences = [_("Line chart: %(title)s.") % {"title": self.title}]
        for series in self.series:
            sentences.append(self._describe(series))
        return " ".join(sentences)

    def _describe(self, series: Series) -> str:
        if len(self.labels) <= LISTED_POINTS:
            separator = pgettext("between the figures of a chart's summary", "; ")
            figures = separator.join(
                _("%(label)s: %(value)s") % {"label": label, "value": cell}
                for label, cell in zip(self.labels, series.cells, strict=True)
            )
            return _("%(series)s: %(figures)s.") % {"series": series.label, "figures": figures}
        known = [v for v in series.rounded if v is not None]
        if not known:
            return _("%(series)s: no figure yet.") % {"series": series.label}
        return _("%(series)s: from %(low)s to %(high)s.") % {
            "series": series.label,
            "low": format_value(min(known), series.unit, series.decimals),
            "high": format_value(max(known), series.unit, series.decimals),
        }

    @property
    def columns(self) -> list[Series]:
        return [*self.series, *self.table_only]

    @property
    def rows(self) -> list[tuple[Text, list[str]]]:
        """The table: each label with its figure in every column."""
        cells = [series.cells for series in self.columns]
        return [(label, [column[i] for column in cells]) for i, label in enumerate(self.labels)]


def bar_chart(
    title: Text,
    labels: Sequence[Text],
    series: Sequence[Series],
    *,
    table_only: Sequence[Series] = (),
    label_header: Text = "",
    x_title: Text = "",
    y_title: Text = "",
    summary: Text = "",
) -> Chart:
    """Bars for each label, one set per series (answers per value of a scale)."""
    return Chart("bar", title, labels, series, table_only, label_header, x_title, y_title, summary)


def line_chart(
    title: Text,
    labels: Sequence[Text],
    series: Sequence[Series],
    *,
    table_only: Sequence[Series] = (),
    label_header: Text = "",
    x_title: Text = "",
    y_title: Text = "",
    summary: Text = "",
) -> Chart:
    """A line per series across ordered labels (a figure week after week); a missing value
    (None) leaves a gap."""
    return Chart("line", title, labels, series, table_only, label_header, x_title, y_title, summary)
