"""A page's line of what just happened: an icon and a sentence, set as an error when a write was
refused, so that the outcome of every write is said where the member is looking.

The same on every page that writes (the due list, the Commitments view): shown with the
palette's attention colour and bold when it is an error, with an accessible name that says which
it is; restyled when the palette or style changes (a dark theme chosen while the app runs).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QWidget

from council_app.ui.common.fonts import bold_font
from council_app.ui.common.palette import attention_colour


class StatusMessage(QWidget):
    """``label`` holds the sentence (its object name is ``name``), ``icon`` its sign."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = False
        self.icon = QLabel()
        self.icon.hide()
        self.label = QLabel()
        self.label.setObjectName(name)
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Status")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)

    def say(self, text: str, *, error: bool = False) -> None:
        self.label.setText(text)
        self.label.setAccessibleDescription(text)
        self.error = error
        self._restyle()

    def _restyle(self) -> None:
        palette = QPalette(self.palette())
        if self.error:
            palette.setColor(QPalette.ColorRole.WindowText, attention_colour(self.palette()))
        self.label.setPalette(palette)
        self.label.setFont(bold_font(self.font()) if self.error else self.font())
        kind = (
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if self.error
            else QStyle.StandardPixmap.SP_MessageBoxInformation
        )
        size = self.fontMetrics().height()
        self.icon.setPixmap(self.style().standardIcon(kind).pixmap(size, size))
        self.icon.setVisible(bool(self.label.text()))
        self.label.setAccessibleName("Error" if self.error else "Status")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange) and (
            self.label.text()
        ):
            self._restyle()
