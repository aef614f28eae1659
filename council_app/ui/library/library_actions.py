"""What a member does to the library from the window's menus and toolbar: open, create,
duplicate, supersede and delete cases (delete undoably), import and export, the memo, the
settings, another library.

Each is a function of the window rather than a method of it, so that the window stays its
frame (tabs, menus, status bar, the pages built when first needed) and the actions read as
the council's, one place each; the work itself is an operation in :mod:`council_app.ui.operations`
run by the workers.
"""

from __future__ import annotations

import functools
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QMessageBox

import council_app
from council_app import APP_NAME
from council_app.ui.common.dates import date_time_text
from council_app.ui.icons import app_icon
from council_app.ui.theme import apply_theme

if TYPE_CHECKING:
    from council_app.case import Case
    from council_app.council.clarification import ReplyTaken
    from council_app.council.requests import RequestImported
    from council_app.errors import ImportRefused
    from council_app.ui import operations
    from council_app.ui.main_window import MainWindow
    from council_app.ui.memo_preview import MemoPreview
    from council_app.ui.workspace.case_workspace import CaseWorkspace


class DeleteCommand(QUndoCommand):
    """Deleting a case, undoable: undo puts the case back as it was."""

    def __init__(self, window: MainWindow, case: Case) -> None:
        super().__init__(f"Delete {case.id}")
        self.window = window
        self.case = case
        self.first = True

    def redo(self) -> None:
        from council_app.ui import operations

        if self.first:  # the deletion already happened when the command was pushed
            self.first = False
            return
        operations.delete_case(
            self.window.workers, self.case.id, lambda _c: self.window.after_library_change()
        )

    def undo(self) -> None:
        from council_app.ui import operations

        operations.restore_case(
            self.window.workers,
            self.case,
            lambda case: self.window.after_library_change(
                f"{case.id} is back in the library.", select=case.id
            ),
        )


# -- opening cases -----------------------------------------------------------------------------


