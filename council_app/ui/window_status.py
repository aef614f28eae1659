"""The main window's status bar: what was just done, that work is under way, and failures told
one box at a time.

A write, an import, a backup or a package says what it did here rather than in a box, so the
member keeps working; a failure is a box, because something the member asked for did not happen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QMessageBox, QProgressBar, QStatusBar, QWidget

from council_app import APP_NAME

if TYPE_CHECKING:
    from council_app.library.exchange import ImportReport

# How long a report of what was done stays up, in milliseconds.
DONE_MS = 10000
BACKUP_MS = 5000


class WindowStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # an indeterminate "working" indicator
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName("Working in the background")
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.addPermanentWidget(self.busy)
        # While a failure is being told: the ones that came meanwhile (see tell_failure).
        self._failures: list[str] | None = None

    def tell_done(self, message: str) -> None:
        """Say what was just done (nothing said for an empty message)."""
        if message:
            self.showMessage(message, DONE_MS)

    def tell_failure(self, message: str) -> None:
        """Tell a failure; one box at a time. When the library goes away under the window
        (a share unmounted, a stick pulled out) every job fails at once: the member is told
        once, with each different reason, not buried under a stack of boxes."""
        if self._failures is not None:  # a box is up: told when it is closed
            if message not in self._failures:
                self._failures.append(message)
            return
        self._failures = [message]
        told = 0
        try:
            QMessageBox.warning(self.window(), APP_NAME, message)
            told = 1
            while len(self._failures) > told:
                more = "\n\n".join(self._failures[told:])
                told = len(self._failures)
                QMessageBox.warning(self.window(), APP_NAME, f"Also: {more}")
        finally:
            self._failures = None

    @Slot(object)
    def on_imported(self, report: ImportReport) -> None:
        # The views redraw from the import's report of what it changed.
        self.tell_done(report.summary())

    def on_backup_taken(self, taken: object) -> None:
        if taken is not None:
            self.showMessage("The library's daily backup was taken.", BACKUP_MS)

    @Slot(str)
    def on_package_message(self, message: str) -> None:
        """A package's progress: each step replaces the last, and an empty one clears it."""
        if message:
            self.showMessage(message, DONE_MS)
        else:
            self.clearMessage()
