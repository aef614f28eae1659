"""The list of sittings at the left of the Sittings tab: each as its date and title over its
status and agenda size, drawn in two lines.

Its own module because the page only asks which sitting is chosen; how a sitting is listed
and drawn is a small job of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from council_app.council.sessions import Session
from council_app.ui.common.dates import long_date_text
from council_app.ui.common.numbers import count_text
from council_app.ui.common.row_table_model import ModelIndex
from council_app.vocabulary import sitting_status_title

SESSION_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the sitting's id (int)


SITTING_DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2  # "Open · 3 agenda items"


def agenda_count_text(count: int) -> str:
    if count == 0:
        return "no agenda yet"
    return count_text(count, "agenda item")


class SittingListModel(QAbstractListModel):
    """The council's sittings, newest first, each with its status and the size of its agenda."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sessions: list[Session] = []

    def set_sessions(self, sessions: Sequence[Session]) -> None:
        self.beginResetModel()
        self._sessions = list(sessions)
        self.endResetModel()

    def sessions(self) -> list[Session]:
        return list(self._sessions)

    def row_of(self, session_id: int) -> int | None:
        return next((row for row, s in enumerate(self._sessions) if s.id == session_id), None)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._sessions)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._sessions):
            return None
        session = self._sessions[index.row()]
        title = f"{session.date.isoformat()} · {session.title}"
        detail = (
            f"{sitting_status_title(session.status)} · {agenda_count_text(len(session.agenda))}"
        )
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == SITTING_DETAIL_ROLE:
            return detail[0].upper() + detail[1:]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{title}\n{detail}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{session.title}, {long_date_text(session.date)}: {detail}"
        if role == SESSION_ID_ROLE:
            return session.id
        return None


class TwoLineDelegate(QStyledItemDelegate):
    """A sitting's date and title, and under it, quieter, its status and agenda size."""

    PADDING = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        width = max(
            metrics.horizontalAdvance(str(index.data(Qt.ItemDataRole.DisplayRole) or "")),
            metrics.horizontalAdvance(str(index.data(SITTING_DETAIL_ROLE) or "")),
        )
        return QSize(width + 2 * self.PADDING, 2 * metrics.lineSpacing() + 2 * self.PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = opt.text
        opt.text = ""
        widget: QWidget | None = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        rect: QRect = opt.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        font = QFont(opt.font)
        metrics = QFontMetrics(font)
        line = metrics.lineSpacing()
        detail = str(index.data(SITTING_DETAIL_ROLE) or "")
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.save()
        painter.setFont(font)
        painter.setPen(
            palette.color(
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            )
        )
        painter.drawText(
            QRect(rect.left(), rect.top(), rect.width(), line),
            flags,
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.setPen(
            palette.color(
                QPalette.ColorRole.HighlightedText
                if selected
                else QPalette.ColorRole.PlaceholderText
            )
        )
        painter.drawText(
            QRect(rect.left(), rect.top() + line, rect.width(), line),
            flags,
            metrics.elidedText(detail, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()


class SittingList(QListView):
    """The sittings list; Delete asks to delete the selected sitting."""

    delete_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and not event.modifiers():
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)
