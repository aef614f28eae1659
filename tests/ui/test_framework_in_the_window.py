"""The window works in the library's own framework, and each case in the one it was made under."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from council_app.framework.loader import bundled_framework_text
from council_app.library import CaseLibrary
from council_app.library import frameworks as fw
from council_app.ui.main_window import MainWindow
from tests.ui.test_hostile_environment_ui import open_workspace


def adopt_revision(path: Path, version: str = "2027.1") -> None:
    text = bundled_framework_text().replace('version = "2026.1"', f'version = "{version}"', 1)
    text = text.replace('title = "Potential connection to harm"', 'title = "Connection to harm"')
    with CaseLibrary.open(path) as library:
        fw.adopt(library, text, note="Wording revised", source="revised.toml")


def test_the_window_works_in_the_framework_in_force_and_a_case_in_its_own(
    qtbot: QtBot, demo_path: Path
) -> None:
    adopt_revision(demo_path)
    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    assert window.framework.version == "2027.1"
    assert window.framework.consideration("harm").title == "Connection to harm"
    case_id = window.model.case_id(0) if hasattr(window.model, "case_id") else None
    with CaseLibrary.open(demo_path) as library:
        case_id = case_id or library.case_ids()[0]
    workspace = open_workspace(qtbot, window, case_id)
    assert workspace.framework.version == "2026.1"
    assert workspace.framework.consideration("harm").title == "Potential connection to harm"
    assert not workspace.version_note.isHidden()
    assert "under framework 2026.1; the framework in force is 2027.1" in (
        workspace.version_note.text()
    )
    window.workers.wait()


def test_a_framework_adopted_elsewhere_reopens_the_window_under_it(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    assert window.framework.version == "2026.1"
    adopt_revision(demo_path)
    with qtbot.waitSignal(window.library_switch_requested, timeout=10_000) as reopened:
        window.workers.watch_for_changes()
    assert reopened.args == [demo_path]
    window.workers.wait()


def test_a_framework_adopted_in_settings_is_followed_once_settings_close(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    from council_app.ui.library import library_actions

    qtbot.waitUntil(lambda: window.library_settings is not None, timeout=10_000)
    library_actions.open_settings(window)
    dialog = window.settings_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=10_000)
    adopt_revision(demo_path)
    reopened: list[Path] = []
    window.library_switch_requested.connect(reopened.append)
    window.workers.watch_for_changes()
    qtbot.waitUntil(lambda: window._framework_pending, timeout=10_000)
    assert reopened == []  # not from under the dialog
    dialog.reject()
    qtbot.waitUntil(lambda: reopened == [demo_path], timeout=10_000)
    window.workers.wait()


def test_a_closed_window_starts_no_more_background_jobs(qtbot: QtBot, window: MainWindow) -> None:
    # A timer of an open case may fire between the window's close and its deletion; a job
    # started then would still run when the pool is destroyed with the window, which waits for
    # it holding the interpreter lock the job needs to report: the app (and the suite) hung.
    ran: list[int] = []
    window.close()
    assert window.workers.submit("late", lambda _lib: ran.append(1), lambda _r: None) == 0
    window.workers.pool.waitForDone(2000)
    assert ran == []
