"""Settings: the council's name and letterhead, its members, the default weights, the theme.

The dialog only edits the values it is given and hands the edited values back through
:attr:`SettingsDialog.settings_accepted`; the main window saves them through the core on a worker
thread. Switching to another library is a request too: the dialog never opens a file itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from council_app.council.quorum import RULES, rule_text
from council_app.council.settings import (
    DEFAULT_LANGUAGE,
    PAGE_SIZES,
    SettingsError,
    language_tag,
)
from council_app.framework import Framework
from council_app.library.members import Member, check_members
from council_app.scoring import profile_weights, share_text
from council_app.ui.common.dialog_buttons import accept_cancel_buttons
from council_app.ui.common.row_table_model import RowTableModel

ModelIndex = QModelIndex | QPersistentModelIndex

# The whole Member of a row, for code that wants the row rather than one cell.
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1

THEMES = (
    ("system", "Follow the &system"),
    ("light", "&Light"),
    ("dark", "&Dark"),
    ("high_contrast", "&High contrast"),
)
DEFAULT_THEME = "system"

LIBRARY_FILE_FILTER = "Council Desk libraries (*.sqlite *.db);;All files (*)"
NEW_LIBRARY_FILE_FILTER = "Council Desk libraries (*.sqlite *.db)"

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class SettingsValues:
    council_name: str
    letterhead: str
    members: tuple[Member, ...]
    theme: str  # one of the keys of THEMES
    default_profile: str  # a weight profile key from framework.weight_profiles
    library_path: Path  # the library open now; shown, never edited here
    quorum_rule: str = "majority"  # see council_app.council.quorum
    language: str = DEFAULT_LANGUAGE  # of memos and minutes, a BCP 47 tag
    page_size: str = PAGE_SIZES[0]


def parse_iso_date(text: str) -> date | None:
    """A date typed as YYYY-MM-DD; empty text is no date. Raises ValueError otherwise.

    ``date.fromisoformat`` alone would also take ``20250101`` and week dates, which a reader of
    the members table would not recognise as dates, so only the written-out form is accepted.
    """
    text = text.strip()
    if not text:
        return None
    if not _ISO_DATE.match(text):
        raise ValueError(f"{text!r} is not a date written as YYYY-MM-DD")
    return date.fromisoformat(text)


def member_problems(members: Sequence[Member]) -> list[str]:
    """What would stop the core's ``save_members`` from saving these members, in its words.

    Shown while the user edits, so that OK is only offered for a list the core will accept.
    """
    return check_members(members)


class MembersModel(RowTableModel[Member]):
    """The council's members as an editable table; dates are edited as ISO text."""

    COLUMNS = ("Name", "Role", "Voting", "Active from", "Active to")
    NAME, ROLE, VOTING, ACTIVE_FROM, ACTIVE_TO = range(5)
    _DATE_COLUMNS = (ACTIVE_FROM, ACTIVE_TO)
    HEADER_TIPS = (
        "The member's name as it appears on votes and memos",
        "The member's role on the council, for example Chair",
        "Ticked when the member votes; unticked for advisers",
        "First day of membership, YYYY-MM-DD; empty when not known",
        "Last day of membership, YYYY-MM-DD; empty while still a member",
    )

    def __init__(self, members: Sequence[Member] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = list(members)

    def members(self) -> tuple[Member, ...]:
        return tuple(self._rows)

    def set_members(self, members: Sequence[Member]) -> None:
        self.set_rows(members)

    def add_member(self, member: Member | None = None) -> QModelIndex:
        """Append a member (a blank one by default); returns the new row's name cell."""
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(member or Member(name=""))
        self.endInsertRows()
        return self.index(row, self.NAME)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.VOTING:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def _valid(self, index: ModelIndex) -> bool:
        return (
            index.isValid()
            and not index.parent().isValid()
            and 0 <= index.row() < len(self._rows)
            and 0 <= index.column() < len(self.COLUMNS)
        )

    def _text(self, member: Member, column: int) -> str:
        if column == self.NAME:
            return member.name
        if column == self.ROLE:
            return member.role
        if column == self.ACTIVE_FROM:
            return member.active_from.isoformat() if member.active_from else ""
        if column == self.ACTIVE_TO:
            return member.active_to.isoformat() if member.active_to else ""
        return ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        member = self._rows[index.row()]
        column = index.column()
        if role == MEMBER_ROLE:
            return member
        if column == self.VOTING:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if member.voting else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
                return "Votes" if member.voting else "Does not vote"
            return None
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self._text(member, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in self._DATE_COLUMNS:
            return "A date written as YYYY-MM-DD, or empty"
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index):
            return False
        member = self._rows[index.row()]
        column = index.column()
        changed: Member
        if column == self.VOTING:
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            changed = replace(member, voting=_is_checked(value))
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column in self._DATE_COLUMNS:
            if isinstance(value, date):
                day: date | None = value
            elif isinstance(value, str):
                try:
                    day = parse_iso_date(value)
                except ValueError:
                    return False
            else:
                return False
            if column == self.ACTIVE_FROM:
                changed = replace(member, active_from=day)
            else:
                changed = replace(member, active_to=day)
        elif not isinstance(value, str):
            return False
        elif column == self.NAME:
            changed = replace(member, name=value.strip())
        else:
            changed = replace(member, role=value.strip())
        if changed != member:
            self._rows[index.row()] = changed
            self.dataChanged.emit(index, index, [role, Qt.ItemDataRole.DisplayRole])
        return True

    def insertRows(
        self,
        row: int,
        count: int,
        parent: ModelIndex = QModelIndex(),  # noqa: B008
    ) -> bool:
        if parent.isValid() or count < 1 or not 0 <= row <= len(self._rows):
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        self._rows[row:row] = [Member(name="") for _ in range(count)]
        self.endInsertRows()
        return True

    def removeRows(
        self,
        row: int,
        count: int,
        parent: ModelIndex = QModelIndex(),  # noqa: B008
    ) -> bool:
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row : row + count]
        self.endRemoveRows()
        return True


