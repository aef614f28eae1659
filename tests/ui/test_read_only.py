"""A damaged or unwritable library opens read-only: readable, exportable, and never written."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from council_app.library import CaseLibrary
from council_app.library.demo import demo_document
from council_app.ui import app as app_module
from council_app.ui import read_only
from council_app.ui.library import library_actions
from council_app.ui.main_window import MainWindow
from tests.ui.test_app import damage


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *_a, **_k: shown.append(text)
    )
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    return shown


def _case_ids(path: Path) -> list[str]:
    with CaseLibrary.open(path, readonly=True) as library:
        return sorted(summary.id for summary in library.list_cases())


def test_a_damaged_library_without_a_backup_can_be_opened_read_only(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch, warnings: list[str]
) -> None:
    damage(demo_path)  # and no backup to restore
    offered: list[str] = []
    monkeypatch.setattr(
        app_module, "offer_read_only", lambda _window, problem: not offered.append(problem)
    )
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: exits.append(code))
    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    app_module.check_health_once_shown(window)
    window.show()
    qtbot.waitUntil(lambda: window.read_only_bar is not None, timeout=10_000)

    assert "is damaged" in offered[0]
    assert exits == [] and window.isVisible()
    assert window.windowTitle().endswith("(read-only)")
    bar_text = window.findChild(read_only.ReadOnlyBar).text.text()
    assert bar_text.startswith("Read-only: the library file is damaged")
    assert "nothing can be changed" in bar_text
    for name in read_only.WRITE_ACTIONS:
        assert not getattr(window, name).isEnabled(), name
    assert window.memo_action.isEnabled() and window.export_all_action.isEnabled()
    # The record is still there to read.
    qtbot.waitUntil(lambda: window.model.rowCount() == len(demo_document().cases), timeout=10_000)


def test_a_read_only_library_opens_cases_for_reading_and_refuses_every_write(
    qtbot: QtBot, demo_path: Path, warnings: list[str]
) -> None:
    before = _case_ids(demo_path)
    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    read_only.open_read_only(window, "demo.sqlite is read-only for you (its file permissions).")
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == len(before), timeout=10_000)
    case_id = before[0]

    window.open_case(case_id)
    qtbot.waitUntil(lambda: window.beside.isVisible(), timeout=10_000)
    assert window.beside.windowTitle() == f"Beside the case: {case_id}"
    assert window.workspaces() == []  # no workspace: nothing typed could be saved

    library_actions.delete_case(
        window, case_id
    )  # as the Delete key would, had the action not been disabled
    qtbot.waitUntil(lambda: warnings != [], timeout=10_000)
    window.workers.wait()
    assert warnings[0] == (
        "Nothing was changed: demo.sqlite is read-only for you (its file permissions)."
    )
    assert _case_ids(demo_path) == before


def test_a_library_this_account_cannot_write_is_opened_read_only_not_refused(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root in CI, for whom file permissions do not bite: the check is asked.
    monkeypatch.setattr(read_only.os, "access", lambda path, _mode: Path(path) != demo_path)
    path, reason = app_module._open_library(demo_path, check_health=False)
    assert path == demo_path
    assert reason == "demo.sqlite is read-only for you (its file permissions)."

    monkeypatch.setattr(read_only.os, "access", lambda path, _mode: Path(path) != demo_path.parent)
    assert app_module._open_library(demo_path, check_health=False)[1] == (
        "The folder of demo.sqlite is read-only for you, so the library cannot be written."
    )


def test_a_writable_library_opens_for_writing(demo_path: Path) -> None:
    assert app_module._open_library(demo_path, check_health=False) == (demo_path, None)
