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

from PySide6 import QtCore
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import council_app
from council_app import APP_ID, APP_NAME, paths, private_files, resources
from council_app.errors import CouncilError, LibraryDamaged, LibraryError
from council_app.library import CaseLibrary, actor
from council_app.library.demo import open_default_library
from council_app.ui.app_settings import AppSettings
from council_app.ui.icons import app_icon
from council_app.ui.main_window import MainWindow
from council_app.ui.read_only import open_read_only, unwritable_reason
from council_app.ui.theme import apply_theme


def write_crash_report(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> Path | None:
    """Save the details of an unexpected error where the user can find and send them."""
    # Private (0600 in a 0700 folder): a report carries case ids and may carry names.
    folder = paths.data_dir() / "crash-reports"
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    text = f"{APP_NAME} {council_app.__version__}\nPython {sys.version}\n\n" + "".join(
        traceback.format_exception(kind, error, tb)
    )
    try:
        return private_files.write_private_new(
            private_files.private_folder(folder), f"crash-{stamp}", ".txt", text.encode("utf-8")
        )
    except OSError:
        return None


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


# Above this size the integrity check before the window would hold start-up too long (4 to 20 s
# on 2.4 GB); such a library is checked on a worker once its cases are listed, without showing
# the window busy, and a write asked for meanwhile waits for that check (CaseLibrary.
# ensure_healthy). Left for the first write, as it was, it held a member's first autosave, and
# every write queued behind it, for as long, and up to a minute while the app was busy.
CHECK_AT_START_BYTES = 500 * 1024 * 1024


def _open_library(
    library_path: Path | None, *, check_health: bool = True
) -> tuple[Path, str | None]:
    """Make sure the library exists and opens (upgraded if it must be); return its path, and
    why it can only be read (None: it can be written).

    With ``check_health``, also that it is not damaged. A damaged library is not written to:
    the user is told and offered the latest good backup. A library this account cannot write
    is opened read-only rather than refused.
    """
    target = library_path or paths.default_library_path()
    try:
        library = open_default_library() if library_path is None else CaseLibrary.open(library_path)
    except LibraryDamaged as damage:
        if not offer_restore(target, str(damage)):
            raise
        return _open_library(library_path, check_health=check_health)
    except LibraryError as error:
        # Opening to write failed (a folder SQLite cannot write its journal into, say); if it
        # can still be read, it is opened for reading, saying why.
        if library_path is None or not paths.exists(library_path, LibraryError):
            raise
        try:
            CaseLibrary.open(library_path, readonly=True, create=False).close()
        except CouncilError:
            raise error from None
        return library_path, f"{library_path.name} could not be opened for writing: {error}"
    try:
        with library:
            assert library.path is not None
            if check_health and library.path.stat().st_size <= CHECK_AT_START_BYTES:
                library.ensure_healthy()
            reason = unwritable_reason(library.path)
            if reason is None and library.readonly:
                reason = f"{library.path.name} is read-only ({library.read_only_reason})."
            return library.path, reason
    except LibraryDamaged as damage:
        if not offer_restore(target, str(damage)):
            raise
        return _open_library(library_path, check_health=check_health)


def check_health_once_shown(window: MainWindow) -> None:
    """The start-up health check of the window's library, on a worker once its pages are built.

    Before the window, a check held every start up for its length (seconds on a large
    library); now the cases are listed meanwhile (reading a damaged library is allowed, and
    every write checks first). A library larger than :data:`CHECK_AT_START_BYTES` is checked
    once its cases are listed, quietly. Damage found is told as at start: the latest good
    backup is offered, and without it the app ends.
    """

    def job(library: CaseLibrary | None) -> str | None:
        assert library is not None
        try:
            library.ensure_healthy()
        except LibraryDamaged as damage:
            return str(damage)
        return None

    def done(problem: object) -> None:
        if not isinstance(problem, str):
            return
        # Nothing new is asked of the library while it may be replaced, and nothing asked
        # before still reads it.
        window.setEnabled(False)
        window.workers.wait(-1)
        try:
            restored = offer_restore(window.library_path, problem)
        except CouncilError as error:
            problem, restored = str(error), False
        window.setEnabled(True)
        if restored:
            window.reload()
            return
        if offer_read_only(window, problem):
            open_read_only(window, DAMAGED_READ_ONLY)
            return
        # A workspace with unsaved work may keep the window open; its saves are refused (a
        # damaged library is not written to), and its drafts are kept.
        if window.close():
            QApplication.exit(1)

    def large() -> bool:
        try:
            return window.library_path.stat().st_size > CHECK_AT_START_BYTES
        except OSError:
            return False  # told by the reads that fail on it

    def start() -> None:
        if not large():
            window.workers.submit("health", job, done)
            return
        window.workers.cases_listed.connect(
            lambda _listed: window.workers.submit("health", job, done, quiet=True),
            QtCore.Qt.ConnectionType.SingleShotConnection,
        )

    window.pages_built.connect(start)


DAMAGED_READ_ONLY = (
    "the library file is damaged and no good backup was found to restore. Export the memos and"
    " cases you need, and ask whoever keeps the council's backups for an older copy."
)


def offer_read_only(window: MainWindow, problem: str) -> bool:
    """Ask whether to read a damaged library rather than quit; True to read it."""
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, problem, parent=window)
    read_button = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_button)
    box.exec()
    return box.clickedButton() is read_button


