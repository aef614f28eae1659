"""The words and colours the council's record uses for statuses, votes and outcomes.

A case's status, a sitting's status, a vote, the kind of a review item and an outcome's colour
are each stated here once, so that the library table, the case view, the sitting page, the
presenter, the case graph, the memo, the minutes and the command line say the same thing (they
used to carry their own copies, and the copies had begun to differ). The outcomes themselves,
their keys, order and titles, are framework data: whatever names an outcome asks the framework
(:meth:`Framework.outcome_title`); this module adds only what the framework does not carry.

It imports neither the framework nor the case model at run time: the command line builds its
parser from it on every start, and the schema's CHECK lists are tested against it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

from council_app.date_words import date_words

if TYPE_CHECKING:
    from council_app.case import Case, CaseSummary, Review
    from council_app.framework import Framework

# -- cases ---------------------------------------------------------------------------------------

CaseStatus = Literal["draft", "in_review", "decided", "withdrawn"]
CASE_STATUSES: tuple[CaseStatus, ...] = ("draft", "in_review", "decided", "withdrawn")
CASE_STATUS_TITLES: Mapping[str, str] = {
    "draft": "Draft",
    "in_review": "In review",
    "decided": "Decided",
    "withdrawn": "Withdrawn",
}


def case_status_title(status: str) -> str:
    """A case's status as people read it; one this version does not know reads as stored."""
    return CASE_STATUS_TITLES.get(status, status)


def case_state_title(case: Case | CaseSummary, framework: Framework) -> str:
    """What a list of cases shows as a case's state: its outcome once decided, else its status.

    The outcome says more than "Decided" does, so a decided case shows the outcome's title: the
    framework's, or, for an outcome of an earlier version that the framework no longer has (a
    list mixes decisions of every version), the key in words ("defer" reads "Defer").
    """
    if case.outcome:
        if case.outcome in framework.outcome_keys:
            return framework.outcome_title(case.outcome)
        return case.outcome.replace("_", " ").capitalize()
    return case_status_title(case.status)


# -- sittings ------------------------------------------------------------------------------------

SittingStatus = Literal["planned", "open", "closed"]
SITTING_STATUSES: tuple[SittingStatus, ...] = ("planned", "open", "closed")
SITTING_STATUS_TITLES: Mapping[str, str] = {
    "planned": "Planned",
    "open": "Open",
    "closed": "Closed",
}


def sitting_status_title(status: str) -> str:
    """A sitting's status as people read it; one this version does not know reads as stored."""
    return SITTING_STATUS_TITLES.get(status, status)


# -- counts --------------------------------------------------------------------------------------

_COUNT_WORDS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)


def count_word(count: int) -> str:
    """A small count as a word ("five considerations"), a larger one in figures."""
    return _COUNT_WORDS[count] if 0 <= count < len(_COUNT_WORDS) else str(count)


def principle_ratings_words(framework: Framework) -> str:
    """``the five principle ratings`` (``the one principle rating``): what the derived
    consideration's concern is taken from, in words."""
    count = len(framework.principles)
    return f"the {count_word(count)} principle rating{'' if count == 1 else 's'}"


def concern_scale_words(framework: Framework) -> str:
    """``0 = none, 4 = severe``: the ends of a concern rating on the framework's scale."""
    return f"{framework.scale_min} = none, {framework.scale_max} = severe"


def effectiveness_scale_words(framework: Framework) -> str:
    """``0 (none) to 4 (fully effective)``: an effectiveness rating on the framework's scale."""
    return f"{framework.scale_min} (none) to {framework.scale_max} (fully effective)"


def effectiveness_note(framework: Framework, *, concern: bool = False) -> str:
    """What reads a rating the other way up: ``Proposed actions are rated as effectiveness``
    (with ``concern``: ``..., so their concern is 4 − rating``), or that none is."""
    rated = [c.title for c in framework.rated_considerations if c.direction == "effectiveness"]
    if not rated:
        return "every rating is of concern"
    names = " and ".join(rated)
    verb = "is" if len(rated) == 1 else "are"
    tail = f", so concern is {framework.scale_max} − rating" if concern else ""
    return f"{names} {verb} rated as effectiveness ({framework.scale_max} = fully effective){tail}"


