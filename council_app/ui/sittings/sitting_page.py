"""The Sittings tab: the council's sittings and, for the chosen one, its attendance and agenda.

The page only presents what the core computed (a :class:`SittingView`) and reports what the
user asks for with signals; the main window runs the core and calls :meth:`SittingPage.show_sitting`
with the result. Edits that the user sees at once (a tick in the attendance, an item moved up)
are shown straight away and corrected by the next ``show_sitting`` if the core refuses them,
so the page never waits on the library while someone is speaking.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from council_app.council.agenda import SittingView
from council_app.council.quorum import needed, quorum, rule_text
from council_app.council.sessions import Session
from council_app.framework import Framework
from council_app.ui.common.case_picker import CasePicker
from council_app.ui.common.dates import long_date_text
from council_app.ui.common.fonts import bold_font
from council_app.ui.common.numbers import count_text
from council_app.ui.common.palette import refusal_colour
from council_app.ui.sittings.agenda_table import (
    CASE_ID_ROLE,
    MAX_BUDGET,
    NO_BUDGET,
    AgendaModel,
    AgendaTable,
    duration_text,
)
from council_app.ui.sittings.attendance import AttendanceList, AttendanceModel, Attendee
from council_app.ui.sittings.new_sitting_dialog import NewSittingDialog
from council_app.ui.sittings.sitting_actions import SittingPageActions
from council_app.ui.sittings.sitting_list import (
    SESSION_ID_ROLE,
    SittingList,
    SittingListModel,
    TwoLineDelegate,
)
from council_app.vocabulary import sitting_status_title

# -- models ---------------------------------------------------------------------------------------


# -- views and dialogs ----------------------------------------------------------------------------


def _heading(text: str, font: QFont) -> QLabel:
    label = QLabel(text)
    label.setFont(bold_font(font))
    return label


def _button(text: str, name: str, description: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    if description:
        button.setAccessibleDescription(description)
        button.setToolTip(description)
    return button


# -- the page -------------------------------------------------------------------------------------


class SittingPage(SittingPageActions):
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

    def _build_sittings_column(self) -> QWidget:
        self.sittings_model = SittingListModel(self)
        self.sittings_list = SittingList()
        self.sittings_list.setObjectName("sittings_list")
        self.sittings_list.setModel(self.sittings_model)
        self.sittings_list.setItemDelegate(TwoLineDelegate(self.sittings_list))
        self.sittings_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sittings_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sittings_list.setAccessibleName("Sittings")
        self.sittings_list.setAccessibleDescription(
            "The council's sittings, newest first. Select one to see its attendance and agenda."
        )
        label = _heading("&Sittings", self.font())
        label.setBuddy(self.sittings_list)
        self.no_sittings_label = QLabel("No sittings yet. Start one with “New sitting…”.")
        self.no_sittings_label.setWordWrap(True)
        self.new_button = _button(
            "&New sitting…", "New sitting", "Plan a sitting: its title and date"
        )
        self.delete_button = _button(
            "&Delete sitting…",
            "Delete sitting",
            "Delete the selected sitting with its agenda, attendance and votes",
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)

        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(label)
        layout.addWidget(self.sittings_list, 1)
        layout.addWidget(self.no_sittings_label)
        layout.addLayout(buttons)

        self.sittings_list.selectionModel().selectionChanged.connect(
            self.on_sitting_selection_changed
        )
        self.sittings_list.delete_requested.connect(self.on_delete_clicked)
        self.new_button.clicked.connect(self.on_new_clicked)
        self.delete_button.clicked.connect(self.on_delete_clicked)
        return column

    def _build_sitting_column(self) -> QWidget:
        font = self.font()
        self.title_label = QLabel()
        self.title_label.setObjectName("sitting_title")
        self.title_label.setFont(bold_font(font, 1.45))
        self.title_label.setWordWrap(True)
        self.when_label = QLabel()
        self.when_label.setObjectName("sitting_when")
        self.rule_label = QLabel()
        self.rule_label.setObjectName("quorum_rule")
        self.rule_label.setWordWrap(True)

        self.open_button = _button("&Open sitting", "Open sitting", "Start the sitting")
        self.close_button = _button(
            "C&lose sitting",
            "Close sitting",
            "End the sitting; its votes can no longer change",
        )
        self.minutes_button = _button(
            "M&inutes…", "Minutes", "Write the minutes of this sitting as a PDF"
        )
        self.presenter_button = _button(
            "&Presenter mode",
            "Presenter mode",
            "Show the agenda item by item on a second screen or projector",
        )
        actions = QHBoxLayout()
        for button in (
            self.open_button,
            self.close_button,
            self.minutes_button,
            self.presenter_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)

        self.message_label = QLabel()
        self.message_label.setObjectName("sitting_message")
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName("Status message")
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()

        # Attendance
        self.attendance_model = AttendanceModel(self)
        self.attendance_list = AttendanceList()
        self.attendance_list.setObjectName("attendance_list")
        self.attendance_list.setModel(self.attendance_model)
        self.attendance_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.attendance_list.setAccessibleName("Attendance")
        self.attendance_list.setAccessibleDescription(
            "Ticked members are present. Press Space to mark the selected member present or absent."
        )
        line = self.fontMetrics().lineSpacing()
        attendance_label = _heading("&Attendance", font)
        attendance_label.setBuddy(self.attendance_list)
        self.attendance_count = QLabel()
        self.attendance_count.setObjectName("attendance_count")
        attendance_header = QHBoxLayout()
        attendance_header.addWidget(attendance_label)
        attendance_header.addSpacing(line)
        attendance_header.addWidget(self.attendance_count, 1)

        # Agenda
        self.agenda_model = AgendaModel(self.framework, self)
        self.agenda_table = AgendaTable()
        self.agenda_table.setObjectName("agenda_table")
        self.agenda_table.setModel(self.agenda_model)
        self.agenda_model.palette = self.agenda_table.palette()
        self.agenda_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda_table.setAlternatingRowColors(True)
        self.agenda_table.setWordWrap(False)
        self.agenda_table.setTabKeyNavigation(False)
        self.agenda_table.verticalHeader().setVisible(False)
        self.agenda_table.verticalHeader().setDefaultSectionSize(line + 12)
        self.agenda_table.setAccessibleName("Agenda")
        self.agenda_table.setAccessibleDescription(
            "The order of business. Select an item to work on it; Ctrl+Up and Ctrl+Down move it, "
            "Delete removes it."
        )
        header = self.agenda_table.horizontalHeader()
        header.setAccessibleName("Agenda columns")
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        metrics = self.agenda_table.fontMetrics()
        # The short columns take what their contents need; the title has all the rest.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AgendaModel.TITLE, QHeaderView.ResizeMode.Stretch)
        agenda_label = _heading("A&genda", font)
        agenda_label.setBuddy(self.agenda_table)
        self.empty_agenda_label = QLabel()
        self.empty_agenda_label.setObjectName("agenda_empty")
        self.empty_agenda_label.setWordWrap(True)

        self.total_label = QLabel()
        self.total_label.setObjectName("agenda_total")
        self.up_button = _button("Move &up", "Move item up", "Move the item up (Ctrl+Up)")
        self.down_button = _button("Move do&wn", "Move item down", "Move the item down (Ctrl+Down)")
        self.remove_button = _button(
            "&Remove", "Remove item from the agenda", "Take the item off the agenda (Delete)"
        )
        below = QHBoxLayout()
        below.addWidget(self.total_label, 1)
        below.addWidget(self.up_button)
        below.addWidget(self.down_button)
        below.addWidget(self.remove_button)

        # A search field, not a list of every case: a combo box holding a 20,000-case library
        # crashed the app (issue 17). The sittings tab gives it the library to search.
        self.case_picker = CasePicker(self.framework)
        self.case_picker.setObjectName("add_case")
        self.case_picker.setAccessibleName("Case to add to the agenda")
        self.case_picker.setAccessibleDescription(
            "Type a case id or words from the case, then choose it from the suggestions; "
            "cases already on this agenda are not offered."
        )
        self.case_picker.setMinimumWidth(metrics.horizontalAdvance("M" * 14))
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setObjectName("budget_minutes")
        self.minutes_spin.setRange(NO_BUDGET, MAX_BUDGET)
        self.minutes_spin.setSingleStep(5)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setSpecialValueText("No budget")
        self.minutes_spin.setAccessibleName("Time budget in minutes")
        self.minutes_spin.setAccessibleDescription("0 means no time budget")
        self.add_button = _button("Add &to agenda", "Add to agenda", "Put the case on the agenda")
        case_label = QLabel("Add &case:")
        case_label.setBuddy(self.case_picker)
        minutes_label = QLabel("&Budget:")
        minutes_label.setBuddy(self.minutes_spin)
        add_row = QHBoxLayout()
        add_row.addWidget(case_label)
        add_row.addWidget(self.case_picker, 1)
        add_row.addWidget(minutes_label)
        add_row.addWidget(self.minutes_spin)
        add_row.addWidget(self.add_button)

        self.detail = QWidget()
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.title_label)
        detail_layout.addWidget(self.when_label)
        detail_layout.addWidget(self.rule_label)
        detail_layout.addLayout(actions)
        detail_layout.addWidget(self.message_label)
        detail_layout.addSpacing(line // 2)
        detail_layout.addLayout(attendance_header)
        detail_layout.addWidget(self.attendance_list)
        detail_layout.addSpacing(line // 2)
        detail_layout.addWidget(agenda_label)
        detail_layout.addWidget(self.agenda_table, 1)
        # Without items the table is hidden and this sentence takes its place and its space.
        detail_layout.addWidget(self.empty_agenda_label, 1, Qt.AlignmentFlag.AlignTop)
        detail_layout.addLayout(below)
        detail_layout.addLayout(add_row)

        self.placeholder = QLabel("Choose a sitting on the left, or start a new one.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)

        middle = QWidget()
        layout = QVBoxLayout(middle)
        layout.setContentsMargins(4, 8, 4, 8)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.detail, 1)

        self.open_button.clicked.connect(self.on_open_clicked)
        self.close_button.clicked.connect(self.on_close_clicked)
        self.minutes_button.clicked.connect(self.on_minutes_clicked)
        self.presenter_button.clicked.connect(self.on_presenter_clicked)
        self.attendance_model.toggled.connect(self.on_attendance_toggled)
        self.agenda_table.selectionModel().selectionChanged.connect(self.on_item_selection_changed)
        self.agenda_table.move_requested.connect(self.on_move_requested)
        self.agenda_table.remove_requested.connect(self.on_remove_clicked)
        self.up_button.clicked.connect(self.on_up_clicked)
        self.down_button.clicked.connect(self.on_down_clicked)
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self.add_button.clicked.connect(self.on_add_clicked)
        self.case_picker.picked.connect(self.on_case_picked)
        self.case_picker.unpicked.connect(self._update_buttons)
        return middle

    def _build_item_column(self) -> QWidget:
        self.item_placeholder = QLabel(
            "Choose an agenda item to see its scoring, votes and decision here."
        )
        self.item_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.item_placeholder.setWordWrap(True)
        self.item_stack = QStackedWidget()
        self.item_stack.setObjectName("item_panel_area")
        self.item_stack.addWidget(self.item_placeholder)
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.addWidget(self.item_stack)
        return column

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.sittings_list,
            self.new_button,
            self.delete_button,
            self.open_button,
            self.close_button,
            self.minutes_button,
            self.presenter_button,
            self.attendance_list,
            self.agenda_table,
            self.up_button,
            self.down_button,
            self.remove_button,
            self.case_picker,
            self.minutes_spin,
            self.add_button,
            self.item_stack,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

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
            f"Quorum: {rule_text(rule)} ({needed(rule, count)} of {count} voting members)."
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
        check = quorum(view.quorum_rule, voting, present)
        if not check.met:
            text += f" No quorum: {check.needed} needed."
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
