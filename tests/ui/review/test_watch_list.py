"""The watch list on the Re-review page: shown, added to, stopped."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from council_app.council.review import add_watch, list_watch
from council_app.library import CaseLibrary
from council_app.ui.common.dates import date_text
from council_app.ui.review.review_page import ReviewPage
from tests.ui.review.review_helpers import TIMEOUT, TODAY, qdate


def test_the_watch_list_is_shown(page: ReviewPage, library: CaseLibrary) -> None:
    table = page.watch.proxy
    headers = [table.headerData(c, Qt.Orientation.Horizontal) for c in range(table.columnCount())]
    assert headers == ["Kind", "Region/topic", "Noted on", "Event on", "Note"]
    assert table.rowCount() == 1
    assert [table.index(0, c).data() for c in range(5)] == [
        "Region",
        "SE",
        date_text(date(2026, 11, 25)),
        "",
        "elections announced",
    ]
    add_watch(library, "topic", "facial recognition", date(2026, 11, 20), "new EU guidance")
    page.show_watch(list_watch(library))
    assert table.rowCount() == 2
    assert [table.index(r, 1).data() for r in range(2)] == ["SE", "facial-recognition"]
    assert [table.index(r, 0).data() for r in range(2)] == ["Region", "Topic"]


def test_adding_to_the_watch_list(qtbot: QtBot, page: ReviewPage, library: CaseLibrary) -> None:
    watch = page.watch
    assert watch.kind.currentText() == "Region"
    assert watch.value.placeholderText() == "FR"
    assert watch.note_edit.placeholderText() == "elections announced"
    assert watch.noted_on.date() == qdate(TODAY)
    assert not watch.watch_button.isEnabled()
    watch.kind.setCurrentIndex(watch.kind.findText("Topic"))
    assert watch.value.placeholderText() == "elections"
    watch.kind.setCurrentIndex(watch.kind.findText("Region"))

    qtbot.keyClicks(watch.value, "FR")
    watch.noted_on.setDate(QDate(2026, 12, 1))
    qtbot.keyClicks(watch.note_edit, "snap elections called")
    with qtbot.waitSignal(page.watch_added, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(watch.watch_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["region", "FR", date(2026, 12, 1), "snap elections called", None]

    # The core adds it; the form clears for the next one and the new entry is selected.
    kind, value, noted_on, note, event_on = blocker.args
    added = add_watch(library, kind, value, noted_on, note, event_on=event_on)
    page.show_watch(list_watch(library))
    assert watch.value.text() == "" and watch.note_edit.text() == ""
    assert watch.selected_entry() == added

    # The day of the event, when given, goes with the entry and is shown in its column.
    qtbot.keyClicks(watch.value, "BR")
    watch.event_on.setDate(QDate(2027, 10, 4))
    with qtbot.waitSignal(page.watch_added, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(watch.watch_button, Qt.MouseButton.LeftButton)
    assert blocker.args[4] == date(2027, 10, 4)
    kind, value, noted_on, note, event_on = blocker.args
    add_watch(library, kind, value, noted_on, note, event_on=event_on)
    page.show_watch(list_watch(library))
    assert watch.event_on.text() == "No date"  # cleared for the next entry
    row = next(r for r in range(watch.proxy.rowCount()) if watch.proxy.index(r, 1).data() == "BR")
    assert watch.proxy.index(row, 3).data() == date_text(date(2027, 10, 4))

    # Enter in the value field adds a topic.
    watch.kind.setCurrentIndex(watch.kind.findText("Topic"))
    qtbot.keyClicks(watch.value, "elections")
    with qtbot.waitSignal(page.watch_added, timeout=TIMEOUT) as blocker:
        qtbot.keyClick(watch.value, Qt.Key.Key_Return)
    assert blocker.args == ["topic", "elections", date(2026, 12, 1), "", None]


def test_stop_watching_the_selected_entry(
    qtbot: QtBot, page: ReviewPage, library: CaseLibrary
) -> None:
    watch = page.watch
    assert not watch.stop_button.isEnabled()
    entry = list_watch(library)[0]
    watch.table.selectRow(0)
    assert watch.stop_button.isEnabled()
    with qtbot.waitSignal(page.watch_closed, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(watch.stop_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [entry.id]
