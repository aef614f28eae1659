"""Small widgets the workspace's pages share: the anchored rating scale, text syncing."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from council_app.framework import CONFIDENCE_LEVELS


class _ClickLabel(QLabel):
    """A level's wording: clicking it chooses the level, as clicking a radio's text would."""

    def __init__(self, text: str, button: QRadioButton) -> None:
        super().__init__(text)
        self.button = button
        self.setWordWrap(True)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.button.click()
        super().mousePressEvent(event)


class RatingScale(QWidget):
    """The framework's anchored scale (0–4 as shipped), each level with the sentence that says
    what it means; ``lowest`` is the score of the first level."""

    score_chosen = Signal(object)  # int | None

    def __init__(
        self,
        name: str,
        levels: Sequence[str],
        *,
        direction: str = "concern",
        lowest: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setColumnStretch(1, 1)
        self.buttons: dict[int, QRadioButton] = {}
        top = lowest + len(levels) - 1
        hint = (
            f"{top} is fully effective"
            if direction == "effectiveness"
            else f"{top} is the most concern"
        )
        for score, sentence in enumerate(levels, start=lowest):
            button = QRadioButton(str(score))
            button.setAccessibleName(f"{name}: {score}")
            button.setAccessibleDescription(sentence)
            self.group.addButton(button, score)
            self.buttons[score] = button
            layout.addWidget(button, score - lowest, 0, Qt.AlignmentFlag.AlignTop)
            layout.addWidget(_ClickLabel(sentence, button), score - lowest, 1)
        none = QRadioButton("Not rated yet")
        none.setAccessibleName(f"{name}: not rated")
        none.setAccessibleDescription(f"Leave this unrated ({hint}).")
        self.group.addButton(none, -1)
        self.buttons[-1] = none
        layout.addWidget(none, len(levels), 0, 1, 2)
        self.group.idClicked.connect(self.on_clicked)
        self.set_score(None)

    def set_score(self, score: int | None) -> None:
        button = self.buttons[-1 if score is None else score]
        if not button.isChecked():
            self.group.blockSignals(True)
            button.setChecked(True)
            self.group.blockSignals(False)

    def score(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked < 0 else checked

    @Slot(int)
    def on_clicked(self, score: int) -> None:
        self.score_chosen.emit(None if score < 0 else score)


def confidence_box(name: str) -> QComboBox:
    box = QComboBox()
    box.addItem("—", None)
    for level in CONFIDENCE_LEVELS:
        box.addItem(level.capitalize(), level)
    box.setAccessibleName(f"Confidence: {name}")
    return box


def set_confidence(box: QComboBox, value: str | None) -> None:
    index = box.findData(value) if value else 0
    if box.currentIndex() != max(index, 0):
        box.blockSignals(True)
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)


def sync_text(widget: QPlainTextEdit | QLineEdit, text: str) -> None:
    """Show ``text`` without disturbing the user: no signal, and the cursor stays put."""
    if isinstance(widget, QPlainTextEdit):
        if widget.toPlainText() == text:
            return
        cursor = widget.textCursor().position()
        widget.blockSignals(True)
        widget.setPlainText(text)
        widget.blockSignals(False)
        c = widget.textCursor()
        c.setPosition(min(cursor, len(text)))
        widget.setTextCursor(c)
    else:
        if widget.text() == text:
            return
        cursor = widget.cursorPosition()
        widget.blockSignals(True)
        widget.setText(text)
        widget.blockSignals(False)
        widget.setCursorPosition(min(cursor, len(text)))


def text_box(name: str, *, lines: int = 4, placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


def line_box(name: str, *, placeholder: str = "") -> QLineEdit:
    box = QLineEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    return box
