"""The Sittings tab: the sitting page, the agenda item panel and the presenter screen, kept in
step with the library.

The widgets only present and ask; every change goes to the core on the write worker, and the
sitting is then read back whole, so that what the screen (and the projector) shows is what the
library holds, never what a widget assumed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFileDialog, QVBoxLayout, QWidget

from council_app.council import sessions as s
from council_app.council.agenda import ItemPrecedents, SittingView
from council_app.council.conflicts import OUTCOME_TITLES, declare
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.changes import MEMBERS, SETTINGS, SITTINGS, LibraryChanges
from council_app.ui import council_operations as ops
from council_app.ui.common.dates import date_text
from council_app.ui.library.library_tasks import LibraryWorkers
from council_app.ui.sittings.agenda_item_panel import AgendaItemPanel
from council_app.ui.sittings.agenda_item_widgets import DecisionRequest
from council_app.ui.sittings.presenter_window import PresenterWindow
from council_app.ui.sittings.sitting_page import SittingPage
from council_app.vocabulary import sitting_status_title


class SittingsTab(QWidget):
    case_open_requested = Signal(str)

    def __init__(
        self, workers: LibraryWorkers, framework: Framework, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sittings_tab")
        self.workers = workers
        self.framework = framework
        self.page = SittingPage(framework)
        self.page.case_picker.use(workers)
        self.item_panel = AgendaItemPanel(framework)
        self.page.set_item_panel(self.item_panel)
        self.presenter: PresenterWindow | None = None
        self.view: SittingView | None = None
        self.session_id: int | None = None
        self.current: str | None = None  # the agenda item shown
        self._precedents_for: str | None = None
        self._read_at: tuple[object, ...] | None = None  # LibraryWorkers.read_mark when read
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page)

        page, panel = self.page, self.item_panel
        page.sitting_selected.connect(self.on_sitting_selected)
        page.sitting_requested.connect(self.on_sitting_requested)
        page.sitting_delete_requested.connect(self.on_sitting_delete_requested)
        page.status_requested.connect(self.on_status_requested)
        page.minutes_requested.connect(self.on_minutes_requested)
        page.presenter_requested.connect(self.on_presenter_requested)
        page.attendance_changed.connect(self.on_attendance_changed)
        page.agenda_reordered.connect(self.on_agenda_reordered)
        page.agenda_item_removed.connect(self.on_agenda_item_removed)
        page.agenda_item_added.connect(self.on_agenda_item_added)
        page.item_selected.connect(self.on_item_selected)
        panel.vote_cast.connect(self.on_vote_cast)
        panel.recusal_requested.connect(self.on_recusal_requested)
        panel.declaration_requested.connect(self.on_declaration_requested)
        panel.decision_requested.connect(self.on_decision_requested)
        panel.precedent_activated.connect(self.case_open_requested)
        workers.library_changed.connect(self.on_library_changed)

    # -- reading -------------------------------------------------------------------------------

    @Slot(object)
    def on_library_changed(self, changes: LibraryChanges) -> None:
        """A write here or elsewhere changed the sittings, a case on an agenda, the members or
        the settings (quorum, weights): the sitting shown, and the projector, read it again.
        Hidden, the tab is read again when it is next shown."""
        relevant = changes.any_case or any(
            changes.touches(group) for group in (SITTINGS, MEMBERS, SETTINGS)
        )
        presenting = self.presenter is not None and self.presenter.isVisible()
        if relevant and (self.isVisible() or presenting):
            self.reload()

    def reload(self, *, force: bool = False) -> None:
        """Read the sittings, and the sitting shown; not again when nothing has changed since
        they were last read (the tab shown again), unless ``force``."""
        mark = self.workers.read_mark()
        if not force and mark == self._read_at:
            return

        def loaded(found: ops.SittingsLoaded) -> None:
            self._read_at = mark
            self.on_sittings_loaded(found)

        ops.load_sittings(self.workers, loaded)

    @Slot(object)
    def on_sittings_loaded(self, loaded: ops.SittingsLoaded) -> None:
        self.page.set_sittings(loaded.sessions)
        if self.session_id is not None and any(x.id == self.session_id for x in loaded.sessions):
            self.refresh()
        elif self.session_id is not None:
            self.session_id = None
            self.show_view(None)

    def refresh(self) -> None:
        if self.session_id is not None:
            ops.load_sitting(self.workers, self.session_id, self.show_view, self.on_refused)

    @Slot(object)
    def show_view(self, view: SittingView | None) -> None:
        self.view = view
        self.page.show_sitting(view)
        if view is None or not view.items:
            self.current = None
            self.item_panel.show_item(None, view)
            return
        if self.current is None or view.item(self.current) is None:
            self.current = view.items[0].case.id
        self.page.select_item(self.current)
        self.item_panel.show_item(view.item(self.current), view)
        if self.presenter is not None and self.presenter.isVisible():
            self.presenter.show_sitting(view, self.current)
        if self._precedents_for != self.current:
            self._precedents_for = self.current
            ops.load_item_precedents(self.workers, view, self.current, self.on_precedents)

    @Slot(object)
    def on_precedents(self, found: ItemPrecedents) -> None:
        self.item_panel.show_precedents(found)

    # -- choosing --------------------------------------------------------------------------------

    @Slot(int)
    def on_sitting_selected(self, session_id: int) -> None:
        if session_id != self.session_id:
            self.session_id = session_id
            self.current = None
            self._precedents_for = None
        self.refresh()

    @Slot(str)
    def on_item_selected(self, case_id: str) -> None:
        if self.view is None or self.view.item(case_id) is None or case_id == self.current:
            return
        self.current = case_id
        self.show_view(self.view)

    # -- changing --------------------------------------------------------------------------------

    def _change(
        self, kind: str, change: Callable[[CaseLibrary], object], message: str = ""
    ) -> None:
        def done(_result: object) -> None:
            # The sitting is read again when the change is reported (on_library_changed).
            if message:
                self.page.show_message(message)

        ops.change_sitting(self.workers, kind, change, done, self.on_refused)

    @Slot(str)
    def on_refused(self, message: str) -> None:
        self.page.show_message(message, error=True)
        self.item_panel.show_refusal(message)

    @Slot(str, object)
    def on_sitting_requested(self, title: str, day: date) -> None:
        def done(session_id: object) -> None:
            self.session_id = int(session_id)  # type: ignore[call-overload]
            self.current = None
            self.page.show_message(f"Sitting “{title}” planned for {date_text(day)}.")

        ops.change_sitting(self.workers, "create", ops.create_sitting(title, day), done,
                           self.on_refused)  # fmt: skip

    @Slot(int)
    def on_sitting_delete_requested(self, session_id: int) -> None:
        if session_id == self.session_id:
            self.session_id = None
            self.show_view(None)
        self._change(
            "delete", lambda lib: s.delete_session(lib, session_id), "The sitting was deleted."
        )

    @Slot(int, str)
    def on_status_requested(self, session_id: int, status: str) -> None:
        self._change(
            "status",
            lambda lib: s.set_status(lib, session_id, status),
            f"The sitting is {sitting_status_title(status).lower()}.",
        )

    @Slot(int, str, bool)
    def on_attendance_changed(self, session_id: int, member: str, present: bool) -> None:
        def change(lib: CaseLibrary) -> None:
            if present:
                s.set_attendance(lib, session_id, present=[member])
            else:
                s.set_attendance(lib, session_id, absent=[member])

        self._change("attendance", change)

    @Slot(int, list)
    def on_agenda_reordered(self, session_id: int, order: list[str]) -> None:
        self._change("order", lambda lib: s.reorder_agenda(lib, session_id, order))

    @Slot(int, str)
    def on_agenda_item_removed(self, session_id: int, case_id: str) -> None:
        self._change(
            "remove",
            lambda lib: s.remove_from_agenda(lib, session_id, case_id),
            f"{case_id} is off the agenda.",
        )

    @Slot(int, str, object)
    def on_agenda_item_added(self, session_id: int, case_id: str, minutes: int | None) -> None:
        self.current = case_id
        self._change(
            "add",
            lambda lib: s.add_to_agenda(lib, session_id, case_id, minutes=minutes),
            f"{case_id} is on the agenda.",
        )

    @Slot(str, str, object)
    def on_vote_cast(self, case_id: str, member: str, vote: str | None) -> None:
        if self.session_id is None:
            return
        self._change("vote", ops.record_vote(self.session_id, case_id, member, vote))

    @Slot(str, str, str)
    def on_recusal_requested(self, case_id: str, member: str, reason: str) -> None:
        if self.session_id is None:
            return
        session_id = self.session_id
        self._change(
            "recuse",
            lambda lib: s.recuse(lib, session_id, case_id, member, reason),
            f"{member} stands aside on {case_id}.",
        )

    @Slot(str, str, str, str)
    def on_declaration_requested(self, case_id: str, member: str, outcome: str, note: str) -> None:
        if self.session_id is None:
            return
        session_id = self.session_id
        self._change(
            "declare",
            lambda lib: declare(lib, session_id, case_id, member, outcome, note),
            f"{member} declared {OUTCOME_TITLES[outcome]} on {case_id}.",
        )

    @Slot(str, object)
    def on_decision_requested(self, case_id: str, request: DecisionRequest) -> None:
        if self.session_id is None:
            return
        change = ops.record_decision(
            self.session_id, case_id,
            outcome=request.outcome, rationale=request.rationale,
            conditions=request.conditions, dissent=request.dissent,
            review_by=request.review_by, replace=request.replace,
            departure=request.departure, distinction=request.distinction,
        )  # fmt: skip

        item = self.view.item(case_id) if self.view is not None else None
        framework = item.framework if item is not None else self.framework

        def done(_case: object) -> None:
            title = framework.outcome_title(request.outcome)
            self.page.show_message(
                f"Decision recorded for {case_id}: {title}; review by "
                f"{date_text(request.review_by)}."
            )

        ops.change_sitting(self.workers, "decide", change, done, self.on_refused)

    # -- minutes and the projector ---------------------------------------------------------------

    @Slot(int)
    def on_minutes_requested(self, session_id: int) -> None:
        view = self.view
        suggested = f"minutes-{view.session.date.isoformat()}.pdf" if view else "minutes.pdf"
        file, _ = QFileDialog.getSaveFileName(
            self, "Minutes of the sitting", str(Path.home() / suggested), "PDF files (*.pdf)"
        )
        if file:
            self.write_minutes(session_id, Path(file))

    def write_minutes(self, session_id: int, target: Path, variant: str = "internal") -> None:
        ops.write_minutes(
            self.workers,
            session_id,
            target,
            variant,
            lambda message: self.page.show_message(message),
            self.on_refused,
        )

    @Slot(int)
    def on_presenter_requested(self, session_id: int) -> PresenterWindow | None:
        if self.view is None or self.view.session.id != session_id or not self.view.items:
            return None
        if self.presenter is None:
            self.presenter = PresenterWindow()
            self.presenter.current_changed.connect(self.on_presenter_moved)
        self.presenter.show_sitting(self.view, self.current)
        self.presenter.show_on_best_screen()
        return self.presenter

    @Slot(str)
    def on_presenter_moved(self, case_id: str) -> None:
        self.page.select_item(case_id)
        self.on_item_selected(case_id)

    def close_presenter(self) -> None:
        if self.presenter is not None:
            self.presenter.close()
