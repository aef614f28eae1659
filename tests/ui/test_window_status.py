"""The status bar: what was done, and failures told one box at a time."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from council_app.ui.window_status import WindowStatusBar


def test_a_report_of_what_was_done_is_shown_and_an_empty_one_is_not(qtbot: QtBot) -> None:
    bar = WindowStatusBar()
    qtbot.addWidget(bar)
    bar.tell_done("Saved EUC-2022-014.")
    assert bar.currentMessage() == "Saved EUC-2022-014."
    bar.tell_done("")
    assert bar.currentMessage() == "Saved EUC-2022-014."
    bar.on_package_message("")  # a package's progress clears when it ends
    assert bar.currentMessage() == ""


def test_failures_that_come_while_one_is_told_are_told_once_after_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    bar = WindowStatusBar()
    qtbot.addWidget(bar)
    told: list[str] = []

    def warning(_parent: object, _title: str, text: str, *_a: object) -> None:
        told.append(text)
        if len(told) == 1:  # while the first box is up, the other jobs fail too
            for message in ("The library is gone.", "Disk full.", "The library is gone."):
                bar.tell_failure(message)

    monkeypatch.setattr(QMessageBox, "warning", warning)
    bar.tell_failure("The library is gone.")
    assert told == ["The library is gone.", "Also: Disk full."]
    bar.tell_failure("Later.")  # once the boxes are closed, the next is told at once
    assert told[-1] == "Later."
