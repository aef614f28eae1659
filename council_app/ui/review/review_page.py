"""The Re-review tab: decisions whose review-by date has come or is near, and decisions the watch
list flags, each with the reason; the watch list itself; and recording a review.

A review lets a decision stand until a new date. A decision the council wants to change is not
edited here: it becomes a new case that supersedes the old one (the core's rule, see
:func:`council_app.council.review.record_review`), so the page offers to duplicate the case.
The page computes nothing about what is due: the main window runs
:func:`~council_app.council.review.due_for_review` on a worker and hands the result to
:meth:`ReviewPage.show_due`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QKeyEvent,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from council_app.case_edits import default_review_by
from council_app.council.review import REVIEW_HORIZON_DAYS, DueItem, WatchEntry
from council_app.framework import Framework
from council_app.ui.common.dates import date_edit, date_text, to_date, to_qdate
from council_app.ui.common.fonts import bold_font
from council_app.ui.common.numbers import count_text, number_text
from council_app.ui.common.palette import attention_colour
from council_app.ui.common.row_table_model import RowTableModel
from council_app.vocabulary import DUE_KIND_TITLES, DUE_KINDS, due_kind_title

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
DUE_KIND_ROLE = Qt.ItemDataRole.UserRole + 3
WATCH_ID_ROLE = Qt.ItemDataRole.UserRole + 4

MAX_HORIZON_DAYS = 365
WATCH_KINDS = (("Region", "region"), ("Topic", "topic"))
_VALUE_PLACEHOLDERS = {"region": "FR", "topic": "elections"}
# How much of the warning hue goes into an overdue row's background: enough to stand out,
# little enough that the palette's own text colour keeps its contrast in light and dark themes.
_OVERDUE_TINT = 0.22

ModelIndex = QModelIndex | QPersistentModelIndex

# A sample date as wide as any the columns show (a two-digit day and the longest month
# name), for sizing them; not a review horizon.
_WIDEST_DATE = date(2026, 9, 28)


def _blend(base: QColor, hue: QColor, amount: float) -> QColor:
    return QColor(
        round(base.red() + (hue.red() - base.red()) * amount),
        round(base.green() + (hue.green() - base.green()) * amount),
        round(base.blue() + (hue.blue() - base.blue()) * amount),
    )


def _longest_due_kind_title() -> str:
    """The widest text of the Status column, which it is sized to show whole."""
    return max(DUE_KIND_TITLES.values(), key=len)


def warning_colour(palette: QPalette) -> QColor:
    """The colour the app already uses for warnings, lightened on a dark palette."""
    return attention_colour(palette)


def due_heading(items: Sequence[DueItem], horizon_days: int) -> str:
    if not items:
        return "Nothing is due for review."
    counts = Counter(item.kind for item in items)
    within = "today" if horizon_days == 0 else f"within {count_text(horizon_days, 'day')}"
    parts = []
    if counts["overdue"]:
        parts.append(f"{number_text(counts['overdue'])} overdue")
    if counts["due"]:
        parts.append(f"{number_text(counts['due'])} due {within}")
    if counts["watch"]:
        parts.append(f"{number_text(counts['watch'])} flagged by the watch list")
    total = len(items)
    return f"{count_text(total, 'decision')} to review: {', '.join(parts)}"


def why_text(item: DueItem) -> str:
    """The reasons on one line; each reason is a sentence, its full stop gives way to the "; "."""
    return "; ".join(reason.rstrip(".") for reason in item.reasons)


def _table(name: str, description: str) -> QTableView:
    table = QTableView()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setHighlightSections(False)
    table.setAccessibleName(name)
    table.setAccessibleDescription(description)
    return table


def _proxy(model: QAbstractTableModel) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(model.parent())
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy


def _size_columns(table: QTableView, samples: dict[int, str], stretch: int) -> None:
    metrics = table.fontMetrics()
    for column, sample in samples.items():
        table.setColumnWidth(
            column, metrics.horizontalAdvance(sample) + 3 * metrics.averageCharWidth()
        )
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setDefaultSectionSize(metrics.lineSpacing() + metrics.height() // 2)


class DueTableModel(RowTableModel[DueItem]):
    """One row per decision to review; overdue rows carry a warning tint and icon."""

    COLUMNS = ("Case", "Title", "Decision", "Review by", "Status", "Why")
    CASE, TITLE, DECISION, REVIEW_BY, STATUS, WHY = range(6)

    def __init__(self, framework: Framework, parent: Any = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self._overdue_brush: QBrush | None = None
        self._overdue_icon = QIcon()

    def set_overdue_marks(self, background: QColor, icon: QIcon) -> None:
        """Colours come from the view's palette, so the page passes them in when it changes."""
        self._overdue_brush = QBrush(background)
        self._overdue_icon = icon
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )

    def _text(self, item: DueItem, column: int) -> str:
        case = item.case
        if column == self.CASE:
            return case.id
        if column == self.TITLE:
            return case.title
        if column == self.DECISION:
            return self.framework.outcome_title(case.outcome) if case.outcome else ""
        if column == self.REVIEW_BY:
            return date_text(case.review_by)
        if column == self.STATUS:
            return due_kind_title(item.kind)
        if column == self.WHY:
            return why_text(item)
        return ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_for_index(index)
        if item is None:
            return None
        column = index.column()
        overdue = item.kind == "overdue"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(item, column)
        if role == CASE_ID_ROLE:
            return item.case.id
        if role == DUE_KIND_ROLE:
            return item.kind
        if role == SORT_ROLE:
            if column == self.STATUS:
                return DUE_KINDS.index(item.kind)
            if column == self.REVIEW_BY:
                # Shown in words, sorted by the date: ISO text sorts as the calendar does.
                return item.case.review_by.isoformat() if item.case.review_by else ""
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.WHY:
                return "\n".join(item.reasons)
            if column == self.TITLE:
                return item.case.title
            return None
        if role == Qt.ItemDataRole.BackgroundRole and overdue:
            return self._overdue_brush
        if role == Qt.ItemDataRole.DecorationRole and overdue and column == self.STATUS:
            return self._overdue_icon
        if role == Qt.ItemDataRole.FontRole and overdue and column == self.STATUS:
            font = QFont()
            font.setBold(True)
            return font
        return None


