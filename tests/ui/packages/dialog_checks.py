"""What the export and the merge dialogs' tests check alike: a click, and every input named.

Both dialogs are driven the same way and must pass the same accessibility check, so the check
is written once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

TIMEOUT = 1000


def click(qtbot: QtBot, widget: QWidget | None) -> None:
    assert widget is not None
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def interactive_without_names(dialog: QWidget) -> list[str]:
    interactive = [
        w
        for w in dialog.findChildren(QWidget)
        if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert interactive
    return [f"{type(w).__name__} {w.objectName()}" for w in interactive if not w.accessibleName()]