# -- votes ---------------------------------------------------------------------------------------

# A member votes for one of the framework's outcomes, or abstains.
ABSTAIN = "abstain"
ABSTAIN_TITLE = "Abstain"

# The shipped framework's outcomes (resources/framework.toml), restated here, and held equal to
# it by tests/test_vocabulary.py, for the command line's argparse choices only: it offers them on
# every start, and importing the framework package for them would add some 60 ms to a 210 ms
# start. A framework may name other outcomes, so nothing validates against these: anything that
# has a framework asks it instead (:func:`vote_choices`, ``Framework.outcome_keys``).
DECISION_CHOICES: tuple[str, ...] = (
    "approve",
    "approve_with_conditions",
    "restrict",
    "decline",
    "defer",
)
VOTE_CHOICES: tuple[str, ...] = (*DECISION_CHOICES, ABSTAIN)


def vote_choices(framework: Framework) -> tuple[str, ...]:
    """What a member may vote, in the framework's order of outcomes, abstention last."""
    return (*(outcome.key for outcome in framework.outcomes), ABSTAIN)


def vote_title(framework: Framework, vote: str) -> str:
    """A vote as people read it: the outcome's title from the framework, or "Abstain"."""
    return ABSTAIN_TITLE if vote == ABSTAIN else framework.outcome_title(vote)


# -- proposed actions ----------------------------------------------------------------------------

# The kinds of a proposed action (``case.MITIGATION_KINDS``) and how each reads, for the
# workspace's table and the memo alike.
MITIGATION_KIND_TITLES: Mapping[str, str] = {
    "contract": "Contract",
    "product_control": "Product control",
    "monitoring": "Monitoring",
    "audit": "Audit",
    "training": "Training",
    "other": "Other",
}


def mitigation_kind_title(kind: str | None) -> str:
    """A proposed action's kind as people read it; none reads as "Not given"."""
    if not kind:
        return "Not given"
    return MITIGATION_KIND_TITLES.get(kind, kind.replace("_", " ").capitalize())


def effectiveness_text(value: int | None, framework: Framework) -> str:
    """A proposed action's expected effectiveness on the framework's scale (0 none to 4 fully,
    as shipped)."""
    return "not rated" if value is None else f"{value} of {framework.scale_max}"


# -- conditions ----------------------------------------------------------------------------------

# Where a condition of a decision stands. "open" until someone says otherwise; "overdue" is
# also what an open condition reads as once its due date has passed (council_app.council.
# commitments says so, with why). Stated here only: the tables, the CLI and the memo read it.
ConditionStatus = Literal["open", "met", "overdue", "breached", "waived"]
CONDITION_STATUSES: tuple[ConditionStatus, ...] = ("open", "met", "overdue", "breached", "waived")
CONDITION_STATUS_TITLES: Mapping[str, str] = {
    "open": "Open",
    "met": "Met",
    "overdue": "Overdue",
    "breached": "Breached",
    "waived": "Waived",
}


def condition_status_title(status: str) -> str:
    return CONDITION_STATUS_TITLES.get(status, status.replace("_", " ").capitalize())


# -- conflicts of interest -----------------------------------------------------------------------

# What a member may declare an interest in, and how each reads in a sentence; what a member
# declares at a sitting about an interest in a case, and how it reads. Stated here only: the
# tables' CHECKs (council_app.library.schema), the register, the sitting and the minutes read it.
INTEREST_KINDS = ("customer", "sector", "product", "region", "role")
INTEREST_KIND_TITLES: Mapping[str, str] = {kind: kind for kind in INTEREST_KINDS}
DECLARATION_OUTCOMES = ("no_conflict", "recused", "managed")
DECLARATION_TITLES: Mapping[str, str] = {
    "no_conflict": "no conflict",
    "recused": "recused",
    "managed": "managed",
}


# -- confidentiality -----------------------------------------------------------------------------

