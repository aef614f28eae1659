"""The council's view of a case from its members' assessments.

Every member's assessment is kept as it is; the council view takes, for each consideration and
principle, the median of the members who rated it (or the mean, if the council prefers) and flags
where members are further apart than the framework's threshold, naming who is at either end.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from council_app.case import Assessment
from council_app.framework import PRINCIPLE_KEYS, RATED_CONSIDERATION_KEYS, Framework
from council_app.scoring.ratings import RatingSet, rating_label

Method = Literal["median", "mean"]
METHODS: tuple[Method, ...] = ("median", "mean")


@dataclass(frozen=True)
class Disagreement:
    key: str
    label: str
    low: Fraction
    high: Fraction
    low_members: tuple[str, ...]
    high_members: tuple[str, ...]

    @property
    def spread(self) -> Fraction:
        return self.high - self.low

    def sentence(self) -> str:
        return (
            f"{self.label}: members differ by {self.spread} points — "
            f"{', '.join(self.low_members)} rated {self.low}, "
            f"{', '.join(self.high_members)} rated {self.high}."
        )


@dataclass(frozen=True)
class CouncilView:
    ratings: RatingSet  # the aggregate
    method: Method
    members: tuple[str, ...]
    member_ratings: dict[str, RatingSet]
    disagreements: tuple[Disagreement, ...]
    threshold: float


def _aggregate(values: Sequence[Fraction], method: Method) -> Fraction:
    if method == "mean":
        return sum(values, Fraction(0)) / len(values)
    return Fraction(statistics.median(values))


def council_view(
    framework: Framework,
    assessments: Sequence[Assessment],
    *,
    method: Method = "median",
    threshold: float | None = None,
) -> CouncilView:
    if method not in METHODS:
        raise ValueError(f"unknown aggregation {method!r}")
    limit = framework.scoring.disagreement_threshold if threshold is None else threshold
    per_member = {a.member: RatingSet.from_assessment(a) for a in assessments}
    considerations: dict[str, Fraction] = {}
    principles: dict[str, Fraction] = {}
    disagreements: list[Disagreement] = []
    for key in (*RATED_CONSIDERATION_KEYS, *PRINCIPLE_KEYS):
        rated = {m: v for m, r in per_member.items() if (v := r.value(key)) is not None}
        if not rated:
            continue
        value = _aggregate(list(rated.values()), method)
        (principles if key in PRINCIPLE_KEYS else considerations)[key] = value
        low, high = min(rated.values()), max(rated.values())
        if high - low > limit:
            disagreements.append(
                Disagreement(
                    key=key,
                    label=rating_label(framework, key),
                    low=low,
                    high=high,
                    low_members=tuple(m for m, v in rated.items() if v == low),
                    high_members=tuple(m for m, v in rated.items() if v == high),
                )
            )
    return CouncilView(
        ratings=RatingSet(considerations, principles),
        method=method,
        members=tuple(per_member),
        member_ratings=per_member,
        disagreements=tuple(disagreements),
        threshold=limit,
    )
