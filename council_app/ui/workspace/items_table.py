"""A table of list items with Add and Remove buttons: the facts, the proposed actions, the
stakeholder input, the conditions, the votes and the dissents of a case."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from council_app.ui.common.months_delegate import MonthsDelegate
from council_app.ui.workspace.rows_model import (
    VALUE_ROLE,
    ChoiceDelegate,
    Column,
    DateDelegate,
    RowsModel,
)


class ItemsTable(QWidget):
    """A table of list items with Add and Remove buttons."""

    def __init__(
        self,
        name: str,
        columns: Sequence[Column],
        on_changed: Callable[[int, Any], object],
        new_item: Callable[[], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.on_changed = on_changed
        self.new_item = new_item
        self.model = RowsModel(columns, on_changed, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(name)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.setWordWrap(True)
        for index, column in enumerate(columns):
            if column.kind == "choice":
                self.view.setItemDelegateForColumn(index, ChoiceDelegate(column.choices, self.view))
            elif column.kind == "date":
                self.view.setItemDelegateForColumn(index, DateDelegate(self.view))
            elif column.kind == "months":
                self.view.setItemDelegateForColumn(index, MonthsDelegate(VALUE_ROLE, self.view))
        header = self.view.horizontalHeader()
        header.setAccessibleName(f"Columns of {name.lower()}")
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(
            0 if columns[0].kind == "text" else 1, QHeaderView.ResizeMode.Stretch
        )
        self.add = QPushButton(f"&Add {name.lower().rstrip('s')}")
        self.add.setAccessibleName(f"Add to {name.lower()}")
        self.remove = QPushButton("Remo&ve")
        self.remove.setAccessibleName(f"Remove the selected row from {name.lower()}")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.add.clicked.connect(self.on_add)
        self.remove.clicked.connect(self.on_remove)

    def on_add(self) -> None:
        self.on_changed(self.model.rowCount(), self.new_item())
        row = self.model.rowCount() - 1
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.edit(self.model.index(row, 0))

    def on_remove(self) -> None:
        rows = self.view.selectionModel().selectedRows() or (
            [self.view.currentIndex()] if self.view.currentIndex().isValid() else []
        )
        for index in sorted((i.row() for i in rows), reverse=True):
            self.on_changed(index, None)

    def set_items(self, items: Sequence[Any]) -> None:
        self.model.set_items(items)
        self.view.resizeRowsToContents()


__all__ = ["ItemsTable"]
