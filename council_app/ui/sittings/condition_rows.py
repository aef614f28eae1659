"""The conditions a decision is recorded with, as a small editable table: what each says, its
kind (the kinds of the case's framework), who owes it, when it is due and whether it recurs.

A row whose kind is left alone takes the kind the framework gives conditions of the outcome
chosen: its default kind, or for a deferral the information requested (the core's
:func:`council_app.council.commitments.committed` says the same when a decision names none), so
changing the outcome carries the rows along. A row with no text is not a condition: the counts
the form's rules use are of rows with text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from council_app.case import Condition
from council_app.council.commitments import default_condition_kind, every_words
from council_app.framework import Framework
from council_app.ui.common.dates import date_edit, date_text, edit_date, set_edit_date
from council_app.ui.common.months_delegate import MonthsDelegate
from council_app.ui.common.row_table_model import ModelIndex

VALUE_ROLE = Qt.ItemDataRole.UserRole + 20


class ConditionRowsModel(QAbstractTableModel):
    """The rows being edited, as Conditions; ``kind`` "" means "the outcome's default"."""

    COLUMNS = ("Condition", "Kind", "Owner", "Due", "Every")
    TEXT, KIND, OWNER, DUE, EVERY = range(5)
    TIPS = (
        "What the decision rests on.",
        "The kind of condition: what follows when it is not kept.",
        "Who owes it (optional).",
        "When it is due (optional).",
        "For a recurring report: every so many months (optional).",
    )

    changed = Signal()

    def __init__(self, framework: Framework, parent: Any = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.default_kind = framework.commitments.default_kind
        self.read_only = False
        self._rows: list[Condition] = []

    # -- rows --------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Condition]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Condition]:
        return list(self._rows)

    def add_row(self) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(Condition(text=""))
        self.endInsertRows()
        self.changed.emit()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            self.changed.emit()

    def set_default_kind(self, kind: str) -> None:
        if kind != self.default_kind:
            self.default_kind = kind
            if self._rows:
                column = self.index(0, self.KIND)
                self.dataChanged.emit(column, self.index(len(self._rows) - 1, self.KIND))

    def kind_of(self, condition: Condition) -> str:
        return condition.kind or self.default_kind

    def conditions(self) -> tuple[Condition, ...]:
        """The rows with text, as the decision records them (each of its kind)."""
        return tuple(
            replace(c, text=c.text.strip(), owner=c.owner.strip(), kind=self.kind_of(c))
            for c in self._rows
            if c.text.strip()
        )

    # -- Qt's model --------------------------------------------------------------------------

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
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.TIPS[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self.read_only else flags | Qt.ItemFlag.ItemIsEditable

    def _text(self, c: Condition, column: int) -> str:
        if column == self.TEXT:
            return c.text
        if column == self.KIND:
            # A kind left to follow the outcome is shown in italics.
            return self.framework.condition_kind_title(self.kind_of(c))
        if column == self.OWNER:
            return c.owner
        if column == self.DUE:
            return date_text(c.due) if c.due else ""
        if column == self.EVERY:
            return every_words(c.every_months) if c.every_months else ""
        return ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(c, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._text(c, column) or "not given"
            return f"{text}, the outcome's default" if column == self.KIND and not c.kind else text
        if role == Qt.ItemDataRole.EditRole:
            return c.text if column == self.TEXT else c.owner if column == self.OWNER else None
        if role == VALUE_ROLE:
            if column == self.KIND:
                return self.kind_of(c)
            if column == self.DUE:
                return c.due
            if column == self.EVERY:
                return c.every_months
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.KIND:
                kind = self.framework.condition_kind(self.kind_of(c))
                said = kind.description if kind is not None else ""
                return said if c.kind else f"{said} The outcome's default kind.".strip()
            return self._text(c, column) or None
        if role == Qt.ItemDataRole.FontRole and column == self.KIND and not c.kind:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        row, column = index.row(), index.column()
        c = self._rows[row]
        if column == self.TEXT:
            new = replace(c, text=str(value or ""))
        elif column == self.OWNER:
            new = replace(c, owner=str(value or ""))
        elif column == self.KIND:
            # Choosing the default again leaves the row following the outcome.
            kind = str(value or "")
            new = replace(c, kind="" if kind == self.default_kind and not c.kind else kind)
        elif column == self.DUE:
            new = replace(c, due=value if isinstance(value, date) else None)
        elif column == self.EVERY:
            new = replace(c, every_months=int(value) if value else None)
        else:
            return False
        if new == c:
            return False
        self._rows[row] = new
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True


class KindDelegate(QStyledItemDelegate):
    def __init__(self, model: ConditionRowsModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows = model

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        box = QComboBox(parent)
        for kind in self.rows.framework.condition_kinds:
            box.addItem(kind.title, kind.key)
            box.setItemData(box.count() - 1, kind.description, Qt.ItemDataRole.ToolTipRole)
        box.setAccessibleName("Kind of condition")
        return box

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(VALUE_ROLE)), 0))

    def setModelData(self, editor: QWidget, model: Any, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DueDelegate(QStyledItemDelegate):
    """A date that may be left unset ("No date")."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        return date_edit(
            "Due", "When the condition is due; No date for none.", optional=True, parent=parent
        )

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        assert isinstance(editor, QDateEdit)
        value = index.data(VALUE_ROLE)
        set_edit_date(editor, value if isinstance(value, date) else None)

    def setModelData(self, editor: QWidget, model: Any, index: ModelIndex) -> None:
        assert isinstance(editor, QDateEdit)
        model.setData(index, edit_date(editor), Qt.ItemDataRole.EditRole)