# Who may read a fact, a rationale, a stakeholder's input, a member's notes or an attached file,
# least guarded first. Each output has an audience that sees up to one class (``AUDIENCE_SEES``)
# and leaves out the rest, saying so (council_app.library.confidentiality holds the rule). The
# council itself, in the app, its backups and its full exports, sees every class: "legally
# privileged" is kept from every document, even the internal memo, so that reproducing counsel's
# advice never waives the privilege; "council only" is kept from anything read beyond the council.
# An item whose class is "" takes the framework's default for its kind.
Confidentiality = Literal["public", "internal", "council", "privileged"]
CONFIDENTIALITY_CLASSES: tuple[Confidentiality, ...] = (
    "public",
    "internal",
    "council",
    "privileged",
)
CONFIDENTIALITY_TITLES: Mapping[str, str] = {
    "public": "Public",
    "internal": "Internal",
    "council": "Council only",
    "privileged": "Legally privileged",
}
# The kinds of text that carry a class, and how each reads in "2 facts were left out".
ConfidentialKind = Literal["facts", "rationales", "stakeholder_input", "notes", "attachments"]
CONFIDENTIAL_KINDS: tuple[ConfidentialKind, ...] = (
    "facts",
    "rationales",
    "stakeholder_input",
    "notes",
    "attachments",
)
CONFIDENTIAL_KIND_WORDS: Mapping[str, tuple[str, str]] = {
    "facts": ("fact", "facts"),
    "rationales": ("rationale", "rationales"),
    "stakeholder_input": ("item of stakeholder input", "items of stakeholder input"),
    "notes": ("member's notes", "members' notes"),
    "attachments": ("attachment", "attachments"),
}
Audience = Literal["public", "internal", "council"]
AUDIENCE_SEES: Mapping[str, Confidentiality] = {
    "public": "public",  # external memo and minutes, redacted export, published library
    "internal": "internal",  # internal memo and minutes
    "council": "privileged",  # the app, backups, full exports and case packages
}


def confidentiality_title(level: str) -> str:
    """A class as people read it; "" (the framework's default) reads as "Default"."""
    return CONFIDENTIALITY_TITLES.get(level, level or "Default")


def may_see(audience: str, level: str) -> bool:
    """Whether ``audience`` may read text of class ``level``; a class it does not know is
    treated as the most guarded, so an unknown word can never let text out."""
    seen = CONFIDENTIALITY_CLASSES.index(AUDIENCE_SEES[audience])
    if level not in CONFIDENTIALITY_CLASSES:
        return seen == len(CONFIDENTIALITY_CLASSES) - 1
    return CONFIDENTIALITY_CLASSES.index(level) <= seen


# -- escalation and appeal ---------------------------------------------------------------------

# A decision may be referred to the board, or appealed on limited grounds; an appeal ends upheld,
# varied or overturned (council_app.council.escalation holds the rules).
ESCALATION_KINDS = ("referral", "appeal")
ESCALATION_KIND_TITLES: Mapping[str, str] = {
    "referral": "Referral to the board",
    "appeal": "Appeal",
}
APPEAL_GROUNDS = ("new_information", "procedural_failure")
APPEAL_GROUND_TITLES: Mapping[str, str] = {
    "new_information": "new information",
    "procedural_failure": "a procedural failure",
}
APPEAL_RESULTS = ("upheld", "varied", "overturned")
# What a finished escalation says it ended in: an appeal's result, or the board's "decided".
ESCALATION_RESULTS = (*APPEAL_RESULTS, "decided")


# -- requests --------------------------------------------------------------------------------

# Who takes a request, as the framework's triage rules suggest (council_app.council.requests).
TRIAGE_ROUTES = ("chair", "subcommittee", "council")
TRIAGE_ROUTE_TITLES: Mapping[str, str] = {
    "chair": "fast track: the chair decides",
    "subcommittee": "a subcommittee",
    "council": "the full council",
}


# -- re-review -----------------------------------------------------------------------------------

# Why a decision is on the re-review list, most pressing first: lists sort in this order.
# "commitment": a condition of the decision is overdue or breached, though the framework does
# not call the decision back for it (one that does makes the decision "overdue").
DueKind = Literal["overdue", "due", "commitment", "watch"]
DUE_KINDS: tuple[DueKind, ...] = ("overdue", "due", "commitment", "watch")
DUE_KIND_TITLES: Mapping[str, str] = {
    "overdue": "Overdue",
    "due": "Due",
    "commitment": "Commitment",
    "watch": "Watch list",
}


