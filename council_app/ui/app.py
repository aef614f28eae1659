"""Start the desktop app: the QApplication, the library, the main window, the crash handler.

Everything with a side effect (the application's name, the crash handler, creating the default
library) happens in :func:`run_app`, never at import.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from council_app import APP_NAME, __version__, paths
from council_app.errors import CouncilError
from council_app.framework import bundled_framework
from council_app.library import CaseLibrary
from council_app.library.demo import open_default_library
from council_app.ui.app_settings import AppSettings
from council_app.ui.icons import app_icon
from council_app.ui.main_window import MainWindow
from council_app.ui.theme import apply_theme


def write_crash_report(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> Path | None:
    """Save the details of an unexpected error where the user can find and send them."""
    folder = paths.data_dir() / "crash-reports"
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        report = folder / f"crash-{stamp}.txt"
        report.write_text(
            f"{APP_NAME} {__version__}\nPython {sys.version}\n\n"
            + "".join(traceback.format_exception(kind, error, tb)),
            encoding="utf-8",
        )
    except OSError:
        return None
    return report


def _install_crash_handler() -> None:
    def handle(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        report = write_crash_report(kind, error, tb)
        where = f"\n\nThe details were saved to:\n{report}" if report else ""
        if isinstance(error, CouncilError):
            QMessageBox.warning(None, APP_NAME, f"{error}{where}")
        else:
            QMessageBox.critical(
                None,
                APP_NAME,
                f"Something went wrong that {APP_NAME} did not expect ({kind.__name__}: {error})."
                f" Your saved work is safe.{where}",
            )

    sys.excepthook = handle


def _open_library(library_path: Path | None) -> Path:
    """Make sure the library exists and opens; return its path."""
    if library_path is None:
        with open_default_library() as library:
            assert library.path is not None
            return library.path
    with CaseLibrary.open(library_path) as library:
        assert library.path is not None
        return library.path


def run_app(library_path: Path | None = None, argv: Sequence[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Council Desk")
    app.setWindowIcon(app_icon())
    try:
        framework = bundled_framework()
        path = _open_library(library_path)
    except CouncilError as error:
        QMessageBox.critical(None, APP_NAME, str(error))
        return 1
    _install_crash_handler()
    settings = AppSettings()
    apply_theme(app, settings.theme)
    windows: list[MainWindow] = []

    def open_window(library: Path) -> None:
        try:
            opened = _open_library(library)
        except CouncilError as error:
            QMessageBox.warning(None, APP_NAME, str(error))
            return
        window = MainWindow(opened, framework, app_settings=settings)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.library_switch_requested.connect(lambda other: switch(window, other))
        windows.append(window)
        window.show()

    def switch(window: MainWindow, other: Path) -> None:
        if window.close():
            open_window(other)

    open_window(path)
    return app.exec()


def main() -> None:
    """Entry point of the ``council-desk`` GUI script."""
    parser = argparse.ArgumentParser(prog="council-desk", description=f"Open {APP_NAME}.")
    parser.add_argument("--library", type=Path, metavar="PATH", help="library file to open")
    args = parser.parse_args()
    sys.exit(run_app(args.library))
