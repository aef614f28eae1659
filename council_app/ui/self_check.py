"""The window part of ``council-app --self-test``: open the real main window and look at it.

A bundle can carry all of the core and still fail at the first window (a missing Qt platform or
image plugin, a library the window's workers cannot open), so the self-test opens the same
``MainWindow`` a member sees, waits for its case list, reads its About box and its icon, and
closes it again.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from council_app import APP_NAME, __version__
from council_app.framework import Framework
from council_app.ui.app_settings import AppSettings
from council_app.ui.icons import app_icon
from council_app.ui.library import library_actions
from council_app.ui.main_window import MainWindow

LIST_TIMEOUT_SECONDS = 30.0
# Qt's offscreen platform warns that it cannot pass size hints to a window manager it does not
# have; true, harmless, and noise in a report a packager reads.
HARMLESS_QT_MESSAGES = ("does not support propagateSizeHints",)


@dataclass(frozen=True)
class WindowSeen:
    platform: str
    cases_listed: int
    about_text: str
    icon_size: int  # the largest size the app icon renders at; 0 if it did not load


def open_main_window(
    library_path: Path, framework: Framework, settings_path: Path, expected_cases: int
) -> WindowSeen:
    """Open the main window on ``library_path`` with settings kept in ``settings_path``."""

    def on_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if not any(harmless in message for harmless in HARMLESS_QT_MESSAGES):
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(on_message)
    try:
        return _look_at_window(library_path, framework, settings_path, expected_cases)
    finally:
        qInstallMessageHandler(previous)


def _look_at_window(
    library_path: Path, framework: Framework, settings_path: Path, expected_cases: int
) -> WindowSeen:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    settings = AppSettings(QSettings(str(settings_path), QSettings.Format.IniFormat))
    window = MainWindow(library_path, framework, app_settings=settings)
    try:
        window.show()
        deadline = time.monotonic() + LIST_TIMEOUT_SECONDS
        while window.model.rowCount() < expected_cases and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        about = library_actions.about_box(window)
        about_text = about.text()
        about.close()
        sizes = app_icon().availableSizes()
        return WindowSeen(
            platform=app.platformName(),
            cases_listed=window.model.rowCount(),
            about_text=about_text,
            icon_size=max((s.width() for s in sizes), default=0),
        )
    finally:
        window.close()
        window.workers.wait()
        window.deleteLater()
        app.processEvents()
