"""A case before the council, as plain immutable data.

This is the shape every part of Council Desk shares: the library stores it, the exchange format
carries it, scoring reads its ratings, the memo prints it. It holds no rules; a case that breaks
one (a score of 7, an unknown consideration) is refused where it enters: at import, or by the
library's schema.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

# The statuses, with their titles, are the record's vocabulary: stated in council_app.vocabulary.
from council_app.vocabulary import CASE_STATUSES as CASE_STATUSES
from council_app.vocabulary import CaseStatus as CaseStatus

LINK_TYPES = ("cites", "supersedes", "distinguishes", "related")
MITIGATION_KINDS = ("contract", "product_control", "monitoring", "audit", "training", "other")


@dataclass(frozen=True)
class Rating:
    """One member's rating of one consideration or principle, in its natural wording, on its
    framework's scale (0–4 as shipped)."""

    score: int | None = None
    rationale: str = ""
    confidence: str | None = None  # low, medium or high
    # Who may read the rationale (council_app.vocabulary; "": the framework's default). The
    # score is the council's record and is shown wherever the rating is.
    confidentiality: str = ""


@dataclass(frozen=True)
class Assessment:
    """Everything one member rated on one case."""

    member: str
    submitted: dt.date | None = None
    considerations: Mapping[str, Rating] = field(default_factory=dict)
    principles: Mapping[str, Rating] = field(default_factory=dict)
    notes: str = ""
    notes_confidentiality: str = ""  # who may read the notes ("": the framework's default)


@dataclass(frozen=True)
class Mitigation:
    description: str
    kind: str | None = None
    effectiveness: int | None = None
    owner: str = ""


@dataclass(frozen=True)
class StakeholderInput:
    group: str
    summary: str
    source: str = ""
    contact: str = ""  # personal data: left out of external memos and redacted exports
    date: dt.date | None = None
    confidentiality: str = ""  # who may read it ("": the framework's default)


@dataclass(frozen=True)
class Escalation:
    """A decision taken further: referred to the board, or appealed on stated grounds.

    Pending while ``result`` is ""; once decided, ``outcome`` is what it ended in and, where
    that differs from ``original_outcome`` (the decision it was against), the case's decision
    is the new one, recorded as a revision (council_app.council.escalation)."""

    kind: str  # referral, appeal
    lodged_on: dt.date
    by: str = ""  # who referred or appealed
    grounds: str = ""  # an appeal's: new_information, procedural_failure
    statement: str = ""  # why, in words
    original_outcome: str = ""
    heard_by: tuple[str, ...] = ()  # an appeal's: the members who heard it, none who decided
    result: str = ""  # "": pending; a referral: decided; an appeal: upheld, varied, overturned
    decided_on: dt.date | None = None
    outcome: str = ""
    authority: str = ""  # the board's: "Board of Directors, resolution 2026-14"
    reasons: str = ""


@dataclass(frozen=True)
class CoverageNote:
    """What the case says to one requirement of its framework's coverage rules
    (``council_app.council.coverage``): the answer to a question, or why a stakeholder group
    the rule asks for was not heard. ``requirement`` is ``rule.group.key`` or
    ``rule.question.key``, for example ``biometrics.question.dpia``."""

    requirement: str
    text: str


@dataclass(frozen=True)
class Fact:
    """Something the council knows about a case beyond its description, with who may read it:
    the party behind a campaign, a figure from a confidential file, what counsel advised. The
    description (summary, question, use case) is what every version of the memo is about; a
    fact that must not leave the council belongs here, with its class."""

    text: str
    source: str = ""  # where the council has it from
    confidentiality: str = ""  # "": the framework's default for facts


# The longest a recurring condition may go between falls due, in months: ten years. The
# library's table holds no longer (schema 0013_commitments) and the exchange schema says so.
MAX_EVERY_MONTHS = 120


@dataclass(frozen=True)
class StatusChange:
    """Someone said where a condition stands: what, when, who and why.

    Kept whole, oldest first, so that a condition's standing on any day (the day of a memo, of
    the minutes) can be read back; see :mod:`council_app.council.commitments`.
    """

    status: str  # a condition status of the vocabulary: open, met, overdue, breached, waived
    on: dt.date
    by: str = ""
    note: str = ""


@dataclass(frozen=True)
class Evidence:
    """What shows a condition met: a note, a file stored in the library, or both.

    A file is kept once in the library under its SHA-256 (council_app.library.evidence), so a
    case names it by ``sha256`` and carries its name, size and kind; its bytes travel with the
    case in exports and packages.
    """

    added_on: dt.date
    note: str = ""
    added_by: str = ""
    file_name: str = ""  # "" for a note with no file
    sha256: str = ""
    size: int = 0
    media_type: str = ""
    confidentiality: str = ""  # who may read the note and the file ("": the default)


