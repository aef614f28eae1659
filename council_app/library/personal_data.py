"""Personal data in a library, and how it is left out of what leaves the council.

``PERSONAL_DATA`` marks the columns that hold it (the schema document marks the same columns,
and a test keeps the two in step). The external memo, the external minutes and ``export
--redact`` replace members' names with "Member A", "Member B"… (the same member, the same
letter, throughout one document), drop stakeholder contact details, and replace members' names
where they appear in free text ("Nowak's concern" → "Member B's concern").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from council_app.case import Case

PERSONAL_DATA: dict[str, tuple[str, ...]] = {
    "assessments": ("member",),
    "votes": ("member",),
    "dissents": ("member",),
    "stakeholder_input": ("contact",),
    "members": ("name",),
    "session_attendance": ("member",),
    "recusals": ("member", "reason"),
    "decision_recusals": ("member", "reason"),
    "session_votes": ("member",),
    "audit_log": ("actor",),
}


def letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: as many members as a council may have."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text


def case_people(case: Case) -> list[str]:
    """Everyone named on a case, in the order a reader meets them."""
    names = [a.member for a in case.assessments]
    if case.decision:
        names += [v.member for v in case.decision.votes]
        names += [d.member for d in case.decision.dissent]
        names += [a.member for a in case.decision.stood_aside]
    return names


class Aliases:
    """Members' names replaced by "Member A", "Member B"…, consistently within one document."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._aliases: dict[str, str] = {}
        self.add(names)

    def add(self, names: Iterable[str]) -> None:
        for name in names:
            if name and name not in self._aliases:
                self._aliases[name] = f"Member {letters(len(self._aliases))}"

    def __call__(self, name: str) -> str:
        return self._aliases.get(name, "A member")

    def redact(self, text: str) -> str:
        """Names in free text become aliases too: the full name, and a surname only one
        member has (four letters or more, so that short words are not caught)."""
        if not text:
            return text
        surnames = Counter(name.split()[-1] for name in self._aliases if " " in name)
        for name, alias in sorted(self._aliases.items(), key=lambda kv: -len(kv[0])):
            text = re.sub(rf"\b{re.escape(name)}\b", alias, text)
            surname = name.split()[-1]
            if " " in name and len(surname) >= 4 and surnames[surname] == 1:
                text = re.sub(rf"\b{re.escape(surname)}\b", alias, text)
        return text


def redact_case(case: Case, aliases: Aliases) -> Case:
    """The case without personal data, for sharing outside the council."""
    aliases.add(case_people(case))
    text = aliases.redact
    decision = case.decision
    if decision is not None:
        decision = replace(
            decision,
            rationale=text(decision.rationale),
            distinction=text(decision.distinction),
            votes=tuple(replace(v, member=aliases(v.member)) for v in decision.votes),
            dissent=tuple(
                replace(d, member=aliases(d.member), text=text(d.text)) for d in decision.dissent
            ),
            reviews=tuple(replace(r, note=text(r.note)) for r in decision.reviews),
            departure=text(decision.departure),
            # Who stood aside is kept (as an alias); why is personal: it is left out.
            stood_aside=tuple(
                replace(a, member=aliases(a.member), reason="") for a in decision.stood_aside
            ),
        )
    return replace(
        case,
        summary=text(case.summary),
        use_case=text(case.use_case),
        assessments=tuple(
            replace(
                a,
                member=aliases(a.member),
                notes=text(a.notes),
                considerations={
                    k: replace(r, rationale=text(r.rationale)) for k, r in a.considerations.items()
                },
                principles={
                    k: replace(r, rationale=text(r.rationale)) for k, r in a.principles.items()
                },
            )
            for a in case.assessments
        ),
        stakeholder_input=tuple(
            replace(s, contact="", summary=text(s.summary)) for s in case.stakeholder_input
        ),
        decision=decision,
    )


__all__ = ["PERSONAL_DATA", "Aliases", "case_people", "letters", "redact_case"]