class WatchTableModel(RowTableModel[WatchEntry]):
    COLUMNS = ("Kind", "Region/topic", "Noted on", "Note")
    KIND, VALUE, NOTED_ON, NOTE = range(4)

    def _text(self, entry: WatchEntry, column: int) -> str:
        if column == self.KIND:
            return "Region" if entry.kind == "region" else "Topic"
        if column == self.VALUE:
            return entry.value
        if column == self.NOTED_ON:
            return date_text(entry.noted_on)
        if column == self.NOTE:
            return entry.note if entry.active else f"{entry.note} (no longer watched)".strip()
        return ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.row_for_index(index)
        if entry is None:
            return None
        if role == SORT_ROLE and index.column() == self.NOTED_ON:
            return entry.noted_on.isoformat()  # shown in words, sorted by the date
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            SORT_ROLE,
        ):
            return self._text(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.sentence()
        if role == WATCH_ID_ROLE:
            return entry.id
        return None


class ReviewForm(QGroupBox):
    """Record a review of one decision: when, until when it stands, and what the council found.

    The next review date follows the review date (the framework's default for the outcome)
    until the user sets it themselves; "Framework default" makes it follow again.
    """

    review_requested = Signal(str, object, object, str)
    supersede_requested = Signal(str)
    closed = Signal()

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__("Record a review", parent)
        self.framework = framework
        self.item: DueItem | None = None
        self._next_follows = True
        self._setting_next = False
        self.setObjectName("review_form")
        self.setAccessibleName("Record a review")

        self.subject = QLabel()
        self.subject.setWordWrap(True)
        self.subject.setTextFormat(Qt.TextFormat.PlainText)
        self.subject.setAccessibleName("Decision under review")
        self.reviewed_on = date_edit("Reviewed on", "The day the council reviewed the decision.")
        self.next_review = date_edit(
            "Next review by",
            "The decision stands until this date. It follows the review date until you change it.",
        )
        self.next_default = QPushButton("Framework &default")
        self.next_default.setAccessibleName("Set the next review date the framework gives")
        self.next_default.setAccessibleDescription(
            "The framework's review period for this outcome, counted from the review date."
        )
        self.next_hint = QLabel()
        self.next_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("What the council found: what has changed, what has not.")
        self.note.setAccessibleName("What the council found")
        lines = self.note.fontMetrics().lineSpacing()
        self.note.setMinimumHeight(lines * 3 + lines // 2)
        self.note.setMaximumHeight(lines * 6 + lines // 2)
        self.record_button = QPushButton("Re&cord review")
        self.record_button.setAccessibleName("Record the review")
        self.record_button.setAccessibleDescription(
            "The decision stands and is next reviewed on the date above."
        )
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Close without recording")

        self.change_hint = QLabel(
            "To change the decision, duplicate the case: the new case supersedes this one."
        )
        self.change_hint.setWordWrap(True)
        self.duplicate_button = QPushButton("D&uplicate as new case…")
        self.duplicate_button.setAccessibleName("Duplicate as a new case that supersedes this one")

        reviewed_label = QLabel("Reviewed o&n:")
        reviewed_label.setBuddy(self.reviewed_on)
        next_label = QLabel("Ne&xt review by:")
        next_label.setBuddy(self.next_review)
        note_label = QLabel("What the council &found:")
        note_label.setBuddy(self.note)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_review)
        next_row.addWidget(self.next_default)
        next_row.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(reviewed_label, self.reviewed_on)
        form.addRow(next_label, next_row)
        form.addRow("", self.next_hint)
        form.addRow(note_label, self.note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.record_button)
        change = QHBoxLayout()
        change.addWidget(self.change_hint, 1)
        change.addWidget(self.duplicate_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.subject)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addSpacing(lines // 2)
        layout.addLayout(change)
        layout.addStretch(1)

        for first, second in (
            (self.reviewed_on, self.next_review),
            (self.next_review, self.next_default),
            (self.next_default, self.note),
            (self.note, self.cancel_button),
            (self.cancel_button, self.record_button),
            (self.record_button, self.duplicate_button),
        ):
            QWidget.setTabOrder(first, second)

        self.reviewed_on.dateChanged.connect(self.on_reviewed_on_changed)
        self.next_review.dateChanged.connect(self.on_next_review_changed)
        self.next_default.clicked.connect(self.on_next_default)
        self.record_button.clicked.connect(self.on_record)
        self.cancel_button.clicked.connect(self.on_cancel)
        self.duplicate_button.clicked.connect(self.on_duplicate)

    def open_for(self, item: DueItem, today: date) -> None:
        """Start afresh for ``item``: a form left over from another decision would mislead."""
        self.item = item
        case = item.case
        outcome = self.framework.outcome_title(case.outcome) if case.outcome else "No decision"
        decided = f", decided {date_text(case.decided)}" if case.decided else ""
        self.subject.setText(f"{case.id} — {case.title}\n{outcome}{decided}")
        self.setTitle(f"Record a review of {case.id}")
        self.setAccessibleDescription(f"Record a review of {case.id}, {case.title}")
        self.note.clear()
        self._next_follows = True
        self.reviewed_on.setDate(to_qdate(today))
        self._follow_review_date()
        self.show()
        self.note.setFocus()

    def default_next_review(self) -> date | None:
        if self.item is None or not self.item.case.outcome:
            return None
        return default_review_by(
            self.framework, self.item.case.outcome, to_date(self.reviewed_on.date())
        )

    def _follow_review_date(self) -> None:
        default = self.default_next_review()
        if default is None or self.item is None or not self.item.case.outcome:
            self.next_hint.clear()
            return
        self._setting_next = True
        try:
            self.next_review.setDate(to_qdate(default))
        finally:
            self._setting_next = False
        outcome = self.framework.outcome(self.item.case.outcome)
        months = outcome.review_months
        self.next_hint.setText(
            f"{outcome.title}: reviewed every {count_text(months, 'month')} "
            f"by default ({date_text(default)})."
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.on_cancel()
            return
        super().keyPressEvent(event)

    @Slot(QDate)
    def on_reviewed_on_changed(self, _value: QDate) -> None:
        if self._next_follows:
            self._follow_review_date()

    @Slot(QDate)
    def on_next_review_changed(self, _value: QDate) -> None:
        if not self._setting_next:
            self._next_follows = False

    @Slot()
    def on_next_default(self) -> None:
        self._next_follows = True
        self._follow_review_date()

    @Slot()
    def on_record(self) -> None:
        if self.item is None:
            return
        self.review_requested.emit(
            self.item.case.id,
            to_date(self.reviewed_on.date()),
            to_date(self.next_review.date()),
            self.note.toPlainText().strip(),
        )

    @Slot()
    def on_cancel(self) -> None:
        self.hide()
        self.closed.emit()

    @Slot()
    def on_duplicate(self) -> None:
        if self.item is not None:
            self.supersede_requested.emit(self.item.case.id)


class WatchPanel(QGroupBox):
    """The watch list: regions and topics whose news may have moved the ground under decisions."""

    watch_added = Signal(str, str, object, str)
    watch_closed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Watch list", parent)
        self.setObjectName("watch_panel")
        self._adding = False
        self._known_ids: set[int] = set()

        self.explanation = QLabel(
            "An entry flags every decision made before it that shares the region or the topic "
            "(a tag), until the decision is reviewed."
        )
        self.explanation.setWordWrap(True)
        self.model = WatchTableModel(self)
        self.proxy = _proxy(self.model)
        self.table = _table(
            "Watch list", "Regions and topics being watched, newest first. Select one to stop."
        )
        self.table.setObjectName("watch_table")
        self.table.horizontalHeader().setAccessibleName("Columns of the watch list")
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        _size_columns(
            self.table,
            {
                WatchTableModel.KIND: "Region",
                WatchTableModel.VALUE: "facial-recognition",
                WatchTableModel.NOTED_ON: date_text(_WIDEST_DATE),
            },
            WatchTableModel.NOTE,
        )
        self.stop_button = QPushButton("Stop watc&hing")
        self.stop_button.setAccessibleName("Stop watching the selected entry")
        self.stop_button.setAccessibleDescription(
            "It stops flagging decisions and stays on record."
        )
        self.stop_button.setEnabled(False)

        self.kind = QComboBox()
        for title, key in WATCH_KINDS:
            self.kind.addItem(title, key)
        self.kind.setAccessibleName("Kind of watch-list entry")
        self.value = QLineEdit()
        self.value.setAccessibleName("Region or topic to watch")
        self.value.setAccessibleDescription(
            "A region code such as FR, or a topic tag such as elections."
        )
        self.noted_on = date_edit(
            "Noted on", "The day the news came; decisions before it are flagged."
        )
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText("elections announced")
        self.note_edit.setAccessibleName("Watch-list note")
        self.watch_button = QPushButton("&Watch")
        self.watch_button.setAccessibleName("Add to the watch list")
        self.watch_button.setEnabled(False)

        kind_label = QLabel("&Kind:")
        kind_label.setBuddy(self.kind)
        value_label = QLabel("Region or to&pic:")
        value_label.setBuddy(self.value)
        noted_label = QLabel("Not&ed on:")
        noted_label.setBuddy(self.noted_on)
        note_label = QLabel("No&te:")
        note_label.setBuddy(self.note_edit)
        add = QGridLayout()
        for column, (label, field) in enumerate(
            (
                (kind_label, self.kind),
                (value_label, self.value),
                (noted_label, self.noted_on),
                (note_label, self.note_edit),
            )
        ):
            add.addWidget(label, 0, column)
            add.addWidget(field, 1, column)
        add.addWidget(self.watch_button, 1, 4)
        add.setColumnStretch(1, 1)
        add.setColumnStretch(3, 2)

        table_row = QHBoxLayout()
        table_row.addWidget(self.table, 1)
        side = QVBoxLayout()
        side.addWidget(self.stop_button)
        side.addStretch(1)
        table_row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(table_row, 1)
        layout.addLayout(add)

        for first, second in (
            (self.table, self.stop_button),
            (self.stop_button, self.kind),
            (self.kind, self.value),
            (self.value, self.noted_on),
            (self.noted_on, self.note_edit),
            (self.note_edit, self.watch_button),
        ):
            QWidget.setTabOrder(first, second)

        self.on_kind_changed(0)
        self.kind.currentIndexChanged.connect(self.on_kind_changed)
        self.value.textChanged.connect(self.on_value_edited)
        self.value.returnPressed.connect(self.on_watch)
        self.note_edit.returnPressed.connect(self.on_watch)
        self.watch_button.clicked.connect(self.on_watch)
        self.stop_button.clicked.connect(self.on_stop)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)

    def set_today(self, today: date) -> None:
        self.noted_on.setDate(to_qdate(today))

    def show_watch(self, entries: Sequence[WatchEntry]) -> None:
        selected = self.selected_entry()
        new = [e for e in entries if e.id not in self._known_ids]
        self.model.set_rows(entries)
        self._known_ids = {e.id for e in entries}
        if self._adding and new:
            # The core accepted the entry: clear the form for the next and point at what was added.
            self._adding = False
            self.value.clear()
            self.note_edit.clear()
            self.select_entry(new[0].id)
        elif selected is not None:
            self.select_entry(selected.id)
        self.on_selection_changed(QItemSelection(), QItemSelection())

    def adding_refused(self) -> None:
        """Keep what was typed, so that it can be corrected rather than typed again."""
        self._adding = False

    def select_entry(self, entry_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(WATCH_ID_ROLE) == entry_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

    def selected_entry(self) -> WatchEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_for_index(self.proxy.mapToSource(rows[0]))

    @Slot(int)
    def on_kind_changed(self, _index: int) -> None:
        key = str(self.kind.currentData())
        self.value.setPlaceholderText(_VALUE_PLACEHOLDERS.get(key, ""))

    @Slot(str)
    def on_value_edited(self, text: str) -> None:
        self.watch_button.setEnabled(bool(text.strip()))

    @Slot()
    def on_watch(self) -> None:
        value = self.value.text().strip()
        if not value:
            self.value.setFocus()
            return
        self._adding = True
        self.watch_added.emit(
            str(self.kind.currentData()),
            value,
            to_date(self.noted_on.date()),
            self.note_edit.text().strip(),
        )

    @Slot()
    def on_stop(self) -> None:
        entry = self.selected_entry()
        if entry is not None and entry.active:
            self.watch_closed.emit(entry.id)

    @Slot(QItemSelection, QItemSelection)
    def on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        entry = self.selected_entry()
        self.stop_button.setEnabled(entry is not None and entry.active)


class ReviewPage(QWidget):
    """The Re-review tab of the main window."""

    case_activated = Signal(str)
    horizon_changed = Signal(int)
    review_requested = Signal(str, object, object, str)  # case id, on, next review by, note
    supersede_requested = Signal(str)
    watch_added = Signal(str, str, object, str)  # "region"/"topic", value, noted on, note
    watch_closed = Signal(int)

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.today = date.today()
        self._error = False
        self.setObjectName("review_page")

        self.heading = QLabel("Nothing is due for review.")
        self.heading.setObjectName("review_heading")
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Decisions to review")
        self.heading.setFont(bold_font(self.font(), 1.25))
        self.horizon = QSpinBox()
        self.horizon.setRange(0, MAX_HORIZON_DAYS)
        self.horizon.setValue(REVIEW_HORIZON_DAYS)
        self.horizon.setSuffix(" days")
        # Typing 120 should ask for one list, not for 1, 12 and 120.
        self.horizon.setKeyboardTracking(False)
        self.horizon.setAccessibleName("Due within days")
        self.horizon.setAccessibleDescription(
            "Show decisions whose review-by date falls within this many days from today."
        )
        horizon_label = QLabel("Due with&in:")
        horizon_label.setBuddy(self.horizon)

        self.model = DueTableModel(framework, self)
        self.proxy = _proxy(self.model)
        self.table = _table(
            "Decisions to review",
            "Overdue and due decisions and those the watch list flags, with why. "
            "Press Enter to open a case.",
        )
        self.table.setObjectName("due_table")
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setAccessibleName("Columns of decisions to review")
        _size_columns(
            self.table,
            {
                DueTableModel.CASE: "EUC-2026-000",
                DueTableModel.TITLE: "A case title of some forty-four characters here",
                DueTableModel.DECISION: "Approve with conditions",
                DueTableModel.REVIEW_BY: date_text(_WIDEST_DATE),
                DueTableModel.STATUS: _longest_due_kind_title(),
            },
            DueTableModel.WHY,
        )
        # An id is what a member reads out and types elsewhere: it is never elided, however far
        # the library's numbering has gone (issue 17: EUC-2026-12034 showed as "EUC-2026-1…").
        self.table.horizontalHeader().setSectionResizeMode(
            DueTableModel.CASE, QHeaderView.ResizeMode.ResizeToContents
        )
        # Overdue is in bold with an icon beside it.
        bold = QFont(self.table.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        self.table.setColumnWidth(
            DueTableModel.STATUS,
            metrics.horizontalAdvance(_longest_due_kind_title())
            + metrics.height()
            + 4 * metrics.averageCharWidth(),
        )

        self.open_button = QPushButton("&Open case")
        self.open_button.setAccessibleName("Open the selected case")
        self.review_button = QPushButton("&Record review…")
        self.review_button.setAccessibleName("Record a review of the selected decision")
        self.review_button.setAccessibleDescription(
            "The council reviewed the decision and lets it stand until a new date."
        )
        for button in (self.open_button, self.review_button):
            button.setEnabled(False)

        self.message_icon = QLabel()
        self.message = QLabel()
        self.message.setObjectName("review_message")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Status")
        self.message_icon.hide()

        self.review_form = ReviewForm(framework)
        self.review_form.hide()
        self.watch = WatchPanel()

        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(horizon_label)
        heading_row.addWidget(self.horizon)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message_icon)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.review_button)
        due = QWidget()
        due_layout = QVBoxLayout(due)
        due_layout.setContentsMargins(0, 0, 0, 0)
        due_layout.addLayout(heading_row)
        due_layout.addWidget(self.table, 1)
        due_layout.addLayout(buttons)

        self.bottom_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.bottom_splitter.addWidget(self.review_form)
        self.bottom_splitter.addWidget(self.watch)
        self.bottom_splitter.setStretchFactor(0, 1)
        self.bottom_splitter.setStretchFactor(1, 1)
        self.bottom_splitter.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("review_splitter")
        self.splitter.addWidget(due)
        self.splitter.addWidget(self.bottom_splitter)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self._sized = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        for first, second in (
            (self.horizon, self.table),
            (self.table, self.open_button),
            (self.open_button, self.review_button),
            (self.review_button, self.review_form.reviewed_on),
            (self.review_form.duplicate_button, self.watch.table),
        ):
            QWidget.setTabOrder(first, second)

        self._mark_overdue()
        self.horizon.valueChanged.connect(self.on_horizon_changed)
        self.table.activated.connect(self.on_row_activated)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.open_button.clicked.connect(self.on_open)
        self.review_button.clicked.connect(self.on_record_review)
        self.review_form.review_requested.connect(self.review_requested.emit)
        self.review_form.supersede_requested.connect(self.supersede_requested.emit)
        self.review_form.closed.connect(self.table.setFocus)
        self.watch.watch_added.connect(self.watch_added.emit)
        self.watch.watch_closed.connect(self.watch_closed.emit)
        self.watch.set_today(self.today)

    # --- data in -------------------------------------------------------------------------------

    def show_due(self, items: list[DueItem], today: date) -> None:
        selected = self.selected_case_id()
        if today != self.today:
            self.today = today
            self.watch.set_today(today)
        self.model.set_rows(items)
        self.heading.setText(due_heading(items, self.horizon.value()))
        self.table.setAccessibleDescription(
            f"{self.heading.text()}. Press Enter on a row to open the case."
        )
        form_item = self.review_form.item
        if form_item is not None and self.review_form.isVisible():
            # A review recorded moves the review date or drops the row: the form has done its work.
            still = next((i for i in items if i.case.id == form_item.case.id), None)
            if still is None or still.case.review_by != form_item.case.review_by:
                focused = QApplication.focusWidget()
                had_focus = focused is not None and self.review_form.isAncestorOf(focused)
                self.review_form.hide()
                if had_focus:
                    self.table.setFocus()
        if selected is not None:
            self.select_case(selected)
        self.on_selection_changed(QItemSelection(), QItemSelection())

    def show_watch(self, entries: list[WatchEntry]) -> None:
        self.watch.show_watch(entries)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setAccessibleDescription(text)
        self._error = error
        if error:
            self.watch.adding_refused()
        self._style_message()

    def horizon_days(self) -> int:
        return self.horizon.value()

    def select_case(self, case_id: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(CASE_ID_ROLE) == case_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

    def selected_item(self) -> DueItem | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_for_index(self.proxy.mapToSource(rows[0]))

    def selected_case_id(self) -> str | None:
        item = self.selected_item()
        return item.case.id if item else None

    # --- appearance ----------------------------------------------------------------------------

    def _mark_overdue(self) -> None:
        # The page's own palette: on a palette change the page hears of it before its children.
        palette = self.palette()
        background = _blend(
            palette.color(QPalette.ColorRole.Base), warning_colour(palette), _OVERDUE_TINT
        )
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.model.set_overdue_marks(background, icon)

    def _style_message(self) -> None:
        palette = QPalette(self.palette())
        if self._error:
            palette.setColor(QPalette.ColorRole.WindowText, warning_colour(self.palette()))
        self.message.setPalette(palette)
        font = QFont(self.font())
        font.setBold(self._error)
        self.message.setFont(font)
        kind = (
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if self._error
            else QStyle.StandardPixmap.SP_MessageBoxInformation
        )
        size = self.fontMetrics().height()
        self.message_icon.setPixmap(self.style().standardIcon(kind).pixmap(size, size))
        self.message_icon.setVisible(bool(self.message.text()))
        self.message.setAccessibleName("Error" if self._error else "Status")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            # The decisions are what the tab is for: give them most of the height at first.
            self._sized = True
            height = self.splitter.height()
            self.splitter.setSizes([round(height * 0.6), height - round(height * 0.6)])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._mark_overdue()
            if self.message.text():
                self._style_message()

    # --- slots ---------------------------------------------------------------------------------

    @Slot(int)
    def on_horizon_changed(self, days: int) -> None:
        self.horizon_changed.emit(days)

    @Slot(QModelIndex)
    def on_row_activated(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if case_id:
            self.case_activated.emit(str(case_id))

    @Slot(QItemSelection, QItemSelection)
    def on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        item = self.selected_item()
        self.open_button.setEnabled(item is not None)
        self.review_button.setEnabled(item is not None)

    @Slot()
    def on_open(self) -> None:
        case_id = self.selected_case_id()
        if case_id is not None:
            self.case_activated.emit(case_id)

    @Slot()
    def on_record_review(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.review_form.open_for(item, self.today)
            # The form was hidden when the splitter was laid out, so it was given no width;
            # share the width now that it is shown.
            sizes = self.bottom_splitter.sizes()
            if sizes and sizes[0] < self.review_form.minimumSizeHint().width():
                total = sum(sizes)
                self.bottom_splitter.setSizes([total // 2, total - total // 2])
