"""The council's decision framework as plain, immutable data.

Nothing here decides anything; :mod:`council_app.scoring` applies these rules. Keeping the rules
as data lets a council adapt its framework in ``framework.toml`` without a programmer.

No key is fixed in code: the considerations, principles, stakeholder groups and outcomes are
whatever the framework names (the shipped ones are stated only in ``resources/framework.toml``),
and every part of the core asks the :class:`Framework` for them (``rated_keys``,
``principle_keys``, ``rating_keys``, ``outcome_keys``, ``deferral``, ...). The loader enforces
the shape (see :mod:`council_app.framework.loader`): 2 to 12 considerations, any number of
principles, at most one consideration derived from the principles (present exactly when there
are principles), keys unique across considerations and principles, and exactly one deferral
among the outcomes.

The rating scale is the framework's too: ``scale_min``..``scale_max`` in its ``[framework]``
table (0..4, five anchored levels, when it says nothing), anywhere within
``SCALE_LOWEST``..``SCALE_HIGHEST`` with at least three levels. Every rating, red-line bound
and proposed action's effectiveness is on it; the concern index divides by its span, so a 0..10
framework and a 0..4 one give the same index for the same judgement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal, TypeVar

from council_app.framework.mapping import KeyMapping
from council_app.framework.taxonomy import ReviewPeriod, Taxonomy

CONFIDENCE_LEVELS = ("low", "medium", "high")
# The widest scale any framework may have: the library's tables hold ratings within it, and
# a framework's own scale is checked when a case is written (council_app.framework.fit).
SCALE_LOWEST = 0
SCALE_HIGHEST = 10
# The scale of a framework that names none (the shipped one).
DEFAULT_SCALE = (0, 4)
# The deferral of a framework that marks no outcome ``defers = true``: the outcome keyed so.
DEFAULT_DEFERRAL = "defer"
# What a red-line condition names to mean "whichever principle": never a rating key.
ANY_PRINCIPLE = "any_principle"
# A red-line condition on the case's classifications rather than a rating.
CLASSIFICATION_TARGET = "classification"

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
    levels: tuple[str, ...]  # one anchored sentence per score, the lowest first
    derived_from: str | None = None


@dataclass(frozen=True)
class Principle:
    key: str
    title: str
    summary: str
    questions: tuple[str, ...]
    levels: tuple[str, ...]  # one anchored sentence per score, the lowest first


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
    # The decision put off pending information (exactly one outcome of a framework is).
    # Out of the repr, which the memo's framework digest is taken over: a framework whose
    # deferral is the outcome keyed "defer" and that gives no colours keeps the digest it had
    # before these fields existed (``memo.fingerprint.framework_digest`` adds them otherwise).
    defers: bool = field(default=False, repr=False)
    # ``#RRGGBB`` to show the outcome in; empty: the colour rule of ``vocabulary`` chooses.
    colour: str = field(default="", repr=False)


@dataclass(frozen=True)
class Band:
    """The recommendation while the concern index is below ``below`` (``None``: no limit)."""

    outcome: str
    below: float | None = None


@dataclass(frozen=True)
class RedLineCondition:
    # A consideration key, a principle key, "any_principle", or "classification": the case is
    # classified under a taxonomy entry of ``kind`` (with no exception recorded).
    target: str
    at_least: int | None = None
    at_most: int | None = None
    # Out of the repr, as the taxonomies are: see memo.fingerprint.framework_digest.
    kind: str | None = field(default=None, repr=False)


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
class ConditionKind:
    """A kind of condition a decision may rest on, and what follows when one is not kept.

    The consequences are the framework's, so a council changes them in ``framework.toml``:
    ``calls_review`` names the statuses (of council_app.vocabulary.CONDITION_STATUSES) in which
    a condition of this kind calls its decision back for review; ``lapses_deferral`` marks the
    requests for information a deferral waits on: one not met by its date lapses the deferral,
    and the case comes back to the agenda.
    """

    key: str
    title: str
    description: str = ""
    calls_review: tuple[str, ...] = ()
    lapses_deferral: bool = False


# The kinds of a framework that names none (the shipped one): stated here only.
DEFAULT_CONDITION_KINDS: tuple[ConditionKind, ...] = (
    ConditionKind(
        "before_launch",
        "Before launch",
        "Met before the product is used for the purpose.",
        calls_review=("overdue", "breached"),
    ),
    ConditionKind(
        "ongoing",
        "Ongoing",
        "Holds for as long as the decision stands.",
        calls_review=("breached",),
    ),
    ConditionKind(
        "report_due",
        "Report due",
        "A report to the council by a date, or every so many months.",
    ),
    ConditionKind(
        "information_request",
        "Information requested",
        "What a deferral waits for; the deferral lapses when it has not come by its date.",
        calls_review=("overdue", "breached"),
        lapses_deferral=True,
    ),
)


@dataclass(frozen=True)
class CommitmentRules:
    """What the framework asks of the conditions a decision rests on."""

    # A condition is waived only with a reason said.
    waiver_needs_reason: bool = True
    # How long a deferral waits for the information it requests, from its decision, when a
    # request names no date of its own.
    deferral_lapses_after_days: int = 90
    # The kind a condition is taken to be when its decision names none ("" is kept for
    # conditions recorded before kinds were).
    default_kind: str = "before_launch"


@dataclass(frozen=True)
class TriageRule:
    """Who should take a request (the chair alone, a subcommittee, the full council), when it
    names one of these sectors or regions or uses one of these words; a rule naming none
    applies to every request. The first rule that applies is the suggestion."""

    key: str
    title: str
    route: str  # chair, subcommittee, council
    sectors: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class EscalationRules:
    """What the board may do with a decision referred to it (council_app.council.escalation)."""

    # As shipped the board may tighten any decision but not loosen the strictest (a Decline):
    # a use the council refused stays refused unless the council itself decides again.
    board_may_loosen_strictest: bool = False


@dataclass(frozen=True)
class CoverageQuestion:
    """A question a kind of case must answer before the council decides it."""

    key: str
    text: str


@dataclass(frozen=True)
class CoverageRule:
    """What the framework requires of a kind of product or use (biometrics, voice cloning,
    minors): stakeholder groups to be heard and questions to be answered. A case it applies to
    (by a tag or its product) that lacks one says so wherever it is read, and asks why."""

    key: str
    title: str
    tags: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    stakeholder_groups: tuple[str, ...] = ()
    questions: tuple[CoverageQuestion, ...] = ()

    def applies_to(self, tags: tuple[str, ...], product: str) -> bool:
        """By any of its tags, or its product (in any letter case)."""
        return bool(set(self.tags) & set(tags)) or product.casefold() in {
            p.casefold() for p in self.products
        }


@dataclass(frozen=True)
class ConfidentialityDefaults:
    """The class an item takes when nobody gave it one, kind by kind (the classes and who sees
    each: ``council_app.vocabulary``). As shipped, what the external memo always showed stays
    public, and what is new or a member's own working text is not."""

    facts: str = "internal"
    rationales: str = "public"
    stakeholder_input: str = "public"
    notes: str = "council"
    attachments: str = "internal"

    def of(self, kind: str) -> str:
        return str(getattr(self, kind))


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
    # Out of the repr, so that a framework without taxonomies keeps the memo digest it had
    # before they existed (memo.fingerprint.framework_digest adds them when there are any).
    taxonomies: tuple[Taxonomy, ...] = field(default=(), repr=False)
    review_periods: tuple[ReviewPeriod, ...] = field(default=(), repr=False)
    # The rating scale; out of the repr so the shipped 0..4 keeps its memo digest.
    scale_min: int = field(default=DEFAULT_SCALE[0], repr=False)
    scale_max: int = field(default=DEFAULT_SCALE[1], repr=False)
    # How cases from versions the library never adopted read in this one (framework.mapping).
    mappings: tuple[KeyMapping, ...] = field(default=(), repr=False)
    # The kinds of condition and what follows when one is not kept (council.commitments).
    condition_kinds: tuple[ConditionKind, ...] = field(default=DEFAULT_CONDITION_KINDS, repr=False)
    commitments: CommitmentRules = field(default_factory=CommitmentRules, repr=False)
    confidentiality: ConfidentialityDefaults = field(
        default_factory=ConfidentialityDefaults, repr=False
    )
    # What kinds of case must cover (council_app.council.coverage); out of the repr, so that a
    # framework without them keeps its memo digest.
    coverage: tuple[CoverageRule, ...] = field(default=(), repr=False)
    escalation: EscalationRules = field(default_factory=EscalationRules, repr=False)
    triage: tuple[TriageRule, ...] = field(default=(), repr=False)

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

    @property
    def condition_kind_keys(self) -> tuple[str, ...]:
        return tuple(k.key for k in self.condition_kinds)

    def condition_kind(self, key: str) -> ConditionKind | None:
        """The kind keyed so; None for a condition said of no kind (or of one this version
        lacks), which has no consequences written for it."""
        return next((k for k in self.condition_kinds if k.key == key), None)

    def condition_kind_title(self, key: str) -> str:
        kind = self.condition_kind(key)
        if kind is not None:
            return kind.title
        return key.replace("_", " ").capitalize() if key else "Not given"

    @property
    def information_kind(self) -> str:
        """The kind a deferral's requests for information are (the one that lapses it)."""
        return next((k.key for k in self.condition_kinds if k.lapses_deferral), "")

    # The rating scale: every bound the core, the views and the memo use comes from here.

    @property
    def scale(self) -> tuple[int, ...]:
        """Every score a member may give, lowest first (one anchored level each)."""
        return tuple(range(self.scale_min, self.scale_max + 1))

    @property
    def scale_span(self) -> int:
        """How far the highest score is above the lowest: the most concern a consideration
        can carry, which the index divides by."""
        return self.scale_max - self.scale_min

    @property
    def scale_text(self) -> str:
        """The scale as a member reads it: ``0–4``."""
        return f"{self.scale_min}–{self.scale_max}"

    def on_scale(self, score: float | Fraction) -> bool:
        return self.scale_min <= score <= self.scale_max

    def level_text(self, item: Consideration | Principle, score: int) -> str:
        """The anchored sentence of ``score`` on the item's levels."""
        return item.levels[score - self.scale_min]

    def concern_of(self, consideration: Consideration, rating: Fraction) -> Fraction:
        """A rating's concern, 0 (none) to the scale's span: an effectiveness rating counts
        down from the top of the scale, any other up from its bottom."""
        if consideration.direction == "effectiveness":
            return self.scale_max - rating
        return rating - self.scale_min

    # The shape of the framework: every key the core uses comes from here.

    @property
    def consideration_keys(self) -> tuple[str, ...]:
        """Every consideration's key, in the framework's order (weights are given for these)."""
        return tuple(c.key for c in self.considerations)

    @property
    def derived_consideration(self) -> Consideration | None:
        """The consideration whose concern is derived from the principle ratings, if any.

        A framework with principles has exactly one; a framework without principles has none.
        """
        return next((c for c in self.considerations if c.derived_from == "principles"), None)

    @property
    def rated_considerations(self) -> tuple[Consideration, ...]:
        """The considerations a member rates directly (all but the derived one), in order."""
        return tuple(c for c in self.considerations if c.derived_from is None)

    @property
    def actions_consideration(self) -> Consideration | None:
        """The consideration that rates the proposed actions as a whole: the first one rated as
        effectiveness (``actions``, as shipped); None in a framework that rates none so."""
        return next((c for c in self.rated_considerations if c.direction == "effectiveness"), None)

    @property
    def rated_keys(self) -> tuple[str, ...]:
        """The keys of the considerations a member rates directly, in order."""
        return tuple(c.key for c in self.rated_considerations)

    @property
    def principle_keys(self) -> tuple[str, ...]:
        return tuple(p.key for p in self.principles)

    @property
    def rating_keys(self) -> tuple[str, ...]:
        """Everything a member rates: the rated considerations, then the principles.

        Keys are unique across the two (the loader refuses a clash), so a rating is found by its
        key alone.
        """
        return (*self.rated_keys, *self.principle_keys)

    def is_principle(self, key: str) -> bool:
        return key in self.principle_keys

    @property
    def stakeholder_group_keys(self) -> tuple[str, ...]:
        return tuple(g.key for g in self.stakeholder_groups)

    @property
    def outcome_keys(self) -> tuple[str, ...]:
        """Every outcome, from the most permissive to the least, the deferral where it stands."""
        return tuple(o.key for o in self.outcomes)

    @property
    def deferral(self) -> str:
        """The key of the outcome that puts the decision off pending information ("defer").

        The outcome marked ``defers = true``; in a framework that marks none, the outcome keyed
        ``defer`` (the loader refuses a framework with neither, or with two).
        """
        marked = [o.key for o in self.outcomes if o.defers]
        if marked:
            return marked[0]
        return DEFAULT_DEFERRAL

    @property
    def graded_outcomes(self) -> tuple[str, ...]:
        """The outcomes a band or a red line may give, in order of severity (the deferral out):
        the first is the most permissive, the last the strictest."""
        return tuple(k for k in self.outcome_keys if k != self.deferral)

    @property
    def strictest_outcome(self) -> str:
        """The least permissive outcome a band or red line can give (``decline`` as shipped)."""
        return self.graded_outcomes[-1]


_Keyed = TypeVar("_Keyed", Consideration, Principle, Outcome, StakeholderGroup, WeightProfile)


def _by_key(items: tuple[_Keyed, ...], key: str, what: str) -> _Keyed:
    for item in items:
        if item.key == key:
            return item
    known = ", ".join(item.key for item in items)
    raise KeyError(f"unknown {what} {key!r}; known: {known}")
