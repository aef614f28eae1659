from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLineEdit,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from council_app.library import CaseLibrary
from council_app.library.demo import demo_document
from council_app.library.exchange import case_document
from council_app.ui.library import library_actions
from council_app.ui.library.case_table_model import CASE_ID_ROLE, SNIPPET_HTML_ROLE, CaseTableModel
from council_app.ui.main_window import MainWindow
from council_app.ui.workspace.rating_pages import FactsPage
from tests.factories import make_case
from tests.ui.workspace.test_workspace import open_workspace


def shown_ids(window: MainWindow) -> list[str]:
    return [window.proxy.index(row, 0).data(CASE_ID_ROLE) for row in range(window.proxy.rowCount())]


def test_window_lists_the_demo_cases(window: MainWindow) -> None:
    assert window.model.rowCount() == len(demo_document().cases)
    assert (
        window.windowHandle().title() == "Council Desk — demo.sqlite"
    )  # as the title bar shows it
    assert not window.windowIcon().isNull()
    assert f"{len(demo_document().cases)} cases in this library." == window.count_label.text()
    first = window.proxy.index(0, CaseTableModel.STATE)
    assert first.data() in {
        "Draft",
        "In review",
        "Decided",
        "Approve",
        "Restrict",
        "Decline",
        "Approve with conditions",
        "Defer",
    }


def test_typing_in_the_search_box_filters_the_cases(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search, "refugees")
    qtbot.waitUntil(lambda: window.model.rowCount() < len(demo_document().cases), timeout=5000)
    ids = shown_ids(window)
    assert "EUC-2025-011" in ids
    assert "EUC-2022-070" not in ids
    assert "match “refugees”" in window.count_label.text()
    snippet = window.proxy.index(0, CaseTableModel.TITLE).data(SNIPPET_HTML_ROLE)
    assert "<b>refugees</b>" in snippet.lower() or "<b>refugee</b>" in snippet.lower()

    window.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == len(demo_document().cases), timeout=5000)
    assert window.proxy.index(0, CaseTableModel.TITLE).data(SNIPPET_HTML_ROLE) == ""


def test_a_search_with_no_match_says_so(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search, '"zzqx (NEAR')
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=5000)
    assert window.count_label.text().startswith("No case matches")


def test_selecting_a_case_shows_it(qtbot: QtBot, window: MainWindow) -> None:
    assert window.select_case("EUC-2022-010")
    qtbot.waitUntil(lambda: window.case_view.case is not None, timeout=5000)
    assert window.case_view.case is not None
    assert window.case_view.case.id == "EUC-2022-010"
    text = window.case_view.toPlainText()
    assert "Live facial recognition for a city's public-space CCTV" in text
    assert "Decision: Decline" in text
    assert "Calderbridge City Council" in text


