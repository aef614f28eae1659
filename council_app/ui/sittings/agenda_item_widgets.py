"""The small widgets of the agenda item: boxes the mouse wheel leaves alone until they have
focus (a member scrolling the panel must not change a vote), a member's dissent row, and the
request the panel sends when the council records its decision.

Their own module because they hold no rule of the sitting; the panel composes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from council_app.case import Condition, Dissent
from council_app.ui.common.guarded_fields import GuardedComboBox
from council_app.ui.common.palette import attention_colour


@dataclass(frozen=True)
class DecisionRequest:
    """What the council asked to record; the main window hands it to the core as it is."""

    outcome: str
    rationale: str
    conditions: tuple[Condition, ...]
    dissent: tuple[Dissent, ...]
    review_by: date
    replace: bool
    departure: str = ""
    distinction: str = ""


def warning_style(palette: QPalette, *, framed: bool = False) -> str:
    colour = attention_colour(palette).name()
    frame = f" border: 1px solid {colour}; border-radius: 3px; padding: 0.3em;" if framed else ""
    return f"color: {colour};{frame}"


def discard(widget: QWidget) -> None:
    # Out of the panel at once (a widget awaiting deleteLater stays in the focus chain and,
    # added but not yet shown, can still be shown by its layout), deleted when Qt is ready.
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


class DissentRow(QWidget):
    """One member's dissent, in their own words."""

    removal_requested = Signal(QWidget)

    def __init__(self, members: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.member_box = GuardedComboBox()
        self.member_box.setAccessibleName("Dissenting member")
        self.text = QLineEdit()
        self.text.setAccessibleName("Dissent, in the member's own words")
        self.text.setPlaceholderText("In their own words")
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName("Remove this dissent")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.member_box)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.remove)
        self.set_members(members)
        self.remove.clicked.connect(self.on_remove_clicked)

    def set_members(self, members: tuple[str, ...]) -> None:
        """Offer ``members`` and keep the one chosen, even if they are no longer offered."""
        chosen = self.member()
        names = list(members)
        if chosen and chosen not in names:
            names.append(chosen)
        self.member_box.blockSignals(True)
        self.member_box.clear()
        self.member_box.addItems(names)
        if chosen:
            self.member_box.setCurrentIndex(names.index(chosen))
        self.member_box.blockSignals(False)

    def member(self) -> str:
        return self.member_box.currentText()

    def set_member(self, member: str) -> None:
        index = self.member_box.findText(member)
        if index >= 0:
            self.member_box.setCurrentIndex(index)

    def set_read_only(self, read_only: bool) -> None:
        self.member_box.setEnabled(not read_only)
        self.text.setReadOnly(read_only)
        self.remove.setEnabled(not read_only)

    @Slot()
    def on_remove_clicked(self) -> None:
        self.removal_requested.emit(self)
