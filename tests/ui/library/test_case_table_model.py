"""The library's case table model, and the sorting proxy the library page puts over it, keep
Qt's rules for item models when filled, refilled, given passages and sorted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.search import search_cases
from council_app.ui.common.row_table_model import SourceSortProxy
from council_app.ui.library.case_table_model import (
    CASE_ID_ROLE,
    SNIPPET_HTML_ROLE,
    SORT_ROLE,
    CaseRow,
    CaseTableModel,
)
from council_app.ui.main_window import MainWindow


def test_the_case_table_passes_the_model_tester(
    qtmodeltester: ModelTester, framework: Framework, demo_library: CaseLibrary
) -> None:
    summaries = demo_library.list_cases()
    model = CaseTableModel(framework)
    model.set_rows([CaseRow(s) for s in summaries])
    qtmodeltester.check(model)
    assert model.rowCount() == len(summaries)
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no row has children
    assert model.index(0, CaseTableModel.ID).data() == summaries[0].id
    assert model.index(0, CaseTableModel.TITLE).data(CASE_ID_ROLE) == summaries[0].id
    assert model.data(QModelIndex()) is None
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is None

    # A search as the library page shows it: hits whose passages come later, by dataChanged.
    hits = search_cases(demo_library, "refugees")
    assert hits
    model.set_rows([CaseRow(h.case, passage_pending=True) for h in hits])
    assert model.passages_pending(range(len(hits))) == [h.case.id for h in hits]
    model.fill_passages({hits[0].case.id: (("about ", False), ("refugees", True))})
    assert model.index(0, CaseTableModel.TITLE).data(SNIPPET_HTML_ROLE) == "about <b>refugees</b>"
    assert model.passages_pending([0]) == []

    model.set_rows([])
    assert model.rowCount() == 0


def test_the_sorted_case_table_passes_the_model_tester(
    qtmodeltester: ModelTester, framework: Framework, demo_library: CaseLibrary
) -> None:
    summaries = demo_library.list_cases()
    model = CaseTableModel(framework)
    proxy = SourceSortProxy()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    qtmodeltester.check(proxy)
    model.set_rows([CaseRow(s) for s in summaries])
    proxy.sort(CaseTableModel.SUBMITTED, Qt.SortOrder.DescendingOrder)
    dates = [proxy.index(r, CaseTableModel.SUBMITTED).data() for r in range(proxy.rowCount())]
    assert dates == sorted(dates, reverse=True)
    model.set_rows([CaseRow(s) for s in summaries[:3]])
    assert proxy.rowCount() == 3


def test_the_library_page_models_pass_the_model_tester_through_a_search(
    check_model: Callable[[QAbstractItemModel], None], qtbot: QtBot, window: MainWindow
) -> None:
    """The window's own case table and proxy while a member sorts, searches (the passages of
    the hits arrive afterwards) and clears the search."""
    check_model(window.model)
    check_model(window.proxy)
    total = window.model.rowCount()
    window.table.sortByColumn(CaseTableModel.SUBMITTED, Qt.SortOrder.DescendingOrder)
    qtbot.keyClicks(window.search, "refugees")
    qtbot.waitUntil(lambda: 0 < window.model.rowCount() < total, timeout=10_000)
    qtbot.waitUntil(lambda: not window.model.passages_pending(range(window.model.rowCount())))
    window.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == total, timeout=10_000)


def test_the_model_sorts_itself_and_keeps_the_selected_row(
    framework: Framework, demo_library: CaseLibrary
) -> None:
    """A click on a heading sorts the model's own rows by keys computed once (the proxy hands
    it over); the order given comes back with no column, and a row held stays on its case."""
    summaries = demo_library.list_cases()
    model = CaseTableModel(framework)
    proxy = SourceSortProxy()
    proxy.setSourceModel(model)
    model.set_rows([CaseRow(s) for s in summaries])
    held = QPersistentModelIndex(model.index(3, CaseTableModel.ID))
    held_id = held.data()

    proxy.sort(CaseTableModel.TITLE, Qt.SortOrder.AscendingOrder)
    titles = [proxy.index(r, CaseTableModel.TITLE).data() for r in range(proxy.rowCount())]
    assert titles == sorted((s.title for s in summaries), key=str.casefold)
    assert [model.index(r, CaseTableModel.TITLE).data() for r in range(model.rowCount())] == titles
    assert held.data() == held_id  # the row moved with its case

    proxy.sort(CaseTableModel.SUBMITTED, Qt.SortOrder.DescendingOrder)
    dates = [proxy.index(r, CaseTableModel.SUBMITTED).data() for r in range(proxy.rowCount())]
    assert dates == sorted(dates, reverse=True)
    # New rows (a search, a reload) come sorted as the member chose.
    model.set_rows([CaseRow(s) for s in reversed(summaries)])
    dates = [proxy.index(r, CaseTableModel.SUBMITTED).data() for r in range(proxy.rowCount())]
    assert dates == sorted(dates, reverse=True)

    proxy.sort(-1)
    ids = [proxy.index(r, CaseTableModel.ID).data() for r in range(proxy.rowCount())]
    assert ids == [s.id for s in reversed(summaries)]  # the order they were given in
