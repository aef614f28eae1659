"""The council's members, as library data: who sits on the council, in what role, and when.

Each member also has a kind (a word the council chooses, such as "external") and a register of
declared interests, kept in ``council_app.library.interests``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from council_app.errors import CouncilError
from council_app.library.case_library import CaseLibrary
from council_app.library.interests import Interest, interests_by_member
from council_app.library.rows import iso, to_date


def member_kind(text: str) -> str:
    """A member's kind as the library keeps it: lower case, single spaces. The quorum rule
    compares kinds, so "External " typed in the members table, ``1:external`` in the rule and
    "EXTERNAL" given on the command line or in an imported file must be the same word."""
    return " ".join(text.split()).lower()


@dataclass(frozen=True)
class Member:
    name: str
    role: str = ""
    voting: bool = True
    active_from: date | None = None
    active_to: date | None = None
    kind: str = ""  # "external", "internal", ...: the quorum rule may ask for a kind
    # The register of declared interests, as read; written through council_app.library.interests
    # (save_members leaves it as it is).
    interests: tuple[Interest, ...] = ()

    @property
    def current_interests(self) -> tuple[Interest, ...]:
        return tuple(i for i in self.interests if i.withdrawn_on is None)

    def active_on(self, day: date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day <= self.active_to
        )


def list_members(library: CaseLibrary) -> list[Member]:
    with library.snapshot():
        interests = interests_by_member(library)
        return [
            Member(
                name,
                role,
                bool(voting),
                to_date(active_from),
                to_date(active_to),
                kind,
                interests.get(name, ()),
            )
            for name, role, voting, active_from, active_to, kind in library.db.execute(
                "SELECT name, role, voting, active_from, active_to, kind FROM members ORDER BY name"
            )
        ]


def check_members(members: Sequence[Member]) -> list[str]:
    """What is wrong with a list of members, in sentences (empty when it can be saved)."""
    problems: list[str] = []
    names = [m.name.strip() for m in members]
    if any(not n for n in names):
        problems.append("Every member needs a name.")
    duplicates = sorted({n for n in names if n and names.count(n) > 1})
    if duplicates:
        verb = "appears" if len(duplicates) == 1 else "appear"
        problems.append(f"Each member is listed once; {', '.join(duplicates)} {verb} twice.")
    for m in members:
        if m.active_from and m.active_to and m.active_to < m.active_from:
            who = m.name.strip() or "A member without a name"
            problems.append(f"{who}: the end of membership comes before its start.")
    return problems


def save_members(library: CaseLibrary, members: Iterable[Member]) -> None:
    """Replace the list of members with ``members``, in one transaction.

    Their interests are not part of the list: they stay as registered.
    """
    members = list(members)
    problems = check_members(members)
    if problems:
        raise CouncilError(" ".join(problems))
    with library.write(what="members of the council changed") as db:
        db.execute("DELETE FROM members")
        for m in members:
            db.execute(
                "INSERT INTO members (name, role, voting, active_from, active_to, kind) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    m.name.strip(),
                    m.role.strip(),
                    int(m.voting),
                    iso(m.active_from),
                    iso(m.active_to),
                    member_kind(m.kind),
                ],
            )


def known_member_names(library: CaseLibrary) -> list[str]:
    """Members of the council first, then anyone else who has rated or voted, by name."""
    listed = [m.name for m in list_members(library)]
    from council_app.library.personal_data import distinct_names

    others = sorted(
        set(distinct_names(library, "assessments", "member"))
        | set(distinct_names(library, "votes", "member"))
    )
    return list(dict.fromkeys(listed + others))
