"""Quorum: whether enough voting members are present to decide a case.

The rule is a setting of the library (``quorum_rule``): ``majority`` (more than half of the
voting members), ``two_thirds``, ``all``, or a number of members. A member who has recused
from a case neither votes on it nor counts toward its quorum, so the rule is applied to the
voting members who have not recused.

The rule may also ask for members of a kind (``quorum_composition``, for example
``1:external``: at least one external member present). A member's kind is a word the council
gives its members (``members.kind``); a requirement counts the voting members present, not
recused, of that kind. Without one, the rule and its sentence are as they always were.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from council_app.errors import CouncilError
from council_app.library.members import member_kind

QUORUM_RULE_KEY = "quorum_rule"
QUORUM_COMPOSITION_KEY = "quorum_composition"
DEFAULT_RULE = "majority"
RULES = ("majority", "two_thirds", "all")


def check_rule(rule: str) -> str:
    rule = rule.strip().lower()
    if rule in RULES or (rule.isdigit() and int(rule) > 0):
        return rule
    raise CouncilError(
        f"Unknown quorum rule {rule!r}; use majority, two_thirds, all, or a number of members."
    )


def needed(rule: str, eligible: int) -> int:
    """How many of ``eligible`` voting members must be present."""
    rule = check_rule(rule)
    if rule == "majority":
        return eligible // 2 + 1
    if rule == "two_thirds":
        return math.ceil(eligible * 2 / 3)
    if rule == "all":
        return eligible
    return min(int(rule), eligible) if eligible else int(rule)


def rule_text(rule: str) -> str:
    rule = check_rule(rule)
    return {
        "majority": "a majority of the voting members",
        "two_thirds": "two thirds of the voting members",
        "all": "every voting member",
    }.get(rule, f"{rule} voting members")


@dataclass(frozen=True)
class Requirement:
    """At least ``count`` members of ``kind`` present."""

    count: int
    kind: str

    def text(self) -> str:
        member = "member" if self.count == 1 else "members"
        return f"at least {self.count} {self.kind} {member}"

    def key(self) -> str:
        return f"{self.count}:{self.kind}"


def parse_requirement(text: str) -> Requirement:
    """``1:external`` (or ``1 external``): at least one external member present."""
    # "1:external", "1 external", "1: external" and "1 : external" are the same requirement.
    count, sep, kind = text.replace(":", " ", 1).strip().partition(" ")
    kind = member_kind(kind)
    if not sep or not count.isdigit() or int(count) < 1 or not kind:
        raise CouncilError(
            f"Write a requirement of the quorum as a number and a kind of member, such as "
            f"1:external; not {text!r}."
        )
    return Requirement(int(count), kind)


def parse_composition(text: str) -> tuple[Requirement, ...]:
    """The stored form, requirements separated by commas ('' for none)."""
    return tuple(parse_requirement(part) for part in text.split(",") if part.strip())


def composition_key(requirements: Sequence[Requirement]) -> str:
    return ",".join(r.key() for r in requirements)


def composition_problem(requirements: Sequence[Requirement], kinds: Iterable[str]) -> str:
    """Why the quorum could never be met with these requirements ("": it could): a kind no
    voting member is of. ``kinds``: the voting members' kinds."""
    have = {member_kind(k) for k in kinds if k.strip()}
    for requirement in requirements:
        if requirement.kind not in have:
            return (
                f"No voting member is of the kind {requirement.kind!r}, so the quorum could "
                "never be met; give members their kind first (council-app member kind NAME "
                "KIND, or Settings › Members)."
            )
    return ""


def rule_words(rule: str, composition: Sequence[Requirement] = ()) -> str:
    """``a majority of the voting members, with at least 1 external member``."""
    asked = " and ".join(r.text() for r in composition)
    return rule_text(rule) + (f", with {asked}" if asked else "")


@dataclass(frozen=True)
class RequirementCheck:
    requirement: Requirement
    present: tuple[str, ...]  # voting members of the kind present and not recused

    @property
    def met(self) -> bool:
        return len(self.present) >= self.requirement.count

    def words(self, name: Callable[[str], str] = str) -> str:
        if self.met:
            return f"{self.requirement.text()} present ({', '.join(name(m) for m in self.present)})"
        found = len(self.present)
        return f"{self.requirement.text()} must be present; " + (
            "none is" if not found else f"only {found} {'is' if found == 1 else 'are'}"
        )


@dataclass(frozen=True)
class Quorum:
    met: bool
    present: tuple[str, ...]  # voting members present and not recused
    eligible: tuple[str, ...]  # voting members not recused
    needed: int
    recused: tuple[str, ...]
    rule: str
    composition: tuple[RequirementCheck, ...] = ()  # members of a kind the rule asks for

    def sentence(self, name: Callable[[str], str] = str) -> str:
        """``name``: how a member is named (the external minutes give an alias)."""
        aside = f" ({', '.join(name(m) for m in self.recused)} recused)" if self.recused else ""
        verdict = "Quorum" if self.met else "No quorum"
        kinds = "".join(f"; {check.words(name)}" for check in self.composition)
        return (
            f"{verdict}: {len(self.present)} of {len(self.eligible)} voting members present{aside}; "
            f"{self.needed} needed ({rule_text(self.rule)}){kinds}."
        )


def quorum(
    rule: str,
    voting_members: Iterable[str],
    present: Iterable[str],
    recused: Iterable[str] = (),
    *,
    composition: Sequence[Requirement] = (),
    kinds: Mapping[str, str] | None = None,
) -> Quorum:
    """``kinds``: each member's kind, for the ``composition`` the rule asks for."""
    kinds = kinds or {}
    aside = tuple(sorted(set(recused)))
    eligible = tuple(sorted(set(voting_members) - set(aside)))
    here = tuple(m for m in eligible if m in set(present))
    need = needed(rule, len(eligible))
    checks = tuple(
        RequirementCheck(r, tuple(m for m in here if member_kind(kinds.get(m, "")) == r.kind))
        for r in composition
    )
    met = len(here) >= need and len(eligible) > 0 and all(c.met for c in checks)
    return Quorum(met, here, eligible, need, aside, check_rule(rule), checks)
