"""How the agenda item records the council's decision: the outcome (the vote's, until a member
chooses another), the review date (the framework's default for the outcome, until edited), the
reasons, conditions, dissent and any departure from precedent, and Record / Replace.

The panel's own module builds the item's view (heading, quorum, scoring, precedents, votes);
this one is the form at its foot, with the rules for what the form proposes and when it may be
recorded.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from council_app.case import Decision, Dissent
from council_app.council.agenda import ItemPrecedents, ItemView, SittingView
from council_app.council.decision_rules import (
    conditions_problem,
    decision_departures,
    decision_problems,
    sitting_review_by,
)
from council_app.framework import Framework
from council_app.precedent.consistency import superseded_here
from council_app.ui.common.dates import date_text, to_date, to_qdate
from council_app.ui.common.guarded_fields import GuardedComboBox, GuardedDateEdit
from council_app.ui.common.palette import outcome_fill
from council_app.ui.sittings.agenda_item_widgets import (
    DecisionRequest,
    DissentRow,
    discard,
    warning_style,
)
from council_app.ui.sittings.condition_rows import ConditionsEditor
from council_app.vocabulary import ABSTAIN

RECORD_TEXT = "Record decision"
REPLACE_TEXT = "Replace decision…"


class AgendaDecision(QWidget):
    """The decision form of an agenda item; the panel (its subclass) builds it with the rest."""

    decision_requested = Signal(str, object)  # case id, DecisionRequest

    # Set by the panel, which shows the item and its sitting; the framework is the one the case
    # shown is assessed or was decided under.
    framework: Framework
    item: ItemView | None
    sitting: SittingView | None
    dissent_rows: list[DissentRow]
    _precedents: ItemPrecedents | None
    _decision_seen: Decision | None
    _outcome_edited: bool
    _review_edited: bool
    _syncing: bool
    _problems: list[str]

    # What the form asks of the panel: whether the sitting is closed, and to update which
    # controls are enabled and the tab order once the form changes.
    def _closed(self) -> bool:
        raise NotImplementedError

    def _update_enabled(self) -> None:
        raise NotImplementedError

    def _set_tab_order(self) -> None:
        raise NotImplementedError

    def _fit_lines(self, box: QPlainTextEdit, least: int, most: int) -> None:
        # A text box's own size hint is a fixed block whatever the font; size it in lines.
        line = box.fontMetrics().lineSpacing()
        extra = 2 * box.frameWidth() + 2 * round(box.document().documentMargin())
        box.setMinimumHeight(line * least + extra)
        box.setMaximumHeight(line * most + extra)

    def _build_decision(self) -> None:
        self.decision_box = QGroupBox("Decision")
        self.recorded = QLabel()
        self.recorded.setWordWrap(True)
        self.recorded.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome = GuardedComboBox()
        self._fill_outcomes()
        self.outcome.setAccessibleName("Decision")
        self.outcome.setAccessibleDescription(
            "Proposed from the outcome with the most votes, else from the recommendation."
        )
        self.rationale = QPlainTextEdit()
        self.rationale.setAccessibleName("Rationale")
        self.rationale.setTabChangesFocus(True)
        self._fit_lines(self.rationale, 4, 8)
        # Each condition with its kind, owner, due date and recurrence: what the Commitments
        # view later follows up.
        self.conditions = ConditionsEditor(self.framework)
        self.distinction = QPlainTextEdit()
        self.distinction.setAccessibleName("Distinction from precedent")
        self.distinction.setAccessibleDescription(
            "How this case is distinguished from close precedents decided otherwise."
        )
        self.distinction.setTabChangesFocus(True)
        self._fit_lines(self.distinction, 2, 5)
        self.departure = QPlainTextEdit()
        self.departure.setAccessibleName("Why the decision departs")
        self.departure.setAccessibleDescription(
            "Needed when the decision departs from the vote, the recommendation, a red line or "
            "close precedents; recorded with the decision and shown in the memo and minutes."
        )
        self.departure.setTabChangesFocus(True)
        self._fit_lines(self.departure, 2, 5)
        self.departures = QLabel()
        self.departures.setObjectName("decision_departures")
        self.departures.setWordWrap(True)
        self.departures.setTextFormat(Qt.TextFormat.PlainText)
        self.departures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.departures.setAccessibleName("How the decision departs from its sitting")
        self.dissent_area = QVBoxLayout()
        self.dissent_area.setContentsMargins(0, 0, 0, 0)
        self.add_dissent = QPushButton("Add d&issent")
        self.add_dissent.setAccessibleName("Add a member's dissent")
        dissent_box = QVBoxLayout()
        dissent_box.addLayout(self.dissent_area)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_dissent)
        add_row.addStretch(1)
        dissent_box.addLayout(add_row)
        self.review_by = GuardedDateEdit()
        self.review_by.setCalendarPopup(True)
        self.review_by.setDisplayFormat("yyyy-MM-dd")
        self.review_by.setAccessibleName("Review by")
        self.review_by.setAccessibleDescription(
            "The framework's period for the outcome unless you change it."
        )
        self.review_default = QPushButton("Framework de&fault")
        self.review_default.setAccessibleName(
            "Use the review date the framework gives for this outcome"
        )
        review_row = QHBoxLayout()
        review_row.addWidget(self.review_by)
        review_row.addWidget(self.review_default)
        review_row.addStretch(1)
        self.replace_box = QCheckBox("Re&place the recorded decision")
        self.replace_box.setAccessibleName("Replace the recorded decision")
        self.record_button = QPushButton(RECORD_TEXT)
        self.record_button.setAccessibleName("Record the decision")
        self.record_button.setDefault(False)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field in (
            ("&Outcome:", self.outcome),
            ("R&ationale:", self.rationale),
            ("&Conditions:", self.conditions),
            ("Dis&tinction:", self.distinction),
            ("E&xplain departure:", self.departure),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.departures)
        dissent_label = QLabel("Dissent:")
        form.addRow(dissent_label, dissent_box)
        review_label = QLabel("Re&view by:")
        review_label.setBuddy(self.review_by)
        form.addRow(review_label, review_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.replace_box)
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        layout = QVBoxLayout(self.decision_box)
        layout.addWidget(self.recorded)
        layout.addLayout(form)
        layout.addLayout(buttons)

        self.outcome.currentIndexChanged.connect(self.on_outcome_chosen)
        for box in (self.departure, self.distinction):
            box.textChanged.connect(self.on_decision_text_edited)
        self.conditions.changed.connect(self.on_decision_text_edited)
        self.review_by.dateChanged.connect(self.on_review_by_edited)
        self.review_default.clicked.connect(self.on_review_default_clicked)
        self.add_dissent.clicked.connect(self.on_add_dissent_clicked)
        self.replace_box.toggled.connect(self.on_replace_toggled)
        self.record_button.clicked.connect(self.on_record_clicked)

    def _fill_outcomes(self) -> None:
        """Offer the outcomes of the framework the case is decided under (it may be an older
        version than the one in force). An outcome chosen that the framework lacks is not kept:
        the form proposes one again."""
        chosen = self.outcome.currentData()
        self._syncing = True
        self.outcome.clear()
        for key in self.framework.outcome_keys:
            self.outcome.addItem(self.framework.outcome_title(key), key)
        if chosen in self.framework.outcome_keys:
            self.outcome.setCurrentIndex(self.outcome.findData(chosen))
        else:
            self._outcome_edited = False
        self._syncing = False

    def _review_default(self, outcome: str) -> date:
        assert self.item is not None and self.sitting is not None
        return sitting_review_by(
            self.framework, outcome, self.sitting.session.date, self.item.case, self.item.score
        )

    def _condition_count(self) -> int:
        """The conditions the rules count: rows with text."""
        return self.conditions.count()

    def _show_departures(self) -> None:
        """How the decision as it stands departs from its sitting, and what it then needs, as
        the core would judge it when recording (the precedents count once they are found)."""
        if self.item is None:
            return
        outcome = str(self.outcome.currentData())
        # New and untouched condition rows take the kind of the outcome's conditions.
        self.conditions.set_framework(self.framework)
        self.conditions.set_outcome(outcome)
        precedents = self._precedents.precedents if self._precedents is not None else ()
        departures = decision_departures(
            self.framework,
            outcome,
            vote=self.item.vote,
            score=self.item.score,
            precedents=precedents,
            superseding=superseded_here(self.item.case),
        )
        self._problems = decision_problems(
            self.framework,
            outcome,
            conditions=self._condition_count(),
            departure=self.departure.toPlainText(),
            distinction=self.distinction.toPlainText(),
            departures=departures,
        )
        if departures:
            lines = ["This decision departs from its sitting:"]
            lines += [f"• {d.sentence}" for d in departures]
            if self.departure.toPlainText().strip():
                lines.append("The reason is recorded with it.")
            elif not self._problems:
                lines.append("The distinction from precedent is recorded with it.")
            else:
                lines.append("Explain the departure to record it.")
        else:
            lines = [f"This decision follows its sitting. {self.item.vote.sentence}"]
        missing = conditions_problem(self.framework, outcome, self._condition_count())
        if missing:
            lines.append(missing)
        self.departures.setText("\n".join(lines))
        self.departures.setStyleSheet(warning_style(self.palette()) if self._problems else "")
        self.departures.setAccessibleDescription(self.departures.text())

    def _default_outcome(self, item: ItemView) -> str:
        """What the vote carried, else the outcome with the most votes, else the recommendation."""
        return item.vote.carried or item.tally.leading or item.score.scoring.recommendation.outcome

    def _show_decision(self, item: ItemView, sitting: SittingView, fresh: bool) -> None:
        decision = item.case.decision
        title = self.framework.outcome_title
        if decision is None:
            self.recorded.hide()
        else:
            when = date_text(decision.date) if decision.date else "an earlier date"
            review = date_text(decision.review_by) if decision.review_by else "not set"
            self.recorded.setText(
                f"<b>Recorded decision: {html.escape(title(decision.outcome))}</b>, "
                f"decided {when}; review by {review}."
            )
            # A recorded decision is not an alarm: ordinary text, marked in the outcome's fill.
            fill = outcome_fill(decision.outcome, self.palette(), self.framework).name()
            self.recorded.setStyleSheet(f"border-left: 0.4em solid {fill}; padding-left: 0.4em;")
            self.recorded.show()
        self.replace_box.setVisible(decision is not None)
        self.record_button.setText(RECORD_TEXT if decision is None else REPLACE_TEXT)
        self.record_button.setAccessibleName(
            "Record the decision" if decision is None else "Replace the recorded decision"
        )
        if fresh:
            self._reset_form(item, sitting)
        elif decision != self._decision_seen:
            self.replace_box.setChecked(False)  # a replacement asks again each time
        self._decision_seen = decision
        if not self._outcome_edited:
            self._set_outcome(self._default_outcome(item))
        self._follow_review()
        members = item.quorum.present
        for row in self.dissent_rows:
            row.set_members(members)
        self._show_departures()

    def _reset_form(self, item: ItemView, sitting: SittingView) -> None:
        """A new case: start from its recorded decision, if any, else from the defaults."""
        decision = item.case.decision
        for row in list(self.dissent_rows):
            self._remove_dissent_row(row)
        self.replace_box.setChecked(False)
        if decision is None:
            self.rationale.clear()
            self.conditions.clear()
            self.departure.clear()
            self.distinction.clear()
            self._outcome_edited = False
            self._review_edited = False
            return
        self.rationale.setPlainText(decision.rationale)
        self.departure.setPlainText(decision.departure)
        self.distinction.setPlainText(decision.distinction)
        # The recorded conditions whole: a replaced decision keeps their history and evidence.
        self.conditions.set_conditions(decision.conditions)
        for dissent in decision.dissent:
            row = self._add_dissent_row(item.quorum.present)
            row.set_members((*item.quorum.present, dissent.member))
            row.set_member(dissent.member)
            row.text.setText(dissent.text)
        self._set_outcome(decision.outcome)
        self._outcome_edited = True
        default = self._review_default(decision.outcome)
        self._review_edited = decision.review_by is not None and decision.review_by != default
        if decision.review_by is not None:
            self._set_review_by(decision.review_by)

    def _set_outcome(self, outcome: str) -> None:
        index = self.outcome.findData(outcome)
        if index >= 0 and index != self.outcome.currentIndex():
            self._syncing = True
            self.outcome.setCurrentIndex(index)
            self._syncing = False

    def _set_review_by(self, day: date) -> None:
        self._syncing = True
        self.review_by.setDate(to_qdate(day))
        self._syncing = False

    def _follow_review(self) -> None:
        """Keep the review date on the framework's period for the outcome until it is edited."""
        if self._review_edited or self.sitting is None or self.item is None:
            return
        self._set_review_by(self._review_default(str(self.outcome.currentData())))

    def _add_dissent_row(self, members: tuple[str, ...]) -> DissentRow:
        row = DissentRow(members)
        row.removal_requested.connect(self.on_dissent_removal_requested)
        self.dissent_area.addWidget(row)
        self.dissent_rows.append(row)
        row.set_read_only(self._closed())
        return row

    def _remove_dissent_row(self, row: DissentRow) -> None:
        self.dissent_rows.remove(row)
        self.dissent_area.removeWidget(row)
        discard(row)

    @Slot(int)
    def on_outcome_chosen(self, _index: int) -> None:
        if self._syncing:
            return
        self._outcome_edited = True
        self._follow_review()
        self._show_departures()
        self._update_enabled()

    @Slot()
    def on_decision_text_edited(self) -> None:
        if self._syncing:
            return
        self._show_departures()
        self._update_enabled()

    @Slot(QDate)
    def on_review_by_edited(self, _day: QDate) -> None:
        if not self._syncing:
            self._review_edited = True

    @Slot()
    def on_review_default_clicked(self) -> None:
        self._review_edited = False
        self._follow_review()

    @Slot()
    def on_add_dissent_clicked(self) -> None:
        if self.item is None:
            return
        row = self._add_dissent_row(self.item.quorum.present)
        # Most often it is someone who voted for another outcome and has not yet been given a row.
        outcome = self.outcome.currentData()
        taken = {r.member() for r in self.dissent_rows if r is not row}
        present = self.item.quorum.present
        for member, vote in self.item.votes.items():
            if vote not in (outcome, ABSTAIN) and member not in taken and member in present:
                row.set_member(member)
                break
        self._set_tab_order()
        row.text.setFocus()

    @Slot(QWidget)
    def on_dissent_removal_requested(self, row: QWidget) -> None:
        if isinstance(row, DissentRow) and row in self.dissent_rows:
            self._remove_dissent_row(row)
            self._set_tab_order()
            self.add_dissent.setFocus()

    @Slot(bool)
    def on_replace_toggled(self, _checked: bool) -> None:
        self._update_enabled()

    @Slot()
    def on_record_clicked(self) -> None:
        if self.item is None or not self.record_button.isEnabled():
            return
        request = DecisionRequest(
            outcome=str(self.outcome.currentData()),
            rationale=self.rationale.toPlainText().strip(),
            conditions=self.conditions.conditions(),
            dissent=tuple(
                Dissent(member=row.member(), text=row.text.text().strip())
                for row in self.dissent_rows
                if row.member() and row.text.text().strip()
            ),
            review_by=to_date(self.review_by.date()),
            replace=self.item.decided,
            departure=self.departure.toPlainText().strip(),
            distinction=self.distinction.toPlainText().strip(),
        )
        self.decision_requested.emit(self.item.case.id, request)
