"""The library page's count reads as a member would write it: separators, and "1 case"."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.generator import generate_cases
from council_app.ui.main_window import MainWindow


def _window(qtbot: QtBot, path: Path, framework: Framework, count: int) -> MainWindow:
    window = MainWindow(path, framework)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == count, timeout=20_000)
    return window


def test_a_large_library_is_counted_with_a_separator(
    qtbot: QtBot, tmp_path: Path, framework: Framework
) -> None:
    path = tmp_path / "large.sqlite"
    with CaseLibrary.open(path) as library:
        library.add_cases(list(generate_cases(framework, 1_200, seed=5)))
    window = _window(qtbot, path, framework, 1_200)
    assert window.count_label.text() == "1,200 cases in this library."
    window.workers.wait()


def test_one_case_is_one_case(qtbot: QtBot, tmp_path: Path, framework: Framework) -> None:
    path = tmp_path / "one.sqlite"
    with CaseLibrary.open(path) as library:
        library.add_cases(list(generate_cases(framework, 1, seed=5)))
    window = _window(qtbot, path, framework, 1)
    assert window.count_label.text() == "1 case in this library."
    window.workers.wait()


def test_a_filter_button_shows_one_arrow_qts_own(
    qtbot: QtBot, tmp_path: Path, framework: Framework
) -> None:
    from council_app.ui.library.filter_bar import FilterChip

    path = tmp_path / "one.sqlite"
    with CaseLibrary.open(path) as library:
        library.add_cases(list(generate_cases(framework, 1, seed=5)))
    window = _window(qtbot, path, framework, 1)
    chips = window.library.filters.findChildren(FilterChip)
    assert {chip.text() for chip in chips} >= {"Outcome", "Principle", "Region", "Status"}
    assert all("▾" not in chip.text() for chip in chips)  # the menu indicator is the arrow
    window.workers.wait()


def test_the_id_column_fits_the_longest_id_in_the_library(
    qtbot: QtBot, tmp_path: Path, framework: Framework
) -> None:
    from council_app.ui.library.case_table_model import CaseTableModel

    path = tmp_path / "large.sqlite"
    with CaseLibrary.open(path) as library:
        library.add_cases(list(generate_cases(framework, 1_200, seed=5)))
    window = _window(qtbot, path, framework, 1_200)
    table = window.table
    ids = [window.model.index(row, CaseTableModel.ID).data() for row in range(1_200)]
    longest = max(ids, key=table.fontMetrics().horizontalAdvance)
    assert longest.startswith("GEN-")  # longer than the demo's EUC-2026-000
    assert table.columnWidth(CaseTableModel.ID) > table.fontMetrics().horizontalAdvance(longest)
    window.workers.wait()
