from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from council_app.ui.common.dates import (
    date_edit,
    date_text,
    date_time_text,
    edit_date,
    set_edit_date,
    to_date,
    to_qdate,
)

ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def test_a_date_goes_to_qt_and_back() -> None:
    day = date(2026, 12, 2)
    assert to_date(to_qdate(day)) == day


def test_an_empty_optional_date_shows_no_date_and_reads_as_none(qtbot: QtBot) -> None:
    edit = date_edit("Review by", "When the decision is reviewed.", optional=True)
    qtbot.addWidget(edit)
    assert edit.text() == "No date"
    assert "2000" not in edit.text()
    assert edit_date(edit) is None
    set_edit_date(edit, date(2027, 6, 30))
    assert edit_date(edit) == date(2027, 6, 30)
    set_edit_date(edit, None)
    assert edit.text() == "No date"
    assert edit_date(edit) is None


def test_a_required_date_always_reads_as_a_date(qtbot: QtBot) -> None:
    edit = date_edit("Reviewed on", "The day of the review.")
    qtbot.addWidget(edit)
    set_edit_date(edit, date(2026, 12, 2))
    assert edit_date(edit) == date(2026, 12, 2)
    assert edit.accessibleName() == "Reviewed on"


def test_dates_and_times_read_as_words() -> None:
    assert date_text(date(2026, 12, 2), ENGLISH) == "2 December 2026"
    assert date_text(None, ENGLISH) == ""
    moment = datetime(2026, 12, 1, 18, 58, 12).astimezone()
    assert date_time_text(moment, ENGLISH) == "1 December 2026, 18:58"
    assert "T" not in date_time_text(datetime(2026, 12, 1, 18, 58, tzinfo=UTC), ENGLISH)


def test_a_date_field_shows_the_year_in_full_and_iso_where_the_locale_is_c() -> None:
    from council_app.ui.common.dates import edit_format

    assert edit_format(QLocale.c()) == "yyyy-MM-dd"  # not "10 02 2025"
    assert edit_format(ENGLISH) == "dd/MM/yyyy"
    american = edit_format(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert "yyyy" in american and "yyyyyy" not in american


def test_a_date_field_in_the_c_locale_reads_as_iso(qtbot: QtBot) -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale.c())
    try:
        edit = date_edit("Submitted", "The day the request came.")
        qtbot.addWidget(edit)
        set_edit_date(edit, date(2025, 2, 10))
        assert edit.text() == "2025-02-10"
    finally:
        QLocale.setDefault(previous)
