"""The two things a member records of a condition: where it stands now (a status, the day,
who, why) and the evidence that it was kept (a note, a file, or both).

Each dialog asks and says nothing of the rules: it hands what was asked to the page, which has
the core write it (:func:`council_app.council.commitments.update_condition`) on the library's
worker. A refusal (a waiver without a reason, a ``.pdf`` that is no PDF, a case changed since
it was read) comes back as the core's sentence and is shown in the dialog, which stays open with
what was typed; a recorded change closes it. The dialogs are opened with ``open()``, never
``exec()``, so nothing waits on them.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from council_app.council.commitments import Commitment
from council_app.library.evidence import KINDS, kinds_text
from council_app.ui.common.confidentiality_box import confidentiality_box
from council_app.ui.common.dates import date_edit, date_text, to_date, to_qdate
from council_app.ui.common.dialog_buttons import accept_cancel_buttons
from council_app.ui.common.palette import attention_colour
from council_app.vocabulary import CONDITION_STATUSES, condition_status_title

EVIDENCE_FILE_FILTER = (
    "Evidence files (" + " ".join(f"*{s}" for s in sorted(KINDS)) + ");;All files (*)"
)


def _subject(c: Commitment) -> str:
    e = html.escape
    owner = f", owner {c.condition.owner}" if c.condition.owner else ""
    return (
        f"<p><b>{e(c.case_id)}</b> — {e(c.title)}</p>"
        f"<p><b>Condition {c.number}</b> ({e(c.kind_title + owner)}): {e(c.condition.text)}</p>"
        f"<p><i>Now: {e(c.standing.why)}</i></p>"
    )


def _members_box(members: Sequence[str], member: str, name: str) -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.addItems(list(dict.fromkeys(m for m in (member, *members) if m)))
    box.setCurrentText(member)
    box.setAccessibleName(name)
    box.setAccessibleDescription("The member recording it; a name of your own may be typed.")
    return box


class ConditionDialog(QDialog):
    """What both dialogs share: the condition they are about, who records it and when, the
    refusal line, and Record / Cancel."""

    def __init__(
        self,
        commitment: Commitment,
        revision: int,
        *,
        title: str,
        accept_text: str,
        accept_description: str,
        members: Sequence[str],
        member: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.commitment = commitment
        self.revision = revision  # the case's revision the view read: a later one is refused
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.subject = QLabel(_subject(commitment))
        self.subject.setWordWrap(True)
        self.subject.setTextFormat(Qt.TextFormat.RichText)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subject.setAccessibleName("The condition")
        self.on_date = date_edit("On", "The day it is recorded for; not before the decision.")
        if commitment.decided is not None:
            self.on_date.setMinimumDate(to_qdate(commitment.decided))
        self.on_date.setDate(to_qdate(today))
        self.by = _members_box(members, member, "Recorded by")
        self.refusal = QLabel()
        self.refusal.setObjectName("condition_refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal.setAccessibleName("Why nothing was recorded")
        self.refusal.hide()
        buttons = accept_cancel_buttons(
            accept_text,
            accept_description=accept_description,
            cancel_description="Close without recording anything.",
        )
        self.buttons = buttons.box
        self.record_button = buttons.accept
        self.cancel_button = buttons.cancel
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout = QVBoxLayout(self)
        layout.addWidget(self.subject)
        layout.addLayout(self.form)
        layout.addWidget(self.refusal)
        layout.addWidget(self.buttons)
        # Accepting asks the page; the dialog closes only once the core has recorded it.
        self.buttons.accepted.connect(self.on_record)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 76)

    def _add_row(self, text: str, field: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        self.form.addRow(label, field)

    def _note_box(self, name: str, placeholder: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setTabChangesFocus(True)
        box.setAccessibleName(name)
        box.setPlaceholderText(placeholder)
        lines = box.fontMetrics().lineSpacing()
        box.setMinimumHeight(lines * 3 + lines // 2)
        return box

    def recorded_on(self) -> date:
        return to_date(self.on_date.date())

    def recorded_by(self) -> str:
        return self.by.currentText().strip()

    def show_refusal(self, message: str) -> None:
        """The core's sentence, where the member is looking; what was typed stays."""
        self.refusal.setText(message)
        self.refusal.setAccessibleDescription(message)
        self.refusal.setStyleSheet(f"color: {attention_colour(self.palette()).name()};")
        self.refusal.show()
        self.record_button.setEnabled(True)

    @Slot()
    def on_record(self) -> None:
        self.refusal.hide()
        self.record_button.setEnabled(False)  # until the answer comes: one write per click
        self._ask()

    def _ask(self) -> None:
        raise NotImplementedError


