"""The council's decision framework as plain, immutable data.

Nothing here decides anything; :mod:`council_app.scoring` applies these rules. Keeping the rules
as data lets a council adapt its framework in ``framework.toml`` without a programmer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar

CONSIDERATION_KEYS = ("use_case", "harm", "principles", "actions", "geopolitics")
# The considerations a member rates directly; ``principles`` is derived from the principle ratings.
RATED_CONSIDERATION_KEYS = ("use_case", "harm", "actions", "geopolitics")
PRINCIPLE_KEYS = ("human_rights", "privacy", "safety", "honesty", "inclusion")
STAKEHOLDER_GROUP_KEYS = ("employees", "partners", "customers", "impacted_communities", "experts")
OUTCOME_KEYS = ("approve", "approve_with_conditions", "restrict", "decline", "defer")
CONFIDENCE_LEVELS = ("low", "medium", "high")
SCORE_MIN = 0
SCORE_MAX = 4

Direction = Literal["concern", "effectiveness"]
PrinciplesRule = Literal["max", "mean", "median"]
# Whose ratings a red line is read from: the council view's, or any one member's own.
RedLinesApply = Literal["council", "any_member"]
RED_LINES_APPLY: tuple[RedLinesApply, ...] = ("council", "any_member")
# How a decision follows the votes cast: more than half of them, or at least two thirds.
VotingRule = Literal["simple_majority", "two_thirds"]
VOTING_RULES: tuple[VotingRule, ...] = ("simple_majority", "two_thirds")


@dataclass(frozen=True)
class Consideration:
    key: str
    title: str
    short_title: str
    direction: Direction
    description: str
    questions: tuple[str, ...]
    levels: tuple[str, ...]  # one anchored sentence per score, 0 first
    derived_from: str | None = None

    def level_text(self, score: int) -> str:
        return self.levels[score]


@dataclass(frozen=True)
class Principle:
    key: str
    title: str
    summary: str
    questions: tuple[str, ...]
    levels: tuple[str, ...]

    def level_text(self, score: int) -> str:
        return self.levels[score]


@dataclass(frozen=True)
class StakeholderGroup:
    key: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Outcome:
    key: str
    title: str
    description: str
    review_months: int
    # A decision with this outcome must state at least one condition (approve with conditions).
    requires_conditions: bool = False


@dataclass(frozen=True)
class Band:
    """The recommendation while the concern index is below ``below`` (``None``: no limit)."""

    outcome: str
    below: float | None = None


@dataclass(frozen=True)
class RedLineCondition:
    target: str  # a consideration key, a principle key, or "any_principle"
    at_least: int | None = None
    at_most: int | None = None


@dataclass(frozen=True)
class RedLine:
    key: str
    description: str
    floor: str
    conditions: tuple[RedLineCondition, ...]


@dataclass(frozen=True)
class WeightProfile:
    key: str
    title: str
    weights: Mapping[str, float]
    description: str = ""


@dataclass(frozen=True)
class ScoringRules:
    principles_rule: PrinciplesRule
    bands: tuple[Band, ...]
    red_lines: tuple[RedLine, ...]
    disagreement_threshold: float = 1.0
    red_lines_apply: RedLinesApply = "council"


@dataclass(frozen=True)
class VotingRules:
    """How the council's decision follows the votes cast at its sitting."""

    rule: VotingRule = "simple_majority"
    # A member role ("chair") whose vote breaks a tie; empty for no casting vote.
    casting_vote: str = ""


@dataclass(frozen=True)
class Framework:
    name: str
    version: str
    considerations: tuple[Consideration, ...]
    principles: tuple[Principle, ...]
    stakeholder_groups: tuple[StakeholderGroup, ...]
    outcomes: tuple[Outcome, ...]
    scoring: ScoringRules
    weight_profiles: tuple[WeightProfile, ...]
    default_profile_key: str
    voting: VotingRules = field(default_factory=VotingRules)
    source: str = field(default="", compare=False)

    def consideration(self, key: str) -> Consideration:
        return _by_key(self.considerations, key, "consideration")

    def principle(self, key: str) -> Principle:
        return _by_key(self.principles, key, "principle")

    def outcome(self, key: str) -> Outcome:
        return _by_key(self.outcomes, key, "outcome")

    def stakeholder_group(self, key: str) -> StakeholderGroup:
        return _by_key(self.stakeholder_groups, key, "stakeholder group")

    def profile(self, key: str) -> WeightProfile:
        return _by_key(self.weight_profiles, key, "weight profile")

    @property
    def default_profile(self) -> WeightProfile:
        return self.profile(self.default_profile_key)

    def outcome_title(self, key: str) -> str:
        return self.outcome(key).title


_Keyed = TypeVar("_Keyed", Consideration, Principle, Outcome, StakeholderGroup, WeightProfile)


def _by_key(items: tuple[_Keyed, ...], key: str, what: str) -> _Keyed:
    for item in items:
        if item.key == key:
            return item
    known = ", ".join(item.key for item in items)
    raise KeyError(f"unknown {what} {key!r}; known: {known}")
