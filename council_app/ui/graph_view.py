"""A small picture of a case's neighbourhood in the case graph, for the precedent panel.

The case sits in the middle; the cases linked to it sit on rings around it, one ring per step
away, each case near the case that brought it in, so that a chain of authorities reads outwards.
The layout is computed here rather than by a force simulation so that the same case always
looks the same: members remember where things were. Colours follow the Okabe–Ito palette, which
stays distinguishable for the common colour-vision deficiencies, and every colour has a word
beside it in the legend, the tooltip and the accessible description.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsView,
    QGridLayout,
    QLabel,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

from council_app.case import CaseSummary
from council_app.precedent import Link
from council_app.ui.common.palette import outcome_fill, text_colour_on
from council_app.vocabulary import OUTCOME_COLOUR_WORDS, OUTCOME_COLOURS

# networkx costs ~250 ms to import; it is imported where a graph is built, not at start-up.
if TYPE_CHECKING:
    import networkx as nx

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


def outcome_key(summary: CaseSummary | None) -> str:
    if summary is None or not summary.outcome:
        return UNDECIDED
    return summary.outcome


def _outcome_title(titles: Mapping[str, str], key: str) -> str:
    """The framework's title when the view was given it; else the key in words (a test, say)."""
    return titles.get(key, key.replace("_", " ").capitalize())


def _palette_of(widget: QWidget | None) -> QPalette:
    return widget.palette() if widget is not None else QGuiApplication.palette()


def _line_width(font: QFont) -> float:
    return max(1.0, QFontMetricsF(font).lineWidth() * 1.2)


# -- layout ----------------------------------------------------------------------------------


def radial_layout(
    centre: str,
    children: Mapping[str, Sequence[str]],
    sizes: Mapping[str, tuple[float, float]],
    gap: float,
) -> dict[str, tuple[float, float]]:
    """Place a tree of cases on concentric ellipses around ``centre``.

    ``children`` maps each case to the cases it brings in on the next ring, in order. Each case
    gets a slice of the angle proportional to the number of outermost cases below it, so a
    branch never crosses another; the rings then grow until no two cases touch, with ``gap``
    (in scene units) kept between them. Nothing here is random: the same tree gives the same
    picture.
    """
    leaves: dict[str, int] = {}

    def count(node: str) -> int:
        kids = children.get(node, ())
        leaves[node] = sum(count(k) for k in kids) if kids else 1
        return leaves[node]

    count(centre)
    angles: dict[str, float] = {centre: 0.0}
    ring_of: dict[str, int] = {centre: 0}
    # Start on the left and go clockwise: older cases, which sort first, read first.
    start = math.pi

    def assign(node: str, low: float, high: float) -> None:
        kids = children.get(node, ())
        total = sum(leaves[k] for k in kids) or 1
        cursor = low
        for kid in kids:
            span = (high - low) * leaves[kid] / total
            angles[kid] = cursor + span / 2
            ring_of[kid] = ring_of[node] + 1
            assign(kid, cursor, cursor + span)
            cursor += span

    assign(centre, start, start + 2 * math.pi)
    rings = max(ring_of.values())
    if rings == 0:
        return {centre: (0.0, 0.0)}

    width = max(w for w, _ in sizes.values())
    height = max(h for _, h in sizes.values())
    rx = [0.0]
    ry = [0.0]
    for _ in range(rings):
        rx.append(rx[-1] + width + gap * 4)
        ry.append(ry[-1] + height + gap * 3.5)

    def place() -> dict[str, tuple[float, float]]:
        return {
            n: (rx[ring_of[n]] * math.cos(angles[n]), ry[ring_of[n]] * math.sin(angles[n]))
            for n in angles
        }

    order = sorted(angles, key=lambda n: (ring_of[n], angles[n]))
    for _ in range(200):
        positions = place()
        clash = _first_overlap(order, positions, sizes, gap)
        if clash is None:
            return positions
        ring = max(ring_of[clash[0]], ring_of[clash[1]])
        grow_x, grow_y = rx[ring] * 0.1, ry[ring] * 0.1
        for outer in range(ring, rings + 1):
            rx[outer] += grow_x
            ry[outer] += grow_y
    return place()


