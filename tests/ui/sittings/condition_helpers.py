"""Typing conditions into the decision form's table as a member does: Add condition, the text,
then each cell opened with F2 and closed with Enter."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from council_app.ui.common.dates import to_qdate
from council_app.ui.sittings.condition_rows import ConditionRowsModel, ConditionsEditor


def cell_editor(editor: ConditionsEditor) -> QWidget:
    """The editor open in the table (a child of its viewport), whether or not the window has
    the focus (a test's window may not be the active one)."""
    viewport = editor.table.viewport()
    open_now = [
        w for w in viewport.findChildren(QWidget) if w.parent() is viewport and w.isVisible()
    ]
    assert len(open_now) == 1, open_now
    return open_now[0]


def open_cell(qtbot: QtBot, editor: ConditionsEditor, row: int, column: int) -> QWidget:
    table = editor.table
    table.setCurrentIndex(editor.model.index(row, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    return cell_editor(editor)


def close_cell(qtbot: QtBot, editor: ConditionsEditor, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop (so the editor may fix up first).
    table = editor.table
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState, timeout=1000)


def type_condition(
    qtbot: QtBot,
    editor: ConditionsEditor,
    text: str,
    *,
    kind: str | None = None,
    owner: str = "",
    due: date | None = None,
    every: int | None = None,
) -> int:
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    row = editor.model.rowCount() - 1
    field = cell_editor(editor)  # Add opens the new row's text for typing
    if text:
        qtbot.keyClicks(field, text)
    close_cell(qtbot, editor, field)
    if kind is not None:
        box = open_cell(qtbot, editor, row, ConditionRowsModel.KIND)
        assert isinstance(box, QComboBox)
        box.setCurrentIndex(box.findData(kind))
        close_cell(qtbot, editor, box)
    if owner:
        field = open_cell(qtbot, editor, row, ConditionRowsModel.OWNER)
        qtbot.keyClicks(field, owner)
        close_cell(qtbot, editor, field)
    if due is not None:
        day = open_cell(qtbot, editor, row, ConditionRowsModel.DUE)
        assert isinstance(day, QDateEdit)
        day.setDate(to_qdate(due))
        close_cell(qtbot, editor, day)
    if every is not None:
        months = open_cell(qtbot, editor, row, ConditionRowsModel.EVERY)
        assert isinstance(months, QSpinBox)
        months.setValue(every)
        close_cell(qtbot, editor, months)
    assert editor.model.rows()[row].text == text, editor.model.rows()
    return row
