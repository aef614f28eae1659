"""The library's workers: a read made stale by a newer one of its kind gives way at once."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.ui.library.library_tasks import LibraryWorkers
from tests.factories import make_case

# A query that runs for minutes unless it is interrupted.
ENDLESS = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000000000) "
    "SELECT count(*) FROM n"
)


@pytest.fixture
def workers(tmp_path: Path, framework: Framework) -> Iterator[LibraryWorkers]:
    path = tmp_path / "tasks.sqlite"
    with CaseLibrary.open(path) as library:
        library.add_cases([make_case("FACE-1", title="Face matching at the border")])
    runner = LibraryWorkers(path, framework)
    yield runner
    runner.wait()


def test_a_stale_read_is_interrupted_and_the_newer_one_answers(
    qtbot: QtBot, workers: LibraryWorkers
) -> None:
    started = threading.Event()
    outcome: list[str] = []
    answers: list[object] = []

    def endless(lib: CaseLibrary | None) -> Any:
        assert lib is not None
        started.set()
        try:
            return lib.db.execute(ENDLESS).fetchall()
        except sqlite3.OperationalError as error:
            outcome.append(str(error))
            raise

    def quick(lib: CaseLibrary | None) -> Any:
        assert lib is not None
        return lib.count_cases()

    workers.submit("search", endless, answers.append, cancel_stale=True)
    assert started.wait(5)
    workers.submit("search", quick, answers.append, cancel_stale=True)
    qtbot.waitUntil(lambda: not workers.busy, timeout=5000)
    assert outcome == ["interrupted"]  # the endless query stopped, not finished
    assert answers == [1]  # only the newer search reported, with its answer


def test_a_stale_read_not_yet_started_is_never_run(qtbot: QtBot, workers: LibraryWorkers) -> None:
    workers.pool.setMaxThreadCount(1)
    gate = threading.Event()
    ran: list[str] = []

    def blocker(_lib: CaseLibrary | None) -> Any:
        gate.wait(5)
        return None

    def job(name: str) -> Any:
        def run(_lib: CaseLibrary | None) -> Any:
            ran.append(name)
            return name

        return run

    answers: list[object] = []
    workers.submit("other", blocker, lambda _r: None)
    workers.submit("search", job("old"), answers.append, cancel_stale=True)
    workers.submit("search", job("new"), answers.append, cancel_stale=True)
    gate.set()
    qtbot.waitUntil(lambda: not workers.busy, timeout=5000)
    assert ran == ["new"] and answers == ["new"]


def test_without_cancel_stale_an_older_read_runs_to_its_end(
    qtbot: QtBot, workers: LibraryWorkers
) -> None:
    ran: list[str] = []

    def job(name: str) -> Any:
        def run(_lib: CaseLibrary | None) -> Any:
            ran.append(name)
            return name

        return run

    answers: list[object] = []
    workers.submit("score", job("old"), answers.append)
    workers.submit("score", job("new"), answers.append)
    qtbot.waitUntil(lambda: not workers.busy, timeout=5000)
    assert sorted(ran) == ["new", "old"] and answers == ["new"]


def test_a_result_whose_owner_was_deleted_is_dropped(qtbot: QtBot, workers: LibraryWorkers) -> None:
    """A tab closed while its scoring ran: the score reaches no deleted widget."""
    from PySide6.QtWidgets import QLabel

    gate = threading.Event()
    label = QLabel()
    shown: list[object] = []

    def job(_lib: CaseLibrary | None) -> Any:
        gate.wait(5)
        return "score"

    def show(result: object) -> None:
        label.setText(str(result))  # would raise on a deleted label
        shown.append(result)

    workers.submit("score:X", job, show, library=False, owner=label)
    label.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(label), timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: not workers.busy, timeout=5000)
    assert shown == []
