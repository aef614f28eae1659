"""Score a whole case: the council view, the scoring, its sensitivity, each member's own.

This is the one function the CLI, the app and the memo call, so every number a council member
sees about a case comes from the same place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from council_app.case import Case
from council_app.framework import Framework
from council_app.scoring.aggregation import CouncilView, Method, council_view
from council_app.scoring.scorer import Scoring, score_ratings
from council_app.scoring.sensitivity import DEFAULT_DRAWS, DEFAULT_SEED, Sensitivity, analyse
from council_app.scoring.weights import Weights, profile_weights


@dataclass(frozen=True)
class CaseScore:
    case_id: str
    council: CouncilView
    scoring: Scoring
    sensitivity: Sensitivity | None
    member_scores: dict[str, Scoring]


def score_case(
    framework: Framework,
    case: Case,
    weights: Weights | None = None,
    *,
    method: Method = "median",
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> CaseScore:
    weights = weights or profile_weights(framework)
    view = council_view(framework, case.assessments, method=method)
    scoring = score_ratings(framework, view.ratings, weights)
    return CaseScore(
        case_id=case.id,
        council=view,
        scoring=scoring,
        sensitivity=analyse(framework, scoring, draws=draws, seed=seed),
        member_scores={
            member: score_ratings(framework, ratings, weights)
            for member, ratings in view.member_ratings.items()
        },
    )


@dataclass(frozen=True)
class ReplayChange:
    case_id: str
    title: str
    decided: str | None  # the council's recorded outcome
    before: str
    after: str
    index_before: Decimal | None
    index_after: Decimal | None
    reason_after: str


def replay(
    cases: Iterable[Case],
    *,
    before: tuple[Framework, Weights],
    after: tuple[Framework, Weights],
    method: Method = "median",
) -> list[ReplayChange]:
    """The decided cases whose recommendation differs under another framework or weighting."""
    changes: list[ReplayChange] = []
    for case in cases:
        if case.decision is None:
            continue
        old_framework, old_weights = before
        new_framework, new_weights = after
        old = score_ratings(
            old_framework,
            council_view(old_framework, case.assessments, method=method).ratings,
            old_weights,
        )
        new = score_ratings(
            new_framework,
            council_view(new_framework, case.assessments, method=method).ratings,
            new_weights,
        )
        if old.recommendation.outcome != new.recommendation.outcome:
            changes.append(
                ReplayChange(
                    case_id=case.id,
                    title=case.title,
                    decided=case.decision.outcome,
                    before=old.recommendation.outcome,
                    after=new.recommendation.outcome,
                    index_before=old.shown_index,
                    index_after=new.shown_index,
                    reason_after=new.recommendation.reason,
                )
            )
    return changes
