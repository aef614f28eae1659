"""A large read shown in a view is left out of the collector's walks (at 100,000 cases full
collections walking the list's rows held the whole app for up to 360 ms); a small one is not."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from council_app.ui import long_lived_rows
from council_app.ui.main_window import MainWindow


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the session is collected as before


def test_the_listed_cases_are_left_out_of_the_collector_s_walks_when_many(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch, unfrozen: None
) -> None:
    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    window.workers.wait()
    assert gc.get_freeze_count() == 0  # 45 cases: collections are short, nothing is frozen

    monkeypatch.setattr(long_lived_rows, "LARGE_READ_ROWS", 40)  # the demo counts as large
    window.library.reload()
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=10_000)
    summary = window.library._listed.summaries[0]
    assert not gc.is_tracked(summary) or summary not in gc.get_objects()
    window.workers.wait()
