"""Steps that hold lists: proposed actions, stakeholder input, and the decision."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from council_app import case_edits
from council_app.case import (
    MITIGATION_KINDS,
    Case,
    Condition,
    Decision,
    Dissent,
    Mitigation,
    StakeholderInput,
)
from council_app.council.commitments import Standing, default_condition_kind, standing
from council_app.council.coverage import Requirement, coverage
from council_app.framework import Framework
from council_app.ui.common.confidentiality_box import (
    confidentiality_box,
    confidentiality_choices,
    set_confidentiality,
)
from council_app.ui.common.dates import date_edit, edit_date, set_edit_date
from council_app.ui.common.palette import attention_colour
from council_app.ui.workspace.case_editor import CaseEditor, edit_name
from council_app.ui.workspace.escalation_box import EscalationBox
from council_app.ui.workspace.items_table import ItemsTable
from council_app.ui.workspace.rating_pages import Page
from council_app.ui.workspace.rows_model import (
    Column,
)
from council_app.ui.workspace.widgets import (
    sync_text,
    text_box,
)
from council_app.vocabulary import (
    condition_status_title,
    effectiveness_scale_words,
    mitigation_kind_title,
    vote_choices,
    vote_title,
)


def score_choices(framework: Framework) -> tuple[tuple[str, Any], ...]:
    """Not given, then every score of the framework's scale."""
    return (("—", None), *((str(s), s) for s in framework.scale))


class MitigationsPage(Page):
    def __init__(self, editor: CaseEditor, framework: Framework) -> None:
        super().__init__(editor, framework, "Proposed actions")
        rates_them = framework.actions_consideration
        intro = QLabel(
            "The contract terms, product controls, monitoring and audits on the table, and how "
            f"effective each would be ({effectiveness_scale_words(framework)})."
            + (
                " Rate the overall effectiveness under “" + rates_them.title + "”."
                if rates_them is not None
                else ""
            )
        )
        intro.setWordWrap(True)
        kinds = tuple((mitigation_kind_title(k), k) for k in MITIGATION_KINDS)
        self.table = ItemsTable(
            "Proposed actions",
            (
                Column("Description", "description"),
                Column("Kind", "kind", "choice", (("—", None), *kinds)),
                Column("Effectiveness", "effectiveness", "choice", score_choices(framework)),
                Column("Owner", "owner"),
            ),
            lambda i, item: editor.apply(
                case_edits.set_mitigation, i, item, text=edit_name("change", "a proposed action")
            ),
            lambda: Mitigation(description="New action"),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)

    def show_case(self, case: Case) -> None:
        self.table.set_items(case.mitigations)


class StakeholdersPage(Page):
    def __init__(self, editor: CaseEditor, framework: Framework) -> None:
        super().__init__(editor, framework, "Stakeholder input")
        intro = QLabel(
            "What each group said: "
            + "; ".join(f"<b>{g.title}</b> — {g.description}" for g in framework.stakeholder_groups)
        )
        intro.setWordWrap(True)
        groups = tuple((g.title, g.key) for g in framework.stakeholder_groups)
        self.table = ItemsTable(
            "Stakeholder input",
            (
                Column("Group", "group", "choice", groups),
                Column("What they said", "summary"),
                Column("Source", "source"),
                Column("Contact (personal data)", "contact"),
                Column("Date", "date", "date"),
                Column(
                    "Who may read it",
                    "confidentiality",
                    "choice",
                    confidentiality_choices("stakeholder_input", framework),
                ),
            ),
            lambda i, item: editor.apply(
                case_edits.set_stakeholder_input,
                i,
                item,
                text=edit_name("change", "stakeholder input"),
            ),
            lambda: StakeholderInput(
                group="impacted_communities", summary="New input", date=date.today()
            ),
        )
        # What they said takes the width: a long source or contact is cut (its tooltip shows
        # it), so that who may read it stays in view on a laptop's screen.
        header = self.table.view.horizontalHeader()
        for column, width in ((2, 170), (3, 150)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.coverage = CoverageBox(editor, framework)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.coverage)

    def show_case(self, case: Case) -> None:
        self.table.set_items(case.stakeholder_input)
        self.coverage.show_case(case)