def _is_checked(value: Any) -> bool:
    # Item views hand the check state over as a plain int in PySide6, tests as the enum or a bool.
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value == Qt.CheckState.Checked.value
    return False


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class SettingsDialog(QDialog):
    """Edits a :class:`SettingsValues`; OK is offered only when the core could save the result."""

    settings_accepted = Signal(object)  # SettingsValues
    library_switch_requested = Signal(Path)
    library_create_requested = Signal(Path)

    def __init__(
        self, values: SettingsValues, framework: Framework, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.framework = framework
        self._library_path = values.library_path
        self.setWindowTitle("Settings")
        self.setObjectName("settings_dialog")

        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings_tabs")
        self.tabs.setAccessibleName("Settings sections")
        self.tabs.addTab(self._council_tab(values), "Council")
        self.tabs.addTab(self._members_tab(values), "Members")
        self.tabs.addTab(self._weights_tab(values), "Weights")
        self.tabs.addTab(self._appearance_tab(values), "Appearance")
        self.tabs.addTab(self._library_tab(values), "Library")

        buttons = accept_cancel_buttons(
            "OK",
            accept_name="Apply the settings",
            accept_description="Save these settings in the library and close.",
            cancel_description="Close, leaving the settings as they were.",
            object_name="settings",
        )
        self.buttons, self.ok_button, self.cancel_button = (
            buttons.box,
            buttons.accept,
            buttons.cancel,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.problems = QLabel()
        self.problems.setObjectName("settings_problems")
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Why the settings cannot be applied yet")
        self.problems.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        bottom = QHBoxLayout()
        bottom.addWidget(self.problems, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self._set_tab_order()
        self.council_name.textChanged.connect(self.on_values_edited)
        self.language.textChanged.connect(self.on_values_edited)
        self.members_model.dataChanged.connect(self.on_values_edited)
        self.members_model.rowsInserted.connect(self.on_values_edited)
        self.members_model.rowsRemoved.connect(self.on_values_edited)
        self.members_model.modelReset.connect(self.on_values_edited)
        self._update_validity()
        self.council_name.setFocus()

        # Room for the members table and the weights without scrolling, in the user's font.
        em = self.fontMetrics().averageCharWidth()
        line = self.fontMetrics().lineSpacing()
        hint = self.sizeHint()
        self.resize(max(hint.width(), 96 * em), max(hint.height(), 30 * line))

    # -- the tabs ---------------------------------------------------------------------------

    def _council_tab(self, values: SettingsValues) -> QWidget:
        page = QWidget()
        page.setObjectName("settings_council")
        self.council_name = QLineEdit(values.council_name)
        self.council_name.setObjectName("settings_council_name")
        self.council_name.setAccessibleName("Council name")
        self.council_name.setAccessibleDescription("Required. Printed at the top of every memo.")
        self.council_name.setPlaceholderText("e.g. Ethical Use Advisory Council")
        self.council_name.setClearButtonEnabled(True)
        name_label = QLabel("Council &name:")
        name_label.setBuddy(self.council_name)
        self.council_name_hint = QLabel("The council needs a name.")
        self.council_name_hint.setObjectName("settings_council_name_hint")
        self.council_name_hint.setAccessibleName("Council name is required")

        self.letterhead = QLineEdit(values.letterhead)
        self.letterhead.setObjectName("settings_letterhead")
        self.letterhead.setAccessibleName("Letterhead line")
        self.letterhead.setAccessibleDescription("Optional second line under the council's name.")
        self.letterhead.setPlaceholderText(
            "e.g. Meridian Systems · Office of Responsible Technology"
        )
        self.letterhead.setClearButtonEnabled(True)
        letterhead_label = QLabel("&Letterhead:")
        letterhead_label.setBuddy(self.letterhead)

        self.language = QLineEdit(values.language)
        self.language.setObjectName("settings_language")
        self.language.setAccessibleName("Language of memos and minutes")
        self.language.setAccessibleDescription(
            "A BCP 47 tag such as en, en-GB or de-CH; screen readers read memos in this language."
        )
        self.language.setPlaceholderText("e.g. en, en-GB, fr-CA")
        language_label = QLabel("Lan&guage:")
        language_label.setBuddy(self.language)
        self.language_hint = QLabel()
        self.language_hint.setObjectName("settings_language_hint")
        self.language_hint.setWordWrap(True)
        self.language_hint.setAccessibleName("Why the language cannot be used")

        self.page_size = QComboBox()
        self.page_size.setObjectName("settings_page_size")
        self.page_size.setAccessibleName("Page size of memos and minutes")
        for size in PAGE_SIZES:
            self.page_size.addItem(size, size)
        self.page_size.setCurrentIndex(max(self.page_size.findData(values.page_size), 0))
        page_size_label = QLabel("&Page size:")
        page_size_label.setBuddy(self.page_size)

        form = QFormLayout()
        form.addRow(name_label, self.council_name)
        form.addRow("", self.council_name_hint)
        form.addRow(letterhead_label, self.letterhead)
        form.addRow(language_label, self.language)
        form.addRow("", self.language_hint)
        form.addRow(page_size_label, self.page_size)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(
            _note(
                "The council's name, with the letterhead line under it, heads every decision memo "
                "and the minutes of each sitting. The letterhead is optional. Memos and minutes "
                "declare the language to screen readers, and are laid out on the page size."
            )
        )
        layout.addStretch(1)
        return page

    def _members_tab(self, values: SettingsValues) -> QWidget:
        page = QWidget()
        page.setObjectName("settings_members")
        self.members_model = MembersModel(values.members, self)
        self.members_table = QTableView()
        self.members_table.setObjectName("settings_members_table")
        self.members_table.setModel(self.members_model)
        self.members_table.setAccessibleName("Members of the council")
        self.members_table.setAccessibleDescription(
            "Name, role, whether the member votes, and the dates of membership. "
            "Press F2 to edit a cell and Space to tick Voting."
        )
        self.members_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.members_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.members_table.setTabKeyNavigation(False)
        self.members_table.verticalHeader().hide()
        self.members_table.setAlternatingRowColors(True)
        header = self.members_table.horizontalHeader()
        header.setAccessibleName("Member columns")
        header.setSectionResizeMode(MembersModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MembersModel.ROLE, QHeaderView.ResizeMode.Stretch)
        for column in (MembersModel.VOTING, MembersModel.ACTIVE_FROM, MembersModel.ACTIVE_TO):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table_label = QLabel("&Members of the council:")
        table_label.setBuddy(self.members_table)

        self.add_member_button = QPushButton("&Add member")
        self.add_member_button.setObjectName("settings_add_member")
        self.add_member_button.setAccessibleName("Add member")
        self.add_member_button.setAccessibleDescription(
            "Adds a row at the end of the table and starts editing its name."
        )
        self.remove_member_button = QPushButton("&Remove member")
        self.remove_member_button.setObjectName("settings_remove_member")
        self.remove_member_button.setAccessibleName("Remove the selected member")
        self.remove_member_button.setEnabled(False)

        self.members_problems = QLabel()
        self.members_problems.setObjectName("settings_members_problems")
        self.members_problems.setWordWrap(True)
        self.members_problems.setAccessibleName("Problems with the list of members")

        self.quorum_rule = QComboBox()
        self.quorum_rule.setObjectName("settings_quorum_rule")
        self.quorum_rule.setAccessibleName("Quorum rule")
        self.quorum_rule.setAccessibleDescription(
            "How many voting members, not counting those who recused, must be present for a "
            "vote or a decision to be recorded."
        )
        rules = [*RULES]
        if values.quorum_rule not in rules:
            rules.append(values.quorum_rule)  # a fixed number, set with council-app session quorum
        for rule in rules:
            self.quorum_rule.addItem(rule_text(rule).capitalize(), rule)
        self.quorum_rule.setCurrentIndex(rules.index(values.quorum_rule))
        quorum_label = QLabel("&Quorum:")
        quorum_label.setBuddy(self.quorum_rule)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_member_button)
        buttons.addWidget(self.remove_member_button)
        buttons.addStretch(1)
        buttons.addWidget(quorum_label)
        buttons.addWidget(self.quorum_rule)
        layout = QVBoxLayout(page)
        layout.addWidget(table_label)
        layout.addWidget(self.members_table, 1)
        layout.addWidget(self.members_problems)
        layout.addLayout(buttons)
        layout.addWidget(
            _note(
                "Dates are written YYYY-MM-DD; leave them empty when open-ended. Untick Voting "
                "for members who advise without a vote."
            )
        )

        self.add_member_button.clicked.connect(self.on_add_member)
        self.remove_member_button.clicked.connect(self.on_remove_member)
        self.members_table.selectionModel().selectionChanged.connect(
            self.on_member_selection_changed
        )
        return page

    def _weights_tab(self, values: SettingsValues) -> QWidget:
        page = QWidget()
        page.setObjectName("settings_weights")
        self.profile = QComboBox()
        self.profile.setObjectName("settings_default_profile")
        self.profile.setAccessibleName("Default weight profile")
        for weight_profile in self.framework.weight_profiles:
            self.profile.addItem(weight_profile.title, weight_profile.key)
        self.profile.setAccessibleDescription(
            "The weighting used to score a case unless another is chosen for it."
        )
        keys = [p.key for p in self.framework.weight_profiles]
        current = (
            values.default_profile
            if values.default_profile in keys
            else self.framework.default_profile_key
        )
        profile_label = QLabel("Default &profile:")
        profile_label.setBuddy(self.profile)

        self.profile_description = _note("")
        self.profile_description.setObjectName("settings_profile_description")
        self.profile_description.setAccessibleName("What the profile is for")

        box = QGroupBox("Weights, as shares of the total")
        box.setObjectName("settings_profile_weights")
        grid = QGridLayout(box)
        self.share_bars: dict[str, QProgressBar] = {}
        self.share_labels: dict[str, QLabel] = {}
        for row, consideration in enumerate(self.framework.considerations):
            title = QLabel(consideration.title)
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setTextVisible(False)
            bar.setAccessibleName(f"Share of {consideration.title}")
            bar.setMaximumHeight(self.fontMetrics().height())
            share = QLabel()
            share.setObjectName(f"settings_share_{consideration.key}")
            share.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            share.setMinimumWidth(self.fontMetrics().horizontalAdvance("0.000"))
            share.setAccessibleName(f"Share of {consideration.title}")
            grid.addWidget(title, row, 0)
            grid.addWidget(bar, row, 1)
            grid.addWidget(share, row, 2)
            self.share_bars[consideration.key] = bar
            self.share_labels[consideration.key] = share
        grid.setColumnStretch(1, 1)

        form = QFormLayout()
        form.addRow(profile_label, self.profile)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.profile_description)
        layout.addWidget(box)
        layout.addWidget(
            _note(
                "The default profile is the weighting a case is scored with unless another is "
                "chosen for it. Profiles are part of the framework definition."
            )
        )
        layout.addStretch(1)

        self.profile.currentIndexChanged.connect(self.on_profile_changed)
        self.profile.setCurrentIndex(keys.index(current))
        self._show_profile()
        return page

    def _appearance_tab(self, values: SettingsValues) -> QWidget:
        page = QWidget()
        page.setObjectName("settings_appearance")
        box = QGroupBox("Theme")
        box_layout = QVBoxLayout(box)
        self.theme_group = QButtonGroup(self)
        self.theme_buttons: dict[str, QRadioButton] = {}
        theme = values.theme if values.theme in dict(THEMES) else DEFAULT_THEME
        for key, text in THEMES:
            button = QRadioButton(text)
            button.setObjectName(f"settings_theme_{key}")
            button.setAccessibleName(f"{text.replace('&', '')} theme")
            button.setChecked(key == theme)
            self.theme_group.addButton(button)
            self.theme_buttons[key] = button
            box_layout.addWidget(button)
        self.theme_buttons["system"].setAccessibleDescription(
            "Light or dark as your desktop is set."
        )
        self.theme_buttons["high_contrast"].setAccessibleDescription(
            "Strong contrast between text and background, for projectors and low vision."
        )
        layout = QVBoxLayout(page)
        layout.addWidget(box)
        layout.addWidget(
            _note(
                "Follow the system uses your desktop's light or dark setting. High contrast "
                "suits projectors in bright rooms."
            )
        )
        layout.addStretch(1)
        return page

    def _library_tab(self, values: SettingsValues) -> QWidget:
        page = QWidget()
        page.setObjectName("settings_library")
        self.library_path_field = QLineEdit(str(values.library_path))
        self.library_path_field.setObjectName("settings_library_path")
        self.library_path_field.setReadOnly(True)
        self.library_path_field.setAccessibleName("Path of the library open now")
        self.library_path_field.setCursorPosition(0)
        path_label = QLabel("Library open &now:")
        path_label.setBuddy(self.library_path_field)

        self.open_library_button = QPushButton("Open &another library…")
        self.open_library_button.setObjectName("settings_open_library")
        self.open_library_button.setAccessibleName("Open another library")
        self.open_library_button.setAccessibleDescription(
            "Chooses a library file; Settings closes without applying changes made here."
        )
        self.new_library_button = QPushButton("New &empty library…")
        self.new_library_button.setObjectName("settings_new_library")
        self.new_library_button.setAccessibleName("New empty library")
        self.new_library_button.setAccessibleDescription(
            "Chooses where to create an empty library; Settings closes without applying "
            "changes made here."
        )

        form = QFormLayout()
        form.addRow(path_label, self.library_path_field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_library_button)
        buttons.addWidget(self.new_library_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(
            _note(
                "The council's name, letterhead and members are kept in the library file, so "
                "each library has its own."
            )
        )
        layout.addLayout(buttons)
        layout.addWidget(
            _note(
                "Opening or creating another library closes Settings without applying the "
                "changes made here."
            )
        )
        layout.addStretch(1)

        self.open_library_button.clicked.connect(self.on_open_library)
        self.new_library_button.clicked.connect(self.on_new_library)
        return page

    def _set_tab_order(self) -> None:
        chains: tuple[tuple[QWidget, ...], ...] = (
            (self.council_name, self.letterhead, self.language, self.page_size),
            (self.members_table, self.add_member_button, self.remove_member_button),
            tuple(self.theme_buttons.values()),
            (self.library_path_field, self.open_library_button, self.new_library_button),
        )
        for chain in chains:
            for first, second in pairwise(chain):
                QWidget.setTabOrder(first, second)

    # -- the values -------------------------------------------------------------------------

    @property
    def theme(self) -> str:
        for key, button in self.theme_buttons.items():
            if button.isChecked():
                return key
        return DEFAULT_THEME

    def values(self) -> SettingsValues:
        return SettingsValues(
            council_name=self.council_name.text().strip(),
            letterhead=self.letterhead.text().strip(),
            members=self.members_model.members(),
            theme=self.theme,
            default_profile=str(self.profile.currentData()),
            library_path=self._library_path,
            quorum_rule=str(self.quorum_rule.currentData()),
            language=self._language_tag() or self.language.text().strip(),
            page_size=str(self.page_size.currentData()),
        )

    def _language_tag(self) -> str | None:
        """The language as the core would save it, or None when the core would refuse it."""
        try:
            return language_tag(self.language.text())
        except SettingsError:
            return None

    def problems_found(self) -> list[str]:
        """Why OK is disabled, one sentence each, naming the tab to look at."""
        problems = []
        if not self.council_name.text().strip():
            problems.append("The council needs a name (Council tab).")
        if self._language_tag() is None:
            problems.append("The language needs a tag such as en or de-CH (Council tab).")
        if member_problems(self.members_model.members()):
            problems.append("The list of members needs attention (Members tab).")
        return problems

    def _update_validity(self) -> None:
        self.council_name_hint.setVisible(not self.council_name.text().strip())
        language_problem = ""
        try:
            language_tag(self.language.text())
        except SettingsError as error:
            language_problem = str(error)
        self.language_hint.setText(language_problem)
        self.language_hint.setVisible(bool(language_problem))
        self.members_problems.setText(" ".join(member_problems(self.members_model.members())))
        self.members_problems.setVisible(bool(self.members_problems.text()))
        problems = self.problems_found()
        self.problems.setText(" ".join(problems))
        self.ok_button.setEnabled(not problems)
        self._update_remove_button()

    def _show_profile(self) -> None:
        key = str(self.profile.currentData())
        weights = profile_weights(self.framework, key)
        self.profile_description.setText(self.framework.profile(key).description)
        for consideration_key, share in weights.shares().items():
            text = share_text(share)
            self.share_bars[consideration_key].setValue(round(float(share) * 1000))
            self.share_labels[consideration_key].setText(text)
            self.share_bars[consideration_key].setAccessibleDescription(text)

    # -- slots ------------------------------------------------------------------------------

    @Slot()
    def on_values_edited(self) -> None:
        self._update_validity()

    @Slot(int)
    def on_profile_changed(self, _index: int) -> None:
        self._show_profile()

    @Slot()
    def on_add_member(self) -> None:
        index = self.members_model.add_member()
        self.members_table.setFocus()
        self.members_table.setCurrentIndex(index)
        self.members_table.edit(index)

    @Slot()
    def on_remove_member(self) -> None:
        rows = sorted(
            {i.row() for i in self.members_table.selectionModel().selectedRows()}, reverse=True
        )
        if not rows and self.members_table.currentIndex().isValid():
            rows = [self.members_table.currentIndex().row()]
        for row in rows:
            self.members_model.removeRows(row, 1)
        # Keep a row selected so that focus stays on the button and the next can be removed too.
        remaining = self.members_model.rowCount()
        if rows and remaining:
            self.members_table.selectRow(min(rows[-1], remaining - 1))

    @Slot(QItemSelection, QItemSelection)
    def on_member_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._update_remove_button()

    def _update_remove_button(self) -> None:
        self.remove_member_button.setEnabled(
            bool(self.members_table.selectionModel().selectedRows())
        )

    @Slot()
    def on_open_library(self) -> None:
        path = self.choose_library_file()
        if path is not None:
            self.library_switch_requested.emit(path)
            self.reject()

    @Slot()
    def on_new_library(self) -> None:
        path = self.choose_new_library_file()
        if path is not None:
            self.library_create_requested.emit(path)
            self.reject()

    def choose_library_file(self) -> Path | None:
        file, _ = QFileDialog.getOpenFileName(
            self, "Open another library", str(self._library_path.parent), LIBRARY_FILE_FILTER
        )
        return Path(file) if file else None

    def choose_new_library_file(self) -> Path | None:
        file, _ = QFileDialog.getSaveFileName(
            self,
            "New empty library",
            str(self._library_path.parent / "council-library.sqlite"),
            NEW_LIBRARY_FILE_FILTER,
        )
        return Path(file) if file else None

    def accept(self) -> None:
        if self.problems_found():
            return
        self.settings_accepted.emit(self.values())
        super().accept()
