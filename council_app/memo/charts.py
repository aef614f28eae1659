"""Charts for the memo, drawn with reportlab.graphics: vectors, searchable labels, no images."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String

from council_app.memo.styles import NAVY, RULE, memo_styles
from council_app.scoring import Contribution, points_text


def contributions_chart(contributions: Sequence[Contribution], width: float) -> Drawing:
    """Each consideration's points, stacked against the most it could contribute."""
    font = memo_styles().font
    rows = list(reversed(contributions))  # the chart draws bottom-up; list top-down
    height = 22 * len(rows) + 34
    # The drawing's own font too: left unset, reportlab starts every drawing in Helvetica.
    drawing = Drawing(width, height, initialFontName=font)
    chart = HorizontalBarChart()
    chart.x = 150
    chart.y = 22
    chart.width = width - chart.x - 60
    chart.height = 22 * len(rows)
    points = [float(c.points or 0) for c in rows]
    headroom = [float(c.max_points) - p for c, p in zip(rows, points, strict=True)]
    chart.data = [points, headroom]
    chart.categoryAxis.categoryNames = [c.title for c in rows]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.valueMin = 0
    top = max((float(c.max_points) for c in rows), default=1.0)
    chart.valueAxis.valueMax = max(5.0, round(top / 5 + 0.49) * 5)
    chart.valueAxis.valueStep = 5
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.visibleGrid = 1
    chart.bars[0].fillColor = NAVY
    chart.bars[0].strokeColor = None
    chart.bars[1].fillColor = RULE
    chart.bars[1].strokeColor = None
    chart.barWidth = 12
    chart.groupSpacing = 8
    drawing.add(chart)
    for index, contribution in enumerate(rows):
        y = chart.y + (index + 0.5) * chart.height / len(rows) - 3
        # From the exact points, like the table above the chart: the bar's float is for drawing.
        label = f"{points_text(contribution.points or 0)} of {points_text(contribution.max_points)}"
        drawing.add(String(chart.x + chart.width + 6, y, label, fontName=font, fontSize=7.5))
    drawing.add(
        String(chart.x, 4, "index points contributed (dark) out of the most possible (light)",
               fontName=font, fontSize=7, fillColor=NAVY)
    )  # fmt: skip
    return drawing
