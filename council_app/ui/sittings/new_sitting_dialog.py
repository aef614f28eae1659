"""The dialog that plans a new sitting: its date and its title (the month's name by default)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from council_app.ui.common.dates import to_qdate
from council_app.ui.common.dialog_buttons import accept_cancel_buttons


def default_title(day: date) -> str:
    """Councils usually name a sitting after its month; the user can type another title."""
    return f"{day:%B} sitting"


class NewSittingDialog(QDialog):
    """A title and a date for a new sitting; the title follows the month until the user types."""

    sitting_chosen = Signal(str, object)  # title, datetime.date

    def __init__(self, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New sitting")
        day = today or date.today()
        self._title_follows_date = True

        self.title_edit = QLineEdit(default_title(day))
        self.title_edit.setAccessibleName("Title of the sitting")
        self.title_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("M" * 24))
        self.date_edit = QDateEdit(to_qdate(day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setAccessibleName("Date of the sitting")
        self.date_edit.setAccessibleDescription(
            "Every member who sits on the council that day is expected; absences are marked later."
        )
        title_label = QLabel("&Title:")
        title_label.setBuddy(self.title_edit)
        date_label = QLabel("&Date:")
        date_label.setBuddy(self.date_edit)

        buttons = accept_cancel_buttons(
            "Create sitting",
            accept_description="Add the sitting on this date to the library.",
            cancel_description="Close without creating a sitting.",
            object_name="new_sitting",
        )
        self.buttons, self.ok_button = buttons.box, buttons.accept

        form = QFormLayout()
        form.addRow(date_label, self.date_edit)
        form.addRow(title_label, self.title_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.date_edit, self.title_edit)
        QWidget.setTabOrder(self.title_edit, self.buttons)

        self.title_edit.textEdited.connect(self.on_title_edited)
        self.title_edit.textChanged.connect(self.on_title_changed)
        self.date_edit.dateChanged.connect(self.on_date_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.date_edit.setFocus()

    def chosen_date(self) -> date:
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())

    def chosen_title(self) -> str:
        return self.title_edit.text().strip()

    @Slot(str)
    def on_title_edited(self, text: str) -> None:
        # Once the user has typed a title of their own, a change of date leaves it alone.
        self._title_follows_date = not text.strip()

    @Slot(str)
    def on_title_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()))

    @Slot(QDate)
    def on_date_changed(self, _day: QDate) -> None:
        if self._title_follows_date:
            self.title_edit.setText(default_title(self.chosen_date()))

    def accept(self) -> None:
        if not self.chosen_title():
            return
        super().accept()
        self.sitting_chosen.emit(self.chosen_title(), self.chosen_date())
