"""Revise the framework: forms for each section, the loader's problems, a preview, adoption.

Every edit goes into a :class:`FrameworkDraft` of the version in force; the loader's own
sentences say what is wrong with it while anything is, and Adopt waits for them to be gone and
for the council's reason. The preview lists what changed (in the words of
:func:`council_app.library.frameworks.differences`) and, replayed on a worker, the decided cases
the revision would recommend differently. Adoption is the core's, on a worker too; its refusal
is shown here as the core words it. Cancel adopts nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from council_app.council.framework_revision import FrameworkService, ReplayPreview
from council_app.framework.revision import DraftError, FrameworkDraft
from council_app.library.frameworks import FrameworkVersion, differences
from council_app.ui.common.dialog_buttons import accept_cancel_buttons
from council_app.ui.settings.framework_forms import SectionForms
from council_app.ui.settings.framework_sections import SectionList, entry_key
from council_app.ui.settings.framework_tasks import FrameworkTasks
from council_app.ui.settings.tab_note import note

# After the last keystroke, how long the draft waits before it is checked and replayed: long
# enough that typing a title does not replay every decided case at each letter.
SETTLE_MS = 250
REPLAY_COLUMNS = ("Case", "Recommended now", "Under the revision")


class FrameworkEditor(QDialog):
    """Edits a draft of ``in_force``; ``adopted(FrameworkVersion)`` once the core adopted it."""

    adopted = Signal(object)  # FrameworkVersion
    preview_finished = Signal()  # the replay list shows the draft as it is now
    adoption_finished = Signal()  # adopted or refused: the dialog says which

    def __init__(
        self,
        service: FrameworkService,
        in_force: FrameworkVersion,
        parent: QWidget | None = None,
        *,
        tasks: FrameworkTasks | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Revise the framework")
        self.setObjectName("framework_editor")
        self.service = service
        self.in_force = in_force
        self.before = in_force.framework
        self.draft = FrameworkDraft(in_force.text)
        self.tasks = tasks or FrameworkTasks(self)
        self.adopting = False
        self.adopted_version: FrameworkVersion | None = None
        # The loader's problems with the draft as last checked; None while an edit settles.
        self.problem_list: list[str] | None = None

        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self.on_settled)

        self.section_list = SectionList()
        self.sections = self.section_list.list
        self.pages = QStackedWidget()
        self.section_list.page_chosen.connect(self.pages.setCurrentIndex)
        self.section_list.add_requested.connect(self.on_add_entry)
        self.section_list.remove_requested.connect(self.on_remove_entry)
        self._build_pages()

        splitter = QSplitter()
        splitter.addWidget(self.section_list)
        splitter.addWidget(self.pages)
        splitter.addWidget(self._preview_column())
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setChildrenCollapsible(False)
        em = self.fontMetrics().averageCharWidth()
        splitter.setSizes([self.sections.minimumWidth(), 78 * em, 76 * em])

        self.note = QPlainTextEdit()
        self.note.setObjectName("framework_note")
        self.note.setAccessibleName("Why the council adopts it")
        self.note.setAccessibleDescription("Required. Kept with the version in the library.")
        self.note.setPlaceholderText(
            "Required: the council's reason, as the minutes record it (e.g. “Sitting of 2 "
            "December: the approve band is raised to 30.”)"
        )
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.note.textChanged.connect(self.on_note_edited)
        note_label = QLabel("&Why the council adopts it:")
        note_label.setBuddy(self.note)

        buttons = accept_cancel_buttons(
            "&Adopt",
            accept_name="Adopt the revised framework",
            accept_description="Make the revision the framework in force for cases assessed "
            "from now on.",
            cancel_description="Close without adopting anything.",
            object_name="framework_adopt",
        )
        self.adopt_button, self.cancel_button = buttons.accept, buttons.cancel
        buttons.box.accepted.connect(self.on_adopt)
        buttons.box.rejected.connect(self.reject)
        self.status = QLabel()
        self.status.setObjectName("framework_status")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("What happened to the revision")

        self.adopt_hint = QLabel()
        self.adopt_hint.setObjectName("framework_adopt_hint")
        self.adopt_hint.setAccessibleName("Why Adopt is not offered yet")
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.adopt_hint)
        bottom.addWidget(buttons.box)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addLayout(bottom)
        self.resize(1280, 720)
        self.on_settled()

    def _preview_column(self) -> QWidget:
        self.problems = QLabel()
        self.problems.setObjectName("framework_problems")
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("What must be put right before the revision is adopted")
        problems_box = QGroupBox("Problems")
        QVBoxLayout(problems_box).addWidget(self.problems)

        self.changes = QLabel()
        self.changes.setObjectName("framework_changes")
        self.changes.setWordWrap(True)
        self.changes.setAccessibleName("What the revision changes")
        self.replay_status = QLabel()
        self.replay_status.setObjectName("framework_replay_status")
        self.replay_status.setWordWrap(True)
        self.replay_model = QStandardItemModel(0, len(REPLAY_COLUMNS), self)
        self.replay_model.setHorizontalHeaderLabels(list(REPLAY_COLUMNS))
        self.replay_view = QTreeView()
        self.replay_view.setObjectName("framework_replay")
        self.replay_view.setAccessibleName("Decided cases the revision would recommend differently")
        self.replay_view.setModel(self.replay_model)
        self.replay_view.setRootIsDecorated(False)
        self.replay_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.replay_view.setAlternatingRowColors(True)
        # The outcomes are what the council compares; the case's title gives way to them.
        header = self.replay_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("EUC-2026-000  ") + 8)
        preview_box = QGroupBox("Preview")
        preview = QVBoxLayout(preview_box)
        preview.addWidget(self.changes)
        preview.addWidget(self.replay_status)
        preview.addWidget(self.replay_view, 1)
        preview.addWidget(
            note(
                "Every decided case is scored again under the revision with the library's "
                "weights; a decision already taken is not changed."
            )
        )

        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(problems_box)
        layout.addWidget(preview_box, 1)
        return column

    def _build_pages(self, select: str | None = None) -> None:
        """The pages from the draft as it is now (again after an entry is added or removed)."""
        while (page := self.pages.widget(0)) is not None:
            self.pages.removeWidget(page)
            page.deleteLater()
        self.forms = SectionForms(
            self.draft, self.on_draft_edited, self.in_force.version, self.on_restructured
        )
        listed = [
            (group, title, self.pages.addWidget(page)) for group, title, page in self.forms.pages
        ]
        self.section_list.fill(listed, self.forms.entries, select)

    def show_section(self, title: str) -> None:
        """Show the page of the section called ``title`` (as its list names it)."""
        if not self.section_list.show_section(title):
            raise KeyError(title)

    @Slot(str, str)
    def on_add_entry(self, section: str, title: str) -> None:
        key = entry_key(title)
        try:
            if section == "considerations":
                self.draft.add_consideration(key, title)
            else:
                self.draft.add_principle(key, title)
        except DraftError as error:
            self.status.setText(str(error))
            return
        self.on_restructured(title)

    @Slot(str, str)
    def on_remove_entry(self, section: str, key: str) -> None:
        if section == "considerations":
            self.draft.remove_consideration(key)
        else:
            self.draft.remove_principle(key)
        self._build_pages()
        self.on_draft_edited()

    def on_restructured(self, title: str) -> None:
        """The draft gained or lost an entry: its pages again, showing the page ``title``."""
        self._build_pages(select=title)
        self.on_draft_edited()

    # -- the draft --------------------------------------------------------------------------

    def on_draft_edited(self) -> None:
        self.status.clear()
        self.problem_list = None
        self.settle.start()
        self._update_adopt()

    def _retitle_sections(self) -> None:
        self.section_list.retitle(self.forms.titles())

    def _problem_line(self, problem: str) -> str:
        where = self.forms.where(problem)
        return f"• {where} — {problem}" if where else f"• {problem}"

    @Slot()
    def on_note_edited(self) -> None:
        self._update_adopt()

    @Slot()
    def on_settled(self) -> None:
        """Check the draft as it is now, say what it changes and replay it on a worker."""
        problems = self.draft.problems()
        self.problems.setText(
            "\n".join(self._problem_line(p) for p in problems)
            if problems
            else "None: the revision is valid."
        )
        self.problem_list = problems
        self._retitle_sections()
        after = self.draft.framework() if not problems else None
        if after is None:
            self.changes.setText("")
            self.tasks.drop("preview")
            self.replay_status.setText("The preview waits until the problems are put right.")
            self.replay_model.removeRows(0, self.replay_model.rowCount())
            self._update_adopt()
            return
        found = differences(self.before, after)
        if self.draft.version != self.in_force.version:
            found.append(f"Version: {self.in_force.version} → {self.draft.version}")
        self.changes.setText(
            "\n".join(f"• {line}" for line in found) if found else "Nothing is changed yet."
        )
        self.replay_status.setText("Scoring the decided cases again under the revision…")
        text, service = self.draft.text(), self.service  # the worker touches no widget
        self.tasks.submit(
            "preview", lambda: service.preview(text), self.on_preview, self.on_preview_failed
        )
        self._update_adopt()

    def on_preview(self, result: object) -> None:
        assert isinstance(result, ReplayPreview)
        self.replay_model.removeRows(0, self.replay_model.rowCount())
        title = result.title
        for change in result.changes:
            decided = title(change.decided) if change.decided else "–"
            if change.not_comparable:
                tip = f"{change.case_id} {change.title}\n{change.not_comparable}"
                row = [
                    QStandardItem(f"{change.case_id}  {change.title}"),
                    QStandardItem(f"Decided: {decided}"),
                    QStandardItem("Cannot be compared"),
                ]
            else:
                tip = f"{change.case_id} {change.title}\nDecided: {decided}\n{change.reason_after}"
                row = [
                    QStandardItem(f"{change.case_id}  {change.title}"),
                    QStandardItem(f"{title(change.before)} ({change.index_before})"),
                    QStandardItem(f"{title(change.after)} ({change.index_after})"),
                ]
            for cell in row:
                cell.setToolTip(tip)
            self.replay_model.appendRow(row)
        for column in (1, 2):
            self.replay_view.resizeColumnToContents(column)
        if not result.changes:
            self.replay_status.setText(
                f"No decided case would be recommended differently ({result.decided} replayed)."
            )
        else:
            self.replay_status.setText(
                f"{len(result.changes)} of {result.decided} decided cases would be recommended "
                "differently:"
            )
        self.preview_finished.emit()

    def on_preview_failed(self, message: str) -> None:
        self.replay_status.setText(f"The preview could not be made: {message}")
        self.preview_finished.emit()

    # -- adoption ---------------------------------------------------------------------------

    def why_not_adoptable(self) -> str:
        """Why Adopt is disabled, or "" when it is offered."""
        if self.adopting:
            return "Adopting…"
        if self.adopted_version is not None:
            return "Adopted."
        if self.problem_list is None:
            return "Checking the revision…"
        if self.problem_list:
            return "Put the problems right first."
        if not self.draft.changed:
            return "Nothing is changed yet."
        if not self.note.toPlainText().strip():
            return "Say why the council adopts the revision."
        return ""

    def _update_adopt(self) -> None:
        reason = self.why_not_adoptable()
        self.adopt_button.setEnabled(not reason)
        self.adopt_button.setToolTip(reason)
        self.adopt_hint.setText("" if reason in ("", "Adopted.") else reason)

    @Slot()
    def on_adopt(self) -> None:
        if self.why_not_adoptable():
            return
        self.settle.stop()
        text, reason = self.draft.text(), self.note.toPlainText().strip()
        self.adopting = True
        self._set_editable(False)
        self.status.setText("Adopting the revised framework…")
        service = self.service
        self.tasks.submit(
            "adopt", lambda: service.adopt(text, reason), self.on_adopted, self.on_refused
        )

    def on_adopted(self, result: object) -> None:
        assert isinstance(result, FrameworkVersion)
        self.adopting = False
        self.adopted_version = result
        self.status.setText(
            f"Framework {result.version} ({result.name}) is adopted and in force: it applies to "
            "cases assessed from now on; cases already assessed keep their version."
        )
        self.cancel_button.setText("Close")
        self.cancel_button.setEnabled(True)
        self._update_adopt()
        self.adopted.emit(result)
        self.adoption_finished.emit()

    def on_refused(self, message: str) -> None:
        self.adopting = False
        self.status.setText(message)
        self._set_editable(True)
        self._update_adopt()
        self.adoption_finished.emit()

    def _set_editable(self, editable: bool) -> None:
        self.pages.setEnabled(editable)
        self.section_list.set_editable(editable)
        self.note.setReadOnly(not editable)
        self.cancel_button.setEnabled(editable)
        self._update_adopt()

    def reject(self) -> None:
        if self.adopting:  # the core is writing: closing now would hide whether it adopted
            return
        self.settle.stop()
        super().reject()
