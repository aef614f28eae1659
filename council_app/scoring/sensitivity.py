"""How robust a recommendation is to the weights.

For each consideration the weight is moved over its whole range (0–1 as a share of the total)
while the others keep their proportions to each other. The index is then a straight line in that
weight, so the points where it crosses a band edge are found exactly (fractions), and the
interval over which the recommendation holds has exact end points. A Monte Carlo run draws
weightings from a Dirichlet distribution around the profile (seeded, so the same case gives the
same figure) and counts how often the recommendation holds. Swings for a tornado chart show how
far the index moves when one weight halves or grows by half, and when one rating moves a point.
"""

from __future__ import annotations

import functools
import math
import random
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from council_app.framework import Framework
from council_app.scoring.index import shown_threshold
from council_app.scoring.numbers import percent_text, share_text
from council_app.scoring.recommendation import band_outcome, combine, floor_of
from council_app.scoring.scorer import Scoring

DEFAULT_DRAWS = 2000
DEFAULT_SEED = 20_241_127
# Dirichlet concentration: with 30, a weight of 0.10 varies by about ±0.05 and one of 0.30 by
# about ±0.08 (one standard deviation) — "around the profile", not anywhere at all.
DEFAULT_CONCENTRATION = 30.0


@dataclass(frozen=True)
class Flip:
    weight: Fraction  # the share at which the recommendation changes
    outcome: str  # what it becomes past that point


@dataclass(frozen=True)
class WeightInterval:
    key: str
    title: str
    share: Fraction  # the weight now, as a share of the total
    holds_from: Fraction
    holds_to: Fraction
    below: Flip | None  # what happens when the weight falls under holds_from
    above: Flip | None  # ... and when it rises over holds_to


@dataclass(frozen=True)
class Swing:
    key: str
    title: str
    low: Fraction  # index at the low end of the swing
    high: Fraction  # index at the high end

    @property
    def width(self) -> Fraction:
        return abs(self.high - self.low)


@dataclass(frozen=True)
class Sensitivity:
    outcome: str
    intervals: tuple[WeightInterval, ...]
    draws: int
    seed: int
    concentration: float
    agreement: float  # share of random weightings that give the same recommendation
    outcome_counts: dict[str, int]
    weight_swings: tuple[Swing, ...]  # weight × 0.5 and × 1.5, others in proportion
    rating_swings: tuple[Swing, ...]  # concern − 1 and + 1 (within the scale)
    most_influential: str | None  # consideration whose weight moves the index most
    sentence: str


def _others_mean(shares: dict[str, Fraction], concern: dict[str, Fraction], key: str) -> Fraction:
    """Weighted mean concern of the other considerations, in their proportions."""
    rest = 1 - shares[key]
    others = [k for k in shares if k != key]
    if rest == 0:
        # The other weights are all zero, so "in proportion" says nothing: share equally.
        return sum((concern[k] for k in others), Fraction(0)) / len(others)
    return sum((shares[k] * concern[k] for k in others), Fraction(0)) / rest


def _index_at(t: Fraction, concern_k: Fraction, others: Fraction, span: int) -> Fraction:
    """The index with consideration k at share ``t`` of the weight (``span``: the scale's)."""
    return Fraction(100, span) * (others + t * (concern_k - others))


def _interval(
    framework: Framework,
    key: str,
    title: str,
    shares: dict[str, Fraction],
    concern: dict[str, Fraction],
    floor: str | None,
) -> WeightInterval:
    share = shares[key]
    others = _others_mean(shares, concern, key)
    c_k = concern[key]

    def outcome(t: Fraction) -> str:
        return combine(
            framework,
            band_outcome(framework, _index_at(t, c_k, others, framework.scale_span)),
            floor,
        )

    points: set[Fraction] = {Fraction(0), Fraction(1)}
    if c_k != others:
        for band in framework.scoring.bands:
            if band.below is None:
                continue
            threshold = shown_threshold(band.below)
            t = (threshold * framework.scale_span / 100 - others) / (c_k - others)
            if 0 < t < 1:
                points.add(t)
    ordered = sorted(points)
    current = outcome(share)

    # Walk down from the current weight, then up, while the outcome stays the same.
    holds_from, below = Fraction(0), None
    lower = [p for p in ordered if p < share]
    position = share
    for point in reversed(lower):
        middle = (point + position) / 2
        if outcome(middle) != current:
            holds_from, below = position, Flip(position, outcome(middle))
            break
        if outcome(point) != current:
            holds_from, below = point, Flip(point, outcome(point))
            break
        position = point
    else:
        holds_from = Fraction(0)

    holds_to, above = Fraction(1), None
    upper = [p for p in ordered if p > share]
    position = share
    for point in upper:
        middle = (point + position) / 2
        if outcome(middle) != current:
            holds_to, above = position, Flip(position, outcome(middle))
            break
        if outcome(point) != current:
            holds_to, above = point, Flip(point, outcome(point))
            break
        position = point
    else:
        holds_to = Fraction(1)
    return WeightInterval(key, title, share, holds_from, holds_to, below, above)


