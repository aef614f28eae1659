"""The Re-review tab: the review page kept in step with the library through the core."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from council_app.council import review as rr
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.changes import WATCH_LIST, LibraryChanges
from council_app.ui import council_operations as ops
from council_app.ui.common.dates import date_text
from council_app.ui.library.library_tasks import LibraryWorkers
from council_app.ui.review.review_page import ReviewPage


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
        # The list asked for is the one the horizon box shows (the core's horizon at first).
        self.within_days = self.page.horizon_days()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page)
        self.page.case_activated.connect(self.case_open_requested)
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

    def reload(self) -> None:
        ops.load_review(self.workers, self.within_days, self.on_loaded)

    @Slot(object)
    def on_loaded(self, loaded: ops.ReviewLoaded) -> None:
        self.page.show_due(loaded.due, loaded.today)
        self.page.show_watch(loaded.watch)

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