class StatusDialog(ConditionDialog):
    """Update status…: a status, the day, who and why."""

    status_requested = Signal(str, object, str, str)  # status, on, by, note

    def __init__(
        self,
        commitment: Commitment,
        revision: int,
        *,
        members: Sequence[str],
        member: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            commitment,
            revision,
            title=f"Update condition {commitment.number} of {commitment.case_id}",
            accept_text="&Record status",
            accept_description="Record the status, with who, when and why, in the case.",
            members=members,
            member=member,
            today=today,
            parent=parent,
        )
        self.setObjectName("status_dialog")
        self.status = QComboBox()
        for status in CONDITION_STATUSES:
            self.status.addItem(condition_status_title(status), status)
        # What is most often reported: the condition was met (the report came, the check held).
        self.status.setCurrentIndex(self.status.findData("met"))
        self.status.setAccessibleName("New status")
        self.note = self._note_box(
            "Why", "What was seen: the report, the check, the reason for a waiver."
        )
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self._add_row("&Status:", self.status)
        self._add_row("&On:", self.on_date)
        self._add_row("Recorded &by:", self.by)
        self._add_row("&Why:", self.note)
        self.form.addRow("", self.hint)
        self.status.currentIndexChanged.connect(self.on_status_changed)
        self.on_status_changed(self.status.currentIndex())
        self.adjustSize()

    def chosen_status(self) -> str:
        return str(self.status.currentData())

    @Slot(int)
    def on_status_changed(self, _index: int) -> None:
        rules = self.commitment.framework.commitments
        if self.chosen_status() == "waived" and rules.waiver_needs_reason:
            self.hint.setText("A condition is waived only with a reason: say why.")
        elif self.chosen_status() == "met" and self.commitment.condition.every_months:
            self.hint.setText("Met now, it falls due again in the months the condition says.")
        else:
            self.hint.clear()
        self.hint.setVisible(bool(self.hint.text()))

    def _ask(self) -> None:
        self.status_requested.emit(
            self.chosen_status(),
            self.recorded_on(),
            self.recorded_by(),
            self.note.toPlainText().strip(),
        )


class EvidenceDialog(ConditionDialog):
    """Attach evidence…: a file (of the kinds a council keeps), a note, or both."""

    # file (Path or None), note, on, by, who may read it ("": the framework's default)
    evidence_requested = Signal(object, str, object, str, str)

    def __init__(
        self,
        commitment: Commitment,
        revision: int,
        *,
        members: Sequence[str],
        member: str,
        today: date,
        start_folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            commitment,
            revision,
            title=f"Evidence for condition {commitment.number} of {commitment.case_id}",
            accept_text="&Attach",
            accept_description="Store the file in the library and record the evidence.",
            members=members,
            member=member,
            today=today,
            parent=parent,
        )
        self.setObjectName("evidence_dialog")
        self.start_folder = start_folder or Path.home()
        self.file_edit = QLineEdit()
        self.file_edit.setAccessibleName("Evidence file")
        self.file_edit.setAccessibleDescription(
            f"Optional. A file of one of these kinds: {kinds_text()}."
        )
        self.file_edit.setPlaceholderText("No file: a note alone")
        self.browse_button = QPushButton("Bro&wse…")
        self.browse_button.setAccessibleName("Choose the evidence file")
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        self.kinds = QLabel(f"Kept as evidence: {kinds_text()}.")
        self.kinds.setWordWrap(True)
        self.note = self._note_box(
            "Evidence note", "What it shows: “Q3 report received; access logs reviewed.”"
        )
        file_label = QLabel("&File:")
        file_label.setBuddy(self.file_edit)
        self.form.addRow(file_label, file_row)
        self.form.addRow("", self.kinds)
        self._add_row("&Note:", self.note)
        self.readers = confidentiality_box("the evidence", "attachments", commitment.framework)
        self._add_row("Who may &read it:", self.readers)
        self._add_row("&On:", self.on_date)
        self._add_row("Recorded &by:", self.by)
        self.browse_button.clicked.connect(self.on_browse)
        self.adjustSize()

    def chosen_file(self) -> Path | None:
        text = self.file_edit.text().strip()
        return Path(text).expanduser() if text else None

    @Slot()
    def on_browse(self) -> None:
        start = self.chosen_file() or self.start_folder
        file, _ = QFileDialog.getOpenFileName(
            self, "Evidence file", str(start), EVIDENCE_FILE_FILTER
        )
        if file:
            self.file_edit.setText(file)

    def _ask(self) -> None:
        self.evidence_requested.emit(
            self.chosen_file(),
            self.note.toPlainText().strip(),
            self.recorded_on(),
            self.recorded_by(),
            self.readers.currentData(),
        )


def written_words(c: Commitment, status: str | None, on: date, evidence: str = "") -> str:
    """What the page says once the core has recorded it."""
    what = f"Condition {c.number} of {c.case_id}"
    if status is not None:
        said = f"{what} recorded {condition_status_title(status).lower()} on {date_text(on)}"
        return f"{said}, with {evidence}." if evidence else f"{said}."
    return f"{what}: {evidence} recorded on {date_text(on)}."
