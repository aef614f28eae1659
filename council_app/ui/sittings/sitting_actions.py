"""What a member does on the sitting page, asked of the tab as the page's signals: plan, delete,
open and close a sitting, its minutes and presenter, attendance, and the agenda (add, move,
remove). The page (its subclass) builds and shows; this is what its buttons and keys mean,
with the confirmations a council would want before a sitting or its votes go.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QPushButton, QSpinBox, QWidget

from council_app.council.agenda import SittingView
from council_app.ui.common.case_picker import CasePicker
from council_app.ui.common.dates import date_text
from council_app.ui.common.numbers import count_text
from council_app.ui.sittings.agenda_table import NO_BUDGET, AgendaModel, AgendaTable
from council_app.ui.sittings.new_sitting_dialog import NewSittingDialog
from council_app.ui.sittings.sitting_list import SittingListModel


class SittingPageActions(QWidget):
    """The sitting page's actions; the page (its subclass) builds the widgets they act on."""

    sitting_selected = Signal(int)
    sitting_requested = Signal(str, object)  # title, datetime.date
    sitting_delete_requested = Signal(int)
    status_requested = Signal(int, str)  # session id, "open" or "closed"
    minutes_requested = Signal(int)
    presenter_requested = Signal(int)
    attendance_changed = Signal(int, str, bool)  # session id, member, present
    agenda_reordered = Signal(int, list)  # session id, every case id in the new order
    agenda_item_removed = Signal(int, str)
    agenda_item_added = Signal(int, str, object)  # session id, case id, minutes (int | None)
    item_selected = Signal(str)

    # Built and kept up to date by the page.
    view: SittingView | None
    sittings_model: SittingListModel
    agenda_model: AgendaModel
    agenda_table: AgendaTable
    case_picker: CasePicker
    minutes_spin: QSpinBox
    new_sitting_dialog: NewSittingDialog | None
    confirmation: QMessageBox | None
    confirmation_accept: QPushButton | None
    _updating: bool
    _selected_case: str | None

    # What the actions ask of the page.
    @property
    def editable(self) -> bool:
        raise NotImplementedError

    def selected_sitting_id(self) -> int | None:
        raise NotImplementedError

    def selected_item_id(self) -> str | None:
        raise NotImplementedError

    def show_message(self, text: str, error: bool = False) -> None:
        raise NotImplementedError

    def _show_attendance_count(self) -> None:
        raise NotImplementedError

    def _update_buttons(self) -> None:
        raise NotImplementedError

    @Slot(str)
    def on_case_picked(self, case_id: str) -> None:
        if case_id in self.agenda_model.order():
            self.case_picker.clear_pick()
            self.show_message(f"{case_id} is already on the agenda.", error=True)
        self._update_buttons()

    def _selected_row(self) -> int | None:
        rows = self.agenda_table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _confirm(
        self, title: str, text: str, detail: str, accept_text: str, accepted: Callable[[], None]
    ) -> QMessageBox:
        """Ask before something that cannot be undone, without blocking the event loop."""
        if self.confirmation is not None:
            self.confirmation.deleteLater()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(text)
        box.setInformativeText(detail)
        accept = box.addButton(accept_text, QMessageBox.ButtonRole.AcceptRole)
        accept.setAccessibleName(accept_text)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)

        def finished(_result: int) -> None:
            if box.clickedButton() is accept:
                accepted()

        box.finished.connect(finished)
        self.confirmation = box
        self.confirmation_accept = accept
        box.open()
        return box

    @Slot(QItemSelection, QItemSelection)
    def on_sitting_selection_changed(
        self, _selected: QItemSelection, _deselected: QItemSelection
    ) -> None:
        self._update_buttons()
        session_id = self.selected_sitting_id()
        if self._updating or session_id is None:
            return
        if self.view is not None and self.view.session.id == session_id:
            return
        self.sitting_selected.emit(session_id)

    @Slot()
    def on_new_clicked(self) -> None:
        if self.new_sitting_dialog is not None:
            self.new_sitting_dialog.deleteLater()
        dialog = NewSittingDialog(self)
        dialog.sitting_chosen.connect(self.sitting_requested.emit)
        self.new_sitting_dialog = dialog
        dialog.open()

    @Slot()
    def on_delete_clicked(self) -> None:
        session_id = self.selected_sitting_id()
        row = self.sittings_model.row_of(session_id) if session_id is not None else None
        if session_id is None or row is None:
            return
        session = self.sittings_model.sessions()[row]
        self._confirm(
            "Delete sitting",
            f"Delete the sitting “{session.title}” of {date_text(session.date)}?",
            "Its agenda, attendance, recusals and votes are deleted. Decisions already "
            "recorded on cases stay with the cases.",
            "Delete sitting",
            lambda: self.sitting_delete_requested.emit(session_id),
        )

    @Slot()
    def on_open_clicked(self) -> None:
        if self.view is not None and self.view.session.status == "planned":
            self.status_requested.emit(self.view.session.id, "open")

    @Slot()
    def on_close_clicked(self) -> None:
        view = self.view
        if view is None or view.session.status != "open":
            return
        session_id = view.session.id
        undecided = sum(1 for item in view.items if not item.decided)
        detail = "Once it is closed, its votes can no longer change."
        if undecided:
            detail += (
                f" {undecided} agenda item{'s are' if undecided != 1 else ' is'} not decided yet."
            )
        self._confirm(
            "Close sitting",
            f"Close “{view.session.title}”?",
            detail,
            "Close sitting",
            lambda: self.status_requested.emit(session_id, "closed"),
        )

    @Slot()
    def on_minutes_clicked(self) -> None:
        if self.view is not None:
            self.minutes_requested.emit(self.view.session.id)

    @Slot()
    def on_presenter_clicked(self) -> None:
        if self.view is not None and self.view.items:
            self.presenter_requested.emit(self.view.session.id)

    @Slot(str, bool)
    def on_attendance_toggled(self, member: str, present: bool) -> None:
        self._show_attendance_count()
        if self.view is not None:
            self.attendance_changed.emit(self.view.session.id, member, present)

    @Slot(QItemSelection, QItemSelection)
    def on_item_selection_changed(
        self, _selected: QItemSelection, _deselected: QItemSelection
    ) -> None:
        self._update_buttons()
        if self._updating:
            return
        case_id = self.selected_item_id()
        if case_id is None or case_id == self._selected_case:
            self._selected_case = case_id
            return
        self._selected_case = case_id
        self.item_selected.emit(case_id)

    @Slot(int)
    def on_move_requested(self, delta: int) -> None:
        row = self._selected_row()
        if self.view is None or not self.editable or row is None:
            return
        if self.agenda_model.move(row, delta):
            self.agenda_table.scrollTo(self.agenda_model.index(row + delta, 0))
            self._update_buttons()
            self.agenda_reordered.emit(self.view.session.id, self.agenda_model.order())

    @Slot()
    def on_up_clicked(self) -> None:
        self.on_move_requested(-1)

    @Slot()
    def on_down_clicked(self) -> None:
        self.on_move_requested(1)

    @Slot()
    def on_remove_clicked(self) -> None:
        view = self.view
        case_id = self.selected_item_id()
        if view is None or not self.editable or case_id is None:
            return
        session_id = view.session.id
        item = view.item(case_id)
        votes = len(item.votes) if item is not None else 0
        if not votes:
            self.agenda_item_removed.emit(session_id, case_id)
            return
        self._confirm(
            "Remove agenda item",
            f"Take {case_id} off the agenda?",
            f"The {count_text(votes, 'vote')} cast on it in this sitting "
            f"{'are' if votes != 1 else 'is'} deleted too.",
            "Remove",
            lambda: self.agenda_item_removed.emit(session_id, case_id),
        )

    @Slot()
    def on_add_clicked(self) -> None:
        case_id = self.case_picker.case_id()
        if self.view is None or not self.editable or not case_id:
            return
        minutes = self.minutes_spin.value()
        self.agenda_item_added.emit(
            self.view.session.id, str(case_id), minutes if minutes != NO_BUDGET else None
        )
