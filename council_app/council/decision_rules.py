"""When a decision follows its sitting, and when it departs from it and must say why.

A decision records the votes of the sitting that took it. The framework says how the votes
carry an outcome (a simple majority of the votes cast, or two thirds; optionally a casting vote
to break a tie). A decision for another outcome than the vote carried, or than the framework
recommends (including a decision taken while ratings are missing), one milder than a red line's
floor (the council view's, or any member's), or one that close precedents decided otherwise, is
a departure: it is recorded only with its reason, which the memo and the minutes show. These
are the rules; :func:`council_app.council.sessions.record_decision` applies them, and the
sitting's decision form shows them before anyone clicks.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from council_app.case import Case
from council_app.case_edits import default_review_by
from council_app.framework import Framework
from council_app.precedent.consistency import close_precedents, precedent_outcome_title
from council_app.precedent.ranking import Precedent
from council_app.scoring import CaseScore
from council_app.scoring.recommendation import severity

ABSTAIN = "abstain"

DepartureKind = Literal["vote", "recommendation", "red_line", "precedents"]


@dataclass(frozen=True)
class VoteResult:
    """What the votes cast at the sitting carried, under the framework's voting rule."""

    carried: str | None  # the outcome carried, or None (no votes, no majority, a tie)
    counts: Mapping[str, int]  # votes cast for each outcome (abstentions are not cast)
    abstentions: int
    needed: int  # votes an outcome needs to carry
    casting: str | None  # the member whose casting vote broke a tie, if one did
    sentence: str


def _needed(rule: str, cast: int) -> int:
    return math.ceil(cast * 2 / 3) if rule == "two_thirds" else cast // 2 + 1


def _rule_words(rule: str) -> str:
    return "two thirds" if rule == "two_thirds" else "a simple majority"


def casting_member(framework: Framework, roles: Mapping[str, str], voters: Sequence[str]) -> str:
    """The voter whose role names the framework's casting vote ("chair"), or "" if none."""
    word = framework.voting.casting_vote.strip().lower()
    if not word:
        return ""
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    for member in sorted(voters):
        if pattern.search(roles.get(member, "")):
            return member
    return ""