class CoverageBox(QGroupBox):
    """What the framework asks of this kind of case: each group to hear and question to
    answer, where the case stands on it, and a box for the answer or the reason."""

    def __init__(self, editor: CaseEditor, framework: Framework) -> None:
        super().__init__("What the framework asks of this kind of case")
        self.setAccessibleName("Coverage the framework asks for")
        self.editor = editor
        self.framework = framework
        self.form = QFormLayout(self)
        self.keys: tuple[str, ...] = ()
        self.answers: dict[str, QLineEdit] = {}
        self.states: dict[str, QLabel] = {}
        self.hide()

    def show_case(self, case: Case) -> None:
        found = coverage(self.framework, case)
        keys = tuple(r.key for r in found)
        if keys != self.keys:
            self._rebuild(found)
        for r in found:
            self.states[r.key].setText(html.escape(r.sentence()))
            self.states[r.key].setStyleSheet(
                f"color: {attention_colour(self.palette()).name()};" if r.is_open else ""
            )
            sync_text(self.answers[r.key], r.note)
            self.answers[r.key].setEnabled(not r.heard or bool(r.note))
        self.setVisible(bool(found))

    def _rebuild(self, found: list[Requirement]) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.answers, self.states = {}, {}
        for r in found:
            state = QLabel()
            state.setWordWrap(True)
            answer = QLineEdit()
            what = "Answer" if r.kind == "question" else "Why not heard"
            answer.setAccessibleName(f"{what}: {r.asks}")
            answer.setPlaceholderText(
                "The answer, in the council's words"
                if r.kind == "question"
                else "Why this group was not heard (not needed once it is)"
            )
            answer.textEdited.connect(
                lambda text, key=r.key: self.editor.apply(
                    case_edits.set_coverage_note,
                    key,
                    text,
                    text=edit_name("typing", "an answer to the coverage"),
                    merge=f"coverage:{key}",
                )
            )
            self.form.addRow(state)
            self.form.addRow(f"{what}:", answer)
            self.answers[r.key], self.states[r.key] = answer, state
        self.keys = tuple(r.key for r in found)


@dataclass(frozen=True)
class VoteRow:
    member: str
    vote: str | None


