"""The one rule by which text a reader may not see leaves what is made for them.

A fact, a rating's rationale, the decision's reasons, an item of stakeholder input, a member's
notes and an evidence item each carry a class (``council_app.vocabulary``: public, internal,
council only, legally privileged), or "" for the default their case's framework gives their
kind. Every document made for someone beyond the council (a memo or minutes, in either variant,
an export with ``--redact``, the published library) is made from the case as
:func:`for_audience` returns it, and the same rule decides for all of them: a reader never
meets text above their audience's class, and always learns that something was left out.

What is left out goes two ways. A list item (a fact, a stakeholder's input, an attachment) is
dropped whole and counted, because what is left of it (a group, a date, a file name) can say
too much; a rationale or notes keep their place, so the score beside a rationale still reads
as the member's, and say in place that the text was left out. Personal data is a second,
separate rule (``council_app.library.redaction``), applied after this one to external copies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from council_app.case import Assessment, Case, Condition, Decision, Rating
from council_app.framework import Framework

if TYPE_CHECKING:
    from collections.abc import Sequence

    from council_app.library.case_library import CaseLibrary
from council_app.vocabulary import (
    CONFIDENTIAL_KIND_WORDS,
    CONFIDENTIAL_KINDS,
    CONFIDENTIALITY_CLASSES,
    Audience,
    confidentiality_title,
    may_see,
)


def left_out_text(level: str) -> str:
    """What a rationale or notes read, in place, where their text was left out."""
    return f"Left out of this version ({confidentiality_title(level).lower()})."


def class_of(stated: str, kind: str, framework: Framework) -> str:
    """The class an item has: the one given it, else its framework's default for its kind."""
    return stated or framework.confidentiality.of(kind)


def class_label(stated: str, kind: str, framework: Framework) -> str:
    """``[Council only]``: what marks an item wherever it is shown ("" for a public one), so
    that a reader knows how far it may go."""
    level = class_of(stated, kind, framework)
    return "" if level == "public" else f"[{confidentiality_title(level)}]"


@dataclass(frozen=True)
class LeftOut:
    """How many items of one kind one class kept out of a copy."""

    kind: str
    level: str
    count: int

    def words(self) -> str:
        """``2 facts (council only)``."""
        one, many = CONFIDENTIAL_KIND_WORDS.get(self.kind, (self.kind, self.kind))
        title = confidentiality_title(self.level).lower()
        return f"{self.count} {one if self.count == 1 else many} ({title})"


@dataclass(frozen=True)
class Withheld:
    """What one copy of a case leaves out, kind by kind, least guarded class first."""

    items: tuple[LeftOut, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.items)

    def of(self, kind: str) -> tuple[LeftOut, ...]:
        return tuple(item for item in self.items if item.kind == kind)

    def sentence(self, kinds: Iterable[str] = CONFIDENTIAL_KINDS) -> str:
        """``Left out of this version: 1 fact (council only); 2 items of stakeholder input
        (legally privileged).`` ("" when nothing of ``kinds`` was)."""
        wanted = set(kinds)
        parts = [item.words() for item in self.items if item.kind in wanted]
        return f"Left out of this version: {'; '.join(parts)}." if parts else ""

    def to_json(self) -> list[dict[str, Any]]:
        """The exchange format's ``left_out`` of a case."""
        return [
            {"kind": item.kind, "confidentiality": item.level, "count": item.count}
            for item in self.items
        ]

    def __add__(self, other: Withheld) -> Withheld:
        counts: Counter[tuple[str, str]] = Counter()
        for item in (*self.items, *other.items):
            counts[(item.kind, item.level)] += item.count
        return _withheld(counts)


def _withheld(counts: Mapping[tuple[str, str], int]) -> Withheld:
    def order(key: tuple[str, str]) -> tuple[int, int]:
        kind, level = key
        rank = CONFIDENTIALITY_CLASSES.index(level) if level in CONFIDENTIALITY_CLASSES else 99
        return CONFIDENTIAL_KINDS.index(kind), rank

    return Withheld(
        tuple(
            LeftOut(kind, level, counts[(kind, level)]) for kind, level in sorted(counts, key=order)
        )
    )


