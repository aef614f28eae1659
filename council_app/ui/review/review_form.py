"""Recording a review is the one thing the Re-review tab changes in the library; the form that
asks when the council reviewed a decision, until when it stands and what it found is kept on its
own, so the rules of its dates (the next review follows the review date until set by hand) are
read in one place.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from council_app.case_edits import default_review_by
from council_app.council.review import DueItem
from council_app.framework import Framework
from council_app.ui.common.dates import date_edit, date_text, to_date, to_qdate
from council_app.ui.common.numbers import count_text


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
        outcome = self._framework().outcome_title(case.outcome) if case.outcome else "No decision"
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
            self._framework(), self.item.case.outcome, to_date(self.reviewed_on.date())
        )

    def _framework(self) -> Framework:
        """The framework the decision under review was taken under."""
        own = self.item.framework if self.item is not None else None
        return own or self.framework

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
        outcome = self._framework().outcome(self.item.case.outcome)
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
