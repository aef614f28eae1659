"""The case workspace: the walk through the framework with live scoring beside every step.

The steps can be visited in any order; those not yet complete (by the rules in
:mod:`council_app.framework.walk`) are marked. Scoring and precedents are recomputed on worker
threads a moment after each change, by the core functions the command line uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from council_app.case import Case, CaseSummary
from council_app.council.scoring_context import ScoringContext
from council_app.framework import Framework, step_complete, walk_steps
from council_app.library import CaseLibrary
from council_app.precedent import (
    ConsistencyCheck,
    PrecedentSearch,
    local_graph,
    precedent_findings,
)
from council_app.scoring import CaseScore, profile_weights
from council_app.ui.common.dates import date_text
from council_app.ui.library.library_tasks import LibraryWorkers
from council_app.ui.workspace.case_changes import CaseChanges
from council_app.ui.workspace.case_editor import CaseEditor
from council_app.ui.workspace.change_banner import ChangeBanner
from council_app.ui.workspace.list_pages import DecisionPage, MitigationsPage, StakeholdersPage
from council_app.ui.workspace.precedents_page import PrecedentsPage
from council_app.ui.workspace.rating_pages import ConsiderationPage, FactsPage, Page, PrinciplesPage
from council_app.ui.workspace.scoring_panel import ScoringPanel
from council_app.ui.workspace.undo_router import UndoRouter

# A change is scored at once (the zero timer folds the changes of one event into one scoring;
# an older scoring still running is dropped by its kind, score:ID): scoring and its
# sensitivity take about 13 ms, so the panel follows a click within a frame or two.
SCORE_DELAY_MS = 0
# Precedents are ranked once edits rest for this long while another step is shown (a search of
# the whole library is not worth making for every key typed in a rationale); choosing the
# Precedents step with the ranking still waiting runs it at once.
PRECEDENT_DELAY_MS = 700
STEP_KEY_ROLE = Qt.ItemDataRole.UserRole + 30
# The keys that move through the framework's steps; listed in Help › Keyboard shortcuts.
NEXT_STEP_KEY = "Ctrl+PgDown"
PREVIOUS_STEP_KEY = "Ctrl+PgUp"


# Issue 17, point 3: widths that keep a case's window inside a 1366-pixel screen.
UNDO_BUTTON_WIDTH = 120
HEADING_MIN_WIDTH = 160


class CaseWorkspace(CaseChanges):
    open_requested = Signal(str)  # open a case beside this one
    saved = Signal(object)  # Case
    memo_requested = Signal(str)  # case id
    title_changed = Signal(str)
    # The case has (True) or no longer has (False) changes not recorded in the library: the
    # editor's dirty state, the truth of "unsaved" (an undo back to what was saved is clean).
    modified_changed = Signal(bool)

    def __init__(
        self,
        workers: LibraryWorkers,
        framework: Framework,
        case: Case,
        *,
        recorded: Case | None,
        member: str,
        members: Sequence[str],
        context: ScoringContext | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``context``: the library's weights in force and who stood aside on the case (None:
        the framework's default weights, nobody aside — a case not yet in any library)."""
        super().__init__(parent)
        self.workers = workers
        self.framework = framework
        self.context = context or ScoringContext(profile_weights(framework))
        self.members = list(dict.fromkeys([member, *members]))
        self.editor = CaseEditor(workers, case, recorded=recorded, member=member, parent=self)
        self.score: CaseScore | None = None
        self._modified = self.editor.dirty
        self.setObjectName("case_workspace")
        self.setAccessibleName(f"Case workspace: {case.id}")

        # -- top bar
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.member = QComboBox()
        self.member.addItems(self.members)
        self.member.setCurrentText(member)
        self.member.setAccessibleName("Rating as member")
        self.member.setAccessibleDescription("The ratings you enter are this member's assessment.")
        member_label = QLabel("Rating &as:")
        member_label.setBuddy(self.member)
        self.autosave = QLabel()
        self.autosave.setObjectName("autosave_status")
        self.autosave.setAccessibleName("Autosave status")
        self.undo_button = QToolButton()
        self.redo_button = QToolButton()
        self.undo_action = self.editor.undo_stack.createUndoAction(self, "&Undo")
        # Every binding of the platform (Redo: Ctrl+Shift+Z and Ctrl+Y), not only the first.
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.editor.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button.setDefaultAction(self.redo_action)
        # The actions' text grows with the edit ("Undo rating of Use case"): the buttons keep their
        # width so that the window's minimum width does not grow with it (issue 17, point 3);
        # the whole text stays in the tooltip.
        for button in (self.undo_button, self.redo_button):
            button.setFixedWidth(UNDO_BUTTON_WIDTH)
        self.undo_button.setAccessibleName("Undo")
        self.redo_button.setAccessibleName("Redo")
        self.save_button = QPushButton("&Save case")
        self.save_button.setAccessibleName("Save the case in the library")
        self.save_action = QAction("Save case", self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.on_save)
        self.addAction(self.save_action)
        # Through the walk from the keyboard, wherever the focus is in the case (issue 17,
        # point 9): the step list is one Tab away from most boxes, this is none.
        self.next_step_action = QAction("Next step", self)
        self.next_step_action.setShortcut(QKeySequence(NEXT_STEP_KEY))
        self.next_step_action.triggered.connect(lambda: self.step_by(1))
        self.previous_step_action = QAction("Previous step", self)
        self.previous_step_action.setShortcut(QKeySequence(PREVIOUS_STEP_KEY))
        self.previous_step_action.triggered.connect(lambda: self.step_by(-1))
        for action in (
            self.undo_action,
            self.redo_action,
            self.next_step_action,
            self.previous_step_action,
        ):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.memo_button = QPushButton("Decision &memo…")
        self.memo_button.setAccessibleName("Preview the decision memo of this case")
        bar = QHBoxLayout()
        self.heading.setMinimumWidth(
            HEADING_MIN_WIDTH
        )  # a long title is cut, not the window widened
        bar.addWidget(self.heading, 1)
        bar.addWidget(member_label)
        bar.addWidget(self.member)
        bar.addWidget(self.autosave)
        bar.addWidget(self.undo_button)
        bar.addWidget(self.redo_button)
        bar.addWidget(self.memo_button)
        bar.addWidget(self.save_button)

        # -- steps and pages
        self.steps = walk_steps(framework)
        self.step_list = QListWidget()
        self.step_list.setObjectName("step_list")
        self.step_list.setAccessibleName("Steps of the framework")
        self.step_list.setAccessibleDescription(
            "Choose a step; incomplete steps are marked with an empty circle."
        )
        # A step's page is built when it is first shown or asked for (page()), not with the
        # workspace: building all ten took most of the time from Enter to the case painted.
        self.pages: dict[str, Page] = {}
        self._scrolls: dict[str, QScrollArea] = {}
        self._recommendation = ""  # the framework's, for the decision page once it is built
        self.undo_router: UndoRouter | None = None
        self.stack = QStackedWidget()
        for step in self.steps:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setAccessibleName(step.title)
            self._scrolls[step.key] = scroll
            self.stack.addWidget(scroll)
            item = QListWidgetItem(step.title)
            item.setData(STEP_KEY_ROLE, step.key)
            self.step_list.addItem(item)
        self.step_list.setMinimumWidth(self.step_list.sizeHintForColumn(0) + 40)
        self.panel = ScoringPanel(framework)
        self.panel.weights.set_in_force(self.context.weights)
        panel_scroll = QScrollArea()
        panel_scroll.setWidgetResizable(True)
        panel_scroll.setWidget(self.panel)
        panel_scroll.setAccessibleName("Live scoring")

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.step_list)
        splitter.addWidget(self.stack)
        splitter.addWidget(panel_scroll)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.banner = ChangeBanner()
        self.banner.merge_requested.connect(self.on_merge_requested)
        self.banner.reload_requested.connect(self.on_reload_requested)
        self.banner.keep_requested.connect(self.on_keep_requested)
        # The library's version the banner is about, while it is shown.
        self._current: Case | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        # Said when the case was made under a framework other than the one in force: it is
        # walked and scored in its own terms.
        self.version_note = QLabel()
        self.version_note.setObjectName("framework_version_note")
        self.version_note.setWordWrap(True)
        self.version_note.hide()
        layout.addWidget(self.version_note)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        # One undo history for the case, whichever box has the focus (issue 17, point 4).
        self.undo_router = UndoRouter(
            self, self.undo_action, self.redo_action, self.editor.end_burst
        )

        # -- timers and connections
        self._score_timer = QTimer(self, singleShot=True, interval=SCORE_DELAY_MS)
        self._score_timer.timeout.connect(self.rescore)
        self._precedent_timer = QTimer(self, singleShot=True, interval=PRECEDENT_DELAY_MS)
        self._precedent_timer.timeout.connect(self.find_precedents)
        self.editor.case_changed.connect(self.on_case_changed)
        self.editor.autosave_changed.connect(self.on_autosave_changed)
        self.editor.saved.connect(self.on_saved)
        self.editor.save_failed.connect(self.on_save_failed)
        self.editor.conflicted.connect(self.on_conflicted)
        self.step_list.currentRowChanged.connect(self.on_step_chosen)
        self.member.currentTextChanged.connect(self.on_member_chosen)
        self.save_button.clicked.connect(self.on_save)
        self.memo_button.clicked.connect(lambda: self.memo_requested.emit(self.editor.key))
        self.panel.weights.weights_changed.connect(lambda _w: self._score_timer.start())
        self.panel.weights.pairwise_requested.connect(self.on_pairwise)
        self.step_list.setCurrentRow(0)
        self.on_case_changed(case)
        self.on_autosave_changed("saved" if recorded is not None else "pending")

    # -- construction ----------------------------------------------------------------------------

    def _make_page(self, key: str, consideration: str | None) -> Page:
        f, e = self.framework, self.editor
        if key == "facts":
            return FactsPage(e, f)
        if key == "principles" and consideration is not None:
            return PrinciplesPage(e, f, f.consideration(consideration))
        if consideration is not None:
            return ConsiderationPage(e, f, f.consideration(consideration))
        if key == "mitigations":
            return MitigationsPage(e, f)
        if key == "stakeholders":
            return StakeholdersPage(e, f)
        if key == "precedents":
            return PrecedentsPage(e, f)
        return DecisionPage(e, f, lambda: self.members)

    @property
    def case(self) -> Case:
        return self.editor.case

    def page(self, key: str) -> Page:
        """The step's page, built now if it has not been shown yet."""
        built = self.pages.get(key)
        if built is not None:
            return built
        step = next((s for s in self.steps if s.key == key), None)
        if step is None:
            raise KeyError(key)
        built = self._make_page(step.key, step.consideration)
        self._scrolls[key].setWidget(built)
        self.pages[key] = built
        if self.undo_router is not None:
            self.undo_router.route_tree(built)
        if isinstance(built, PrecedentsPage):
            built.open_requested.connect(self.open_requested.emit)
        if isinstance(built, DecisionPage) and self._recommendation:
            built.show_recommendation(self._recommendation)
        return built

    def show_version_note(self, text: str) -> None:
        self.version_note.setText(text)
        self.version_note.setVisible(bool(text))

    def step_by(self, offset: int) -> None:
        """The next (1) or previous (-1) step of the walk; at either end, stay."""
        row = self.step_list.currentRow() + offset
        if 0 <= row < self.step_list.count():
            self.step_list.setCurrentRow(row)

    def go_to(self, key: str) -> None:
        for row in range(self.step_list.count()):
            if self.step_list.item(row).data(STEP_KEY_ROLE) == key:
                self.step_list.setCurrentRow(row)
                return

    # -- reacting to the case ------------------------------------------------------------------

    @Slot(object)
    def on_case_changed(self, case: Case) -> None:
        self.heading.setText(f"<b>{case.id}</b> — {case.title}")
        self.setAccessibleName(f"Case workspace: {case.id}")
        self.title_changed.emit(case.id)
        current = self.stack.currentIndex()
        self.page(self.steps[max(current, 0)].key).show_case(case)
        self.panel.show_coverage(case)
        self._mark_steps(case)
        self._score_timer.start()
        self._precedent_timer.start()
        self._note_modified()

    @property
    def modified(self) -> bool:
        """The case has changes that are not recorded in the library (a draft is not)."""
        return self._modified

    def _note_modified(self) -> None:
        if self.editor.dirty != self._modified:
            self._modified = self.editor.dirty
            self.modified_changed.emit(self._modified)

    def _mark_steps(self, case: Case) -> None:
        member = self.editor.member
        for row, step in enumerate(self.steps):
            done = step_complete(case, step, member)
            item = self.step_list.item(row)
            item.setText(("✓ " if done else "○ ") + step.title)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{step.title}, {'complete' if done else 'incomplete'}",
            )

    @Slot(int)
    def on_step_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.page(self.steps[row].key).show_case(self.case)
        if self.steps[row].key == "precedents" and self._precedent_timer.isActive():
            self._precedent_timer.stop()
            self.find_precedents()  # the member is looking: rank the case as it stands now

    @Slot(str)
    def on_member_chosen(self, member: str) -> None:
        if not member:
            return
        self.editor.member = member
        self.page(self.steps[self.stack.currentIndex()].key).show_case(self.case)
        self._mark_steps(self.case)

    # -- scoring and precedents ----------------------------------------------------------------

    @Slot()
    def rescore(self) -> None:
        case, weights, framework = self.case, self.panel.weights.weights, self.framework
        context = self.context

        def job(_lib: CaseLibrary | None) -> Any:
            return context.score(framework, case, weights=weights)

        self.workers.submit(
            f"score:{self.editor.key}", job, self.on_scored, library=False, owner=self
        )

    def on_scored(self, result: object) -> None:
        assert isinstance(result, CaseScore)
        self.score = result
        self.panel.show_score(result)
        rec = result.scoring.recommendation
        self._recommendation = (
            f"<b>Recommendation of the framework: {self.framework.outcome_title(rec.outcome)}</b>"
            + (
                f" (concern index {result.scoring.shown_index})"
                if result.scoring.shown_index is not None
                else ""
            )
            + f"<br>{rec.reason}"
        )
        decision = self.pages.get("decision")
        if isinstance(decision, DecisionPage):
            decision.show_recommendation(self._recommendation)

    @Slot()
    def find_precedents(self) -> None:
        case, framework = self.case, self.framework
        context, weights = self.context, self.panel.weights.weights
        page = self.page("precedents")
        assert isinstance(page, PrecedentsPage)
        page.show_searching()

        def job(lib: CaseLibrary | None) -> Any:
            assert lib is not None
            # Checked against the recommendation the panel shows, with the weights it shows.
            score = context.score(framework, case, weights=weights, draws=0)
            found = precedent_findings(lib, framework, case, score)
            search, check = found.search, found.consistency
            graph = local_graph(lib, case.id, radius=2)
            for link in case.links:  # a draft's links may not be saved yet
                graph.add_edge(case.id, link.target, key=link.type)
            summaries = lib.summaries(list(graph.nodes) + [p.case.id for p in search.precedents])
            return search, check, graph, summaries

        def done(result: object) -> None:
            search, check, graph, summaries = cast(
                tuple[PrecedentSearch, ConsistencyCheck | None, Any, dict[str, CaseSummary]], result
            )
            page.show_precedents(search, check)
            page.show_graph(case.id, graph, summaries)
            self.panel.show_consistency(check)

        self.workers.submit(
            f"precedents:{self.editor.key}", job, done, cancel_stale=True, owner=self
        )

    # -- saving -----------------------------------------------------------------------------------

    @Slot(str)
    def on_autosave_changed(self, state: str) -> None:
        if state == "saved":
            text = "All changes saved" if not self.editor.dirty else "Draft saved"
        elif state.startswith("failed"):
            text = "Not saved: " + state.removeprefix("failed: ")
        else:
            text = "Saving…"
        self.autosave.setText(text)
        self.autosave.setAccessibleDescription(text)

    @Slot()
    def on_save(self) -> QMessageBox | None:
        """Save; a change to a recorded decision is said out loud first, because it makes a
        new revision of the decision that the memo and the audit log will show."""
        recorded = self.editor.recorded
        if (
            recorded is not None
            and recorded.decision is not None
            and self.editor.case.decision != recorded.decision
        ):
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "Change a recorded decision?",
                f"{recorded.id} carries a decision recorded on "
                f"{date_text(recorded.decision.date) if recorded.decision.date else 'an earlier date'}"
                f" ({self.framework.outcome_title(recorded.decision.outcome)}). Saving records a new "
                "revision of it; the earlier one stays in the audit log and the memo lists it.",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                self,
            )
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.button(QMessageBox.StandardButton.Save).clicked.connect(self.editor.save)
            box.open()
            self._confirm_box = box
            return box
        self.editor.save()
        return None

    @Slot(object)
    def on_saved(self, case: Case) -> None:
        self.autosave.setText("Saved in the library")
        self.banner.hide()
        self._current = None
        self._note_modified()
        self.saved.emit(case)

    # -- the library changing under the workspace --------------------------------------------

    @Slot(str)
    def on_save_failed(self, message: str) -> None:
        QMessageBox.warning(self, "Save case", message)

    @Slot()
    def on_pairwise(self) -> None:
        from council_app.ui.settings.ahp_dialog import AhpDialog

        dialog = AhpDialog(self.framework, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.weights_chosen.connect(self.panel.weights.set_weights)
        dialog.open()
        self._ahp_dialog = dialog

    def _work_at_risk(self) -> bool:
        return self.editor.unsaved_work_at_risk

    def can_close(self) -> bool:
        """Ask before closing only when changes could be lost: not recorded, and the autosave
        (tried once more now, and waited for) could not keep them either."""
        if not self._work_at_risk():
            return True
        self.editor.autosave_now()
        self.workers.write_pool.waitForDone(5000)
        QCoreApplication.processEvents()  # deliver the autosave's report
        if not self._work_at_risk():
            return True
        answer = QMessageBox.question(
            self,
            "Close case",
            f"Changes to {self.case.id} have not been saved yet. Close anyway and lose them?",
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Close
