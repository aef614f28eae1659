"""The Sittings tab: the council's sittings and, for the chosen one, its attendance and agenda.

The page only presents what the core computed (a :class:`SittingView`) and reports what the
user asks for with signals; the main window runs the core and calls :meth:`SittingPage.show_sitting`
with the result. Edits that the user sees at once (a tick in the attendance, an item moved up)
are shown straight away and corrected by the next ``show_sitting`` if the core refuses them,
so the page never waits on the library while someone is speaking.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QPalette, QShowEvent
from PySide6.QtWidgets import QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget

from council_app.council.agenda import SittingView
from council_app.council.quorum import needed, quorum, rule_words
from council_app.council.sessions import Session
from council_app.framework import Framework
from council_app.ui.common.dates import long_date_text
from council_app.ui.common.numbers import count_text
from council_app.ui.common.palette import refusal_colour
from council_app.ui.sittings.agenda_table import CASE_ID_ROLE, duration_text
from council_app.ui.sittings.attendance import Attendee
from council_app.ui.sittings.new_sitting_dialog import NewSittingDialog
from council_app.ui.sittings.sitting_layout import SittingPageLayout
from council_app.ui.sittings.sitting_list import SESSION_ID_ROLE
from council_app.vocabulary import sitting_status_title

# -- models ---------------------------------------------------------------------------------------


# -- views and dialogs ----------------------------------------------------------------------------


class SittingPage(SittingPageLayout):
    """The council's sittings; for the chosen one its header, attendance and agenda, and beside
    them the agenda item the council is on (a panel the main window puts in)."""

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.view: SittingView | None = None
        self._selected_case: str | None = None
        self._updating = False  # set while the page itself changes a selection
        self._message: tuple[str, bool] | None = None
        self.new_sitting_dialog: NewSittingDialog | None = None
        self.confirmation: QMessageBox | None = None
        self.confirmation_accept: QPushButton | None = None
        self.item_panel: QWidget | None = None
        self._sized = False
        self.setObjectName("sitting_page")

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("sitting_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_sittings_column())
        self.splitter.addWidget(self._build_sitting_column())
        self.splitter.addWidget(self._build_item_column())
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._set_tab_order()
        self.show_sitting(None)

    # -- building ---------------------------------------------------------------------------------

    def size_columns(self, width: int) -> None:
        """Share a window of ``width`` pixels: a narrow list, the sitting, and the item panel."""
        left = max(self.fontMetrics().horizontalAdvance("2026-12-03 · September sitting") + 40, 200)
        rest = max(width - left, 0)
        self.splitter.setSizes([left, rest * 42 // 100, rest - rest * 42 // 100])
        self._sized = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            self.size_columns(self.width())

    # -- public API -------------------------------------------------------------------------------

    def set_sittings(self, sessions: list[Session]) -> None:
        """Show the sittings (newest first); the selected one stays selected if it is still there."""
        selected = self.selected_sitting_id()
        if selected is None and self.view is not None:
            selected = self.view.session.id  # shown before the list knew of it (a new sitting)
        self._updating = True
        try:
            self.sittings_model.set_sessions(sessions)
            if selected is not None:
                self._select_sitting_row(selected)
        finally:
            self._updating = False
        self.no_sittings_label.setVisible(not sessions)
        self._update_buttons()

    def select_sitting(self, session_id: int) -> bool:
        """Select a sitting as if the user had; emits ``sitting_selected`` if it changes."""
        row = self.sittings_model.row_of(session_id)
        if row is None:
            return False
        self.sittings_list.setCurrentIndex(self.sittings_model.index(row, 0))
        return True

    def selected_sitting_id(self) -> int | None:
        rows = self.sittings_list.selectionModel().selectedIndexes()
        if not rows:
            return None
        value = rows[0].data(SESSION_ID_ROLE)
        return int(value) if value is not None else None

    def show_sitting(self, view: SittingView | None) -> None:
        previous = self.view
        same_sitting = (
            view is not None and previous is not None and previous.session.id == view.session.id
        )
        self.view = view
        if not same_sitting:
            self.clear_message()
        self.placeholder.setVisible(view is None)
        self.detail.setVisible(view is not None)
        keep_item = self._selected_case if same_sitting else None
        self._updating = True
        try:
            if view is None:
                self.attendance_model.set_attendees([], editable=False)
                self.agenda_model.set_rows([])
                self._selected_case = None
            else:
                self._select_sitting_row(view.session.id)
                self._show_header(view)
                self._show_attendance(view)
                self.agenda_model.set_rows(view.items)
                self._selected_case = None
                if keep_item is not None:
                    row = self.agenda_model.row_of(keep_item)
                    if row is not None:
                        self.agenda_table.selectRow(row)
                        self._selected_case = keep_item
        finally:
            self._updating = False
        self._show_agenda_summary()
        self._leave_out_the_agenda()
        self._update_buttons()

    def set_item_panel(self, widget: QWidget) -> None:
        """Put the agenda item panel (owned by the main window) in the page's large area."""
        if self.item_panel is widget:
            return
        if self.item_panel is not None:
            self.item_stack.removeWidget(self.item_panel)
        self.item_panel = widget
        self.item_stack.addWidget(widget)
        self.item_stack.setCurrentWidget(widget)
        QWidget.setTabOrder(self.add_button, widget)

    def select_item(self, case_id: str) -> bool:
        """Select an agenda item as if the user had; emits ``item_selected`` if it changes."""
        row = self.agenda_model.row_of(case_id)
        if row is None:
            return False
        self.agenda_table.selectRow(row)
        self.agenda_table.scrollTo(self.agenda_model.index(row, 0))
        return True

    def selected_item_id(self) -> str | None:
        rows = self.agenda_table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(CASE_ID_ROLE)
        return str(value) if value else None

    def show_message(self, text: str, error: bool = False) -> None:
        """A line for the core's refusals and confirmations, where the user is looking."""
        self._message = (text, error) if text else None
        self.message_label.setText(f"⚠ {text}" if error and text else text)
        self.message_label.setAccessibleDescription(text)
        self._colour_message()
        self.message_label.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")

    @property
    def editable(self) -> bool:
        return self.view is not None and self.view.session.status != "closed"

    # -- showing ----------------------------------------------------------------------------------

    def _select_sitting_row(self, session_id: int) -> None:
        row = self.sittings_model.row_of(session_id)
        selection = self.sittings_list.selectionModel()
        if row is None:
            selection.clearSelection()
            return
        index = self.sittings_model.index(row, 0)
        if not selection.isSelected(index):
            self.sittings_list.setCurrentIndex(index)
        self.sittings_list.scrollTo(index)

    def _show_header(self, view: SittingView) -> None:
        session = view.session
        self.title_label.setText(session.title)
        status = sitting_status_title(session.status)
        if session.status == "closed":
            status += " — votes can no longer change"
        self.when_label.setText(f"{long_date_text(session.date)} · {status}")
        count = len(view.voting_members)
        rule = view.quorum_rule
        self.rule_label.setText(
            f"Quorum: {rule_words(rule, view.quorum_composition)} "
            f"({needed(rule, count)} of {count} voting members)."
        )
        self.open_button.setVisible(session.status == "planned")
        self.close_button.setVisible(session.status == "open")

    def _show_attendance(self, view: SittingView) -> None:
        attendance = view.session.attendance
        voting = set(view.voting_members)
        rows = [Attendee(m, attendance.get(m, False), True) for m in view.voting_members]
        rows += [
            Attendee(m, here, False) for m, here in sorted(attendance.items()) if m not in voting
        ]
        self.attendance_model.set_attendees(rows, editable=self.editable)
        self.attendance_list.fit_contents()
        self._show_attendance_count()

    def _show_attendance_count(self) -> None:
        view = self.view
        if view is None:
            self.attendance_count.setText("")
            return
        rows = self.attendance_model.attendees()
        voting = [r.member for r in rows if r.voting]
        present = [r.member for r in rows if r.voting and r.present]
        text = f"{len(present)} of {len(voting)} voting members present."
        check = quorum(
            view.quorum_rule, voting, present, composition=view.quorum_composition, kinds=view.kinds
        )
        if not check.met:
            short = [f"{check.needed} needed"] if len(check.present) < check.needed else []
            short += [c.words() for c in check.composition if not c.met]
            text += f" No quorum: {'; '.join(short)}."
        self.attendance_count.setText(text)
        self.attendance_list.setAccessibleDescription(
            f"{text} Ticked members are present; press Space to change the selected member."
        )

    def _show_agenda_summary(self) -> None:
        items = self.agenda_model.rows()
        self.agenda_table.setVisible(bool(items))
        self.empty_agenda_label.setVisible(not items)
        self.empty_agenda_label.setText(
            "Nothing on the agenda yet. Choose a case below and add it."
            if self.editable
            else "Nothing was on the agenda of this sitting."
        )
        budgets = [i.minutes for i in items if i.minutes]
        if not items:
            text = ""
        elif not budgets:
            text = "No time budgets set."
        else:
            text = f"Time budgeted: {duration_text(sum(budgets))}"
            missing = len(items) - len(budgets)
            if missing:
                text += f" ({count_text(missing, 'item')} without a budget)"
            text += "."
        self.total_label.setText(text)

    def _leave_out_the_agenda(self) -> None:
        """The cases on the agenda are not offered; a picked one that now is (it has just been
        added) leaves the field empty for the next case."""
        on_agenda = self.agenda_model.order()
        self.case_picker.set_excluded(on_agenda)
        if self.case_picker.case_id() in on_agenda:
            self.case_picker.clear_pick()

    def _update_buttons(self) -> None:
        view = self.view
        shown = view is not None
        editable = self.editable
        has_items = bool(self.agenda_model.rowCount())
        row = self._selected_row()
        self.delete_button.setEnabled(self.selected_sitting_id() is not None)
        self.minutes_button.setEnabled(shown)
        self.presenter_button.setEnabled(shown and has_items)
        self.up_button.setEnabled(editable and row is not None and row > 0)
        self.down_button.setEnabled(
            editable and row is not None and row < self.agenda_model.rowCount() - 1
        )
        self.remove_button.setEnabled(editable and row is not None)
        self.case_picker.setEnabled(editable)
        self.minutes_spin.setEnabled(editable)
        self.add_button.setEnabled(editable and self.case_picker.case_id() is not None)

    def _colour_message(self) -> None:
        palette = QPalette()  # an empty palette: the label inherits the page's colours
        if self._message and self._message[1]:
            palette = QPalette(self.message_label.palette())
            palette.setColor(QPalette.ColorRole.WindowText, refusal_colour(self.palette()))
        self.message_label.setPalette(palette)
        font = QFont(self.message_label.font())
        font.setBold(bool(self._message and self._message[1]))
        self.message_label.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # Colours that stand for something (a decision, a refusal) follow a change of theme.
            self.agenda_model.palette = self.agenda_table.palette()
            self._colour_message()

    # -- slots ------------------------------------------------------------------------------------
