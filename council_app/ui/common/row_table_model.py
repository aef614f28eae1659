"""A read-only table of immutable rows, one object per row, with named columns.

The tables of the app (cases, decisions due, the watch list) differ in what they show of a row,
not in how they hold rows; subclasses give ``COLUMNS`` and ``data``.

A table that may hold tens of thousands of rows also gives ``sort_key``: it then sorts its own
Python list by keys computed once per row (20,000 cases in some 20 ms), and the view's
:class:`SourceSortProxy` hands a click on a heading to it. Qt's proxy would instead compare
pairs of rows through ``data()`` on the GUI thread (some 600,000 calls, three seconds with the
window frozen, on 20,000 cases).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

ModelIndex = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


class RowTableModel(QAbstractTableModel, Generic[Row]):
    COLUMNS: tuple[str, ...] = ()
    HEADER_TIPS: tuple[str, ...] = ()  # what each column means, shown over its header

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._delivered: list[Row] = []  # in the order given, which sorting by no column restores
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def sort_key(self, row: Row, column: int) -> Any:
        """What ``column`` sorts ``row`` by; None (the default) leaves sorting to Qt's proxy."""
        return None

    @property
    def sorts_itself(self) -> bool:
        return type(self).sort_key is not RowTableModel.sort_key

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._delivered = list(rows)
        self._rows = self._sorted(self._delivered)
        self.endResetModel()

    def _sorted(self, rows: list[Row]) -> list[Row]:
        if self._sort_column < 0 or not self.sorts_itself:
            return list(rows)
        column = self._sort_column
        keys = [self.sort_key(row, column) for row in rows]
        order = sorted(
            range(len(rows)),
            key=keys.__getitem__,
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )  # stable both ways: equal keys keep the order they were given in
        return [rows[i] for i in order]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (-1: back to the order given), keeping selections on their rows."""
        if not self.sorts_itself:
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = self._rows
        self._rows = self._sorted(self._delivered)
        where = {id(row): number for number, row in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent,
            [
                self.index(where[id(before[index.row()])], index.column())
                if 0 <= index.row() < len(before)
                else QModelIndex()
                for index in persistent
            ],
        )
        self.layoutChanged.emit()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_for_index(self, index: ModelIndex) -> Row | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section < len(self.HEADER_TIPS):
            return self.HEADER_TIPS[section]
        return None


class SourceSortProxy(QSortFilterProxyModel):
    """A proxy that leaves sorting to a model that sorts itself (see the module's docstring),
    and sorts as Qt's own does for any other model."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, RowTableModel) and source.sorts_itself:
            super().sort(-1)  # the proxy keeps the source's order
            source.sort(column, order)
        else:
            super().sort(column, order)


def check_state(value: Any) -> bool | None:
    """Whether a check box cell was ticked, as item views and tests hand the state over (an int
    in PySide6, the enum, a bool); None for anything else."""
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value == Qt.CheckState.Checked.value
    return None
