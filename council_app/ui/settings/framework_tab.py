"""Settings › Framework: the version in force, every version adopted, and the way to revise it.

The versions are read on a worker through the :class:`FrameworkService` the dialog is given;
the tab never opens the library itself. "Revise the framework…" opens the editor on the version
in force; after an adoption the tab reads the versions again and says so through
:attr:`FrameworkTab.framework_adopted`, for the window to take up the new framework.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from council_app.council.framework_revision import FrameworkService
from council_app.library.frameworks import FrameworkVersion
from council_app.ui.common.row_table_model import RowTableModel
from council_app.ui.settings.framework_editor import FrameworkEditor
from council_app.ui.settings.framework_tasks import FrameworkTasks
from council_app.ui.settings.tab_note import note

VERSION_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's FrameworkVersion


class VersionsModel(RowTableModel[FrameworkVersion]):
    """The versions the library adopted, the first first; the last is in force."""

    COLUMNS = ("Version", "Name", "Adopted", "By", "Why")
    HEADER_TIPS = (
        "The version string; a case records the one it was assessed under.",
        "The framework's name.",
        "The day it was adopted (UTC).",
        "Who adopted it.",
        "The council's reason, as given when it was adopted.",
    )

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        version = self.row_for_index(index)
        if version is None:
            return None
        if role == VERSION_ROLE:
            return version
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            in_force = index.row() == self.rowCount() - 1
            values = (
                f"{version.version} (in force)" if in_force else version.version,
                version.name,
                version.adopted_at[:10],
                version.adopted_by,
                version.note if role == Qt.ItemDataRole.ToolTipRole else _first_line(version.note),
            )
            return values[index.column()]
        return None


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


class FrameworkTab(QWidget):
    framework_adopted = Signal(object)  # FrameworkVersion, now in force
    versions_loaded = Signal()

    def __init__(self, service: FrameworkService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_framework")
        self.service = service
        self.tasks = FrameworkTasks(self)
        self.editor: FrameworkEditor | None = None
        self.in_force: FrameworkVersion | None = None

        self.name = QLabel("…")
        self.version = QLabel("…")
        self.adopted = QLabel("…")
        self.why = QLabel("…")
        for label, name in (
            (self.name, "name"),
            (self.version, "version"),
            (self.adopted, "adopted"),
            (self.why, "why"),
        ):
            label.setObjectName(f"framework_in_force_{name}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow("In force:", self.name)
        form.addRow("Version:", self.version)
        form.addRow("Adopted:", self.adopted)
        form.addRow("Why:", self.why)

        self.model = VersionsModel(self)
        self.history = QTableView()
        self.history.setObjectName("framework_history")
        self.history.setAccessibleName("Every framework version the library adopted")
        self.history.setModel(self.model)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        # The short columns fit their contents; the words share what width is left, so the
        # table never needs scrolling sideways in the dialog's width.
        header = self.history.horizontalHeader()
        for column in range(len(VersionsModel.COLUMNS)):
            short = column in (0, 2)
            header.setSectionResizeMode(
                column,
                QHeaderView.ResizeMode.ResizeToContents
                if short
                else QHeaderView.ResizeMode.Stretch,
            )
        self.history.setWordWrap(False)

        self.revise_button = QPushButton("&Revise the framework…")
        self.revise_button.setObjectName("framework_revise")
        self.revise_button.setAccessibleDescription(
            "Edit a revision of the framework in force, preview it and adopt it."
        )
        self.revise_button.setEnabled(False)
        self.revise_button.clicked.connect(self.on_revise)
        self.message = QLabel()
        self.message.setObjectName("framework_tab_message")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.revise_button)
        row.addWidget(self.message, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Versions adopted, the first first:"))
        layout.addWidget(self.history, 1)
        layout.addLayout(row)
        layout.addWidget(
            note(
                "The library keeps every version of the framework it has adopted, never changed "
                "or removed. A new version applies to cases assessed from its adoption on; a "
                "case already assessed, and every decision, keeps the version it was made under. "
                "An adoption takes effect at once: OK and Cancel below are for the other tabs."
            )
        )
        self.load()

    def load(self) -> None:
        # A revision starts from the version in force as read, so not until it has been read.
        self.revise_button.setEnabled(False)
        self.tasks.submit("versions", self.service.versions, self.on_versions, self.on_failed)

    def on_versions(self, result: object) -> None:
        assert isinstance(result, list)
        self.model.set_rows(result)
        self.in_force = result[-1] if result else None
        if self.in_force is not None:
            v = self.in_force
            self.name.setText(v.name)
            self.version.setText(v.version)
            self.adopted.setText(f"{v.adopted_at[:10]} by {v.adopted_by}")
            self.why.setText(v.note)
        self.revise_button.setEnabled(self.in_force is not None)
        self.versions_loaded.emit()

    def on_failed(self, message: str) -> None:
        self.message.setText(message)

    @Slot()
    def on_revise(self) -> None:
        if self.in_force is None:
            return
        if self.editor is not None:
            self.editor.raise_()
            self.editor.activateWindow()
            return
        # The tab's own workers: closing the editor never waits for a preview still running.
        editor = FrameworkEditor(self.service, self.in_force, self, tasks=self.tasks)
        editor.adopted.connect(self.on_adopted)
        editor.finished.connect(self.on_editor_closed)
        self.editor = editor
        editor.open()

    def on_adopted(self, version: object) -> None:
        assert isinstance(version, FrameworkVersion)
        self.message.setText(f"Framework {version.version} was adopted and is in force.")
        self.load()
        self.framework_adopted.emit(version)

    @Slot(int)
    def on_editor_closed(self, _result: int) -> None:
        editor, self.editor = self.editor, None
        # A preview still running is for a draft no one will see (an adoption cannot be
        # running: the editor stays open until the core has answered).
        self.tasks.drop("preview")
        if editor is not None:
            editor.deleteLater()

    def wait(self, msecs: int = 10_000) -> bool:
        return self.tasks.wait(msecs)
