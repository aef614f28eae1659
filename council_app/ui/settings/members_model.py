"""The council's members as an editable table, and what stops the core from saving them.

The Members tab edits the list in a table; what a cell accepts (dates as written-out ISO text,
Voting as a tick) and the check that OK waits for are kept here, apart from the widgets, so that
they can be tested as a model and say what :func:`~council_app.library.members.check_members`
says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from council_app.library.interests import Interest
from council_app.library.members import Member, check_members, member_kind
from council_app.ui.common.row_table_model import RowTableModel, check_state

ModelIndex = QModelIndex | QPersistentModelIndex

# The whole Member of a row, for code that wants the row rather than one cell.
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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

    COLUMNS = ("Name", "Role", "Voting", "Active from", "Active to", "Kind")
    NAME, ROLE, VOTING, ACTIVE_FROM, ACTIVE_TO, KIND = range(6)
    _DATE_COLUMNS = (ACTIVE_FROM, ACTIVE_TO)
    HEADER_TIPS = (
        "The member's name as it appears on votes and memos",
        "The member's role on the council, for example Chair",
        "Ticked when the member votes; unticked for advisers",
        "First day of membership, YYYY-MM-DD; empty when not known",
        "Last day of membership, YYYY-MM-DD; empty while still a member",
        "A word telling members apart, such as external or internal; the quorum rule may ask "
        "for members of a kind",
    )

    def __init__(self, members: Sequence[Member] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = list(members)

    def members(self) -> tuple[Member, ...]:
        return tuple(self._rows)

    def set_members(self, members: Sequence[Member]) -> None:
        self.set_rows(members)

    def set_interests(self, row: int, interests: Sequence[Interest]) -> None:
        """The member's register as the Members tab edited it (saved with the members)."""
        if 0 <= row < len(self._rows):
            self._rows[row] = replace(self._rows[row], interests=tuple(interests))

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
        if column == self.KIND:
            return member.kind
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
            changed = replace(member, voting=check_state(value) is True)
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
        elif column == self.KIND:
            changed = replace(member, kind=member_kind(value))
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
