from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from council_app import paths
from council_app.cli import main
from council_app.library import CaseLibrary
from council_app.library.demo import demo_document
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
        assert library.count_cases() == len(demo_document().cases)


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
    assert report is not None
    assert report.parent == data_dir / "crash-reports"
    assert "ValueError: boom" in report.read_text(encoding="utf-8")
