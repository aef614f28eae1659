"""Library work that runs off the GUI thread.

Each task opens its own read-only connection to the library file (SQLite connections are not
shared across threads), does one job through the core's functions, and reports back with a
signal that Qt delivers on the GUI thread. The window never waits on the disk.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from council_app.errors import CouncilError, ImportRefused
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.exchange import (
    export_document,
    import_document,
    read_document,
    write_document,
)
from council_app.library.search import SearchFilters, search_cases


class TaskSignals(QObject):
    """``finished(request, result)`` or ``failed(request, message)``; request ids the call."""

    finished = Signal(int, object)
    failed = Signal(int, str)


class LibraryTask(QRunnable):
    def __init__(
        self,
        request: int,
        path: Path,
        job: Callable[[CaseLibrary], Any],
        *,
        readonly: bool = True,
    ) -> None:
        super().__init__()
        self.request = request
        self.path = path
        self.job = job
        self.readonly = readonly
        self.signals = TaskSignals()

    def run(self) -> None:
        try:
            with CaseLibrary.open(self.path, readonly=self.readonly, create=False) as library:
                result = self.job(library)
        except CouncilError as error:
            self.signals.failed.emit(self.request, str(error))
        except Exception as error:
            self.signals.failed.emit(
                self.request, f"Unexpected error while reading the library: {error}"
            )
        else:
            self.signals.finished.emit(self.request, result)


class LibraryWorkers(QObject):
    """Runs library jobs on a thread pool; only the newest request of each kind is delivered.

    Reads may run side by side, each on its own read-only connection. Writes (imports) go
    through a pool of one thread, so this process never has two writers at once.
    """

    cases_listed = Signal(object)  # list[CaseSummary]
    search_finished = Signal(str, object)  # query, list[SearchHit]
    case_loaded = Signal(object)  # Case
    imported = Signal(object)  # ImportReport
    import_refused = Signal(str, object)  # message, ImportRefused
    exported = Signal(str)  # message
    memo_rendered = Signal(str, str, bytes)  # case id, variant, PDF
    failed = Signal(str)

    def __init__(self, path: Path, framework: Framework, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.framework = framework
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.write_pool = QThreadPool(self)
        self.write_pool.setMaxThreadCount(1)
        self._latest: dict[str, int] = {}
        self._counter = 0
        self._pending: dict[int, tuple[str, Callable[[Any], None], LibraryTask]] = {}

    def _start(
        self,
        kind: str,
        job: Callable[[CaseLibrary], Any],
        done: Callable[[Any], None],
        *,
        write: bool = False,
    ) -> None:
        self._counter += 1
        request = self._counter
        self._latest[kind] = request
        task = LibraryTask(request, self.path, job, readonly=not write)
        # Bound slots of this QObject (which lives on the GUI thread) make Qt queue the
        # worker's signals to the GUI thread; a plain Python callable would not be.
        task.signals.finished.connect(self._on_task_finished)
        task.signals.failed.connect(self._on_task_failed)
        self._pending[request] = (kind, done, task)
        (self.write_pool if write else self.pool).start(task)

    def _take(self, request: int) -> Callable[[Any], None] | None:
        kind, done, _task = self._pending.pop(request)
        return done if self._latest.get(kind) == request else None

    @Slot(int, object)
    def _on_task_finished(self, request: int, result: object) -> None:
        done = self._take(request)
        if done is not None:
            done(result)

    @Slot(int, str)
    def _on_task_failed(self, request: int, message: str) -> None:
        if self._take(request) is not None:
            self.failed.emit(message)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def list_cases(self) -> None:
        self._start("list", lambda lib: lib.list_cases(), self.cases_listed.emit)

    def search(self, query: str, filters: SearchFilters | None = None) -> None:
        def job(lib: CaseLibrary) -> Any:
            return search_cases(lib, query, filters, prefix_last=True, limit=500)

        self._start("search", job, lambda hits: self.search_finished.emit(query, hits))

    def load_case(self, case_id: str) -> None:
        self._start("case", lambda lib: lib.get_case(case_id), self.case_loaded.emit)

    def import_file(self, file: Path, *, replace: bool = False) -> None:
        def job(lib: CaseLibrary) -> Any:
            try:
                return import_document(lib, read_document(file), replace=replace)
            except ImportRefused as refusal:
                return refusal

        def done(result: object) -> None:
            if isinstance(result, ImportRefused):
                self.import_refused.emit(str(result), result)
            else:
                self.imported.emit(result)

        self._start("import", job, done, write=True)

    def export(self, file: Path, case_ids: list[str] | None) -> None:
        def job(lib: CaseLibrary) -> Any:
            document = export_document(lib, case_ids)
            # The file dialog has already asked before replacing an existing file.
            write_document(file, document, force=True)
            count = 1 if document["format"] == "council-case" else len(document["cases"])
            return f"Exported {count} case{'s' if count != 1 else ''} to {file}."

        self._start("export", job, self.exported.emit)

    def render_memo(self, case_id: str, variant: str) -> None:
        framework = self.framework

        def job(lib: CaseLibrary) -> Any:
            from council_app.memo import prepare_memo, render_memo

            memo = prepare_memo(lib, framework, lib.get_case(case_id))
            return render_memo(memo, variant="external" if variant == "external" else "internal")

        self._start("memo", job, lambda data: self.memo_rendered.emit(case_id, variant, data))

    def wait(self, msecs: int = 5000) -> bool:
        return self.pool.waitForDone(msecs) and self.write_pool.waitForDone(msecs)
