"""One agenda item during a sitting: the case, its scoring and precedents, who declared an
interest and who stood aside, the quorum, the votes and the decision.

Everything shown comes from the core's :class:`~council_app.council.agenda.ItemView`, computed
once so that the panel, the presenter screen and the command line agree. The panel decides
nothing: it disables what the quorum or a closed sitting rules out, so that the council is not
invited to do what the core would refuse, and reports every action with a signal; the main
window records it and shows the item again.
"""

from __future__ import annotations

import html
from itertools import pairwise

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from council_app.case import Decision
from council_app.council.agenda import ItemPrecedents, ItemView, SittingView
from council_app.framework import Framework
from council_app.scoring import percent_text
from council_app.ui.common.fonts import bold_font
from council_app.ui.common.guarded_fields import GuardedComboBox
from council_app.ui.common.numbers import count_text
from council_app.ui.sittings.agenda_decision import AgendaDecision
from council_app.ui.sittings.agenda_item_widgets import (
    DecisionRequest,
    DissentRow,
    discard,
    warning_style,
)
from council_app.ui.sittings.declarations_box import DeclarationsBox
from council_app.ui.workspace.scoring_panel import ScoringPanel
from council_app.vocabulary import vote_choices, vote_title

PRECEDENT_ID_ROLE = Qt.ItemDataRole.UserRole + 40
NO_VOTE_TEXT = "— no vote —"
EMPTY_TEXT = "Choose an item on the agenda"
CLOSED_TEXT = "This sitting is closed: what it recorded stands and nothing here can change."
PLANNED_TEXT = (
    "This sitting is planned: open it (Open, beside the sitting) to record votes and decisions."
)
# Below this many average characters of width the two columns are stacked instead.
TWO_COLUMN_CHARS = 118


