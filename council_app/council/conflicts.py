"""Conflicts of interest: members' declared interests matched against the cases before them, and
what each member declared at the sitting.

The rule that an interest touches a case is stated once, here (``interest_matches``): an
interest of a kind is read against the case's facts of that kind (a role against the customer,
the sector and the product), case-insensitively, on whole words: the interest's words contain
the fact's, or the fact's contain the interest's. "sales lead for the public sector" matches the
sector "public sector"; the region "EU" matches the region "EU" but not "EUR"; a region is never
read out of a role's prose ("in" is India's code).

At a sitting each member whose current interests match an item is flagged and asked to declare:
no conflict, recused (recorded as a recusal too, so quorum and the decision follow) or managed
(with a note saying how). A member may declare without being flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from council_app.errors import CouncilError
from council_app.library.case_library import CaseLibrary
from council_app.library.interests import KIND_TITLES, Interest, council_member_name
from council_app.library.members import Member
from council_app.vocabulary import DECLARATION_OUTCOMES, DECLARATION_TITLES

# The facts of a case each kind of interest is read against.
FIELDS_FOR_KIND: dict[str, tuple[str, ...]] = {
    "customer": ("customer",),
    "sector": ("sector",),
    "product": ("product",),
    "region": ("regions",),
    "role": ("customer", "sector", "product"),
}
FIELD_TITLES = {
    "customer": "customer",
    "sector": "sector",
    "product": "product",
    "regions": "region",
}

OUTCOME_TITLES = DECLARATION_TITLES  # the vocabulary's words


class CaseFacts(Protocol):
    @property
    def customer(self) -> str: ...
    @property
    def sector(self) -> str: ...
    @property
    def product(self) -> str: ...
    @property
    def regions(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class InterestMatch:
    interest: Interest
    field: str  # "customer", "sector", "product" or "regions"
    value: str  # the case's fact, as written

    @property
    def member(self) -> str:
        return self.interest.member

    def sentence(self) -> str:
        """``role "sales lead for the public sector" matches the sector "public sector"``."""
        kind = KIND_TITLES[self.interest.kind]
        return (
            f'{kind} "{self.interest.text}" matches the {FIELD_TITLES[self.field]} "{self.value}"'
        )


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.casefold()))


def _contains(hay: Sequence[str], needle: Sequence[str]) -> bool:
    size = len(needle)
    return size > 0 and any(
        tuple(hay[i : i + size]) == tuple(needle) for i in range(len(hay) - size + 1)
    )


def _values(case: CaseFacts, field: str) -> tuple[str, ...]:
    if field == "regions":
        return tuple(case.regions)
    return (str(getattr(case, field)),)


def interest_matches(case: CaseFacts, interests: Iterable[Interest]) -> list[InterestMatch]:
    """Which of ``interests`` touch the case, each with the fact it matched, in order."""
    found: list[InterestMatch] = []
    for interest in interests:
        words = _words(interest.text)
        for field in FIELDS_FOR_KIND[interest.kind]:
            for value in _values(case, field):
                fact = _words(value)
                if _contains(words, fact) or _contains(fact, words):
                    found.append(InterestMatch(interest, field, value))
    return found


@dataclass(frozen=True)
class Declaration:
    case_id: str
    member: str
    outcome: str  # one of DECLARATION_OUTCOMES
    note: str = ""

    @property
    def outcome_title(self) -> str:
        return OUTCOME_TITLES[self.outcome]

    def sentence(self, note: bool = True) -> str:
        said = f" ({self.note})" if note and self.note else ""
        return f"{self.member}: {self.outcome_title}{said}"


@dataclass(frozen=True)
class ConflictFlag:
    """A member whose interests touch an agenda item, and what they declared (None: not yet)."""

    member: str
    matches: tuple[InterestMatch, ...]
    declaration: Declaration | None = None

    def sentence(self) -> str:
        matched = "; ".join(m.sentence() for m in self.matches)
        said = (
            f"declared {self.declaration.outcome_title}"
            if self.declaration is not None
            else "not yet declared"
        )
        return f"{self.member}: {matched} — {said}"


def flags_for(
    members: Iterable[Member],
    case: CaseFacts,
    day: date,
    declarations: Iterable[Declaration] = (),
) -> tuple[ConflictFlag, ...]:
    """The members on the council on ``day`` whose interests standing then touch the case."""
    declared = {d.member: d for d in declarations}
    flags = []
    for member in members:
        if not member.active_on(day):
            continue
        matches = interest_matches(case, [i for i in member.interests if i.standing_on(day)])
        if matches:
            flags.append(ConflictFlag(member.name, tuple(matches), declared.get(member.name)))
    return tuple(flags)


def session_declarations(library: CaseLibrary, session_id: int) -> tuple[Declaration, ...]:
    return tuple(
        Declaration(case_id, member, outcome, note)
        for case_id, member, outcome, note in library.db.execute(
            "SELECT case_id, member, outcome, note FROM session_declarations "
            "WHERE session_id = ? ORDER BY case_id, member",
            [session_id],
        )
    )


def declaration_problem(outcome: str, note: str) -> str | None:
    """What stops a declaration from being recorded as it stands (None: nothing)."""
    if outcome not in DECLARATION_OUTCOMES:
        return f"A declaration is one of {', '.join(DECLARATION_OUTCOMES)}; not {outcome!r}."
    if outcome == "managed" and not note.strip():
        return "A managed conflict needs a note saying how it is managed."
    return None


def declare(
    library: CaseLibrary,
    session_id: int,
    case_id: str,
    member: str,
    outcome: str,
    note: str = "",
) -> Declaration:
    """Record what a member declares about an item: no conflict, recused or managed.

    Recused also records the recusal (the member neither votes nor counts toward quorum); a
    member who declared recused and now declares otherwise no longer stands aside.
    """
    from council_app.council import sessions

    note = " ".join(note.split())
    problem = declaration_problem(outcome, note)
    if problem:
        raise CouncilError(problem)
    session = sessions.get_session(library, session_id)
    if not session.on_agenda(case_id):
        raise CouncilError(f"{case_id} is not on the agenda of this sitting.")
    if session.status == "closed":
        raise CouncilError("This sitting is closed; its declarations can no longer change.")
    name = council_member_name(library, member)
    was = next(
        (
            d
            for d in session_declarations(library, session_id)
            if (d.case_id, d.member) == (case_id, name)
        ),
        None,
    )
    with library.write(
        what=f"{name} declared {OUTCOME_TITLES[outcome]} on {case_id} at sitting {session_id}"
    ) as db:
        db.execute(
            "INSERT INTO session_declarations (session_id, case_id, member, outcome, note) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(session_id, case_id, member) "
            "DO UPDATE SET outcome = excluded.outcome, note = excluded.note",
            [session_id, case_id, name, outcome, note],
        )
        if outcome == "recused":
            sessions.recuse(
                library, session_id, case_id, name, note or "declared a conflict of interest"
            )
        elif was is not None and was.outcome == "recused":
            db.execute(
                "DELETE FROM recusals WHERE session_id = ? AND case_id = ? AND member = ?",
                [session_id, case_id, name],
            )
    return Declaration(case_id, name, outcome, note)


__all__ = [
    "FIELDS_FOR_KIND",
    "OUTCOME_TITLES",
    "ConflictFlag",
    "Declaration",
    "InterestMatch",
    "declaration_problem",
    "declare",
    "flags_for",
    "interest_matches",
    "session_declarations",
]
