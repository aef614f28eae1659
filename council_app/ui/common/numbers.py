"""Numbers as a member reads them: "20,000 cases" (in the computer's locale), "1 case".

Counts on screen go through here, so that a library of twenty thousand cases is never
"20000 cases" in one place and "20,000" in another, and one case is never "1 cases".
"""

from __future__ import annotations

from PySide6.QtCore import QLocale


def reading_locale(locale: QLocale | None = None) -> QLocale:
    """The locale numbers are written in: the computer's, except that the C locale (a bare
    ``LANG=C``, common on servers and in containers) writes no separators at all, so English
    takes its place there."""
    chosen = locale or QLocale()
    if chosen.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English)
    return chosen


def number_text(number: int, locale: QLocale | None = None) -> str:
    """The number with the locale's group separators ("20,000"; "20.000" in German)."""
    return reading_locale(locale).toString(number)


def count_text(
    number: int, singular: str, plural: str | None = None, locale: QLocale | None = None
) -> str:
    """ "1 case", "2 cases", "20,000 cases"; ``plural`` where adding an s will not do."""
    noun = singular if number == 1 else (plural or f"{singular}s")
    return f"{number_text(number, locale)} {noun}"
