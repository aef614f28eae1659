"""The case graph widget: a small picture of a case's neighbourhood, for the Precedents step.

It builds the picture from the case graph (networkx) and the library's summaries, lays it out
with :mod:`council_app.ui.graph.layout`, and tells its host which case was chosen: one click
selects (``case_selected``), a double-click or Enter opens (``case_activated``).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from council_app.case import CaseSummary
from council_app.precedent import Link
from council_app.ui.common.dates import date_text

# networkx costs ~250 ms to import; it is imported where a graph is built, not at start-up.
if TYPE_CHECKING:
    import networkx as nx

from council_app.framework import Framework
from council_app.ui.common.fonts import bold_font
from council_app.ui.graph.items import (
    CENTRE,
    DEFAULT_OUTCOME_TITLES,
    LINK_ORDER,
    LINKED,
    MAX_FIT_SCALE,
    MAX_ZOOM,
    MIN_FIT_SCALE,
    MIN_ZOOM,
    MISSING,
    SIMILAR,
    ZOOM_STEP,
    CaseNode,
    LinkEdge,
    NoteItem,
    outcome_key,
    outcome_title,
)
from council_app.ui.graph.layout import radial_layout


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
        framework: Framework | None = None,
    ) -> None:
        super().__init__(parent)
        self.framework = framework
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
        centre_font = bold_font(font, 1.15)
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
                self.framework,
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

    def outcome_title(self, summary: CaseSummary | None) -> str:
        key = outcome_key(summary)
        return outcome_title(self.outcome_titles, key)

    def _tooltip(self, case_id: str, summary: CaseSummary | None, is_similar: bool) -> str:
        if summary is None:
            return f"<b>{html.escape(case_id)}</b><br>Not in this library"
        lines = [f"<b>{html.escape(case_id)}</b>", html.escape(summary.title)]
        lines.append(f"Outcome: {html.escape(self.outcome_title(summary))}")
        lines += _dates(summary)
        if is_similar:
            lines.append("<i>Among the most similar cases</i>")
        return "<br>".join(lines)

    def _spoken(self, case_id: str, summary: CaseSummary | None) -> str:
        if summary is None:
            return f"{case_id}, not in this library"
        parts = [case_id, summary.title, self.outcome_title(summary), *_dates(summary)]
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
    return [f"{label} {date_text(date)}" for label, date in found if date is not None]
