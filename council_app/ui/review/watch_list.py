"""The watch list is how the council says "the ground has moved" for a region or a topic; the
table of entries and the panel to add and stop them are one job, and it stands apart from the
decisions due, which only read what the watch list flags.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from council_app.council.review import WatchEntry
from council_app.ui.common.dates import (
    date_edit,
    date_text,
    edit_date,
    set_edit_date,
    to_date,
    to_qdate,
)
from council_app.ui.common.row_table_model import RowTableModel
from council_app.ui.review.review_tables import (
    SORT_ROLE,
    WIDEST_DATE,
    ModelIndex,
    review_table,
    size_columns,
    sort_proxy,
)

WATCH_ID_ROLE = Qt.ItemDataRole.UserRole + 4

WATCH_KINDS = (("Region", "region"), ("Topic", "topic"))
_VALUE_PLACEHOLDERS = {"region": "FR", "topic": "elections"}


class WatchTableModel(RowTableModel[WatchEntry]):
    COLUMNS = ("Kind", "Region/topic", "Noted on", "Event on", "Note")
    KIND, VALUE, NOTED_ON, EVENT_ON, NOTE = range(5)

    def _text(self, entry: WatchEntry, column: int) -> str:
        if column == self.KIND:
            return "Region" if entry.kind == "region" else "Topic"
        if column == self.VALUE:
            return entry.value
        if column == self.NOTED_ON:
            return date_text(entry.noted_on)
        if column == self.EVENT_ON:
            return date_text(entry.event_on) if entry.event_on else ""
        if column == self.NOTE:
            return entry.note if entry.active else f"{entry.note} (no longer watched)".strip()
        return ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.row_for_index(index)
        if entry is None:
            return None
        if role == SORT_ROLE and index.column() == self.NOTED_ON:
            return entry.noted_on.isoformat()  # shown in words, sorted by the date
        if role == SORT_ROLE and index.column() == self.EVENT_ON:
            return entry.event_on.isoformat() if entry.event_on else ""
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            SORT_ROLE,
        ):
            return self._text(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.sentence()
        if role == WATCH_ID_ROLE:
            return entry.id
        return None


class WatchPanel(QGroupBox):
    """The watch list: regions and topics whose news may have moved the ground under decisions."""

    watch_added = Signal(str, str, object, str, object)  # kind, value, noted on, note, event on
    watch_closed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Watch list", parent)
        self.setObjectName("watch_panel")
        self._adding = False
        self._known_ids: set[int] = set()

        self.explanation = QLabel(
            "An entry flags every decision made before it that shares the region or the topic "
            "(a tag), until the decision is reviewed. Give the day of an event (an election) to "
            "have those decisions due for review by then."
        )
        self.explanation.setWordWrap(True)
        self.model = WatchTableModel(self)
        self.proxy = sort_proxy(self.model)
        self.table = review_table(
            "Watch list", "Regions and topics being watched, newest first. Select one to stop."
        )
        self.table.setObjectName("watch_table")
        self.table.horizontalHeader().setAccessibleName("Columns of the watch list")
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        size_columns(
            self.table,
            {
                WatchTableModel.KIND: "Region",
                WatchTableModel.VALUE: "facial-recognition",
                WatchTableModel.NOTED_ON: date_text(WIDEST_DATE),
                WatchTableModel.EVENT_ON: date_text(WIDEST_DATE),
            },
            WatchTableModel.NOTE,
        )
        self.stop_button = QPushButton("Stop watc&hing")
        self.stop_button.setAccessibleName("Stop watching the selected entry")
        self.stop_button.setAccessibleDescription(
            "It stops flagging decisions and stays on record."
        )
        self.stop_button.setEnabled(False)

        self.kind = QComboBox()
        for title, key in WATCH_KINDS:
            self.kind.addItem(title, key)
        self.kind.setAccessibleName("Kind of watch-list entry")
        self.value = QLineEdit()
        self.value.setAccessibleName("Region or topic to watch")
        self.value.setAccessibleDescription(
            "A region code such as FR, or a topic tag such as elections."
        )
        self.noted_on = date_edit(
            "Noted on", "The day the news came; decisions before it are flagged."
        )
        self.event_on = date_edit(
            "Event on",
            "Optional: the day of the event; the decisions flagged are due for review by then.",
            optional=True,
        )
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText("elections announced")
        self.note_edit.setAccessibleName("Watch-list note")
        self.watch_button = QPushButton("&Watch")
        self.watch_button.setAccessibleName("Add to the watch list")
        self.watch_button.setEnabled(False)

        kind_label = QLabel("&Kind:")
        kind_label.setBuddy(self.kind)
        value_label = QLabel("Region or to&pic:")
        value_label.setBuddy(self.value)
        noted_label = QLabel("Not&ed on:")
        noted_label.setBuddy(self.noted_on)
        note_label = QLabel("No&te:")
        note_label.setBuddy(self.note_edit)
        event_label = QLabel("E&vent on:")
        event_label.setBuddy(self.event_on)
        add = QGridLayout()
        for column, (label, field) in enumerate(
            (
                (kind_label, self.kind),
                (value_label, self.value),
                (noted_label, self.noted_on),
                (event_label, self.event_on),
                (note_label, self.note_edit),
            )
        ):
            add.addWidget(label, 0, column)
            add.addWidget(field, 1, column)
        add.addWidget(self.watch_button, 1, 5)
        add.setColumnStretch(1, 1)
        add.setColumnStretch(4, 2)

        table_row = QHBoxLayout()
        table_row.addWidget(self.table, 1)
        side = QVBoxLayout()
        side.addWidget(self.stop_button)
        side.addStretch(1)
        table_row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(table_row, 1)
        layout.addLayout(add)

        for first, second in (
            (self.table, self.stop_button),
            (self.stop_button, self.kind),
            (self.kind, self.value),
            (self.value, self.noted_on),
            (self.noted_on, self.event_on),
            (self.event_on, self.note_edit),
            (self.note_edit, self.watch_button),
        ):
            QWidget.setTabOrder(first, second)

        self.on_kind_changed(0)
        self.kind.currentIndexChanged.connect(self.on_kind_changed)
        self.value.textChanged.connect(self.on_value_edited)
        self.value.returnPressed.connect(self.on_watch)
        self.note_edit.returnPressed.connect(self.on_watch)
        self.watch_button.clicked.connect(self.on_watch)
        self.stop_button.clicked.connect(self.on_stop)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)

    def set_today(self, today: date) -> None:
        self.noted_on.setDate(to_qdate(today))

    def show_watch(self, entries: Sequence[WatchEntry]) -> None:
        selected = self.selected_entry()
        new = [e for e in entries if e.id not in self._known_ids]
        self.model.set_rows(entries)
        self._known_ids = {e.id for e in entries}
        if self._adding and new:
            # The core accepted the entry: clear the form for the next and point at what was added.
            self._adding = False
            self.value.clear()
            self.note_edit.clear()
            set_edit_date(self.event_on, None)
            self.select_entry(new[0].id)
        elif selected is not None:
            self.select_entry(selected.id)
        self.on_selection_changed(QItemSelection(), QItemSelection())

    def adding_refused(self) -> None:
        """Keep what was typed, so that it can be corrected rather than typed again."""
        self._adding = False

    def select_entry(self, entry_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(WATCH_ID_ROLE) == entry_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

    def selected_entry(self) -> WatchEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_for_index(self.proxy.mapToSource(rows[0]))

    @Slot(int)
    def on_kind_changed(self, _index: int) -> None:
        key = str(self.kind.currentData())
        self.value.setPlaceholderText(_VALUE_PLACEHOLDERS.get(key, ""))

    @Slot(str)
    def on_value_edited(self, text: str) -> None:
        self.watch_button.setEnabled(bool(text.strip()))

    @Slot()
    def on_watch(self) -> None:
        value = self.value.text().strip()
        if not value:
            self.value.setFocus()
            return
        self._adding = True
        self.watch_added.emit(
            str(self.kind.currentData()),
            value,
            to_date(self.noted_on.date()),
            self.note_edit.text().strip(),
            edit_date(self.event_on),
        )

    @Slot()
    def on_stop(self) -> None:
        entry = self.selected_entry()
        if entry is not None and entry.active:
            self.watch_closed.emit(entry.id)

    @Slot(QItemSelection, QItemSelection)
    def on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        entry = self.selected_entry()
        self.stop_button.setEnabled(entry is not None and entry.active)
