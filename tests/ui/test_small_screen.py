"""Every window of the frame fits a 1366×768 laptop: the first window, a case open in it, the
memo preview and the case opened beside. Run in a subprocess whose only screen is that size."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from council_app.framework import Framework
from council_app.ui.app_settings import AppSettings
from council_app.ui.library import library_actions
from council_app.ui.main_window import MainWindow
from tests.ui.screens import (
    SMALL_SCREEN,
    assert_fits_small_screen,
    on_small_screen,
    run_on_small_screen,
    use_small_screen_if_asked,
)

use_small_screen_if_asked()  # at collection, before pytest-qt makes the QApplication

small_screen_only = pytest.mark.skipif(
    not on_small_screen(), reason="runs in the subprocess of test_on_a_1366x768_screen"
)


def test_on_a_1366x768_screen(tmp_path: Path) -> None:
    if on_small_screen():
        pytest.skip("this is the subprocess")
    run_on_small_screen(Path(__file__), tmp_path, "not on_a_1366")


@small_screen_only
def test_the_screen_is_the_laptop_s(qtbot: QtBot) -> None:
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    assert screen is not None and screen.geometry() == SMALL_SCREEN


@small_screen_only
def test_the_first_window_and_a_case_fit(qtbot: QtBot, window: MainWindow) -> None:
    assert_fits_small_screen(window)
    assert window.statusBar().geometry().bottom() < window.height()
    window.open_case("EUC-2026-083")
    qtbot.waitUntil(lambda: bool(window.workspaces()), timeout=10_000)
    qtbot.waitUntil(lambda: window.workspaces()[0].panel.score is not None, timeout=10_000)
    before = window.minimumSizeHint().width()
    assert_fits_small_screen(window)
    # A rating changes the Undo action's text ("Undo rating of Use case"); the window keeps its width.
    workspace = window.workspaces()[0]
    workspace.undo_action.setText("Undo rating of Effectiveness of proposed actions, and more")
    qtbot.wait(0)
    assert window.minimumSizeHint().width() == before
    assert_fits_small_screen(window)


@small_screen_only
def test_the_memo_preview_fits(qtbot: QtBot, window: MainWindow) -> None:
    window.select_case("EUC-2026-083")
    preview = library_actions.show_memo(window, "EUC-2026-083")
    qtbot.addWidget(preview)
    qtbot.waitExposed(preview)
    assert_fits_small_screen(preview)
    preview.close()


@small_screen_only
def test_the_case_opened_beside_fits(qtbot: QtBot, window: MainWindow) -> None:
    window.beside.setFloating(True)
    window.open_beside("EUC-2026-083")
    qtbot.waitUntil(lambda: window.beside.isVisible(), timeout=10_000)
    assert_fits_small_screen(window.beside)


@small_screen_only
def test_the_window_opens_where_it_was_left_but_on_the_screen(
    qtbot: QtBot, demo_path: Path, framework: Framework, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    first = MainWindow(demo_path, framework, app_settings=settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.setGeometry(100, 80, 900, 600)
    qtbot.waitUntil(lambda: first.width() == 900)
    assert first.close()
    second = MainWindow(demo_path, framework, app_settings=settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (900, 600)
    assert_fits_small_screen(second)
    # Left on a second monitor that is gone: it comes back onto this one.
    second.move(3000, 2000)
    assert second.close()
    third = MainWindow(demo_path, framework, app_settings=settings)
    qtbot.addWidget(third)
    third.show()
    qtbot.waitExposed(third)
    assert_fits_small_screen(third)
    third.close()
