"""The framework editor's list of sections, with the considerations and principles under their
headings, and the buttons that add one or remove the one chosen.

The list only asks: adding and removing are edits of the draft the editor makes, after which it
builds its pages again and hands them back through :meth:`SectionList.fill`.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PAGE_ROLE = Qt.ItemDataRole.UserRole + 1  # a section's page in the editor's stack
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2  # ("considerations" | "principles", key), or None
INDENT = "    "


def entry_key(title: str) -> str:
    """The key a new entry is given from its title: ``Environmental footprint`` →
    ``environmental_footprint``."""
    return re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")


class SectionList(QWidget):
    page_chosen = Signal(int)
    add_requested = Signal(str, str)  # "considerations" | "principles", title
    remove_requested = Signal(str, str)  # "considerations" | "principles", key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("framework_sections")
        self.list.setAccessibleName("Sections of the framework")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(self.on_current_changed)

        self.new_title = QLineEdit()
        self.new_title.setObjectName("framework_new_entry_title")
        self.new_title.setAccessibleName("Title of a new consideration or principle")
        self.new_title.setPlaceholderText("A new one's title")
        self.new_title.textChanged.connect(self._update_buttons)
        self.add_consideration = QPushButton("Add consideration")
        self.add_consideration.setObjectName("framework_add_consideration")
        self.add_principle = QPushButton("Add principle")
        self.add_principle.setObjectName("framework_add_principle")
        self.remove = QPushButton("&Remove the one chosen")
        self.remove.setObjectName("framework_remove_entry")
        self.remove.setAccessibleDescription(
            "Remove the chosen consideration or principle from the revision, with its weights "
            "and the red-line conditions that name it."
        )
        self.add_consideration.clicked.connect(lambda: self._add("considerations"))
        self.add_principle.clicked.connect(lambda: self._add("principles"))
        self.remove.clicked.connect(self.on_remove)

        adds = QHBoxLayout()
        adds.addWidget(self.add_consideration)
        adds.addWidget(self.add_principle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.new_title)
        layout.addLayout(adds)
        layout.addWidget(self.remove)
        self._update_buttons()

    def fill(
        self,
        pages: list[tuple[str, str, int]],
        entries: dict[int, tuple[str, str]],
        select: str | None = None,
    ) -> None:
        """``pages``: (group, title, page in the stack); ``entries``: the entry each page edits."""
        self.list.blockSignals(True)
        self.list.clear()
        group = ""
        for page_group, title, page in pages:
            if page_group and page_group != group:
                heading = QListWidgetItem(page_group)
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: shown, not chosen
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                self.list.addItem(heading)
            group = page_group
            item = QListWidgetItem(f"{INDENT}{title}" if page_group else title)
            item.setData(PAGE_ROLE, page)
            item.setData(ENTRY_ROLE, entries.get(page))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
            item.setToolTip(title)
            self.list.addItem(item)
        self.list.blockSignals(False)
        widest = max(
            self.list.fontMetrics().horizontalAdvance(self.list.item(row).text())
            for row in range(self.list.count())
        )
        self.list.setMinimumWidth(widest + 3 * self.fontMetrics().averageCharWidth())
        if select is None or not self.show_section(select):
            self.list.setCurrentRow(0)
        self._update_buttons()

    def show_section(self, title: str) -> bool:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(PAGE_ROLE) is not None and (
                item.data(Qt.ItemDataRole.AccessibleTextRole) == title
            ):
                self.list.setCurrentItem(item)
                return True
        return False

    def retitle(self, titles: dict[int, str]) -> None:
        """The considerations' and principles' titles as the draft has them now, by page."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            page = item.data(PAGE_ROLE)
            if page is not None and int(page) in titles:
                title = titles[int(page)]
                item.setText(f"{INDENT}{title}")
                item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
                item.setToolTip(title)

    def chosen_entry(self) -> tuple[str, str] | None:
        row = self.list.currentRow()
        entry = self.list.item(row).data(ENTRY_ROLE) if row >= 0 else None
        return (str(entry[0]), str(entry[1])) if entry else None

    @Slot(QListWidgetItem, QListWidgetItem)
    def on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None and current.data(PAGE_ROLE) is not None:
            self.page_chosen.emit(int(current.data(PAGE_ROLE)))
        self._update_buttons()

    def _add(self, section: str) -> None:
        title = self.new_title.text().strip()
        if entry_key(title):
            self.add_requested.emit(section, title)
            self.new_title.clear()

    @Slot()
    def on_remove(self) -> None:
        entry = self.chosen_entry()
        if entry is not None:
            self.remove_requested.emit(*entry)

    def _update_buttons(self) -> None:
        can_add = bool(entry_key(self.new_title.text()))
        self.add_consideration.setEnabled(can_add)
        self.add_principle.setEnabled(can_add)
        self.remove.setEnabled(self.chosen_entry() is not None)

    def set_editable(self, editable: bool) -> None:
        """The list stays usable (the pages can still be read); only the edits are held back."""
        for widget in (self.new_title, self.add_consideration, self.add_principle, self.remove):
            widget.setEnabled(editable)
        if editable:
            self._update_buttons()
