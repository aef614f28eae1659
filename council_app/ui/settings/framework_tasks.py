"""The framework screens' work off the GUI thread: versions read, previews replayed, adoption.

Each job is a blocking, Qt-free call of :class:`council_app.council.framework_revision.
FrameworkService`, which opens its own connection to the library file. Its answer comes back
through a signal that Qt delivers on the GUI thread; of several requests of one kind only the
newest is delivered, so a preview typed over never overwrites a later one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from council_app.errors import CouncilError

Done = Callable[[Any], object]
Failed = Callable[[str], object]


class _Signals(QObject):
    finished = Signal(int, object)
    failed = Signal(int, str)


class _Task(QRunnable):
    def __init__(self, request: int, job: Callable[[], object], wanted: Callable[[], bool]) -> None:
        super().__init__()
        self.request = request
        self.job = job
        self.wanted = wanted
        self.signals = _Signals()

    def run(self) -> None:
        if not self.wanted():
            # A newer request of its kind came while this one waited: replaying every decided
            # case for a draft already typed over would only delay the one that is wanted.
            self.signals.finished.emit(self.request, None)
            return
        try:
            result = self.job()
        except CouncilError as error:
            self.signals.failed.emit(self.request, str(error))
        except Exception as error:
            self.signals.failed.emit(
                self.request, f"Something unexpected went wrong in the background: {error}"
            )
        else:
            self.signals.finished.emit(self.request, result)


class FrameworkTasks(QObject):
    """Runs framework jobs on a pool of its own; ``busy_changed`` says when work is pending."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        # One at a time: an adoption never runs beside a preview of the text it adopts.
        self.pool.setMaxThreadCount(1)
        self._counter = 0
        self._latest: dict[str, int] = {}
        self._pending: dict[int, tuple[str, Done, Failed, _Task]] = {}
        self._closed = False

    def submit(self, kind: str, job: Callable[[], object], done: Done, failed: Failed) -> int:
        if self._closed:  # its dialog is closing
            return 0
        self._counter += 1
        request = self._counter
        self._latest[kind] = request
        task = _Task(request, job, lambda: self._latest.get(kind) == request)
        # Bound slots of this QObject (which lives on the GUI thread) make Qt queue the
        # worker's signals to the GUI thread; a plain Python callable would not be.
        task.signals.finished.connect(self._on_finished)
        task.signals.failed.connect(self._on_failed)
        was_busy = self.busy
        self._pending[request] = (kind, done, failed, task)
        self.pool.start(task)
        if not was_busy:
            self.busy_changed.emit(True)
        return request

    def close(self, msecs: int = 10_000) -> None:
        """No more jobs, and wait for the running one: a pool destroyed with its dialog while a
        job still runs would wait for it holding the interpreter lock the job needs to report
        back, and hang the app."""
        self._closed = True
        self.pool.waitForDone(msecs)

    def drop(self, kind: str) -> None:
        """Whatever of ``kind`` is still running will not be delivered (it is out of date)."""
        self._latest[kind] = 0

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def _take(self, request: int) -> tuple[Done, Failed] | None:
        kind, done, failed, _task = self._pending.pop(request)
        if not self._pending:
            self.busy_changed.emit(False)
        return (done, failed) if self._latest.get(kind) == request else None

    @Slot(int, object)
    def _on_finished(self, request: int, result: object) -> None:
        taken = self._take(request)
        if taken is not None:
            taken[0](result)

    @Slot(int, str)
    def _on_failed(self, request: int, message: str) -> None:
        taken = self._take(request)
        if taken is not None:
            taken[1](message)

    def wait(self, msecs: int = 10_000) -> bool:
        return self.pool.waitForDone(msecs)