def open_workspace(window: MainWindow, ready: operations.CaseToEdit) -> CaseWorkspace:
    case = ready.case
    if ready.draft is not None:
        changed = ""
        from council_app.memo import case_fingerprint

        if ready.recorded is not None and ready.draft.base_fingerprint != case_fingerprint(
            ready.recorded
        ):
            changed = " The recorded case has changed since; resuming keeps your version."
        answer = QMessageBox.question(
            window,
            "Unsaved changes",
            f"There are unsaved changes to {ready.draft.case.id} from "
            f"{date_time_text(datetime.fromisoformat(ready.draft.saved_at))}."
            f"{changed} Resume them?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            case = ready.draft.case
    member = window.app_settings.member or (ready.members[0] if ready.members else "Me")
    from council_app.ui.workspace.case_workspace import CaseWorkspace

    window._workspace_type = CaseWorkspace
    workspace = CaseWorkspace(
        window.workers, ready.framework, case, recorded=ready.recorded, member=member,
        members=ready.members, context=ready.context,
    )  # fmt: skip
    if ready.version_note:
        workspace.show_version_note(ready.version_note)
    if ready.draft is not None and case is not ready.draft.case:
        workspace.editor.discard()
    workspace.saved.connect(lambda c: window.after_library_change(f"Saved {c.id}.", select=c.id))
    workspace.open_requested.connect(window.open_beside)
    workspace.memo_requested.connect(functools.partial(show_memo, window))
    workspace.member.currentTextChanged.connect(window.on_member_chosen)
    workspace.title_changed.connect(lambda title, w=workspace: retitle(window, w, title))
    workspace.modified_changed.connect(lambda _modified, w=workspace: retitle(window, w, w.case.id))
    index = window.tabs.addTab(workspace, case.id)
    retitle(window, workspace, case.id)
    window.tabs.setCurrentIndex(index)
    workspace.step_list.setFocus()
    return workspace


def retitle(window: MainWindow, workspace: CaseWorkspace, title: str) -> None:
    """The tab names the case, with a "*" while it has unsaved changes (Qt's mark for a
    modified document, which the window title shows too for the case in front)."""
    index = window.tabs.indexOf(workspace)
    if index >= 0:
        modified = workspace.modified
        window.tabs.setTabText(index, f"{title}*" if modified else title)
        window.tabs.setTabToolTip(
            index, f"{title}: unsaved changes" if modified else f"{title}: saved"
        )
    window._show_modified()


# -- the library's actions ---------------------------------------------------------------------


def choose_library(window: MainWindow) -> None:
    """Another library in place of this one (the window asks first about unsaved work)."""
    from PySide6.QtWidgets import QFileDialog

    file, _ = QFileDialog.getOpenFileName(
        window,
        "Open library",
        str(window.library_path.parent),
        "Council Desk libraries (*.sqlite *.db);;All files (*)",
    )
    if file:
        window.library_switch_requested.emit(Path(file))


def choose_import_file(window: MainWindow) -> None:
    from PySide6.QtWidgets import QFileDialog

    file, _ = QFileDialog.getOpenFileName(
        window,
        "Import cases",
        str(Path.home()),
        "Council Desk files (*.json *.councilcase *.councilrequest);;"
        "Council Desk exchange files (*.json);;Request forms (*.councilrequest);;"
        "Case packages (*.councilcase);;All files (*)",
    )
    if file:
        import_file(window, Path(file))


def choose_request_file(window: MainWindow) -> None:
    from PySide6.QtWidgets import QFileDialog

    file, _ = QFileDialog.getOpenFileName(
        window,
        "Import a request",
        str(Path.home()),
        "Request forms and replies (*.councilrequest *.councilreply);;All files (*)",
    )
    if file:
        import_file(window, Path(file))


def request_imported(window: MainWindow, report: RequestImported | ReplyTaken) -> None:
    """The draft case opens, and what the request leaves out, who should take it and the
    closest precedents are said beside it (not in a modal box: the member reads on); a reply
    says what it merged into its case."""
    from council_app.council.clarification import ReplyTaken

    window.last_request = report
    what = "Reply merged into" if isinstance(report, ReplyTaken) else "Request imported as"
    window.statusBar().showMessage(f"{what} {report.case.id}.", 10_000)
    window.open_case(report.case.id)
    title = "Reply merged" if isinstance(report, ReplyTaken) else "Request imported"
    box = QMessageBox(QMessageBox.Icon.Information, title, report.summary(), parent=window)
    box.setObjectName("request_imported")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # the next one is the one shown
    box.open()


def import_file(
    window: MainWindow, file: Path, *, replace: bool = False, expected: dict[str, int] | None = None
) -> None:
    if file.suffix.lower() in (".councilrequest", ".councilreply"):
        window.workers.import_request(file)  # a team's form, or its reply: into a case
        return
    if file.suffix == ".councilcase":
        window.packages.merge_file(file)  # a member's assessment: merged, never imported over
        return
    window.last_import = file
    window.statusBar().showMessage(f"Importing {file.name}…")
    window.workers.import_file(file, replace=replace, expected=expected)


def import_refused(window: MainWindow, message: str, refusal: ImportRefused) -> None:
    window.statusBar().clearMessage()
    if "--replace" in str(refusal.args[0]):
        answer = QMessageBox.question(
            window,
            "Replace cases?",
            f"{len(refusal.problems)} case(s) in the file are already in the library with "
            f"different content:\n\n{', '.join(refusal.problems[:20])}\n\n"
            "Replace them with the versions in the file?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        # Against the cases as shown: one changed since is refused, not overwritten.
        if answer == QMessageBox.StandardButton.Yes and window.last_import is not None:
            import_file(window, window.last_import, replace=True, expected=refusal.revisions)
        return
    QMessageBox.warning(window, "Import refused", message)


def _export_target(window: MainWindow, suggested: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    file, _ = QFileDialog.getSaveFileName(
        window, "Export", str(Path.home() / suggested), "Council Desk exchange files (*.json)"
    )
    return Path(file) if file else None


def export_selected_case(window: MainWindow) -> None:
    case_id = window.selected_case_id()
    if case_id is None:
        QMessageBox.information(window, APP_NAME, "Select a case to export first.")
        return
    target = _export_target(window, f"{case_id}.json")
    if target:
        window.workers.export(target, [case_id])


def export_library(window: MainWindow) -> None:
    target = _export_target(window, "council-library.json")
    if target:
        window.workers.export(target, None)


def export_package(window: MainWindow) -> None:
    workspace = window.current_workspace()
    case_id = workspace.editor.key if workspace is not None else window.selected_case_id()
    if case_id is None:
        QMessageBox.information(
            window, APP_NAME, "Select the case whose assessment you want to carry first."
        )
        return
    if workspace is not None and workspace.editor.dirty:
        window.statusBar().showMessage(
            f"The package carries {case_id} as recorded; save the case to include your changes.",
            10000,
        )
    window.packages.export(case_id)


def ask_for_clarification(window: MainWindow) -> None:
    """The council's questions on the case in view, as a reply form for the requester."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    workspace = window.current_workspace()
    case_id = workspace.editor.key if workspace is not None else window.selected_case_id()
    if case_id is None:
        QMessageBox.information(window, APP_NAME, "Select the case to ask about first.")
        return
    text, given = QInputDialog.getMultiLineText(
        window,
        "Ask for clarification",
        f"The council's questions on {case_id}, one a line:",
    )
    questions = [line.strip() for line in text.splitlines() if line.strip()]
    if not given or not questions:
        return
    target, _ = QFileDialog.getSaveFileName(
        window,
        "Save the questions for the requester",
        str(Path.home() / f"{case_id}-questions.councilreply"),
        "Reply forms (*.councilreply)",
    )
    if target:
        window.workers.ask_clarification(case_id, questions, Path(target))


def memo_of_current_case(window: MainWindow) -> MemoPreview | None:
    workspace = window.current_workspace()
    case_id = workspace.editor.key if workspace is not None else window.selected_case_id()
    if case_id is None:
        QMessageBox.information(window, APP_NAME, "Select a case to see its decision memo.")
        return None
    return show_memo(window, case_id)


def show_memo(window: MainWindow, case_id: str) -> MemoPreview:
    workspace = next((w for w in window.workspaces() if w.editor.key == case_id), None)
    if workspace is not None and workspace.editor.dirty:
        window.statusBar().showMessage(
            f"The memo shows {case_id} as recorded; save the case to include your changes.",
            10000,
        )
    from council_app.ui.memo_preview import MemoPreview

    preview = MemoPreview(window.workers, case_id, window)
    preview.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.show()
    return preview


def open_settings(window: MainWindow) -> None:
    from council_app.council.framework_revision import FrameworkService
    from council_app.council.settings import CouncilSettings
    from council_app.ui.settings.settings_dialog import SettingsDialog, SettingsValues

    settings = window.library_settings
    council = settings.council if settings else CouncilSettings()
    values = SettingsValues(
        council_name=council.council_name,
        letterhead=council.letterhead,
        members=settings.members if settings else (),
        theme=window.app_settings.theme,
        default_profile=council.profile_key(window.framework),
        library_path=window.library_path,
        quorum_rule=council.quorum_rule,
        quorum_composition=council.quorum_composition,
        language=council.language,
        page_size=council.page_size,
    )
    dialog = SettingsDialog(
        values, window.framework, window, framework_service=FrameworkService(window.library_path)
    )
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.settings_accepted.connect(functools.partial(apply_settings, window))
    dialog.library_switch_requested.connect(window.library_switch_requested.emit)
    dialog.library_create_requested.connect(window.library_switch_requested.emit)
    # Adopted on the dialog's own connection: the window looks, as for any other writer.
    dialog.framework_adopted.connect(lambda _version: window.workers.watch_for_changes())
    dialog.open()
    window.settings_dialog = dialog


def apply_settings(window: MainWindow, values: object) -> None:
    from dataclasses import replace

    from council_app.council.settings import CouncilSettings
    from council_app.ui import operations
    from council_app.ui.settings.settings_dialog import SettingsValues

    assert isinstance(values, SettingsValues)
    window.app_settings.theme = values.theme
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, values.theme)
    # What the dialog does not show (the precedent blend) is kept as the library has it.
    kept = window.library_settings.council if window.library_settings else CouncilSettings()
    operations.save_settings(
        window.workers,
        replace(
            kept,
            council_name=values.council_name,
            letterhead=values.letterhead,
            default_profile=values.default_profile,
            quorum_rule=values.quorum_rule,
            quorum_composition=values.quorum_composition,
            language=values.language,
            page_size=values.page_size,
        ),
        values.members,
        done=lambda _r: window.after_library_change("Settings saved."),
    )


def about_box(window: MainWindow) -> QMessageBox:
    """Show the About box; opened, not exec'd, so that the window-test can read it."""
    import html

    box = QMessageBox(window)
    box.setWindowTitle(f"About {APP_NAME}")
    box.setTextFormat(QtCore.Qt.TextFormat.RichText)
    # The version comes from the package metadata (a bundle carries it), as in the memo.
    box.setText(
        f"<h3>{APP_NAME} {council_app.__version__}</h3>"
        "<p>Decision support for an ethical-use advisory council: the decision framework, "
        "the case library and its precedents, offline.</p>"
        f"<p>Library: {html.escape(str(window.library_path))}</p>"
    )
    box.setIconPixmap(app_icon().pixmap(64, 64))
    box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def new_case(window: MainWindow) -> None:
    from council_app.ui import operations

    operations.create_case(window.workers, functools.partial(open_workspace, window))


def duplicate_selected(window: MainWindow) -> None:
    from council_app.ui import operations

    case_id = window.selected_case_id()
    if case_id is None:
        QMessageBox.information(window, APP_NAME, "Select the case to duplicate.")
        return
    operations.create_case(
        window.workers, functools.partial(open_workspace, window), copy_of=case_id
    )


def supersede(window: MainWindow, case_id: str) -> None:
    """A decision the council may change on review: a new case that supersedes it."""
    from council_app.ui import operations

    operations.create_case(
        window.workers, functools.partial(open_workspace, window), supersedes=case_id
    )


def ask_to_delete_selected(window: MainWindow) -> None:
    case_id = window.selected_case_id()
    if case_id is None:
        return
    if any(w.editor.key == case_id for w in window.workspaces()):
        QMessageBox.information(
            window, APP_NAME, f"Close the workspace of {case_id} before deleting it."
        )
        return
    answer = QMessageBox.question(
        window,
        "Delete case",
        f"Delete {case_id} from the library? You can undo this with Ctrl+Z until you close the app.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer == QMessageBox.StandardButton.Yes:
        delete_case(window, case_id)


def delete_case(window: MainWindow, case_id: str) -> None:
    from council_app.ui import operations

    def done(case: Case) -> None:
        window.library_undo.push(DeleteCommand(window, case))
        window.after_library_change(f"Deleted {case.id}. Ctrl+Z puts it back.")

    operations.delete_case(window.workers, case_id, done)
