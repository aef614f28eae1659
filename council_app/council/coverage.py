"""What a kind of case must cover before the council decides it, and what this case lacks.

The framework's coverage rules (``[[coverage]]``) name, for cases with certain tags or products,
stakeholder groups to be heard and questions to be answered. A group is covered once the case
holds input from it, or says why it was not heard; a question once the case answers it. What is
neither is *open*: the walk, the scoring panel and the memo all say so from :func:`coverage`,
and ask why. A reason is an answer too: the council may decide a case without a group's input,
but not without saying why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from council_app.case import Case
from council_app.framework import CoverageRule, Framework


@dataclass(frozen=True)
class Requirement:
    """One thing a rule asks of the case, and where the case stands on it."""

    rule: CoverageRule
    key: str  # rule.group.key or rule.question.key
    kind: Literal["group", "question"]
    asks: str  # the group's title, or the question
    heard: bool  # a group: the case holds input from it (a question: False)
    note: str  # the answer, or why the group was not heard ("": none given)

    @property
    def is_open(self) -> bool:
        return not self.heard and not self.note.strip()

    def sentence(self) -> str:
        """``Biometric identification — Experts: not heard, and no reason given; say why.``"""
        lead = f"{self.rule.title} — "
        note = self.note.strip()
        if self.kind == "group":
            if self.heard:
                return f"{lead}{self.asks}: heard."
            if note:
                return f"{lead}{self.asks}: not heard. Why: {note}"
            return f"{lead}{self.asks}: not heard, and no reason given; say why."
        return f"{lead}{self.asks} {note or 'Not answered.'}"


def rules_for(framework: Framework, case: Case) -> tuple[CoverageRule, ...]:
    return tuple(r for r in framework.coverage if r.applies_to(case.tags, case.product))


def coverage(framework: Framework, case: Case) -> list[Requirement]:
    """Every requirement of every rule that applies to the case, in the framework's order."""
    notes = {n.requirement: n.text for n in case.coverage}
    heard = {s.group for s in case.stakeholder_input}
    found: list[Requirement] = []
    for rule in rules_for(framework, case):
        for group in rule.stakeholder_groups:
            key = f"{rule.key}.group.{group}"
            title = (
                framework.stakeholder_group(group).title
                if group in framework.stakeholder_group_keys
                else group
            )
            found.append(Requirement(rule, key, "group", title, group in heard, notes.get(key, "")))
        for question in rule.questions:
            key = f"{rule.key}.question.{question.key}"
            found.append(
                Requirement(rule, key, "question", question.text, False, notes.get(key, ""))
            )
    return found


def open_requirements(framework: Framework, case: Case) -> list[Requirement]:
    return [r for r in coverage(framework, case) if r.is_open]


def open_summary(framework: Framework, case: Case) -> str:
    """One line for the scoring panel and the command line ("" when nothing is open)."""
    missing = open_requirements(framework, case)
    if not missing:
        return ""
    rules = ", ".join(dict.fromkeys(r.rule.title for r in missing))
    what = "; ".join(
        f"{r.asks} not heard" if r.kind == "group" else "a question unanswered" for r in missing
    )
    return (
        f"Coverage the framework asks of this case ({rules}) is missing: {what}. Say why or answer."
    )


__all__ = [
    "Requirement",
    "coverage",
    "open_requirements",
    "open_summary",
    "rules_for",
]
