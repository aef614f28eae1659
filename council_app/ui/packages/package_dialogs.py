"""The two ends of a case package: exporting one member's assessment, and merging it in.

A member prepares a case on their own laptop and carries their assessment to the session in a
``.councilcase`` file (:mod:`council_app.library.package`). Exporting asks only whose
assessment it carries and where to write it. Merging is where something can be lost, so the
dialog shows, before anything is written, who made the package and what the merge would do in
the council's words; where the core's :class:`MergePlan` says the user must choose (the same
member's assessment twice, facts changed by the member, a case this library lacks), it shows
both versions side by side and offers "Merge" only once every choice is made. Neither dialog
writes a file or touches the library: they report the user's decision with a signal and the
main window calls the core.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from council_app.case import Assessment, Case, Rating
from council_app.framework import Framework
from council_app.library.package import PACKAGE_SUFFIX, Choice, MergePlan
from council_app.ui.common.dates import date_text
from council_app.ui.common.dialog_buttons import accept_cancel_buttons

ModelIndex = QModelIndex | QPersistentModelIndex

PACKAGE_FILE_FILTER = f"Case packages (*{PACKAGE_SUFFIX})"

# The member whose assessment an item of the member combo stands for.
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1
# True on a row of a comparison where the library's and the package's versions differ.
DIFFERS_ROLE = Qt.ItemDataRole.UserRole + 2
# What a row of a comparison is about: a consideration or principle key, "submitted", "notes",
# or a fact's field name.
KEY_ROLE = Qt.ItemDataRole.UserRole + 3

# The same amber as the AHP dialog's warning, mixed into the palette's base colour: enough to
# find the differing rows at a glance, little enough that the palette's text keeps its contrast.
_DIFFERENCE_HUE = QColor(240, 160, 0)
_DIFFERENCE_TINT = 0.22

_FACT_TITLES = {
    "title": "Title",
    "summary": "Summary",
    "question": "Question before the council",
    "product": "Product",
    "customer": "Customer",
    "sector": "Sector",
    "regions": "Regions",
    "tags": "Tags",
    "submitted": "Submitted",
    "use_case": "Use case",
    "mitigations": "Mitigations",
    "stakeholder_input": "Stakeholder input",
}
_NOTHING = "(none)"


def slug(text: str) -> str:
    """A name safe in a file name on every platform: "Élodie Marchand" → "elodie-marchand"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "member"


def default_package_path(folder: Path, case_id: str, member: str) -> Path:
    return folder / f"{case_id}-{slug(member)}{PACKAGE_SUFFIX}"


def _blend(base: QColor, hue: QColor, amount: float) -> QColor:
    return QColor(
        round(base.red() * (1 - amount) + hue.red() * amount),
        round(base.green() * (1 - amount) + hue.green() * amount),
        round(base.blue() * (1 - amount) + hue.blue() * amount),
    )


def _day(day: date | None) -> str:
    return date_text(day) if day else "no date"


def _made_at(created_at: str) -> str:
    """The manifest's timestamp as a person reads it; as written if it is not ISO 8601."""
    try:
        moment = datetime.fromisoformat(created_at)
    except ValueError:
        return created_at
    offset = moment.utcoffset()
    zone = "" if offset is None else " UTC" if offset == timedelta(0) else f" {moment:%z}"
    return f"{moment:%Y-%m-%d} at {moment:%H:%M}{zone}"


# --- exporting ---------------------------------------------------------------------------------


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
            submitted = f" (submitted {_day(assessment.submitted)})" if assessment.submitted else ""
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


# --- merging: the comparisons --------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonRow:
    """One line of a side-by-side comparison, already in words."""

    key: str
    title: str
    library: tuple[str, str]  # (score, rationale), or (value, "") on a spanning row
    package: tuple[str, str]
    differs: bool
    tips: tuple[str, str] = ("", "")  # the meaning of the library's and the package's score
    spans: bool = False  # one value for the score and rationale columns (dates, notes)


def _score_text(rating: Rating | None) -> str:
    if rating is None:
        return "Not rated"
    if rating.score is None:
        return "No score"
    return f"{rating.score} ({rating.confidence})" if rating.confidence else str(rating.score)


