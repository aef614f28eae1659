"""Library work that runs off the GUI thread.

Each task opens its own connection to the library file (SQLite connections are not shared
across threads), does one job through the core's functions, and reports back through a signal
that Qt delivers on the GUI thread. The window never waits on the disk or on a computation.
Reads run side by side on read-only connections; writes go through a pool of one thread, so
this process never has two writers at once (the shape SQLite's WAL mode wants).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from council_app.case import CaseSummary
from council_app.council.review import cases_due_for_review
from council_app.errors import CouncilError, ImportRefused
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.changes import LibraryChanges
from council_app.library.search import (
    FIRST_PASSAGES,
    LIST_HITS,
    SearchFilters,
    find_passages,
    search_cases,
)
from council_app.library.watch import LibraryWatch
from council_app.ui.common.numbers import count_text

Job = Callable[[CaseLibrary | None], Any]
# The newest cases listed before all of them: several screenfuls, read in a few milliseconds
# however large the library (at 100,000 cases reading every summary took about a second, and
# the list stayed empty until it was done).
FIRST_LISTED = 500
# SQLite virtual-machine steps between checks whether a read has been cancelled: about a
# tenth of a millisecond of work, so a stale search stops at once and costs nothing to check.
PROGRESS_STEPS = 1000
Done = Callable[[Any], object]
Failed = Callable[[str], None]


class TaskSignals(QObject):
    """``finished(request, result, changes)`` or ``failed(request, message, changes)``; the
    request ids the call, ``changes`` is what a write committed (even one that then failed)."""

    finished = Signal(int, object, object)
    failed = Signal(int, str, object)


class LibraryTask(QRunnable):
    def __init__(
        self,
        request: int,
        path: Path | None,
        job: Job,
        *,
        readonly: bool = True,
        refused: str | None = None,
    ) -> None:
        super().__init__()
        self.request = request
        self.path = path
        self.job = job
        self.readonly = readonly
        self.refused = refused
        self.signals = TaskSignals()
        # Set from the GUI thread when a newer request of the same kind makes this one stale
        # (a search the member has typed past): a read not yet started is not started, and one
        # under way is interrupted at SQLite's next progress check.
        self.cancelled = False

    def _interrupt(self) -> int:
        return 1 if self.cancelled else 0

    def run(self) -> None:
        changes = LibraryChanges()
        if self.refused is not None:
            # Refused before any connection is opened: nothing is tried, so nothing can change.
            self.signals.failed.emit(self.request, self.refused, changes)
            return
        if self.cancelled:
            self.signals.failed.emit(self.request, "", changes)  # stale: never delivered
            return
        try:
            if self.path is None:
                result = self.job(None)
            else:
                with CaseLibrary.open(self.path, readonly=self.readonly, create=False) as library:
                    if self.readonly:
                        library.db.conn.set_progress_handler(self._interrupt, PROGRESS_STEPS)
                    try:
                        result = self.job(library)
                    finally:
                        changes = library.take_changes()
        except CouncilError as error:
            self.signals.failed.emit(self.request, str(error), changes)
        except Exception as error:
            self.signals.failed.emit(
                self.request, f"Something unexpected went wrong in the background: {error}", changes
            )
        else:
            self.signals.finished.emit(self.request, result, changes)


@dataclass(frozen=True)
class CasesListed:
    """Cases for the library's list: the newest first, then, once read, every one."""

    summaries: list[CaseSummary]
    total: int  # the cases in the library

    @property
    def complete(self) -> bool:
        return len(self.summaries) >= self.total


