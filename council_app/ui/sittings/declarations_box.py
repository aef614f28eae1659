"""Declarations of interest on one agenda item: the members whose declared interests touch the
case, each with the match, and a form for the secretary to record what a member declares.

The flags and the declarations come from the core's ``ItemView`` (``council_app.council.
conflicts`` matches); what stops a declaration is the core's ``declaration_problem``. A flag
with no declaration stays in view, marked, until one is recorded.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from council_app.council.agenda import ItemView, SittingView
from council_app.council.conflicts import OUTCOME_TITLES, declaration_problem
from council_app.ui.common.guarded_fields import GuardedComboBox
from council_app.ui.sittings.agenda_item_widgets import warning_style

# The outcomes as the secretary reads them, in the order offered.
OUTCOME_CHOICES = (
    ("no_conflict", "No conflict"),
    ("recused", "Recuse"),
    ("managed", "Managed (say how)"),
)


class DeclarationsBox(QGroupBox):
    """Who is flagged on the item, what they declared, and the form to record a declaration."""

    declaration_requested = Signal(str, str, str)  # member, outcome, note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Declarations of interest", parent)
        self.setObjectName("agenda_declarations")
        self.flags_label = QLabel()
        self.flags_label.setObjectName("agenda_declaration_flags")
        self.flags_label.setWordWrap(True)
        self.flags_label.setTextFormat(Qt.TextFormat.RichText)
        self.flags_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.member = GuardedComboBox()
        self.member.setObjectName("agenda_declaration_member")
        self.member.setAccessibleName("Member who declares")
        self.member.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.outcome = GuardedComboBox()
        self.outcome.setObjectName("agenda_declaration_outcome")
        self.outcome.setAccessibleName("What the member declares")
        for key, text in OUTCOME_CHOICES:
            self.outcome.addItem(text, key)
        self.note = QLineEdit()
        self.note.setObjectName("agenda_declaration_note")
        self.note.setAccessibleName("Note on the declaration")
        self.note.setPlaceholderText(
            "How a managed conflict is handled, e.g. does not speak to pricing"
        )
        self.record_button = QPushButton("Record &declaration")
        self.record_button.setObjectName("agenda_declaration_record")
        self.record_button.setAccessibleName("Record the member's declaration")
        self.record_button.setAccessibleDescription(
            "Recuse also stands the member aside: they neither vote nor count toward quorum."
        )
        member_label = QLabel("M&ember:")
        member_label.setBuddy(self.member)
        outcome_label = QLabel("Decla&res:")
        outcome_label.setBuddy(self.outcome)
        note_label = QLabel("&Note:")
        note_label.setBuddy(self.note)
        form = QGridLayout()
        form.addWidget(member_label, 0, 0)
        form.addWidget(self.member, 0, 1)
        form.addWidget(outcome_label, 0, 2)
        form.addWidget(self.outcome, 0, 3)
        form.addWidget(note_label, 1, 0)
        form.addWidget(self.note, 1, 1, 1, 3)
        form.addWidget(self.record_button, 1, 4)
        form.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.flags_label)
        layout.addLayout(form)
        self._closed = False
        self.record_button.clicked.connect(self.on_record_clicked)
        self.note.returnPressed.connect(self.on_record_clicked)
        self.note.textChanged.connect(self.on_form_changed)
        self.outcome.currentIndexChanged.connect(self.on_form_changed)

    def show_item(self, item: ItemView, sitting: SittingView, fresh: bool) -> None:
        lines = []
        for flag in item.flags:
            matched = "; ".join(html.escape(m.sentence()) for m in flag.matches)
            if flag.declaration is None:
                state = "<i>not yet declared: ask the member to declare</i>"
            else:
                state = f"declared <b>{html.escape(flag.declaration.outcome_title)}</b>"
                if flag.declaration.note:
                    state += f" ({html.escape(flag.declaration.note)})"
            lines.append(f"<b>{html.escape(flag.member)}</b> — {matched} — {state}")
        flagged = {f.member for f in item.flags}
        for declared in item.declarations:
            if declared.member not in flagged:
                note = f" ({html.escape(declared.note)})" if declared.note else ""
                lines.append(
                    f"<b>{html.escape(declared.member)}</b> — declared "
                    f"<b>{html.escape(declared.outcome_title)}</b>{note}"
                )
        self.flags_label.setText(
            "<br>".join(lines) or "No member's declared interests touch this case."
        )
        undeclared = item.undeclared
        self.flags_label.setStyleSheet(warning_style(self.palette()) if undeclared else "")
        self.flags_label.setAccessibleName(
            f"{len(undeclared)} flagged member(s) yet to declare" if undeclared else "Declarations"
        )
        # The members yet to declare first, then everyone else on the council that day.
        names = [f.member for f in undeclared]
        names += [f.member for f in item.flags if f.member not in names]
        names += [m for m in sitting.voting_members if m not in names]
        chosen = self.member.currentText()
        self.member.blockSignals(True)
        self.member.clear()
        self.member.addItems(names)
        if not fresh and chosen in names and not undeclared:
            self.member.setCurrentIndex(names.index(chosen))
        self.member.blockSignals(False)
        if fresh:
            self.note.clear()
            self.outcome.setCurrentIndex(0)
        self._closed = sitting.session.status == "closed"
        self._update_enabled()

    def _problem(self) -> str | None:
        return declaration_problem(str(self.outcome.currentData()), self.note.text())

    def _update_enabled(self) -> None:
        can = not self._closed and self.member.count() > 0
        self.member.setEnabled(can)
        self.outcome.setEnabled(can)
        self.note.setReadOnly(self._closed)
        problem = self._problem()
        self.record_button.setEnabled(can and problem is None)
        self.record_button.setToolTip(problem or "")

    @Slot()
    def on_form_changed(self) -> None:
        self._update_enabled()

    @Slot()
    def on_record_clicked(self) -> None:
        member = self.member.currentText()
        if not member or not self.record_button.isEnabled():
            return
        outcome = str(self.outcome.currentData())
        self.declaration_requested.emit(member, outcome, self.note.text().strip())


__all__ = ["OUTCOME_CHOICES", "OUTCOME_TITLES", "DeclarationsBox"]
