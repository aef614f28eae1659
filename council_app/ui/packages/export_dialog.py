"""Exporting a case package: which member's assessment to carry, and where to write it.

A member prepares a case on their own laptop and carries their assessment to the session in a
``.councilcase`` file (:mod:`council_app.library.package`). Exporting asks only whose
assessment the package carries and where to write it; it has nothing to decide about a library,
so it shares nothing with the merge dialog at the other end but the file's name and suffix. It
writes no file: it reports the user's decision with a signal and the main window calls the core.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from council_app.case import Case
from council_app.library.package import PACKAGE_SUFFIX
from council_app.ui.common.dates import date_text
from council_app.ui.common.dialog_buttons import accept_cancel_buttons

PACKAGE_FILE_FILTER = f"Case packages (*{PACKAGE_SUFFIX})"

# The member whose assessment an item of the member combo stands for.
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1


def slug(text: str) -> str:
    """A name safe in a file name on every platform: "Élodie Marchand" → "elodie-marchand"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "member"


def default_package_path(folder: Path, case_id: str, member: str) -> Path:
    return folder / f"{case_id}-{slug(member)}{PACKAGE_SUFFIX}"


class ExportPackageDialog(QDialog):
    """Whose assessment of a case to carry, and where to write the package."""

    # case id, member, the Path to write, and whether the user agreed to replace an existing file
    export_requested = Signal(str, str, object, bool)

    def __init__(self, case: Case, default_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.default_folder = Path(default_folder)
        self._file_edited = False  # once the user has chosen a file, the member no longer names it
        self.setWindowTitle("Export case package")
        self.setObjectName("export_package_dialog")

        intro = QLabel(
            "A case package carries one member's assessment of this case, with the case's "
            "facts, from their laptop to the council's session library, where it is merged "
            "beside the other members' assessments."
        )
        intro.setWordWrap(True)

        case_label = QLabel(f"{case.id} — {case.title}")
        case_label.setObjectName("export_case")
        case_label.setAccessibleName("Case")
        case_label.setWordWrap(True)
        case_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.member_combo = QComboBox()
        self.member_combo.setObjectName("export_member")
        for assessment in case.assessments:
            submitted = (
                f" (submitted {date_text(assessment.submitted)})" if assessment.submitted else ""
            )
            self.member_combo.addItem(f"{assessment.member}{submitted}")
            self.member_combo.setItemData(
                self.member_combo.count() - 1, assessment.member, MEMBER_ROLE
            )
        self.member_combo.setAccessibleName("Member")
        self.member_combo.setAccessibleDescription(
            "The member whose assessment the package carries."
        )
        member_label = QLabel("&Member:")
        member_label.setBuddy(self.member_combo)

        self.no_assessment = QLabel(
            f"Nobody has assessed {case.id} yet, so there is no assessment to export. "
            "Rate the case first."
        )
        self.no_assessment.setObjectName("export_no_assessment")
        self.no_assessment.setWordWrap(True)
        self.member_combo.setEnabled(bool(case.assessments))

        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("export_file")
        self.file_edit.setAccessibleName("Package file")
        self.file_edit.setAccessibleDescription(
            f"Where the package is written; {PACKAGE_SUFFIX} is added if the name lacks it."
        )
        self.file_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.file_edit)
        self.browse_button = QPushButton("&Browse…")
        self.browse_button.setObjectName("export_browse")
        self.browse_button.setAccessibleName("Browse for the package file")
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)

        self.file_problem = QLabel()
        self.file_problem.setObjectName("export_file_problem")
        self.file_problem.setWordWrap(True)
        self.file_problem.setAccessibleName("Problem with the file")
        self.replace_check = QCheckBox("&Replace the existing file")
        self.replace_check.setObjectName("export_replace")
        self.replace_check.setAccessibleName("Replace the existing file")
        self.replace_check.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.replace_check.setAccessibleDescription(
            "A file of this name exists; tick to write the package over it."
        )

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Case:", case_label)
        form.addRow(member_label, self.member_combo)
        form.addRow("", self.no_assessment)
        form.addRow(file_label, file_row)
        form.addRow("", self.file_problem)
        form.addRow("", self.replace_check)
        # Rows come and go whole, so a hidden message leaves no gap behind.
        self._form = form
        form.setRowVisible(self.no_assessment, not case.assessments)

        buttons = accept_cancel_buttons(
            "&Export",
            accept_description="Write the case package.",
            cancel_description="Close without writing a package.",
            object_name="export",
        )
        self.buttons, self.export_button, self.cancel_button = (
            buttons.box, buttons.accept, buttons.cancel,
        )  # fmt: skip

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(self.fontMetrics().lineSpacing() // 2)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        chain: list[QWidget] = [
            self.member_combo,
            self.file_edit,
            self.browse_button,
            self.replace_check,
            self.export_button,
            self.cancel_button,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

        self.member_combo.currentIndexChanged.connect(self.on_member_changed)
        self.file_edit.textEdited.connect(self.on_file_edited)
        self.file_edit.textChanged.connect(self.on_file_changed)
        self.browse_button.clicked.connect(self.on_browse)
        self.replace_check.toggled.connect(self.on_replace_toggled)
        self.buttons.accepted.connect(self.on_export)
        self.buttons.rejected.connect(self.reject)

        self._follow_member()
        self._update()
        (self.member_combo if case.assessments else self.cancel_button).setFocus()

    # --- reading the choices ---------------------------------------------------------------

    @property
    def member(self) -> str | None:
        member = self.member_combo.currentData(MEMBER_ROLE)
        return member if isinstance(member, str) else None

    def select_member(self, member: str) -> None:
        """Start on ``member`` (the app's user, say) when they assessed the case."""
        index = self.member_combo.findData(member, MEMBER_ROLE)
        if index < 0:
            raters = ", ".join(a.member for a in self.case.assessments) or "nobody yet"
            raise ValueError(f"{member} has not assessed {self.case.id}; it was by {raters}.")
        self.member_combo.setCurrentIndex(index)

    def chosen_path(self) -> Path | None:
        """The file the package goes to: relative names under the default folder, with suffix."""
        text = self.file_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.default_folder / path
        if path.suffix.lower() != PACKAGE_SUFFIX:
            path = path.with_name(path.name + PACKAGE_SUFFIX)
        return path

    def _follow_member(self) -> None:
        if self._file_edited:
            return
        member = self.member or "member"
        self.file_edit.setText(str(default_package_path(self.default_folder, self.case.id, member)))

    def _problem(self, path: Path | None) -> str:
        if path is None:
            return "Give the file to write the package to."
        if path.is_dir():
            return f"{path} is a folder; give a file name."
        if not path.parent.is_dir():
            return f"The folder {path.parent} does not exist."
        return ""

    def _update(self) -> None:
        path = self.chosen_path()
        problem = self._problem(path)
        exists = False
        if path is not None and not problem and path.exists():
            exists = True
            problem = f"{path.name} already exists in {path.parent}."
        self.file_problem.setText(problem)
        self._form.setRowVisible(self.file_problem, bool(problem))
        self._form.setRowVisible(self.replace_check, exists)
        ready = self.member is not None and (
            (not problem) or (exists and self.replace_check.isChecked())
        )
        self.export_button.setEnabled(ready)

    # --- slots ------------------------------------------------------------------------------

    @Slot(int)
    def on_member_changed(self, _index: int) -> None:
        self._follow_member()
        self._update()

    @Slot(str)
    def on_file_edited(self, _text: str) -> None:
        self._file_edited = True

    @Slot(str)
    def on_file_changed(self, _text: str) -> None:
        # Agreeing to replace one file is no agreement to replace another.
        self.replace_check.setChecked(False)
        self._update()

    @Slot(bool)
    def on_replace_toggled(self, _checked: bool) -> None:
        self._update()

    @Slot()
    def on_browse(self) -> None:
        start = self.chosen_path() or self.default_folder
        file, _ = QFileDialog.getSaveFileName(
            self, "Export case package", str(start), PACKAGE_FILE_FILTER
        )
        if not file:
            return
        self._file_edited = True
        self.file_edit.setText(file)
        path = self.chosen_path()
        if path is not None and path.exists():
            # The file dialog has just asked whether to replace it; do not ask twice.
            self.replace_check.setChecked(True)

    @Slot()
    def on_export(self) -> None:
        self._update()  # the file may have appeared since the dialog last looked
        path, member = self.chosen_path(), self.member
        if not self.export_button.isEnabled() or path is None or member is None:
            return
        replace = path.exists() and self.replace_check.isChecked()
        self.export_requested.emit(self.case.id, member, path, replace)
        self.accept()
