"""Charts drawn on the server as inline SVG, for documents that run no JavaScript (the PDF
retrospective report).

They draw the same `mentora.core.charts.Chart` the pages hand to Chart.js: same figures, same
rounding, same formatting in the reader's language ("3,8", "90 %"), so a printed chart and its
page never disagree. A missing figure (None: not enough answers, or not computable) is drawn
as nothing, never as zero: a bar is left out, a line has a gap; the document's table says why.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mentora.core.charts import Chart, format_value

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 28, 44
# Colour-blind-safe palette (Okabe–Ito), one colour per series.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
TICKS = 4
# Past this many labels, only every n-th is written under the axis so that they do not overlap.
WRITTEN_LABELS = 12

# Where a value sits on the vertical axis, in SVG units.
YOf = Callable[[Decimal], float]


def _nice_step(span: Decimal) -> Decimal:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) so that TICKS steps cover `span`."""
    raw = span / TICKS if span > 0 else Decimal(1)
    exponent = raw.adjusted()
    unit = Decimal(1).scaleb(exponent)
    for factor in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        if unit * factor >= raw:
            return unit * factor
    return unit * 10


def _scale(chart: Chart) -> tuple[Decimal, Decimal, Decimal]:
    values = [v for series in chart.series for v in series.rounded if v is not None]
    low = min([Decimal(0), *values])
    high = max([Decimal(0), *values])
    step = _nice_step(high - low)
    low = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    high = max((high / step).to_integral_value(rounding="ROUND_CEILING") * step, low + step)
    return low, high, step


def _text(x: float, y: float, text: str, *, anchor: str = "middle", size: int = 9) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="#334155">{escape(text)}</text>'
    )


def svg_chart(chart: Chart) -> SafeString:
    """The chart as an `<svg>` element, with its title for screen readers and PDF readers."""
    low, high, step = _scale(chart)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    unit, decimals = chart.series[0].unit, chart.series[0].decimals

    def y_of(value: Decimal) -> float:
        return TOP + plot_h - float((value - low) / (high - low)) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" class="chart">',
        f"<title>{escape(chart.description)}</title>",
    ]
    tick = low
    while tick <= high:
        y = y_of(tick)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="{"#64748b" if tick == 0 else "#e2e8f0"}" stroke-width="1"/>'
        )
        parts.append(_text(LEFT - 6, y + 3, format_value(tick, unit, decimals), anchor="end"))
        tick += step
    slots = max(len(chart.labels), 1)
    slot = plot_w / slots
    every = max(1, -(-len(chart.labels) // WRITTEN_LABELS))
    for index, label in enumerate(chart.labels):
        if index % every == 0:
            parts.append(_text(LEFT + slot * (index + 0.5), HEIGHT - BOTTOM + 14, str(label)))
    if chart.kind == "bar":
        parts.extend(_bars(chart, slot, y_of, low))
    else:
        parts.extend(_lines(chart, slot, y_of))
    parts.extend(_legend(chart))
    parts.append("</svg>")
    # Safe: every text written into the drawing above went through escape().
    return mark_safe("".join(parts))


def _bars(chart: Chart, slot: float, y_of: YOf, low: Decimal) -> list[str]:
    parts = []
    count = len(chart.series)
    width = slot * 0.8 / count
    base = y_of(max(low, Decimal(0)))
    for number, series in enumerate(chart.series):
        colour = COLOURS[number % len(COLOURS)]
        for index, (value, cell) in enumerate(zip(series.rounded, series.cells, strict=True)):
            if value is None:
                continue
            x = LEFT + slot * index + slot * 0.1 + width * number
            top = y_of(value)
            y, height = min(top, base), abs(base - top)
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
                f'fill="{colour}"/>'
            )
            parts.append(_text(x + width / 2, y - 3, cell, size=8))
    return parts


def _lines(chart: Chart, slot: float, y_of: YOf) -> list[str]:
    parts = []
    for number, series in enumerate(chart.series):
        colour = COLOURS[number % len(COLOURS)]
        path: list[str] = []
        move = True
        for index, value in enumerate(series.rounded):
            if value is None:
                move = True  # a gap: the next known point starts a new segment
                continue
            x, y = LEFT + slot * (index + 0.5), y_of(value)
            path.append(f"{'M' if move else 'L'}{x:.1f},{y:.1f}")
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/>')
            move = False
        if path:
            parts.insert(
                0,
                f'<path d="{" ".join(path)}" fill="none" stroke="{colour}" stroke-width="2"/>',
            )
    return parts


def _legend(chart: Chart) -> list[str]:
    parts = []
    x = LEFT
    for number, series in enumerate(chart.series):
        colour = COLOURS[number % len(COLOURS)]
        label = str(series.label)
        parts.append(f'<rect x="{x}" y="8" width="10" height="10" fill="{colour}"/>')
        parts.append(_text(x + 14, 17, label, anchor="start", size=9))
        x += 24 + 6 * len(label)
    return parts
