from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from council_app.framework import Framework
from council_app.library import CaseLibrary, import_document
from council_app.library.demo import demo_document
from council_app.ui.main_window import MainWindow


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    with CaseLibrary.open(path) as library:
        import_document(library, demo_document())
    return path


@pytest.fixture
def window(qtbot: QtBot, demo_path: Path, framework: Framework) -> Iterator[MainWindow]:
    win = MainWindow(demo_path, framework)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0, timeout=10_000)
    yield win
    win.workers.wait()
