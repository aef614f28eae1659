"""Case packages from the app: export one member's assessment, merge a member's package.

A merge goes in two steps: the package is read, checked and planned on a worker (nothing is
written), the merge dialog shows the plan and asks for the choices it needs, and only then is
the merge written, in one transaction. If the library changed in between and the core now
needs a choice that was not made, it refuses; the plan is made again and the dialog comes back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from council_app import APP_NAME
from council_app.case import Case
from council_app.library import CaseLibrary
from council_app.library.package import Choice, MergePlan, MergeResult
from council_app.ui import council_operations as ops
from council_app.ui.library.library_tasks import LibraryWorkers
from council_app.ui.packages.export_dialog import PACKAGE_FILE_FILTER, ExportPackageDialog
from council_app.ui.packages.merge_dialog import MergeDialog

_ASSESSMENT_WORDS = {
    "added": "assessment added beside the others",
    "replaced": "the package's assessment taken",
    "kept": "the library's assessment kept",
    "unchanged": "assessment already there, unchanged",
}
_FACT_WORDS = {
    "taken": "the package's facts taken",
    "kept": "the library's facts kept",
    "unchanged": "facts unchanged",
    "added": "the case added to this library",
}


class PackageFlow(QObject):
    merged = Signal(str, str)  # case id, what happened in words
    message = Signal(str)  # for the status bar

    def __init__(self, workers: LibraryWorkers, window: QWidget) -> None:
        super().__init__(window)
        self.workers = workers
        self.window = window
        self.dialog: ExportPackageDialog | MergeDialog | None = None
        self._file: Path | None = None

    # -- export ----------------------------------------------------------------------------------

    def export(self, case_id: str) -> None:
        def job(lib: CaseLibrary | None) -> object:
            assert lib is not None
            return lib.get_case(case_id)

        self.workers.submit("package-case", job, self.show_export_dialog)

    @Slot(object)
    def show_export_dialog(self, case: Case) -> ExportPackageDialog:
        dialog = ExportPackageDialog(case, Path.home(), self.window)
        dialog.export_requested.connect(self.on_export_requested)
        self._open(dialog)
        return dialog

    @Slot(str, str, object, bool)
    def on_export_requested(self, case_id: str, member: str, path: Path, replace: bool) -> None:
        ops.export_package(
            self.workers, case_id, member, path, replace, self.message.emit, self.on_failed
        )

    # -- merge -----------------------------------------------------------------------------------

    def choose_and_merge(self) -> None:
        file, _ = QFileDialog.getOpenFileName(
            self.window, "Merge a case package", str(Path.home()), PACKAGE_FILE_FILTER
        )
        if file:
            self.merge_file(Path(file))

    def merge_file(self, file: Path) -> None:
        self._file = file
        self.message.emit(f"Checking {file.name}…")
        ops.plan_package_merge(self.workers, file, self.show_merge_dialog, self.on_failed)

    @Slot(object)
    def show_merge_dialog(self, plan: MergePlan) -> MergeDialog:
        dialog = MergeDialog(plan, self.workers.framework, self.window)
        dialog.merge_confirmed.connect(
            lambda assessment, facts, add_case: self.on_merge_confirmed(
                plan, assessment, facts, add_case
            )
        )
        self._open(dialog)
        return dialog

    def on_merge_confirmed(
        self, plan: MergePlan, assessment: Choice | None, facts: Choice | None, add_case: bool
    ) -> None:
        def refused(message: str) -> None:
            if "choose first" in message and self._file is not None:
                # The library changed while the dialog was open: plan again and ask again.
                self.merge_file(self._file)
            else:
                self.on_failed(message)

        ops.merge(self.workers, plan, assessment, facts, add_case, self.on_merged, refused)

    @Slot(object)
    def on_merged(self, result: MergeResult) -> None:
        words = _ASSESSMENT_WORDS.get(result.assessment, result.assessment)
        if result.facts != "unchanged":
            words += "; " + _FACT_WORDS.get(result.facts, result.facts)
        self.merged.emit(result.case_id, f"Merged into {result.case_id}: {words}.")

    # -- both ------------------------------------------------------------------------------------

    def _open(self, dialog: ExportPackageDialog | MergeDialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.open()

    @Slot(str)
    def on_failed(self, message: str) -> None:
        self.message.emit("")
        QMessageBox.warning(self.window, APP_NAME, message)
