"""How the sitting page is laid out: the list of sittings, the chosen sitting (its header,
attendance and agenda) and the agenda item beside them, with their labels, keys and tab order.

The page (its subclass) shows what the library holds in these widgets; what their buttons do
is in sitting_actions, the base this builds on.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from council_app.framework import Framework
from council_app.ui.common.case_picker import CasePicker
from council_app.ui.common.fonts import bold_font
from council_app.ui.sittings.agenda_table import MAX_BUDGET, NO_BUDGET, AgendaModel, AgendaTable
from council_app.ui.sittings.attendance import AttendanceList, AttendanceModel
from council_app.ui.sittings.sitting_actions import SittingPageActions
from council_app.ui.sittings.sitting_list import SittingList, SittingListModel, TwoLineDelegate


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


class SittingPageLayout(SittingPageActions):
    """The sitting page's widgets, built once; the page shows sittings in them."""

    framework: Framework  # set by the page before it builds

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
        self.agenda_model = AgendaModel(self)
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
