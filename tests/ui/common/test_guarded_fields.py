"""A field in a scrolling form changes by the wheel only once it has focus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from council_app.ui.common.guarded_fields import GuardedComboBox, GuardedSpinBox


def wheel(widget: object) -> None:
    centre = QPointF(5, 5)
    event = QWheelEvent(
        centre, centre, QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


def test_the_wheel_passes_an_unfocused_field_by(qtbot: QtBot) -> None:
    box = GuardedComboBox()
    box.addItems(["Approve", "Decline"])
    box.setCurrentIndex(1)
    spin = GuardedSpinBox()
    for field in (box, spin):
        qtbot.addWidget(field)
        field.show()
        assert field.focusPolicy() == Qt.FocusPolicy.StrongFocus
    wheel(box)
    wheel(spin)
    assert box.currentIndex() == 1 and spin.value() == 0
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin)
    assert spin.value() == 1
