"""A set of ratings to score: one member's, or the council's aggregate of several.

Values are exact fractions in the ratings' natural wording (0–4; ``actions`` as effectiveness).
They are whole numbers for one member and may be halves or thirds for an aggregate; keeping them
exact means a case on a band edge lands on the same side every time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from council_app.case import Assessment
from council_app.errors import CouncilError
from council_app.framework import (
    PRINCIPLE_KEYS,
    RATED_CONSIDERATION_KEYS,
    SCORE_MAX,
    SCORE_MIN,
    Framework,
)


class RatingError(CouncilError):
    """A rating that cannot be scored."""


@dataclass(frozen=True)
class RatingSet:
    considerations: Mapping[str, Fraction] = field(default_factory=dict)
    principles: Mapping[str, Fraction] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for group, allowed in (
            (self.considerations, RATED_CONSIDERATION_KEYS),
            (self.principles, PRINCIPLE_KEYS),
        ):
            for key, value in group.items():
                if key not in allowed:
                    raise RatingError(
                        f"{key!r} is not something to rate here; expected one of "
                        f"{', '.join(allowed)}."
                    )
                if not SCORE_MIN <= value <= SCORE_MAX:
                    raise RatingError(
                        f"{key}: a rating must be between {SCORE_MIN} and {SCORE_MAX}; "
                        f"found {value}."
                    )

    @classmethod
    def from_assessment(cls, assessment: Assessment) -> RatingSet:
        return cls(
            considerations={
                key: Fraction(r.score)
                for key, r in assessment.considerations.items()
                if r.score is not None
            },
            principles={
                key: Fraction(r.score)
                for key, r in assessment.principles.items()
                if r.score is not None
            },
        )

    @classmethod
    def of(cls, **scores: float | int | Fraction | None) -> RatingSet:
        """Ratings by key, for code and tests: ``RatingSet.of(harm=3, privacy=2, ...)``."""
        considerations: dict[str, Fraction] = {}
        principles: dict[str, Fraction] = {}
        for key, value in scores.items():
            if value is None:
                continue
            if key in RATED_CONSIDERATION_KEYS:
                considerations[key] = Fraction(value)
            elif key in PRINCIPLE_KEYS:
                principles[key] = Fraction(value)
            else:
                raise RatingError(
                    f"{key!r} is not a consideration or principle that is rated; expected one of "
                    f"{', '.join((*RATED_CONSIDERATION_KEYS, *PRINCIPLE_KEYS))}."
                )
        return cls(considerations=considerations, principles=principles)

    def value(self, key: str) -> Fraction | None:
        """A rating by consideration or principle key."""
        if key in PRINCIPLE_KEYS:
            return self.principles.get(key)
        return self.considerations.get(key)

    def missing(self) -> list[str]:
        """Keys not yet rated, considerations first, in the framework's order."""
        return [k for k in RATED_CONSIDERATION_KEYS if k not in self.considerations] + [
            k for k in PRINCIPLE_KEYS if k not in self.principles
        ]

    def with_value(self, key: str, value: Fraction) -> RatingSet:
        if key in PRINCIPLE_KEYS:
            return RatingSet(self.considerations, {**self.principles, key: value})
        return RatingSet({**self.considerations, key: value}, self.principles)


def rating_label(framework: Framework, key: str) -> str:
    """``Potential connection to harm`` or ``Principle: Privacy``."""
    if key in PRINCIPLE_KEYS:
        return f"Principle: {framework.principle(key).title}"
    return framework.consideration(key).title
