"""Classifying a case on its facts step: the entry, the basis, the floor it sets, saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from council_app.library import CaseLibrary
from council_app.library import frameworks as fw
from council_app.ui.main_window import MainWindow
from council_app.ui.workspace.rating_pages import FactsPage
from tests.factories import make_case
from tests.framework.test_taxonomy import with_eu_ai_act
from tests.ui.test_hostile_environment_ui import open_workspace


def test_a_case_is_classified_on_its_facts_step_and_the_floor_follows(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "lib.sqlite"
    with CaseLibrary.open(path) as library:
        library.save_case(make_case("OLD-1", decision=None, status="in_review"))
        with_eu_ai_act(library)
        library.save_case(make_case("NEW-1", decision=None, status="in_review"))
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)

    old = open_workspace(qtbot, window, "OLD-1")
    facts = old.page("facts")
    assert isinstance(facts, FactsPage)
    assert facts.classifications is None  # its framework, 2026.1, has no taxonomies

    window.open_case("NEW-1")
    qtbot.waitUntil(
        lambda: (w := window.current_workspace()) is not None and w.editor.key == "NEW-1",
        timeout=10_000,
    )
    workspace = window.current_workspace()
    assert workspace is not None
    facts = workspace.page("facts")
    assert isinstance(facts, FactsPage) and facts.classifications is not None
    box = facts.classifications
    index = box.entry.findData("eu_ai_act.social_scoring")
    assert index >= 0
    box.entry.setCurrentIndex(index)
    qtbot.keyClicks(box.basis, "Scores tenants' reliability")
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    (classification,) = workspace.editor.case.classifications
    assert classification.key == "eu_ai_act.social_scoring"
    assert classification.basis == "Scores tenants' reliability"
    assert box.model.rowCount() == 1
    assert "Social scoring" in box.model.index(0, 0).data()
    assert "at least Decline" in box.note.text()
    qtbot.waitUntil(
        lambda: (
            workspace.score is not None
            and workspace.score.scoring.recommendation.outcome == "decline"
        ),
        timeout=10_000,
    )
    workspace.editor.undo_stack.undo()
    assert workspace.editor.case.classifications == ()
    workspace.editor.undo_stack.redo()
    workspace.on_save()
    qtbot.waitUntil(lambda: not workspace.modified, timeout=10_000)
    with CaseLibrary.open(path) as library:
        saved = library.get_case("NEW-1")
        assert [c.key for c in saved.classifications] == ["eu_ai_act.social_scoring"]
        assert saved.framework_version == fw.version_in_force(library).version == "2027.1"
    box.table.selectRow(0)
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    assert workspace.editor.case.classifications == ()
    window.workers.wait()
