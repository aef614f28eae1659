"""No save undoes another: an open tab follows the library, and a stale save is never applied.

Point 1 of "one record, one truth": open a case in a tab; record votes and the decision for it
in Sittings; go back to the tab, edit a field, Ctrl+S. The decision must survive, and no view
may show the case as it was before.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from council_app.council import sessions as s
from council_app.library import CaseLibrary
from council_app.library.audit import entries
from council_app.ui.main_window import MainWindow
from council_app.ui.workspace.case_workspace import CaseWorkspace
from council_app.ui.workspace.list_pages import DecisionPage
from council_app.ui.workspace.rating_pages import FactsPage
from tests.ui.sittings.test_sittings_tab import add_case, open_sitting, open_sittings, plan_sitting
from tests.ui.workspace.test_workspace import open_workspace

CASE = "EUC-2026-083"  # in review: Restrict recommended, four close precedents declined
DISTINCTION = "Supporters who opted in, not inferred voters."


def decide_in_sittings(qtbot: QtBot, window: MainWindow) -> None:
    """Plan a sitting, open it, vote Restrict three times and record the decision."""
    open_sittings(qtbot, window)
    plan_sitting(qtbot, window)
    add_case(qtbot, window, CASE)
    open_sitting(qtbot, window)
    panel = window.sittings.item_panel
    qtbot.waitUntil(lambda: panel.item is not None and panel.item.case.id == CASE, timeout=10_000)
    for member in ("Amara Okafor", "Jonas Lindqvist", "Priya Raman"):
        box = panel.vote_boxes[member]
        box.setCurrentIndex(box.findData("restrict"))
        qtbot.waitUntil(
            lambda m=member: (
                window.sittings.view is not None
                and window.sittings.view.session.votes.get(CASE, {}).get(m) == "restrict"
            ),
            timeout=10_000,
        )
    qtbot.waitUntil(lambda: "close precedents" in panel.departures.text(), timeout=10_000)
    panel.distinction.setPlainText(DISTINCTION)
    assert panel.record_button.isEnabled()
    with qtbot.waitSignal(window.workers.library_changed, timeout=10_000):
        qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)


def press_save(qtbot: QtBot, workspace: CaseWorkspace) -> None:
    """Ctrl+S, as the member types it in the workspace."""
    window = workspace.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    target = workspace.focusWidget() or workspace.step_list
    target.setFocus()
    qtbot.keySequence(target, QKeySequence("Ctrl+S"))


def back_to(qtbot: QtBot, window: MainWindow, workspace: CaseWorkspace) -> None:
    window.tabs.setCurrentWidget(workspace)
    qtbot.waitUntil(lambda: window.current_workspace() is workspace, timeout=5000)


def facts(workspace: CaseWorkspace) -> FactsPage:
    page = workspace.page("facts")
    assert isinstance(page, FactsPage)
    return page


def test_a_decision_taken_in_a_sitting_survives_an_edit_saved_in_an_open_tab(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    workspace = open_workspace(qtbot, window, CASE)
    assert workspace.editor.case.decision is None
    decide_in_sittings(qtbot, window)

    # Back in the tab: it shows the decision the sitting took, not "No decision yet".
    back_to(qtbot, window, workspace)
    qtbot.waitUntil(lambda: workspace.editor.case.decision is not None, timeout=10_000)
    assert workspace.editor.case.decision.outcome == "restrict"  # type: ignore[union-attr]
    assert "Updated from the library" in workspace.autosave.text()
    workspace.go_to("decision")
    decision_page = workspace.page("decision")
    assert isinstance(decision_page, DecisionPage)
    assert decision_page.outcome.currentText() == "Restrict"

    # Edit a field and save with Ctrl+S.
    workspace.go_to("facts")
    title = facts(workspace).title
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " (opted-in supporters)")
    with qtbot.waitSignal(workspace.editor.saved, timeout=10_000):
        press_save(qtbot, workspace)
    window.workers.wait()

    with CaseLibrary.open(demo_path, readonly=True) as library:
        case = library.get_case(CASE)
        assert case.title.endswith("(opted-in supporters)")
        assert case.decision is not None and case.decision.outcome == "restrict"
        assert case.decision.distinction == DISTINCTION
        assert {v.vote for v in case.decision.votes} == {"restrict"}
        # The audit log never shows the case back in its state before the decision.
        saved = [e for e in entries(library, subject=CASE) if e.action == "case changed"]
        assert saved[-1].what == "saved in the case workspace"
        assert '"decision"' in (saved[-1].before or "")


def test_a_save_over_a_change_made_meanwhile_is_refused_and_can_be_merged(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    workspace = open_workspace(qtbot, window, CASE)
    title = facts(workspace).title
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " (edited)")
    assert workspace.editor.dirty

    decide_in_sittings(qtbot, window)
    back_to(qtbot, window, workspace)
    # The tab says at once that the case changed under the edits, and what changed.
    qtbot.waitUntil(workspace.banner.isVisible, timeout=10_000)
    text = workspace.banner.text.text()
    assert "changed in the library while you were editing it" in text
    assert "Changed there: the decision recorded (restrict); the status." in text
    assert "Changed by you: the title." in text
    assert workspace.banner.merge_button.isEnabled()

    # Saving anyway is refused: nothing is written over the decision.
    press_save(qtbot, workspace)
    qtbot.waitUntil(lambda: "Not saved" in workspace.banner.text.text(), timeout=10_000)
    window.workers.wait()
    with CaseLibrary.open(demo_path, readonly=True) as library:
        stored = library.get_case(CASE)
        assert stored.decision is not None and not stored.title.endswith("(edited)")

    # Merge: the decision and the edit together, then saved as the next revision.
    qtbot.mouseClick(workspace.banner.merge_button, Qt.MouseButton.LeftButton)
    assert not workspace.banner.isVisible()
    assert workspace.editor.case.decision is not None
    assert workspace.editor.case.title.endswith("(edited)")
    with qtbot.waitSignal(workspace.editor.saved, timeout=10_000):
        press_save(qtbot, workspace)
    window.workers.wait()
    with CaseLibrary.open(demo_path, readonly=True) as library:
        stored = library.get_case(CASE)
        assert stored.decision is not None and stored.decision.outcome == "restrict"
        assert stored.title.endswith("(edited)")
        assert stored.revision == workspace.editor.base_revision


def test_keeping_mine_is_a_new_revision_said_out_loud(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    workspace = open_workspace(qtbot, window, CASE)
    facts(workspace).summary.setPlainText("A summary of my own.")
    assert workspace.editor.dirty
    # Another window (another process, as far as this one knows) retitles the case.
    with CaseLibrary.open(demo_path) as other:
        case = other.get_case(CASE)
        other.save_case(replace(case, title="Retitled in another window"))
    qtbot.waitUntil(workspace.banner.isVisible, timeout=10_000)
    assert "Changed there: the title." in workspace.banner.text.text()
    with qtbot.waitSignal(workspace.editor.saved, timeout=10_000):
        qtbot.mouseClick(workspace.banner.keep_button, Qt.MouseButton.LeftButton)
    window.workers.wait()
    with CaseLibrary.open(demo_path, readonly=True) as library:
        stored = library.get_case(CASE)
        assert stored.summary == "A summary of my own."
        assert stored.title != "Retitled in another window"  # kept mine, knowingly
        assert stored.revision == 3


def test_views_follow_a_change_made_by_another_process(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    workspace = open_workspace(qtbot, window, CASE)
    assert not workspace.editor.dirty
    with CaseLibrary.open(demo_path) as other:
        case = other.get_case(CASE)
        other.save_case(replace(case, title="Retitled by the secretary"))
    # The open tab (with nothing unsaved) and the library list both show it, unasked.
    qtbot.waitUntil(
        lambda: workspace.editor.case.title == "Retitled by the secretary", timeout=10_000
    )
    assert workspace.editor.base_revision == 2
    assert not workspace.banner.isVisible()
    qtbot.waitUntil(
        lambda: any(
            row.summary.title == "Retitled by the secretary"
            for row in window.model.rows()
            if row.summary.id == CASE
        ),
        timeout=10_000,
    )


def test_a_recorded_decision_moves_no_sitting_back(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    """The agenda shows the decision the sitting took after the tab's save."""
    workspace = open_workspace(qtbot, window, CASE)
    decide_in_sittings(qtbot, window)
    back_to(qtbot, window, workspace)
    qtbot.waitUntil(lambda: workspace.editor.case.decision is not None, timeout=10_000)
    with qtbot.waitSignal(workspace.editor.saved, timeout=10_000):
        press_save(qtbot, workspace)
    window.tabs.setCurrentWidget(window.sittings)
    qtbot.waitUntil(
        lambda: (
            window.sittings.view is not None
            and (item := window.sittings.view.item(CASE)) is not None
            and item.decided
        ),
        timeout=10_000,
    )
    with CaseLibrary.open(demo_path, readonly=True) as library:
        session = s.list_sessions(library)[0]
        assert session.votes[CASE] == dict.fromkeys(
            ("Amara Okafor", "Jonas Lindqvist", "Priya Raman"), "restrict"
        )
