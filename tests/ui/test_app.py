from __future__ import annotations

import stat
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from council_app import paths
from council_app.cli import main
from council_app.library import CaseLibrary
from council_app.library.demo import demo_case_count, demo_document
from council_app.ui import app as app_module
from council_app.ui.main_window import MainWindow


def close_windows_soon(seen: list[MainWindow]) -> None:
    """Close the app's window once it is up, as a user would, ending app.exec()."""

    def close() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                seen.append(widget)
                widget.workers.wait()
                widget.close()
                widget.deleteLater()
        # Closing the last window posts a Quit event; deliver it now, inside app.exec(). Left
        # in the queue it would end every event loop the next test starts.
        QApplication.sendPostedEvents()
        QApplication.quit()

    QTimer.singleShot(300, close)


def test_no_command_opens_the_app_on_the_default_library(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    seen: list[MainWindow] = []
    close_windows_soon(seen)
    assert main([]) == 0
    [window] = seen
    assert window.library_path == paths.default_library_path()
    with CaseLibrary.open(paths.default_library_path(), readonly=True) as library:
        assert library.count_cases() == demo_case_count()


def test_library_option_opens_the_app_on_a_new_library(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    target = tmp_path / "new council" / "2027.sqlite"
    seen: list[MainWindow] = []
    close_windows_soon(seen)
    assert main(["--library", str(target)]) == 0
    assert seen[0].library_path == target
    assert target.exists()
    assert not paths.default_library_path().exists()


def test_a_library_that_cannot_open_is_a_message(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a database" * 50)
    assert app_module.run_app(bad) == 1
    assert "not a Council Desk library" in shown[0]


def test_crash_reports_are_written_to_the_data_folder(data_dir: Path) -> None:
    try:
        raise ValueError("boom")
    except ValueError as error:
        report = app_module.write_crash_report(ValueError, error, error.__traceback__)
        again = app_module.write_crash_report(ValueError, error, error.__traceback__)
    assert report is not None
    assert report.parent == data_dir / "crash-reports"
    assert "ValueError: boom" in report.read_text(encoding="utf-8")
    # Issue 18: a report carries case ids and may carry names; it was 0644 in a 0755 folder.
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
    assert again is not None and again != report and report.exists()  # two in one second
    assert stat.S_IMODE(again.stat().st_mode) == 0o600


def test_the_window_is_shown_before_its_library_page_is_built_then_lists_the_cases(
    qtbot: QtBot, demo_path: Path
) -> None:
    window = MainWindow(demo_path)  # no framework given: the bundled one, read when needed
    qtbot.addWidget(window)
    window.show()
    assert window._library is None  # the frame is up; nothing of the library is read yet
    assert window.statusBar().currentMessage() == "Opening the library…"
    assert [window.tabs.tabText(i) for i in range(3)] == ["&Library", "Sittings", "Re-review"]
    qtbot.waitUntil(lambda: window._library is not None, timeout=5000)
    qtbot.waitUntil(lambda: window.model.rowCount() == len(demo_document().cases), timeout=10_000)
    assert window.tabs.widget(0) is window.library
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.settings_action.shortcut().toString()  # Preferences, or Ctrl+, where none
    assert window.beside.toggleViewAction() in window.view_menu.actions()
    window.workers.wait()


def test_a_window_never_shown_still_builds_its_library_page(qtbot: QtBot, demo_path: Path) -> None:
    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window._library is not None, timeout=5000)
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    window.workers.wait()


@pytest.fixture
def ending(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[int]]:
    """The error messages shown and the exit codes the app asked for, instead of showing and
    exiting."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    codes: list[int] = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: codes.append(code))
    return shown, codes


def test_a_framework_that_cannot_be_read_after_the_window_is_up_ends_the_app_with_a_message(
    qtbot: QtBot,
    demo_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    ending: tuple[list[str], list[int]],
) -> None:
    import council_app.library.frameworks
    from council_app.errors import FrameworkError

    # The window works in the library's own framework, read as it starts.
    def broken(_path: Path) -> None:
        raise FrameworkError("The framework definition framework.toml is not valid TOML.")

    monkeypatch.setattr(council_app.library.frameworks, "framework_at", broken)
    shown, codes = ending
    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    window.show()
    window._start()
    assert shown == ["The framework definition framework.toml is not valid TOML."]
    assert codes == [1]
    assert not window.isVisible()
    assert window._library is None and window._workers is None


def damage(path: Path) -> None:
    """Damage a page of the library's tables, as a failing disk would (see test_backup)."""
    import os

    with CaseLibrary.open(path) as library:
        library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (root,) = library.conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'case_regions'"
        ).fetchone()
        (page,) = library.conn.execute("PRAGMA page_size").fetchone()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page
    data[start + 8 : start + 300] = os.urandom(292)
    path.write_bytes(bytes(data))
    from council_app.library import case_library

    case_library._CHECKED.clear()  # a new process would check again


@pytest.fixture
def damaged_with_backup(demo_path: Path) -> Path:
    from council_app.library import backup

    with CaseLibrary.open(demo_path) as library:
        assert backup.automatic_backup(library.conn, demo_path, "scheduled") is not None
    damage(demo_path)
    return demo_path


def test_damage_found_once_the_window_is_up_offers_the_backup_and_reloads(
    qtbot: QtBot, damaged_with_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []

    def restore_it(path: Path, message: str) -> bool:
        from council_app.library import backup

        offered.append(message)
        good = backup.latest_good_backup(path)
        assert good is not None
        backup.restore(path, good.path)
        return True

    monkeypatch.setattr(app_module, "offer_restore", restore_it)
    window = MainWindow(damaged_with_backup)
    qtbot.addWidget(window)
    app_module.check_health_once_shown(window)
    window.show()
    qtbot.waitUntil(lambda: offered != [], timeout=10_000)
    assert "is damaged" in offered[0]
    qtbot.waitUntil(lambda: window.model.rowCount() == len(demo_document().cases), timeout=10_000)
    window.workers.wait()
    with CaseLibrary.open(damaged_with_backup, readonly=True) as library:
        assert library.health_problems() == []


def test_damage_found_once_the_window_is_up_without_a_restore_ends_the_app_if_asked(
    qtbot: QtBot,
    demo_path: Path,
    ending: tuple[list[str], list[int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    damage(demo_path)  # and no backup to offer
    shown, codes = ending
    # The member is offered to read it read-only, and chooses Quit.
    monkeypatch.setattr(
        app_module, "offer_read_only", lambda _window, problem: bool(shown.append(problem))
    )
    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    app_module.check_health_once_shown(window)
    window.show()
    qtbot.waitUntil(lambda: codes == [1], timeout=10_000)
    assert "is damaged" in shown[0] and "No good backup was found" in shown[0]
    assert not window.isVisible()


def test_a_healthy_library_is_checked_once_shown_without_a_word(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from council_app.library import case_library

    case_library._CHECKED.clear()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    app_module.check_health_once_shown(window)
    window.show()
    qtbot.waitUntil(lambda: str(demo_path.resolve()) in case_library._CHECKED, timeout=10_000)
    window.workers.wait()
    assert shown == []


def test_a_case_opened_beside_before_the_library_page_is_built_is_shown(
    qtbot: QtBot, demo_path: Path
) -> None:
    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    window.show()
    window.open_beside("EUC-2022-010")  # from a workspace or a sitting, in the first moments
    qtbot.waitUntil(lambda: window.beside.isVisible(), timeout=5000)
    assert window.beside_view.case is not None and window.beside_view.case.id == "EUC-2022-010"
    assert window.beside.toggleViewAction() in window.view_menu.actions()
    qtbot.waitUntil(lambda: window._library is not None, timeout=5000)
    assert window.view_menu.actions().count(window.beside.toggleViewAction()) == 1
    window.workers.wait()


def test_a_window_closed_before_its_first_paint_builds_nothing(
    qtbot: QtBot, demo_path: Path
) -> None:
    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    window.show()
    window.close()
    qtbot.wait(600)  # past the paint and the 400 ms fallback
    assert window._library is None and window._workers is None


def test_a_large_library_is_checked_quietly_once_listed_and_a_write_waits_for_that_check(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 100,000 cases the check reads 2.4 GB: left for the first write, it held a member's
    first autosave (and every write behind it) for seconds; it runs once the cases are listed,
    without showing the window busy, and a write meanwhile waits for it instead of reading the
    whole file again."""
    from council_app.library import case_library

    case_library._CHECKED.clear()
    monkeypatch.setattr(app_module, "CHECK_AT_START_BYTES", 0)  # the demo counts as large
    checks: list[str] = []
    checking = threading.Event()
    go_on = threading.Event()
    real = CaseLibrary.health_problems

    def slow_check(library: CaseLibrary) -> list[str]:
        checks.append(threading.current_thread().name)
        checking.set()
        go_on.wait(10)
        return real(library)

    monkeypatch.setattr(CaseLibrary, "health_problems", slow_check)
    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    app_module.check_health_once_shown(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    assert checking.wait(10)  # started once the cases were listed
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=10_000)  # quietly

    written: list[str] = []
    writer = threading.Thread(
        target=lambda: written.append(_write_a_setting(demo_path)), name="a write"
    )
    writer.start()
    writer.join(0.3)
    assert written == []  # waiting for the check under way
    go_on.set()
    writer.join(10)
    assert written == ["written"]
    assert len(checks) == 1  # the write did not read the whole file again
    window.workers.wait()


def _write_a_setting(path: Path) -> str:
    from council_app.library.members import list_members, save_members

    with CaseLibrary.open(path, create=False) as library:
        save_members(library, list_members(library))
    return "written"
