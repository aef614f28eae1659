"""The Members tab of the settings dialog: who sits on the council, their declared interests,
and the quorum rule.

The members table comes with buttons that add a row and start editing it, or remove the selected
row and keep the next one selected: behaviour of its own that the dialog need not know about.
The dialog reads the members and the rule back and says under the table what stops the list
from being saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from council_app.council.quorum import (
    RULES,
    Requirement,
    composition_key,
    composition_problem,
    parse_composition,
    rule_text,
)
from council_app.errors import CouncilError
from council_app.ui.settings.interests_panel import InterestsPanel
from council_app.ui.settings.members_model import MEMBER_ROLE, MembersModel
from council_app.ui.settings.tab_note import note

if TYPE_CHECKING:
    from council_app.ui.settings.settings_dialog import SettingsValues


class MembersTab(QWidget):
    """The members of the council as an editable table, and the quorum rule under it."""

    def __init__(self, values: SettingsValues, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_members")
        self.members_model = MembersModel(values.members, self)
        self.members_table = QTableView()
        self.members_table.setObjectName("settings_members_table")
        self.members_table.setModel(self.members_model)
        self.members_table.setAccessibleName("Members of the council")
        self.members_table.setAccessibleDescription(
            "Name, role, whether the member votes, the dates of membership and the member's "
            "kind. "
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
        for column in (
            MembersModel.VOTING,
            MembersModel.ACTIVE_FROM,
            MembersModel.ACTIVE_TO,
            MembersModel.KIND,
        ):
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
        self.quorum_composition = QLineEdit(
            ", ".join(r.key() for r in _parsed(values.quorum_composition))
        )
        self.quorum_composition.setObjectName("settings_quorum_composition")
        self.quorum_composition.setAccessibleName("Members of a kind the quorum also needs")
        self.quorum_composition.setAccessibleDescription(
            "A number and a kind of member, such as 1:external; several separated by commas. "
            "Empty: any voting members."
        )
        self.quorum_composition.setPlaceholderText("e.g. 1:external")
        self.quorum_composition.setMaximumWidth(self.fontMetrics().averageCharWidth() * 22)
        composition_label = QLabel("&with at least:")
        composition_label.setBuddy(self.quorum_composition)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_member_button)
        buttons.addWidget(self.remove_member_button)
        buttons.addStretch(1)
        buttons.addWidget(quorum_label)
        buttons.addWidget(self.quorum_rule)
        buttons.addWidget(composition_label)
        buttons.addWidget(self.quorum_composition)
        layout = QVBoxLayout(self)
        layout.addWidget(table_label)
        layout.addWidget(self.members_table, 1)
        layout.addWidget(self.members_problems)
        layout.addLayout(buttons)
        self.interests_panel = InterestsPanel(self)
        layout.addWidget(self.interests_panel, 1)
        layout.addWidget(
            note(
                "Dates are written YYYY-MM-DD; leave them empty when open-ended. Untick Voting "
                "for members who advise without a vote."
            )
        )

        self.add_member_button.clicked.connect(self.on_add_member)
        self.remove_member_button.clicked.connect(self.on_remove_member)
        self.members_table.selectionModel().selectionChanged.connect(
            self.on_member_selection_changed
        )
        self.interests_panel.interests_edited.connect(self.on_interests_edited)

    # -- slots ------------------------------------------------------------------------------

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
        self.update_remove_button()
        self.show_selected_interests()

    @Slot()
    def on_interests_edited(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.members_model.set_interests(row, self.interests_panel.model.interests())

    def _selected_row(self) -> int | None:
        rows = self.members_table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def show_selected_interests(self) -> None:
        row = self._selected_row()
        member = (
            self.members_model.index(row, MembersModel.NAME).data(MEMBER_ROLE)
            if row is not None
            else None
        )
        if member is None:
            self.interests_panel.show_member("", ())
        else:
            self.interests_panel.show_member(member.name, member.interests)

    def composition_key(self) -> str:
        """The requirements as typed, in the stored form ("" if they cannot be read: the
        dialog's problems say so and OK waits)."""
        try:
            return composition_key(parse_composition(self.quorum_composition.text()))
        except CouncilError:
            return ""

    def composition_problem(self) -> str:
        """Why the quorum's requirements cannot be saved with these members ("": they can),
        by the core's rule."""
        try:
            requirements = parse_composition(self.quorum_composition.text())
        except CouncilError as error:
            return str(error)
        members = self.members_model.members()
        return composition_problem(requirements, (m.kind for m in members if m.voting))

    def update_remove_button(self) -> None:
        self.remove_member_button.setEnabled(
            bool(self.members_table.selectionModel().selectedRows())
        )


def _parsed(stored: str) -> tuple[Requirement, ...]:
    try:
        return parse_composition(stored)
    except CouncilError:
        return ()