def _first_overlap(
    order: Sequence[str],
    positions: Mapping[str, tuple[float, float]],
    sizes: Mapping[str, tuple[float, float]],
    gap: float,
) -> tuple[str, str] | None:
    for i, a in enumerate(order):
        ax, ay = positions[a]
        aw, ah = sizes[a]
        for b in order[i + 1 :]:
            bx, by = positions[b]
            bw, bh = sizes[b]
            if abs(ax - bx) < (aw + bw) / 2 + gap and abs(ay - by) < (ah + bh) / 2 + gap:
                return a, b
    return None


def _boundary_distance(half_w: float, half_h: float, dx: float, dy: float) -> float:
    """How far from a box's centre a ray in direction (dx, dy) (unit length) leaves the box."""
    limits = [half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf]
    return min(limits)


# -- items -----------------------------------------------------------------------------------


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
    ) -> None:
        super().__init__()
        self.case_id = case_id
        self.label = label
        self.kind = kind
        self.outcome = outcome
        self.font = font
        self.spoken = spoken
        self.hovered = False
        metrics = QFontMetricsF(font)
        line = metrics.height()
        self.line_width = _line_width(font)
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
        return outcome_fill(self.outcome, palette)

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
        self.width = _line_width(font) * self.style.width
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
        start_d = _boundary_distance(s_rect.width() / 2, s_rect.height() / 2, sx, sy) + gap
        start = p + QPointF(sx, sy) * start_d
        tx, ty = unit(control, q)
        end_d = _boundary_distance(t_rect.width() / 2, t_rect.height() / 2, tx, ty) + gap
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


