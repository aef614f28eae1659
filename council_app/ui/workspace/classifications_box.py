"""Where the case stands in its framework's taxonomies, on the facts step.

Shown only when the case's framework has taxonomies. Each classification reads with its entry's
title, the basis and any recorded exception; adding or removing one is an edit of the case
(undoable, autosaved) like any other, and the live score follows (a prohibited practice sets a
floor on the recommendation).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from council_app import case_edits
from council_app.case import Case
from council_app.framework import Framework
from council_app.framework.taxonomy import find_entry
from council_app.ui.workspace.case_editor import CaseEditor, edit_name

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class ClassificationsBox(QGroupBox):
    def __init__(
        self, editor: CaseEditor, framework: Framework, parent: QWidget | None = None
    ) -> None:
        super().__init__("Classifications", parent)
        self.setObjectName("classifications_box")
        self.editor = editor
        self.framework = framework
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(["Entry", "Basis", "Exception recorded"])
        self.table = QTableView()
        self.table.setObjectName("classifications_table")
        self.table.setAccessibleName("Classifications of the case")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for column in range(3):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch
            )
        self.table.setWordWrap(True)
        self.table.setMaximumHeight(140)

        self.entry = QComboBox()
        self.entry.setAccessibleName("Taxonomy entry")
        # Entry titles run long (the EU AI Act's): the box does not widen the page for them;
        # the list that drops down shows them whole.
        self.entry.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.entry.setMinimumContentsLength(30)
        for taxonomy in framework.taxonomies:
            for entry in taxonomy.entries:
                kind = entry.kind.replace("_", " ")
                self.entry.addItem(
                    f"{taxonomy.title}: {entry.title} ({kind})", f"{taxonomy.key}.{entry.key}"
                )
        self.basis = QLineEdit()
        self.basis.setAccessibleName("Basis of the classification")
        self.basis.setPlaceholderText("Why the case falls under it")
        self.exception = QLineEdit()
        self.exception.setAccessibleName("Exception recorded")
        self.exception.setPlaceholderText("Optional: an exception to its floor, with its basis")
        self.add_button = QPushButton("Classi&fy")
        self.add_button.setAccessibleName("Add the classification to the case")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove the selected classification")
        self.remove_button.setEnabled(False)
        self.note = QLabel()
        self.note.setWordWrap(True)

        entry_label = QLabel("E&ntry:")
        entry_label.setBuddy(self.entry)
        basis_label = QLabel("Basis:")
        basis_label.setBuddy(self.basis)
        exception_label = QLabel("Exception:")
        exception_label.setBuddy(self.exception)
        add = QGridLayout()
        add.addWidget(entry_label, 0, 0)
        add.addWidget(self.entry, 0, 1, 1, 3)
        add.addWidget(basis_label, 1, 0)
        add.addWidget(self.basis, 1, 1)
        add.addWidget(exception_label, 1, 2)
        add.addWidget(self.exception, 1, 3)
        add.addWidget(self.add_button, 1, 4)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(add)
        layout.addWidget(self.note)

        self.add_button.clicked.connect(self.on_add)
        self.remove_button.clicked.connect(self.on_remove)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.remove_button.setEnabled(self.selected_key() is not None)
        )

    def show_case(self, case: Case) -> None:
        self.model.removeRows(0, self.model.rowCount())
        floors: list[str] = []
        for c in case.classifications:
            found = find_entry(self.framework, c.key)
            title = c.key if found is None else f"{found[1].title} ({found[0].title})"
            row = [QStandardItem(title), QStandardItem(c.basis), QStandardItem(c.exception)]
            row[0].setData(c.key, KEY_ROLE)
            row[0].setToolTip(f"{title}, {found[1].reference}" if found else title)
            self.model.appendRow(row)
            if found is not None and found[1].floor and not c.exception.strip():
                floors.append(
                    f"{found[1].title}: at least {self.framework.outcome_title(found[1].floor)}"
                )
        self.note.setText(
            "The recommendation is held to " + "; ".join(floors) + "." if floors else ""
        )
        self.remove_button.setEnabled(self.selected_key() is not None)

    def selected_key(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        key = rows[0].data(KEY_ROLE)
        return str(key) if key else None

    @Slot()
    def on_add(self) -> None:
        key = self.entry.currentData()
        if not key:
            return
        self.editor.apply(
            case_edits.set_classification,
            str(key),
            self.basis.text(),
            self.exception.text(),
            text=edit_name("change", "the classifications"),
        )
        self.basis.clear()
        self.exception.clear()

    @Slot()
    def on_remove(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.editor.apply(
                case_edits.remove_classification,
                key,
                text=edit_name("change", "the classifications"),
            )
