"""What the case graph draws: a case, a link, a note, and how each kind is styled.

Colours are the record's outcome palette (council_app.vocabulary, through ui.common.palette),
and every colour has a word beside it in the legend, the tooltip and the accessible description.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from council_app.case import CaseSummary
from council_app.framework import Framework
from council_app.ui.common.palette import outcome_fill, text_colour_on
from council_app.ui.graph.layout import boundary_distance
from council_app.vocabulary import OUTCOME_COLOUR_WORDS, OUTCOME_COLOURS

# networkx costs ~250 ms to import; it is imported where a graph is built, not at start-up.
if TYPE_CHECKING:
    pass

# Keys of QGraphicsItem.setData on the items of the picture.
CASE_ID_KEY = 0
NODE_KIND_KEY = 1

# What a node stands for.
CENTRE = "centre"
LINKED = "linked"  # a case of this library linked to the centre, directly or not
SIMILAR = "similar"  # one of the most similar cases, not linked
MISSING = "missing"  # named by a link but not in this library

UNDECIDED = "undecided"
# The record's outcome colours (council_app.vocabulary, Okabe & Ito's colour-blind-safe palette);
# the text on each fill is chosen for contrast, so the same fills work on a light or a dark
# window. An undecided case is left plain: it takes the palette's button colour.
OUTCOME_ORDER = (*OUTCOME_COLOURS, UNDECIDED)
COLOUR_WORDS = {**OUTCOME_COLOUR_WORDS, UNDECIDED: "plain"}
# Outcome titles are the framework's, passed in; these stand in for a view given none.
DEFAULT_OUTCOME_TITLES = {UNDECIDED: "Not decided"}

LINK_ORDER = ("cites", "supersedes", "distinguishes", "related")

MIN_ZOOM = 0.5
MAX_ZOOM = 4.0
ZOOM_STEP = 1.15  # per notch of the wheel: gentle enough to stop where one wants
MAX_FIT_SCALE = 1.25  # a lone case should not be blown up to fill the panel
# Fitting a large neighbourhood never shrinks its labels below this share of the app's font
# (they were unreadably small at a third of it); the rest is reached by scrolling or zooming.
MIN_FIT_SCALE = 0.9


@dataclass(frozen=True)
class EdgeStyle:
    """How one kind of line is drawn, in multiples of the font's line width."""

    width: float
    pen_style: Qt.PenStyle
    arrow: bool
    muted: bool = False


EDGE_STYLES = {
    "cites": EdgeStyle(1.0, Qt.PenStyle.SolidLine, arrow=True),
    "supersedes": EdgeStyle(2.6, Qt.PenStyle.SolidLine, arrow=True),
    "distinguishes": EdgeStyle(1.0, Qt.PenStyle.DashLine, arrow=True),
    "related": EdgeStyle(1.0, Qt.PenStyle.DashDotLine, arrow=False),
}
SIMILAR_STYLE = EdgeStyle(1.0, Qt.PenStyle.DotLine, arrow=False, muted=True)
LINK_LEGEND = (
    ("cites", "cites"),
    ("supersedes", "supersedes"),
    ("distinguishes", "distinguishes"),
    ("related", "related (no direction)"),
    ("similar", "similar, not linked"),
)


def outcome_order(framework: Framework | None) -> tuple[str, ...]:
    """The outcomes a legend lists, in the framework's order, then "not decided"."""
    if framework is None:
        return OUTCOME_ORDER
    return (*framework.outcome_keys, UNDECIDED)


def colour_word(key: str) -> str:
    """The word for an outcome's colour where one is known; an added outcome's is its own."""
    return COLOUR_WORDS.get(key, "its own colour")


def outcome_key(summary: CaseSummary | None) -> str:
    if summary is None or not summary.outcome:
        return UNDECIDED
    return summary.outcome


def outcome_title(titles: Mapping[str, str], key: str) -> str:
    """The framework's title when the view was given it; else the key in words (a test, say)."""
    return titles.get(key, key.replace("_", " ").capitalize())


def _palette_of(widget: QWidget | None) -> QPalette:
    return widget.palette() if widget is not None else QGuiApplication.palette()


def line_width(font: QFont) -> float:
    return max(1.0, QFontMetricsF(font).lineWidth() * 1.2)