@dataclass(frozen=True)
class Condition:
    """A commitment a decision rests on: who owes it, by when, and where it stands."""

    text: str
    owner: str = ""
    due: dt.date | None = None
    # A condition kind of the case's framework (before launch, ongoing, report due, ...);
    # "": said of none (conditions recorded before kinds were kept).
    kind: str = ""
    # A recurring commitment (a quarterly report) falls due this many months after the last
    # time it was met, the first time at ``due`` (or that long after the decision).
    every_months: int | None = None
    history: tuple[StatusChange, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Vote:
    member: str
    vote: str


@dataclass(frozen=True)
class Dissent:
    member: str
    text: str


@dataclass(frozen=True)
class Review:
    """The council looked at a decision again and let it stand until ``next_review_by``.

    A decision the council changes on review is a new case that supersedes this one, so that
    the old decision stays on record as it was.
    """

    date: dt.date
    note: str = ""
    next_review_by: dt.date | None = None


@dataclass(frozen=True)
class StoodAside:
    """A member who stood aside (recused) when the decision was taken, and why."""

    member: str
    reason: str = ""


@dataclass(frozen=True)
class RecordedWeights:
    """The weights the decision's recommendation was scored with, kept with the decision so
    that its memo says the same thing after the library's default profile changes."""

    values: Mapping[str, float]
    profile: str | None = None  # the weight profile they came from, if any


@dataclass(frozen=True)
class RecordedPrecedent:
    """A precedent as it stood before the council when it decided: what its memo shows.

    Kept with the decision, so that the memo (and its fingerprint) of a decided case do not
    change as the library grows and the ranking of its neighbours moves.
    """

    case_id: str
    title: str
    outcome: str
    decided: dt.date | None
    score: float  # the match, 0–1
    reasons: tuple[str, ...] = ()  # drafted automatically when it was found
    superseded_by: tuple[str, ...] = ()  # cases that had superseded it by then
    differences: tuple[str, ...] = ()  # where the ratings differed most, in words


@dataclass(frozen=True)
class Decision:
    outcome: str
    date: dt.date | None = None
    rationale: str = ""
    rationale_confidentiality: str = ""  # who may read the reasons ("": the default)
    distinction: str = ""  # how this case is distinguished from precedents it departs from
    conditions: tuple[Condition, ...] = ()
    review_by: dt.date | None = None
    votes: tuple[Vote, ...] = ()
    dissent: tuple[Dissent, ...] = ()
    reviews: tuple[Review, ...] = ()
    # Why the decision departs from the vote, the recommendation, a red line or precedent.
    departure: str = ""
    stood_aside: tuple[StoodAside, ...] = ()
    weights: RecordedWeights | None = None  # None: recorded before weights were kept
    precedents: tuple[RecordedPrecedent, ...] | None = None  # None: not recorded with it
    # The framework version the decision was taken under ("": the case's, when it is written).
    # Not compared, like the case's (see there).
    framework_version: str = field(default="", compare=False)


@dataclass(frozen=True)
class CaseClassification:
    """A case placed in an entry of one of its framework's taxonomies, and on what basis.

    ``key`` is "taxonomy.entry" (for example ``eu_ai_act.social_scoring``). ``exception``
    records why an entry's floor on the recommendation does not apply (a recorded exception
    to a prohibited practice, with its legal basis); empty, the floor holds.
    """

    key: str
    basis: str = ""
    exception: str = ""

    @property
    def taxonomy(self) -> str:
        return self.key.split(".", 1)[0]


@dataclass(frozen=True)
class CaseLink:
    type: str  # cites, supersedes, distinguishes, related
    target: str
    note: str = ""


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    summary: str = ""
    question: str = ""
    product: str = ""
    customer: str = ""
    sector: str = ""
    regions: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    submitted: dt.date | None = None
    status: CaseStatus = "draft"
    use_case: str = ""
    assessments: tuple[Assessment, ...] = ()
    mitigations: tuple[Mitigation, ...] = ()
    stakeholder_input: tuple[StakeholderInput, ...] = ()
    facts: tuple[Fact, ...] = ()
    coverage: tuple[CoverageNote, ...] = ()
    escalations: tuple[Escalation, ...] = ()
    decision: Decision | None = None
    links: tuple[CaseLink, ...] = ()
    classifications: tuple[CaseClassification, ...] = ()
    # The framework version the case is assessed under ("": the library's framework in force,
    # given when the case is first written). See council_app.library.frameworks. Not compared:
    # a case built in memory ("") equals the same case read back under the version it was given;
    # the library compares versions itself when it decides whether a case changed.
    framework_version: str = field(default="", compare=False)
    # The library's revision this case was read at (0: not read from a library). Not part of
    # the case's content: two cases with the same content are equal whatever their revision.
    revision: int = field(default=0, compare=False)

    def assessment_by(self, member: str) -> Assessment | None:
        for assessment in self.assessments:
            if assessment.member == member:
                return assessment
        return None

    @property
    def outcome(self) -> str | None:
        return self.decision.outcome if self.decision else None


@dataclass(frozen=True)
class CaseSummary:
    """What a list of cases shows about each: enough to choose one, no more."""

    id: str
    title: str
    product: str
    customer: str
    sector: str
    regions: tuple[str, ...]
    tags: tuple[str, ...]
    status: CaseStatus
    submitted: dt.date | None
    outcome: str | None
    decided: dt.date | None
    review_by: dt.date | None
    summary: str = ""
