"""The case being edited: its state, its undo history, and its autosave.

Every change is a new :class:`Case` made by a function of :mod:`council_app.case_edits`, kept on
a ``QUndoStack`` as a before/after pair, so undo and redo are exact. The keystrokes of one burst
of typing in one box merge into one undo step; the burst ends when the focus leaves the box
(the workspace's UndoRouter says so) or the typing pauses for ``TYPING_PAUSE_S``. After each change the case is saved as a draft in the library a
moment later, on the write worker, so nothing typed is lost if the app or the machine stops; the
recorded case changes only when the user saves.

A save says which revision of the case it was based on. If the library has moved on since (a
sitting recorded the decision while the case was open here), the core refuses it and the editor
reports the conflict (``conflicted``) instead of writing: the member then merges, reloads or
keeps their version as a new revision, knowingly.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Literal, NewType

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack

from council_app.case import Case
from council_app.case_merge import CaseMerge, merge_cases
from council_app.errors import RevisionConflict
from council_app.library import CaseLibrary
from council_app.library.drafts import discard_draft, save_case_from_draft, save_draft
from council_app.memo import case_fingerprint
from council_app.ui.library.library_tasks import LibraryWorkers

AUTOSAVE_DELAY_MS = 1200
_MERGE_ID = 4711
# Typing in one box is one undo step until the focus leaves the box or the typing pauses for
# this long: a long rationale is not undone in one go, nor one keystroke at a time.
TYPING_PAUSE_S = 2.0

# What an undo step is called: the Undo and Redo buttons, their tooltips and the boxes' context
# menus put "Undo" or "Redo" before it ("Undo rating of Use case"). Every step's name is formed
# here, by edit_name, and CaseEditor.apply takes only an EditName, so the names read alike.
EditName = NewType("EditName", str)
EditKind = Literal[
    "rating", "typing", "change", "recording", "clearing", "removal", "move", "merge", "citing"
]
_EDIT_PHRASES: dict[EditKind, str] = {
    "rating": "rating of {}",
    "typing": "typing in {}",
    "change": "change of {}",
    "recording": "recording of {}",
    "clearing": "clearing of {}",
    "removal": "removal of {}",
    "move": "move of {}",
    "merge": "merge with {}",
    "citing": "citing {}",
}


def edit_name(kind: EditKind, what: str) -> EditName:
    """The name of an undo step, as a member would say it after "Undo": a lower-case noun
    phrase (``edit_name("rating", "Use case")`` is "rating of Use case"). An ampersand in
    ``what`` (a title such as "R&D") is shown as one, not taken for a mnemonic."""
    return EditName(_EDIT_PHRASES[kind].format(what.replace("&", "&&")))


_SOME_CHANGE = edit_name("change", "the case")


class EditCommand(QUndoCommand):
    def __init__(
        self,
        editor: CaseEditor,
        before: Case,
        after: Case,
        text: EditName,
        merge_key: tuple[str, int] | None,
    ) -> None:
        super().__init__(text)
        self.editor = editor
        self.before = before
        self.after = after
        self.merge_key = merge_key

    def id(self) -> int:
        return _MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        # Typed and deleted back to where it was: no step at all (QUndoStack drops it).
        self.setObsolete(self.after == self.before)
        return True

    def redo(self) -> None:
        self.editor._show(self.after)

    def undo(self) -> None:
        self.editor._show(self.before)


class CaseEditor(QObject):
    case_changed = Signal(object)  # Case
    autosave_changed = Signal(str)  # "saving", "saved", "failed: <message>"
    saved = Signal(object)  # Case, as recorded
    save_failed = Signal(str)
    conflicted = Signal(object)  # RevisionConflict: the library moved on; nothing was written

    def __init__(
        self,
        workers: LibraryWorkers,
        case: Case,
        *,
        recorded: Case | None,
        member: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workers = workers
        self.case = case
        self.key = recorded.id if recorded is not None else case.id
        self.base_fingerprint = case_fingerprint(recorded) if recorded is not None else ""
        self.recorded = recorded
        # The revision the edits are based on: the record's, or a resumed draft's own base.
        self.base_revision = case.revision if case is not recorded else recorded.revision
        self.member = member
        self.undo_stack = QUndoStack(self)
        self.typing_pause = TYPING_PAUSE_S
        self._burst = 0  # edits with the same merge key merge only within one burst
        self._last_merge = -math.inf
        self.autosave_state = "saved"
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.autosave_now)

    # -- editing ------------------------------------------------------------------------------

    def apply(
        self,
        edit: Callable[..., Case],
        *args: Any,
        text: EditName = _SOME_CHANGE,
        merge: str | None = None,
        **kwargs: Any,
    ) -> bool:
        """Apply ``edit(case, *args, **kwargs)`` as one undoable step; False if it changes nothing.

        Consecutive edits with the same ``merge`` key (the keystrokes in one box) are one step,
        until :meth:`end_burst` or a pause of ``typing_pause`` seconds."""
        after = edit(self.case, *args, **kwargs)
        if after == self.case:
            return False
        key = None
        if merge is not None:
            now = time.monotonic()
            if now - self._last_merge > self.typing_pause:
                self.end_burst()
            self._last_merge = now
            key = (merge, self._burst)
        self.undo_stack.push(EditCommand(self, self.case, after, text, key))
        return True

    def end_burst(self) -> None:
        """The next edit is a new undo step, even in the same box (the focus left it)."""
        self._burst += 1

    def _show(self, case: Case) -> None:
        self.case = case
        self.case_changed.emit(case)
        self._set_autosave("pending")
        self._timer.start()

    @property
    def dirty(self) -> bool:
        """The case differs from what is recorded in the library."""
        return self.recorded is None or self.case != self.recorded

    @property
    def unsaved_work_at_risk(self) -> bool:
        """Changes that are neither recorded nor safe in an autosaved draft."""
        return self.dirty and self.autosave_state not in ("saved",)

    # -- autosave and save -----------------------------------------------------------------------

    def _set_autosave(self, state: str) -> None:
        self.autosave_state = state
        # A tab closed just after typing is gone before its last autosave answers (the draft
        # is written all the same): there is then no one to tell.
        if shiboken6.isValid(self):
            self.autosave_changed.emit(state)

    @Slot()
    def autosave_now(self) -> None:
        self._timer.stop()
        if not self.dirty:
            self._set_autosave("saved")
            return
        case, base, key = self.case, self.base_fingerprint, self.key

        def job(lib: CaseLibrary | None) -> Any:
            assert lib is not None
            return save_draft(lib, case, base, key=key)

        def done(_saved_at: object) -> None:
            if self.case == case:
                self._set_autosave("saved")

        def failed(message: str) -> None:
            self._set_autosave(f"failed: {message}")

        self._set_autosave("saving")
        self.workers.submit(f"draft:{key}", job, done, write=True, failed=failed)

    def save(self) -> None:
        """Record the case in the library and drop its draft, in one transaction, unless the
        library has moved on since the revision the edits are based on (``conflicted``)."""
        self._timer.stop()
        case, key = replace(self.case, revision=self.base_revision), self.key

        def job(lib: CaseLibrary | None) -> Any:
            assert lib is not None
            try:
                save_case_from_draft(lib, case, key=key)
            except RevisionConflict as conflict:
                return conflict
            return lib.get_case(case.id)

        def done(result: object) -> None:
            if not shiboken6.isValid(self):
                return  # the tab was closed meanwhile; the case is recorded all the same
            if isinstance(result, RevisionConflict):
                self._set_autosave("pending")
                self.autosave_now()  # the work stays safe in its draft meanwhile
                self.conflicted.emit(result)
                return
            assert isinstance(result, Case)
            self._take_record(result)
            self.undo_stack.setClean()
            if self.case == result:
                self._set_autosave("saved")
            self.saved.emit(result)

        def failed(message: str) -> None:
            if shiboken6.isValid(self):
                self.save_failed.emit(message)

        self.workers.submit(f"save:{key}", job, done, write=True, failed=failed)

    def _take_record(self, recorded: Case) -> None:
        self.recorded = recorded
        self.key = recorded.id
        self.base_fingerprint = case_fingerprint(recorded)
        self.base_revision = recorded.revision

    def adopt(self, recorded: Case) -> None:
        """Show the library's newer revision in place of the one opened (nothing unsaved is
        lost: call only when there are no changes of the member's own)."""
        self._take_record(recorded)
        self.undo_stack.clear()
        self.case = recorded
        self.case_changed.emit(recorded)
        self._set_autosave("saved")

    def merged_with(self, current: Case) -> CaseMerge:
        """The member's changes laid over the library's newer revision (see case_merge)."""
        base = self.recorded if self.recorded is not None else replace(current, revision=0)
        return merge_cases(base, self.case, current)

    def take_merge(self, current: Case, merge: CaseMerge) -> None:
        """Continue from the library's revision with the merged case, as one undoable step."""
        self._take_record(current)
        self.apply(lambda _case: merge.case, text=edit_name("merge", "the library's changes"))

    def keep_mine(self, current: Case | None) -> None:
        """Save the member's version over the library's newer one, knowingly: a new revision
        (the one replaced stays in the audit log)."""
        if current is None:
            self.recorded = None
            self.base_revision = 0
        else:
            self.recorded = current
            self.base_revision = current.revision
        self.save()

    def discard(self) -> None:
        """Throw away the draft; the recorded case stays as it was."""
        self._timer.stop()
        key = self.key

        def job(lib: CaseLibrary | None) -> Any:
            assert lib is not None
            discard_draft(lib, key)

        self.workers.submit(f"discard:{key}", job, lambda _r: None, write=True)
