"""The decisions due for review are what the Re-review tab is for. How the council reads each
one (its status, why it is due, when it is to be reviewed) and how the list is summed up in the
heading are said here, apart from the page that lays the list out, so that the wording of a
row can be read and tested without building the page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon

from council_app.council.review import DueItem
from council_app.framework import Framework
from council_app.ui.common.dates import date_text
from council_app.ui.common.numbers import count_text, number_text
from council_app.ui.common.row_table_model import RowTableModel
from council_app.ui.review.review_tables import SORT_ROLE, ModelIndex
from council_app.vocabulary import DUE_KINDS, due_kind_title

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DUE_KIND_ROLE = Qt.ItemDataRole.UserRole + 3


def due_heading(items: Sequence[DueItem], horizon_days: int) -> str:
    if not items:
        return "Nothing is due for review."
    counts = Counter(item.kind for item in items)
    within = "today" if horizon_days == 0 else f"within {count_text(horizon_days, 'day')}"
    parts = []
    if counts["overdue"]:
        parts.append(f"{number_text(counts['overdue'])} overdue")
    if counts["due"]:
        parts.append(f"{number_text(counts['due'])} due {within}")
    if counts["commitment"]:
        # A condition not kept that does not call the decision back: listed, not overdue.
        parts.append(f"{number_text(counts['commitment'])} with a condition not kept")
    if counts["watch"]:
        parts.append(f"{number_text(counts['watch'])} flagged by the watch list")
    total = len(items)
    return f"{count_text(total, 'decision')} to review: {', '.join(parts)}"


def why_text(item: DueItem) -> str:
    """The reasons on one line; each reason is a sentence, its full stop gives way to the "; "."""
    return "; ".join(reason.rstrip(".") for reason in item.reasons)


class DueTableModel(RowTableModel[DueItem]):
    """One row per decision to review; overdue rows carry a warning tint and icon, and a
    decision listed for a condition not kept (a commitment) an information icon."""

    COLUMNS = ("Case", "Title", "Decision", "Review by", "Status", "Why")
    CASE, TITLE, DECISION, REVIEW_BY, STATUS, WHY = range(6)

    def __init__(self, framework: Framework, parent: Any = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self._overdue_brush: QBrush | None = None
        self._overdue_icon = QIcon()
        self._commitment_icon = QIcon()

    def set_overdue_marks(
        self, background: QColor, icon: QIcon, commitment_icon: QIcon | None = None
    ) -> None:
        """Colours come from the view's palette, so the page passes them in when it changes."""
        self._overdue_brush = QBrush(background)
        self._overdue_icon = icon
        if commitment_icon is not None:
            self._commitment_icon = commitment_icon
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )

    def _text(self, item: DueItem, column: int) -> str:
        case = item.case
        if column == self.CASE:
            return case.id
        if column == self.TITLE:
            return case.title
        if column == self.DECISION:
            own = item.framework or self.framework
            return own.outcome_title(case.outcome) if case.outcome else ""
        if column == self.REVIEW_BY:
            return date_text(case.review_by)
        if column == self.STATUS:
            return due_kind_title(item.kind)
        if column == self.WHY:
            return why_text(item)
        return ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_for_index(index)
        if item is None:
            return None
        column = index.column()
        overdue = item.kind == "overdue"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(item, column)
        if role == CASE_ID_ROLE:
            return item.case.id
        if role == DUE_KIND_ROLE:
            return item.kind
        if role == SORT_ROLE:
            if column == self.STATUS:
                return DUE_KINDS.index(item.kind)
            if column == self.REVIEW_BY:
                # Shown in words, sorted by the date: ISO text sorts as the calendar does.
                return item.case.review_by.isoformat() if item.case.review_by else ""
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.WHY:
                return "\n".join(item.reasons)
            if column == self.TITLE:
                return item.case.title
            if column == self.STATUS and item.kind == "commitment":
                return (
                    "A condition of the decision is overdue or breached; the framework does not "
                    "call the decision back for it. Update it under Commitments."
                )
            return None
        if role == Qt.ItemDataRole.BackgroundRole and overdue:
            return self._overdue_brush
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            if overdue:
                return self._overdue_icon
            if item.kind == "commitment":
                return self._commitment_icon
            return None
        if role == Qt.ItemDataRole.FontRole and overdue and column == self.STATUS:
            font = QFont()
            font.setBold(True)
            return font
        return None
