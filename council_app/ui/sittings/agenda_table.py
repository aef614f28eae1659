"""The agenda of a sitting as a table: number, case, title, time budget, quorum, votes and
decision, with the keys that move and remove items.

Its own module because the agenda's columns and their wording are read by the page, the
agenda item panel and the tests alike.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QTableView

from council_app.council.agenda import ItemView
from council_app.ui.common.dates import date_text
from council_app.ui.common.numbers import count_text
from council_app.ui.common.palette import outcome_colour, refusal_colour
from council_app.ui.common.row_table_model import ModelIndex, RowTableModel

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 5  # the agenda item's case id


NO_BUDGET = 0  # the minutes box's value for "no time budget"


MAX_BUDGET = 600


def duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


class AgendaModel(RowTableModel[ItemView]):
    """The order of business, one row per agenda item, as the core computed it; each row reads
    its outcomes in the framework version its case is under (``ItemView.framework``)."""

    COLUMNS = ("No.", "Case", "Title", "Budget", "Quorum", "Votes", "Decision")
    NUMBER, CASE, TITLE, BUDGET, QUORUM, VOTES, DECISION = range(7)
    HEADER_TIPS = (
        "Place in the order of business",
        "The case's identifier",
        "The case's title",
        "Time set aside for the item",
        "Whether enough voting members who have not recused are present",
        "Votes cast on the item in this sitting",
        "The decision recorded on the case, if any",
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.palette: QPalette | None = None  # for the decision's colour; set by the view's owner

    def order(self) -> list[str]:
        return [item.case.id for item in self._rows]

    def row_of(self, case_id: str) -> int | None:
        return next((r for r, item in enumerate(self._rows) if item.case.id == case_id), None)

    def move(self, row: int, delta: int) -> bool:
        """Move one item up (-1) or down (+1) in the order; False at either end."""
        target = row + delta
        if delta not in (-1, 1) or not 0 <= row < len(self._rows):
            return False
        if not 0 <= target < len(self._rows):
            return False
        # Qt counts the destination as the row before which the moved row lands.
        destination = target if delta < 0 else target + 1
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._rows.insert(target, self._rows.pop(row))
        self.endMoveRows()
        first, last = min(row, target), max(row, target)
        self.dataChanged.emit(
            self.index(first, self.NUMBER),
            self.index(last, self.NUMBER),
            [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole],
        )
        return True

    def _text(self, row: int, item: ItemView, column: int) -> str:
        if column == self.NUMBER:
            return str(row + 1)  # the order on screen, which a move changes before the core has
        if column == self.CASE:
            return item.case.id
        if column == self.TITLE:
            return item.case.title
        if column == self.BUDGET:
            return duration_text(item.minutes) if item.minutes else "—"
        if column == self.QUORUM:
            return "Yes" if item.quorum.met else "No"
        if column == self.VOTES:
            return str(len(item.votes))
        if column == self.DECISION:
            outcome = item.case.outcome
            return item.framework.outcome_title(outcome) if outcome else "—"
        return ""

    def _tooltip(self, item: ItemView, column: int) -> str:
        if column == self.QUORUM:
            return item.quorum.sentence()
        if column == self.VOTES:
            return item.tally.sentence(item.framework)
        if column == self.BUDGET:
            return f"{duration_text(item.minutes)} set aside" if item.minutes else "No time budget"
        if column == self.DECISION:
            decision = item.case.decision
            if decision is None:
                return "Not decided yet"
            parts = [f"Decided: {item.framework.outcome_title(decision.outcome)}"]
            if decision.date:
                parts.append(f"on {date_text(decision.date)}")
            if decision.review_by:
                parts.append(f"review by {date_text(decision.review_by)}")
            return ", ".join(parts)
        return f"{item.case.id} — {item.case.title}"

    def _accessible(self, row: int, item: ItemView, column: int) -> str:
        if column == self.NUMBER:
            return f"Item {row + 1}"
        if column == self.BUDGET:
            return self._tooltip(item, column)
        if column == self.QUORUM:
            return item.quorum.sentence()
        if column == self.VOTES:
            count = len(item.votes)
            return f"{count_text(count, 'vote')}. {item.tally.sentence(item.framework)}"
        if column == self.DECISION:
            return self._tooltip(item, column)
        return self._text(row, item, column)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or not 0 <= index.row() < len(self._rows)
            or not 0 <= index.column() < len(self.COLUMNS)
        ):
            return None
        row, column = index.row(), index.column()
        item = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible(row, item, column)
        if role == CASE_ID_ROLE:
            return item.case.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.NUMBER,
            self.BUDGET,
            self.VOTES,
        ):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ForegroundRole and self.palette is not None:
            if column == self.DECISION and item.case.outcome:
                return outcome_colour(item.case.outcome, self.palette, item.framework)
            if column == self.QUORUM and not item.quorum.met:
                return refusal_colour(self.palette, item.framework)
        return None


class AgendaTable(QTableView):
    """The agenda table; Ctrl+Up and Ctrl+Down move the selected item, Delete removes it."""

    move_requested = Signal(int)  # -1 up, +1 down
    remove_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if control and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        if event.key() == Qt.Key.Key_Delete and not event.modifiers():
            self.remove_requested.emit()
            return
        super().keyPressEvent(event)
