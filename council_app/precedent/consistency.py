"""Does the recommendation on the table agree with how close precedents were decided?

When close, current (not superseded) precedents were decided differently from what is now
recommended, the council is told which, how they were decided and where their ratings differ,
and is asked to record in the decision how this case is distinguished.
"""

from __future__ import annotations

from dataclasses import dataclass

from council_app.case import Case
from council_app.framework import Framework
from council_app.precedent.ranking import Precedent

CLOSE_SCORE = 0.45  # a precedent at least this similar counts as close
CLOSE_COUNT = 5  # only the top few are weighed


@dataclass(frozen=True)
class Inconsistency:
    precedent: Precedent
    outcome: str

    def sentence(self, framework: Framework) -> str:
        p = self.precedent
        text = f"{p.case.id} ({p.case.title}) was decided {framework.outcome_title(self.outcome)}"
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

    @property
    def warning(self) -> bool:
        return bool(self.inconsistent)

    def message(self, framework: Framework) -> str:
        title = framework.outcome_title(self.recommendation)
        if not self.inconsistent:
            if not self.consistent:
                return f"No close, current precedent to compare the recommendation ({title}) with."
            ids = ", ".join(p.case.id for p in self.consistent)
            return f"The recommendation ({title}) agrees with the close precedents ({ids})."
        count = len(self.inconsistent)
        lines = [
            f"{count} close precedent{'s were' if count != 1 else ' was'} decided differently "
            f"from the recommendation ({title}):"
        ]
        lines += [f"- {item.sentence(framework)}" for item in self.inconsistent]
        if self.distinction:
            lines.append(f"Distinction recorded: {self.distinction}")
        else:
            lines.append("Record in the decision how this case is distinguished from them.")
        return "\n".join(lines)


def close_precedents(
    precedents: tuple[Precedent, ...],
    *,
    close_score: float = CLOSE_SCORE,
    close_count: int = CLOSE_COUNT,
) -> list[Precedent]:
    """The precedents close enough to weigh: among the best few, similar enough, decided (not
    deferred) and not superseded. The consistency check and the decision rules both use it."""
    return [
        p
        for p in precedents[:close_count]
        if p.score >= close_score and p.outcome not in (None, "defer") and not p.superseded
    ]


def check_consistency(
    case: Case,
    recommendation: str,
    precedents: tuple[Precedent, ...],
    *,
    close_score: float = CLOSE_SCORE,
    close_count: int = CLOSE_COUNT,
) -> ConsistencyCheck:
    close = close_precedents(precedents, close_score=close_score, close_count=close_count)
    inconsistent = tuple(
        Inconsistency(p, p.outcome)
        for p in close
        if p.outcome is not None and p.outcome != recommendation
    )
    consistent = tuple(p for p in close if p.outcome == recommendation)
    distinction = case.decision.distinction if case.decision else ""
    return ConsistencyCheck(recommendation, inconsistent, consistent, distinction)
