"""The council's view of a case from its members' assessments.

Every member's assessment is kept as it is; the council view takes, for each consideration and
principle, the median of the members who rated it (or the mean, if the council prefers) and flags
where members are further apart than the framework's threshold, naming who is at either end.
A member who stood aside on the case (recused at a sitting) is left out of all of it: their
ratings neither move the median nor raise a disagreement, and the view says who stood aside.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from council_app.case import Assessment
from council_app.framework import Framework
from council_app.scoring.numbers import rating_text
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
            f"{self.label}: members differ by {rating_text(self.spread)} points — "
            f"{', '.join(self.low_members)} rated {rating_text(self.low)}, "
            f"{', '.join(self.high_members)} rated {rating_text(self.high)}."
        )


@dataclass(frozen=True)
class CouncilView:
    ratings: RatingSet  # the aggregate
    method: Method
    members: tuple[str, ...]
    member_ratings: dict[str, RatingSet]
    disagreements: tuple[Disagreement, ...]
    threshold: float
    stood_aside: tuple[str, ...] = ()  # members recused from the case: their ratings left out

    def summary(self) -> str:
        """``median of 3 members; Amara Okafor stood aside``: whose ratings the view is."""
        count = len(self.members)
        text = (
            f"{self.method} of {count} member{'s' if count != 1 else ''}"
            if count
            else "no member's ratings yet"
        )
        if self.stood_aside:
            text += f"; {', '.join(self.stood_aside)} stood aside"
        return text


def aggregate_values(values: Sequence[Fraction | int], method: Method = "median") -> Fraction:
    """The council's figure for one rating from the members' values."""
    return _aggregate(values, method)


def _aggregate(values: Sequence[Fraction | int], method: Method) -> Fraction:
    if method == "mean":
        return Fraction(sum(values, Fraction(0))) / len(values)
    # The median by hand: statistics.median over Fractions is the slowest step of ranking
    # precedents on a large library (it runs for every candidate and rating).
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Fraction(ordered[middle])
    return Fraction(ordered[middle - 1] + ordered[middle]) / 2


def _keys_in_order(
    per_member: Mapping[str, RatingSet], framework: Framework | None
) -> tuple[list[str], list[str]]:
    """The consideration and principle keys any member rated: in ``framework``'s order for the
    keys it knows, then any others in the order members gave them (none is dropped)."""
    considerations = dict.fromkeys(k for r in per_member.values() for k in r.considerations)
    principles = dict.fromkeys(k for r in per_member.values() for k in r.principles)
    if framework is None:
        return list(considerations), list(principles)

    def ordered(found: dict[str, None], order: tuple[str, ...]) -> list[str]:
        return [k for k in order if k in found] + [k for k in found if k not in order]

    return (
        ordered(considerations, framework.rated_keys),
        ordered(principles, framework.principle_keys),
    )


def aggregate_ratings(
    per_member: Mapping[str, RatingSet],
    method: Method = "median",
    framework: Framework | None = None,
) -> RatingSet:
    """For each key, the median (or mean) of the members who rated it.

    Keys come in ``framework``'s order when one is given, else in the order the members' ratings
    give them; a key is a principle in the aggregate if it is one in the members' ratings.
    """
    c_keys, p_keys = _keys_in_order(per_member, framework)
    considerations: dict[str, Fraction] = {}
    principles: dict[str, Fraction] = {}
    for keys, out in ((c_keys, considerations), (p_keys, principles)):
        for key in keys:
            values = [v for r in per_member.values() if (v := r.value(key)) is not None]
            if values:
                out[key] = _aggregate(values, method)
    return RatingSet(considerations, principles)


def council_view(
    framework: Framework,
    assessments: Sequence[Assessment],
    *,
    method: Method = "median",
    threshold: float | None = None,
    stood_aside: Iterable[str] = (),
) -> CouncilView:
    if method not in METHODS:
        raise ValueError(f"unknown aggregation {method!r}")
    limit = framework.scoring.disagreement_threshold if threshold is None else threshold
    aside = tuple(dict.fromkeys(stood_aside))
    per_member = {
        a.member: RatingSet.from_assessment(a) for a in assessments if a.member not in aside
    }
    disagreements: list[Disagreement] = []
    for key in framework.rating_keys:
        rated = {m: v for m, r in per_member.items() if (v := r.value(key)) is not None}
        if not rated:
            continue
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
        ratings=aggregate_ratings(per_member, method, framework),
        method=method,
        members=tuple(per_member),
        member_ratings=per_member,
        disagreements=tuple(disagreements),
        threshold=limit,
        stood_aside=aside,
    )
