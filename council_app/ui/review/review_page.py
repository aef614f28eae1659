"""The Re-review tab: decisions whose review-by date has come or is near, and decisions the watch
list flags, each with the reason; the watch list itself; and recording a review.

A review lets a decision stand until a new date. A decision the council wants to change is not
edited here: it becomes a new case that supersedes the old one (the core's rule, see
:func:`council_app.council.review.record_review`), so the page offers to duplicate the case.
The page computes nothing about what is due: the main window runs
:func:`~council_app.council.review.due_for_review` on a worker and hands the result to
:meth:`ReviewPage.show_due`.

The page puts together what lives beside it: the table of decisions due
(:mod:`~council_app.ui.review.due_table`), the watch list
(:mod:`~council_app.ui.review.watch_list`) and the form for recording a review
(:mod:`~council_app.ui.review.review_form`).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from council_app.council.review import REVIEW_HORIZON_DAYS, DueItem, WatchEntry
from council_app.framework import Framework
from council_app.ui.common.dates import date_text
from council_app.ui.common.fonts import bold_font
from council_app.ui.common.id_column import fit_id_column
from council_app.ui.common.palette import attention_colour, attention_tint
from council_app.ui.common.status_message import StatusMessage
from council_app.ui.long_lived_rows import rows_shown
from council_app.ui.review.due_table import CASE_ID_ROLE, DueTableModel, due_heading
from council_app.ui.review.review_form import ReviewForm
from council_app.ui.review.review_tables import WIDEST_DATE, review_table, size_columns, sort_proxy
from council_app.ui.review.watch_list import WatchPanel
from council_app.vocabulary import DUE_KIND_TITLES

MAX_HORIZON_DAYS = 365
# How much of the warning hue goes into an overdue row's background: enough to stand out,
# little enough that the palette's own text colour keeps its contrast in light and dark themes.


def _longest_due_kind_title() -> str:
    """The widest text of the Status column, which it is sized to show whole."""
    return max(DUE_KIND_TITLES.values(), key=len)


def warning_colour(palette: QPalette) -> QColor:
    """The colour the app already uses for warnings, lightened on a dark palette."""
    return attention_colour(palette)


class ReviewPage(QWidget):
    """The Re-review tab of the main window."""

    case_activated = Signal(str)
    conditions_requested = Signal(str)  # case id: show its conditions under Commitments
    horizon_changed = Signal(int)
    review_requested = Signal(str, object, object, str)  # case id, on, next review by, note
    supersede_requested = Signal(str)
    # "region"/"topic", value, noted on, note, event on (or None)
    watch_added = Signal(str, str, object, str, object)
    watch_closed = Signal(int)

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.today = date.today()
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
        self.proxy = sort_proxy(self.model)
        self.table = review_table(
            "Decisions to review",
            "Overdue and due decisions, those with a condition not kept and those the watch "
            "list flags, with why. "
            "Press Enter to open a case.",
        )
        self.table.setObjectName("due_table")
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setAccessibleName("Columns of decisions to review")
        size_columns(
            self.table,
            {
                DueTableModel.CASE: "EUC-2026-000",
                DueTableModel.TITLE: "A case title of some forty-four characters here",
                DueTableModel.DECISION: "Approve with conditions",
                DueTableModel.REVIEW_BY: date_text(WIDEST_DATE),
                DueTableModel.STATUS: _longest_due_kind_title(),
            },
            DueTableModel.WHY,
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
        self.conditions_button = QPushButton("Its conditions…")
        self.conditions_button.setAccessibleName("Show the conditions of the selected decision")
        self.conditions_button.setAccessibleDescription(
            "Under Commitments: who owes each, by when, where it stands and its evidence."
        )
        for button in (self.open_button, self.conditions_button, self.review_button):
            button.setEnabled(False)

        self.status_line = StatusMessage("review_message")
        self.message = self.status_line.label

        self.review_form = ReviewForm(framework)
        self.review_form.hide()
        self.watch = WatchPanel()

        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(horizon_label)
        heading_row.addWidget(self.horizon)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_line, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.conditions_button)
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
            (self.open_button, self.conditions_button),
            (self.conditions_button, self.review_button),
            (self.review_button, self.review_form.reviewed_on),
            (self.review_form.duplicate_button, self.watch.table),
        ):
            QWidget.setTabOrder(first, second)

        self._mark_overdue()
        self.horizon.valueChanged.connect(self.on_horizon_changed)
        self.table.activated.connect(self.on_row_activated)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.open_button.clicked.connect(self.on_open)
        self.conditions_button.clicked.connect(self.on_show_conditions)
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
        rows_shown(len(items))
        fit_id_column(self.table, DueTableModel.CASE, (item.case.id for item in items))
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
        if error:
            self.watch.adding_refused()
        self.status_line.say(text, error=error)

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
        background = attention_tint(palette)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        commitment = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        self.model.set_overdue_marks(background, icon, commitment)

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
        self.conditions_button.setEnabled(item is not None)

    @Slot()
    def on_open(self) -> None:
        case_id = self.selected_case_id()
        if case_id is not None:
            self.case_activated.emit(case_id)

    @Slot()
    def on_show_conditions(self) -> None:
        case_id = self.selected_case_id()
        if case_id is not None:
            self.conditions_requested.emit(case_id)

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