class ConditionsTable(QTableView):
    """Delete removes the selected condition, as the Remove button does; Tab leaves the table
    (arrows move between cells), so the form reads in order from the keyboard."""

    delete_pressed = Signal()

    # How the width is shared when the form is narrow: the text most, then kind and owner.
    SHARES = (0.38, 0.19, 0.17, 0.14, 0.12)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = self.viewport().width()
        header = self.horizontalHeader()
        for column, share in enumerate(self.SHARES[1:], start=1):
            natural = header.sectionSize(column) if self._natural is None else self._natural[column]
            header.resizeSection(column, min(natural, round(width * share)))

    _natural: list[int] | None = None

    def keep_natural_widths(self) -> None:
        """The widths the columns were sized to: a narrow form shrinks them, a wider one gives
        them back."""
        header = self.horizontalHeader()
        self._natural = [header.sectionSize(c) for c in range(header.count())]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.state() != self.State.EditingState:
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class ConditionsEditor(QWidget):
    """The decision form's conditions: a table, and Add / Remove."""

    changed = Signal()

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conditions_editor")
        self.model = ConditionRowsModel(framework, self)
        self.table = ConditionsTable()
        self.table.setObjectName("conditions_table")
        self.table.setModel(self.model)
        self.table.setAccessibleName("Conditions")
        self.table.setAccessibleDescription(
            "One condition a row: what it says, its kind, owner, due date and how often it "
            "recurs. Press F2 or type to edit a cell; Delete removes the row."
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(
            ConditionRowsModel.KIND, KindDelegate(self.model, self.table)
        )
        self.table.setItemDelegateForColumn(ConditionRowsModel.DUE, DueDelegate(self.table))
        self.table.setItemDelegateForColumn(
            ConditionRowsModel.EVERY, MonthsDelegate(VALUE_ROLE, self.table)
        )
        header = self.table.horizontalHeader()
        header.setAccessibleName("Columns of the conditions")
        metrics = self.table.fontMetrics()
        # Sized to show their ordinary values whole; the condition's text takes the rest.
        kinds = [k.title for k in framework.condition_kinds] or ["Before launch"]
        for column, sample in (
            (ConditionRowsModel.KIND, max(kinds, key=len)),
            (ConditionRowsModel.OWNER, "Campaign data office"),
            (ConditionRowsModel.DUE, date_text(date(2026, 9, 28))),
            (ConditionRowsModel.EVERY, "every 12 months"),
        ):
            self.table.setColumnWidth(
                column, metrics.horizontalAdvance(sample) + 3 * metrics.averageCharWidth()
            )
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ConditionRowsModel.TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.keep_natural_widths()
        self.table.verticalHeader().setDefaultSectionSize(
            metrics.lineSpacing() + metrics.height() // 2
        )
        rows = 3
        self.table.setMinimumHeight(
            header.sizeHint().height() + rows * (metrics.lineSpacing() + metrics.height() // 2)
        )
        self.table.setMaximumHeight(self.table.minimumHeight() * 2)
        self.add_button = QPushButton("Add co&ndition")
        self.add_button.setAccessibleName("Add a condition")
        self.remove_button = QPushButton("Remove condition")
        self.remove_button.setAccessibleName("Remove the selected condition")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        # The label's buddy, and the start of the form's tab order here, is the table.
        self.setFocusProxy(self.table)
        QWidget.setTabOrder(self.table, self.add_button)
        QWidget.setTabOrder(self.add_button, self.remove_button)

        self.model.changed.connect(self.changed)
        self.model.modelReset.connect(self.on_rows_changed)
        self.model.rowsInserted.connect(self.on_rows_changed)
        self.model.rowsRemoved.connect(self.on_rows_changed)
        self.table.selectionModel().selectionChanged.connect(self.on_rows_changed)
        self.add_button.clicked.connect(self.on_add)
        self.remove_button.clicked.connect(self.on_remove)
        self.table.delete_pressed.connect(self.on_remove)
        self.on_rows_changed()

    # -- what the form asks ------------------------------------------------------------------

    def set_framework(self, framework: Framework) -> None:
        if framework != self.model.framework:
            self.model.framework = framework
            self.model.set_rows(self.model.rows())

    def set_outcome(self, outcome: str) -> None:
        """New and untouched rows take the kind conditions of this outcome have."""
        self.model.set_default_kind(default_condition_kind(self.model.framework, outcome))

    def set_conditions(self, conditions: Sequence[Condition]) -> None:
        self.model.set_rows(conditions)

    def clear(self) -> None:
        self.model.set_rows([])

    def conditions(self) -> tuple[Condition, ...]:
        return self.model.conditions()

    def texts(self) -> list[str]:
        return [c.text for c in self.conditions()]

    def count(self) -> int:
        """How many conditions the form holds: rows with text."""
        return len(self.conditions())

    def setReadOnly(self, read_only: bool) -> None:
        self.model.read_only = read_only
        if read_only and self.table.state() == self.table.State.EditingState:
            self.table.setCurrentIndex(self.table.currentIndex())  # closes the editor
        self.on_rows_changed()

    def isReadOnly(self) -> bool:
        return self.model.read_only

    # -- slots -------------------------------------------------------------------------------

    @Slot()
    def on_rows_changed(self, *_args: object) -> None:
        self.add_button.setEnabled(not self.model.read_only)
        has = self.table.selectionModel().hasSelection() or self.table.currentIndex().isValid()
        self.remove_button.setEnabled(
            not self.model.read_only and self.model.rowCount() > 0 and has
        )

    @Slot()
    def on_add(self) -> None:
        if self.model.read_only:
            return
        row = self.model.add_row()
        index = self.model.index(row, ConditionRowsModel.TEXT)
        self.table.setCurrentIndex(index)
        self.table.setFocus()
        self.table.edit(index)

    @Slot()
    def on_remove(self) -> None:
        if self.model.read_only:
            return
        current = self.table.currentIndex()
        if not current.isValid():
            return
        row = current.row()
        self.model.remove_row(row)
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))
        else:
            self.add_button.setFocus()
