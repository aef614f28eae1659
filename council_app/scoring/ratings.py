"""A set of ratings to score: one member's, or the council's aggregate of several.

Values are exact fractions in the ratings' natural wording (on the framework's scale, 0–4 as
shipped; a consideration whose direction is ``effectiveness`` is rated as effectiveness).
They are whole numbers for one member and may be halves or thirds for an aggregate; keeping them
exact means a case on a band edge lands on the same side every time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from council_app.case import Assessment
from council_app.errors import CouncilError
from council_app.framework import SCALE_HIGHEST, SCALE_LOWEST, Framework, bundled_framework


class RatingError(CouncilError):
    """A rating that cannot be scored."""


@dataclass(frozen=True)
class RatingSet:
    """Ratings by key: the directly rated considerations, and the principles.

    A RatingSet checks only that each value is within the widest scale a framework may have;
    which keys exist and which scale applies are the framework's to say, so they are checked
    where a framework is known: :func:`check_ratings`, called by the scoring entry points,
    refuses a key the framework does not rate and a value off its scale. Keys are
    unique across considerations and principles in any framework, so :meth:`value` finds a
    rating by its key alone.
    """

    considerations: Mapping[str, Fraction] = field(default_factory=dict)
    principles: Mapping[str, Fraction] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for group in (self.considerations, self.principles):
            for key, value in group.items():
                if not SCALE_LOWEST <= value <= SCALE_HIGHEST:
                    raise RatingError(
                        f"{key}: a rating must be between {SCALE_LOWEST} and {SCALE_HIGHEST}; "
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
    def of(
        cls, framework: Framework | None = None, **scores: float | int | Fraction | None
    ) -> RatingSet:
        """Ratings by key, for code and tests: ``RatingSet.of(harm=3, privacy=2, ...)``.

        Keys are sorted into considerations and principles by ``framework`` (the bundled one
        when None); a key it does not rate is refused.
        """
        framework = framework or bundled_framework()
        considerations: dict[str, Fraction] = {}
        principles: dict[str, Fraction] = {}
        rated = framework.rated_keys
        principle_keys = framework.principle_keys
        for key, value in scores.items():
            if value is None:
                continue
            if key in rated:
                considerations[key] = Fraction(value)
            elif key in principle_keys:
                principles[key] = Fraction(value)
            else:
                raise RatingError(_unknown(framework, key))
        return cls(considerations=considerations, principles=principles)

    def value(self, key: str) -> Fraction | None:
        """A rating by consideration or principle key."""
        if key in self.principles:
            return self.principles[key]
        return self.considerations.get(key)

    def keys(self) -> list[str]:
        """Every key rated, considerations first, in the order they were given."""
        return [*self.considerations, *self.principles]

    def missing(self, framework: Framework) -> list[str]:
        """Keys ``framework`` rates that are not yet rated, considerations first, in its order."""
        return [k for k in framework.rated_keys if k not in self.considerations] + [
            k for k in framework.principle_keys if k not in self.principles
        ]

    def with_value(self, key: str, value: Fraction) -> RatingSet:
        """The set with ``key`` (already rated here) rated ``value``."""
        if key in self.principles:
            return RatingSet(self.considerations, {**self.principles, key: value})
        if key in self.considerations:
            return RatingSet({**self.considerations, key: value}, self.principles)
        raise RatingError(f"{key!r} is not rated in this set; it is not changed by with_value.")


def _unknown(framework: Framework, key: str) -> str:
    return (
        f"{key!r} is not a consideration or principle that is rated under the framework "
        f"{framework.name} {framework.version}; expected one of {', '.join(framework.rating_keys)}."
    )


def check_ratings(framework: Framework, ratings: RatingSet) -> RatingSet:
    """``ratings``, once each key is known to ``framework`` in its place (a consideration rated
    directly, or a principle) and each value is on its scale; else :class:`RatingError` naming
    the key and the framework's."""
    for key in ratings.considerations:
        if key not in framework.rated_keys:
            raise RatingError(_unknown(framework, key))
    for key in ratings.principles:
        if key not in framework.principle_keys:
            raise RatingError(_unknown(framework, key))
    for key, value in (*ratings.considerations.items(), *ratings.principles.items()):
        if not framework.on_scale(value):
            raise RatingError(
                f"{key}: a rating under the framework {framework.name} {framework.version} is "
                f"on its scale {framework.scale_text}; found {value}."
            )
    return ratings


def rating_label(framework: Framework, key: str) -> str:
    """``Potential connection to harm`` or ``Principle: Privacy``."""
    if framework.is_principle(key):
        return f"Principle: {framework.principle(key).title}"
    return framework.consideration(key).title
