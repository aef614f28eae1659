"""A field for picking one case out of the whole library: type an id or words from the case, then
choose one of the suggestions (or type its exact id and press Enter).

The suggestions come from the library's own search (:func:`case_suggestions`: the id typed, ids
beginning with it, then the best full-text matches), at most SUGGESTIONS of them, in a QCompleter
popup over a small item model. A combo box holding every case crashed PySide6 on a 20,000-case
library (``none_dealloc``, issue 17) and is no way to find one case among thousands anyway.

The search runs on the library's worker threads, not on the GUI thread: on 20,000 generated
cases a suggestion takes 4–40 ms for an id or a word of three letters or more, but 90 ms for
one letter and 210 ms for "a", a stall at every key press if run here, and the GUI thread has
no connection of its own to the library (each worker opens one). A newer request supersedes an
older one (LibraryWorkers delivers only the latest of a kind), so fast typing costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QListView, QWidget

from council_app.case import CaseSummary
from council_app.framework import Framework
from council_app.library.case_library import CaseLibrary
from council_app.library.suggestions import CaseSuggestions, case_suggestions
from council_app.ui.library.library_tasks import LibraryWorkers
from council_app.vocabulary import case_state_title

ModelIndex = QModelIndex | QPersistentModelIndex
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# A pause in typing before the suggestions are asked for, as in the library's search box.
SUGGEST_DELAY_MS = 150
# Room beside the widest id for the start of a title in the popup: the title is cut short
# (ElideRight), the id never.
TITLE_ROOM = "M" * 24


class CaseSuggestionsModel(QAbstractListModel):
    """The cases suggested for what was typed, one row each: "ID — title"."""

    def __init__(self, framework: Framework, parent: Any = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self._cases: list[CaseSummary] = []

    def set_cases(self, cases: Sequence[CaseSummary]) -> None:
        self.beginResetModel()
        self._cases = list(cases)
        self.endResetModel()

    def case(self, row: int) -> CaseSummary:
        return self._cases[row]

    def find(self, case_id: str) -> CaseSummary | None:
        return next((case for case in self._cases if case.id == case_id), None)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cases)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cases):
            return None
        summary = self._cases[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return f"{summary.id} — {summary.title}"
        if role == CASE_ID_ROLE:
            return summary.id
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            state = case_state_title(summary, self.framework)
            return f"{summary.id} — {summary.title} ({state})"
        return None


class CasePicker(QLineEdit):
    """Type, then choose a suggestion: ``picked`` says which case; editing the text again
    un-picks it (``unpicked``)."""

    picked = Signal(str)  # the case id
    unpicked = Signal()

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_picker")
        self.setPlaceholderText("Case id or words…")
        self.setClearButtonEnabled(True)
        self.model = CaseSuggestionsModel(framework, self)
        self.completer_ = QCompleter(self.model, self)
        # The model holds the search's suggestions already: the popup shows them all, in the
        # search's order, rather than those beginning with the text.
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(12)
        # Attached with setWidget, not QLineEdit.setCompleter: the field would otherwise write
        # the row's text over what was typed on every highlight, and search for it again.
        self.completer_.setWidget(self)
        # The completer says which row was chosen by its completion role: the case's id.
        self.completer_.setCompletionRole(CASE_ID_ROLE)
        self.completer_.activated.connect(self.on_suggestion_activated)
        self.popup = QListView()
        self.completer_.setPopup(self.popup)  # the completer owns it from here
        self.popup.setObjectName("case_picker_suggestions")
        self.popup.setAccessibleName("Suggested cases")
        self.popup.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Without this the view scrolls sideways to a long title instead of cutting it short.
        self.popup.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._workers: LibraryWorkers | None = None
        self._excluded: frozenset[str] = frozenset()
        self._picked: str | None = None
        self._shown: CaseSuggestions | None = None  # the suggestions in the model
        self._enter_on: str | None = None  # Enter was pressed on this text before they came
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SUGGEST_DELAY_MS)
        self._timer.timeout.connect(self.ask)
        self.textEdited.connect(self.on_text_edited)
        self.returnPressed.connect(self.on_return_pressed)

    # -- what the owner sets and reads ---------------------------------------------------------

    def use(self, workers: LibraryWorkers) -> None:
        """Search this library (the picker suggests nothing until it has one)."""
        self._workers = workers

    def set_excluded(self, case_ids: Iterable[str]) -> None:
        """Cases not to offer (those already on an agenda, say)."""
        self._excluded = frozenset(case_ids)

    def case_id(self) -> str | None:
        """The case picked, or None while none is."""
        return self._picked

    def suggestions_for(self) -> str | None:
        """The text the suggestions on show were found for (None before any were)."""
        return self._shown.text if self._shown is not None else None

    def clear_pick(self) -> None:
        had = self._picked is not None
        self._picked = None
        self._shown = None
        self.clear()
        self.setToolTip("")
        self.model.set_cases([])
        self.popup.hide()
        if had:
            self.unpicked.emit()

    # -- typing and choosing -------------------------------------------------------------------

    @Slot(str)
    def on_text_edited(self, _text: str) -> None:
        if self._picked is not None:
            self._picked = None
            self.setToolTip("")
            self.unpicked.emit()
        self._enter_on = None
        self._timer.start()

    @Slot()
    def ask(self) -> None:
        """Ask the library for the suggestions for what is typed now."""
        self._timer.stop()
        text = self.text()
        if not text.strip() or self._workers is None:
            self._show(CaseSuggestions(text, None, ()))
            return
        excluded = self._excluded

        def job(library: CaseLibrary | None) -> CaseSuggestions:
            assert library is not None
            return case_suggestions(library, text, exclude=excluded)

        # One kind per picker, so that two pickers do not supersede each other's requests. A
        # failure (a busy library) leaves the suggestions as they were, in silence: the next key
        # asks again, and a dialog at every key press would be worse than none.
        self._workers.submit(
            f"case-picker:{id(self)}", job, self.on_suggestions_found, failed=lambda _m: None
        )

    @Slot(object)
    def on_suggestions_found(self, found: CaseSuggestions) -> None:
        if found.text != self.text() or self._picked is not None:
            return  # typed on (a newer request is on its way), or chosen meanwhile
        self._show(found)
        if self._enter_on == found.text:
            self._enter_on = None
            self._pick_exact(found)

    @Slot(str)
    def on_suggestion_activated(self, case_id: str) -> None:
        summary = self.model.find(case_id)
        if summary is not None:
            self._choose(summary)

    @Slot()
    def on_return_pressed(self) -> None:
        """Enter picks the case whose id was typed (once the library has said which it is)."""
        if self._picked is not None or not self.text().strip():
            return
        if self._shown is not None and self._shown.text == self.text():
            self._pick_exact(self._shown)
        else:
            self._enter_on = self.text()
            self.ask()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Down opens the suggestions when they are hidden (after Escape, say).
        if event.key() == Qt.Key.Key_Down and not self.popup.isVisible() and self.model.rowCount():
            self._open_popup()
            return
        super().keyPressEvent(event)

    def _pick_exact(self, found: CaseSuggestions) -> None:
        if found.exact is not None:
            self._choose(found.exact)
        elif found.cases:
            self._open_popup()  # no case has that id: here are the nearest

    def _choose(self, summary: CaseSummary) -> None:
        self._timer.stop()
        self._picked = summary.id
        self.popup.hide()
        self.setText(f"{summary.id} — {summary.title}")  # setText: not an edit, no search
        self.setCursorPosition(0)  # the id in view, however narrow the field
        self.setToolTip(self.text())
        self.picked.emit(summary.id)

    def _show(self, found: CaseSuggestions) -> None:
        self._shown = found
        self.model.set_cases(found.cases)
        if not found.cases:
            self.popup.hide()
        elif self.hasFocus():
            self._open_popup()

    def _open_popup(self) -> None:
        metrics = self.popup.fontMetrics()
        widest = max(
            (
                metrics.horizontalAdvance(f"{self.model.case(row).id} — ")
                for row in range(self.model.rowCount())
            ),
            default=0,
        )
        scroll = self.popup.verticalScrollBar().sizeHint().width()
        self.popup.setMinimumWidth(
            max(self.width(), widest + metrics.horizontalAdvance(TITLE_ROOM) + scroll)
        )
        self.completer_.complete()


__all__ = ["CASE_ID_ROLE", "CasePicker", "CaseSuggestionsModel"]