def vote_result(
    framework: Framework, votes: Mapping[str, str], roles: Mapping[str, str] | None = None
) -> VoteResult:
    """``votes``: member → vote as cast at the sitting; ``roles``: member → role, for the
    casting vote."""
    title = framework.outcome_title
    counts = Counter(v for v in votes.values() if v != ABSTAIN)
    abstentions = sum(1 for v in votes.values() if v == ABSTAIN)
    cast = sum(counts.values())
    rule = framework.voting.rule
    needed = _needed(rule, cast)
    tally = ", ".join(
        f"{title(k)} {n}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    if abstentions:
        tally += f"; {abstentions} abstention{'s' if abstentions != 1 else ''}"
    if not cast:
        return VoteResult(None, counts, abstentions, needed, None, "No vote has been cast.")
    best = max(counts.values())
    top = sorted(k for k, n in counts.items() if n == best)
    if len(top) == 1 and best >= needed:
        sentence = (
            f"{title(top[0])} carried the vote: {best} of {cast} votes cast ({_rule_words(rule)} "
            f"needs {needed}). {tally}."
        )
        return VoteResult(top[0], counts, abstentions, needed, None, sentence)
    if len(top) > 1:
        chair = casting_member(framework, roles or {}, list(votes))
        if chair and votes.get(chair) in top:
            carried = votes[chair]
            sentence = (
                f"{title(carried)} carried the vote on the casting vote of {chair}: the votes "
                f"were tied. {tally}."
            )
            return VoteResult(carried, counts, abstentions, needed, chair, sentence)
        why = "the votes are tied"
    else:
        why = f"{_rule_words(rule)} of {cast} votes cast needs {needed}"
    return VoteResult(
        None, counts, abstentions, needed, None, f"No outcome carried the vote ({why}): {tally}."
    )


@dataclass(frozen=True)
class Departure:
    kind: DepartureKind
    sentence: str


def decision_departures(
    framework: Framework,
    outcome: str,
    *,
    vote: VoteResult,
    score: CaseScore,
    precedents: Sequence[Precedent] = (),
    superseding: Collection[str] = (),
) -> tuple[Departure, ...]:
    """Every way a decision of ``outcome`` would depart from its sitting, in words.

    ``superseding``: the cases this one supersedes, which its decision overrules rather than
    departs from (:func:`council_app.precedent.consistency.superseded_here`)."""
    title = framework.outcome_title
    found: list[Departure] = []
    if vote.carried is None:
        found.append(Departure("vote", vote.sentence))
    elif vote.carried != outcome:
        cast = sum(vote.counts.values())
        how = (
            f"on the casting vote of {vote.casting}"
            if vote.casting
            else f"{vote.counts[vote.carried]} of {cast} votes cast"
        )
        found.append(
            Departure(
                "vote", f"The vote carried {title(vote.carried)} ({how}), not {title(outcome)}."
            )
        )
    rec = score.scoring.recommendation
    deferral = framework.deferral
    if rec.outcome == deferral and rec.missing and outcome != deferral:
        found.append(
            Departure(
                "recommendation",
                f"Ratings are missing ({', '.join(rec.missing)}), so the framework recommends "
                f"deferring; the decision is {title(outcome)}.",
            )
        )
    elif rec.outcome != outcome:
        index = f" (concern index {rec.shown_index})" if rec.shown_index is not None else ""
        found.append(
            Departure(
                "recommendation",
                f"The framework recommends {title(rec.outcome)}{index}; the decision is "
                f"{title(outcome)}.",
            )
        )
    if outcome != deferral:
        # One departure per red line, however many members' ratings meet it.
        floors: dict[str, tuple[str, list[str], str]] = {}
        hits = [(h.key, h.description, h.detail, h.floor) for h in rec.red_lines]
        hits += [
            (line.hit.key, line.hit.description, line.named_hit.detail, line.hit.floor)
            for line in score.member_red_lines
            if not line.applied
        ]
        for key, description, detail, floor in hits:
            floors.setdefault(key, (description, [], floor))[1].append(detail)
        for description, details, floor in floors.values():
            if severity(framework, outcome) < severity(framework, floor):
                found.append(
                    Departure(
                        "red_line",
                        f"The red line “{description}” ({'; '.join(details)}) sets the floor "
                        f"at {title(floor)}; {title(outcome)} is milder.",
                    )
                )
    otherwise = [
        p
        for p in close_precedents(tuple(precedents), superseding=superseding, framework=framework)
        if p.outcome != outcome
    ]
    if otherwise:
        listed = "; ".join(
            f"{p.case.id} ({precedent_outcome_title(framework, p.outcome)})"
            for p in otherwise
            if p.outcome is not None
        )
        count = len(otherwise)
        found.append(
            Departure(
                "precedents",
                f"{count} close precedent{'s were' if count != 1 else ' was'} decided otherwise: "
                f"{listed}.",
            )
        )
    return tuple(found)


def conditions_problem(framework: Framework, outcome: str, conditions: int) -> str:
    """Why the outcome cannot be recorded with so few conditions ("": it can); the decision form
    says it as the conditions are typed, before the rest of the decision is weighed."""
    chosen = framework.outcome(outcome)
    if chosen.requires_conditions and not conditions:
        return f"{chosen.title} is recorded only with at least one condition."
    return ""


def decision_problems(
    framework: Framework,
    outcome: str,
    *,
    conditions: int,
    departure: str,
    distinction: str,
    departures: Sequence[Departure],
) -> list[str]:
    """Why a decision cannot be recorded as it stands (empty: it can)."""
    problems: list[str] = []
    missing = conditions_problem(framework, outcome, conditions)
    if missing:
        problems.append(missing)
    # A distinction from precedent is itself the reason for departing from precedent.
    unexplained = [d for d in departures if not (d.kind == "precedents" and distinction.strip())]
    if unexplained and not departure.strip():
        problems.append(
            "The decision departs from its sitting, so it is recorded only with the reason for "
            "the departure: " + " ".join(d.sentence for d in unexplained)
        )
    return problems


def sitting_review_by(
    framework: Framework, outcome: str, decided: date, case: Case, score: CaseScore
) -> date:
    """The review date a decision taken at a sitting gets unless the council sets its own.

    The case's risk may set a shorter period than the outcome's (a classification, a region, the
    concern index the council saw), so the form that proposes the date and the core that records
    a decision without one must read the same case and index.
    """
    index = score.scoring.shown_index
    return default_review_by(
        framework, outcome, decided, case, None if index is None else float(index)
    )


__all__ = [
    "Departure",
    "VoteResult",
    "casting_member",
    "conditions_problem",
    "decision_departures",
    "decision_problems",
    "sitting_review_by",
    "vote_result",
]
