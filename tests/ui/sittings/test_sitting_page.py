"""The Sittings tab, driven as a user would, on sittings the core built in the demo library."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from council_app.council import sessions as s
from council_app.council.agenda import SittingView, sitting_view
from council_app.council.quorum import Requirement, rule_text
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.ui.common.case_picker import CASE_ID_ROLE as PICKED_ID_ROLE
from council_app.ui.library.library_tasks import LibraryWorkers
from council_app.ui.sittings.agenda_table import CASE_ID_ROLE, AgendaModel
from council_app.ui.sittings.attendance import MEMBER_ROLE, VOTING_ROLE, AttendanceModel
from council_app.ui.sittings.new_sitting_dialog import NewSittingDialog
from council_app.ui.sittings.sitting_list import (
    SESSION_ID_ROLE,
    SITTING_DETAIL_ROLE,
    SittingListModel,
)
from council_app.ui.sittings.sitting_page import SittingPage

TIMEOUT = 1000
GUEST = "Ines Guest"


@dataclass
class Sittings:
    library: CaseLibrary
    framework: Framework
    november: int  # closed, one item
    december: int  # open, three items, votes on the first
    january: int  # planned, empty agenda

    def view(self, session_id: int) -> SittingView:
        return sitting_view(self.library, self.framework, session_id)


@pytest.fixture
def sittings(demo_library: CaseLibrary, framework: Framework) -> Sittings:
    lib = demo_library
    november = s.create_session(lib, "November sitting", date(2026, 11, 5))
    s.add_to_agenda(lib, november, "EUC-2026-090", minutes=10)
    s.set_status(lib, november, "closed")
    december = s.create_session(lib, "December sitting", date(2026, 12, 3))
    s.add_to_agenda(lib, december, "EUC-2026-083", minutes=20)
    s.add_to_agenda(lib, december, "EUC-2026-022")
    s.add_to_agenda(lib, december, "EUC-2026-077", minutes=15)
    s.set_status(lib, december, "open")
    s.set_attendance(lib, december, absent=["Yusuf Demir"], present=[GUEST])
    s.recuse(lib, december, "EUC-2026-083", "Priya Raman", "former client")
    for member, vote in (
        ("Amara Okafor", "approve_with_conditions"),
        ("Hannah Brennan", "restrict"),
        ("Jonas Lindqvist", "approve_with_conditions"),
    ):
        s.record_vote(lib, december, "EUC-2026-083", member, vote)
    s.record_decision(
        lib, framework, december, "EUC-2026-077", "approve", departure="Decided by consensus."
    )
    january = s.create_session(lib, "January sitting", date(2027, 1, 14))
    return Sittings(lib, framework, november, december, january)


@pytest.fixture
def workers(sittings: Sittings, framework: Framework) -> Iterator[LibraryWorkers]:
    """What the "Add case" field searches: the sittings' library, on worker threads."""
    assert sittings.library.path is not None
    runner = LibraryWorkers(sittings.library.path, framework)
    yield runner
    runner.wait()


@pytest.fixture
def page(
    qtbot: QtBot, framework: Framework, sittings: Sittings, workers: LibraryWorkers
) -> SittingPage:
    widget = SittingPage(framework)
    qtbot.addWidget(widget)
    widget.resize(1400, 850)
    widget.set_sittings(s.list_sessions(sittings.library))
    widget.case_picker.use(workers)
    widget.show()  # shares the width between its columns when first shown
    qtbot.waitExposed(widget)
    return widget


def suggested(page: SittingPage) -> list[str]:
    model = page.case_picker.model
    return [model.index(row).data(PICKED_ID_ROLE) for row in range(model.rowCount())]


def type_case(qtbot: QtBot, page: SittingPage, text: str) -> None:
    """Type into the "Add case" field and wait for its suggestions."""
    picker = page.case_picker
    picker.setFocus()
    picker.selectAll()
    qtbot.keyClicks(picker, text)
    qtbot.waitUntil(
        lambda: picker.suggestions_for() == text and picker.popup.isVisible(), timeout=5000
    )


