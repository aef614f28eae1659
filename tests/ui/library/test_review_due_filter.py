"""The library's "Review due" chip and the Re-review tab list the same decisions.

Both ask the core's one definition of "due for review" (and ``council-app due`` does too). The
demo library's decisions carry fixed review dates, so what is due depends on the day the tests
run: every test here counts from the real today, and the cases it names are chosen so that what
it says of them holds on any day from now on.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from council_app.cli import main
from council_app.council.review import add_watch, record_review
from council_app.library import CaseLibrary, import_document
from council_app.library.demo import demo_document
from council_app.ui.library.case_table_model import CASE_ID_ROLE
from council_app.ui.main_window import MainWindow
from council_app.ui.review.due_table import CASE_ID_ROLE as DUE_CASE_ID_ROLE

TIMEOUT = 10_000
# Robocalls in Brazil, decided 2022-09-14. Here it was reviewed the next day and let stand for
# ten years, so its review date is beyond any horizon: only the watch entry on BR calls it back.
WATCHED = "EUC-2022-041"
# Decided 2022, to be reviewed by 2023-12-14, superseded by EUC-2024-071: past its review date
# on any day the tests run, and reviewed through the case that supersedes it, not on its own.
SUPERSEDED = "EUC-2022-084"


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    """The demo library, with one decision that only a watch-list entry (noted today) flags."""
    path = tmp_path / "demo.sqlite"
    today = date.today()
    with CaseLibrary.open(path) as library:
        import_document(library, demo_document())
        record_review(library, WATCHED, date(2022, 9, 15), today + timedelta(days=3650), "Stands.")
        add_watch(library, "region", "BR", today, "elections announced")
    return path


def review_by(path: Path, case_id: str) -> date:
    with CaseLibrary.open(path, readonly=True) as library:
        decision = library.get_case(case_id).decision
    assert decision is not None and decision.review_by is not None
    return decision.review_by


def library_ids(window: MainWindow) -> list[str]:
    proxy = window.proxy
    return [proxy.index(row, 0).data(CASE_ID_ROLE) for row in range(proxy.rowCount())]


def rereview_ids(window: MainWindow) -> list[str]:
    proxy = window.review.page.proxy
    return [proxy.index(row, 0).data(DUE_CASE_ID_ROLE) for row in range(proxy.rowCount())]


def leading_number(text: str) -> int:
    found = re.match(r"\d+", text)
    assert found, text
    return int(found.group())


def filter_review_due(qtbot: QtBot, window: MainWindow) -> list[str]:
    """Click the library's "Review due" chip and wait for the filtered list."""
    chip = window.library.filters.review_due
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert chip.isChecked()
    qtbot.waitUntil(lambda: "pass the filters" in window.count_label.text(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=TIMEOUT)
    return library_ids(window)


def open_rereview(qtbot: QtBot, window: MainWindow) -> list[str]:
    qtbot.keySequence(window, QKeySequence("Ctrl+3"))
    assert window.tabs.currentWidget() is window.review
    qtbot.waitUntil(lambda: bool(rereview_ids(window)), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=TIMEOUT)
    return rereview_ids(window)


def cli_due(capsys: pytest.CaptureFixture[str], path: Path) -> list[str]:
    capsys.readouterr()
    assert main(["due", "--json", "--library", str(path)]) == 0
    return [item["id"] for item in json.loads(capsys.readouterr().out)]


def test_the_chip_lists_what_the_rereview_tab_and_the_cli_list(
    qtbot: QtBot,
    window: MainWindow,
    demo_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    filtered = filter_review_due(qtbot, window)
    shown = leading_number(window.count_label.text())  # "N of M cases pass the filters."
    listed = open_rereview(qtbot, window)
    heading = window.review.page.heading.text()  # "N decisions to review: …"

    assert sorted(filtered) == sorted(listed) == sorted(cli_due(capsys, demo_path))
    assert shown == len(filtered) == leading_number(heading)
    assert WATCHED in filtered
    assert SUPERSEDED not in filtered


def test_the_chip_leaves_out_a_superseded_decision_past_its_review_date(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    assert review_by(demo_path, SUPERSEDED) < date.today()
    assert SUPERSEDED in library_ids(window)
    assert SUPERSEDED not in filter_review_due(qtbot, window)


def test_the_chip_keeps_a_decision_only_the_watch_list_flags(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    assert review_by(demo_path, WATCHED) > date.today() + timedelta(days=365)
    assert WATCHED in filter_review_due(qtbot, window)
    # Off again, the whole library is back.
    qtbot.mouseClick(window.library.filters.review_due, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cases in this library" in window.count_label.text(), timeout=TIMEOUT)


def test_closing_the_watch_entry_takes_its_decision_off_the_chips_list(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert WATCHED in filter_review_due(qtbot, window)
    open_rereview(qtbot, window)
    watch = window.review.page.watch
    qtbot.waitUntil(lambda: watch.proxy.rowCount() == 1, timeout=TIMEOUT)
    watch.table.selectRow(0)
    qtbot.mouseClick(watch.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: WATCHED not in rereview_ids(window), timeout=TIMEOUT)
    # The library page, not in view, has followed: its list is what the tab now lists.
    qtbot.waitUntil(lambda: WATCHED not in library_ids(window), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=TIMEOUT)
    assert window.library.filters.review_due.isChecked()
    assert sorted(library_ids(window)) == sorted(rereview_ids(window))
