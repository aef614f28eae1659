"""The Re-review tab: the decisions due and the commitments (the conditions of standing
decisions), two views of one tab, kept in step with the library through the core."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from council_app.case import Case
from council_app.council import review as rr
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.changes import WATCH_LIST, LibraryChanges
from council_app.ui import council_operations as ops
from council_app.ui.common.dates import date_text
from council_app.ui.library.library_tasks import LibraryWorkers
from council_app.ui.review.commitments_page import CommitmentsPage
from council_app.ui.review.commitments_table import NOT_KEPT_FILTER
from council_app.ui.review.condition_dialogs import written_words
from council_app.ui.review.review_page import ReviewPage
from council_app.vocabulary import CONDITION_STATUSES

DUE_VIEW = 0
COMMITMENTS_VIEW = 1


class ReviewTab(QWidget):
    case_open_requested = Signal(str)
    supersede_requested = Signal(str)

    def __init__(
        self, workers: LibraryWorkers, framework: Framework, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("review_tab")
        self.workers = workers
        self.page = ReviewPage(framework)
        self.commitments = CommitmentsPage()
        # The list asked for is the one the horizon box shows (the core's horizon at first).
        self.within_days = self.page.horizon_days()
        # Two views of what follows a decision: when it is reviewed, and whether the
        # conditions it rests on are kept.
        self.views = QTabWidget()
        self.views.setObjectName("review_views")
        self.views.setDocumentMode(True)
        self.views.setAccessibleName("Re-review views")
        self.views.addTab(self.page, "Deci&sions due")
        self.views.addTab(self.commitments, "Co&mmitments")
        self.views.setTabToolTip(DUE_VIEW, "Decisions due for review, and why.")
        self.views.setTabToolTip(
            COMMITMENTS_VIEW,
            "The conditions of standing decisions: who owes each, by when, where it stands "
            "and its evidence.",
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.views)
        # LibraryWorkers.read_mark of what is shown, when it was read (None: not yet).
        self._read_at: tuple[object, ...] | None = None
        self._commitments_read_at: tuple[object, ...] | None = None
        self.views.currentChanged.connect(self.on_view_chosen)
        self.page.case_activated.connect(self.case_open_requested)
        self.page.conditions_requested.connect(self.on_conditions_requested)
        self.commitments.case_activated.connect(self.case_open_requested)
        self.commitments.status_requested.connect(self.on_status_requested)
        self.commitments.evidence_requested.connect(self.on_evidence_requested)
        self.commitments.save_requested.connect(self.on_save_requested)
        self.page.supersede_requested.connect(self.supersede_requested)
        self.page.horizon_changed.connect(self.on_horizon_changed)
        self.page.review_requested.connect(self.on_review_requested)
        self.page.watch_added.connect(self.on_watch_added)
        self.page.watch_closed.connect(self.on_watch_closed)
        workers.library_changed.connect(self.on_library_changed)

    @Slot(object)
    def on_library_changed(self, changes: LibraryChanges) -> None:
        """A decision or the watch list changed, here or elsewhere: what is due, read again
        (hidden, the tab is read again when next shown)."""
        if (changes.any_case or changes.touches(WATCH_LIST)) and self.isVisible():
            self.reload()

    def reload(self, *, force: bool = False) -> None:
        """Read what is due, and the commitments if their view is the one shown (every
        condition of every standing decision: at 100,000 cases the larger read by far, and
        only needed there); not again when nothing has changed since they were last read
        (the tab shown again), unless ``force``."""
        mark = self.workers.read_mark(self.within_days)
        if force or mark != self._read_at:

            def loaded(found: ops.ReviewLoaded) -> None:
                self._read_at = mark
                self.on_loaded(found)

            ops.load_review(self.workers, self.within_days, loaded)
        if force:
            self._commitments_read_at = None
        if self.views.currentIndex() == COMMITMENTS_VIEW:
            self.load_commitments()

    def load_commitments(self, then: Callable[[], object] | None = None) -> None:
        """Read the commitments if they may have changed since last read; ``then`` once they
        are shown (at once if they were current)."""
        mark = self.workers.read_mark()
        if mark == self._commitments_read_at:
            if then is not None:
                then()
            return

        def loaded(found: ops.CommitmentsLoaded) -> None:
            self._commitments_read_at = mark
            self.on_commitments_loaded(found)
            if then is not None:
                then()

        ops.load_commitments(self.workers, loaded)

    @Slot(int)
    def on_view_chosen(self, index: int) -> None:
        if index == COMMITMENTS_VIEW:
            self.load_commitments()

    @Slot(object)
    def on_loaded(self, loaded: ops.ReviewLoaded) -> None:
        self.page.show_due(loaded.due, loaded.today)
        self.page.show_watch(loaded.watch)
        due = len(loaded.due)
        self.views.setTabText(DUE_VIEW, f"Deci&sions due ({due})" if due else "Deci&sions due")
        self._show_not_kept(loaded.not_kept)

    @Slot(object)
    def on_commitments_loaded(self, loaded: ops.CommitmentsLoaded) -> None:
        self.commitments.show_commitments(
            loaded.commitments, loaded.revisions, loaded.today, loaded.members
        )
        self._show_not_kept(sum(1 for c in loaded.commitments if not c.standing.kept))

    def _show_not_kept(self, not_kept: int) -> None:
        self.views.setTabText(
            COMMITMENTS_VIEW, f"Co&mmitments ({not_kept} not kept)" if not_kept else "Co&mmitments"
        )

    @Slot(str)
    def on_conditions_requested(self, case_id: str) -> None:
        self.views.setCurrentIndex(COMMITMENTS_VIEW)
        self.load_commitments(lambda: self.commitments.show_case(case_id))

    def show_commitments(self, status: str = NOT_KEPT_FILTER) -> None:
        """Bring the Commitments view forward, showing the conditions in ``status``."""
        page = self.commitments
        if status == NOT_KEPT_FILTER or status in CONDITION_STATUSES or status == "all":
            page.status_filter.setCurrentIndex(page.status_filter.findData(status))
        self.views.setCurrentIndex(COMMITMENTS_VIEW)

    # -- commitments: each write through the core, on the write thread ---------------------------

    @Slot(str, int, int, str, object, str, str)
    def on_status_requested(
        self, case_id: str, number: int, revision: int, status: str, on: date, by: str, note: str
    ) -> None:
        commitment = self.commitments.dialog.commitment if self.commitments.dialog else None

        def done(_case: Case) -> None:
            if commitment is not None:
                self.commitments.written(written_words(commitment, status, on))

        ops.update_commitment(
            self.workers, case_id, number, revision=revision, on=on, by=by, status=status,
            note=note, done=done, failed=self.commitments.refused,
        )  # fmt: skip

    @Slot(str, int, int, object, str, object, str, str)
    def on_evidence_requested(
        self,
        case_id: str,
        number: int,
        revision: int,
        file: Path | None,
        note: str,
        on: date,
        by: str,
        readers: str,
    ) -> None:
        commitment = self.commitments.dialog.commitment if self.commitments.dialog else None
        what = f"the evidence {file.name}" if file is not None else "an evidence note"

        def done(_case: Case) -> None:
            if commitment is not None:
                self.commitments.written(written_words(commitment, None, on, what))

        ops.update_commitment(
            self.workers, case_id, number, revision=revision, on=on, by=by, evidence_file=file,
            evidence_note=note, evidence_confidentiality=readers, done=done,
            failed=self.commitments.refused,
        )  # fmt: skip

    @Slot(str, str, object)
    def on_save_requested(self, sha256: str, _name: str, target: Path) -> None:
        ops.save_evidence_file(
            self.workers,
            sha256,
            target,
            self.commitments.show_message,
            lambda message: self.commitments.show_message(message, error=True),
        )

    @Slot(int)
    def on_horizon_changed(self, days: int) -> None:
        self.within_days = days
        self.reload()

    def _change(self, change: Callable[[CaseLibrary], object], message: str) -> None:
        # The list is read again when the change is reported (on_library_changed).
        ops.change_review(
            self.workers, change, lambda _r: self.page.show_message(message), self.on_refused
        )

    @Slot(str)
    def on_refused(self, message: str) -> None:
        self.page.show_message(message, error=True)

    @Slot(str, object, object, str)
    def on_review_requested(self, case_id: str, on: date, next_review: date, note: str) -> None:
        def change(lib: CaseLibrary) -> object:
            return rr.record_review(lib, case_id, on, next_review, note)

        self._change(
            change,
            f"Review of {case_id} recorded: the decision stands until {date_text(next_review)}.",
        )

    @Slot(str, str, object, str, object)
    def on_watch_added(
        self, kind: str, value: str, noted_on: date, note: str, event_on: date | None
    ) -> None:
        def change(lib: CaseLibrary) -> object:
            return rr.add_watch(lib, kind, value, noted_on, note, event_on=event_on)  # type: ignore[arg-type]

        self._change(
            change,
            f"Watching the {kind} {value.strip()}; the cases it touches are flagged.",
        )

    @Slot(int)
    def on_watch_closed(self, entry_id: int) -> None:
        self._change(
            lambda lib: rr.close_watch(lib, entry_id),
            "The entry no longer flags cases.",
        )
