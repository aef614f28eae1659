"""The two tables of the Re-review tab, decisions due and the watch list, are read the same way:
one row at a time, sorted by what a column means rather than by how it is written, and sized to
show their widest ordinary value whole. Building them here once keeps them alike.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

SORT_ROLE = Qt.ItemDataRole.UserRole + 2

ModelIndex = QModelIndex | QPersistentModelIndex

# A sample date as wide as any the columns show (a two-digit day and the longest month
# name), for sizing them; not a review horizon.
WIDEST_DATE = date(2026, 9, 28)


def review_table(name: str, description: str) -> QTableView:
    table = QTableView()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setHighlightSections(False)
    table.setAccessibleName(name)
    table.setAccessibleDescription(description)
    return table


def sort_proxy(model: QAbstractTableModel) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(model.parent())
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy


def size_columns(table: QTableView, samples: dict[int, str], stretch: int) -> None:
    metrics = table.fontMetrics()
    for column, sample in samples.items():
        table.setColumnWidth(
            column, metrics.horizontalAdvance(sample) + 3 * metrics.averageCharWidth()
        )
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setDefaultSectionSize(metrics.lineSpacing() + metrics.height() // 2)
