"""The weighted concern index (0–100) and what each consideration contributes to it.

Each consideration's rating is turned into concern (one whose direction is ``effectiveness``,
``actions`` as shipped, has concern top − score; any other, score − bottom, on the framework's
scale; the consideration derived from the principles has the concern the framework's rule gives
from the principle ratings), then weighed: index = 100 × Σ wᵢ·cᵢ / (span × Σ wᵢ), the span
being top − bottom (4 on the shipped 0–4 scale). Arithmetic is exact
(fractions); the index is shown rounded half-up to one decimal, like every shown number (see
``numbers``), and the recommendation bands read that shown number, so a case never looks as if
it sat in one band and was put in another.
"""

from __future__ import annotations

import functools
import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from council_app.framework import Framework
from council_app.scoring.numbers import INDEX_DECIMALS, shown_number
from council_app.scoring.ratings import RatingSet, rating_label
from council_app.scoring.weights import Weights

_STEP = Fraction(1, 10**INDEX_DECIMALS)


def display_index(value: Fraction | float) -> Decimal:
    """The index as shown: rounded half-up (24.95 shows as 25.0), like a person would round.

    By the rule every shown number follows (``numbers.shown_number``), so the contributions,
    swings and points shown beside it round their halves the same way.
    """
    return shown_number(value, INDEX_DECIMALS)


@functools.lru_cache(maxsize=64)
def shown_threshold(below: float) -> Fraction:
    """The exact index from which the shown value reaches ``below``.

    A band "below 25" holds while the shown index is under 25.0, that is while the index is
    under 24.95. Every band edge is read through this, so bands and display always agree.
    """
    edge = Fraction(repr(float(below)))
    steps = math.ceil(edge / _STEP)
    return steps * _STEP - _STEP / 2


def principles_concern(framework: Framework, ratings: RatingSet) -> Fraction | None:
    values = [ratings.principles.get(p.key) for p in framework.principles]
    if any(v is None for v in values):
        return None
    present = [v for v in values if v is not None]
    rule = framework.scoring.principles_rule
    if rule == "max":
        return max(present)
    if rule == "mean":
        return sum(present, Fraction(0)) / len(present)
    return Fraction(statistics.median(present))


def concerns(framework: Framework, ratings: RatingSet) -> dict[str, Fraction | None]:
    """Each consideration's concern (0 to the scale's span, higher is worse), or None while
    not rated."""
    out: dict[str, Fraction | None] = {}
    for consideration in framework.considerations:
        if consideration.derived_from == "principles":
            score = principles_concern(framework, ratings)
        else:
            score = ratings.considerations.get(consideration.key)
        out[consideration.key] = (
            None if score is None else framework.concern_of(consideration, score)
        )
    return out


def inherent_concerns(
    framework: Framework, concern: Mapping[str, Fraction | None]
) -> dict[str, Fraction | None]:
    """Concerns as if none of the proposed actions worked (effectiveness 0)."""
    return {
        c.key: (
            Fraction(framework.scale_span) if c.direction == "effectiveness" else concern[c.key]
        )
        for c in framework.considerations
    }


def weighted_index(concern: Mapping[str, Fraction], weights: Weights, span: int) -> Fraction:
    """The concern index, 0–100: each concern as a share of the most the scale allows
    (``span``, the framework's ``scale_span``), weighted."""
    total = weights.total
    return sum(
        (100 * weights.values[key] * value / (span * total) for key, value in concern.items()),
        Fraction(0),
    )


@dataclass(frozen=True)
class Contribution:
    """What one consideration adds to the index."""

    key: str
    title: str
    rating: Fraction | None  # in its natural wording (actions: effectiveness)
    concern: Fraction | None
    weight: Fraction  # as given
    share: Fraction  # of the total weight, 0–1
    points: Fraction | None  # index points it contributes
    max_points: Fraction  # what it would contribute at the highest concern


def contributions(
    framework: Framework, ratings: RatingSet, weights: Weights
) -> tuple[Contribution, ...]:
    concern = concerns(framework, ratings)
    result = []
    for c in framework.considerations:
        share = weights.share(c.key)
        value = concern[c.key]
        rating = (
            principles_concern(framework, ratings)
            if c.derived_from
            else ratings.considerations.get(c.key)
        )
        result.append(
            Contribution(
                key=c.key,
                title=c.title,
                rating=rating,
                concern=value,
                weight=weights.values[c.key],
                share=share,
                points=None if value is None else 100 * share * value / framework.scale_span,
                max_points=100 * share,
            )
        )
    return tuple(result)


def missing_labels(framework: Framework, ratings: RatingSet) -> list[str]:
    return [rating_label(framework, key) for key in ratings.missing(framework)]
