"""Score one set of ratings under one weighting: the index, its parts, the recommendation."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from council_app.framework import Framework
from council_app.scoring.index import (
    Contribution,
    concerns,
    contributions,
    display_index,
    inherent_concerns,
    missing_labels,
    weighted_index,
)
from council_app.scoring.ratings import RatingSet, check_ratings
from council_app.scoring.recommendation import (
    Recommendation,
    RedLineHit,
    band_outcome,
    recommend,
)
from council_app.scoring.weights import Weights


@dataclass(frozen=True)
class Scoring:
    ratings: RatingSet
    weights: Weights
    concerns: dict[str, Fraction | None]
    contributions: tuple[Contribution, ...]
    index: Fraction | None  # residual: as rated
    inherent_index: Fraction | None  # as if no proposed action worked
    recommendation: Recommendation
    inherent_outcome: str | None  # the band the inherent index falls in

    @property
    def shown_index(self) -> Decimal | None:
        return None if self.index is None else display_index(self.index)

    @property
    def shown_inherent_index(self) -> Decimal | None:
        return None if self.inherent_index is None else display_index(self.inherent_index)

    @property
    def complete(self) -> bool:
        return self.index is not None


def score_ratings(
    framework: Framework,
    ratings: RatingSet,
    weights: Weights,
    *,
    also: tuple[RedLineHit, ...] = (),
) -> Scoring:
    """``also``: red lines met outside ``ratings`` that set a floor all the same.

    A key ``framework`` does not rate is refused (:class:`RatingError`), never dropped.
    """
    check_ratings(framework, ratings)
    concern = concerns(framework, ratings)
    missing = missing_labels(framework, ratings)
    index: Fraction | None = None
    inherent: Fraction | None = None
    if not missing:
        complete = {k: v for k, v in concern.items() if v is not None}
        index = weighted_index(complete, weights, framework.scale_span)
        inherent_values = inherent_concerns(framework, concern)
        inherent = weighted_index(
            {k: v for k, v in inherent_values.items() if v is not None},
            weights,
            framework.scale_span,
        )
    return Scoring(
        ratings=ratings,
        weights=weights,
        concerns=concern,
        contributions=contributions(framework, ratings, weights),
        index=index,
        inherent_index=inherent,
        recommendation=recommend(framework, ratings, index, missing, also=also),
        inherent_outcome=None if inherent is None else band_outcome(framework, inherent),
    )
