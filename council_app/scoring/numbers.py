"""How a number is shown to a person: one rounding rule for every figure on screen and paper.

Scoring is exact (fractions); only what a person reads is rounded. It is rounded half-up, as a
person rounds (11.25 shows as 11.3) and as the concern index has always been shown, never by
Python's float formatting, which rounds the binary value and so puts some halves down and others
up (11.25 showed as 11.2 beside an index of 88.8, and the contributions no longer added up to
the index they stood beside). The command line, the memo and the screens all ask here, so a
sentence that quotes a number quotes the number in the table beside it.

How many places each kind of number gets is decided here too, once:

- index points (the index, what a consideration contributes, how far an action or a swing moves
  the index): one decimal, ``INDEX_DECIMALS``;
- ratings on the framework's scale, and the council's median or mean of them: a whole rating as it is
  ("3"), any other to one decimal ("2.5");
- shares of the total weight: three decimals, ``SHARE_DECIMALS``.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

# The index and everything measured in index points. The recommendation bands read the index at
# this precision (see ``index.shown_threshold``), so this is also where a band edge falls.
INDEX_DECIMALS = 1

# Ratings that are not whole (a median between two members, a mean of several).
RATING_DECIMALS = 1

# Weight shares, in the weights tables and in the sensitivity sentence and its table alike.
# Three decimals, not two: a weight can be set by hand in steps of 0.001 (the sliders), AHP
# gives its weights to that precision, and the weight at which a recommendation changes is often
# within a hundredth of the weight now — at two decimals the sentence read "falls below 0.06"
# where the table read 0.057, or "rises above 0.25 (now 0.25)". One precision for every share,
# so the "now" a sentence quotes is the figure in the weights column too.
SHARE_DECIMALS = 3

Shown = Fraction | Decimal | float | int


def _exact(value: Shown) -> Fraction:
    if isinstance(value, float):
        # A float is read as the decimal it prints as (0.1 is 0.1, not its binary neighbour):
        # floats here are statistics or weights typed as decimals, and a person reads them so.
        return Fraction(Decimal(repr(value)))
    return Fraction(value)


def shown_number(value: Shown, places: int = INDEX_DECIMALS) -> Decimal:
    """``value`` rounded half-up (away from zero) to ``places`` decimals, exactly.

    The one rounding of a shown number: every figure in the app, the command line and the memo
    goes through this, the index included (``display_index``), so no two places can round the
    same value differently.
    """
    scaled = _exact(value) * 10**places
    whole = math.floor(abs(scaled) + Fraction(1, 2))
    return Decimal(-whole if scaled < 0 else whole).scaleb(-places)


def number_text(value: Shown, places: int = INDEX_DECIMALS) -> str:
    """The shown number with exactly ``places`` decimals: "11.3", "0.250", "93"."""
    return format(shown_number(value, places), "f")


def points_text(value: Shown) -> str:
    """Index points, at the index's precision: "11.3"."""
    return number_text(value, INDEX_DECIMALS)


def share_text(value: Shown) -> str:
    """A share of the total weight: "0.250"."""
    return number_text(value, SHARE_DECIMALS)


def rating_text(value: Fraction | int | None) -> str:
    """A rating as the council reads it: "3" when whole, "2.5" otherwise, "–" when not rated.

    A whole rating is shown without decimals because it is one of the scale's anchored levels;
    anything else (a median between two members, a mean) is a figure and shows one decimal.
    """
    if value is None:
        return "–"
    exact = Fraction(value)
    if exact.denominator == 1:
        return str(exact.numerator)
    return number_text(exact, RATING_DECIMALS)


def percent_text(value: Shown, places: int = 0) -> str:
    """A proportion (0–1) as a percentage: "93%"."""
    return f"{number_text(_exact(value) * 100, places)}%"