def _score_tip(levels: Sequence[str], rating: Rating | None) -> str:
    if rating is None or rating.score is None or not 0 <= rating.score < len(levels):
        return ""
    tip = f"{rating.score}: {levels[rating.score]}"
    return f"{tip} Confidence: {rating.confidence}." if rating.confidence else tip


def comparison_rows(
    framework: Framework, library: Assessment, package: Assessment
) -> list[ComparisonRow]:
    """The two assessments, one row per rated consideration and principle, then dates and notes."""
    rows: list[ComparisonRow] = []

    def add(
        key: str,
        title: str,
        levels: Sequence[str],
        mine: Mapping[str, Rating],
        theirs: Mapping[str, Rating],
    ) -> None:
        old, new = mine.get(key), theirs.get(key)
        rows.append(
            ComparisonRow(
                key,
                title,
                (_score_text(old), old.rationale if old else ""),
                (_score_text(new), new.rationale if new else ""),
                old != new,
                (_score_tip(levels, old), _score_tip(levels, new)),
            )
        )

    for consideration in framework.considerations:
        if consideration.derived_from is None:
            add(
                consideration.key,
                consideration.title,
                consideration.levels,
                library.considerations,
                package.considerations,
            )
    for principle in framework.principles:
        add(
            principle.key, principle.title, principle.levels, library.principles, package.principles
        )
    rows.append(
        ComparisonRow(
            "submitted",
            "Submitted",
            (_day(library.submitted), ""),
            (_day(package.submitted), ""),
            library.submitted != package.submitted,
            spans=True,
        )
    )
    rows.append(
        ComparisonRow(
            "notes",
            "Notes",
            (library.notes or _NOTHING, ""),
            (package.notes or _NOTHING, ""),
            library.notes != package.notes,
            spans=True,
        )
    )
    return rows


def readable_value(value: Any, framework: Framework | None = None) -> str:
    """A fact as the exchange format holds it, as a person would write it down."""
    if value is None or value in ("", [], {}):
        return _NOTHING
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            return ", ".join(value)
        return "\n".join(f"• {readable_value(item, framework)}" for item in value)
    if isinstance(value, dict):
        return _readable_record(value, framework)
    return str(value)


def _readable_record(record: Mapping[str, Any], framework: Framework | None) -> str:
    """A mitigation or a stakeholder input: its text first, the particulars after it."""
    rest = dict(record)
    if "group" in rest or "summary" in rest:
        group = str(rest.pop("group", ""))
        if framework is not None:
            with contextlib.suppress(KeyError):  # a group this framework does not name
                group = framework.stakeholder_group(group).title
        head = f"{group}: {rest.pop('summary', '')}"
    else:
        head = str(rest.pop("description", ""))
    extras = []
    for name, value in rest.items():
        if name == "kind":
            extras.append(str(value).replace("_", " ").capitalize())
        elif name == "effectiveness":
            extras.append(f"effectiveness {value}")
        elif name == "date":
            extras.append(str(value))
        else:
            extras.append(f"{name.replace('_', ' ')}: {readable_value(value, framework)}")
    return f"{head} ({', '.join(extras)})" if extras else head


