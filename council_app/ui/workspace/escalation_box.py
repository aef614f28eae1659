"""Referral and appeal, on the decision step: what the decision has been through, and the four
things a council does with one (refer it to the board, record the board's decision, lodge an
appeal, record the appeal's end), each through the core's rules (council_app.council.escalation)
on a worker, based on the revision shown; the workspace then shows what the library holds."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from council_app.case import Case
from council_app.council import escalation
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.ui.common.palette import attention_colour
from council_app.ui.workspace.case_editor import CaseEditor
from council_app.vocabulary import APPEAL_GROUND_TITLES, APPEAL_GROUNDS, APPEAL_RESULTS

Job = Callable[[CaseLibrary, int], Case]


class EscalationDialog(QDialog):
    """The fields one escalation step asks for; accepted, ``job`` does it in the library."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.job: Job | None = None

    def text_box(self, label: str, name: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setAccessibleName(name)
        box.setTabChangesFocus(True)
        box.setFixedHeight(70)
        self.form.addRow(label, box)
        return box

    def line(self, label: str, name: str) -> QLineEdit:
        box = QLineEdit()
        box.setAccessibleName(name)
        self.form.addRow(label, box)
        return box

    def choice(self, label: str, name: str, items: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        for title, key in items:
            box.addItem(title, key)
        self.form.addRow(label, box)
        return box


class EscalationBox(QGroupBox):
    def __init__(
        self, editor: CaseEditor, framework: Framework, members: Callable[[], list[str]]
    ) -> None:
        super().__init__("Referral and appeal")
        self.setAccessibleName("Referral and appeal")
        self.editor = editor
        self.framework = framework
        self.members = members
        self.record = QLabel()
        self.record.setWordWrap(True)
        self.record.setTextFormat(Qt.TextFormat.RichText)
        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        self.refer_button = QPushButton("Refer to the &board…")
        self.board_button = QPushButton("Board's d&ecision…")
        self.appeal_button = QPushButton("Lodge an a&ppeal…")
        self.hear_button = QPushButton("Appeal's e&nd…")
        buttons = QHBoxLayout()
        for button, name in (
            (self.refer_button, "Refer the decision to the board"),
            (self.board_button, "Record the board's decision"),
            (self.appeal_button, "Lodge an appeal against the decision"),
            (self.hear_button, "Record the end of the appeal"),
        ):
            button.setAccessibleName(name)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.record)
        layout.addWidget(self.refusal)
        layout.addLayout(buttons)
        self.dialog: EscalationDialog | None = None
        self.refer_button.clicked.connect(self.on_refer)
        self.board_button.clicked.connect(self.on_board)
        self.appeal_button.clicked.connect(self.on_appeal)
        self.hear_button.clicked.connect(self.on_hear)
        # Saved, the record the buttons act on is the one shown.
        editor.saved.connect(lambda _case: self.show_case(self.editor.case))

    def show_case(self, case: Case) -> None:
        lines = [escalation.escalation_sentence(self.framework, e) for e in case.escalations]
        self.record.setText(
            "<br>".join(html.escape(t) for t in lines) or "<i>Not referred or appealed.</i>"
        )
        recorded = self.editor.recorded
        # Only a recorded decision, with nothing unsaved, is taken further: the step acts on
        # the library's record, not on edits the member has not saved.
        ready = recorded is not None and recorded.decision is not None and not self.editor.dirty
        waiting = escalation.pending(recorded) if recorded is not None else None
        self.refer_button.setEnabled(ready and waiting is None)
        self.appeal_button.setEnabled(ready and waiting is None)
        self.board_button.setEnabled(ready and waiting is not None and waiting.kind == "referral")
        self.hear_button.setEnabled(ready and waiting is not None and waiting.kind == "appeal")
        tip = "" if ready else "Save the case with its decision first."
        for button in (self.refer_button, self.appeal_button):
            button.setToolTip(tip)

    def _open(self, dialog: EscalationDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(self._run)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    @Slot()
    def on_refer(self) -> None:
        dialog = EscalationDialog("Refer the decision to the board", self)
        why = dialog.text_box("&Why:", "Why it goes to the board")
        by = dialog.line("&By:", "Who refers it")
        dialog.job = lambda lib, revision: escalation.refer_to_board(
            lib, self.editor.key, on=date.today(), by=by.text(),
            statement=why.toPlainText(), expected_revision=revision,
        )  # fmt: skip
        self._open(dialog)

    @Slot()
    def on_board(self) -> None:
        dialog = EscalationDialog("The board's decision", self)
        outcomes = [(o.title, o.key) for o in self.framework.outcomes]
        outcome = dialog.choice("&Outcome:", "The board's outcome", outcomes)
        authority = dialog.line("&Authority:", "The board's authority")
        authority.setPlaceholderText("Board of Directors, resolution 2026-14")
        reasons = dialog.text_box("&Reasons:", "The board's reasons")
        dialog.job = lambda lib, revision: escalation.record_board_decision(
            lib, self.editor.key, outcome.currentData(), on=date.today(),
            authority=authority.text(), reasons=reasons.toPlainText(), expected_revision=revision,
        )  # fmt: skip
        self._open(dialog)

    @Slot()
    def on_appeal(self) -> None:
        dialog = EscalationDialog("Lodge an appeal", self)
        grounds = dialog.choice(
            "&Grounds:",
            "The grounds of the appeal",
            [(APPEAL_GROUND_TITLES[g].capitalize(), g) for g in APPEAL_GROUNDS],
        )
        statement = dialog.text_box("&Statement:", "The grounds in words")
        by = dialog.line("&By:", "Who appeals")
        dialog.job = lambda lib, revision: escalation.lodge_appeal(
            lib, self.editor.key, grounds=grounds.currentData(), on=date.today(),
            statement=statement.toPlainText(), by=by.text(), expected_revision=revision,
        )  # fmt: skip
        self._open(dialog)

    @Slot()
    def on_hear(self) -> None:
        recorded = self.editor.recorded
        assert recorded is not None
        dialog = EscalationDialog("The end of the appeal", self)
        result = dialog.choice(
            "&Result:", "The appeal's result", [(r.capitalize(), r) for r in APPEAL_RESULTS]
        )
        outcomes = [(o.title, o.key) for o in self.framework.outcomes]
        outcome = dialog.choice("&To:", "The outcome it is varied or overturned to", outcomes)
        # Proposed: every member who did not decide the case (the core checks the day's
        # voting members and the quorum); a member who decided is not offered.
        decided = escalation.deciders(recorded)
        panel = QListWidget()
        panel.setAccessibleName("Who heard the appeal")
        for name in self.members():
            if name in decided:
                continue
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            panel.addItem(item)
        panel.setFixedHeight(110)
        dialog.form.addRow("&Heard by:", panel)
        dialog.panel = panel  # type: ignore[attr-defined]
        reasons = dialog.text_box("Rea&sons:", "The panel's reasons")

        def heard() -> list[str]:
            return [
                panel.item(i).text()
                for i in range(panel.count())
                if panel.item(i).checkState() == Qt.CheckState.Checked
            ]

        dialog.job = lambda lib, revision: escalation.decide_appeal(
            lib, self.editor.key, result.currentData(), heard_by=heard(), on=date.today(),
            reasons=reasons.toPlainText(),
            outcome="" if result.currentData() == "upheld" else outcome.currentData(),
            expected_revision=revision,
        )  # fmt: skip
        self._open(dialog)

    def _run(self) -> None:
        dialog = self.sender()
        assert isinstance(dialog, EscalationDialog) and dialog.job is not None
        job, revision = dialog.job, self.editor.base_revision
        self.refusal.hide()

        def work(lib: CaseLibrary | None) -> Any:
            assert lib is not None
            return job(lib, revision)

        def done(case: object) -> None:
            if shiboken6.isValid(self) and isinstance(case, Case):
                self.editor.adopt(case)

        def failed(message: str) -> None:
            if shiboken6.isValid(self):
                self.refusal.setText(html.escape(message))
                self.refusal.setStyleSheet(f"color: {attention_colour(self.palette()).name()};")
                self.refusal.show()

        self.editor.workers.submit(
            f"escalation:{self.editor.key}", work, done, write=True, failed=failed
        )


__all__ = ["EscalationBox", "EscalationDialog"]
