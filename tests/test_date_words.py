"""Dates inside the core's sentences read as English words, whatever the machine's locale."""

from __future__ import annotations

import calendar
import locale
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from council_app.case import Review
from council_app.date_words import date_words
from council_app.vocabulary import review_words


def test_a_date_in_a_sentence_is_day_month_year_in_words() -> None:
    assert date_words(date(2024, 4, 20)) == "20 April 2024"
    assert date_words(date(2026, 12, 2)) == "2 December 2026"


@given(st.dates(min_value=date(1900, 1, 1)))
def test_the_words_name_the_same_day(day: date) -> None:
    # The test process runs in the C locale, where the calendar's month names are English.
    assert date_words(day) == f"{day.day} {calendar.month_name[day.month]} {day.year}"


def test_the_month_is_english_under_another_locale() -> None:
    try:
        before = locale.setlocale(locale.LC_TIME)
        locale.setlocale(locale.LC_TIME, "fr_FR.UTF-8")
    except locale.Error:
        pytest.skip("no French locale on this machine")
    try:
        assert date_words(date(2024, 8, 1)) == "1 August 2024"
    finally:
        locale.setlocale(locale.LC_TIME, before)


def test_a_review_is_said_with_its_note_and_one_full_stop() -> None:
    assert review_words(Review(date(2025, 10, 21))) == (
        "Reviewed 21 October 2025",
        ", the decision stands.",
    )
    assert review_words(Review(date(2025, 10, 21), " No change in the market. ")) == (
        "Reviewed 21 October 2025",
        ", the decision stands: No change in the market.",
    )
