"""Does the recommendation on the table agree with how close precedents were decided?

When close, current (not superseded) precedents were decided differently from what is now
recommended, the council is told which, how they were decided and where their ratings differ,
and is asked to record in the decision how this case is distinguished. A precedent the case
itself supersedes is not one to distinguish: the decision overrules it, and says so.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from council_app.case import Case
from council_app.date_words import date_words
from council_app.framework import Framework, bundled_framework
from council_app.precedent.ranking import Precedent

CLOSE_SCORE = 0.45  # a precedent at least this similar counts as close
CLOSE_COUNT = 5  # only the top few are weighed


def precedent_outcome_title(framework: Framework, outcome: str) -> str:
    """How a precedent's outcome reads beside a case under ``framework``.

    A precedent may have been decided under another framework version, with an outcome this
    one lacks (an outcome added since, say): it reads as its key then, instead of the check
    failing for the case.
    """
    if outcome in framework.outcome_keys:
        return framework.outcome_title(outcome)
    return outcome


@dataclass(frozen=True)
class Inconsistency:
    precedent: Precedent
    outcome: str

    def sentence(self, framework: Framework) -> str:
        p = self.precedent
        decided = precedent_outcome_title(framework, self.outcome)
        text = f"{p.case.id} ({p.case.title}) was decided {decided}"
        if p.differences:
            text += f"; ratings differ on {', '.join(p.differences)}"
        elif p.rating_gap is not None:
            text += "; the ratings are the same"
        return text + "."


@dataclass(frozen=True)
class ConsistencyCheck:
    recommendation: str
    inconsistent: tuple[Inconsistency, ...]
    consistent: tuple[Precedent, ...]
    distinction: str  # what the decision record says, if anything
    superseded: tuple[Precedent, ...] = ()  # precedents this case supersedes
    decided: bool = False  # the decision is recorded: the memo reports, it no longer asks

    @property
    def warning(self) -> bool:
        return bool(self.inconsistent)

    def message(self, framework: Framework) -> str:
        title = framework.outcome_title(self.recommendation)
        lines = [self._superseded_sentence(p, framework) for p in self.superseded]
        if not self.inconsistent:
            if self.consistent:
                ids = ", ".join(p.case.id for p in self.consistent)
                lines.append(
                    f"The recommendation ({title}) agrees with the close precedents ({ids})."
                )
            elif not self.superseded:
                lines.append(
                    f"No close, current precedent to compare the recommendation ({title}) with."
                )
            return "\n".join(lines)
        count = len(self.inconsistent)
        lines.append(
            f"{count} close precedent{'s were' if count != 1 else ' was'} decided differently "
            f"from the recommendation ({title}):"
        )
        lines += [f"- {item.sentence(framework)}" for item in self.inconsistent]
        if self.distinction:
            lines.append(f"Distinction recorded: {self.distinction}")
        elif self.decided:
            # A recorded decision is reported, not instructed: the memo says what is missing.
            lines.append("The decision records no distinction from them.")
        else:
            lines.append("Record in the decision how this case is distinguished from them.")
        return "\n".join(lines)

    def _superseded_sentence(self, p: Precedent, framework: Framework) -> str:
        decided = precedent_outcome_title(framework, p.outcome) if p.outcome else "not decided"
        when = f" on {date_words(p.case.decided)}" if p.case.decided else ""
        if self.decided:
            return f"{p.case.id} is superseded by this decision; it was decided {decided}{when}."
        return (
            f"{p.case.id} would be superseded by this decision once it is recorded; it was "
            f"decided {decided}{when}."
        )


def superseded_here(case: Case) -> frozenset[str]:
    """The cases this case supersedes, by its own links: what its decision overrules."""
    return frozenset(link.target for link in case.links if link.type == "supersedes")


def close_precedents(
    precedents: tuple[Precedent, ...],
    *,
    superseding: Collection[str] = (),
    close_score: float = CLOSE_SCORE,
    close_count: int = CLOSE_COUNT,
    framework: Framework | None = None,
) -> list[Precedent]:
    """The precedents close enough to weigh: among the best few, similar enough, decided (not
    deferred: not the deferral of ``framework``, the bundled one when None), not superseded,
    and not among those the case itself supersedes (``superseding``). The consistency check
    and the decision rules both use it."""
    deferral = (framework or bundled_framework()).deferral
    return [
        p
        for p in precedents[:close_count]
        if p.score >= close_score
        and p.outcome not in (None, deferral)
        and not p.superseded
        and p.case.id not in superseding
    ]


def check_consistency(
    case: Case,
    recommendation: str,
    precedents: tuple[Precedent, ...],
    *,
    close_score: float = CLOSE_SCORE,
    close_count: int = CLOSE_COUNT,
    framework: Framework | None = None,
) -> ConsistencyCheck:
    superseding = superseded_here(case)
    close = close_precedents(
        precedents,
        superseding=superseding,
        close_score=close_score,
        close_count=close_count,
        framework=framework,
    )
    inconsistent = tuple(
        Inconsistency(p, p.outcome)
        for p in close
        if p.outcome is not None and p.outcome != recommendation
    )
    consistent = tuple(p for p in close if p.outcome == recommendation)
    distinction = case.decision.distinction if case.decision else ""
    superseded = tuple(p for p in precedents if p.case.id in superseding)
    return ConsistencyCheck(
        recommendation,
        inconsistent,
        consistent,
        distinction,
        superseded=superseded,
        decided=case.decision is not None,
    )