def due_kind_title(kind: str) -> str:
    return DUE_KIND_TITLES.get(kind, kind)


def review_words(review: Review) -> tuple[str, str]:
    """A recorded review as the case view, the memo and ``council-app show`` say it, in two
    parts so that a page can set the first in bold: ("Reviewed 20 April 2024", ", the decision
    stands: no change in the market.")."""
    note = review.note.strip()
    rest = f", the decision stands: {note}" if note else ", the decision stands"
    return f"Reviewed {date_words(review.date)}", rest if rest.endswith(
        (".", "!", "?")
    ) else rest + "."


# -- outcome colours -----------------------------------------------------------------------------

# One colour per outcome, wherever an outcome is coloured: the recommendation and the decision
# on screen, the sitting's agenda, the presenter, the case graph, the memo's chart. Okabe & Ito's
# palette, so the five stay apart for the common colour-vision deficiencies (Restrict was their
# orange, too close to Decline's vermilion: tests/test_outcome_palette.py measures it); every colour is also said in words
# (OUTCOME_COLOUR_WORDS) where colour alone would carry meaning. These are fills: text in an
# outcome's colour is darkened or lightened by the ui layer until it reads on the window.
OUTCOME_COLOURS: Mapping[str, str] = {
    "approve": "#009E73",  # bluish green
    "approve_with_conditions": "#F0E442",  # yellow
    "restrict": "#CC79A7",  # reddish purple
    "decline": "#D55E00",  # vermilion
    "defer": "#56B4E9",  # sky blue
}
OUTCOME_COLOUR_WORDS: Mapping[str, str] = {
    "approve": "green",
    "approve_with_conditions": "yellow",
    "restrict": "purple",
    "decline": "red",
    "defer": "blue",
}
# What needs attention (a stale view, a precedent decided differently, a warning) is not a
# decision: Okabe & Ito's orange, which no outcome uses, so a warning never reads as "Restrict".
ATTENTION_COLOUR = "#E69F00"
# No outcome yet, or one this version has no colour for: a grey that claims no meaning.
NO_OUTCOME_COLOUR = "#57606a"


def outcome_colour_hex(outcome: str | None, framework: Framework | None = None) -> str:
    """The outcome's colour as ``#rrggbb``: the one rule every coloured outcome follows.

    1. The colour the framework gives the outcome (``colour = "#RRGGBB"`` in framework.toml);
    2. else the shipped outcomes' colours (``OUTCOME_COLOURS``) by key;
    3. else, for an outcome the framework adds: its deferral takes the deferral's sky blue, and
       any other outcome a colour from its place in the framework's order, mixed between the
       most permissive (Approve's green) and the strictest (Decline's vermilion);
    4. else (none, or an outcome unknown here) the neutral grey.
    """
    key = outcome or ""
    if framework is not None:
        known = next((o for o in framework.outcomes if o.key == key), None)
        if known is not None and known.colour:
            return known.colour
    if key in OUTCOME_COLOURS:
        return OUTCOME_COLOURS[key]
    if framework is None or key not in framework.outcome_keys:
        return NO_OUTCOME_COLOUR
    if key == framework.deferral:
        return OUTCOME_COLOURS["defer"]
    graded = framework.graded_outcomes
    place = graded.index(key) / (len(graded) - 1) if len(graded) > 1 else 1.0
    return _mix(OUTCOME_COLOURS["approve"], OUTCOME_COLOURS["decline"], place)


def _mix(start: str, end: str, amount: float) -> str:
    """``#rrggbb`` ``amount`` (0..1) of the way from ``start`` to ``end``, channel by channel."""
    channels = (
        round(int(start[i : i + 2], 16) * (1 - amount) + int(end[i : i + 2], 16) * amount)
        for i in (1, 3, 5)
    )
    return "#" + "".join(f"{c:02X}" for c in channels)


def strictest_outcome_colour_hex(framework: Framework) -> str:
    """What a warning or refusal is said in: the colour of the framework's strictest outcome
    (Decline's vermilion, as shipped)."""
    return outcome_colour_hex(framework.strictest_outcome, framework)
