"""Merging a case package: what the merge would do, and the choices it needs, before any write.

Merging is where something can be lost, so the dialog shows, before anything is written, who
made the package and what the merge would do in the council's words; where the core's
:class:`MergePlan` says the user must choose (the same member's assessment twice, facts changed
by the member, a case this library lacks), it shows both versions side by side
(:mod:`council_app.ui.packages.comparison_table`) and offers "Merge" only once every choice is
made. It writes nothing and does not touch the library: it reports the user's decision with a
signal and the main window calls the core.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from council_app.framework import Framework
from council_app.library.package import Choice, MergePlan
from council_app.ui.common.dates import date_text
from council_app.ui.common.dialog_buttons import accept_cancel_buttons
from council_app.ui.common.palette import blend
from council_app.ui.packages.comparison_table import (
    ComparisonModel,
    ComparisonRow,
    comparison_rows,
    comparison_view,
    day_text,
    readable_value,
    side_by_side,
)

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
    "facts": "Facts the council holds",
    "coverage": "Coverage answers",
}


def _made_at(created_at: str) -> str:
    """The manifest's timestamp as a person reads it; as written if it is not ISO 8601."""
    try:
        moment = datetime.fromisoformat(created_at)
    except ValueError:
        return created_at
    offset = moment.utcoffset()
    zone = "" if offset is None else " UTC" if offset == timedelta(0) else f" {moment:%z}"
    return f"{moment:%Y-%m-%d} at {moment:%H:%M}{zone}"


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
        old = day_text(plan.existing.submitted if plan.existing else None)
        new = day_text(plan.package.assessment.submitted)
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
        self.assessment_table = comparison_view(
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
        box_layout.addLayout(side_by_side(self.keep_assessment, self.take_assessment))
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
        self.facts_table = comparison_view(
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
        box_layout.addLayout(side_by_side(self.keep_facts, self.take_facts))
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
            self.assessment_model.set_tint(blend(base, _DIFFERENCE_HUE, _DIFFERENCE_TINT))

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
