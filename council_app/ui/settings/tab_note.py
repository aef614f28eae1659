"""The plain sentence at the foot of a settings tab that says what its fields are for.

Every tab of the settings dialog has one or two of them, and they should read alike on all of
them: wrapped to the tab's width, and shown as the plain text they are, never as rich text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