class LibraryWorkers(QObject):
    """Runs jobs on thread pools; of several requests of one kind, only the newest reports."""

    cases_listed = Signal(object)  # CasesListed: the newest first, then all
    search_finished = Signal(str, object)  # query, list[SearchHit]
    passages_found = Signal(str, object)  # query, {case id: passage} for every case asked
    case_loaded = Signal(object, object)  # Case, the decided cases superseding it
    imported = Signal(object)  # ImportReport
    import_refused = Signal(str, object)  # message, ImportRefused
    request_imported = Signal(object)  # council.requests.RequestImported
    exported = Signal(str)  # message
    memo_rendered = Signal(str, str, bytes)  # case id, variant, PDF
    failed = Signal(str)
    busy_changed = Signal(bool)
    # What a write of this process, or another process, changed: every open view looks.
    library_changed = Signal(object)  # LibraryChanges

    def __init__(self, path: Path, framework: Framework, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.framework = framework
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(3)
        self.write_pool = QThreadPool(self)
        self.write_pool.setMaxThreadCount(1)
        self._latest: dict[str, int] = {}
        self._counter = 0
        # How many reports of changes (this process's writes, or another's seen by the watch)
        # there have been: a page read at one generation still shows what the library holds
        # while the generation is the same, so showing it again need not read it again.
        self.generation = 0
        self._quiet: set[int] = set()
        self.watch = LibraryWatch(path)
        self._pending: dict[int, tuple[str, Done, Failed | None, LibraryTask]] = {}
        self._owners: dict[int, QObject] = {}
        # Why the library is open read-only (a damaged or unwritable file), or None: every
        # write is then refused with this, and reads go on as before.
        self.read_only: str | None = None
        self._closed = False

    def submit(
        self,
        kind: str,
        job: Job,
        done: Done,
        *,
        write: bool = False,
        library: bool = True,
        failed: Failed | None = None,
        quiet: bool = False,
        cancel_stale: bool = False,
        owner: QObject | None = None,
    ) -> int:
        """Run ``job`` off the GUI thread and call ``done(result)`` on it afterwards.

        ``job`` receives a library connection (read-only unless ``write``), or None when
        ``library`` is false (pure computation). A newer request of the same ``kind`` makes an
        older one's result stale: it is dropped, never delivered out of order. A ``quiet`` job
        (looking for others' changes every few seconds) does not show the window as busy.
        With ``cancel_stale`` (a read whose older requests nobody will see: a search as you
        type), the older request of the kind still pending is cancelled, so that it gives its
        thread to this one instead of finishing work that would be dropped. With ``owner`` (the
        widget whose slots ``done`` and ``failed`` fill), a result that arrives after the owner
        was deleted (its tab closed while the job ran) is dropped instead of reaching it.
        """
        if self._closed:  # the window is closing: nothing new is started
            return 0
        self._counter += 1
        request = self._counter
        older = self._pending.get(self._latest.get(kind, 0))
        if cancel_stale and older is not None and not write:
            older[3].cancelled = True
        self._latest[kind] = request
        refused = f"Nothing was changed: {self.read_only}" if write and self.read_only else None
        task = LibraryTask(
            request, self.path if library else None, job, readonly=not write, refused=refused
        )
        # Bound slots of this QObject (which lives on the GUI thread) make Qt queue the
        # worker's signals to the GUI thread; a plain Python callable would not be.
        task.signals.finished.connect(self._on_task_finished)
        task.signals.failed.connect(self._on_task_failed)
        was_busy = self.busy
        self._pending[request] = (kind, done, failed, task)
        if quiet:
            self._quiet.add(request)
        if owner is not None:
            self._owners[request] = owner
        (self.write_pool if write else self.pool).start(task)
        if not was_busy and self.busy:
            self.busy_changed.emit(True)
        return request

    def _take(self, request: int) -> tuple[Done, Failed | None] | None:
        was_busy = self.busy
        kind, done, failed, _task = self._pending.pop(request)
        self._quiet.discard(request)
        owner = self._owners.pop(request, None)
        if was_busy and not self.busy:
            self.busy_changed.emit(False)
        if owner is not None and not shiboken6.isValid(owner):
            return None  # its widget is gone: nobody is left to show the result
        return (done, failed) if self._latest.get(kind) == request else None

    @Slot(int, object, object)
    def _on_task_finished(self, request: int, result: object, changes: object) -> None:
        taken = self._take(request)
        if taken is not None:
            taken[0](result)
        self._report(changes)

    @Slot(int, str, object)
    def _on_task_failed(self, request: int, message: str, changes: object) -> None:
        taken = self._take(request)
        if taken is not None:
            (taken[1] or self.failed.emit)(message)
        self._report(changes)

    def _report(self, changes: object) -> None:
        """After the caller has had its answer: every view then redraws what changed (a
        write's own caller first, so that it already knows its new revision)."""
        if isinstance(changes, LibraryChanges) and changes:
            self.watch.seen(changes.through)
            self.generation += 1
            self.library_changed.emit(changes)

    # -- changes made by other processes -------------------------------------------------------

    def watch_for_changes(self) -> None:
        """Look whether another window or a command changed the library (on a worker)."""
        watch = self.watch

        def job(_lib: CaseLibrary | None) -> Any:
            return watch.poll()

        self.submit("watch", job, self._report, library=False, failed=lambda _m: None, quiet=True)

    def read_mark(self, *asked: object) -> tuple[object, ...]:
        """What a page read now depends on besides what it asked for (``asked``): the changes
        reported so far and today's date (what is due moves with the calendar). A page whose
        mark is unchanged still shows what the library holds."""
        return (self.generation, date.today(), *asked)

    @property
    def busy(self) -> bool:
        return len(self._pending) > len(self._quiet)

    # -- the library page's jobs ---------------------------------------------------------------

    def list_cases(self) -> None:
        """The newest cases, then (in a second request of the same kind, so that a newer
        listing drops it) all of them: the list shows cases as soon as the newest are read."""

        def first(lib: CaseLibrary | None) -> CasesListed:
            library = _lib(lib)
            return CasesListed(library.list_cases(limit=FIRST_LISTED), library.count_cases())

        def every(lib: CaseLibrary | None) -> CasesListed:
            summaries = _lib(lib).list_cases()
            return CasesListed(summaries, len(summaries))

        def listed(result: CasesListed) -> None:
            if not result.complete:
                self.submit("list", every, self.cases_listed.emit)
            self.cases_listed.emit(result)

        self.submit("list", first, listed)

    def search(
        self,
        query: str,
        filters: SearchFilters | None = None,
        *,
        due_for_review: bool = False,
        typing: bool = True,
    ) -> None:
        """Search the library; with ``due_for_review``, only among the decisions due for review
        today at the core's horizon, the very ones the Re-review tab and ``council-app due``
        list (the core says which they are, here on the worker). ``typing``: a search as you
        type, whose last word may be unfinished; False once Enter submits it."""

        def job(lib: CaseLibrary | None) -> Any:
            library = _lib(lib)
            narrowed = filters or SearchFilters()
            if due_for_review:
                due = cases_due_for_review(library, date.today())
                if narrowed.case_ids is not None:
                    due &= narrowed.case_ids
                narrowed = replace(narrowed, case_ids=due)
            return search_cases(
                library,
                query,
                narrowed,
                prefix_last=typing,
                limit=LIST_HITS,
                passages=FIRST_PASSAGES,
            )

        self.submit(
            "search", job, lambda hits: self.search_finished.emit(query, hits), cancel_stale=True
        )

    def find_passages(self, query: str, case_ids: list[str], *, typing: bool = True) -> None:
        """The passages of search hits the list has scrolled to; a case with none gets ()."""

        def job(lib: CaseLibrary | None) -> Any:
            found = find_passages(_lib(lib), query, case_ids, prefix_last=typing)
            return {case_id: found.get(case_id, ()) for case_id in case_ids}

        # A failure (a busy or damaged library) leaves the rows without passages, in silence:
        # the list is still right, and scrolling asks again.
        self.submit(
            "passages",
            job,
            lambda found: self.passages_found.emit(query, found),
            failed=lambda _message: None,
            cancel_stale=True,
        )

    def load_case(self, case_id: str, *, failed: Failed | None = None) -> None:
        """The case, with what has superseded its decision (the reading pane says so first)."""

        def job(lib: CaseLibrary | None) -> Any:
            # Imported here: the precedent package brings networkx, which start-up need not pay.
            from council_app.precedent.supersession import supersession

            library = _lib(lib)
            case = library.get_case(case_id)
            replaced = supersession(library, case_id).by if case.decision is not None else ()
            return case, replaced

        self.submit("case", job, lambda found: self.case_loaded.emit(*found), failed=failed)

    def import_file(
        self, file: Path, *, replace: bool = False, expected: dict[str, int] | None = None
    ) -> None:
        """``expected``: the revisions a refusal to overwrite showed the user, who then said
        "replace them": a case changed since is refused again, not overwritten."""

        def job(lib: CaseLibrary | None) -> Any:
            from council_app.library.exchange import import_document, read_document
            from council_app.library.frameworks import adopted_frameworks

            try:
                library = _lib(lib)
                document = read_document(file, frameworks=adopted_frameworks(library))
                return import_document(library, document, replace=replace, expected=expected)
            except ImportRefused as refusal:
                return refusal

        def done(result: object) -> None:
            if isinstance(result, ImportRefused):
                self.import_refused.emit(str(result), result)
            else:
                self.imported.emit(result)

        self.submit("import", job, done, write=True)

    def import_request(self, file: Path) -> None:
        """A team's request form as a new draft case (council_app.council.requests)."""

        def job(lib: CaseLibrary | None) -> Any:
            from datetime import date

            from council_app.council.requests import import_request
            from council_app.library.exchange import read_import_file
            from council_app.library.frameworks import framework_in_force

            try:
                library = _lib(lib)
                data = read_import_file(file)
                from council_app.council.clarification import is_reply, take_reply

                if file.suffix.lower() == ".councilreply" or is_reply(data):
                    return take_reply(library, data, source=file.name, today=date.today())
                return import_request(
                    library, framework_in_force(library), data, source=file.name, today=date.today()
                )
            except ImportRefused as refusal:
                return refusal

        def done(result: object) -> None:
            if isinstance(result, ImportRefused):
                self.import_refused.emit(str(result), result)
            else:
                self.request_imported.emit(result)

        self.submit("import-request", job, done, write=True)

    def ask_clarification(self, case_id: str, questions: list[str], target: Path) -> None:
        """The questions kept with the case, and written as a form for the requester (the
        save dialog has asked before replacing ``target``)."""

        def job(lib: CaseLibrary | None) -> Any:
            from datetime import date

            from council_app.council.clarification import ask, write_reply_form

            form = ask(_lib(lib), case_id, questions, on=date.today())
            write_reply_form(target, form, force=True)
            return f"{len(questions)} question(s) on {case_id} written to {target.name}."

        self.submit("ask-clarification", job, self.exported.emit, write=True)

    def export(self, file: Path, case_ids: list[str] | None) -> None:
        def job(lib: CaseLibrary | None) -> Any:
            from council_app.library.exchange import export_document, write_document

            document = export_document(_lib(lib), case_ids)
            # The file dialog has already asked before replacing an existing file.
            write_document(file, document, force=True)
            count = 1 if document["format"] == "council-case" else len(document["cases"])
            return f"Exported {count_text(count, 'case')} to {file}."

        self.submit("export", job, self.exported.emit)

    def render_memo(self, case_id: str, variant: str) -> None:
        framework = self.framework

        def job(lib: CaseLibrary | None) -> Any:
            from council_app.memo import prepare_memo, render_memo

            library = _lib(lib)
            memo = prepare_memo(library, framework, library.get_case(case_id))
            return render_memo(memo, variant="external" if variant == "external" else "internal")

        self.submit("memo", job, lambda data: self.memo_rendered.emit(case_id, variant, data))

    def wait(self, msecs: int = 5000) -> bool:
        done = self.pool.waitForDone(msecs) and self.write_pool.waitForDone(msecs)
        self.watch.close()
        return done

    def close(self, msecs: int = 10_000) -> bool:
        """No more jobs, and wait for the running ones (the window is closing).

        A pool destroyed with its window while a job runs waits for the job holding the
        interpreter lock the job needs to report back: the app would hang. A timer of an open
        case (its live score) may still fire between the window's close and its deletion; its
        job is not started.
        """
        self._closed = True
        return self.wait(msecs)


def _lib(library: CaseLibrary | None) -> CaseLibrary:
    assert library is not None, "this job needs the library"
    return library
