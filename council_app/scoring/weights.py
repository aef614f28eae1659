"""Weights: from a named profile, typed by the user, or derived by pairwise comparison.

Weights are used in proportion, so ``1, 1, 1, 1, 1`` and ``0.2`` each are the same weighting.
A weighting the council cannot mean (a negative weight, all zeros, a consideration left out or
one that does not exist) is refused with a sentence that says which.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from council_app.errors import CouncilError
from council_app.framework import Framework


class WeightsError(CouncilError):
    """The weights given cannot be used."""


@dataclass(frozen=True)
class Weights:
    values: Mapping[str, Fraction]  # as given, one per consideration
    source: str  # how they were chosen, in words: "profile Balanced", "typed weights", ...
    profile_key: str | None = None

    @property
    def total(self) -> Fraction:
        return sum(self.values.values(), Fraction(0))

    def share(self, key: str) -> Fraction:
        """The weight as a share of the total (0–1): what sensitivity intervals are stated in."""
        return self.values[key] / self.total

    def shares(self) -> dict[str, Fraction]:
        return {key: self.share(key) for key in self.values}


def _exact(value: float | int | str | Fraction) -> Fraction:
    # Fraction(str(0.1)) is exactly 1/10, where Fraction(0.1) would carry the binary error.
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def check_weights(
    framework: Framework,
    values: Mapping[str, float | int | str | Fraction],
    *,
    source: str = "typed weights",
    profile_key: str | None = None,
) -> Weights:
    keys = [c.key for c in framework.considerations]
    unknown = [k for k in values if k not in keys]
    if unknown:
        raise WeightsError(
            f"Unknown consideration {', '.join(map(repr, unknown))} in the weights; "
            f"the considerations are {', '.join(keys)}."
        )
    missing = [k for k in keys if k not in values]
    if missing:
        raise WeightsError(
            f"No weight for {', '.join(map(repr, missing))}: give a weight (0 or more) for every "
            f"consideration: {', '.join(keys)}."
        )
    exact: dict[str, Fraction] = {}
    for key in keys:
        try:
            weight = _exact(values[key])
        except (ValueError, ZeroDivisionError, TypeError):
            raise WeightsError(f"The weight of {key} is not a number: {values[key]!r}.") from None
        if weight < 0:
            raise WeightsError(
                f"The weight of {key} is negative ({values[key]}); weights are 0 or more."
            )
        exact[key] = weight
    if sum(exact.values()) == 0:
        raise WeightsError("All weights are zero; at least one consideration must carry weight.")
    return Weights(values=exact, source=source, profile_key=profile_key)


def profile_weights(framework: Framework, key: str | None = None) -> Weights:
    """The weights of a named profile (the framework's default when ``key`` is None)."""
    key = key or framework.default_profile_key
    try:
        profile = framework.profile(key)
    except KeyError:
        known = ", ".join(p.key for p in framework.weight_profiles)
        raise WeightsError(
            f"There is no weight profile {key!r}; the profiles are {known}."
        ) from None
    return check_weights(
        framework, profile.weights, source=f"profile {profile.title}", profile_key=profile.key
    )


_PAIR = re.compile(r"^\s*([A-Za-z_]+)\s*[=:]\s*(\S+)\s*$")


def parse_weights(framework: Framework, text: str) -> Weights:
    """``use_case=0.2,harm=0.3,...`` as typed on the command line."""
    values: dict[str, str] = {}
    for part in (p for p in text.split(",") if p.strip()):
        match = _PAIR.match(part)
        if not match:
            raise WeightsError(
                f"Cannot read {part.strip()!r} as a weight; write key=value pairs separated by "
                f"commas, for example use_case=0.2,harm=0.3,principles=0.25,actions=0.15,"
                f"geopolitics=0.1."
            )
        key, value = match.groups()
        if key in values:
            raise WeightsError(f"The weight of {key} is given twice.")
        try:
            Fraction(value)
        except (ValueError, ZeroDivisionError):
            raise WeightsError(f"The weight of {key} is not a number: {value!r}.") from None
        values[key] = value
    return check_weights(framework, values)


__all__ = [
    "Weights",
    "WeightsError",
    "check_weights",
    "parse_weights",
    "profile_weights",
    "rebalance",
]


def rebalance(shares: Mapping[str, float], key: str, value: float) -> dict[str, float]:
    """Set one weight's share (0–1) and rescale the others in proportion, keeping the sum at 1.

    This is the rule the sensitivity analysis uses too ("others rescaled in proportion"), so a
    weight moved on a slider and a weight moved in the analysis mean the same thing.
    """
    value = min(1.0, max(0.0, value))
    others = {k: v for k, v in shares.items() if k != key}
    rest = sum(others.values())
    result = {key: value}
    for k, v in others.items():
        result[k] = (1 - value) * (v / rest if rest > 0 else 1 / len(others))
    return {k: result[k] for k in shares}
