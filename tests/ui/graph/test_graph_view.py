from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from council_app.case import CaseSummary
from council_app.library import CaseLibrary
from council_app.precedent import local_graph
from council_app.ui.common.palette import text_colour_on
from council_app.ui.graph.items import CASE_ID_KEY, CENTRE, LINKED, MISSING, SIMILAR, CaseNode
from council_app.ui.graph.legend import CaseGraphLegend
from council_app.ui.graph.view import CaseGraphView
from council_app.ui.theme import contrast_ratio
from council_app.vocabulary import OUTCOME_COLOURS

CENTRE_ID = "EUC-2022-040"


@pytest.fixture
def neighbourhood(demo_library: CaseLibrary) -> tuple[nx.MultiDiGraph, dict[str, CaseSummary]]:
    graph = local_graph(demo_library, CENTRE_ID, radius=2)
    return graph, demo_library.summaries(list(graph.nodes))


@pytest.fixture
def view(qtbot: QtBot, neighbourhood: tuple[nx.MultiDiGraph, dict[str, CaseSummary]]):
    graph, cases = neighbourhood
    widget = CaseGraphView()
    qtbot.addWidget(widget)
    widget.resize(640, 420)
    with qtbot.waitExposed(widget):
        widget.show()
    widget.set_neighbourhood(CENTRE_ID, graph, cases)
    return widget


def click(qtbot: QtBot, view: CaseGraphView, case_id: str) -> None:
    node = view.node(case_id)
    assert node is not None
    pos = view.mapFromScene(node.sceneBoundingRect().center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def double_click(qtbot: QtBot, view: CaseGraphView, case_id: str) -> None:
    node = view.node(case_id)
    assert node is not None
    pos = view.mapFromScene(node.sceneBoundingRect().center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def positions(view: CaseGraphView) -> dict[str, tuple[float, float]]:
    return {i: (n.pos().x(), n.pos().y()) for i, n in view.nodes.items()}


def summary(case_id: str, outcome: str | None = "approve") -> CaseSummary:
    return CaseSummary(
        id=case_id,
        title=f"Case {case_id}",
        product="",
        customer="",
        sector="",
        regions=(),
        tags=(),
        status="decided" if outcome else "in_review",
        submitted=dt.date(2024, 3, 1),
        outcome=outcome,
        decided=dt.date(2024, 5, 1) if outcome else None,
        review_by=None,
    )


def test_every_case_of_the_graph_is_drawn_once_and_the_centre_is_marked(
    view: CaseGraphView, neighbourhood: tuple[nx.MultiDiGraph, dict[str, CaseSummary]]
) -> None:
    graph, _ = neighbourhood
    drawn = [i for i in view.scene().items() if isinstance(i, CaseNode)]
    assert len(drawn) == graph.number_of_nodes() == 5
    assert sorted(n.data(CASE_ID_KEY) for n in drawn) == sorted(graph.nodes)
    assert [n.case_id for n in drawn if n.is_centre] == [CENTRE_ID]
    centre = view.node(CENTRE_ID)
    assert centre is not None and centre.kind == CENTRE and centre.font.bold()
    assert centre.pos() == QPointF(0, 0)
    assert {n.kind for n in drawn if not n.is_centre} == {LINKED}
    assert len(view.edges) == graph.number_of_edges() == 4


def test_nodes_are_labelled_and_tooltips_say_what_the_case_is(view: CaseGraphView) -> None:
    node = view.node("EUC-2025-055")
    assert node is not None
    assert node.label == "EUC-2025-055"  # the whole id, as the council cites it
    tooltip = node.toolTip()
    assert "EUC-2025-055" in tooltip
    assert "talk with your loved one" in tooltip
    assert "Outcome: Restrict" in tooltip
    assert "Submitted 11 August 2025" in tooltip  # in words, as a member reads a date


def test_one_click_selects_a_case_and_a_double_click_opens_it(
    qtbot: QtBot, view: CaseGraphView
) -> None:
    for case_id in ("EUC-2022-046", "EUC-2024-061"):
        with (
            qtbot.assertNotEmitted(view.case_activated, wait=100),
            qtbot.waitSignal(view.case_selected, timeout=1000) as selected,
        ):
            click(qtbot, view, case_id)
        assert selected.args == [case_id]
        node = view.node(case_id)
        assert node is not None and node.hasFocus()
        with qtbot.waitSignal(view.case_activated, timeout=1000) as blocker:
            double_click(qtbot, view, case_id)
        assert blocker.args == [case_id]


def test_labels_stay_readable_when_many_cases_share_the_panel(qtbot: QtBot) -> None:
    graph = nx.MultiDiGraph()
    ids = [f"EUC-2023-{n:03d}" for n in range(30)]
    for case_id in ids:
        graph.add_edge(case_id, "EUC-2024-001", key="cites")
    view = CaseGraphView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    view.set_neighbourhood("EUC-2024-001", graph, {i: summary(i) for i in ["EUC-2024-001", *ids]})
    # Drawn at nine tenths of the app's font at least, whatever the neighbourhood's size.
    assert view.transform().m11() >= 0.9


def test_clicking_the_centre_or_the_background_opens_nothing(
    qtbot: QtBot, view: CaseGraphView
) -> None:
    with qtbot.assertNotEmitted(view.case_activated, wait=100):
        double_click(qtbot, view, CENTRE_ID)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))


