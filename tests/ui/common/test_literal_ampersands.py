"""No label shows a literal "&": a mnemonic only works in a label that is some widget's buddy;
anywhere else Qt draws the ampersand ("Re&view by:", issue 17)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from council_app.framework import Framework
from council_app.ui.library import library_actions
from council_app.ui.main_window import MainWindow
from council_app.ui.review.review_page import ReviewPage
from council_app.ui.settings.ahp_dialog import AhpDialog
from council_app.ui.settings.settings_dialog import SettingsDialog, SettingsValues

# A single "&" (not "&&", which is how a label asks for one drawn ampersand).
_MNEMONIC = re.compile(r"(?<!&)&(?!&)")


def literal_ampersands(screen: QWidget) -> list[str]:
    """The texts of the plain-text labels under ``screen`` that would draw an "&"."""
    shown = []
    for label in screen.findChildren(QLabel):
        text = label.text()
        rich = label.textFormat().name == "RichText" or text.lstrip().startswith("<")
        if not rich and label.buddy() is None and _MNEMONIC.search(text):
            shown.append(text)
    return shown


def test_the_check_finds_a_mnemonic_without_a_buddy(qtbot: QtBot) -> None:
    screen = QWidget()
    qtbot.addWidget(screen)
    QLabel("Re&view by:", screen)
    QLabel("Terms && conditions", screen)
    assert literal_ampersands(screen) == ["Re&view by:"]


def test_the_re_review_page_shows_no_ampersand(qtbot: QtBot, framework: Framework) -> None:
    page = ReviewPage(framework)
    qtbot.addWidget(page)
    page.show()
    assert literal_ampersands(page) == []


def test_the_pairwise_dialog_shows_no_ampersand(qtbot: QtBot, framework: Framework) -> None:
    dialog = AhpDialog(framework)
    qtbot.addWidget(dialog)
    dialog.show()
    assert literal_ampersands(dialog) == []


def test_the_settings_dialog_shows_no_ampersand(
    qtbot: QtBot, framework: Framework, tmp_path: object
) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    values = SettingsValues(
        council_name="Ethical Use Advisory Council",
        letterhead="",
        members=(),
        theme="system",
        default_profile="balanced",
        library_path=tmp_path / "library.sqlite",
    )
    dialog = SettingsDialog(values, framework)
    qtbot.addWidget(dialog)
    dialog.show()
    assert literal_ampersands(dialog) == []


def test_the_main_window_and_an_open_case_show_no_ampersand(
    qtbot: QtBot, window: MainWindow
) -> None:
    before = len(window.workspaces())
    library_actions.new_case(window)
    qtbot.waitUntil(lambda: len(window.workspaces()) == before + 1, timeout=10_000)
    workspace = window.current_workspace()
    assert workspace is not None
    for step in ("decision", "mitigations", "stakeholders"):
        workspace.go_to(step)
    assert literal_ampersands(window) == []