class _Sieve:
    """One pass over one case for one audience, counting what it leaves out."""

    def __init__(self, audience: Audience, framework: Framework) -> None:
        self.audience = audience
        self.framework = framework
        self.counts: Counter[tuple[str, str]] = Counter()

    def shown(self, stated: str, kind: str) -> bool:
        level = class_of(stated, kind, self.framework)
        if may_see(self.audience, level):
            return True
        self.counts[(kind, level)] += 1
        return False

    def text(self, text: str, stated: str, kind: str) -> str:
        """The text, or where there is some the audience may not read, a note in its place."""
        if not text or self.shown(stated, kind):
            return text
        return left_out_text(class_of(stated, kind, self.framework))

    def rating(self, rating: Rating) -> Rating:
        return replace(
            rating, rationale=self.text(rating.rationale, rating.confidentiality, "rationales")
        )

    def assessment(self, a: Assessment) -> Assessment:
        return replace(
            a,
            notes=self.text(a.notes, a.notes_confidentiality, "notes"),
            considerations={k: self.rating(r) for k, r in a.considerations.items()},
            principles={k: self.rating(r) for k, r in a.principles.items()},
        )

    def condition(self, c: Condition) -> Condition:
        return replace(
            c,
            evidence=tuple(e for e in c.evidence if self.shown(e.confidentiality, "attachments")),
        )

    def decision(self, d: Decision) -> Decision:
        return replace(
            d,
            rationale=self.text(d.rationale, d.rationale_confidentiality, "rationales"),
            conditions=tuple(self.condition(c) for c in d.conditions),
        )

    def case(self, case: Case) -> Case:
        return replace(
            case,
            facts=tuple(f for f in case.facts if self.shown(f.confidentiality, "facts")),
            stakeholder_input=tuple(
                s
                for s in case.stakeholder_input
                if self.shown(s.confidentiality, "stakeholder_input")
            ),
            assessments=tuple(self.assessment(a) for a in case.assessments),
            decision=None if case.decision is None else self.decision(case.decision),
        )

    @property
    def withheld(self) -> Withheld:
        return _withheld(self.counts)


def for_audience(case: Case, audience: Audience, framework: Framework) -> tuple[Case, Withheld]:
    """The case as ``audience`` may read it, and what was left out of it.

    ``framework`` is the case's own (``frameworks.case_framework``): its defaults decide for
    an item given no class, so a later framework's defaults never reach back to a decided case.
    """
    if audience == "council":
        return case, Withheld()
    sieve = _Sieve(audience, framework)
    return sieve.case(case), sieve.withheld


def decision_for_audience(decision: Decision, audience: Audience, framework: Framework) -> Decision:
    """An earlier decision the case carried (a memo's revisions), by the same rule; what it
    leaves out is the case's own record again, so it is not counted twice."""
    if audience == "council":
        return decision
    return _Sieve(audience, framework).decision(decision)


def public_copies(
    library: CaseLibrary, cases: Sequence[Case]
) -> tuple[list[Case], dict[str, Withheld]]:
    """The cases as a public reader may read them, each by its own framework's defaults, and
    what was left out of each (the redacted export's and the published library's one rule)."""
    from council_app.library.frameworks import case_framework, framework_in_force

    in_force = framework_in_force(library)
    copies: list[Case] = []
    withheld: dict[str, Withheld] = {}
    for case in cases:
        copy, left_out = for_audience(case, "public", case_framework(library, case, in_force))
        copies.append(copy)
        if left_out:
            withheld[case.id] = left_out
    return copies, withheld


__all__ = [
    "LeftOut",
    "Withheld",
    "class_label",
    "class_of",
    "decision_for_audience",
    "for_audience",
    "left_out_text",
    "public_copies",
]
