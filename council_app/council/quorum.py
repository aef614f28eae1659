"""Quorum: whether enough voting members are present to decide a case.

The rule is a setting of the library (``quorum_rule``): ``majority`` (more than half of the
voting members), ``two_thirds``, ``all``, or a number of members. A member who has recused
from a case neither votes on it nor counts toward its quorum, so the rule is applied to the
voting members who have not recused.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from council_app.errors import CouncilError

QUORUM_RULE_KEY = "quorum_rule"
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
class Quorum:
    met: bool
    present: tuple[str, ...]  # voting members present and not recused
    eligible: tuple[str, ...]  # voting members not recused
    needed: int
    recused: tuple[str, ...]
    rule: str

    def sentence(self, name: Callable[[str], str] = str) -> str:
        """``name``: how a member is named (the external minutes give an alias)."""
        aside = f" ({', '.join(name(m) for m in self.recused)} recused)" if self.recused else ""
        verdict = "Quorum" if self.met else "No quorum"
        return (
            f"{verdict}: {len(self.present)} of {len(self.eligible)} voting members present{aside}; "
            f"{self.needed} needed ({rule_text(self.rule)})."
        )


def quorum(
    rule: str,
    voting_members: Iterable[str],
    present: Iterable[str],
    recused: Iterable[str] = (),
) -> Quorum:
    aside = tuple(sorted(set(recused)))
    eligible = tuple(sorted(set(voting_members) - set(aside)))
    here = tuple(m for m in eligible if m in set(present))
    need = needed(rule, len(eligible))
    return Quorum(
        len(here) >= need and len(eligible) > 0, here, eligible, need, aside, check_rule(rule)
    )
