from __future__ import annotations

from PySide6.QtCore import QLocale

from council_app.ui.common.numbers import count_text, number_text

BRITISH = QLocale("en_GB")
GERMAN = QLocale("de_DE")


def test_large_numbers_have_the_locale_separator() -> None:
    assert number_text(20_000, BRITISH) == "20,000"
    assert number_text(20_000, GERMAN) == "20.000"
    assert number_text(999, BRITISH) == "999"
    # LANG=C (a server, a container) would write 20000: English stands in for it.
    assert number_text(20_000, QLocale.c()) == "20,000"


def test_counts_say_one_case_and_many_cases() -> None:
    assert count_text(1, "case", locale=BRITISH) == "1 case"
    assert count_text(0, "case", locale=BRITISH) == "0 cases"
    assert count_text(20_000, "case", locale=BRITISH) == "20,000 cases"
    assert count_text(2, "match", "matches", locale=BRITISH) == "2 matches"
