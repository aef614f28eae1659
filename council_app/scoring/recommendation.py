"""From the index and the red lines to a recommendation, said in words.

Bands turn the shown index into an outcome. Red lines are not compensatory: when one holds it
sets a floor on the recommendation whatever the weighted sum says, and it can never be weighed
away. Missing ratings give the framework's deferral (``defer`` as shipped) with the list of what
is missing, never a number made up from zeros.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from council_app.framework import ANY_PRINCIPLE, Framework, RedLine
from council_app.framework.model import CLASSIFICATION_TARGET
from council_app.scoring.index import display_index, shown_threshold
from council_app.scoring.numbers import rating_text
from council_app.scoring.ratings import RatingSet, rating_label


def severity(framework: Framework, outcome: str) -> int:
    """Order of the outcomes a band or red line can give: the framework's outcomes in order
    without the deferral, the most permissive 0 (approve, as shipped), the strictest highest."""
    return framework.graded_outcomes.index(outcome)


def band_outcome(framework: Framework, index: Fraction | float) -> str:
    for band in framework.scoring.bands:
        if band.below is None or index < shown_threshold(band.below):
            return band.outcome
    return framework.scoring.bands[-1].outcome


def band_text(framework: Framework, outcome: str) -> str:
    """``25 to 50`` — the range of shown index values the band covers."""
    previous: float | None = None
    for band in framework.scoring.bands:
        if band.outcome == outcome:
            if previous is None and band.below is not None:
                return f"below {band.below:g}"
            if band.below is None:
                return f"{previous:g} and above" if previous is not None else "any value"
            return f"{previous:g} to {band.below:g}"
        previous = band.below
    return ""


@dataclass(frozen=True)
class RedLineHit:
    key: str
    description: str
    floor: str
    detail: str  # which ratings meet it, in words


def _condition_values(
    framework: Framework, ratings: RatingSet, target: str
) -> list[tuple[str, Fraction]]:
    if target == ANY_PRINCIPLE:
        return [
            (k, v) for k in framework.principle_keys if (v := ratings.principles.get(k)) is not None
        ]
    value = ratings.value(target)
    return [] if value is None else [(target, value)]


def red_line_hit(framework: Framework, line: RedLine, ratings: RatingSet) -> RedLineHit | None:
    details: list[str] = []
    for condition in line.conditions:
        meeting = [
            (key, value)
            for key, value in _condition_values(framework, ratings, condition.target)
            if (condition.at_least is None or value >= condition.at_least)
            and (condition.at_most is None or value <= condition.at_most)
        ]
        if not meeting:
            return None
        details += [
            f"{rating_label(framework, key)} rated {rating_text(value)}" for key, value in meeting
        ]
    return RedLineHit(
        key=line.key, description=line.description, floor=line.floor, detail="; ".join(details)
    )


def reads_classifications(line: RedLine) -> bool:
    """A red line with a classification condition is about the case, not its ratings alone:
    it is read where the case is at hand (``case_score.classification_floors``)."""
    return any(c.target == CLASSIFICATION_TARGET for c in line.conditions)


def red_line_hits(framework: Framework, ratings: RatingSet) -> tuple[RedLineHit, ...]:
    hits = (
        red_line_hit(framework, line, ratings)
        for line in framework.scoring.red_lines
        if not reads_classifications(line)
    )
    return tuple(hit for hit in hits if hit is not None)


def floor_of(framework: Framework, hits: tuple[RedLineHit, ...]) -> str | None:
    if not hits:
        return None
    return max((hit.floor for hit in hits), key=lambda o: severity(framework, o))


def combine(framework: Framework, band: str, floor: str | None) -> str:
    if floor is None or severity(framework, band) >= severity(framework, floor):
        return band
    return floor


@dataclass(frozen=True)
class Recommendation:
    outcome: str
    rule: str  # "band", "red_line" or "missing_ratings": what produced the outcome
    reason: str  # the rule, in words
    band_outcome: str | None
    shown_index: Decimal | None
    red_lines: tuple[RedLineHit, ...]
    missing: tuple[str, ...]  # labels of what is not yet rated


def recommend(
    framework: Framework,
    ratings: RatingSet,
    index: Fraction | None,
    missing: list[str],
    *,
    also: tuple[RedLineHit, ...] = (),
) -> Recommendation:
    """``also``: red lines met by something other than ``ratings`` (a member's own ratings, when
    the framework reads red lines from any member), which set a floor all the same."""
    hits = red_line_hits(framework, ratings) + also
    title = framework.outcome_title
    if index is None or missing:
        reason = f"{title(framework.deferral)}: not yet rated — {', '.join(missing)}."
        floor = floor_of(framework, hits)
        if floor is not None:
            reason += (
                f" A red line already applies ({hits[0].description}: {hits[0].detail}): "
                f"the recommendation will be at least {title(floor)}."
            )
        return Recommendation(
            outcome=framework.deferral,
            rule="missing_ratings",
            reason=reason,
            band_outcome=None,
            shown_index=None,
            red_lines=hits,
            missing=tuple(missing),
        )
    shown = display_index(index)
    band = band_outcome(framework, index)
    floor = floor_of(framework, hits)
    outcome = combine(framework, band, floor)
    band_reason = (
        f"The concern index {shown} is in the band {band_text(framework, band)}: {title(band)}."
    )
    if outcome != band:
        deciding = next(h for h in hits if h.floor == outcome)
        reason = (
            f"Red line — {deciding.description} ({deciding.detail}) — sets the floor at "
            f"{title(outcome)}; the concern index {shown} alone would give {title(band)}."
        )
        rule = "red_line"
    else:
        reason = band_reason
        if hits:
            reason += " " + " ".join(
                f"The red line “{h.description}” ({h.detail}) also applies; its floor, "
                f"{title(h.floor)}, is already met."
                for h in hits
            )
        rule = "band"
    return Recommendation(
        outcome=outcome,
        rule=rule,
        reason=reason,
        band_outcome=band,
        shown_index=shown,
        red_lines=hits,
        missing=(),
    )
