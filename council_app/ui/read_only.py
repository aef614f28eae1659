"""A library open read-only: said at the top of the window, and no action that writes offered.

A damaged library with no good backup, or a file this account cannot write (an archive, a copy
on a locked share), is still the council's record: members must be able to read it, search
it, see its precedents and export memos from it. So instead of quitting, the window opens it
read-only: a bar says why, the actions that would write are disabled, cases open in the
reading view instead of a workspace, and any write asked for anyway (a sitting's button, a
review) is refused by the workers before a connection is opened, with the same reason.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar

from council_app.ui.common.palette import attention_colour

if TYPE_CHECKING:
    from council_app.ui.main_window import MainWindow

# The window's actions that only write: disabled while the library is read-only. (Export,
# memos, search and Open library stay: they read.)
WRITE_ACTIONS = (
    "new_action",
    "duplicate_action",
    "delete_action",
    "import_action",
    "import_request_action",
    "ask_clarification_action",
    "merge_package_action",
    "settings_action",
)


def unwritable_reason(path: Path) -> str | None:
    """Why this account cannot write the library file, or None if it can.

    SQLite writes beside the file too (its -wal and -shm files), so the folder counts as well.
    """
    if not os.access(path, os.W_OK):
        return f"{path.name} is read-only for you (its file permissions)."
    if not os.access(path.parent, os.W_OK):
        return f"The folder of {path.name} is read-only for you, so the library cannot be written."
    return None


class ReadOnlyBar(QToolBar):
    """The bar across the top of the window; a toolbar so that it sits above the tabs without
    the window's layout changing, and cannot be hidden or moved away."""

    def __init__(self, reason: str, window: MainWindow) -> None:
        super().__init__("Read-only", window)
        self.setObjectName("read_only_bar")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setEnabled(False)
        self.text = QLabel(
            f"Read-only: {reason} You can read, search and export memos; nothing can be changed."
        )
        self.text.setObjectName("read_only_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        # Across the whole window, not wrapped in a column at its left.
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.text.setAccessibleName("This library is open read-only")
        self.text.setAccessibleDescription(self.text.text())
        self.addWidget(self.text)
        warn = attention_colour(self.palette()).name()
        self.setStyleSheet(f"#read_only_bar {{ border: 2px solid {warn}; padding: 4px; }}")


def open_read_only(window: MainWindow, reason: str) -> None:
    """Turn the window to read-only for ``reason`` (a sentence): for as long as it is open."""
    if window.read_only_reason is not None:
        return
    window.read_only_reason = reason
    window.workers.read_only = reason
    for name in WRITE_ACTIONS:
        getattr(window, name).setEnabled(False)
    bar = ReadOnlyBar(reason, window)
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    window.read_only_bar = bar
    window.setWindowTitle(f"{window.windowTitle()} (read-only)")
    window.statusBar().showMessage(f"Read-only: {reason}")
