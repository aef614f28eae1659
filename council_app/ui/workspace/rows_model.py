"""An editable table of a case's list items (proposed actions, stakeholder input, conditions).

The model shows immutable items (dataclasses from :mod:`council_app.case`); an edit in a cell
makes a new item with ``dataclasses.replace`` and hands it to a callback, which turns it into an
undoable edit of the case. The model never changes its rows itself: the case comes back
through the editor and the page resets the model, so the table always shows the case.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from council_app.ui.common.dates import date_edit, to_date, to_qdate

ModelIndex = QModelIndex | QPersistentModelIndex
VALUE_ROLE = Qt.ItemDataRole.UserRole + 10


@dataclass(frozen=True)
class Column:
    header: str
    attr: str
    kind: str = "text"  # text, choice, date, months (a count of months, or none)
    choices: tuple[tuple[str, Any], ...] = ()  # (label, value) for kind "choice"
    editable: bool = True
    # A column shown from the row rather than edited in it (a condition's status today):
    # what it reads, and its tooltip. Such a column is never editable.
    read: Callable[[Any], str] | None = None
    tip: Callable[[Any], str] | None = None

    def label(self, value: Any) -> str:
        if self.kind == "choice":
            return next(
                (label for label, v in self.choices if v == value),
                "" if value is None else str(value),
            )
        if self.kind == "date":
            return value.isoformat() if value else ""
        if self.kind == "months":
            return "" if not value else ("every month" if value == 1 else f"every {value} months")
        return "" if value is None else str(value)


class RowsModel(QAbstractTableModel):
    def __init__(
        self,
        columns: Sequence[Column],
        on_changed: Callable[[int, Any], object],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.on_changed = on_changed
        self.items: list[Any] = []

    def set_items(self, items: Sequence[Any]) -> None:
        if list(items) == self.items:
            return
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if column.editable and column.read is None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or index.row() >= len(self.items)
            or index.column() >= len(self.columns)
        ):
            return None
        column = self.columns[index.column()]
        item = self.items[index.row()]
        if column.read is not None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return column.read(item)
            if role == Qt.ItemDataRole.ToolTipRole:
                return column.tip(item) if column.tip is not None else column.read(item)
            return None
        value = getattr(item, column.attr)
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return column.label(value)
        if role == Qt.ItemDataRole.EditRole:
            return (
                value.isoformat()
                if column.kind == "date" and value
                else column.label(value)
                if column.kind != "text"
                else value
            )
        if role == VALUE_ROLE:
            return value
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self.columns[index.column()]
        if column.read is not None:
            return False
        if column.kind == "months":
            try:
                value = int(value) if value else None
            except (TypeError, ValueError):
                return False
        elif column.kind == "date":
            try:
                value = date.fromisoformat(value) if value else None
            except (TypeError, ValueError):
                return False
        elif column.kind == "text":
            value = str(value)
        item = self.items[index.row()]
        if getattr(item, column.attr) == value:
            return False
        self.on_changed(index.row(), replace(item, **{column.attr: value}))
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of (label, value) choices for a column."""

    def __init__(self, choices: Sequence[tuple[str, Any]], parent: Any = None) -> None:
        super().__init__(parent)
        self.choices = tuple(choices)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        box = QComboBox(parent)
        for label, value in self.choices:
            box.addItem(label, value)
        box.setAccessibleName("Choose a value")
        return box

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        position = editor.findData(index.data(VALUE_ROLE))
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor: QWidget, model: Any, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        return date_edit("Date", "The date of this row.", parent=parent)

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        assert isinstance(editor, QDateEdit)
        value = index.data(VALUE_ROLE)
        editor.setDate(to_qdate(value) if value else QDate.currentDate())

    def setModelData(self, editor: QWidget, model: Any, index: ModelIndex) -> None:
        assert isinstance(editor, QDateEdit)
        model.setData(index, to_date(editor.date()).isoformat(), Qt.ItemDataRole.EditRole)
