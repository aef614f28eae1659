"""The library page on a library with more search hits than one screen: passages arrive for the
rows in view, as the list is scrolled, and the count says when only the best hits are listed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.generator import generate_cases
from council_app.library.search import FIRST_PASSAGES, find_passages, search_cases
from council_app.ui.library import library_actions, library_page, library_tasks
from council_app.ui.library.case_table_model import CASE_ID_ROLE, SNIPPET_HTML_ROLE, CaseTableModel
from council_app.ui.main_window import MainWindow

QUERY = "outputs inform"  # matches most generated cases, in a passage of their text


@pytest.fixture
def generated_path(tmp_path: Path, framework: Framework) -> Path:
    path = tmp_path / "generated.sqlite"
    with CaseLibrary.open(path) as library:
        library.add_cases(list(generate_cases(framework, 160, seed=3)))
    return path


@pytest.fixture
def window(qtbot: QtBot, generated_path: Path, framework: Framework) -> Iterator[MainWindow]:
    win = MainWindow(generated_path, framework)
    qtbot.addWidget(win)
    win.resize(1200, 700)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() == 160, timeout=10_000)
    yield win
    win.workers.wait()


def passage_at(window: MainWindow, row: int) -> str:
    return str(window.proxy.index(row, CaseTableModel.TITLE).data(SNIPPET_HTML_ROLE) or "")


def settled(window: MainWindow) -> bool:
    return not window.library._passage_timer.isActive() and not window.workers.busy


def search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.search.setText(text)
    qtbot.waitUntil(lambda: f"“{text}”" in window.count_label.text(), timeout=10_000)
    qtbot.waitUntil(lambda: settled(window), timeout=10_000)


def test_rows_scrolled_to_get_their_passage(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, QUERY)
    hits = window.proxy.rowCount()
    assert hits > FIRST_PASSAGES + 40
    assert "<b>" in passage_at(window, 0)
    last = hits - 1
    assert passage_at(window, last) == ""  # not asked for yet: far below the view

    window.table.scrollToBottom()
    qtbot.waitUntil(lambda: "<b>" in passage_at(window, last), timeout=5000)
    with CaseLibrary.open(window.library_path, readonly=True) as library:
        case_id = window.proxy.index(last, 0).data(CASE_ID_ROLE)
        expected = find_passages(library, QUERY, [case_id], prefix_last=True)[case_id]
    assert passage_at(window, last) == "".join(
        f"<b>{text}</b>" if lit else text for text, lit in expected
    )
    # Rows in the middle, never in view, were not asked for.
    assert passage_at(window, FIRST_PASSAGES + 20) == ""


def test_a_tall_window_gets_passages_for_every_row_it_shows(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1200, 3000)  # more rows in view than the search brought passages for
    search(qtbot, window, QUERY)
    in_view = window.table.rowAt(window.table.viewport().height() - 1)
    assert in_view > FIRST_PASSAGES
    qtbot.waitUntil(lambda: "<b>" in passage_at(window, in_view), timeout=5000)


def test_passages_of_an_earlier_search_are_not_shown(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, QUERY)
    case_id = window.proxy.index(window.proxy.rowCount() - 1, 0).data(CASE_ID_ROLE)
    search(qtbot, window, "staff")
    window.library.on_passages_found(QUERY, {case_id: (("stale", True),)})
    assert all("stale" not in passage_at(window, row) for row in range(window.proxy.rowCount()))


def test_sorting_by_a_column_asks_for_the_rows_brought_into_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, QUERY)
    window.table.sortByColumn(CaseTableModel.ID, library_page.Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: "<b>" in passage_at(window, 0), timeout=5000)


def test_the_count_says_only_the_best_hits_are_listed(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, generated_path: Path
) -> None:
    monkeypatch.setattr(library_page, "LIST_HITS", 50)
    monkeypatch.setattr("council_app.ui.library.library_tasks.LIST_HITS", 50)
    search(qtbot, window, QUERY)
    assert window.proxy.rowCount() == 50
    assert window.count_label.text() == (
        "The 50 best matches for “outputs inform” are shown; add words or filters to narrow "
        "the search."
    )
    with CaseLibrary.open(generated_path, readonly=True) as library:
        best = [h.case.id for h in search_cases(library, QUERY, prefix_last=True, limit=50)]
    assert [window.proxy.index(row, 0).data(CASE_ID_ROLE) for row in range(50)] == best


def test_passages_that_cannot_be_found_leave_the_rows_as_they_are_in_silence(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from council_app.errors import LibraryError

    search(qtbot, window, QUERY)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))

    def busy(*_args: object, **_kwargs: object) -> dict:
        raise LibraryError("The library is busy (locked by another program).")

    monkeypatch.setattr("council_app.ui.library.library_tasks.find_passages", busy)
    count = window.count_label.text()
    window.table.scrollToBottom()
    qtbot.waitUntil(lambda: settled(window), timeout=5000)
    assert warned == []
    assert window.count_label.text() == count
    assert passage_at(window, window.proxy.rowCount() - 1) == ""


def test_rows_scrolled_to_while_typing_get_the_passages_of_the_search_they_came_from(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, QUERY)
    last = window.proxy.rowCount() - 1
    window.library._search_timer.stop()
    window.search.blockSignals(True)  # typed on, and the new search not yet run
    window.search.setText("staff")
    window.search.blockSignals(False)
    window.table.scrollToBottom()
    qtbot.waitUntil(lambda: "<b>" in passage_at(window, last), timeout=5000)
    assert "<b>staff" not in passage_at(window, last).lower()


def _read(qtbot: QtBot, window: MainWindow, row: int) -> str:
    """Select the case of ``row`` and wait until the reading pane shows it."""
    window.table.selectRow(row)
    case_id = str(window.proxy.index(row, 0).data(CASE_ID_ROLE))
    qtbot.waitUntil(
        lambda: window.case_view.case is not None and window.case_view.case.id == case_id,
        timeout=10_000,
    )
    assert window.case_view.case.title in window.case_view.toPlainText()
    return case_id


def _not_reading(window: MainWindow, title: str) -> bool:
    """The pane shows no case that the list does not show, nor the one titled ``title``."""
    shown = window.case_view.case
    listed = {window.proxy.index(r, 0).data(CASE_ID_ROLE) for r in range(window.proxy.rowCount())}
    return (shown is None or shown.id in listed) and title not in window.case_view.toPlainText()


def _title(window: MainWindow, case_id: str) -> str:
    return next(s.title for s in window.library._listed.summaries if s.id == case_id)


def test_the_reading_pane_lets_go_of_a_case_a_filter_hides(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = _read(qtbot, window, 0)
    title = _title(window, case_id)
    status = next(s for s in window.library._listed.summaries if s.id == case_id).status
    other = next(s.status for s in window.library._listed.summaries if s.status != status)
    window.library.filters.status.actions_[other].trigger()
    qtbot.waitUntil(lambda: "pass the filters" in window.count_label.text(), timeout=10_000)
    window.workers.wait()
    qtbot.waitUntil(lambda: _not_reading(window, title), timeout=10_000)
    assert window.library.selected_case_id() is None
    qtbot.wait(50)  # a load still on its way must not bring the hidden case back
    assert _not_reading(window, title)

    window.library.filters.on_clear()  # shown again: it is selected and read again
    qtbot.waitUntil(lambda: window.library.selected_case_id() == case_id, timeout=10_000)
    qtbot.waitUntil(lambda: title in window.case_view.toPlainText(), timeout=10_000)


def test_the_reading_pane_lets_go_of_a_case_a_search_hides(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = _read(qtbot, window, 3)
    title = _title(window, case_id)
    window.search.setText("zebrawordnotinanycase")
    qtbot.waitUntil(lambda: "No case matches" in window.count_label.text(), timeout=10_000)
    window.workers.wait()
    qtbot.waitUntil(lambda: _not_reading(window, title), timeout=10_000)


def test_the_reading_pane_lets_go_of_a_deleted_case(qtbot: QtBot, window: MainWindow) -> None:
    case_id = _read(qtbot, window, 1)
    title = _title(window, case_id)
    library_actions.delete_case(window, case_id)
    qtbot.waitUntil(lambda: window.model.rowCount() == 159, timeout=10_000)
    window.workers.wait()
    qtbot.waitUntil(lambda: _not_reading(window, title), timeout=10_000)


@pytest.fixture
def election_window(qtbot: QtBot, tmp_path: Path, framework: Framework) -> Iterator[MainWindow]:
    from tests.factories import make_case

    path = tmp_path / "elections.sqlite"
    with CaseLibrary.open(path) as library:
        library.add_cases(
            [
                make_case("VOTE-1", title="Chatbot answers on the elections", summary="Polls."),
                make_case("SHOP-1", title="Recommendations in an electronics shop", summary="."),
            ]
        )
    win = MainWindow(path, framework)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() == 2, timeout=10_000)
    yield win
    win.workers.wait()


def shown_ids(window: MainWindow) -> list[str]:
    return [window.proxy.index(row, 0).data(CASE_ID_ROLE) for row in range(window.proxy.rowCount())]


def test_enter_searches_the_typed_word_as_a_whole_word(
    qtbot: QtBot, election_window: MainWindow
) -> None:
    window = election_window
    qtbot.keyClicks(window.search, "elect")
    qtbot.waitUntil(lambda: "2 of 2 cases match “elect”" in window.count_label.text(), timeout=5000)
    assert sorted(shown_ids(window)) == ["SHOP-1", "VOTE-1"]  # the word being typed: a beginning
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "1 of 2 cases match “elect”" in window.count_label.text(), timeout=5000)
    assert shown_ids(window) == ["VOTE-1"]  # submitted: the word "elect", by its stem
    qtbot.keyClicks(window.search, "i")  # typing again: a beginning again
    qtbot.waitUntil(lambda: "match “electi”" in window.count_label.text(), timeout=5000)
    assert shown_ids(window) == ["VOTE-1"]


def test_typing_elections_does_not_find_electronics(
    qtbot: QtBot, election_window: MainWindow
) -> None:
    qtbot.keyClicks(election_window.search, "elections")
    qtbot.waitUntil(lambda: "match “elections”" in election_window.count_label.text(), timeout=5000)
    assert shown_ids(election_window) == ["VOTE-1"]


@pytest.mark.parametrize("typed", ["\"'", "--", "?!"])
def test_punctuation_alone_asks_for_a_word(
    qtbot: QtBot, election_window: MainWindow, typed: str
) -> None:
    qtbot.keyClicks(election_window.search, typed)
    qtbot.waitUntil(
        lambda: election_window.count_label.text() == "Type a word to search.", timeout=5000
    )
    assert shown_ids(election_window) == []
    qtbot.keyClick(election_window.search, Qt.Key.Key_Return)
    qtbot.wait(300)
    assert election_window.count_label.text() == "Type a word to search."


def test_the_newest_cases_are_listed_first_then_every_case(
    qtbot: QtBot, generated_path: Path, framework: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 100,000 cases reading every summary kept the list empty for a second: the newest are
    listed at once, with the library's whole count, and the rest follow in a second read."""
    monkeypatch.setattr(library_tasks, "FIRST_LISTED", 20)
    with CaseLibrary.open(generated_path, create=False) as library:
        newest = [s.id for s in library.list_cases()]
        regions = sorted({r for s in library.list_cases() for r in s.regions})
    win = MainWindow(generated_path, framework)
    qtbot.addWidget(win)
    deliveries: list[library_tasks.CasesListed] = []
    win.workers.cases_listed.connect(deliveries.append)
    shown: list[tuple[int, str]] = []
    win.show()
    # What the page shows once it has taken each delivery: connected once the page is built
    # (it is, by show), so this runs right after the page's own slot, delivery by delivery. A
    # zero timer here raced the second delivery on a loaded machine.
    assert win.library is not None  # the page, connected to the deliveries, before any arrives
    win.workers.cases_listed.connect(
        lambda _listed: shown.append((win.model.rowCount(), win.count_label.text()))
    )
    qtbot.waitUntil(lambda: win.model.rowCount() == 160, timeout=10_000)
    win.workers.wait()

    assert [(len(d.summaries), d.total) for d in deliveries] == [(20, 160), (160, 160)]
    assert [s.id for s in deliveries[0].summaries] == newest[:20]
    assert shown[0] == (20, "160 cases in this library.")  # the whole count from the start
    assert [win.proxy.index(row, 0).data(CASE_ID_ROLE) for row in range(160)] == newest
    assert sorted(win.library.filters.region.actions_) == regions  # every case's, not the newest
    win.close()