class CaseNode(QGraphicsItem):
    """One case in the picture. Focusable when it can be opened, so Tab reaches it."""

    def __init__(
        self,
        case_id: str,
        label: str,
        kind: str,
        outcome: str,
        font: QFont,
        tooltip: str,
        spoken: str,
        framework: Framework | None = None,
    ) -> None:
        super().__init__()
        self.framework = framework  # colours an outcome the framework adds
        self.case_id = case_id
        self.label = label
        self.kind = kind
        self.outcome = outcome
        self.font = font
        self.spoken = spoken
        self.hovered = False
        metrics = QFontMetricsF(font)
        line = metrics.height()
        self.line_width = line_width(font)
        self.rect = QRectF(0, 0, metrics.horizontalAdvance(label) + line * 1.2, line * 1.8)
        self.rect.moveCenter(QPointF(0, 0))
        self.ring_margin = line * 0.3
        self.setData(CASE_ID_KEY, case_id)
        self.setData(NODE_KIND_KEY, kind)
        self.setToolTip(tooltip)
        self.setZValue(2 if kind == CENTRE else 1)
        if self.clickable:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, True)
            self.setAcceptHoverEvents(True)
            self.setCursor(Qt.CursorShape.PointingHandCursor)

    @property
    def is_centre(self) -> bool:
        return self.kind == CENTRE

    @property
    def clickable(self) -> bool:
        return self.kind in (LINKED, SIMILAR)

    def boundingRect(self) -> QRectF:
        margin = self.ring_margin + self.line_width * 3
        return self.rect.adjusted(-margin, -margin, margin, margin)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.rect, self._radius(), self._radius())
        return path

    def _radius(self) -> float:
        return self.rect.height() * 0.3

    @property
    def outline(self) -> QRectF:
        """The node as far as lines must keep away from it: the centre's double outline too."""
        if not self.is_centre:
            return self.rect
        margin = self.line_width * 3
        return self.rect.adjusted(-margin, -margin, margin, margin)

    def fill(self, palette: QPalette) -> QColor:
        if self.kind == MISSING:
            return palette.color(QPalette.ColorRole.Base)
        return outcome_fill(self.outcome, palette, self.framework)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        palette = _palette_of(widget)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        fill = self.fill(palette)
        if self.kind == MISSING:
            pen = QPen(palette.color(QPalette.ColorRole.PlaceholderText), self.line_width)
            pen.setStyle(Qt.PenStyle.DashLine)
            text = palette.color(QPalette.ColorRole.PlaceholderText)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        else:
            width = self.line_width * (2.5 if self.is_centre else 1.8 if self.hovered else 1.0)
            pen = QPen(palette.color(QPalette.ColorRole.Text), width)
            text = text_colour_on(fill)
            painter.setBrush(QBrush(fill))
        painter.setPen(pen)
        painter.drawRoundedRect(self.rect, self._radius(), self._radius())
        if self.is_centre:
            # A second outline, so the case in question stands out without relying on colour.
            outer = self.rect.adjusted(
                -self.line_width * 2.5,
                -self.line_width * 2.5,
                self.line_width * 2.5,
                self.line_width * 2.5,
            )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), self.line_width))
            painter.drawRoundedRect(outer, self._radius() * 1.3, self._radius() * 1.3)
        painter.setFont(self.font)
        painter.setPen(text)
        painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, self.label)
        if self.hasFocus():
            ring = self.rect.adjusted(
                -self.ring_margin, -self.ring_margin, self.ring_margin, self.ring_margin
            )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), self.line_width * 2))
            painter.drawRoundedRect(ring, self._radius() * 1.4, self._radius() * 1.4)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = False
        self.update()
        super().hoverLeaveEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)


