"""Members' declared interests: the register a sitting matches its cases against.

Each interest is of a kind (a customer, a sector, a product, a region, or a role such as "sales
lead for the public sector"), dated when declared and, when withdrawn, dated again: nothing is
deleted, so what a member had declared on the day of a sitting can always be read back. A
member's interests are numbered 1, 2, … in the order they were declared; the number does not
change when one is withdrawn. The audit log records the register with the members.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from council_app.errors import CouncilError
from council_app.library.case_library import CaseLibrary
from council_app.library.rows import iso, to_date, to_date_required
from council_app.vocabulary import INTEREST_KIND_TITLES, INTEREST_KINDS

# How each kind reads in a sentence: the vocabulary's.
KIND_TITLES = INTEREST_KIND_TITLES


class InterestError(CouncilError):
    """An interest cannot be registered or withdrawn as asked; the message says why."""


@dataclass(frozen=True)
class Interest:
    number: int  # 1, 2, … among the member's interests, in the order declared
    member: str
    kind: str  # one of INTEREST_KINDS
    text: str
    declared_on: date
    withdrawn_on: date | None = None
    note: str = ""
    id: int = 0  # the row in member_interests

    def withdrawn(self, day: date) -> Interest:
        """The interest as withdrawn on ``day`` (not before it was declared)."""
        return dataclasses.replace(self, withdrawn_on=max(day, self.declared_on))

    def standing_on(self, day: date) -> bool:
        """Declared by ``day`` and not withdrawn by then."""
        return self.declared_on <= day and (self.withdrawn_on is None or day < self.withdrawn_on)

    def sentence(self) -> str:
        """``2. role: sales lead for the public sector (declared 2026-01-10)``."""
        dates = f"declared {self.declared_on.isoformat()}"
        if self.withdrawn_on is not None:
            dates += f", withdrawn {self.withdrawn_on.isoformat()}"
        note = f" — {self.note}" if self.note else ""
        return f"{self.number}. {KIND_TITLES[self.kind]}: {self.text} ({dates}){note}"


def check_kind(kind: str) -> str:
    key = kind.strip().lower()
    if key not in INTEREST_KINDS:
        raise InterestError(
            f"An interest is of one of these kinds: {', '.join(INTEREST_KINDS)}; not {kind!r}."
        )
    return key


def interests_by_member(library: CaseLibrary) -> dict[str, tuple[Interest, ...]]:
    """Every member's interests, withdrawn ones too, each member's in the order declared."""
    found: dict[str, list[Interest]] = {}
    for id_, member, kind, text, declared_on, withdrawn_on, note in library.db.execute(
        "SELECT id, member, kind, text, declared_on, withdrawn_on, note FROM member_interests "
        "ORDER BY member, id"
    ):
        listed = found.setdefault(member, [])
        listed.append(
            Interest(
                len(listed) + 1,
                member,
                kind,
                text,
                to_date_required(declared_on),
                to_date(withdrawn_on),
                note,
                int(id_),
            )
        )
    return {member: tuple(listed) for member, listed in found.items()}


def council_member_name(library: CaseLibrary, name: str) -> str:
    """The name as the members list holds it; refused, in words, for someone not on the council
    (the register, the declarations at a sitting and the command line all ask this)."""
    row = library.db.execute("SELECT name FROM members WHERE name = ?", [name.strip()]).fetchone()
    if row is None:
        raise InterestError(
            f"{' '.join(name.split()) or 'A member without a name'} is not a member of the council."
        )
    return str(row[0])


def member_interests(library: CaseLibrary, name: str) -> tuple[Interest, ...]:
    """A member's interests, in the order declared; refused for someone not on the council."""
    with library.snapshot():
        member = council_member_name(library, name)
        return interests_by_member(library).get(member, ())


def add_interest(
    library: CaseLibrary,
    name: str,
    kind: str,
    text: str,
    *,
    declared_on: date | None = None,
    note: str = "",
) -> Interest:
    """Register an interest a member declares (today unless ``declared_on``)."""
    member = council_member_name(library, name)
    key = check_kind(kind)
    if not text.strip():
        raise InterestError("An interest needs words saying what it is.")
    day = declared_on or date.today()
    with library.write(what=f"{member} declared an interest ({key})") as db:
        db.execute(
            "INSERT INTO member_interests (member, kind, text, declared_on, note) "
            "VALUES (?, ?, ?, ?, ?)",
            [member, key, " ".join(text.split()), day.isoformat(), note.strip()],
        )
    return member_interests(library, member)[-1]


def withdraw_interest(
    library: CaseLibrary, name: str, number: int, *, withdrawn_on: date | None = None
) -> Interest:
    """Record that a member's interest number ``number`` no longer stands (it is kept)."""
    listed = member_interests(library, name)
    interest = next((i for i in listed if i.number == number), None)
    if interest is None:
        have = f"1 to {len(listed)}" if listed else "none yet"
        raise InterestError(
            f"{council_member_name(library, name)} has no interest number {number} (they have {have})."
        )
    if interest.withdrawn_on is not None:
        raise InterestError(
            f"{interest.member}'s interest {number} was withdrawn on "
            f"{interest.withdrawn_on.isoformat()} already."
        )
    day = withdrawn_on or date.today()
    if day < interest.declared_on:
        raise InterestError(
            f"An interest cannot be withdrawn before it was declared "
            f"({interest.declared_on.isoformat()})."
        )
    with library.write(what=f"{interest.member} withdrew an interest ({interest.kind})") as db:
        db.execute(
            "UPDATE member_interests SET withdrawn_on = ? WHERE id = ?", [iso(day), interest.id]
        )
    return member_interests(library, interest.member)[number - 1]


def save_registers(
    library: CaseLibrary, registers: Iterable[tuple[str, Sequence[Interest]]]
) -> int:
    """Bring members' registers to what an editor shows: its new interests (``id`` 0) are
    declared, and those it withdrew are withdrawn; nothing is deleted or rewritten, whatever the
    editor holds. Returns how many interests changed. Each member must be on the council.
    """
    registers = [(name, list(interests)) for name, interests in registers]
    stored = {i.id: i for listed in interests_by_member(library).values() for i in listed}
    changed = 0
    with library.write(what="members' interests changed") as db:
        for name, interests in registers:
            for interest in interests:
                if interest.id == 0:
                    member = council_member_name(library, name)
                    check_kind(interest.kind)
                    if not interest.text.strip():
                        raise InterestError("An interest needs words saying what it is.")
                    db.execute(
                        "INSERT INTO member_interests "
                        "(member, kind, text, declared_on, withdrawn_on, note) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        [
                            member, check_kind(interest.kind), " ".join(interest.text.split()),
                            interest.declared_on.isoformat(), iso(interest.withdrawn_on),
                            interest.note.strip(),
                        ],
                    )  # fmt: skip
                    changed += 1
                    continue
                was = stored.get(interest.id)
                if was is not None and was.withdrawn_on is None and interest.withdrawn_on:
                    db.execute(
                        "UPDATE member_interests SET withdrawn_on = ? WHERE id = ?",
                        [iso(interest.withdrawn_on), interest.id],
                    )
                    changed += 1
    return changed


__all__ = [
    "INTEREST_KINDS",
    "KIND_TITLES",
    "Interest",
    "InterestError",
    "add_interest",
    "check_kind",
    "interests_by_member",
    "member_interests",
    "save_registers",
    "withdraw_interest",
]
