"""The side-by-side comparisons of the merge dialog: the library's version beside the package's.

Where merging a case package needs the user to choose (the same member's assessment twice, facts
changed by the member), the choice is only fair when both versions can be read together. These
rows put them in the council's words and the table model names, bolds and tints those that
differ; they are kept apart from the dialog so that what a comparison says can be checked
without building one, and so that the dialog holds only its layout and its choices.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QRadioButton,
    QSizePolicy,
    QTableView,
)

from council_app.case import Assessment, Rating
from council_app.framework import Framework
from council_app.ui.common.dates import date_text

ModelIndex = QModelIndex | QPersistentModelIndex

# True on a row of a comparison where the library's and the package's versions differ.
DIFFERS_ROLE = Qt.ItemDataRole.UserRole + 2
# What a row of a comparison is about: a consideration or principle key, "submitted", "notes",
# or a fact's field name.
KEY_ROLE = Qt.ItemDataRole.UserRole + 3

_NOTHING = "(none)"


def day_text(day: date | None) -> str:
    """A date as the comparisons and the merge dialog say it, or "no date"."""
    return date_text(day) if day else "no date"


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


def _score_tip(framework: Framework, levels: Sequence[str], rating: Rating | None) -> str:
    if rating is None or rating.score is None or not framework.on_scale(rating.score):
        return ""
    tip = f"{rating.score}: {levels[rating.score - framework.scale_min]}"
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
                (_score_tip(framework, levels, old), _score_tip(framework, levels, new)),
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
            (day_text(library.submitted), ""),
            (day_text(package.submitted), ""),
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
            return "The score on the framework's scale, with the member's confidence in brackets"
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


def comparison_view(model: ComparisonModel, name: str, description: str) -> QTableView:
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


def side_by_side(keep: QRadioButton, take: QRadioButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(keep)
    row.addSpacing(keep.fontMetrics().averageCharWidth() * 4)
    row.addWidget(take)
    row.addStretch(1)
    return row
