"""Fields the mouse wheel leaves alone until they have focus.

In a scroll area an unfocused combobox, spin box or date field would otherwise take the wheel
while the page scrolls past it and silently change what it holds: a member's vote, a review
date, a weight of the framework. One rule, in one mixin, for every such field.
"""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QDateEdit, QDoubleSpinBox, QSpinBox, QWidget


class WheelNeedsFocus:
    """Mixed in before the Qt field class: takes focus by click or Tab, and the wheel only then."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(QWidget, self).setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if cast(QWidget, self).hasFocus():
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()


class GuardedComboBox(WheelNeedsFocus, QComboBox):
    pass


class GuardedDateEdit(WheelNeedsFocus, QDateEdit):
    pass


class GuardedSpinBox(WheelNeedsFocus, QSpinBox):
    pass


class GuardedDoubleSpinBox(WheelNeedsFocus, QDoubleSpinBox):
    pass