class _GraphScene(QGraphicsScene):
    """Tabs through the cases in ``tab_order``, then lets focus leave the picture.

    QGraphicsScene only moves Tab focus between QGraphicsWidgets; plain items need this.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tab_order: list[CaseNode] = []

    def focusNextPrevChild(self, next: bool) -> bool:
        if not self.tab_order:
            return False
        current = self.focusItem()
        if current not in self.tab_order:
            target = self.tab_order[0] if next else self.tab_order[-1]
        else:
            index = self.tab_order.index(current) + (1 if next else -1)
            if not 0 <= index < len(self.tab_order):
                return False
            target = self.tab_order[index]
        target.setFocus(
            Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        )
        for view in self.views():
            view.ensureVisible(target)
        return True


# -- the view --------------------------------------------------------------------------------


class CaseGraphView(QGraphicsView):
    """The neighbourhood of one case: click a case to select it; double-click it, or Tab to it
    and press Enter, to open it."""

    case_selected = Signal(str)  # one click: the host may show it, nothing is opened
    case_activated = Signal(str)  # double-click or Enter: the host opens the case

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        outcome_titles: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.outcome_titles = {**DEFAULT_OUTCOME_TITLES, **(outcome_titles or {})}
        self.graph_scene = _GraphScene(self)
        self.setScene(self.graph_scene)
        self.setObjectName("case_graph")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.centre: str | None = None
        import networkx as nx

        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self.cases: dict[str, CaseSummary] = {}
        self.similar: tuple[str, ...] = ()
        self.nodes: dict[str, CaseNode] = {}
        self.edges: list[LinkEdge] = []
        self.zoom = 1.0
        self._pressed: CaseNode | None = None
        self._base_name = "Case graph"
        self.setAccessibleName(self._base_name)
        self.setAccessibleDescription("No case is shown.")
        # The viewport is a child of its own in the accessibility tree; focus goes to the view.
        self.viewport().setAccessibleName("Case graph drawing")
        self.graph_scene.focusItemChanged.connect(self.on_focus_item_changed)

    def sizeHint(self) -> QSize:
        line = QFontMetricsF(self.font()).height()
        return QSize(round(line * 28), round(line * 18))

    # -- data in ---------------------------------------------------------------------------

    def set_neighbourhood(
        self, centre: str, graph: nx.MultiDiGraph, cases: Mapping[str, CaseSummary]
    ) -> None:
        """Show ``centre`` and the cases ``graph`` links it to; forgets the similar cases, which
        belong to the previous centre (call :meth:`set_similar` after this)."""
        self.centre = centre
        self.graph = graph
        self.cases = dict(cases)
        self.similar = ()
        self.zoom = 1.0
        self._rebuild()

    def set_similar(self, ids: Sequence[str]) -> None:
        """Add the most similar cases that are not linked, on a dotted line to the centre."""
        self.similar = tuple(dict.fromkeys(i for i in ids if i != self.centre))
        if self.centre is not None:
            self._rebuild()

    def clear(self) -> None:
        self.centre = None
        import networkx as nx

        self.graph = nx.MultiDiGraph()
        self.cases = {}
        self.similar = ()
        self._rebuild()

    def node(self, case_id: str) -> CaseNode | None:
        return self.nodes.get(case_id)

    @property
    def tab_order(self) -> list[str]:
        return [n.case_id for n in self.graph_scene.tab_order]

    # -- building the picture -------------------------------------------------------------

    def _rebuild(self) -> None:
        self._pressed = None
        self.graph_scene.tab_order = []
        self.nodes = {}
        self.edges = []
        self.graph_scene.clear()
        centre = self.centre
        if centre is None:
            self._base_name = "Case graph"
            self.setAccessibleName(self._base_name)
            self.setAccessibleDescription("No case is shown.")
            self.graph_scene.setSceneRect(QRectF())
            return

        import networkx as nx

        undirected = nx.Graph(self.graph.to_undirected(as_view=True))
        undirected.add_node(centre)
        distance: dict[str, int] = nx.single_source_shortest_path_length(undirected, centre)
        linked = sorted((n for n in undirected.nodes if n != centre), key=str)
        similar = [i for i in self.similar if i not in undirected]
        children = self._tree(centre, undirected, distance, linked, similar)

        font = QFont(self.font())
        centre_font = QFont(font)
        centre_font.setBold(True)
        if centre_font.pointSizeF() > 0:
            centre_font.setPointSizeF(centre_font.pointSizeF() * 1.15)
        for case_id in [centre, *linked, *similar]:
            kind = (
                CENTRE
                if case_id == centre
                else MISSING
                if case_id not in self.cases
                else SIMILAR
                if case_id in similar
                else LINKED
            )
            summary = self.cases.get(case_id)
            self.nodes[case_id] = CaseNode(
                case_id,
                case_id,  # the whole id, as the council cites it: "2022-040" is no case's name
                kind,
                outcome_key(summary),
                centre_font if kind == CENTRE else font,
                self._tooltip(case_id, summary, case_id in self.similar),
                self._spoken(case_id, summary),
            )

        line = QFontMetricsF(font).height()
        sizes = {i: (n.outline.width(), n.outline.height()) for i, n in self.nodes.items()}
        positions = radial_layout(centre, children, sizes, gap=line * 0.8)
        for case_id, node in self.nodes.items():
            node.setPos(*positions[case_id])
            self.graph_scene.addItem(node)
        self._add_edges(font, similar)
        if not linked and not similar:
            note = NoteItem("No linked cases", font)
            note.setPos(0, self.nodes[centre].rect.height() + line)
            self.graph_scene.addItem(note)

        bounds = self.graph_scene.itemsBoundingRect()
        self.graph_scene.setSceneRect(bounds.adjusted(-line, -line, line, line))
        self.graph_scene.tab_order = [
            self.nodes[i]
            for i in sorted(linked, key=lambda i: (distance.get(i, 0), i)) + similar
            if self.nodes[i].clickable
        ]
        self._base_name = f"Case graph around {centre}"
        self.setAccessibleName(self._base_name)
        self.setAccessibleDescription(self._description(centre, distance, linked, similar))
        self._refit()

    def _tree(
        self,
        centre: str,
        undirected: nx.Graph,
        distance: Mapping[str, int],
        linked: Sequence[str],
        similar: Sequence[str],
    ) -> dict[str, list[str]]:
        """Each case hangs from the first case, one ring in, that it is linked to."""
        children: dict[str, list[str]] = {centre: []}
        by_ring = sorted(linked, key=lambda n: (distance.get(n, 1), n))
        placed = [centre]
        for node in by_ring:
            ring = distance.get(node)
            parents = [
                p
                for p in placed
                if ring is not None and distance.get(p) == ring - 1 and undirected.has_edge(p, node)
            ]
            parent = parents[0] if parents else centre
            children.setdefault(parent, []).append(node)
            placed.append(node)
        children[centre].extend(similar)
        return children

    def _add_edges(self, font: QFont, similar: Sequence[str]) -> None:
        bundles: dict[frozenset[str], list[tuple[str, str, str]]] = {}
        for source, target, key in self.graph.edges(keys=True):
            if source in self.nodes and target in self.nodes and source != target:
                bundles.setdefault(frozenset((source, target)), []).append((source, target, key))
        line = QFontMetricsF(font).height()
        margin = line * 0.25

        def obstacles(*ends: str) -> list[QRectF]:
            return [
                node.outline.translated(node.pos()).adjusted(-margin, -margin, margin, margin)
                for case_id, node in self.nodes.items()
                if case_id not in ends
            ]

        for bundle in bundles.values():
            bundle.sort(key=lambda e: (_link_rank(e[2]), e[0], e[1]))
            for index, (source, target, key) in enumerate(bundle):
                # Parallel links between the same two cases bow apart, measured against one
                # fixed direction so that A→B and B→A bow to opposite sides.
                bend = (index - (len(bundle) - 1) / 2) * line * 1.2
                if source > target:
                    bend = -bend
                edge = LinkEdge(
                    self.nodes[source],
                    self.nodes[target],
                    key,
                    bend,
                    font,
                    Link(source, key, target).sentence(),
                    obstacles(source, target),
                )
                self.edges.append(edge)
                self.graph_scene.addItem(edge)
        assert self.centre is not None
        for case_id in similar:
            edge = LinkEdge(
                self.nodes[self.centre],
                self.nodes[case_id],
                "similar",
                0.0,
                font,
                f"{case_id} is similar to {self.centre} (not linked)",
                obstacles(self.centre, case_id),
            )
            self.edges.append(edge)
            self.graph_scene.addItem(edge)

    def _outcome_title(self, summary: CaseSummary | None) -> str:
        key = outcome_key(summary)
        return _outcome_title(self.outcome_titles, key)

    def _tooltip(self, case_id: str, summary: CaseSummary | None, is_similar: bool) -> str:
        if summary is None:
            return f"<b>{html.escape(case_id)}</b><br>Not in this library"
        lines = [f"<b>{html.escape(case_id)}</b>", html.escape(summary.title)]
        lines.append(f"Outcome: {html.escape(self._outcome_title(summary))}")
        lines += _dates(summary)
        if is_similar:
            lines.append("<i>Among the most similar cases</i>")
        return "<br>".join(lines)

    def _spoken(self, case_id: str, summary: CaseSummary | None) -> str:
        if summary is None:
            return f"{case_id}, not in this library"
        parts = [case_id, summary.title, self._outcome_title(summary), *_dates(summary)]
        return ", ".join(parts)

    def _description(
        self,
        centre: str,
        ring: Mapping[str, int],
        linked: Sequence[str],
        similar: Sequence[str],
    ) -> str:
        edges = sorted(
            self.graph.edges(keys=True),
            key=lambda e: (
                max(ring.get(e[0], 99), ring.get(e[1], 99)),
                e[0],
                e[1],
                _link_rank(e[2]),
            ),
        )
        parts = [Link(s, k, t).sentence() for s, t, k in edges]
        text = "; ".join(parts) + "." if parts else f"No cases are linked to {centre}."
        missing = [i for i in linked if i not in self.cases]
        if missing:
            text += " Not in this library: " + ", ".join(missing) + "."
        if similar:
            text += " Similar cases, not linked: " + ", ".join(similar) + "."
        return text

    # -- fitting and zooming --------------------------------------------------------------

    def _refit(self) -> None:
        rect = self.graph_scene.sceneRect()
        available = self.maximumViewportSize()
        if rect.isEmpty() or available.isEmpty():
            return
        # Measured against the viewport without scroll bars, so that their showing up does not
        # change the fit and start a resize loop.
        fit = min(available.width() / rect.width(), available.height() / rect.height()) * 0.99
        scale = max(MIN_FIT_SCALE, min(fit, MAX_FIT_SCALE)) * self.zoom
        self.setTransform(QTransform.fromScale(scale, scale))
        self.centerOn(rect.center())

    def _zoom_by(self, factor: float) -> None:
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom * factor))
        if zoom != self.zoom:
            self.scale(zoom / self.zoom, zoom / self.zoom)
            self.zoom = zoom

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if not steps:
            super().wheelEvent(event)
            return
        self._zoom_by(ZOOM_STEP**steps)
        event.accept()

    # -- interaction ----------------------------------------------------------------------

    def _node_at(self, event: QMouseEvent) -> CaseNode | None:
        for item in self.items(event.position().toPoint()):
            if isinstance(item, CaseNode):
                return item
        return None

    def _activate(self, node: CaseNode) -> None:
        if node.clickable:
            self.case_activated.emit(node.case_id)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        node = self._node_at(event)
        if event.button() == Qt.MouseButton.LeftButton and node is not None and node.clickable:
            self._pressed = node
            node.setFocus(Qt.FocusReason.MouseFocusReason)
            event.accept()
            return
        self._pressed = None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self._pressed = self._pressed, None
        if pressed is not None and event.button() == Qt.MouseButton.LeftButton:
            if self._node_at(event) is pressed:
                self.case_selected.emit(pressed.case_id)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        node = self._node_at(event)
        if event.button() == Qt.MouseButton.LeftButton and node is not None and node.clickable:
            self._activate(node)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        focused = self.graph_scene.focusItem()
        if isinstance(focused, CaseNode) and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Space,
        ):
            self._activate(focused)
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.ZoomIn) or event.key() == Qt.Key.Key_Plus:
            self._zoom_by(ZOOM_STEP)
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or event.key() == Qt.Key.Key_Minus:
            self._zoom_by(1 / ZOOM_STEP)
        elif event.key() == Qt.Key.Key_0:
            self.zoom = 1.0
            self._refit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # Node sizes come from the font; a new font needs a new layout.
            self._rebuild()
        elif event.type() == QEvent.Type.PaletteChange:
            self.viewport().update()

    @Slot(QGraphicsItem, QGraphicsItem, Qt.FocusReason)
    def on_focus_item_changed(
        self, new: QGraphicsItem | None, _old: QGraphicsItem | None, _reason: Qt.FocusReason
    ) -> None:
        """Name the focused case in the view's accessible name: the items themselves are
        invisible to a screen reader, the view is not."""
        name = self._base_name
        if isinstance(new, CaseNode):
            name = f"{self._base_name}: {new.spoken}"
        if name != self.accessibleName():
            self.setAccessibleName(name)
            if QAccessible.isActive():
                QAccessible.updateAccessibility(
                    QAccessibleEvent(self, QAccessible.Event.NameChanged)
                )


def _link_rank(link_type: str) -> int:
    return LINK_ORDER.index(link_type) if link_type in LINK_ORDER else len(LINK_ORDER)


def _dates(summary: CaseSummary) -> list[str]:
    found: list[tuple[str, dt.date | None]] = [
        ("Submitted", summary.submitted),
        ("Decided", summary.decided),
    ]
    return [f"{label} {date.isoformat()}" for label, date in found if date is not None]


# -- the legend ------------------------------------------------------------------------------


class LegendSwatch(QWidget):
    """A sample of one colour or line style of the picture, drawn with the same palette."""

    def __init__(self, kind: str, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind  # "outcome", "node" or "link"
        self.key = key

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
        width = _line_width(self.font())
        bounds = QRectF(self.rect()).adjusted(width * 2, width * 2, -width * 2, -width * 2)
        if self.kind == "outcome":
            painter.setPen(QPen(text, width))
            painter.setBrush(QBrush(outcome_fill(self.key, palette)))
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
    ) -> None:
        super().__init__(parent)
        self.setObjectName("case_graph_legend")
        titles = {**DEFAULT_OUTCOME_TITLES, **(outcome_titles or {})}
        nodes = [("outcome", key, _outcome_title(titles, key)) for key in OUTCOME_ORDER]
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
                grid.addWidget(LegendSwatch(kind, key), row, column * 2)
                label = QLabel(text)
                grid.addWidget(label, row, column * 2 + 1)
                grid.setColumnStretch(column * 2 + 1, 1)
            layout.addLayout(grid)
        self.setAccessibleName("Case graph legend")
        colours = "; ".join(
            f"{_outcome_title(titles, k)}: {COLOUR_WORDS[k]}" for k in OUTCOME_ORDER
        )
        self.setAccessibleDescription(
            f"Node colours by outcome — {colours}. The case itself has a double outline; "
            "cases not in this library are hollow with a dashed outline. Lines: cites, solid "
            "arrow; supersedes, thick arrow; distinguishes, dashed arrow; related, dash-dot "
            "line without arrow; similar but not linked, faint dotted line."
        )
