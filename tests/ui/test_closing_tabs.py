"""Ctrl+W just after typing closes the tab and keeps the draft, with no error (issue 17, point 2)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from council_app import case_edits
from council_app.library import CaseLibrary
from council_app.library.drafts import load_draft
from council_app.ui.main_window import MainWindow


def test_closing_a_tab_just_after_typing_keeps_the_draft_and_raises_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.open_case("EUC-2026-083")
    qtbot.waitUntil(lambda: bool(window.workspaces()), timeout=10_000)
    tab = window.workspaces()[0]
    qtbot.waitUntil(lambda: tab.panel.score is not None, timeout=10_000)
    tab.editor.apply(case_edits.set_field, "summary", "Typed just before closing.")
    assert tab.editor.autosave_state == "pending"
    window.tabs.setCurrentWidget(tab)
    window.close_tab_action.trigger()  # Ctrl+W
    # The tab goes at once; the autosave's answer may come after it has gone, as it does when
    # the disk is slow: delete the tab first, then let the autosave finish and answer.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not window.workspaces()
    window.workers.wait()
    qtbot.wait(50)  # let the autosave's answer arrive, after the tab has gone
    with CaseLibrary.open(window.workers.path, create=False) as library:
        draft = load_draft(library, "EUC-2026-083")
    assert draft is not None
    assert draft.case.summary == "Typed just before closing."
