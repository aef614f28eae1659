"""The library's case table as a Qt item model.

Rows are :class:`CaseSummary` objects delivered by a worker; during a search each row also
carries the passage that matched. The model sorts itself (see ``RowTableModel.sort_key``):
dates sort as dates, text without regard to case, and sorting by no column restores the
relevance order of a search.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from council_app.case import CaseSummary
from council_app.framework import Framework
from council_app.library.search import Passage
from council_app.ui.common.row_table_model import RowTableModel
from council_app.vocabulary import case_state_title

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SNIPPET_HTML_ROLE = Qt.ItemDataRole.UserRole + 3
SNIPPET_TEXT_ROLE = Qt.ItemDataRole.UserRole + 4

ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CaseRow:
    summary: CaseSummary
    snippet: Passage = ()
    # A search hit whose passage has not been asked for yet (it is, once the row is in view).
    passage_pending: bool = False

    @property
    def snippet_text(self) -> str:
        return " ".join("".join(text for text, _ in self.snippet).split())

    @property
    def snippet_html(self) -> str:
        return "".join(
            f"<b>{html.escape(text)}</b>" if lit else html.escape(text)
            for text, lit in self.snippet
        )


class CaseTableModel(RowTableModel[CaseRow]):
    COLUMNS = ("ID", "Title", "State", "Product", "Sector", "Regions", "Submitted")
    ID, TITLE, STATE, PRODUCT, SECTOR, REGIONS, SUBMITTED = range(7)

    def __init__(self, framework: Framework, parent: Any = None) -> None:
        super().__init__(parent)
        self.framework = framework

    def passages_pending(self, rows: Iterable[int]) -> list[str]:
        """The cases, among these rows, whose passage has not been found yet."""
        return [
            self._rows[row].summary.id
            for row in rows
            if 0 <= row < len(self._rows) and self._rows[row].passage_pending
        ]

    def fill_passages(self, found: Mapping[str, Passage]) -> None:
        """Give the pending rows among these cases their passage (none is a passage too)."""
        for number, row in enumerate(self._rows):
            if row.passage_pending and row.summary.id in found:
                self._rows[number] = replace(
                    row, snippet=found[row.summary.id], passage_pending=False
                )
                title = self.index(number, self.TITLE)
                self.dataChanged.emit(title, title)

    def sort_key(self, row: CaseRow, column: int) -> Any:
        s = row.summary
        if column == self.SUBMITTED:
            return s.submitted.isoformat() if s.submitted else ""
        text = {
            self.ID: s.id,
            self.TITLE: s.title,
            self.STATE: self.state_text(s),
            self.PRODUCT: s.product,
            self.SECTOR: s.sector,
            self.REGIONS: ", ".join(s.regions),
        }.get(column, "")
        return text.casefold()

    def state_text(self, summary: CaseSummary) -> str:
        return case_state_title(summary, self.framework)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_for_index(index)
        if row is None:
            return None
        s = row.summary
        column = index.column()
        if role == CASE_ID_ROLE:
            return s.id
        if role == SNIPPET_HTML_ROLE:
            return row.snippet_html if column == self.TITLE else None
        if role == SNIPPET_TEXT_ROLE:
            return row.snippet_text if column == self.TITLE else None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE and row.snippet:
            return f"{s.title}\n\n{row.snippet_text}"
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.TITLE and row.snippet:
            return f"{s.title}. Matched: {row.snippet_text}"
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.ToolTipRole):
            if column == self.ID:
                return s.id
            if column == self.TITLE:
                return s.title
            if column == self.STATE:
                return self.state_text(s)
            if column == self.PRODUCT:
                return s.product
            if column == self.SECTOR:
                return s.sector
            if column == self.REGIONS:
                return ", ".join(s.regions)
            if column == self.SUBMITTED:
                return s.submitted.isoformat() if s.submitted else ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        return None
