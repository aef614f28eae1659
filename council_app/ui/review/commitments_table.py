"""The conditions of standing decisions, one row each, as the Commitments view lists them: who
owes each, by when, where it stands today and with what evidence. How a row reads and how the
list is narrowed (by status, by owner) are said here, apart from the page that lays it out, so
that they can be read and tested without building the page.

Where a condition stands is the core's (:func:`council_app.council.commitments.standing`); the
model only words it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon

from council_app.council.commitments import NOT_KEPT, Commitment, every_words, evidence_words
from council_app.ui.common.dates import date_text
from council_app.ui.common.numbers import count_text, number_text
from council_app.ui.common.row_table_model import RowTableModel
from council_app.ui.review.review_tables import SORT_ROLE, ModelIndex
from council_app.vocabulary import CONDITION_STATUSES, condition_status_title

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 5
STATUS_ROLE = Qt.ItemDataRole.UserRole + 6

# The status filter: what each choice shows. "not kept" is the core's NOT_KEPT.
ALL = "all"
NOT_KEPT_FILTER = "not kept"
STATUS_FILTERS: tuple[str, ...] = (ALL, NOT_KEPT_FILTER, *CONDITION_STATUSES)


def filter_statuses(choice: str) -> tuple[str, ...]:
    if choice == ALL:
        return CONDITION_STATUSES
    if choice == NOT_KEPT_FILTER:
        return NOT_KEPT
    return (choice,)


def filter_title(choice: str, counts: Counter[str] | None = None) -> str:
    """ "All (101)", "Not kept — overdue or breached (9)", "Met (91)"."""
    if choice == ALL:
        title = "All"
    elif choice == NOT_KEPT_FILTER:
        title = "Not kept — overdue or breached"
    else:
        title = condition_status_title(choice)
    if counts is None:
        return title
    number = sum(counts[s] for s in filter_statuses(choice))
    return f"{title} ({number_text(number)})"


def due_text(c: Commitment) -> str:
    """When it is (next) due, and how often for a recurring one."""
    due = c.standing.due
    when = date_text(due) if due else ""
    if c.condition.every_months:
        often = every_words(c.condition.every_months)
        return f"{when} ({often})" if when else often.capitalize()
    return when


def commitments_heading(rows: Sequence[Commitment]) -> str:
    if not rows:
        return "No standing decision has conditions."
    counts = Counter(c.standing.status for c in rows)
    not_kept = sum(counts[s] for s in NOT_KEPT)
    cases = len({c.case_id for c in rows})
    head = f"{count_text(len(rows), 'condition')} of {count_text(cases, 'standing decision')}"
    if not not_kept:
        return f"{head}: every one kept or open."
    parts = [
        f"{number_text(counts[s])} {condition_status_title(s).lower()}"
        for s in NOT_KEPT
        if counts[s]
    ]
    return f"{head}: {' and '.join(parts)}."


class CommitmentsModel(RowTableModel[Commitment]):
    """One row per condition; a condition not kept carries the warning tint and icon the due
    table's overdue rows carry."""

    COLUMNS = ("Case", "Title", "#", "Condition", "Kind", "Owner", "Due", "Status", "Evidence")
    HEADER_TIPS = (
        "The case the decision was taken on.",
        "The case's title.",
        "The condition's number, as the decision lists it.",
        "What the decision rests on.",
        "The kind of condition, as the case's framework names it.",
        "Who owes the condition.",
        "When it is (next) due; a recurring one falls due again after it is met.",
        "Where it stands today; the tooltip says why.",
        "How many pieces of evidence (notes and files) are recorded for it.",
    )
    CASE, TITLE, NUMBER, CONDITION, KIND, OWNER, DUE, STATUS, EVIDENCE = range(9)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._warning_brush: QBrush | None = None
        self._warning_icon = QIcon()

    def set_warning_marks(self, background: QColor, icon: QIcon) -> None:
        """Colours come from the view's palette, so the page passes them in when it changes."""
        self._warning_brush = QBrush(background)
        self._warning_icon = icon
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )

    def _text(self, c: Commitment, column: int) -> str:
        if column == self.CASE:
            return c.case_id
        if column == self.TITLE:
            return c.title
        if column == self.NUMBER:
            return str(c.number)
        if column == self.CONDITION:
            return c.condition.text
        if column == self.KIND:
            return c.kind_title
        if column == self.OWNER:
            return c.condition.owner
        if column == self.DUE:
            return due_text(c)
        if column == self.STATUS:
            return condition_status_title(c.standing.status)
        if column == self.EVIDENCE:
            n = len(c.condition.evidence)
            return str(n) if n else "—"
        return ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        c = self.row_for_index(index)
        if c is None:
            return None
        column = index.column()
        not_kept = not c.standing.kept
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(c, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column == self.STATUS:
                return f"{self._text(c, column)}: {c.standing.why}"
            if column == self.EVIDENCE:
                return count_text(len(c.condition.evidence), "piece of evidence", "pieces")
            return self._text(c, column)
        if role == CASE_ID_ROLE:
            return c.case_id
        if role == NUMBER_ROLE:
            return c.number
        if role == STATUS_ROLE:
            return c.standing.status
        if role == SORT_ROLE:
            if column == self.NUMBER:
                return c.number
            if column == self.EVIDENCE:
                return len(c.condition.evidence)
            if column == self.STATUS:
                # Most pressing first: breached, overdue, open, then met and waived.
                return ("breached", "overdue", "open", "met", "waived").index(c.standing.status)
            if column == self.DUE:
                return c.standing.due.isoformat() if c.standing.due else "9999"
            if column == self.CASE:
                return (c.case_id, c.number)
            return self._text(c, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.STATUS:
                return c.standing.why + (
                    " The framework calls the decision back for review."
                    if c.standing.calls_review
                    else ""
                )
            if column in (self.CONDITION, self.TITLE, self.OWNER):
                return self._text(c, column)
            if column == self.EVIDENCE and c.condition.evidence:
                return "\n".join(evidence_words(e) for e in c.condition.evidence)
            if column == self.KIND:
                kind = c.framework.condition_kind(c.condition.kind)
                return kind.description if kind is not None else None
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.NUMBER, self.EVIDENCE):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and not_kept:
            return self._warning_brush
        if role == Qt.ItemDataRole.DecorationRole and not_kept and column == self.STATUS:
            return self._warning_icon
        if role == Qt.ItemDataRole.FontRole and not_kept and column == self.STATUS:
            font = QFont()
            font.setBold(True)
            return font
        return None


class CommitmentsFilter(QSortFilterProxyModel):
    """Narrows the conditions to a status filter and an owner (any part of the name, in any
    case), and sorts by what a column means (SORT_ROLE)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._statuses: tuple[str, ...] = CONDITION_STATUSES
        self._owner = ""
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_status_filter(self, choice: str) -> None:
        self.beginFilterChange()
        self._statuses = filter_statuses(choice)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_owner_filter(self, text: str) -> None:
        self.beginFilterChange()
        self._owner = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self,
        source_row: int,
        source_parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        model = self.sourceModel()
        if not isinstance(model, CommitmentsModel):
            return True
        c = model.row_for_index(model.index(source_row, 0, source_parent))
        if c is None:
            return False
        if c.standing.status not in self._statuses:
            return False
        return not self._owner or self._owner in c.condition.owner.casefold()
