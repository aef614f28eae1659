"""The editor of a recurrence in a table: every so many months, or once (0 reads "Once").

The sitting's decision form and the workspace's Conditions table both edit a condition's
recurrence with it, within the core's bound (``case.MAX_EVERY_MONTHS``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QSpinBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from council_app.case import MAX_EVERY_MONTHS

ModelIndex = QModelIndex | QPersistentModelIndex


class MonthsDelegate(QStyledItemDelegate):
    """``value_role``: the role under which the model gives the months (None for once)."""

    def __init__(self, value_role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value_role = value_role

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        box = QSpinBox(parent)
        box.setRange(0, MAX_EVERY_MONTHS)
        box.setSpecialValueText("Once")
        box.setSuffix(" months")
        box.setAccessibleName("Every so many months")
        return box

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        assert isinstance(editor, QSpinBox)
        editor.setValue(int(index.data(self.value_role) or 0))

    def setModelData(self, editor: QWidget, model: Any, index: ModelIndex) -> None:
        assert isinstance(editor, QSpinBox)
        model.setData(index, editor.value() or None, Qt.ItemDataRole.EditRole)