class DecisionPage(Page):
    """The recommendation (read from the scoring panel) beside what the council decides."""

    distinction_needed = Signal(bool)

    def __init__(
        self, editor: CaseEditor, framework: Framework, members: Callable[[], Sequence[str]]
    ) -> None:
        super().__init__(editor, framework, "Recommendation and decision")
        self.members = members
        self.recommendation = QLabel()
        self.recommendation.setWordWrap(True)
        self.recommendation.setAccessibleName("The framework's recommendation")
        self.outcome = QComboBox()
        self.outcome.addItem("No decision yet", None)
        for outcome in framework.outcomes:
            self.outcome.addItem(outcome.title, outcome.key)
        self.outcome.setAccessibleName("Decision")
        # Unset until the council gives them: "No date", never a made-up 2000-01-01.
        self.decided = date_edit(
            "Date of the decision", "The day the council decided.", optional=True
        )
        self.review_by = date_edit(
            "Review by", "The day the decision is due for review.", optional=True
        )
        self.review_default = QPushButton("Framework &default")
        self.review_default.setAccessibleName(
            "Set the review date the framework gives for this outcome"
        )
        self.rationale = text_box("Reasons of the council", lines=6)
        self.rationale_readers = confidentiality_box("the reasons", "rationales", framework)
        self.distinction = text_box(
            "How this case is distinguished from precedent", lines=3,
            placeholder="Needed when close precedents were decided differently.",
        )  # fmt: skip
        kinds = (("—", ""), *((k.title, k.key) for k in framework.condition_kinds))
        self.conditions = ItemsTable(
            "Conditions",
            (
                Column("Condition", "text"),
                Column("Kind", "kind", "choice", kinds),
                Column("Owner", "owner"),
                Column("Due", "due", "date"),
                Column("Every", "every_months", "months"),
                # Where it stands today; changed under Re-review › Commitments, with who,
                # when and why, not typed here.
                Column("Status", "history", read=self._status_text, tip=self._status_why),
            ),
            lambda i, item: editor.apply(
                case_edits.set_condition, i, item, text=edit_name("change", "a condition")
            ),
            lambda: Condition(text="New condition", kind=self._new_condition_kind()),
        )
        # Conditions run to several lines each: room for two or three at once.
        line = self.conditions.view.fontMetrics().lineSpacing()
        self.conditions.view.setMinimumHeight(line * 10)
        self.conditions.view.setToolTip(
            "A condition's status is recorded under Re-review › Commitments, with who, when "
            "and why."
        )
        vote_options = (
            ("—", None),
            *((vote_title(framework, v), v) for v in vote_choices(framework)),
        )
        self.votes = ItemsTable(
            "Votes",
            (
                Column("Member", "member", editable=False),
                Column("Vote", "vote", "choice", vote_options),
            ),
            self.on_vote_changed,
            lambda: VoteRow(member="", vote=None),
        )
        self.votes.add.hide()
        self.votes.remove.hide()
        self.dissent = ItemsTable(
            "Dissent",
            (Column("Member", "member"), Column("In their own words", "text")),
            self.on_dissent_changed,
            lambda: Dissent(member=self.editor.member, text="…"),
        )
        review_row = QHBoxLayout()
        review_row.addWidget(self.review_by)
        review_row.addWidget(self.review_default)
        review_row.addStretch(1)
        form = QFormLayout()
        form.addRow("D&ecision:", self.outcome)
        form.addRow("Decided &on:", self.decided)
        # A row of widgets is no buddy: without one, the label would draw its "&".
        review_label = QLabel("Re&view by:")
        review_label.setBuddy(self.review_by)
        form.addRow(review_label, review_row)
        form.addRow("&Reasons:", self.rationale)
        form.addRow("Who may read the reasons:", self.rationale_readers)
        form.addRow("Distinctio&n:", self.distinction)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.recommendation)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>Conditions</b>"))
        layout.addWidget(self.conditions)
        layout.addWidget(QLabel("<b>Votes</b>"))
        layout.addWidget(self.votes)
        layout.addWidget(QLabel("<b>Dissent</b>"))
        layout.addWidget(self.dissent)
        self.escalation = EscalationBox(editor, framework, lambda: list(self.members()))
        layout.addWidget(self.escalation)

        e = editor
        self.outcome.currentIndexChanged.connect(self.on_outcome_chosen)
        self.decided.dateChanged.connect(
            lambda d: (
                e.apply(
                    case_edits.set_decision,
                    date=edit_date(self.decided),
                    text=edit_name("change", "the date of the decision"),
                )
                if e.case.decision
                else None
            )
        )
        self.review_by.dateChanged.connect(
            lambda d: (
                e.apply(
                    case_edits.set_decision,
                    review_by=edit_date(self.review_by),
                    text=edit_name("change", "the review date"),
                )
                if e.case.decision
                else None
            )
        )
        self.review_default.clicked.connect(self.on_review_default)
        self.rationale.textChanged.connect(self.on_rationale_edited)
        self.rationale_readers.currentIndexChanged.connect(self.on_rationale_readers_chosen)
        self.distinction.textChanged.connect(self.on_distinction_edited)

    def _standing(self, condition: Condition) -> Standing:
        decision = self.editor.case.decision or Decision(outcome="")
        return standing(self.framework, decision, condition, date.today())

    def _status_text(self, condition: Condition) -> str:
        return condition_status_title(self._standing(condition).status)

    def _status_why(self, condition: Condition) -> str:
        return self._standing(condition).why

    def _new_condition_kind(self) -> str:
        """The kind the core gives a condition of the outcome: the default, or for a
        deferral the information requested."""
        d = self.editor.case.decision
        return default_condition_kind(self.framework, d.outcome if d is not None else "")

    def on_rationale_edited(self) -> None:
        if self.editor.case.decision is not None:
            self.editor.apply(
                case_edits.set_decision,
                rationale=self.rationale.toPlainText(),
                text=edit_name("typing", "the reasons"),
                merge="decision:rationale",
            )

    def on_rationale_readers_chosen(self) -> None:
        if self.editor.case.decision is not None:
            self.editor.apply(
                case_edits.set_decision,
                rationale_confidentiality=self.rationale_readers.currentData(),
                text=edit_name("change", "who may read the reasons"),
            )

    def on_distinction_edited(self) -> None:
        if self.editor.case.decision is not None:
            self.editor.apply(
                case_edits.set_decision,
                distinction=self.distinction.toPlainText(),
                text=edit_name("typing", "the distinction"),
                merge="decision:distinction",
            )

    def on_outcome_chosen(self, _index: int) -> None:
        outcome = self.outcome.currentData()
        e = self.editor
        if outcome is None:
            e.apply(case_edits.clear_decision, text=edit_name("clearing", "the decision"))
            return
        decided = e.case.decision.date if e.case.decision and e.case.decision.date else date.today()
        review = (
            e.case.decision.review_by
            if e.case.decision and e.case.decision.review_by
            else case_edits.default_review_by(self.framework, outcome, decided, e.case)
        )
        e.apply(
            case_edits.set_decision,
            outcome=outcome,
            date=decided,
            review_by=review,
            text=edit_name("recording", "the decision"),
        )

    def on_review_default(self) -> None:
        d = self.editor.case.decision
        if d is None or d.outcome is None:
            return
        decided = d.date or date.today()
        self.editor.apply(
            case_edits.set_decision,
            review_by=case_edits.default_review_by(
                self.framework, d.outcome, decided, self.editor.case
            ),
            text=edit_name("change", "the review date"),
        )

    def on_vote_changed(self, _row: int, item: Any) -> None:
        if isinstance(item, VoteRow) and item.member:
            self.editor.apply(
                case_edits.set_vote,
                item.member,
                item.vote,
                text=edit_name("recording", f"{item.member}'s vote"),
            )

    def on_dissent_changed(self, row: int, item: Any) -> None:
        d = self.editor.case.decision
        current = list(d.dissent) if d else []
        if item is None:
            if row < len(current):
                self.editor.apply(
                    case_edits.set_dissent,
                    current[row].member,
                    "",
                    text=edit_name("removal", "a dissent"),
                )
            return
        if row < len(current) and current[row].member != item.member:
            self.editor.apply(
                case_edits.set_dissent, current[row].member, "", text=edit_name("move", "a dissent")
            )
        self.editor.apply(
            case_edits.set_dissent,
            item.member,
            item.text,
            text=edit_name("change", f"{item.member}'s dissent"),
            merge=f"dissent:{item.member}",
        )

    def show_recommendation(self, text: str) -> None:
        self.recommendation.setText(text)

    def show_case(self, case: Case) -> None:
        d = case.decision
        index = self.outcome.findData(d.outcome if d else None)
        if self.outcome.currentIndex() != index:
            self.outcome.blockSignals(True)
            self.outcome.setCurrentIndex(index)
            self.outcome.blockSignals(False)
        for widget in (self.decided, self.review_by, self.review_default, self.rationale,
                       self.rationale_readers, self.distinction, self.conditions, self.votes,
                       self.dissent):  # fmt: skip
            widget.setEnabled(d is not None)
        for edit, value in (
            (self.decided, d.date if d else None),
            (self.review_by, d.review_by if d else None),
        ):
            if edit_date(edit) != value:
                edit.blockSignals(True)
                set_edit_date(edit, value)
                edit.blockSignals(False)
        sync_text(self.rationale, d.rationale if d else "")
        set_confidentiality(self.rationale_readers, d.rationale_confidentiality if d else "")
        sync_text(self.distinction, d.distinction if d else "")
        self.conditions.set_items(d.conditions if d else ())
        votes = {v.member: v.vote for v in d.votes} if d else {}
        names = list(dict.fromkeys([*self.members(), *votes]))
        self.votes.set_items([VoteRow(n, votes.get(n)) for n in names])
        self.dissent.set_items(d.dissent if d else ())
        self.escalation.show_case(case)
