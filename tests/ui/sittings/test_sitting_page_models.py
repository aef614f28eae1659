"""The Sittings tab's models (the sittings, who attends, the agenda) keep Qt's rules for item
models while a sitting is planned, filled, opened, attended, reordered and emptied in the app."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QDate, Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from council_app.ui.main_window import MainWindow
from council_app.ui.sittings.agenda_table import AgendaModel
from council_app.ui.sittings.attendance import MEMBER_ROLE
from council_app.ui.sittings.sitting_list import SESSION_ID_ROLE

TIMEOUT = 10_000
AGENDA = ["EUC-2026-083", "EUC-2026-022", "EUC-2026-077"]


def agenda_ids(model: AgendaModel) -> list[str]:
    return [model.index(row, AgendaModel.CASE).data() for row in range(model.rowCount())]


def test_the_sitting_models_pass_the_model_tester_through_a_sitting(
    check_model: Callable[[QAbstractItemModel], None], qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keySequence(window, QKeySequence("Ctrl+2"))
    tab = window.sittings
    page = tab.page
    for model in (page.sittings_model, page.attendance_model, page.agenda_model):
        check_model(model)

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.new_sitting_dialog
    assert dialog is not None
    dialog.date_edit.setDate(QDate(2026, 12, 17))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.view is not None, timeout=TIMEOUT)
    assert tab.view is not None
    session_id = tab.view.session.id
    assert page.sittings_model.rowCount() == 1
    assert page.sittings_model.index(0, 0).data(SESSION_ID_ROLE) == session_id

    for number, case_id in enumerate(AGENDA, 1):  # what "Add to agenda" asks for
        page.agenda_item_added.emit(session_id, case_id, 15)
        qtbot.waitUntil(lambda n=number: len(agenda_ids(page.agenda_model)) == n, timeout=TIMEOUT)
    assert agenda_ids(page.agenda_model) == AGENDA

    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: tab.view is not None and tab.view.session.status == "open", timeout=TIMEOUT
    )
    attendance = page.attendance_model
    assert attendance.rowCount() > 0
    first = attendance.index(0, 0)
    member = first.data(MEMBER_ROLE)
    assert first.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert attendance.setData(first, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(
        lambda: tab.view is not None and member in tab.view.session.absent, timeout=TIMEOUT
    )
    assert page.attendance_model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )

    # Ctrl+Down on the first item moves it down one place, in the table and in the library.
    page.agenda_table.setFocus()
    page.agenda_table.selectRow(0)
    qtbot.keyClick(page.agenda_table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    moved = [AGENDA[1], AGENDA[0], AGENDA[2]]
    assert agenda_ids(page.agenda_model) == moved
    qtbot.waitUntil(
        lambda: tab.view is not None and [i.case.id for i in tab.view.items] == moved,
        timeout=TIMEOUT,
    )
    assert page.agenda_model.index(0, AgendaModel.NUMBER).data() == "1"

    page.agenda_table.selectRow(2)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: agenda_ids(page.agenda_model) == moved[:2], timeout=TIMEOUT)