class AgendaItemPanel(AgendaDecision):
    """The detail of one agenda item, where the council looks at the case, votes and decides."""

    vote_cast = Signal(str, str, object)  # case id, member, outcome key | "abstain" | None
    recusal_requested = Signal(str, str, str)  # case id, member, reason
    declaration_requested = Signal(str, str, str, str)  # case id, member, outcome, note
    precedent_activated = Signal(str)  # case id

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The framework in force until an item is shown; then the one its case is under.
        self.framework = framework
        self.item: ItemView | None = None
        self.sitting: SittingView | None = None
        self.setAccessibleName("Agenda item")
        # The form belongs to one case of one sitting; it is kept while that case is shown again.
        self._form_key: tuple[int, str] | None = None
        self._decision_seen: Decision | None = None
        self._outcome_edited = False
        self._review_edited = False
        self._syncing = False
        self._precedents: ItemPrecedents | None = None  # of the item shown, once found
        self._problems: list[str] = []  # why the decision as it stands cannot be recorded
        self._vote_layout_key: tuple[tuple[str, str], ...] = ()
        self.vote_boxes: dict[str, QComboBox] = {}
        self.vote_states: dict[str, QLabel] = {}
        self.dissent_rows: list[DissentRow] = []

        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)  # drawn in the palette's muted text colour
        self.empty.setAccessibleName(EMPTY_TEXT)

        # Always in view above the scrolling part: which item, whether there is a quorum, and
        # anything the core refused.
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setFont(bold_font(self.font(), 1.35))
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.budget = QLabel()
        self.quorum = QLabel()
        self.quorum.setWordWrap(True)
        self.quorum.setFont(bold_font(self.font(), 1.12))
        self.closed_note = QLabel(CLOSED_TEXT)
        self.closed_note.setWordWrap(True)
        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        self.refusal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A case assessed under an older framework version is voted and decided in its terms;
        # the council is told so, in the library's own words.
        self.version_label = QLabel()
        self.version_label.setObjectName("agenda_item_version")
        self.version_label.setWordWrap(True)
        self.version_label.setTextFormat(Qt.TextFormat.PlainText)
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        for label in (self.heading, self.budget, self.quorum, self.refusal, self.facts):
            label.setTextFormat(Qt.TextFormat.PlainText)  # titles and names are not markup

        self.scoring = ScoringPanel(
            framework, title="Council scoring", precedents_hint=" See the precedents below."
        )
        self.scoring.weights.hide()
        self.precedents_box = QGroupBox("Precedents")
        self.precedent_status = QLabel()
        self.precedent_status.setWordWrap(True)
        self.precedent_list = QListWidget()
        self.precedent_list.setAccessibleName("Precedents, closest first")
        self.precedent_list.setAccessibleDescription(
            "Double-click a precedent, or press Enter, to open it."
        )
        # Two lines an entry, the title elided (the tooltip has it whole with the reasons), so
        # that the list can be as tall as its entries and the page does the scrolling.
        self.precedent_list.setWordWrap(False)
        self.precedent_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.precedent_list.setAlternatingRowColors(True)
        self.precedent_list.setSpacing(max(2, self.fontMetrics().height() // 6))
        self.precedent_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.precedent_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        precedents_layout = QVBoxLayout(self.precedents_box)
        precedents_layout.addWidget(self.precedent_status)
        precedents_layout.addWidget(self.precedent_list)

        self.declarations_box = DeclarationsBox()
        self.declarations_box.declaration_requested.connect(self.on_declaration_requested)
        self._build_recusals()
        self._build_votes()
        self._build_decision()

        action_column = QVBoxLayout()
        action_column.addWidget(self.declarations_box)
        action_column.addWidget(self.recusals_box)
        action_column.addWidget(self.votes_box)
        action_column.addWidget(self.decision_box)
        action_column.addStretch(1)
        scoring_column = QVBoxLayout()
        scoring_column.addWidget(self.scoring)
        scoring_column.addWidget(self.precedents_box)
        scoring_column.addStretch(1)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.addLayout(action_column, 3)
        self.columns.addLayout(scoring_column, 2)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.question)
        body_layout.addWidget(self.facts)
        body_layout.addLayout(self.columns, 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        self.scroll_area.setAccessibleName("Agenda item details")

        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self.budget, 0, Qt.AlignmentFlag.AlignTop)
        self.page = QWidget()
        page_layout = QVBoxLayout(self.page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        header = QVBoxLayout()
        header.setContentsMargins(9, 9, 9, 0)
        header.addLayout(heading_row)
        header.addWidget(self.version_label)
        header.addWidget(self.quorum)
        header.addWidget(self.closed_note)
        header.addWidget(self.refusal)
        page_layout.addLayout(header)
        page_layout.addWidget(self.scroll_area, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.precedent_list.itemActivated.connect(self.on_precedent_activated)
        self.stack.setCurrentWidget(self.empty)
        self.refusal.hide()

    # Building -----------------------------------------------------------------------------

    def _build_recusals(self) -> None:
        self.recusals_box = QGroupBox("Recusals")
        self.recusal_list = QLabel()
        self.recusal_list.setWordWrap(True)
        self.recusal_list.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recuse_member = GuardedComboBox()
        self.recuse_member.setAccessibleName("Member who recuses")
        # As wide as the longest name: its items come after the first show, which the default
        # policy sizes for ("Amara O").
        self.recuse_member.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.recuse_reason = QLineEdit()
        self.recuse_reason.setAccessibleName("Reason for the recusal")
        self.recuse_reason.setPlaceholderText("For example: advised the customer last year")
        self.recuse_button = QPushButton("Rec&use")
        self.recuse_button.setAccessibleName("Recuse the member from this item")
        self.recuse_button.setAccessibleDescription(
            "A member who recuses neither votes on the case nor counts toward its quorum."
        )
        member_label = QLabel("&Member:")
        member_label.setBuddy(self.recuse_member)
        reason_label = QLabel("Rea&son:")
        reason_label.setBuddy(self.recuse_reason)
        form = QGridLayout()
        form.addWidget(member_label, 0, 0)
        form.addWidget(self.recuse_member, 0, 1)
        form.addWidget(reason_label, 0, 2)
        form.addWidget(self.recuse_reason, 0, 3)
        form.addWidget(self.recuse_button, 0, 4)
        form.setColumnStretch(3, 1)
        layout = QVBoxLayout(self.recusals_box)
        layout.addWidget(self.recusal_list)
        layout.addLayout(form)
        self.recuse_button.clicked.connect(self.on_recuse_clicked)
        self.recuse_reason.returnPressed.connect(self.on_recuse_clicked)

    def _build_votes(self) -> None:
        self.votes_box = QGroupBox("Votes")
        self.no_vote = QLabel()
        self.no_vote.setWordWrap(True)
        self.vote_grid = QGridLayout()
        self.vote_grid.setColumnStretch(1, 1)
        self.tally = QLabel()
        self.tally.setWordWrap(True)
        self.tally.setFont(bold_font(self.font()))
        self.no_vote.setTextFormat(Qt.TextFormat.PlainText)
        self.tally.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self.votes_box)
        layout.addWidget(self.no_vote)
        layout.addLayout(self.vote_grid)
        layout.addWidget(self.tally)

    # Showing ------------------------------------------------------------------------------

    def show_item(self, item: ItemView | None, sitting: SittingView | None) -> None:
        self.refusal.clear()
        self.refusal.hide()
        self.item = item
        self.sitting = sitting
        if item is None or sitting is None:
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.page)
        key = (sitting.session.id, item.case.id)
        fresh = key != self._form_key
        self._form_key = key
        self._use_framework(item.framework)
        case = item.case
        self.version_label.setText(item.version_note)
        self.version_label.setAccessibleName(item.version_note)
        self.version_label.setVisible(bool(item.version_note))
        self.heading.setText(f"{item.number}. {case.id} — {case.title}")
        self.budget.setText(f"Time budget: {item.minutes} min" if item.minutes else "")
        self.budget.setVisible(item.minutes is not None)
        self.question.setText(
            f"<b>Question:</b> {html.escape(case.question)}"
            if case.question
            else "<i>No question is written for this case yet.</i>"
        )
        facts = [case.customer, case.product, ", ".join(case.regions)]
        self.facts.setText(" · ".join(f for f in facts if f))
        self.facts.setVisible(any(facts))
        self.quorum.setText(item.quorum.sentence())
        self.quorum.setStyleSheet("" if item.quorum.met else warning_style(self.palette()))
        status = sitting.session.status
        self.closed_note.setText(CLOSED_TEXT if status == "closed" else PLANNED_TEXT)
        self.closed_note.setVisible(status != "open")
        self.scoring.show_score(item.score)
        self.scoring.show_coverage(case)  # at the sitting too: what is missing, before the vote
        if fresh:
            self._precedents = None
            self.scoring.show_consistency(None)
            self.precedent_list.clear()
            self.precedent_list.hide()
            self.precedent_status.setText("Finding precedents…")
            self.scroll_area.verticalScrollBar().setValue(0)
        self.declarations_box.show_item(item, sitting, fresh)
        self._show_recusals(item, sitting, fresh)
        self._show_votes(item, sitting)
        self._show_decision(item, sitting, fresh)
        self._update_enabled()
        self._set_tab_order()

    def _use_framework(self, framework: Framework) -> None:
        """Vote, decide and score the item in its case's own framework version."""
        if framework is self.framework or framework == self.framework:
            return
        self.framework = framework
        self.scoring.framework = framework
        self._fill_outcomes()
        self._vote_layout_key = ()  # the vote boxes offer the new outcomes

    def show_precedents(self, found: ItemPrecedents) -> None:
        if self.item is None or found.case_id != self.item.case.id:
            return  # an answer for an item no longer shown
        self._precedents = found
        self._show_departures()
        self._update_enabled()
        self.scoring.show_consistency(found.consistency)
        self.precedent_list.clear()
        titles = found.outcome_titles
        for p in found.precedents:
            key = p.case.outcome
            outcome = (
                (titles.get(key) or self.framework.outcome_title(key)) if key else "not decided"
            )
            flag = " · superseded" if p.superseded else ""
            entry = QListWidgetItem(
                f"{p.case.id} — {p.case.title}\n{outcome} · match {percent_text(p.score)}{flag}"
            )
            entry.setData(PRECEDENT_ID_ROLE, p.case.id)
            entry.setToolTip("\n".join((f"{p.case.id} — {p.case.title}", *p.reasons)))
            self.precedent_list.addItem(entry)
        spacing = self.precedent_list.spacing()
        rows = sum(
            self.precedent_list.sizeHintForRow(i) + 2 * spacing
            for i in range(len(found.precedents))
        )
        self.precedent_list.setFixedHeight(rows + 2 * self.precedent_list.frameWidth())
        count = len(found.precedents)
        self.precedent_status.setText(
            f"{count_text(count, 'close precedent')}; double-click one or press Enter to open it."
            if count
            else "No close precedents in the library."
        )
        self.precedent_list.setVisible(bool(count))
        self._set_tab_order()

    def show_refusal(self, message: str) -> None:
        self.refusal.setText(message)
        self.refusal.setStyleSheet(warning_style(self.palette(), framed=True))
        self.refusal.show()

    def _closed(self) -> bool:
        return self.sitting is not None and self.sitting.session.status == "closed"

    def _under_way(self) -> bool:
        """Votes and decisions are recorded only while the sitting is open."""
        return self.sitting is not None and self.sitting.session.status == "open"

    def _show_recusals(self, item: ItemView, sitting: SittingView, fresh: bool) -> None:
        if item.recusals:
            self.recusal_list.setText(
                "<br>".join(
                    f"<b>{html.escape(r.member)}</b> — "
                    + (html.escape(r.reason) if r.reason else "<i>no reason given</i>")
                    for r in item.recusals
                )
            )
        else:
            self.recusal_list.setText("No one has recused from this item.")
        recused = {r.member for r in item.recusals}
        chosen = self.recuse_member.currentText()
        if fresh or chosen in recused:
            self.recuse_reason.clear()  # a new item, or the recusal asked for was recorded
        options = [m for m in sitting.voting_members if m not in recused]
        self.recuse_member.blockSignals(True)
        self.recuse_member.clear()
        self.recuse_member.addItems(options)
        if chosen in options and not fresh:
            self.recuse_member.setCurrentIndex(options.index(chosen))
        self.recuse_member.blockSignals(False)

    def _vote_state(self, item: ItemView, sitting: SittingView, member: str) -> str:
        if member in item.quorum.recused or any(r.member == member for r in item.recusals):
            return "recused"
        if member not in sitting.session.present:
            return "absent"
        return "vote"

    def _show_votes(self, item: ItemView, sitting: SittingView) -> None:
        met = item.quorum.met
        self.no_vote.setText("" if met else f"No vote can be recorded: {item.quorum.sentence()}")
        self.no_vote.setStyleSheet(warning_style(self.palette()))
        self.no_vote.setVisible(not met)
        layout_key = tuple((m, self._vote_state(item, sitting, m)) for m in sitting.voting_members)
        if layout_key != self._vote_layout_key:
            self._rebuild_vote_rows(layout_key)
        for member, state in layout_key:
            vote = item.votes.get(member)
            if state == "vote":
                box = self.vote_boxes[member]
                index = box.findData(vote) if vote else 0
                box.blockSignals(True)
                box.setCurrentIndex(max(index, 0))
                box.blockSignals(False)
            else:
                text = state
                if vote:  # cast before the member left; it still counts in the tally
                    text += f" (voted {vote_title(self.framework, vote)})"
                self.vote_states[member].setText(text)
                self.vote_states[member].setAccessibleName(f"{member}: {text}")
        self.tally.setText(item.tally.sentence(self.framework))

    def _rebuild_vote_rows(self, layout_key: tuple[tuple[str, str], ...]) -> None:
        focused = next((m for m, box in self.vote_boxes.items() if box.hasFocus()), None)
        while self.vote_grid.count():
            child = self.vote_grid.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                discard(widget)
        self.vote_boxes = {}
        self.vote_states = {}
        for row, (member, state) in enumerate(layout_key):
            name = QLabel(member)
            self.vote_grid.addWidget(name, row, 0)
            if state == "vote":
                box = self._vote_box(member)
                name.setBuddy(box)
                self.vote_grid.addWidget(box, row, 1)
                self.vote_boxes[member] = box
            else:
                note = QLabel(state)
                # Disabled labels take the palette's muted text colour, in light or dark mode.
                name.setEnabled(False)
                note.setEnabled(False)
                self.vote_grid.addWidget(note, row, 1)
                self.vote_states[member] = note
        self._vote_layout_key = layout_key
        if focused in self.vote_boxes:
            self.vote_boxes[focused].setFocus()

    def _vote_box(self, member: str) -> QComboBox:
        box = GuardedComboBox()
        box.addItem(NO_VOTE_TEXT, None)
        for key in vote_choices(self.framework):
            box.addItem(vote_title(self.framework, key), key)
        box.setAccessibleName(f"Vote of {member}")
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        box.currentIndexChanged.connect(lambda _index: self.on_vote_chosen(member, box))
        return box

    def _update_enabled(self) -> None:
        if self.item is None:
            return
        closed = self._closed()
        met = self.item.quorum.met
        open_now = self._under_way()
        for box in self.vote_boxes.values():
            box.setEnabled(met and open_now)
        can_recuse = not closed and self.recuse_member.count() > 0
        self.recuse_member.setEnabled(can_recuse)
        self.recuse_reason.setReadOnly(closed)
        self.recuse_reason.setEnabled(can_recuse)
        self.recuse_button.setEnabled(can_recuse)
        self.outcome.setEnabled(not closed)
        self.rationale.setReadOnly(closed)
        self.conditions.setReadOnly(closed)
        self.distinction.setReadOnly(closed)
        self.departure.setReadOnly(closed)
        for row in self.dissent_rows:
            row.set_read_only(closed)
        self.add_dissent.setEnabled(not closed)
        self.review_by.setReadOnly(closed)
        self.review_default.setEnabled(not closed)
        self.replace_box.setEnabled(open_now and met)
        self.record_button.setEnabled(
            open_now
            and met
            and not self._problems
            and (not self.item.decided or self.replace_box.isChecked())
        )
        if not met and not closed:
            self.record_button.setToolTip(
                f"No decision can be recorded: {self.item.quorum.sentence()}"
            )
        elif not open_now and not closed:
            self.record_button.setToolTip(PLANNED_TEXT)
        elif self._problems:
            self.record_button.setToolTip(" ".join(self._problems))
        else:
            self.record_button.setToolTip("")

    def _set_tab_order(self) -> None:
        """Reading order: declarations, recusals, votes, decision, then the precedents."""
        box = self.declarations_box
        chain: list[QWidget] = [box.member, box.outcome, box.note, box.record_button]
        chain += [self.recuse_member, self.recuse_reason, self.recuse_button]
        chain += list(self.vote_boxes.values())
        chain += [self.outcome, self.rationale, self.conditions, self.distinction, self.departure]
        for row in self.dissent_rows:
            chain += [row.member_box, row.text, row.remove]
        chain += [
            self.add_dissent,
            self.review_by,
            self.review_default,
            self.replace_box,
            self.record_button,
            self.precedent_list,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # Dissent rows -------------------------------------------------------------------------

    # Slots --------------------------------------------------------------------------------

    @Slot(str, QComboBox)
    def on_vote_chosen(self, member: str, box: QComboBox) -> None:
        if self.item is None:
            return
        vote = box.currentData()
        self.vote_cast.emit(self.item.case.id, member, None if vote is None else str(vote))

    @Slot()
    def on_recuse_clicked(self) -> None:
        member = self.recuse_member.currentText()
        if self.item is None or not member or not self.recuse_button.isEnabled():
            return
        self.recusal_requested.emit(self.item.case.id, member, self.recuse_reason.text().strip())

    @Slot(str, str, str)
    def on_declaration_requested(self, member: str, outcome: str, note: str) -> None:
        if self.item is not None:
            self.declaration_requested.emit(self.item.case.id, member, outcome, note)

    @Slot(QListWidgetItem)
    def on_precedent_activated(self, entry: QListWidgetItem) -> None:
        case_id = entry.data(PRECEDENT_ID_ROLE)
        if case_id:
            self.precedent_activated.emit(str(case_id))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrow = self.width() < self.fontMetrics().averageCharWidth() * TWO_COLUMN_CHARS
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)


__all__ = ["PRECEDENT_ID_ROLE", "AgendaItemPanel", "DecisionRequest"]