class ComparisonModel(QAbstractTableModel):
    """Rows that compare the library's version with the package's, differences tinted."""

    def __init__(
        self, columns: Sequence[str], rows: Sequence[ComparisonRow], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows = list(rows)
        self._tint = QColor()
        # Five columns: a score and a rationale on each side; three: one value on each side.
        self._two_part = len(self.columns) == 5

    @property
    def rows(self) -> tuple[ComparisonRow, ...]:
        return tuple(self._rows)

    def set_tint(self, colour: QColor) -> None:
        """The background of differing rows, derived by the view's owner from its palette."""
        self._tint = QColor(colour)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, len(self.columns) - 1),
                [Qt.ItemDataRole.BackgroundRole],
            )

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        if role == Qt.ItemDataRole.ToolTipRole and self._two_part and section in (1, 3):
            return "The score, 0 to 4, with the member's confidence in brackets"
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _valid(self, index: ModelIndex) -> bool:
        return (
            index.isValid()
            and not index.parent().isValid()
            and 0 <= index.row() < len(self._rows)
            and 0 <= index.column() < len(self.columns)
        )

    def text(self, row: int, column: int) -> str:
        item = self._rows[row]
        if column == 0:
            return item.title
        if self._two_part:
            side = item.library if column in (1, 2) else item.package
            return side[(column - 1) % 2]
        return item.library[0] if column == 1 else item.package[0]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == DIFFERS_ROLE:
            return item.differs
        if role == KEY_ROLE:
            return item.key
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self.text(index.row(), column)
            if column == 0 and item.differs:
                return f"{text}, differs"
            return text or "empty"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(index.row(), column)
        if role == Qt.ItemDataRole.BackgroundRole and item.differs and self._tint.isValid():
            return self._tint
        if role == Qt.ItemDataRole.FontRole and column == 0 and item.differs:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        return None

    def _tip(self, row: int, column: int) -> str | None:
        item = self._rows[row]
        if column == 0:
            return "The two versions differ here." if item.differs else "The same on both sides."
        if self._two_part and column in (1, 3) and not item.spans:
            return (item.tips[0] if column == 1 else item.tips[1]) or None
        text = self.text(row, column)
        return text if len(text) > 40 else None  # the whole of a long value, at the pointer


