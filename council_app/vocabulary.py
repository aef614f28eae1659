"""The words the council's record uses for statuses, votes and outcomes.

A case's status, a sitting's status, a vote and the kind of a review item are each stated here
once, so that the library table, the case view, the sitting page, the memo, the minutes and the
command line say the same thing (they used to carry their own copies, and the copies had begun
to differ). The outcomes themselves, their keys, order and titles, are framework data: whatever
names an outcome asks the framework (:meth:`Framework.outcome_title`); this module adds only
what the framework does not carry.

It imports neither the framework nor the case model at run time: the command line builds its
parser from it on every start, and the schema's CHECK lists are tested against it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from council_app.case import Case, CaseSummary
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

    The outcome says more than "Decided" does, so a decided case shows the outcome's title.
    """
    if case.outcome:
        return framework.outcome_title(case.outcome)
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


# -- votes ---------------------------------------------------------------------------------------

# A member votes for one of the framework's outcomes, or abstains.
ABSTAIN = "abstain"
ABSTAIN_TITLE = "Abstain"

# Every framework has exactly these outcomes (``framework.model.OUTCOME_KEYS``; the loader
# refuses any other set), restated here, and held equal to it by tests/test_vocabulary.py, for
# the callers that have no framework at hand and must stay cheap: the command line offers them
# as choices on every start, and importing the framework package for them would add some 60 ms
# to a 210 ms start. Anything that has a framework asks it instead: :func:`vote_choices`.
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


# -- re-review -----------------------------------------------------------------------------------

# Why a decision is on the re-review list, most pressing first: lists sort in this order.
DueKind = Literal["overdue", "due", "watch"]
DUE_KINDS: tuple[DueKind, ...] = ("overdue", "due", "watch")
DUE_KIND_TITLES: Mapping[str, str] = {"overdue": "Overdue", "due": "Due", "watch": "Watch list"}


def due_kind_title(kind: str) -> str:
    return DUE_KIND_TITLES.get(kind, kind)
