"""The cases a sitting's agenda may take, as a Qt list model for the "Add case" box.

A combo box filled item by item (``addItem`` and two ``setItemData`` calls per case) took
seconds on a 20,000-case library and then crashed PySide6 (``Fatal Python error:
none_dealloc``); a model answers for every row from one Python list, and the box shows what
it asks for. Undecided cases come first, then a separator, then the decided ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from council_app.case import CaseSummary
from council_app.framework import Framework
from council_app.vocabulary import case_state_title

ModelIndex = QModelIndex | QPersistentModelIndex
# What QComboBox's own delegate draws as a separator line (QComboBoxDelegate::isSeparator).
SEPARATOR = "separator"


def undecided(summary: CaseSummary) -> bool:
    return summary.outcome is None and summary.status not in ("decided", "withdrawn")


class CandidateCasesModel(QAbstractListModel):
    def __init__(self, framework: Framework, parent: Any = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self._rows: list[CaseSummary | None] = []  # None: the separator

    def set_cases(self, summaries: Sequence[CaseSummary]) -> None:
        """Undecided cases first, in the order given, then the decided ones."""
        first = [c for c in summaries if undecided(c)]
        later = [c for c in summaries if not undecided(c)]
        self.beginResetModel()
        self._rows = [*first, None, *later] if first and later else [*first, *later]
        self.endResetModel()

    def case_count(self) -> int:
        return sum(1 for row in self._rows if row is not None)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        # The root (an invalid index) is no item: Qt's views and testers expect no flags there.
        if not index.isValid() or self._rows[index.row()] is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        if summary is None:
            return SEPARATOR if role == Qt.ItemDataRole.AccessibleDescriptionRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{summary.id} — {summary.title}"
        if role == Qt.ItemDataRole.UserRole:
            return summary.id
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            state = case_state_title(summary, self.framework)
            if summary.outcome:
                state = f"Decided: {state}"
            return f"{summary.id} — {summary.title} ({state})"
        return None


__all__ = ["CandidateCasesModel"]