def _comparison_view(model: ComparisonModel, name: str, description: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setObjectName(name)
    view.setAccessibleName(description)
    view.setWordWrap(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setTabKeyNavigation(False)  # Tab leaves the table for the choices below it
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    if model.columnCount() == 5:
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        for row, item in enumerate(model.rows):
            if item.spans:
                view.setSpan(row, 1, 1, 2)
                view.setSpan(row, 3, 1, 2)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return view


def _side_by_side(keep: QRadioButton, take: QRadioButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(keep)
    row.addSpacing(keep.fontMetrics().averageCharWidth() * 4)
    row.addWidget(take)
    row.addStretch(1)
    return row


# --- merging: the dialog --------------------------------------------------------------------------


class MergeDialog(QDialog):
    """What merging a case package would do, and the choices the core needs before it can."""

    # "keep", "take" or None for the assessment and for the facts, and whether to add the case
    merge_confirmed = Signal(object, object, bool)

    def __init__(
        self, plan: MergePlan, framework: Framework, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ready = False  # palette events arrive before the widgets below exist
        self._fitted = False
        self.plan = plan
        self.framework = framework
        manifest = plan.package.manifest
        member = manifest.member
        self.setWindowTitle(f"Merge {member}'s case package")
        self.setObjectName("merge_dialog")
        chain: list[QWidget] = []

        layout = QVBoxLayout(self)
        layout.addWidget(self._provenance())
        layout.addSpacing(self.fontMetrics().lineSpacing() // 2)

        self.case_box: QGroupBox | None = None
        self.add_case_check: QCheckBox | None = None
        if not plan.case_in_library:
            self.case_box, self.add_case_check = self._case_section()
            layout.addWidget(self.case_box)
            chain.append(self.add_case_check)

        self.assessment_line: QLabel | None = None
        self.assessment_table: QTableView | None = None
        self.assessment_model: ComparisonModel | None = None
        self.keep_assessment: QRadioButton | None = None
        self.take_assessment: QRadioButton | None = None
        self.assessment_group: QButtonGroup | None = None
        if plan.case_in_library:
            box = QGroupBox(f"{member}'s assessment")
            box.setObjectName("merge_assessment_box")
            box_layout = QVBoxLayout(box)
            self.assessment_line = self._sentence(
                "merge_assessment_line", self._assessment_words(), "What happens to the assessment"
            )
            box_layout.addWidget(self.assessment_line)
            if plan.assessment == "conflict":
                chain += self._assessment_conflict(box_layout)
            layout.addWidget(box, 3 if plan.assessment == "conflict" else 0)

        self.facts_line: QLabel | None = None
        self.facts_table: QTableView | None = None
        self.facts_model: ComparisonModel | None = None
        self.keep_facts: QRadioButton | None = None
        self.take_facts: QRadioButton | None = None
        self.facts_group: QButtonGroup | None = None
        if plan.case_in_library and plan.facts != "same":
            box = QGroupBox("The case's facts")
            box.setObjectName("merge_facts_box")
            box_layout = QVBoxLayout(box)
            self.facts_line = self._sentence(
                "merge_facts_line", self._facts_words(), "What happens to the facts"
            )
            box_layout.addWidget(self.facts_line)
            if "facts" in plan.needs_choice:
                chain += self._facts_conflict(box_layout)
            layout.addWidget(box)

        self.pending = QLabel()
        self.pending.setObjectName("merge_pending")
        self.pending.setWordWrap(True)
        self.pending.setAccessibleName("Choices still to make")

        buttons = accept_cancel_buttons(
            "&Merge",
            accept_description="Merge the package as chosen; offered once every choice is made.",
            cancel_description="Close without merging; the library stays as it is.",
            object_name="merge",
        )
        self.buttons, self.merge_button, self.cancel_button = (
            buttons.box, buttons.accept, buttons.cancel,
        )  # fmt: skip
        if self.assessment_table is None:
            layout.addStretch(1)  # the sections keep their height when the window grows
        layout.addWidget(self.pending)
        layout.addWidget(self.buttons)

        chain += [self.merge_button, self.cancel_button]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.buttons.accepted.connect(self.on_merge)
        self.buttons.rejected.connect(self.reject)

        self._ready = True
        self._tint_differences()
        self._update()
        self._size_to_content()
        # Start on the first decision, not inside a table whose first cell would look chosen.
        first_choice = next((w for w in chain if not isinstance(w, QTableView)), None)
        (first_choice or self.cancel_button).setFocus()

    # --- building ---------------------------------------------------------------------------

    def _sentence(self, name: str, text: str, accessible: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _provenance(self) -> QWidget:
        manifest = self.plan.package.manifest
        box = QWidget()
        box.setObjectName("merge_provenance")
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.case_label = self._sentence(
            "merge_case", f"{manifest.case_id} — {self.plan.package.case.title}", "Case"
        )
        bold = QFont(self.font())
        bold.setBold(True)
        self.case_label.setFont(bold)
        self.made_label = self._sentence(
            "merge_made",
            f"Made by {manifest.member} on {_made_at(manifest.created_at)} "
            f"with Council Desk {manifest.app_version}.",
            "Who made the package",
        )
        form.addRow("Case:", self.case_label)
        form.addRow("Package:", self.made_label)
        return box

    def _case_section(self) -> tuple[QGroupBox, QCheckBox]:
        manifest = self.plan.package.manifest
        box = QGroupBox("The case")
        box.setObjectName("merge_case_box")
        self.case_line = self._sentence(
            "merge_case_line",
            f"{manifest.case_id} is not in this library, so there is nothing to merge "
            f"{manifest.member}'s assessment into. Adding the case takes its facts from the "
            f"package, with {manifest.member}'s assessment as its only one.",
            "The case is not in this library",
        )
        check = QCheckBox("&Add the case to this library with the member's facts")
        check.setObjectName("merge_add_case")
        check.setAccessibleName("Add the case to this library with the member's facts")
        check.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        check.setAccessibleDescription(
            f"Needed to merge: {manifest.case_id} is not in this library."
        )
        check.toggled.connect(self.on_choice_toggled)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.case_line)
        box_layout.addWidget(check)
        return box, check

    def _assessment_words(self) -> str:
        plan, member = self.plan, self.plan.package.manifest.member
        if plan.assessment == "add":
            return f"{member}'s assessment will be added beside the others."
        if plan.assessment == "same":
            return f"{member}'s assessment is already in the library, unchanged."
        old = _day(plan.existing.submitted if plan.existing else None)
        new = _day(plan.package.assessment.submitted)
        return (
            f"The library already has a different assessment by {member} (submitted {old}); "
            f"the package's is submitted {new}. Compare them and choose which one the library "
            "keeps; the other is not kept."
        )

    def _assessment_conflict(self, box_layout: QVBoxLayout) -> list[QWidget]:
        plan = self.plan
        assert plan.existing is not None
        member = plan.package.manifest.member
        rows = comparison_rows(self.framework, plan.existing, plan.package.assessment)
        self.assessment_model = ComparisonModel(
            (
                "Rated",
                "Library's score",
                "Library's rationale",
                "Package's score",
                "Package's rationale",
            ),
            rows,
            self,
        )
        self.assessment_table = _comparison_view(
            self.assessment_model,
            "merge_assessment_table",
            f"The library's and the package's assessments by {member}, side by side",
        )
        differing = sum(row.differs for row in rows)
        label = QLabel(
            f"The two assessments, &side by side ({differing} of {len(rows)} rows differ; "
            "they are highlighted and named in bold):"
        )
        label.setWordWrap(True)
        label.setBuddy(self.assessment_table)
        self.keep_assessment = QRadioButton("&Keep the library's assessment")
        self.keep_assessment.setObjectName("merge_keep_assessment")
        self.keep_assessment.setAccessibleName("Keep the library's assessment")
        self.keep_assessment.setAccessibleDescription(
            f"The package's assessment by {member} is not merged."
        )
        submitted = plan.package.assessment.submitted
        when = f"submitted {date_text(submitted)}" if submitted else "with no submission date"
        self.take_assessment = QRadioButton(f"&Take the package's assessment ({when})")
        self.take_assessment.setObjectName("merge_take_assessment")
        self.take_assessment.setAccessibleName(f"Take the package's assessment ({when})")
        self.take_assessment.setAccessibleDescription(
            f"The library's assessment by {member} is replaced by the package's."
        )
        self.assessment_group = self._choice_group(self.keep_assessment, self.take_assessment)
        box_layout.addWidget(label)
        box_layout.addWidget(self.assessment_table, 1)
        box_layout.addLayout(_side_by_side(self.keep_assessment, self.take_assessment))
        return [self.assessment_table, self.keep_assessment, self.take_assessment]

    def _facts_words(self) -> str:
        plan, member = self.plan, self.plan.package.manifest.member
        if plan.facts == "library_changed":
            return (
                f"The case's facts changed in this library since {member} received the case; "
                "the library's facts are kept."
            )
        if plan.facts == "member_changed":
            return (
                f"Only {member} changed the case's facts; this library's are as {member} "
                "received them. Keep the library's or take theirs:"
            )
        if plan.package.manifest.base_facts_sha256:
            return (
                f"The facts changed on both sides: here and in {member}'s copy since they "
                "received the case. Keep the library's or take the package's:"
            )
        # Without the facts the member received, the core cannot tell who changed them.
        return (
            "The facts differ, and the package does not say which facts the member received, "
            "so who changed them is not known. Keep the library's or take the package's:"
        )

    def _facts_conflict(self, box_layout: QVBoxLayout) -> list[QWidget]:
        rows = [
            ComparisonRow(
                d.name,
                _FACT_TITLES.get(d.name, d.name.replace("_", " ").capitalize()),
                (readable_value(d.library, self.framework), ""),
                (readable_value(d.package, self.framework), ""),
                True,
            )
            for d in self.plan.differences
        ]
        self.facts_model = ComparisonModel(("Fact", "Library's", "Package's"), rows, self)
        self.facts_table = _comparison_view(
            self.facts_model,
            "merge_facts_table",
            "Facts that differ: the library's and the package's",
        )
        # As tall as its few rows, so the assessments above get the rest of the height.
        self.facts_table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.facts_table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        label = QLabel("&Differences in the facts:")
        label.setBuddy(self.facts_table)
        self.keep_facts = QRadioButton("Keep the &library's facts")
        self.keep_facts.setObjectName("merge_keep_facts")
        self.keep_facts.setAccessibleName("Keep the library's facts")
        self.take_facts = QRadioButton("Take the &package's facts")
        self.take_facts.setObjectName("merge_take_facts")
        self.take_facts.setAccessibleName("Take the package's facts")
        self.take_facts.setAccessibleDescription(
            "The facts listed above take the package's values; the others stay as they are."
        )
        self.facts_group = self._choice_group(self.keep_facts, self.take_facts)
        box_layout.addWidget(label)
        box_layout.addWidget(self.facts_table)
        box_layout.addLayout(_side_by_side(self.keep_facts, self.take_facts))
        return [self.facts_table, self.keep_facts, self.take_facts]

    def _choice_group(self, keep: QRadioButton, take: QRadioButton) -> QButtonGroup:
        # Neither is chosen at first: merging must be the user's decision, not a default.
        group = QButtonGroup(self)
        group.setExclusive(True)
        group.addButton(keep)
        group.addButton(take)
        keep.toggled.connect(self.on_choice_toggled)
        take.toggled.connect(self.on_choice_toggled)
        return group

    def _size_to_content(self) -> None:
        """Wide enough to read two rationales side by side, and never larger than the screen."""
        metrics = self.fontMetrics()
        if self.assessment_table is not None:
            width = metrics.averageCharWidth() * 170
            height = max(self.sizeHint().height(), metrics.lineSpacing() * 52)
        else:
            width = metrics.averageCharWidth() * (130 if self.facts_table is not None else 90)
            height = self.sizeHint().height()
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width() * 9 // 10)
            height = min(height, room.height() * 9 // 10)
        self.resize(max(width, self.minimumSizeHint().width()), height)

    def _tint_differences(self) -> None:
        # Only the assessments are tinted: every row of the facts table differs, by definition.
        # The dialog's own palette: Qt tells the dialog of a change before its children.
        if self.assessment_model is not None:
            base = self.palette().color(QPalette.ColorRole.Base)
            self.assessment_model.set_tint(_blend(base, _DIFFERENCE_HUE, _DIFFERENCE_TINT))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if self._ready and event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._tint_differences()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fitted or self.assessment_table is not None:
            return
        # A hidden table does not lay out its columns, so its wrapped rows (and the dialog's
        # height hint) are only known now: fit the height to them once, on the first showing.
        self._fitted = True
        layout = self.layout()
        if layout is not None:
            layout.activate()
        height = self.sizeHint().height()
        screen = self.screen()
        if screen is not None:
            height = min(height, screen.availableGeometry().height() * 9 // 10)
        self.resize(self.width(), height)

    # --- the choices ------------------------------------------------------------------------

    @property
    def assessment_choice(self) -> Choice | None:
        return self._choice(self.keep_assessment, self.take_assessment)

    @property
    def facts_choice(self) -> Choice | None:
        return self._choice(self.keep_facts, self.take_facts)

    @property
    def add_case(self) -> bool:
        return self.add_case_check is not None and self.add_case_check.isChecked()

    @staticmethod
    def _choice(keep: QRadioButton | None, take: QRadioButton | None) -> Choice | None:
        if keep is not None and keep.isChecked():
            return "keep"
        if take is not None and take.isChecked():
            return "take"
        return None

    def missing_choices(self) -> list[str]:
        """The choices of ``plan.needs_choice`` the user has not made yet."""
        made = {
            "case": self.add_case,
            "assessment": self.assessment_choice is not None,
            "facts": self.facts_choice is not None,
        }
        return [what for what in self.plan.needs_choice if not made.get(what, False)]

    def _update(self) -> None:
        missing = self.missing_choices()
        self.merge_button.setEnabled(not missing)
        words = {
            "case": "add the case to this library",
            "assessment": "keep the library's assessment or take the package's",
            "facts": "keep the library's facts or take the package's",
        }
        if missing:
            self.pending.setText(
                "To merge, " + "; and ".join(words.get(what, what) for what in missing) + "."
            )
        else:
            self.pending.setText("Nothing is written until you press Merge.")

    # --- slots ------------------------------------------------------------------------------

    @Slot(bool)
    def on_choice_toggled(self, _checked: bool) -> None:
        if self._ready:
            self._update()

    @Slot()
    def on_merge(self) -> None:
        if self.missing_choices():
            return
        needs = self.plan.needs_choice
        self.merge_confirmed.emit(
            self.assessment_choice if "assessment" in needs else None,
            self.facts_choice if "facts" in needs else None,
            self.add_case,
        )
        self.accept()
