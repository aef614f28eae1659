"""The selected member's register of declared interests, in the Members tab.

Declaring and withdrawing here edit the register the dialog holds; OK saves it with the members
through the core (``council_app.library.interests.save_registers``), which declares the new
interests and withdraws those withdrawn, and never deletes one. The interest being typed is
checked by the core's own rule (``check_kind``) before it is added.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from council_app.library.interests import INTEREST_KINDS, KIND_TITLES, Interest
from council_app.ui.common.row_table_model import RowTableModel

ModelIndex = QModelIndex | QPersistentModelIndex

# The whole Interest of a row.
INTEREST_ROLE = Qt.ItemDataRole.UserRole + 1


class InterestsModel(RowTableModel[Interest]):
    """One member's interests, withdrawn ones too, in the order declared (read-only)."""

    COLUMNS = ("No.", "Kind", "Interest", "Declared", "Withdrawn", "Note")
    NUMBER, KIND, TEXT, DECLARED, WITHDRAWN, NOTE = range(6)
    HEADER_TIPS = (
        "The interest's number among the member's interests",
        "Customer, sector, product, region or role",
        "What the interest is, in the member's words",
        "The day it was declared",
        "The day it was withdrawn; empty while it stands",
        "Anything said with it",
    )

    def interests(self) -> tuple[Interest, ...]:
        return tuple(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        interest = self._rows[index.row()]
        if role == INTEREST_ROLE:
            return interest
        if role == Qt.ItemDataRole.ToolTipRole:
            return interest.sentence()
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        column = index.column()
        if column == self.NUMBER:
            return str(interest.number)
        if column == self.KIND:
            return KIND_TITLES[interest.kind].capitalize()
        if column == self.TEXT:
            return interest.text
        if column == self.DECLARED:
            return interest.declared_on.isoformat()
        if column == self.WITHDRAWN:
            return interest.withdrawn_on.isoformat() if interest.withdrawn_on else ""
        if column == self.NOTE:
            return interest.note
        return None


class InterestsPanel(QGroupBox):
    """The register of the member selected above: declare an interest, withdraw one."""

    interests_edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__("Declared interests", parent)
        self.setObjectName("settings_interests")
        self._today = today
        self._member = ""
        self.model = InterestsModel(self)
        self.table = QTableView()
        self.table.setObjectName("settings_interests_table")
        self.table.setModel(self.model)
        self.table.setAccessibleName("Declared interests of the selected member")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setAccessibleName("Interest columns")
        for column in range(len(InterestsModel.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(InterestsModel.TEXT, QHeaderView.ResizeMode.Stretch)

        self.kind = QComboBox()
        self.kind.setObjectName("settings_interest_kind")
        self.kind.setAccessibleName("Kind of interest")
        for key in INTEREST_KINDS:
            self.kind.addItem(KIND_TITLES[key].capitalize(), key)
        self.text = QLineEdit()
        self.text.setObjectName("settings_interest_text")
        self.text.setAccessibleName("The interest, in the member's words")
        self.text.setPlaceholderText("for example: sales lead for the public sector")
        self.note_field = QLineEdit()
        self.note_field.setObjectName("settings_interest_note")
        self.note_field.setAccessibleName("Note on the interest")
        self.declare_button = QPushButton("&Declare interest")
        self.declare_button.setObjectName("settings_declare_interest")
        self.declare_button.setAccessibleName("Declare the interest")
        self.declare_button.setAccessibleDescription(
            "Adds the interest typed above to the selected member's register, declared today."
        )
        self.withdraw_button = QPushButton("&Withdraw interest")
        self.withdraw_button.setObjectName("settings_withdraw_interest")
        self.withdraw_button.setAccessibleName("Withdraw the selected interest")
        self.withdraw_button.setAccessibleDescription(
            "Records today as the day the selected interest was withdrawn; it stays listed."
        )
        self.status = QLabel()
        self.status.setObjectName("settings_interests_status")
        self.status.setWordWrap(True)

        form = QGridLayout()
        kind_label = QLabel("&Kind:")
        kind_label.setBuddy(self.kind)
        text_label = QLabel("&Interest:")
        text_label.setBuddy(self.text)
        note_label = QLabel("N&ote:")
        note_label.setBuddy(self.note_field)
        form.addWidget(kind_label, 0, 0)
        form.addWidget(self.kind, 0, 1)
        form.addWidget(text_label, 0, 2)
        form.addWidget(self.text, 0, 3)
        form.addWidget(note_label, 1, 2)
        form.addWidget(self.note_field, 1, 3)
        form.setColumnStretch(3, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.declare_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)

        self.declare_button.clicked.connect(self.on_declare)
        self.withdraw_button.clicked.connect(self.on_withdraw)
        self.text.textChanged.connect(self.on_text_changed)
        self.table.selectionModel().selectionChanged.connect(self.on_interest_selection_changed)
        self.show_member("", ())

    def today(self) -> date:
        return self._today or date.today()

    def show_member(self, name: str, interests: Sequence[Interest]) -> None:
        self._member = name
        self.model.set_rows(list(interests))
        self.setEnabled(bool(name))
        if not name:
            self.status.setText("Select a member with a name to see their declared interests.")
        elif not interests:
            self.status.setText(f"{name} has declared no interests.")
        else:
            standing = sum(1 for i in interests if i.withdrawn_on is None)
            self.status.setText(f"{name}: {standing} of {len(interests)} interests stand.")
        self._update_buttons()

    def _selected(self) -> Interest | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(INTEREST_ROLE)
        return value if isinstance(value, Interest) else None

    def _update_buttons(self) -> None:
        self.declare_button.setEnabled(bool(self._member and self.text.text().strip()))
        chosen = self._selected()
        self.withdraw_button.setEnabled(chosen is not None and chosen.withdrawn_on is None)

    # -- slots ------------------------------------------------------------------------------

    @Slot(str)
    def on_text_changed(self, _text: str) -> None:
        self._update_buttons()

    @Slot(QItemSelection, QItemSelection)
    def on_interest_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._update_buttons()

    @Slot()
    def on_declare(self) -> None:
        text = " ".join(self.text.text().split())
        if not self._member or not text:
            return
        listed = self.model.interests()
        added = Interest(
            number=len(listed) + 1,
            member=self._member,
            kind=str(self.kind.currentData()),
            text=text,
            declared_on=self.today(),
            note=" ".join(self.note_field.text().split()),
        )
        self.text.clear()
        self.note_field.clear()
        self.show_member(self._member, [*listed, added])
        self.interests_edited.emit()

    @Slot()
    def on_withdraw(self) -> None:
        chosen = self._selected()
        if chosen is None or chosen.withdrawn_on is not None:
            return
        listed = [
            i.withdrawn(self.today()) if i.number == chosen.number else i
            for i in self.model.interests()
        ]
        self.show_member(self._member, listed)
        self.table.selectRow(chosen.number - 1)
        self.interests_edited.emit()
