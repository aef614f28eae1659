"""Every shown number is rounded half-up, exactly, by one function — the index's rule."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from council_app.scoring import (
    display_index,
    number_text,
    percent_text,
    points_text,
    rating_text,
    share_text,
    shown_number,
)


def test_halves_go_up_where_float_formatting_put_some_down() -> None:
    assert f"{11.25:.1f}" == "11.2"  # what the points column used to show beside 88.8
    assert points_text(Fraction(45, 4)) == "11.3"
    assert points_text(11.25) == "11.3"
    assert f"{1 / 16:.3f}" == "0.062"
    assert share_text(Fraction(1, 16)) == "0.063"
    assert f"{0.125:.0%}" == "12%"
    assert percent_text(0.125) == "13%"
    assert number_text(Fraction(25, 2), 0) == "13"


def test_a_float_is_read_as_the_decimal_it_prints_as() -> None:
    # 2.675 is stored a hair below 2.675, so float formatting gives 2.67; a person reads 2.675.
    assert f"{2.675:.2f}" == "2.67"
    assert number_text(2.675, 2) == "2.68"
    assert number_text(0.1 + 0.2, 2) == "0.30"


def test_places_are_kept_and_whole_ratings_have_none() -> None:
    assert points_text(20) == "20.0"
    assert share_text(Fraction(1, 4)) == "0.250"
    assert share_text(0) == "0.000"
    assert rating_text(3) == "3"
    assert rating_text(Fraction(5, 2)) == "2.5"
    assert rating_text(Fraction(9, 4)) == "2.3"
    assert rating_text(None) == "–"


def test_negative_halves_go_away_from_zero_and_no_minus_zero() -> None:
    assert shown_number(Fraction(-5, 2), 0) == Decimal(-3)
    assert number_text(Fraction(-1, 100), 1) == "0.0"


@given(
    st.fractions(min_value=-1000, max_value=1000, max_denominator=10_000),
    st.integers(min_value=0, max_value=4),
)
def test_the_shown_number_is_the_nearest_with_halves_away_from_zero(
    value: Fraction, places: int
) -> None:
    shown = Fraction(shown_number(value, places))
    step = Fraction(1, 10**places)
    assert (shown / step).denominator == 1
    assert abs(shown - value) <= step / 2
    if abs(shown - value) == step / 2:
        assert abs(shown) > abs(value)


@given(st.fractions(min_value=0, max_value=100, max_denominator=10_000))
def test_the_index_is_shown_by_the_same_rule(value: Fraction) -> None:
    assert display_index(value) == shown_number(value, 1)
    assert str(display_index(value)) == points_text(value)