@functools.lru_cache(maxsize=32)
def _weight_samples(
    shares: tuple[Fraction, ...], draws: int, seed: int, concentration: float
) -> tuple[tuple[float, ...], ...]:
    """Seeded Dirichlet draws around the shares, normalised to sum to one.

    They depend on the weights only, not on the ratings, so they are kept: when a member
    changes a rating the same draws are re-read rather than drawn again.
    """
    rng = random.Random(seed)
    alphas = [concentration * float(s) for s in shares]
    gamma = rng.gammavariate
    samples = []
    for _ in range(draws):
        sample = [gamma(a, 1.0) for a in alphas]
        total = sum(sample)
        samples.append(tuple(s / total for s in sample))
    return tuple(samples)


def _agreement(
    framework: Framework,
    shares: dict[str, Fraction],
    concern: dict[str, Fraction],
    floor: str | None,
    current: str,
    draws: int,
    seed: int,
    concentration: float,
) -> tuple[float, dict[str, int]]:
    keys = tuple(k for k in shares if shares[k] > 0)
    samples = _weight_samples(tuple(shares[k] for k in keys), draws, seed, concentration)
    values = [float(concern[k]) for k in keys]
    # Band edges as plain floats: the draws are a statistic, not a decision on a band edge.
    edges = [
        (float(shown_threshold(b.below)) if b.below is not None else math.inf, b.outcome)
        for b in framework.scoring.bands
    ]
    finals = {band: combine(framework, band, floor) for _, band in edges}
    counts: Counter[str] = Counter()
    scale = 100 / framework.scale_span
    for sample in samples:
        index = scale * sum(s * v for s, v in zip(sample, values, strict=True))
        for edge, band in edges:
            if index < edge:
                counts[finals[band]] += 1
                break
    agreement = counts[current] / draws if draws else 1.0
    return agreement, dict(counts)


def _sentence(
    framework: Framework,
    outcome: str,
    intervals: tuple[WeightInterval, ...],
    agreement: float,
    draws: int,
    floor: str | None,
) -> str:
    """The nearest flip, in words, quoting the figures the sensitivity table shows.

    Every share here is shown by ``share_text``, the function the tables use, at the same
    precision: the sentence once rounded its flip towards the weight now, to two decimals, and
    so said 0.06 beside a table that said 0.057. The exact flip is in ``score --json``.
    """
    title = framework.outcome_title(outcome)
    candidates: list[tuple[Fraction, str]] = []
    for interval in intervals:
        if interval.above is not None:
            candidates.append(
                (
                    interval.above.weight - interval.share,
                    f"the weight of {interval.title} rises above "
                    f"{share_text(interval.above.weight)} (now "
                    f"{share_text(interval.share)}), when it becomes "
                    f"{framework.outcome_title(interval.above.outcome)}",
                )
            )
        if interval.below is not None:
            candidates.append(
                (
                    interval.share - interval.below.weight,
                    f"the weight of {interval.title} falls below "
                    f"{share_text(interval.below.weight)} (now "
                    f"{share_text(interval.share)}), when it becomes "
                    f"{framework.outcome_title(interval.below.outcome)}",
                )
            )
    held = (
        f"it held under {percent_text(agreement)} of {draws:,} random weightings around these "
        "weights"
    )
    if not candidates:
        why = " because a red line sets it" if floor == outcome else ""
        return f"The recommendation ({title}) holds whatever the weights{why}; {held}."
    candidates.sort(key=lambda c: c[0])
    return f"The recommendation ({title}) holds unless {candidates[0][1]}; {held}."


def analyse(
    framework: Framework,
    scoring: Scoring,
    *,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    concentration: float = DEFAULT_CONCENTRATION,
) -> Sensitivity | None:
    """The sensitivity of a complete scoring; None while ratings are missing."""
    if scoring.index is None:
        return None
    concern = {k: v for k, v in scoring.concerns.items() if v is not None}
    shares = scoring.weights.shares()
    recommendation = scoring.recommendation
    floor = floor_of(framework, recommendation.red_lines)
    titles = {c.key: c.title for c in framework.considerations}
    intervals = tuple(
        _interval(framework, key, titles[key], shares, concern, floor) for key in shares
    )
    agreement, counts = _agreement(
        framework, shares, concern, floor, recommendation.outcome, draws, seed, concentration
    )

    weight_swings = []
    rating_swings = []
    for key in shares:
        others = _others_mean(shares, concern, key)
        low_t = shares[key] / 2
        high_t = min(Fraction(1), shares[key] * Fraction(3, 2))
        weight_swings.append(
            Swing(
                key,
                titles[key],
                _index_at(low_t, concern[key], others, framework.scale_span),
                _index_at(high_t, concern[key], others, framework.scale_span),
            )
        )
        step = Fraction(100, framework.scale_span) * shares[key]
        down = min(Fraction(1), concern[key])
        up = min(Fraction(1), framework.scale_span - concern[key])
        rating_swings.append(
            Swing(key, titles[key], scoring.index - step * down, scoring.index + step * up)
        )
    most = max(weight_swings, key=lambda s: s.width) if weight_swings else None
    return Sensitivity(
        outcome=recommendation.outcome,
        intervals=intervals,
        draws=draws,
        seed=seed,
        concentration=concentration,
        agreement=agreement,
        outcome_counts=counts,
        weight_swings=tuple(sorted(weight_swings, key=lambda s: s.width, reverse=True)),
        rating_swings=tuple(sorted(rating_swings, key=lambda s: s.width, reverse=True)),
        most_influential=most.key if most is not None and most.width > 0 else None,
        sentence=_sentence(framework, recommendation.outcome, intervals, agreement, draws, floor),
    )
