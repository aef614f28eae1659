"""One undo history per case (issue 17, point 4): Ctrl+Z means the same in every box."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QWidget
from pytestqt.qtbot import QtBot

from council_app.ui.main_window import MainWindow
from council_app.ui.workspace.case_workspace import CaseWorkspace
from council_app.ui.workspace.list_pages import MitigationsPage
from council_app.ui.workspace.precedents_page import PrecedentsPage
from council_app.ui.workspace.rating_pages import ConsiderationPage, FactsPage
from tests.ui.workspace.test_workspace import open_workspace

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _active(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()


def _focus(qtbot: QtBot, box: QWidget) -> None:
    box.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box, timeout=2000)


def _facts(qtbot: QtBot, window: MainWindow) -> tuple[CaseWorkspace, FactsPage]:
    workspace = open_workspace(qtbot, window, "EUC-2022-014")
    _active(qtbot, window)
    workspace.go_to("facts")
    facts = workspace.page("facts")
    assert isinstance(facts, FactsPage)
    return workspace, facts


def test_ctrl_z_in_a_line_box_walks_back_through_the_case(qtbot: QtBot, window: MainWindow) -> None:
    workspace, facts = _facts(qtbot, window)
    title, customer = facts.title.text(), facts.customer.text()

    _focus(qtbot, facts.title)
    facts.title.end(False)
    qtbot.keyClicks(facts.title, " (revised)")
    _focus(qtbot, facts.customer)
    facts.customer.end(False)
    qtbot.keyClicks(facts.customer, " Ltd")
    assert workspace.undo_action.isEnabled()
    assert not workspace.redo_action.isEnabled()

    _focus(qtbot, facts.title)
    qtbot.keyClick(facts.title, Qt.Key.Key_Z, CTRL)
    assert facts.customer.text() == customer  # the last edit first, though focus is in the title
    assert facts.title.text() == title + " (revised)"
    qtbot.keyClick(facts.title, Qt.Key.Key_Z, CTRL)
    assert facts.title.text() == title
    assert workspace.case.title == title and workspace.case.customer == customer
    assert not workspace.undo_action.isEnabled()  # nothing new was recorded by the undo itself
    assert workspace.redo_action.isEnabled()
    assert not workspace.editor.dirty

    qtbot.keyClick(facts.title, Qt.Key.Key_Z, CTRL | SHIFT)
    assert facts.title.text() == title + " (revised)"
    qtbot.keyClick(facts.title, Qt.Key.Key_Y, CTRL)
    assert facts.customer.text() == customer + " Ltd"
    assert not workspace.redo_action.isEnabled()
    assert workspace.editor.dirty


def test_ctrl_z_in_a_text_box_undoes_the_case_not_the_box(qtbot: QtBot, window: MainWindow) -> None:
    workspace, facts = _facts(qtbot, window)
    summary, question = facts.summary.toPlainText(), facts.question.toPlainText()

    _focus(qtbot, facts.summary)
    facts.summary.moveCursor(facts.summary.textCursor().MoveOperation.End)
    qtbot.keyClicks(facts.summary, " More.")
    _focus(qtbot, facts.question)
    facts.question.moveCursor(facts.question.textCursor().MoveOperation.End)
    qtbot.keyClicks(facts.question, " Really?")
    assert workspace.editor.undo_stack.count() == 2  # one step per box typed in

    _focus(qtbot, facts.summary)
    qtbot.keyClick(facts.summary, Qt.Key.Key_Z, CTRL)
    assert facts.question.toPlainText() == question
    qtbot.keyClick(facts.summary, Qt.Key.Key_Z, CTRL)
    assert facts.summary.toPlainText() == summary
    assert workspace.editor.undo_stack.index() == 0
    assert workspace.redo_action.isEnabled()
    qtbot.keyClick(facts.summary, Qt.Key.Key_Z, CTRL | SHIFT)
    assert facts.summary.toPlainText() == summary + " More."


def test_ctrl_z_in_an_editable_combo_box_undoes_the_case(qtbot: QtBot, window: MainWindow) -> None:
    workspace, facts = _facts(qtbot, window)
    product = facts.product.currentText()
    _focus(qtbot, facts.product)
    line = facts.product.lineEdit()
    assert line is not None
    line.end(False)
    qtbot.keyClicks(facts.product, " Pro")
    assert workspace.case.product == product + " Pro"
    qtbot.keyClick(facts.product, Qt.Key.Key_Z, CTRL)
    assert facts.product.currentText() == product
    assert workspace.case.product == product
    assert workspace.redo_action.isEnabled()


def test_returning_to_a_box_starts_a_new_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    workspace = open_workspace(qtbot, window, "EUC-2022-014")
    _active(qtbot, window)
    workspace.go_to("use_case")
    page = workspace.page("use_case")
    assert isinstance(page, ConsiderationPage)
    before = page.rationale.toPlainText()
    _focus(qtbot, page.rationale)
    qtbot.keyClicks(page.rationale, "First thought.")
    _focus(qtbot, page.confidence)
    _focus(qtbot, page.rationale)
    qtbot.keyClicks(page.rationale, " Second thought.")
    qtbot.keyClick(page.rationale, Qt.Key.Key_Z, CTRL)
    assert page.rationale.toPlainText() == before + "First thought."
    qtbot.keyClick(page.rationale, Qt.Key.Key_Z, CTRL)
    assert page.rationale.toPlainText() == before


def test_a_pause_in_typing_starts_a_new_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    workspace, facts = _facts(qtbot, window)
    title = facts.title.text()
    workspace.editor.typing_pause = 0.0  # every keystroke comes after a "pause"
    _focus(qtbot, facts.title)
    facts.title.end(False)
    qtbot.keyClicks(facts.title, "ab")
    qtbot.keyClick(facts.title, Qt.Key.Key_Z, CTRL)
    assert facts.title.text() == title + "a"


def test_typing_and_deleting_back_leaves_nothing_to_undo(qtbot: QtBot, window: MainWindow) -> None:
    workspace, facts = _facts(qtbot, window)
    _focus(qtbot, facts.title)
    facts.title.end(False)
    qtbot.keyClicks(facts.title, "xy")
    qtbot.keyClick(facts.title, Qt.Key.Key_Backspace)
    qtbot.keyClick(facts.title, Qt.Key.Key_Backspace)
    assert not workspace.undo_action.isEnabled()
    assert not workspace.editor.dirty


def _context_menu(qtbot: QtBot, target: QWidget, at: QPoint | None = None) -> QMenu:
    at = at or QPoint(5, 5)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, target.mapToGlobal(at))
    QApplication.sendEvent(target, event)
    menu = None

    def shown() -> bool:
        nonlocal menu
        menu = next((m for m in target.window().findChildren(QMenu) if m.isVisible()), None)
        return menu is not None

    qtbot.waitUntil(shown, timeout=2000)
    assert menu is not None
    return menu


def test_a_boxs_context_menu_undoes_the_case(qtbot: QtBot, window: MainWindow) -> None:
    workspace, facts = _facts(qtbot, window)
    title, summary = facts.title.text(), facts.summary.toPlainText()
    _focus(qtbot, facts.title)
    facts.title.end(False)
    qtbot.keyClicks(facts.title, " (revised)")
    _focus(qtbot, facts.summary)
    qtbot.keyClicks(facts.summary, "New. ")

    menu = _context_menu(qtbot, facts.title)
    assert workspace.undo_action in menu.actions() and workspace.redo_action in menu.actions()
    assert menu.actions()[0] is workspace.undo_action  # where the box's own Undo was
    menu.close()
    workspace.undo_action.trigger()
    assert facts.summary.toPlainText() == summary

    menu = _context_menu(qtbot, facts.summary.viewport())
    assert workspace.undo_action in menu.actions()
    menu.close()
    workspace.undo_action.trigger()
    assert facts.title.text() == title


def test_ctrl_z_in_a_date_box_undoes_the_case(qtbot: QtBot, window: MainWindow) -> None:
    workspace, facts = _facts(qtbot, window)
    _focus(qtbot, facts.title)
    facts.title.end(False)
    qtbot.keyClicks(facts.title, "!")
    day = facts.submitted.date()
    _focus(qtbot, facts.submitted)
    qtbot.keyClick(facts.submitted, Qt.Key.Key_Up)
    assert facts.submitted.date() != day
    qtbot.keyClick(facts.submitted, Qt.Key.Key_Z, CTRL)
    assert facts.submitted.date() == day
    assert workspace.case.title.endswith("!")  # one step back, not two
    assert workspace.redo_action.isEnabled()


def test_ctrl_z_on_the_list_of_steps_means_the_same(qtbot: QtBot, window: MainWindow) -> None:
    workspace, facts = _facts(qtbot, window)
    title = facts.title.text()
    _focus(qtbot, facts.title)
    qtbot.keyClicks(facts.title, "!")
    _focus(qtbot, workspace.step_list)
    qtbot.keyClick(workspace.step_list, Qt.Key.Key_Z, CTRL)
    assert workspace.case.title == title
    assert workspace.redo_action.isEnabled()


def test_the_undo_button_says_what_it_undoes_as_a_member_would(
    qtbot: QtBot, window: MainWindow
) -> None:
    workspace = open_workspace(qtbot, window, "EUC-2022-014")
    _active(qtbot, window)
    workspace.go_to("use_case")
    page = workspace.page("use_case")
    assert isinstance(page, ConsiderationPage)
    rated = next(s for s in range(5) if not page.scale.buttons[s].isChecked())
    qtbot.mouseClick(page.scale.buttons[rated], Qt.MouseButton.LeftButton)
    assert workspace.undo_action.text().replace("&", "", 1) == "Undo rating of Use case"
    assert workspace.undo_button.toolTip() == "Undo rating of Use case"
    _focus(qtbot, page.rationale)
    qtbot.keyClicks(page.rationale, "Why.")
    assert workspace.undo_action.text().replace("&", "", 1) == (
        "Undo typing in the rationale for Use case"
    )
    qtbot.keyClick(page.rationale, Qt.Key.Key_Z, CTRL)
    assert workspace.redo_action.text().replace("&", "", 1) == (
        "Redo typing in the rationale for Use case"
    )

    workspace.go_to("facts")
    facts = workspace.page("facts")
    assert isinstance(facts, FactsPage)
    _focus(qtbot, facts.use_case)
    qtbot.keyClicks(facts.use_case, "More.")
    assert workspace.undo_action.text().replace("&", "", 1) == "Undo typing in the use case"


def test_ctrl_z_in_a_table_cell_being_edited_undoes_the_case(
    qtbot: QtBot, window: MainWindow
) -> None:
    workspace = open_workspace(qtbot, window, "EUC-2022-014")
    _active(qtbot, window)
    workspace.go_to("mitigations")
    page = workspace.page("mitigations")
    assert isinstance(page, MitigationsPage)
    before = page.table.model.rowCount()
    qtbot.mouseClick(page.table.add, Qt.MouseButton.LeftButton)  # opens the new row's editor
    assert page.table.model.rowCount() == before + 1
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=2000)
    cell = QApplication.focusWidget()
    assert isinstance(cell, QLineEdit)
    qtbot.keyClicks(cell, "Audit")
    qtbot.keyClick(cell, Qt.Key.Key_Z, CTRL)
    assert page.table.model.rowCount() == before  # the row's adding is undone
    assert workspace.redo_action.isEnabled()
    workspace.redo_action.trigger()
    assert page.table.model.rowCount() == before + 1


def test_a_read_only_pane_keeps_its_own_context_menu(qtbot: QtBot, window: MainWindow) -> None:
    workspace = open_workspace(qtbot, window, "EUC-2022-014")
    _active(qtbot, window)
    workspace.go_to("precedents")
    page = workspace.page("precedents")
    assert isinstance(page, PrecedentsPage)
    page.reasons.setHtml("<a href='case:EUC-2021-007'>EUC-2021-007</a> shares the region.")
    cursor = page.reasons.textCursor()
    cursor.setPosition(3)
    on_link = page.reasons.cursorRect(cursor).center()
    menu = _context_menu(qtbot, page.reasons.viewport(), on_link)
    assert workspace.undo_action not in menu.actions()  # nothing there is the case's to undo
    assert "Copy &Link Location" in [a.text() for a in menu.actions()]
    menu.close()


def test_a_date_boxs_context_menu_undoes_the_case_and_still_steps(
    qtbot: QtBot, window: MainWindow
) -> None:
    workspace, facts = _facts(qtbot, window)
    _focus(qtbot, facts.title)
    qtbot.keyClicks(facts.title, "!")
    line = facts.submitted.findChild(QLineEdit)
    assert line is not None
    menu = _context_menu(qtbot, line)
    texts = [a.text() for a in menu.actions()]
    assert workspace.undo_action in menu.actions() and "&Step up" in texts
    day = facts.submitted.date()
    next(a for a in menu.actions() if a.text() == "&Step up").trigger()
    menu.close()
    assert facts.submitted.date() != day
    workspace.undo_action.trigger()
    assert facts.submitted.date() == day
