"""The one conversion between the core's dates and Qt's, and how a date is shown to a member.

A QDateEdit cannot be empty: left alone it shows its minimum date, which read as a real
"2000-01-01" (issue 17). A date that may be unset therefore keeps its minimum as the "unset"
value and shows it as the special value text "No date"; :func:`edit_date` reads that back as
``None``. Every date field in ``ui/`` is made and read through this module.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone
from PySide6.QtWidgets import QDateEdit, QWidget

NO_DATE_TEXT = "No date"
# The "unset" value of an optional date field: earlier than any date a council records.
UNSET_QDATE = QDate(1900, 1, 1)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def edit_format(locale: QLocale | None = None) -> str:
    """How a date field shows its date: the locale's short format, with the year in full
    ("10/02/25" could be three dates), and ISO where the locale is C (a bare ``LANG=C``, whose
    short format "10 02 2025" reads as no one writes a date)."""
    chosen = locale or QLocale()
    if chosen.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    shown = chosen.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in shown:
        shown = shown.replace("yy", "yyyy")
    return shown


def date_edit(
    name: str,
    description: str,
    *,
    optional: bool = False,
    parent: QWidget | None = None,
) -> QDateEdit:
    """A date field with a calendar, named for a screen reader, in the locale's short format.

    An optional field starts unset and shows "No date" instead of its minimum date.
    """
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(edit_format())
    edit.setAccessibleName(name)
    edit.setAccessibleDescription(description)
    if optional:
        edit.setMinimumDate(UNSET_QDATE)
        edit.setSpecialValueText(NO_DATE_TEXT)
        edit.setDate(UNSET_QDATE)
    return edit


def set_edit_date(edit: QDateEdit, day: date | None) -> None:
    """Show ``day``; ``None`` shows an optional field as unset (its minimum, "No date")."""
    edit.setDate(to_qdate(day) if day is not None else edit.minimumDate())


def edit_date(edit: QDateEdit) -> date | None:
    """The date a field shows, or ``None`` when an optional field is unset."""
    if edit.specialValueText() and edit.date() == edit.minimumDate():
        return None
    return to_date(edit.date())


def date_text(day: date | None, locale: QLocale | None = None) -> str:
    """A date as a member reads it, in the locale's words ("2 December 2026"); empty if unset."""
    if day is None:
        return ""
    return (locale or QLocale()).toString(to_qdate(day), "d MMMM yyyy")


def long_date_text(day: date, locale: QLocale | None = None) -> str:
    """A sitting's date as the room reads it, with its weekday ("Thursday 10 December 2026")."""
    return (locale or QLocale()).toString(to_qdate(day), "dddd d MMMM yyyy")


def date_time_text(moment: datetime, locale: QLocale | None = None) -> str:
    """A moment as a member reads it ("2 December 2026, 18:58"), in the computer's time zone;
    an ISO timestamp such as "2026-12-01T18:58:12+00:00" is for files, not for people."""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    qt_moment = QDateTime(
        to_qdate(moment.date()),
        QTime(moment.hour, moment.minute, moment.second),
        QTimeZone.systemTimeZone(),
    )
    chosen = locale or QLocale()
    return chosen.toString(qt_moment, "d MMMM yyyy, ") + chosen.toString(
        qt_moment.time(), QLocale.FormatType.ShortFormat
    )