def test_tab_walks_the_cases_nearest_first_and_enter_opens_the_focused_one(
    qtbot: QtBot, view: CaseGraphView
) -> None:
    with qtbot.waitActive(view):
        view.activateWindow()
    view.setFocus()
    assert view.tab_order == ["EUC-2022-046", "EUC-2023-049", "EUC-2025-055", "EUC-2024-061"]
    visited = []
    for _ in view.tab_order:
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        focused = view.scene().focusItem()
        assert isinstance(focused, CaseNode)
        visited.append(focused.case_id)
    assert visited == view.tab_order
    assert "EUC-2024-061" in view.accessibleName()
    assert "Mental-health self-help assistant" in view.accessibleName()

    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    with qtbot.waitSignal(view.case_activated, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == ["EUC-2025-055"]
    with qtbot.waitSignal(view.case_activated, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Enter)
    assert blocker.args == ["EUC-2025-055"]


def test_tab_enters_the_picture_at_the_first_case_and_leaves_after_the_last(
    qtbot: QtBot, neighbourhood: tuple[nx.MultiDiGraph, dict[str, CaseSummary]]
) -> None:
    graph, cases = neighbourhood
    window = QWidget()
    qtbot.addWidget(window)
    # Line edits, because the offscreen platform leaves buttons out of the Tab chain.
    before, view, after = QLineEdit(), CaseGraphView(), QLineEdit()
    layout = QVBoxLayout(window)
    for widget in (before, view, after):
        layout.addWidget(widget)
    view.set_neighbourhood(CENTRE_ID, graph, cases)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert view.hasFocus()
    focused = view.scene().focusItem()
    assert isinstance(focused, CaseNode) and focused.case_id == view.tab_order[0]
    for _ in view.tab_order:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert after.hasFocus()
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    focused = view.scene().focusItem()
    assert isinstance(focused, CaseNode) and focused.case_id == view.tab_order[-1]


def test_the_same_input_gives_the_same_picture(
    qtbot: QtBot,
    view: CaseGraphView,
    neighbourhood: tuple[nx.MultiDiGraph, dict[str, CaseSummary]],
) -> None:
    graph, cases = neighbourhood
    other = CaseGraphView()
    qtbot.addWidget(other)
    other.resize(300, 900)
    other.set_neighbourhood(CENTRE_ID, graph, cases)
    first = positions(view)
    assert positions(other) == first
    view.set_neighbourhood(CENTRE_ID, graph.copy(), dict(reversed(cases.items())))
    assert positions(view) == first


def test_nodes_follow_the_font_size(view: CaseGraphView) -> None:
    node = view.node("EUC-2022-046")
    assert node is not None
    width = node.rect.width()
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    view.setFont(font)
    bigger = view.node("EUC-2022-046")
    assert bigger is not None and bigger.rect.width() > width * 1.3
    assert len(view.nodes) == 5


def test_accessible_description_reads_the_links_in_words(view: CaseGraphView) -> None:
    description = view.accessibleDescription()
    for sentence in (
        "EUC-2022-046 distinguishes EUC-2022-040",
        "EUC-2023-049 cites EUC-2022-040",
        "EUC-2025-055 distinguishes EUC-2022-040",
        "EUC-2025-055 cites EUC-2024-061",
    ):
        assert sentence in description
    # Links touching the case come before links further out.
    assert description.index("EUC-2025-055 cites EUC-2024-061") == max(
        description.index(s) for s in ("EUC-2023-049 cites", "EUC-2025-055 cites")
    )


def test_every_interactive_widget_has_an_accessible_name(qtbot: QtBot, view: CaseGraphView) -> None:
    legend = CaseGraphLegend()
    qtbot.addWidget(legend)
    legend.show()
    assert view.accessibleName() == f"Case graph around {CENTRE_ID}"
    assert legend.accessibleName() and "Decline: red" in legend.accessibleDescription()
    widgets = [view, *view.findChildren(QWidget), legend, *legend.findChildren(QWidget)]
    interactive = [
        w for w in widgets if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert view in interactive
    assert [w for w in interactive if not w.accessibleName()] == []


def test_cases_outside_the_library_are_hollow_and_cannot_be_opened(
    qtbot: QtBot, view: CaseGraphView
) -> None:
    graph = nx.MultiDiGraph()
    graph.add_edge("EUC-2024-010", "EUC-2023-001", key="supersedes")
    graph.add_edge("EUC-2024-010", "EXT-77", key="cites")
    cases = {i: summary(i) for i in ("EUC-2024-010", "EUC-2023-001")}
    view.set_neighbourhood("EUC-2024-010", graph, cases)
    outside = view.node("EXT-77")
    assert outside is not None and outside.kind == MISSING and not outside.clickable
    assert view.tab_order == ["EUC-2023-001"]
    assert "Not in this library: EXT-77" in view.accessibleDescription()
    assert "EUC-2024-010 supersedes EUC-2023-001" in view.accessibleDescription()
    with qtbot.assertNotEmitted(view.case_activated, wait=100):
        double_click(qtbot, view, "EXT-77")


def test_similar_cases_join_the_picture_with_an_unarrowed_dotted_line(
    qtbot: QtBot,
    view: CaseGraphView,
    neighbourhood: tuple[nx.MultiDiGraph, dict[str, CaseSummary]],
) -> None:
    graph, cases = neighbourhood
    view.set_neighbourhood(CENTRE_ID, graph, {**cases, "EUC-2022-010": summary("EUC-2022-010")})
    view.set_similar(["EUC-2022-010", "EUC-2023-049", CENTRE_ID])
    similar = view.node("EUC-2022-010")
    assert similar is not None and similar.kind == SIMILAR
    assert len(view.nodes) == 6  # an already linked case is not drawn twice
    edge = next(e for e in view.edges if e.target is similar)
    assert edge.style.pen_style == Qt.PenStyle.DotLine and edge.arrow.isEmpty()
    assert view.tab_order[-1] == "EUC-2022-010"
    assert "Similar cases, not linked: EUC-2022-010" in view.accessibleDescription()
    with qtbot.waitSignal(view.case_activated, timeout=1000) as blocker:
        double_click(qtbot, view, "EUC-2022-010")
    assert blocker.args == ["EUC-2022-010"]


def test_link_types_are_drawn_differently(view: CaseGraphView) -> None:
    styles = {e.link_type: e.style for e in view.edges}
    assert styles["cites"].pen_style == Qt.PenStyle.SolidLine
    assert styles["distinguishes"].pen_style == Qt.PenStyle.DashLine
    assert all(not e.arrow.isEmpty() for e in view.edges)


def test_wheel_zooms_gently_and_resizing_refits(qtbot: QtBot, view: CaseGraphView) -> None:
    before = view.transform().m11()
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(
        centre,
        view.viewport().mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert 1.05 < view.transform().m11() / before < 1.3

    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.transform().m11() == pytest.approx(before)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.transform().m11() == pytest.approx(before)
    view.resize(480, 320)
    qtbot.waitUntil(lambda: view.transform().m11() < before, timeout=1000)
    shown = view.mapFromScene(view.scene().itemsBoundingRect()).boundingRect()
    assert view.viewport().rect().contains(shown)
    # Smaller still, the labels keep a readable size and the rest is reached by scrolling.
    view.resize(200, 140)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() > 0, timeout=1000)
    assert view.transform().m11() >= 0.9


def test_thirty_cases_do_not_overlap(qtbot: QtBot) -> None:
    graph = nx.MultiDiGraph()
    centre = "EUC-2024-001"
    ids = [f"EUC-2023-{n:03d}" for n in range(30)]
    for n, case_id in enumerate(ids):
        target = centre if n < 8 else ids[n % 8]
        graph.add_edge(case_id, target, key=("cites", "related", "distinguishes")[n % 3])
    view = CaseGraphView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.set_neighbourhood(centre, graph, {i: summary(i) for i in [centre, *ids]})
    rects = [n.mapRectToScene(n.outline) for n in view.nodes.values()]
    assert len(rects) == 31
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not a.intersects(b)


def test_a_case_without_links_says_so(qtbot: QtBot) -> None:
    view = CaseGraphView()
    qtbot.addWidget(view)
    graph = nx.MultiDiGraph()
    graph.add_node("EUC-2024-009")
    view.set_neighbourhood("EUC-2024-009", graph, {"EUC-2024-009": summary("EUC-2024-009")})
    assert list(view.nodes) == ["EUC-2024-009"]
    assert view.tab_order == []
    assert view.accessibleDescription() == "No cases are linked to EUC-2024-009."


def test_outcome_colours_keep_their_labels_readable_in_light_and_dark(qtbot: QtBot) -> None:
    for hex_colour in OUTCOME_COLOURS.values():
        fill = QColor(hex_colour)
        assert contrast_ratio(fill, text_colour_on(fill)) >= 4.5
    dark = QPalette(QColor("#303030"))
    view = CaseGraphView()
    qtbot.addWidget(view)
    view.setPalette(dark)
    graph = nx.MultiDiGraph()
    graph.add_edge("EUC-2024-002", "EUC-2024-001", key="cites")
    view.set_neighbourhood(
        "EUC-2024-001",
        graph,
        {"EUC-2024-001": summary("EUC-2024-001", None), "EUC-2024-002": summary("EUC-2024-002")},
    )
    undecided = view.node("EUC-2024-001")
    assert undecided is not None
    fill = undecided.fill(view.palette())
    assert contrast_ratio(fill, text_colour_on(fill)) >= 4.5
    assert not view.grab().isNull()
