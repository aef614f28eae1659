"""The key to the case graph: each outcome's colour and each kind of line, in words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from council_app.framework import Framework
from council_app.ui.common.palette import outcome_fill

# networkx costs ~250 ms to import; it is imported where a graph is built, not at start-up.
if TYPE_CHECKING:
    pass

from council_app.ui.graph.items import (
    CENTRE,
    DEFAULT_OUTCOME_TITLES,
    EDGE_STYLES,
    LINK_LEGEND,
    MISSING,
    SIMILAR_STYLE,
    colour_word,
    line_width,
    outcome_order,
    outcome_title,
)

# -- the legend ------------------------------------------------------------------------------


class LegendSwatch(QWidget):
    """A sample of one colour or line style of the picture, drawn with the same palette."""

    def __init__(
        self,
        kind: str,
        key: str,
        parent: QWidget | None = None,
        framework: Framework | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind  # "outcome", "node" or "link"
        self.key = key
        self.framework = framework

    def sizeHint(self) -> QSize:
        line = QFontMetricsF(self.font()).height()
        return QSize(round(line * 2.2), round(line))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        width = line_width(self.font())
        bounds = QRectF(self.rect()).adjusted(width * 2, width * 2, -width * 2, -width * 2)
        if self.kind == "outcome":
            painter.setPen(QPen(text, width))
            painter.setBrush(QBrush(outcome_fill(self.key, palette, self.framework)))
            painter.drawRoundedRect(bounds, bounds.height() * 0.3, bounds.height() * 0.3)
        elif self.kind == "node" and self.key == MISSING:
            pen = QPen(palette.color(QPalette.ColorRole.PlaceholderText), width)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRoundedRect(bounds, bounds.height() * 0.3, bounds.height() * 0.3)
        elif self.kind == "node":
            inner = bounds.adjusted(width * 2, width * 2, -width * 2, -width * 2)
            painter.setPen(QPen(text, width * 2.5))
            painter.drawRoundedRect(inner, inner.height() * 0.3, inner.height() * 0.3)
            painter.setPen(QPen(text, width))
            painter.drawRoundedRect(bounds, bounds.height() * 0.35, bounds.height() * 0.35)
        else:
            style = SIMILAR_STYLE if self.key == "similar" else EDGE_STYLES[self.key]
            colour = palette.color(
                QPalette.ColorRole.PlaceholderText if style.muted else QPalette.ColorRole.Text
            )
            y = bounds.center().y()
            pen = QPen(colour, width * style.width, style.pen_style)
            if style.pen_style == Qt.PenStyle.DotLine:
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            size = bounds.height() * 0.45
            end = bounds.right() - (size * 0.8 if style.arrow else 0)
            painter.drawLine(QPointF(bounds.left(), y), QPointF(end, y))
            if style.arrow:
                painter.setPen(QPen(colour, 1.0))
                painter.setBrush(QBrush(colour))
                tip = QPointF(bounds.right(), y)
                painter.drawPolygon(
                    QPolygonF(
                        [
                            tip,
                            tip + QPointF(-size * 1.6, -size * 0.7),
                            tip + QPointF(-size * 1.6, size * 0.7),
                        ]
                    )
                )
        painter.end()


class CaseGraphLegend(QWidget):
    """What the colours and lines of a :class:`CaseGraphView` mean; place it beside the view."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        outcome_titles: Mapping[str, str] | None = None,
        columns: int = 3,
        framework: Framework | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("case_graph_legend")
        titles = {**DEFAULT_OUTCOME_TITLES, **(outcome_titles or {})}
        order = outcome_order(framework)
        nodes = [("outcome", key, outcome_title(titles, key)) for key in order]
        nodes += [("node", CENTRE, "This case"), ("node", MISSING, "Not in this library")]
        links = [("link", key, text) for key, text in LINK_LEGEND]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for caption, entries in (
            ("Outcome", nodes),
            ("Links, read along the arrow: A → B means “A cites B”", links),
        ):
            heading = QLabel(caption)
            heading.setObjectName("case_graph_legend_heading")
            bold = QFont(self.font())
            bold.setBold(True)
            heading.setFont(bold)
            layout.addWidget(heading)
            grid = QGridLayout()
            grid.setHorizontalSpacing(round(QFontMetricsF(self.font()).height() * 0.5))
            for index, (kind, key, text) in enumerate(entries):
                row, column = divmod(index, columns)
                grid.addWidget(LegendSwatch(kind, key, framework=framework), row, column * 2)
                label = QLabel(text)
                grid.addWidget(label, row, column * 2 + 1)
                grid.setColumnStretch(column * 2 + 1, 1)
            layout.addLayout(grid)
        self.setAccessibleName("Case graph legend")
        colours = "; ".join(f"{outcome_title(titles, k)}: {colour_word(k)}" for k in order)
        self.setAccessibleDescription(
            f"Node colours by outcome — {colours}. The case itself has a double outline; "
            "cases not in this library are hollow with a dashed outline. Lines: cites, solid "
            "arrow; supersedes, thick arrow; distinguishes, dashed arrow; related, dash-dot "
            "line without arrow; similar but not linked, faint dotted line."
        )