def pick_suggestion(qtbot: QtBot, page: SittingPage, case_id: str) -> None:
    """Click the suggestion for ``case_id`` in the popup."""
    popup = page.case_picker.popup
    row = suggested(page).index(case_id)
    index = popup.model().index(row, 0)  # the popup's own model, the completer's view of ours
    popup.scrollTo(index)
    rect = popup.visualRect(index)
    with qtbot.waitSignal(page.case_picker.picked, timeout=TIMEOUT):
        qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def show(page: SittingPage, sittings: Sittings, session_id: int) -> SittingView:
    """What the main window does when the page asks for a sitting."""
    view = sittings.view(session_id)
    page.show_sitting(view)
    return view


def select_agenda_row(qtbot: QtBot, page: SittingPage, row: int) -> None:
    table = page.agenda_table
    rect = table.visualRect(page.agenda_model.index(row, AgendaModel.TITLE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def accept_confirmation(page: SittingPage) -> str:
    box = page.confirmation
    assert box is not None and box.isVisible()
    text = f"{box.text()} {box.informativeText()}"
    assert page.confirmation_accept is not None
    page.confirmation_accept.click()
    return text


# -- the list of sittings -------------------------------------------------------------------------


def test_the_list_shows_each_sitting_with_its_status_and_agenda(
    page: SittingPage, sittings: Sittings
) -> None:
    model = page.sittings_model
    rows = [model.index(r, 0) for r in range(model.rowCount())]
    assert [i.data() for i in rows] == [
        "2027-01-14 · January sitting",
        "2026-12-03 · December sitting",
        "2026-11-05 · November sitting",
    ]
    assert [i.data(SITTING_DETAIL_ROLE) for i in rows] == [
        "Planned · no agenda yet",
        "Open · 3 agenda items",
        "Closed · 1 agenda item",
    ]
    assert [i.data(SESSION_ID_ROLE) for i in rows] == [
        sittings.january,
        sittings.december,
        sittings.november,
    ]
    assert rows[1].data(Qt.ItemDataRole.ToolTipRole).endswith("Open · 3 agenda items")
    assert "Thursday 3 December 2026" in rows[1].data(Qt.ItemDataRole.AccessibleTextRole)
    assert not page.no_sittings_label.isVisible()


def test_selecting_a_sitting_asks_for_it(
    qtbot: QtBot, page: SittingPage, sittings: Sittings
) -> None:
    assert not page.delete_button.isEnabled()
    with qtbot.waitSignal(page.sitting_selected, timeout=TIMEOUT) as signal:
        page.sittings_list.setCurrentIndex(page.sittings_model.index(1, 0))
    assert signal.args == [sittings.december]
    assert page.delete_button.isEnabled()

    # Keyboard: Down moves to the next (older) sitting.
    page.sittings_list.setFocus()
    with qtbot.waitSignal(page.sitting_selected, timeout=TIMEOUT) as signal:
        qtbot.keyClick(page.sittings_list, Qt.Key.Key_Down)
    assert signal.args == [sittings.november]


def test_new_sittings_keep_the_selection_without_asking_again(
    qtbot: QtBot, page: SittingPage, sittings: Sittings
) -> None:
    page.select_sitting(sittings.december)
    show(page, sittings, sittings.december)
    later = s.create_session(sittings.library, "February sitting", date(2027, 2, 11))
    with qtbot.assertNotEmitted(page.sitting_selected):
        page.set_sittings(s.list_sessions(sittings.library))
    assert page.sittings_model.index(0, 0).data(SESSION_ID_ROLE) == later
    assert page.selected_sitting_id() == sittings.december

    s.delete_session(sittings.library, sittings.december)
    with qtbot.assertNotEmitted(page.sitting_selected):
        page.set_sittings(s.list_sessions(sittings.library))
    assert page.selected_sitting_id() is None
    assert not page.delete_button.isEnabled()

    page.set_sittings([])
    assert page.no_sittings_label.isVisible()


def test_a_new_sitting_shown_before_the_list_knows_it_gets_selected(
    qtbot: QtBot, page: SittingPage, sittings: Sittings
) -> None:
    created = s.create_session(sittings.library, "February sitting", date(2027, 2, 11))
    show(page, sittings, created)  # the main window shows the sitting it has just created
    assert page.selected_sitting_id() is None
    with qtbot.assertNotEmitted(page.sitting_selected):
        page.set_sittings(s.list_sessions(sittings.library))
    assert page.selected_sitting_id() == created


def test_a_new_sitting_is_named_after_its_month(qtbot: QtBot, page: SittingPage) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.new_sitting_dialog
    assert isinstance(dialog, NewSittingDialog)
    qtbot.waitExposed(dialog)
    today = date.today()
    assert dialog.chosen_date() == today
    assert dialog.title_edit.text() == f"{today:%B} sitting"

    dialog.date_edit.setDate(QDate(2026, 12, 3))
    assert dialog.title_edit.text() == "December sitting"
    with qtbot.waitSignal(page.sitting_requested, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["December sitting", date(2026, 12, 3)]
    assert not dialog.isVisible()


def test_a_typed_title_stays_when_the_date_changes(qtbot: QtBot, page: SittingPage) -> None:
    page.on_new_clicked()
    dialog = page.new_sitting_dialog
    assert dialog is not None
    dialog.title_edit.clear()
    assert not dialog.ok_button.isEnabled()  # a sitting needs a title
    qtbot.keyClicks(dialog.title_edit, "Extraordinary sitting on elections")
    assert dialog.ok_button.isEnabled()
    dialog.date_edit.setDate(QDate(2027, 3, 2))
    assert dialog.title_edit.text() == "Extraordinary sitting on elections"
    with qtbot.waitSignal(page.sitting_requested, timeout=TIMEOUT) as signal:
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert signal.args == ["Extraordinary sitting on elections", date(2027, 3, 2)]


def test_deleting_a_sitting_asks_first(qtbot: QtBot, page: SittingPage, sittings: Sittings) -> None:
    page.select_sitting(sittings.november)
    with qtbot.assertNotEmitted(page.sitting_delete_requested):
        qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
        box = page.confirmation
        assert box is not None and box.isVisible()
        assert "November sitting" in box.text()
        box.reject()  # Cancel
    assert not box.isVisible()

    page.sittings_list.setFocus()
    qtbot.keyClick(page.sittings_list, Qt.Key.Key_Delete)
    with qtbot.waitSignal(page.sitting_delete_requested, timeout=TIMEOUT) as signal:
        text = accept_confirmation(page)
    assert signal.args == [sittings.november]
    assert "Decisions already recorded on cases stay" in text


# -- the sitting's header -------------------------------------------------------------------------


def test_nothing_is_shown_before_a_sitting_is_chosen(page: SittingPage) -> None:
    assert page.placeholder.isVisible()
    assert not page.detail.isVisible()
    assert page.item_placeholder.isVisible()


def test_the_header_says_when_and_with_what_quorum(page: SittingPage, sittings: Sittings) -> None:
    view = show(page, sittings, sittings.december)
    assert not page.placeholder.isVisible()
    assert page.title_label.text() == "December sitting"
    assert page.when_label.text() == "Thursday 3 December 2026 · Open"
    assert rule_text(view.quorum_rule) in page.rule_label.text()
    assert "5 of 8 voting members" in page.rule_label.text()
    assert page.selected_sitting_id() == sittings.december  # shown means selected


def test_a_planned_sitting_is_opened(qtbot: QtBot, page: SittingPage, sittings: Sittings) -> None:
    show(page, sittings, sittings.january)
    assert page.open_button.isVisible()
    assert not page.close_button.isVisible()
    assert page.when_label.text().endswith("Planned")
    with qtbot.waitSignal(page.status_requested, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert signal.args == [sittings.january, "open"]


def test_closing_a_sitting_warns_that_votes_can_no_longer_change(
    qtbot: QtBot, page: SittingPage, sittings: Sittings
) -> None:
    show(page, sittings, sittings.december)
    assert page.close_button.isVisible()
    assert not page.open_button.isVisible()
    with qtbot.assertNotEmitted(page.status_requested):
        qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.status_requested, timeout=TIMEOUT) as signal:
        text = accept_confirmation(page)
    assert signal.args == [sittings.december, "closed"]
    assert "votes can no longer change" in text
    assert "2 agenda items are not decided yet" in text


def test_minutes_and_presenter_mode(qtbot: QtBot, page: SittingPage, sittings: Sittings) -> None:
    show(page, sittings, sittings.december)
    with qtbot.waitSignal(page.minutes_requested, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(page.minutes_button, Qt.MouseButton.LeftButton)
    assert signal.args == [sittings.december]
    assert page.presenter_button.isEnabled()
    with qtbot.waitSignal(page.presenter_requested, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(page.presenter_button, Qt.MouseButton.LeftButton)
    assert signal.args == [sittings.december]

    show(page, sittings, sittings.january)  # nothing on the agenda: nothing to present
    assert not page.presenter_button.isEnabled()
    assert page.empty_agenda_label.isVisible()
    assert not page.agenda_table.isVisible()


def test_messages_from_the_core_are_shown_in_the_page(
    page: SittingPage, sittings: Sittings
) -> None:
    show(page, sittings, sittings.december)
    assert not page.message_label.isVisible()
    page.show_message("Sitting opened.")
    assert page.message_label.isVisible()
    assert page.message_label.text() == "Sitting opened."
    assert not page.message_label.font().bold()
    refusal = "No vote is recorded for EUC-2026-022. No quorum: 4 of 8 voting members present."
    page.show_message(refusal, error=True)
    assert refusal in page.message_label.text()
    assert page.message_label.font().bold()
    assert page.message_label.accessibleDescription() == refusal
    show(page, sittings, sittings.december)  # the same sitting again: the message stays
    assert page.message_label.isVisible()
    show(page, sittings, sittings.january)  # another sitting: it goes
    assert not page.message_label.isVisible()


# -- attendance -----------------------------------------------------------------------------------


def test_attendance_lists_the_voting_members_and_anyone_else_present(
    page: SittingPage, sittings: Sittings
) -> None:
    view = show(page, sittings, sittings.december)
    model = page.attendance_model
    members = [model.index(r, 0).data(MEMBER_ROLE) for r in range(model.rowCount())]
    assert members == [*view.voting_members, GUEST]
    states = {
        model.index(r, 0).data(MEMBER_ROLE): model.index(r, 0).data(Qt.ItemDataRole.CheckStateRole)
        for r in range(model.rowCount())
    }
    assert states["Yusuf Demir"] == Qt.CheckState.Unchecked
    assert states["Amara Okafor"] == Qt.CheckState.Checked
    assert states[GUEST] == Qt.CheckState.Checked
    guest = model.index(model.rowCount() - 1, 0)
    assert guest.data() == f"{GUEST} (not voting)"
    assert guest.data(VOTING_ROLE) is False
    assert page.attendance_count.text() == "7 of 8 voting members present."
    assert model.flags(guest) & Qt.ItemFlag.ItemIsUserCheckable


def test_ticking_a_member_reports_the_attendance(
    qtbot: QtBot, page: SittingPage, sittings: Sittings
) -> None:
    show(page, sittings, sittings.december)
    model = page.attendance_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Yusuf Demir")
    with qtbot.waitSignal(page.attendance_changed, timeout=TIMEOUT) as signal:
        assert model.setData(
            model.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
        )
    assert signal.args == [sittings.december, "Yusuf Demir", True]
    assert page.attendance_count.text() == "8 of 8 voting members present."

    # By keyboard: select a member and press Space.
    page.attendance_list.setFocus()
    page.attendance_list.setCurrentIndex(model.index(0, 0))
    with qtbot.waitSignal(page.attendance_changed, timeout=TIMEOUT) as signal:
        qtbot.keyClick(page.attendance_list, Qt.Key.Key_Space)
    assert signal.args == [sittings.december, "Amara Okafor", False]
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_too_few_present_says_there_is_no_quorum(page: SittingPage, sittings: Sittings) -> None:
    s.set_attendance(
        sittings.library,
        sittings.december,
        absent=["Amara Okafor", "Hannah Brennan", "Jonas Lindqvist", "Mateo García"],
    )
    show(page, sittings, sittings.december)
    assert page.attendance_count.text() == "3 of 8 voting members present. No quorum: 5 needed."


# -- the agenda -----------------------------------------------------------------------------------


def test_the_agenda_table_shows_each_item(
    page: SittingPage, sittings: Sittings, framework: Framework
) -> None:
    view = show(page, sittings, sittings.december)
    model = page.agenda_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)] == [
        "No.",
        "Case",
        "Title",
        "Budget",
        "Quorum",
        "Votes",
        "Decision",
    ]
    table = [[model.index(r, c).data() for c in range(7)] for r in range(model.rowCount())]
    titles = [item.case.title for item in view.items]
    assert table == [
        ["1", "EUC-2026-083", titles[0], "20 min", "Yes", "3", "—"],
        ["2", "EUC-2026-022", titles[1], "—", "Yes", "0", "—"],
        ["3", "EUC-2026-077", titles[2], "15 min", "Yes", "0", framework.outcome_title("approve")],
    ]
    first = model.index(0, AgendaModel.QUORUM)
    assert "Priya Raman recused" in first.data(Qt.ItemDataRole.ToolTipRole)
    votes = model.index(0, AgendaModel.VOTES)
    assert "most votes: " + framework.outcome_title("approve_with_conditions") in votes.data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert model.index(0, 0).data(CASE_ID_ROLE) == "EUC-2026-083"
    assert page.total_label.text() == "Time budgeted: 35 min (1 item without a budget)."


def test_without_quorum_the_quorum_column_says_no(page: SittingPage, sittings: Sittings) -> None:
    s.set_attendance(
        sittings.library,
        sittings.december,
        absent=["Amara Okafor", "Hannah Brennan", "Jonas Lindqvist", "Mateo García"],
    )
    show(page, sittings, sittings.december)
    cell = page.agenda_model.index(1, AgendaModel.QUORUM)
    assert cell.data() == "No"
    assert cell.data(Qt.ItemDataRole.ToolTipRole).startswith("No quorum: 3 of 8")


def test_selecting_an_item_reports_its_case(
    qtbot: QtBot, page: SittingPage, sittings: Sittings
) -> None:
    show(page, sittings, sittings.december)
    with qtbot.waitSignal(page.item_selected, timeout=TIMEOUT) as signal:
        select_agenda_row(qtbot, page, 1)
    assert signal.args == ["EUC-2026-022"]

    # The presenter window moved on: the page follows.
    with qtbot.waitSignal(page.item_selected, timeout=TIMEOUT) as signal:
        assert page.select_item("EUC-2026-077")
    assert signal.args == ["EUC-2026-077"]
    assert page.selected_item_id() == "EUC-2026-077"
    assert not page.select_item("EUC-2026-090")  # not on this agenda

    # A refresh of the same sitting (after a vote) keeps the item without asking again.
    with qtbot.assertNotEmitted(page.item_selected):
        show(page, sittings, sittings.december)
    assert page.selected_item_id() == "EUC-2026-077"
    show(page, sittings, sittings.january)
    assert page.selected_item_id() is None


def test_moving_items_reports_the_whole_new_order(
    qtbot: QtBot, page: SittingPage, sittings: Sittings
) -> None:
    show(page, sittings, sittings.december)
    select_agenda_row(qtbot, page, 0)
    assert not page.up_button.isEnabled()
    with qtbot.waitSignal(page.agenda_reordered, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(page.down_button, Qt.MouseButton.LeftButton)
    assert signal.args == [sittings.december, ["EUC-2026-022", "EUC-2026-083", "EUC-2026-077"]]
    # Shown at once, numbered by the new order, and the moved item stays selected.
    assert page.agenda_model.index(1, AgendaModel.CASE).data() == "EUC-2026-083"
    assert page.agenda_model.index(1, AgendaModel.NUMBER).data() == "2"
    assert page.selected_item_id() == "EUC-2026-083"
    with qtbot.waitSignal(page.agenda_reordered, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    assert signal.args[1] == ["EUC-2026-083", "EUC-2026-022", "EUC-2026-077"]


def test_keyboard_reordering(qtbot: QtBot, page: SittingPage, sittings: Sittings) -> None:
    show(page, sittings, sittings.december)
    table = page.agenda_table
    table.setFocus()
    page.select_item("EUC-2026-083")
    with qtbot.waitSignal(page.agenda_reordered, timeout=TIMEOUT) as signal:
        qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert signal.args[1] == ["EUC-2026-022", "EUC-2026-083", "EUC-2026-077"]
    with qtbot.waitSignal(page.agenda_reordered, timeout=TIMEOUT) as signal:
        qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert signal.args[1] == ["EUC-2026-022", "EUC-2026-077", "EUC-2026-083"]
    with qtbot.assertNotEmitted(page.agenda_reordered):  # already last
        qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(page.agenda_reordered, timeout=TIMEOUT) as signal:
        qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert signal.args[1] == ["EUC-2026-022", "EUC-2026-083", "EUC-2026-077"]
    assert page.selected_item_id() == "EUC-2026-083"
    # Plain arrows still move the selection, not the item.
    with qtbot.assertNotEmitted(page.agenda_reordered):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert page.selected_item_id() == "EUC-2026-077"


def test_removing_an_item(qtbot: QtBot, page: SittingPage, sittings: Sittings) -> None:
    show(page, sittings, sittings.december)
    page.select_item("EUC-2026-022")
    with qtbot.waitSignal(page.agenda_item_removed, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert signal.args == [sittings.december, "EUC-2026-022"]

    # An item with votes asks first: its votes go with it.
    page.select_item("EUC-2026-083")
    page.agenda_table.setFocus()
    with qtbot.assertNotEmitted(page.agenda_item_removed):
        qtbot.keyClick(page.agenda_table, Qt.Key.Key_Delete)
    with qtbot.waitSignal(page.agenda_item_removed, timeout=TIMEOUT) as signal:
        text = accept_confirmation(page)
    assert signal.args == [sittings.december, "EUC-2026-083"]
    assert "3 votes cast on it in this sitting are deleted too" in text


def test_the_add_case_field_leaves_out_the_agenda(
    qtbot: QtBot, page: SittingPage, sittings: Sittings
) -> None:
    show(page, sittings, sittings.december)
    assert not page.add_button.isEnabled()  # no case picked yet
    type_case(qtbot, page, "EUC-2026")
    on_agenda = {"EUC-2026-083", "EUC-2026-022", "EUC-2026-077"}
    assert suggested(page) == [f"EUC-2026-{n}" for n in ("014", "030", "045", "050", "058", "090")]
    assert not on_agenda & set(suggested(page))
    first = page.case_picker.model.case(0)
    assert page.case_picker.model.index(0).data() == f"{first.id} — {first.title}"


def test_an_agenda_case_typed_by_its_id_is_refused_with_a_message(
    qtbot: QtBot, page: SittingPage, sittings: Sittings
) -> None:
    show(page, sittings, sittings.december)
    page.case_picker.setFocus()
    qtbot.keyClicks(page.case_picker, "EUC-2026-083")
    qtbot.keyClick(page.case_picker, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "already on the agenda" in page.message_label.text(), timeout=5000)
    assert page.message_label.text().endswith("EUC-2026-083 is already on the agenda.")
    assert page.case_picker.case_id() is None
    assert not page.add_button.isEnabled()


def test_adding_a_case_with_and_without_a_budget(
    qtbot: QtBot, page: SittingPage, sittings: Sittings
) -> None:
    show(page, sittings, sittings.december)
    type_case(qtbot, page, "pharmacy")
    pick_suggestion(qtbot, page, "EUC-2026-090")
    assert page.case_picker.text().startswith("EUC-2026-090 — Personalised offers")
    page.minutes_spin.setValue(25)
    with qtbot.waitSignal(page.agenda_item_added, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert signal.args == [sittings.december, "EUC-2026-090", 25]

    page.minutes_spin.setValue(0)
    assert page.minutes_spin.text() == "No budget"
    with qtbot.waitSignal(page.agenda_item_added, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert signal.args == [sittings.december, "EUC-2026-090", None]

    # Once the core has added it, it is on the agenda, the field is empty for the next case,
    # and the case is no longer offered.
    s.add_to_agenda(sittings.library, sittings.december, "EUC-2026-090")
    show(page, sittings, sittings.december)
    assert page.agenda_model.rowCount() == 4
    assert page.case_picker.case_id() is None and page.case_picker.text() == ""
    assert not page.add_button.isEnabled()
    type_case(qtbot, page, "EUC-2026")
    assert "EUC-2026-090" not in suggested(page)


def test_a_closed_sitting_is_read_only(qtbot: QtBot, page: SittingPage, sittings: Sittings) -> None:
    s.set_status(sittings.library, sittings.december, "closed")
    show(page, sittings, sittings.december)
    assert not page.open_button.isVisible()
    assert not page.close_button.isVisible()
    assert "Closed — votes can no longer change" in page.when_label.text()

    model = page.attendance_model
    index = model.index(0, 0)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    with qtbot.assertNotEmitted(page.attendance_changed):
        assert not model.setData(
            index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
        )
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked

    page.select_item("EUC-2026-022")
    for control in (
        page.up_button,
        page.down_button,
        page.remove_button,
        page.case_picker,
        page.minutes_spin,
        page.add_button,
    ):
        assert not control.isEnabled(), control.accessibleName()
    page.agenda_table.setFocus()
    with (
        qtbot.assertNotEmitted(page.agenda_reordered),
        qtbot.assertNotEmitted(page.agenda_item_removed),
    ):
        qtbot.keyClick(page.agenda_table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(page.agenda_table, Qt.Key.Key_Delete)
    assert page.agenda_model.order() == ["EUC-2026-083", "EUC-2026-022", "EUC-2026-077"]
    # Still readable: the minutes and the presenter screen remain.
    assert page.minutes_button.isEnabled()
    assert page.presenter_button.isEnabled()


def test_the_item_panel_gets_the_large_area(
    qtbot: QtBot, page: SittingPage, sittings: Sittings
) -> None:
    show(page, sittings, sittings.december)
    panel = QLabel("Agenda item")
    page.set_item_panel(panel)
    assert panel.isVisible()
    assert page.item_panel is panel
    assert panel.width() >= page.agenda_table.width() * 0.8
    other = QLabel("Another panel")
    qtbot.addWidget(panel)
    page.set_item_panel(other)
    assert other.isVisible() and not panel.isVisible()


# -- models and accessibility ---------------------------------------------------------------------


def test_the_models_pass_the_model_tester(
    qtmodeltester: ModelTester, page: SittingPage, sittings: Sittings, framework: Framework
) -> None:
    view = show(page, sittings, sittings.december)
    sitting_list = SittingListModel()
    sitting_list.set_sessions(s.list_sessions(sittings.library))
    qtmodeltester.check(sitting_list)
    attendance = AttendanceModel()
    attendance.set_attendees(page.attendance_model.attendees(), editable=True)
    qtmodeltester.check(attendance)
    agenda = AgendaModel()
    agenda.palette = page.palette()
    agenda.set_rows(view.items)
    qtmodeltester.check(agenda)
    assert agenda.move(0, 1) and not agenda.move(2, 1) and not agenda.move(0, -1)
    assert agenda.order() == ["EUC-2026-022", "EUC-2026-083", "EUC-2026-077"]


def _unnamed(widget: QWidget) -> list[str]:
    interactive = (QLineEdit, QComboBox, QSpinBox, QAbstractButton, QAbstractItemView)
    return [
        f"{type(w).__name__} {w.objectName()} {w.property('text') or ''}".strip()
        for w in widget.findChildren(QWidget)
        if isinstance(w, interactive)
        and w.isVisible()
        and not w.accessibleName()
        and not w.objectName().startswith("qt_")
        # scroll and spin arrows drawn by Qt itself
        and not (isinstance(w, QToolButton) and not w.text())
    ]


def test_every_interactive_widget_has_an_accessible_name(
    qtbot: QtBot, page: SittingPage, sittings: Sittings
) -> None:
    assert _unnamed(page) == []
    for session_id in (sittings.january, sittings.december, sittings.november):
        show(page, sittings, session_id)
        assert _unnamed(page) == [], session_id
    page.show_message("Sitting opened.")
    assert page.message_label.accessibleName() == "Status message"
    page.on_new_clicked()
    assert page.new_sitting_dialog is not None
    qtbot.waitExposed(page.new_sitting_dialog)
    assert _unnamed(page.new_sitting_dialog) == []
    page.new_sitting_dialog.reject()
    page.select_sitting(sittings.november)
    page.on_delete_clicked()
    assert page.confirmation is not None
    assert _unnamed(page.confirmation) == []
    page.confirmation.reject()


def test_labels_lead_to_their_fields(page: SittingPage, sittings: Sittings) -> None:
    show(page, sittings, sittings.december)
    buddies = {
        label.text(): label.buddy()
        for label in page.findChildren(QLabel)
        if label.buddy() is not None
    }
    assert buddies == {
        "&Sittings": page.sittings_list,
        "&Attendance": page.attendance_list,
        "A&genda": page.agenda_table,
        "Add &case:": page.case_picker,
        "&Budget:": page.minutes_spin,
    }


def test_tab_follows_the_reading_order(qtbot: QtBot, page: SittingPage, sittings: Sittings) -> None:
    show(page, sittings, sittings.december)
    page.select_item("EUC-2026-022")  # so that the move buttons take focus
    page.activateWindow()
    qtbot.waitActive(page)
    type_case(qtbot, page, "pharmacy")  # and a case picked, so that "Add to agenda" does
    pick_suggestion(qtbot, page, "EUC-2026-090")
    page.sittings_list.setFocus()
    seen: list[QWidget] = []
    for _ in range(20):
        widget = page.focusWidget()
        assert widget is not None
        if widget not in seen:
            seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    expected = [
        page.sittings_list,
        page.new_button,
        page.delete_button,
        page.close_button,
        page.minutes_button,
        page.presenter_button,
        page.attendance_list,
        page.agenda_table,
        page.up_button,
        page.down_button,
        page.remove_button,
        page.case_picker,
        page.minutes_spin,
        page.add_button,
    ]
    order = [w for w in seen if w in expected]
    assert order == expected


def test_a_large_library_offers_a_few_cases_never_all(
    qtbot: QtBot, page: SittingPage, sittings: Sittings
) -> None:
    """A box filled with every case crashed the app ("none_dealloc") on a 20,000-case library;
    the field asks the search for a popup's worth."""
    from council_app.library.suggestions import SUGGESTIONS
    from tests.factories import make_case

    sittings.library.add_cases(
        [make_case(f"GEN-{n:05d}", title=f"Generated crowd case {n}") for n in range(3000)]
    )
    show(page, sittings, sittings.december)
    type_case(qtbot, page, "crowd")
    assert len(suggested(page)) == SUGGESTIONS
    type_case(qtbot, page, "GEN-0299")
    assert suggested(page)[0] == "GEN-02990"
    assert len(suggested(page)) == 10
    pick_suggestion(qtbot, page, "GEN-02995")
    assert page.case_picker.case_id() == "GEN-02995"
    assert page.add_button.isEnabled()


def test_a_quorum_asking_for_an_external_member_says_when_none_is_present(
    page: SittingPage, sittings: Sittings
) -> None:
    s.set_quorum_composition(sittings.library, [Requirement(1, "external")])
    view = show(page, sittings, sittings.december)
    assert "with at least 1 external member" in page.rule_label.text()
    assert page.attendance_count.text() == "7 of 8 voting members present."
    s.set_attendance(sittings.library, sittings.december, absent=["Zofia Nowak"])
    show(page, sittings, sittings.december)
    assert page.attendance_count.text() == (
        "6 of 8 voting members present. No quorum: at least 1 external member must be present; "
        "none is."
    )
    assert view.kinds["Zofia Nowak"] == "external"