def offer_restore(library_path: Path, message: str) -> bool:
    """Ask whether to restore the latest good backup; True if it was restored."""
    from council_app.library import backup

    good = backup.latest_good_backup(library_path)
    if good is None:
        return False
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message)
    restore_button = box.addButton(
        f"Restore the backup of {good.taken_at:%Y-%m-%d %H:%M}", QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not restore_button:
        return False
    kept = backup.restore(library_path, good.path)
    QMessageBox.information(
        None,
        APP_NAME,
        f"The library was restored from the backup of {good.taken_at:%Y-%m-%d %H:%M} UTC."
        + (f" The damaged file was kept as {kept.path}." if kept else ""),
    )
    return True


def run_app(library_path: Path | None = None, argv: Sequence[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Council Desk")
    # Lets a Wayland desktop match the window to its menu entry (and so show the right icon).
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    actor.set_interface("app")
    try:
        # The framework is read once the window is up (see MainWindow._start), and the library
        # checked for damage (check_health_once_shown); a missing file is told here, before
        # any window opens.
        resources.require(resources.FRAMEWORK_FILE)
        path, read_only = _open_library(library_path, check_health=False)
    except CouncilError as error:
        QMessageBox.critical(None, APP_NAME, str(error))
        return 1
    _install_crash_handler()
    settings = AppSettings()
    if settings.theme != "system":  # "system" is Qt's own default: nothing to apply
        apply_theme(app, settings.theme)
    windows: list[MainWindow] = []

    def open_window(
        library: Path, *, opened: Path | None = None, read_only: str | None = None
    ) -> None:
        if opened is None:
            try:
                opened, read_only = _open_library(library, check_health=False)
            except CouncilError as error:
                QMessageBox.warning(None, APP_NAME, str(error))
                return
        settings.note_library_opened(opened)  # for File › Open recent
        window = MainWindow(opened, app_settings=settings)
        window.library_switch_requested.connect(lambda other: switch(window, other))
        if read_only is not None:
            open_read_only(window, read_only)
        check_health_once_shown(window)
        windows.append(window)
        window.show()

    def switch(window: MainWindow, other: Path) -> None:
        if window.close():
            windows.remove(window)
            window.deleteLater()
            open_window(other)

    open_window(path, opened=path, read_only=read_only)  # opened and checked above
    # The version comes from the package metadata, which is slow to import (40 ms); nothing
    # before the window needs it, so it is read once the window's first show has been handled.
    QTimer.singleShot(0, lambda: app.setApplicationVersion(council_app.__version__))
    return app.exec()


def main() -> None:
    """Entry point of the ``council-desk`` GUI script."""
    parser = argparse.ArgumentParser(prog="council-desk", description=f"Open {APP_NAME}.")
    parser.add_argument("--library", type=Path, metavar="PATH", help="library file to open")
    args = parser.parse_args()
    sys.exit(run_app(args.library))
