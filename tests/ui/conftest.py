from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QAbstractItemModel
from pytestqt.qtbot import QtBot

from council_app.framework import Framework
from council_app.library import CaseLibrary, import_document
from council_app.library.demo import demo_document
from council_app.ui.main_window import MainWindow

if TYPE_CHECKING:  # imported by pytest-qt once it has chosen its Qt binding
    from pytestqt.modeltest import ModelTester


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


@pytest.fixture
def check_model(request: pytest.FixtureRequest) -> Iterator[Callable[[QAbstractItemModel], None]]:
    """pytest-qt's model tester, one for each model checked, so that every model stays under
    test through the changes that follow (the ``qtmodeltester`` fixture watches only the last
    model it was given: Qt's tester of an earlier one is dropped when the next is checked)."""
    from pytestqt.modeltest import ModelTester

    testers: list[ModelTester] = []

    def check(model: QAbstractItemModel) -> None:
        tester = ModelTester(request.config)
        tester.check(model)
        testers.append(tester)

    yield check
    for tester in testers:
        tester._cleanup()
