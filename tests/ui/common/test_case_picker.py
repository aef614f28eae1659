"""The case picker, typed into as a member would, on a real library searched by real workers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.ui.common.case_picker import CASE_ID_ROLE, CasePicker
from council_app.ui.library.library_tasks import LibraryWorkers
from tests.factories import make_case

LONG_ID = "COUNCIL-2026-REGIONAL-ELECTIONS-DESK-000123"
TIMEOUT = 5000


@pytest.fixture
def workers(tmp_path: Path, framework: Framework) -> Iterator[LibraryWorkers]:
    path = tmp_path / "picker.sqlite"
    with CaseLibrary.open(path) as library:
        library.add_cases(
            [
                make_case("VOTE-1", title="Chatbot answers on the elections", summary="Polls."),
                make_case("VOTE-12", title="Turnout forecasts", summary="Models."),
                make_case("SHOP-1", title="Recommendations in an electronics shop", summary="."),
                make_case(
                    LONG_ID,
                    title="A very long title about elections " * 4,
                    summary="Regional elections.",
                ),
            ]
        )
    runner = LibraryWorkers(path, framework)
    yield runner
    runner.wait()


@pytest.fixture
def picker(qtbot: QtBot, framework: Framework, workers: LibraryWorkers) -> Iterator[CasePicker]:
    screen = QWidget()
    qtbot.addWidget(screen)
    label = QLabel("Pick &case:", screen)
    field = CasePicker(framework, screen)
    field.setAccessibleName("Case to pick")
    label.setBuddy(field)
    layout = QVBoxLayout(screen)
    layout.addWidget(label)
    layout.addWidget(field)
    field.use(workers)
    screen.resize(300, 80)  # narrower than the long id
    screen.show()
    qtbot.waitExposed(screen)
    field.setFocus()
    yield field  # the screen (a local here) lives as long as the test
    screen.close()


def suggested(picker: CasePicker) -> list[str]:
    model = picker.model
    return [model.index(row).data(CASE_ID_ROLE) for row in range(model.rowCount())]


def type_and_wait(qtbot: QtBot, picker: CasePicker, text: str) -> None:
    qtbot.keyClicks(picker, text)
    qtbot.waitUntil(
        lambda: picker.suggestions_for() == text and picker.popup.isVisible(), timeout=TIMEOUT
    )


def test_typing_words_suggests_cases_by_their_text(qtbot: QtBot, picker: CasePicker) -> None:
    type_and_wait(qtbot, picker, "elections")
    assert sorted(suggested(picker)) == sorted(["VOTE-1", LONG_ID])  # not the electronics shop
    model = picker.model
    assert model.index(0).data() == f"{suggested(picker)[0]} — {model.case(0).title}"


def test_clicking_a_suggestion_picks_its_case(qtbot: QtBot, picker: CasePicker) -> None:
    type_and_wait(qtbot, picker, "turnout")
    assert suggested(picker) == ["VOTE-12"]
    popup = picker.popup
    rect = popup.visualRect(popup.model().index(0, 0))  # the completer's view of the model
    with qtbot.waitSignal(picker.picked, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == ["VOTE-12"]
    assert picker.case_id() == "VOTE-12"
    assert picker.text() == "VOTE-12 — Turnout forecasts"
    assert not popup.isVisible()
    qtbot.keyClick(picker, Qt.Key.Key_End)
    with qtbot.waitSignal(picker.unpicked, timeout=TIMEOUT):
        qtbot.keyClick(picker, Qt.Key.Key_Backspace)  # editing un-picks
    assert picker.case_id() is None


def test_down_and_enter_pick_from_the_keyboard(qtbot: QtBot, picker: CasePicker) -> None:
    type_and_wait(qtbot, picker, "vote")
    assert suggested(picker) == ["VOTE-1", "VOTE-12"]
    popup = picker.popup
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    chosen = popup.currentIndex().data(CASE_ID_ROLE)
    assert chosen in ("VOTE-1", "VOTE-12")
    with qtbot.waitSignal(picker.picked, timeout=TIMEOUT) as signal:
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert signal.args == [chosen]
    assert picker.case_id() == chosen


def test_an_exact_id_and_enter_picks_it_at_once(qtbot: QtBot, picker: CasePicker) -> None:
    with qtbot.waitSignal(picker.picked, timeout=TIMEOUT) as signal:
        qtbot.keyClicks(picker, "shop-1")
        qtbot.keyClick(picker, Qt.Key.Key_Return)  # before the suggestions came
    assert signal.args == ["SHOP-1"]
    assert picker.text().startswith("SHOP-1 — ")


def test_excluded_cases_are_not_offered(qtbot: QtBot, picker: CasePicker) -> None:
    picker.set_excluded({"VOTE-1"})
    type_and_wait(qtbot, picker, "vote")
    assert suggested(picker) == ["VOTE-12"]


def test_the_id_is_never_cut_short(qtbot: QtBot, picker: CasePicker) -> None:
    type_and_wait(qtbot, picker, "regional")
    assert suggested(picker) == [LONG_ID]
    popup = picker.popup
    needed = popup.fontMetrics().horizontalAdvance(f"{LONG_ID} — ")
    assert popup.viewport().width() > needed
    assert popup.width() > picker.width()  # wider than the narrow field, for the id


def test_the_suggestions_model_is_sound(
    qtbot: QtBot, picker: CasePicker, qtmodeltester: ModelTester
) -> None:
    type_and_wait(qtbot, picker, "vote")
    qtmodeltester.check(picker.model)


def test_the_field_is_named_and_its_label_leads_to_it(picker: CasePicker) -> None:
    assert picker.accessibleName() == "Case to pick"
    labels = [label for label in picker.parent().findChildren(QLabel) if label.buddy() is picker]
    assert [label.text() for label in labels] == ["Pick &case:"]


def test_without_a_library_nothing_is_suggested(qtbot: QtBot, framework: Framework) -> None:
    field = CasePicker(framework)
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field, "vote")
    qtbot.wait(300)
    assert field.model.rowCount() == 0
    assert not field.popup.isVisible()


def test_a_library_that_cannot_be_read_leaves_the_field_quiet(
    qtbot: QtBot, tmp_path: Path, framework: Framework
) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a library at all" * 100)
    runner = LibraryWorkers(broken, framework)
    field = CasePicker(framework)
    qtbot.addWidget(field)
    field.use(runner)
    field.show()
    with qtbot.assertNotEmitted(runner.failed, wait=500):
        qtbot.keyClicks(field, "vote")
        qtbot.waitUntil(lambda: not runner.busy, timeout=TIMEOUT)
    assert field.model.rowCount() == 0
    assert field.text() == "vote"
    runner.wait()
