"""How a date reads inside a sentence the core writes ("Review was due on 20 April 2024").

The core's sentences are English and read the same in the app, the CLI and the memo, so their
dates are English words too, whatever the machine's locale: "2024-04-20" inside a sentence
reads as a code, and "04/05/2024" is two dates depending on who reads it. Dates that stand alone
(a table cell, a date field) are the app's to show in the member's locale
(``ui/common/dates``); a document's fields and the exchange formats keep ISO 8601.
"""

from __future__ import annotations

from datetime import date

# Not calendar.month_name: that follows the process's LC_TIME, and the sentence is English.
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_words(day: date) -> str:
    """``date(2024, 4, 20)`` → "20 April 2024"."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
