"""The attendance of a sitting as a grid of ticks: who is present, and whether they vote.

Its own module because attendance has rules of its own (a non-voting member is shown but
not counted for quorum) that the page only reads back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QListView, QSizePolicy, QStyle, QWidget

from council_app.ui.common.row_table_model import ModelIndex, check_state

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 3  # the attendee's name


VOTING_ROLE = Qt.ItemDataRole.UserRole + 4  # whether the attendee is a voting member


@dataclass(frozen=True)
class Attendee:
    member: str
    present: bool
    voting: bool


class AttendanceModel(QAbstractListModel):
    """Who is at the sitting: a tick for each voting member, and for anyone else recorded."""

    toggled = Signal(str, bool)  # member, present

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Attendee] = []
        self.editable = True

    def set_attendees(self, rows: Sequence[Attendee], *, editable: bool) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.editable = editable
        self.endResetModel()

    def attendees(self) -> list[Attendee]:
        return list(self._rows)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if self.editable else flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.member if row.voting else f"{row.member} (not voting)"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row.present else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            where = "present" if row.present else "absent"
            kind = "" if row.voting else ", not a voting member at this sitting"
            return f"{row.member}: {where}{kind}"
        if role == MEMBER_ROLE:
            return row.member
        if role == VOTING_ROLE:
            return row.voting
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not self.editable
            or not index.isValid()
            or not 0 <= index.row() < len(self._rows)
        ):
            return False
        present = check_state(value)
        if present is None:
            return False
        row = self._rows[index.row()]
        if row.present != present:
            self._rows[index.row()] = Attendee(row.member, present, row.voting)
            self.dataChanged.emit(
                index,
                index,
                [
                    Qt.ItemDataRole.CheckStateRole,
                    Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole,
                ],
            )
            self.toggled.emit(row.member, present)
        return True


class AttendanceList(QListView):
    """The attendance as a grid of ticks, as tall as the names need and no taller."""

    MARGIN = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setViewportMargins(self.MARGIN, self.MARGIN, self.MARGIN, self.MARGIN)

    def fit_contents(self) -> None:
        """One cell per member, all as wide as the longest name, in as many columns as fit."""
        model: QAbstractItemModel | None = self.model()  # None before setModel
        names = (
            [str(model.index(row, 0).data() or "") for row in range(model.rowCount())]
            if model is not None
            else []
        )
        count = len(names)
        metrics = self.fontMetrics()
        indicator = self.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
        widest = max(
            (metrics.horizontalAdvance(name) for name in names),
            default=metrics.horizontalAdvance("M" * 10),
        )
        cell = QSize(widest + indicator + 3 * metrics.averageCharWidth(), metrics.height() + 8)
        self.setGridSize(cell)
        frame = 2 * (self.frameWidth() + self.MARGIN)
        per_row = max(1, (self.width() - frame) // cell.width())
        rows = max(1, -(-count // per_row))
        self.setFixedHeight(rows * cell.height() + frame)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_contents()
