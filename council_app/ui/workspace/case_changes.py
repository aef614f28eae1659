"""What a workspace does when its case changes in the library under the member's edits: it
rereads the case, says what changed (the change banner), and offers the three honest ways on:
merge the two, reload the library's version, or keep the member's as a new revision; a save
refused for an older revision arrives here too.

The workspace (its subclass) builds the walk and scores; this is how it keeps the record and the
member's edits from overwriting each other.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QLabel, QWidget

from council_app.case import Case
from council_app.council.scoring_context import ScoringContext
from council_app.errors import RevisionConflict
from council_app.library.changes import LibraryChanges
from council_app.ui.library.library_tasks import LibraryWorkers
from council_app.ui.operations import CaseNow
from council_app.ui.workspace.case_editor import CaseEditor
from council_app.ui.workspace.change_banner import ChangeBanner
from council_app.ui.workspace.scoring_panel import ScoringPanel


class CaseChanges(QWidget):
    """The case workspace's handling of changes made elsewhere; the workspace is its subclass."""

    # Built by the workspace.
    workers: LibraryWorkers
    editor: CaseEditor
    autosave: QLabel
    banner: ChangeBanner
    panel: ScoringPanel
    _score_timer: QTimer
    context: ScoringContext

    def on_library_changed(self, changes: LibraryChanges) -> None:
        """A write (here, in a sitting, in another window) changed this case or the settings:
        read the case as the library holds it now and decide what the member must see."""
        from council_app.ui import operations

        operations.reread_case(self.workers, self.editor.key, self.on_case_reread)

    @Slot(object)
    def on_case_reread(self, now: CaseNow) -> None:
        if now.context is not None and now.context != self.context:
            self.context = now.context
            self.panel.weights.set_in_force(now.context.weights)
            self._score_timer.start()
        current = now.case
        editor = self.editor
        if current is not None and current.revision == editor.base_revision:
            return  # what the library holds is what the edits are based on (a save of ours)
        if current is None and editor.recorded is None:
            return  # a new case, never recorded: nothing changed under it
        if current is not None and not editor.dirty:
            editor.adopt(current)
            self.autosave.setText(f"Updated from the library ({now.last_change})")
            self.autosave.setAccessibleDescription(self.autosave.text())
            return
        self._show_change(current, now.last_change, saving=False)

    def _show_change(self, current: Case | None, last_change: str, *, saving: bool) -> None:
        self._current = current
        merge = self.editor.merged_with(current) if current is not None else None
        self.banner.show_change(
            self.editor.key,
            base=self.editor.recorded,
            mine=self.editor.case,
            current=current,
            merge=merge,
            last_change=last_change,
            saving=saving,
        )

    @Slot(object)
    def on_conflicted(self, conflict: RevisionConflict) -> None:
        current = conflict.current if isinstance(conflict.current, Case) else None
        change = str(conflict).removeprefix("Not saved: ")
        self._show_change(current, change, saving=True)

    @Slot()
    def on_merge_requested(self) -> None:
        current = self._current
        if current is None:
            return
        merge = self.editor.merged_with(current)
        if not merge.clean:
            return
        self.editor.take_merge(current, merge)
        self.banner.hide()
        self._current = None
        self.autosave.setText("Merged with the library's changes; save to record them")

    @Slot()
    def on_reload_requested(self) -> None:
        if self._current is None:
            return
        self.editor.adopt(self._current)
        self.editor.discard()
        self.banner.hide()
        self._current = None

    @Slot()
    def on_keep_requested(self) -> None:
        current = self._current
        self.banner.hide()
        self._current = None
        self.editor.keep_mine(current)