def test_keyboard_search_then_down_then_enter(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus() or window.focusWidget() is window.search
    qtbot.keyClicks(window.search, "voice cloning")
    qtbot.waitUntil(lambda: "match" in window.count_label.text(), timeout=5000)
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert window.selected_case_id() == shown_ids(window)[0]
    qtbot.waitUntil(lambda: window.case_view.case is not None, timeout=5000)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""


def test_following_a_link_opens_the_linked_case(qtbot: QtBot, window: MainWindow) -> None:
    window.select_case("EUC-2025-019")
    qtbot.waitUntil(lambda: window.case_view.case is not None, timeout=5000)
    assert "supersedes EUC-2024-016" in window.case_view.toPlainText()
    window.case_view.anchorClicked.emit(QUrl("case:EUC-2024-016"))
    assert window.selected_case_id() == "EUC-2024-016"
    qtbot.waitUntil(
        lambda: window.case_view.case is not None and window.case_view.case.id == "EUC-2024-016",
        timeout=5000,
    )


def test_sorting_by_a_column(window: MainWindow) -> None:
    window.table.sortByColumn(CaseTableModel.ID, Qt.SortOrder.AscendingOrder)
    ids = shown_ids(window)
    assert ids == sorted(ids)
    window.table.sortByColumn(CaseTableModel.SUBMITTED, Qt.SortOrder.DescendingOrder)
    dates = [
        window.proxy.index(r, CaseTableModel.SUBMITTED).data()
        for r in range(window.proxy.rowCount())
    ]
    assert dates == sorted(dates, reverse=True)


def test_import_from_the_window_adds_the_case(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, demo_path: Path
) -> None:
    source = tmp_path / "case.json"
    source.write_text(json.dumps(case_document(make_case())), encoding="utf-8")
    with qtbot.waitSignal(window.workers.imported, timeout=10_000):
        library_actions.import_file(window, source)
    qtbot.waitUntil(lambda: "TST-2025-001" in shown_ids(window), timeout=5000)
    assert "Imported: 1 added." in window.statusBar().currentMessage()
    with CaseLibrary.open(demo_path, readonly=True) as library:
        assert library.has_case("TST-2025-001")


def test_export_from_the_window_writes_the_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    target = tmp_path / "export.json"
    with qtbot.waitSignal(window.workers.exported, timeout=10_000):
        window.workers.export(target, ["EUC-2022-010"])
    assert json.loads(target.read_text(encoding="utf-8"))["case"]["id"] == "EUC-2022-010"


def test_every_interactive_widget_has_an_accessible_name(window: MainWindow) -> None:
    interactive = (QLineEdit, QAbstractItemView, QTextBrowser, QAbstractButton)
    missing = [
        w.objectName() or type(w).__name__
        for w in window.findChildren(QWidget)
        if isinstance(w, interactive)
        and w.isVisible()
        and not w.accessibleName()
        and w.parent() is not None
        and type(w).__name__ not in {"QToolButton"}
    ]
    assert missing == []


def test_closing_waits_for_background_work(qtbot: QtBot, window: MainWindow) -> None:
    window.workers.list_cases()
    window.workers.search("consent")
    window.close()
    assert window.workers.pool.activeThreadCount() == 0


def test_the_reading_pane_says_a_decision_is_superseded(qtbot: QtBot, window: MainWindow) -> None:
    window.select_case("EUC-2023-057")
    qtbot.waitUntil(
        lambda: window.case_view.case is not None and window.case_view.case.id == "EUC-2023-057",
        timeout=5000,
    )
    text = window.case_view.toPlainText()
    assert "Superseded by EUC-2024-061 (Restrict, decided 14 August 2024)" in text
    assert "no longer in force" in text
    window.select_case("EUC-2024-061")
    qtbot.waitUntil(
        lambda: window.case_view.case is not None and window.case_view.case.id == "EUC-2024-061",
        timeout=5000,
    )
    assert "Superseded by" not in window.case_view.toPlainText()


def test_the_toolbar_offers_the_main_actions_and_can_be_hidden(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtWidgets import QToolButton

    toolbar = window.toolbar
    assert toolbar is not None and toolbar.isVisible()
    buttons = [b for b in toolbar.findChildren(QToolButton) if b.defaultAction() is not None]
    names = {b.accessibleName() for b in buttons if b.isVisible()}
    assert {"New case", "Open case", "Decision memo", "Import cases"} <= names
    assert all(not b.defaultAction().icon().isNull() for b in buttons if b.isVisible())
    toggle = next(a for a in window.view_menu.actions() if a.text() == "&Toolbar")
    toggle.trigger()
    assert not toolbar.isVisible()
    toggle.trigger()
    assert toolbar.isVisible()


def test_the_toolbar_s_new_case_button_opens_a_new_case(qtbot: QtBot, window: MainWindow) -> None:
    assert window.toolbar is not None
    button = window.toolbar.widgetForAction(window.new_action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.workspaces()), timeout=10_000)
    new_id = window.workspaces()[0].editor.key
    assert window.tabs.tabText(window.tabs.currentIndex()).startswith(new_id)
    assert not window.select_case(new_id)  # not in the library until it is saved


def test_open_recent_lists_the_libraries_and_greys_out_a_missing_one(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    other = tmp_path / "other.sqlite"
    CaseLibrary.open(other).close()
    gone = tmp_path / "gone.sqlite"
    for path in (gone, other, window.library_path):
        window.app_settings.note_library_opened(path)
    window.recent_menu.aboutToShow.emit()
    entries = {a.text(): a for a in window.recent_menu.actions()}
    assert list(entries) == [
        str(window.library_path.resolve()),
        str(other.resolve()),
        f"{gone.resolve()} (not found)",
    ]
    assert not entries[str(window.library_path.resolve())].isEnabled()  # the one open
    assert not entries[f"{gone.resolve()} (not found)"].isEnabled()
    with qtbot.waitSignal(window.library_switch_requested, timeout=5000) as asked:
        entries[str(other.resolve())].trigger()
    assert asked.args == [other.resolve()]


def test_a_case_tab_and_the_window_mark_unsaved_changes(qtbot: QtBot, window: MainWindow) -> None:
    workspace = open_workspace(qtbot, window, "EUC-2022-014")
    tab = window.tabs.indexOf(workspace)
    assert window.tabs.tabText(tab) == "EUC-2022-014"
    assert not window.isWindowModified()
    assert window.windowHandle().title() == "Council Desk — demo.sqlite"
    facts = workspace.page("facts")
    assert isinstance(facts, FactsPage)

    facts.title.end(False)
    qtbot.keyClicks(facts.title, "!")
    assert window.tabs.tabText(tab) == "EUC-2022-014*"
    assert "unsaved changes" in window.tabs.tabToolTip(tab)
    assert window.isWindowModified()
    assert window.windowHandle().title() == "Council Desk — demo.sqlite*"
    window.tabs.setCurrentIndex(0)  # the library has nothing unsaved
    assert not window.isWindowModified()
    window.tabs.setCurrentWidget(workspace)
    assert window.isWindowModified()

    with qtbot.waitSignal(workspace.saved, timeout=10_000):
        qtbot.mouseClick(workspace.save_button, Qt.MouseButton.LeftButton)
    assert window.tabs.tabText(tab) == "EUC-2022-014"
    assert not window.isWindowModified()

    facts.title.end(False)
    qtbot.keyClicks(facts.title, "?")
    assert window.tabs.tabText(tab) == "EUC-2022-014*"
    workspace.undo_action.trigger()  # back to what was saved
    assert facts.title.text().endswith("!")
    assert window.tabs.tabText(tab) == "EUC-2022-014"
    assert not window.isWindowModified()
    workspace.redo_action.trigger()
    assert window.tabs.tabText(tab) == "EUC-2022-014*"
