"""What the tests of the Re-review page share: the day they run on, and ways to read its tables."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from council_app.ui.review.due_table import DueTableModel
from council_app.ui.review.review_page import ReviewPage

TODAY = date(2026, 12, 3)
TIMEOUT = 1000


def cell(
    page: ReviewPage, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole
) -> object:
    return page.proxy.index(row, column).data(role)


def row_of(page: ReviewPage, case_id: str) -> int:
    for row in range(page.proxy.rowCount()):
        if cell(page, row, DueTableModel.CASE) == case_id:
            return row
    raise AssertionError(f"{case_id} is not shown")


def choose(page: ReviewPage, case_id: str) -> None:
    page.table.selectRow(row_of(page, case_id))


def open_form(qtbot: QtBot, page: ReviewPage, case_id: str) -> None:
    choose(page, case_id)
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    # The form is laid out on the next turn of the event loop, as for a user.
    qtbot.waitUntil(lambda: page.review_form.duplicate_button.width() > 0, timeout=TIMEOUT)


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)
