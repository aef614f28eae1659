"""Re-review in the app: the due list, recording a review, the watch list, a superseding case."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from council_app.council.commitments import list_commitments
from council_app.council.review import list_watch
from council_app.library import CaseLibrary
from council_app.ui import council_operations as ops
from council_app.ui.main_window import MainWindow
from council_app.ui.review.due_table import CASE_ID_ROLE
from council_app.ui.review.review_tab import COMMITMENTS_VIEW, DUE_VIEW
from council_app.ui.workspace.case_workspace import CaseWorkspace


def due_ids(window: MainWindow) -> list[str]:
    page = window.review.page
    return [page.proxy.index(r, 0).data(CASE_ID_ROLE) for r in range(page.proxy.rowCount())]


def open_review(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keySequence(window, QKeySequence("Ctrl+3"))
    assert window.tabs.currentWidget() is window.review
    qtbot.waitUntil(lambda: bool(due_ids(window)), timeout=10_000)


def test_recording_a_review_takes_the_decision_off_the_list(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    open_review(qtbot, window)
    page = window.review.page
    # A decision due for its review date alone (a condition not kept keeps one on the list).
    case_id = "EUC-2022-021"
    assert case_id in due_ids(window)
    assert page.select_case(case_id)
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    form = page.review_form
    assert form.isVisible()
    form.note.setPlainText("Checked with the account team; nothing has changed.")
    next_review = form.next_review.date().toPython()
    assert form.record_button.width() > 0
    qtbot.mouseClick(form.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: case_id not in due_ids(window), timeout=10_000)
    assert "recorded" in page.message.text()
    with CaseLibrary.open(demo_path) as library:
        decision = library.get_case(case_id).decision
        assert decision is not None
        assert decision.review_by == next_review
        assert decision.reviews[-1].note == "Checked with the account team; nothing has changed."


def test_a_watch_entry_flags_decisions(qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    open_review(qtbot, window)
    panel = window.review.page.watch
    panel.kind.setCurrentIndex(panel.kind.findData("region"))
    qtbot.keyClicks(panel.value, "BR")
    qtbot.keyClicks(panel.note_edit, "elections announced")
    qtbot.mouseClick(panel.watch_button, Qt.MouseButton.LeftButton)
    # EUC-2022-041 (robocalls in Brazil, decided 2022) is flagged by the new entry.
    qtbot.waitUntil(lambda: "EUC-2022-041" in due_ids(window), timeout=10_000)
    with CaseLibrary.open(demo_path) as library:
        assert [(e.kind, e.value, e.note) for e in list_watch(library)] == [
            ("region", "BR", "elections announced")
        ]


def test_a_change_on_review_is_a_new_superseding_case(qtbot: QtBot, window: MainWindow) -> None:
    open_review(qtbot, window)
    page = window.review.page
    case_id = due_ids(window)[0]
    with qtbot.waitSignal(window.review.supersede_requested, timeout=5000) as asked:
        page.supersede_requested.emit(case_id)
    assert asked.args == [case_id]
    qtbot.waitUntil(lambda: isinstance(window.tabs.currentWidget(), CaseWorkspace), timeout=10_000)
    workspace = window.tabs.currentWidget()
    assert isinstance(workspace, CaseWorkspace)
    links = workspace.editor.case.links
    assert [(link.type, link.target) for link in links] == [("supersedes", case_id)]
    assert workspace.editor.case.title.endswith("(re-review)")


def test_the_tab_reads_again_only_what_may_have_changed(
    qtbot: QtBot, window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shown again with nothing changed, the tab shows what it read (at 100,000 cases a read
    takes seconds); a change reported reads it again; the commitments, every condition of every
    standing decision, are read only when their view is shown."""
    reads: list[str] = []
    for name in ("load_review", "load_commitments"):
        real = getattr(ops, name)

        def counted(*args: Any, _real: Any = real, _name: str = name) -> Any:
            reads.append(_name)
            return _real(*args)

        monkeypatch.setattr(ops, name, counted)
    tab = window.review
    open_review(qtbot, window)
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=10_000)
    assert reads == ["load_review"]
    # The not-kept count on the Commitments view is there before the view is read.
    with CaseLibrary.open(demo_path) as library:
        not_kept = len(list_commitments(library, date.today(), not_kept=True))
    assert not_kept > 0
    assert tab.views.tabText(COMMITMENTS_VIEW) == f"Co&mmitments ({not_kept} not kept)"

    qtbot.keySequence(window, QKeySequence("Ctrl+1"))
    qtbot.keySequence(window, QKeySequence("Ctrl+3"))
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=10_000)
    assert reads == ["load_review"]
    assert due_ids(window)

    tab.views.setCurrentIndex(COMMITMENTS_VIEW)
    qtbot.waitUntil(lambda: tab.commitments.model.rowCount() > 0, timeout=10_000)
    tab.views.setCurrentIndex(DUE_VIEW)
    tab.views.setCurrentIndex(COMMITMENTS_VIEW)
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=10_000)
    assert reads == ["load_review", "load_commitments"]

    # A watch entry added (a change the workers report) reads the tab again.
    tab.views.setCurrentIndex(DUE_VIEW)
    panel = tab.page.watch
    panel.kind.setCurrentIndex(panel.kind.findData("region"))
    qtbot.keyClicks(panel.value, "BR")
    qtbot.mouseClick(panel.watch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "EUC-2022-041" in due_ids(window), timeout=10_000)
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=10_000)
    assert reads.count("load_review") == 2
    assert reads.count("load_commitments") == 1
    tab.views.setCurrentIndex(COMMITMENTS_VIEW)
    qtbot.waitUntil(lambda: reads.count("load_commitments") == 2, timeout=10_000)