class LinkEdge(QGraphicsItem):
    """A line between two cases; its arrow points from the citing case to the cited one."""

    def __init__(
        self,
        source: CaseNode,
        target: CaseNode,
        link_type: str,
        bend: float,
        font: QFont,
        sentence: str,
        obstacles: Sequence[QRectF] = (),
    ) -> None:
        super().__init__()
        self.source = source
        self.target = target
        self.link_type = link_type
        self.style = (
            SIMILAR_STYLE
            if link_type == "similar"
            else EDGE_STYLES.get(link_type, EDGE_STYLES["cites"])
        )
        self.width = line_width(font) * self.style.width
        self.setZValue(0)
        self.setToolTip(sentence)
        line = QFontMetricsF(font).height()
        # A straight line that runs under another case would seem to link it too: bow the line
        # around the cases in its way, a little more each try, alternating sides.
        tries = [bend]
        direction = 1.0 if bend >= 0 else -1.0
        for step in range(1, 9):
            tries += [bend + direction * step * line, bend - direction * step * line]
        for candidate in tries:
            self.path, self.arrow = self._geometry(candidate, line)
            if not self._crosses(obstacles):
                break
        else:
            self.path, self.arrow = self._geometry(bend, line)

    def _crosses(self, obstacles: Sequence[QRectF]) -> bool:
        stroker = QPainterPathStroker()
        stroker.setWidth(self.width)
        stroke = stroker.createStroke(self.path)
        return any(stroke.intersects(rect) for rect in obstacles)

    def _geometry(self, bend: float, line: float) -> tuple[QPainterPath, QPolygonF]:
        p, q = self.source.pos(), self.target.pos()
        dx, dy = q.x() - p.x(), q.y() - p.y()
        length = math.hypot(dx, dy) or 1.0
        normal = QPointF(-dy / length, dx / length)
        control = (p + q) / 2 + normal * bend

        def unit(a: QPointF, b: QPointF) -> tuple[float, float]:
            vx, vy = b.x() - a.x(), b.y() - a.y()
            norm = math.hypot(vx, vy) or 1.0
            return vx / norm, vy / norm

        gap = line * 0.15
        sx, sy = unit(p, control)
        s_rect, t_rect = self.source.outline, self.target.outline
        start_d = boundary_distance(s_rect.width() / 2, s_rect.height() / 2, sx, sy) + gap
        start = p + QPointF(sx, sy) * start_d
        tx, ty = unit(control, q)
        end_d = boundary_distance(t_rect.width() / 2, t_rect.height() / 2, tx, ty) + gap
        tip = q - QPointF(tx, ty) * end_d
        arrow = QPolygonF()
        end = tip
        if self.style.arrow:
            size = line * 0.45 + self.width * 1.5
            base = tip - QPointF(tx, ty) * size
            side = QPointF(-ty, tx) * (size * 0.45)
            arrow = QPolygonF([tip, base + side, base - side])
            end = tip - QPointF(tx, ty) * (size * 0.8)
        path = QPainterPath(start)
        if bend:
            path.quadTo(control, end)
        else:
            path.lineTo(end)
        return path, arrow

    def boundingRect(self) -> QRectF:
        rect = self.path.boundingRect().united(self.arrow.boundingRect())
        return rect.adjusted(-self.width * 2, -self.width * 2, self.width * 2, self.width * 2)

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(max(self.width * 4, 6.0))
        shape = stroker.createStroke(self.path)
        shape.addPolygon(self.arrow)
        return shape

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        palette = _palette_of(widget)
        colour = palette.color(
            QPalette.ColorRole.PlaceholderText if self.style.muted else QPalette.ColorRole.Text
        )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(colour, self.width, self.style.pen_style)
        pen.setCapStyle(
            Qt.PenCapStyle.RoundCap
            if self.style.pen_style == Qt.PenStyle.DotLine
            else Qt.PenCapStyle.FlatCap
        )
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path)
        if not self.arrow.isEmpty():
            painter.setPen(QPen(colour, 1.0))
            painter.setBrush(QBrush(colour))
            painter.drawPolygon(self.arrow)


class NoteItem(QGraphicsItem):
    """A line of text in the placeholder colour, read from the palette when painted."""

    def __init__(self, text: str, font: QFont) -> None:
        super().__init__()
        self.text = text
        self.font = font
        metrics = QFontMetricsF(font)
        self.rect = QRectF(0, 0, metrics.horizontalAdvance(text) + 2, metrics.height())
        self.rect.moveCenter(QPointF(0, 0))

    def boundingRect(self) -> QRectF:
        return self.rect

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        painter.setFont(self.font)
        painter.setPen(_palette_of(widget).color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, self.text)
