"""File › Import request: a team's form becomes a draft case, opened, with what it leaves out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from council_app.council.requests import request_of
from council_app.library import CaseLibrary
from council_app.ui.main_window import MainWindow
from tests.council.test_requests import filled

WAIT = 10_000


def test_a_request_is_imported_from_the_file_menu_and_opened(
    qtbot: QtBot,
    window: MainWindow,
    demo_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    form = tmp_path / "hotel.councilrequest"
    form.write_text(json.dumps(filled()), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(form), ""))
    before = len(window.workspaces())
    window.import_request_action.trigger()
    qtbot.waitUntil(lambda: len(window.workspaces()) == before + 1, timeout=WAIT)
    workspace = window.current_workspace()
    assert workspace is not None
    assert workspace.case.title == "Face matching for hotel check-in"
    box = window.findChild(QMessageBox, "request_imported")
    assert box is not None and box.isVisible()
    assert "No impacted-community input planned: say why." in box.text()
    assert "Suggested: the full council" in box.text()
    with CaseLibrary.open(demo_path, readonly=True) as library:
        assert request_of(library, workspace.case.id) == filled()
    box.close()


def test_a_malformed_request_is_refused_in_words(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = tmp_path / "broken.councilrequest"
    form.write_text(
        '{"format": "council-request", "version": 1, "colour": "red"}', encoding="utf-8"
    )
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text, *a: warned.append(text))
    from council_app.ui.library import library_actions

    library_actions.import_file(window, form)
    qtbot.waitUntil(lambda: bool(warned), timeout=WAIT)
    assert "not a valid request form" in warned[0] and "colour" in warned[0]


def test_the_requesters_reply_is_merged_from_the_same_menu(
    qtbot: QtBot, window: MainWindow, demo_path: Path, tmp_path: Path
) -> None:
    from datetime import date

    from council_app.council.clarification import ask, write_reply_form
    from council_app.ui.library import library_actions

    form = tmp_path / "hotel.councilrequest"
    form.write_text(json.dumps(filled()), encoding="utf-8")
    before = len(window.workspaces())
    library_actions.import_file(window, form)
    qtbot.waitUntil(lambda: len(window.workspaces()) == before + 1, timeout=WAIT)
    case_id = window.current_workspace().case.id  # type: ignore[union-attr]
    window.findChild(QMessageBox, "request_imported").close()  # type: ignore[union-attr]
    with CaseLibrary.open(demo_path) as library:
        questions = ask(library, case_id, ["Which uses are ruled out?"], on=date(2026, 12, 8))
    questions["questions"][0]["answer"] = "Marketing and any sharing with the police."
    reply = tmp_path / "hotel.councilreply"
    write_reply_form(reply, questions)
    library_actions.import_file(window, reply)
    qtbot.waitUntil(
        lambda: (
            (b := window.findChild(QMessageBox, "request_imported")) is not None
            and b.isVisible()
            and "merged into" in b.text()
        ),
        timeout=WAIT,
    )
    with CaseLibrary.open(demo_path, readonly=True) as library:
        facts = library.get_case(case_id).facts
    assert facts[-1].text.endswith("Marketing and any sharing with the police.")


def test_the_council_asks_for_clarification_from_the_file_menu(
    qtbot: QtBot,
    window: MainWindow,
    demo_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from council_app.council.clarification import exchange

    target = tmp_path / "questions.councilreply"
    monkeypatch.setattr(
        QInputDialog,
        "getMultiLineText",
        lambda *a, **k: ("Who are the affected guests?\n\nHow long are images kept?", True),
    )
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.library.select_case("EUC-2026-083")
    window.ask_clarification_action.trigger()
    qtbot.waitUntil(target.exists, timeout=WAIT)
    form = json.loads(target.read_text())
    assert form["case"] == "EUC-2026-083"
    assert [q["text"] for q in form["questions"]] == [
        "Who are the affected guests?",
        "How long are images kept?",
    ]
    window.workers.wait()
    with CaseLibrary.open(demo_path, readonly=True) as library:
        assert [kind for kind, _, _ in exchange(library, "EUC-2026-083")] == ["clarification"]
