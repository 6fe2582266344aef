"""A chart's three readings (drawing, summary, table) carry the same figures, written as the
reader's language writes them; the include never needs an inline script."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from mentora.core.charts import Series, bar_chart, format_rounded, line_chart

NBSP, NNBSP = "\u00a0", "\u202f"


def _rates():
    return bar_chart(
        "Response rate",
        ["Mentors", "Mentees"],
        [Series("Rate", [90, 72.5], unit="percent", decimals=1)],
        label_header="Role",
    )


def test_the_spec_carries_what_charts_js_draws():
    chart = bar_chart(
        "Answers", ["1", "2"], [Series("Count", [3, 0])], x_title="Answer", y_title="Answers"
    )
    assert chart.spec == {
        "type": "bar",
        "labels": ["1", "2"],
        "datasets": [{"label": "Count", "data": [3.0, 0.0]}],
        "unit": "number",
        "decimals": 0,
        "xTitle": "Answer",
        "yTitle": "Answers",
    }


def test_values_are_rounded_half_up_alike_in_the_drawing_and_the_table():
    chart = bar_chart("Mean", ["A", "B"], [Series("Mean", [3.75, 1.25], decimals=1)])
    assert chart.spec["datasets"][0]["data"] == [3.8, 1.3]
    assert [cells for _label, cells in chart.rows] == [["3.8"], ["1.3"]]


def test_the_table_reads_in_french_with_a_decimal_comma_and_spaced_signs():
    chart = bar_chart(
        "Heures",
        ["Janvier"],
        [Series("Heures", [12500.25], decimals=1)],
        table_only=[Series("Part", [Decimal("72.5")], unit="percent", decimals=1)],
    )
    with translation.override("fr"):
        assert chart.rows == [("Janvier", [f"12{NBSP}500,3", f"72,5{NNBSP}%"])]


def test_a_short_chart_is_summarised_with_every_figure():
    with translation.override("en"):
        assert (
            _rates().description
            == "Bar chart: Response rate. Rate: Mentors: 90.0%; Mentees: 72.5%."
        )


def test_the_summary_follows_french_typography():
    with translation.override("fr"):
        description = _rates().description
    assert description == (
        f"Graphique en barres{NBSP}: Response rate. "
        f"Rate{NBSP}: Mentors{NBSP}: 90,0{NNBSP}%{NBSP}; Mentees{NBSP}: 72,5{NNBSP}%."
    )


def test_a_long_chart_is_summarised_by_its_range():
    weeks = [f"W{n}" for n in range(1, 15)]
    chart = line_chart("Active pairs", weeks, [Series("Pairs", [None, *range(3, 16)])])
    assert chart.description == "Line chart: Active pairs. Pairs: from 3 to 15."


def test_a_missing_value_is_a_gap_in_the_line_and_a_dash_in_the_table():
    chart = line_chart("Pulse", ["W1", "W2"], [Series("Quality", [None, 4])])
    assert chart.spec["datasets"][0]["data"] == [None, 4.0]
    assert chart.rows[0] == ("W1", ["—"])


def test_a_series_without_a_value_for_each_label_is_refused():
    with pytest.raises(ValueError, match="one value per label"):
        bar_chart("Answers", ["1", "2"], [Series("Count", [3])])


def test_drawn_series_of_different_units_are_refused():
    with pytest.raises(ValueError, match="share a unit"):
        bar_chart("Mixed", ["A"], [Series("Count", [3]), Series("Share", [50], unit="percent")])


def test_the_include_gives_the_data_as_json_and_the_figures_as_a_table():
    html = render_to_string("includes/chart.html", {"chart": _rates()})
    data = re.search(r'<script type="application/json">(.*?)</script>', html, re.S)
    assert data and json.loads(data.group(1))["datasets"][0]["data"] == [90.0, 72.5]
    assert 'role="img" aria-label="Bar chart: Response rate.' in html
    assert "<summary>Show as a table" in html
    assert '<th scope="row">Mentees</th><td class="num">72.5%</td>' in html
    # Only the JSON data block: anything executable would need the page's nonce.
    assert html.count("<script") == 1


def test_a_figure_written_alone_is_rounded_half_up_not_cut():
    with translation.override("fr"):
        assert format_rounded(Decimal("3.96"), "number", 1) == "4,0"
        assert format_rounded(Decimal("44.45"), "percent", 1) == "44,5\u202f%"
