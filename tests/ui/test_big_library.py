"""The app on a 20,000-case library, as a member goes through it: every tab, a case, its
precedents and a sitting, with no crash, no "Something went wrong" and no crash report.

Opening Sittings on such a library once killed the app (``Fatal Python error: none_dealloc``,
issue 17): the test drives the real window with the real shortcuts and checks that each screen
shows what the library holds. The library is generated once per test session (about 25 s);
each test works on its own copy, since it plans a sitting in it.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from council_app.council import review as rr
from council_app.council import sessions as s
from council_app.framework import Framework, bundled_framework
from council_app.library import CaseLibrary
from council_app.library.generator import write_generated
from council_app.ui import app as app_module
from council_app.ui.common.numbers import number_text
from council_app.ui.library.case_table_model import CaseTableModel
from council_app.ui.main_window import LIBRARY_INDEX, REVIEW_INDEX, SITTINGS_INDEX, MainWindow
from council_app.ui.review.due_table import DueTableModel
from council_app.ui.sittings.agenda_item_panel import PRECEDENT_ID_ROLE as ITEM_PRECEDENT_ROLE
from council_app.ui.sittings.agenda_table import AgendaModel
from council_app.ui.workspace.precedents_page import PRECEDENT_ID_ROLE, PrecedentsPage

CASES = 20_000
SITTING_DAY = date(2026, 12, 17)
# Generous: a worker reads, ranks or writes across 20,000 cases on a shared machine.
TIMEOUT = 60_000

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def big_library_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A generated library of 20,000 cases (about 450 MB), made once for the session."""
    path = tmp_path_factory.mktemp("big-library") / "generated.sqlite"
    write_generated(bundled_framework(), path, CASES)
    yield path
    path.unlink(missing_ok=True)  # kept runs of pytest's temporary folders need not hold it


@pytest.fixture
def big_library(big_library_file: Path, tmp_path: Path) -> Iterator[Path]:
    copy = tmp_path / "big.sqlite"
    shutil.copyfile(big_library_file, copy)
    yield copy
    for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
        leftover.unlink(missing_ok=True)


class Member:
    """Drives the window as a member would, and keeps what they would have seen go wrong:
    message boxes (closed as they come, so that a modal one cannot hang the test), and the
    exceptions and crash reports of the app's own crash handler, installed for the test in
    front of pytest-qt's capture of exceptions. A wait ends as soon as anything goes wrong."""

    def __init__(self, qtbot: QtBot, data_dir: Path) -> None:
        self.qtbot = qtbot
        self.reports = data_dir / "crash-reports"
        self.boxes: list[str] = []
        self.errors: list[str] = []
        self.figures: dict[str, float] = {}
        self.window: MainWindow | None = None
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self.close_message_boxes)
        # The longest the event loop went without turning: how long the window stood frozen.
        self.frozen: dict[str, float] = {}
        self._beat = time.perf_counter()
        self._longest = 0.0
        self.heartbeat = QTimer()
        self.heartbeat.setInterval(10)
        self.heartbeat.timeout.connect(self.on_beat)

    def on_beat(self) -> None:
        now = time.perf_counter()
        self._longest = max(self._longest, now - self._beat)
        self._beat = now

    def start(self, window: MainWindow) -> None:
        self.window = window
        self.timer.start()
        self.heartbeat.start()
        captured = sys.excepthook  # pytest-qt's, which fails the test on an exception in a slot
        app_module._install_crash_handler()  # the handler the app runs with
        app_hook = sys.excepthook

        def both(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
            self.errors.append(f"{kind.__name__}: {error}")
            app_hook(kind, error, tb)
            captured(kind, error, tb)

        sys.excepthook = both  # pytest-qt puts back the hook it found once the test is over

    def stop(self) -> None:
        self.timer.stop()
        self.heartbeat.stop()

    def close_message_boxes(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                self.boxes.append(f"{widget.windowTitle()}: {widget.text()}")
                widget.done(0)

    def crash_reports(self) -> list[str]:
        return sorted(p.name for p in self.reports.glob("*")) if self.reports.exists() else []

    def nothing_went_wrong(self) -> None:
        self.close_message_boxes()
        assert self.errors == []
        assert self.boxes == []
        assert self.crash_reports() == []

    def until(self, condition: Callable[[], bool]) -> None:
        self.qtbot.waitUntil(
            lambda: bool(condition() or self.errors or self.boxes), timeout=TIMEOUT
        )
        self.nothing_went_wrong()

    def settle(self) -> None:
        """Until the workers have delivered everything asked of them (and what that asked for)."""
        assert self.window is not None
        workers = self.window.workers
        self.until(lambda: not workers.busy)

    def press(self, keys: str) -> None:
        """A shortcut in the main window, the one a window manager puts back after a dialog."""
        assert self.window is not None
        self.window.activateWindow()
        self.qtbot.waitUntil(self.window.isActiveWindow, timeout=5000)
        self.qtbot.keySequence(self.window, QKeySequence(keys))

    def timed(
        self, what: str, step: Callable[[], object], until: Callable[[], bool] | None = None
    ) -> None:
        """Do a step and wait for its answer (and for ``until``); how long that took is printed
        at the end."""
        start = self._beat = time.perf_counter()
        self._longest = 0.0
        step()
        self.on_beat()  # a step that blocks counts as frozen for as long as it took
        if until is not None:
            self.until(until)
        self.settle()
        self.figures[what] = time.perf_counter() - start
        self.frozen[what] = self._longest

    def report(self) -> str:
        return "\n".join(
            f"{what}: {seconds:.2f} s, frozen at most {self.frozen[what]:.2f} s"
            for what, seconds in self.figures.items()
        )


@pytest.fixture
def member(qtbot: QtBot, data_dir: Path) -> Iterator[Member]:
    driver = Member(qtbot, data_dir)
    yield driver
    driver.stop()


@pytest.fixture
def window(qtbot: QtBot, big_library: Path, framework: Framework) -> Iterator[MainWindow]:
    """The main window on the big library, not yet shown: showing it is the first step."""
    win = MainWindow(big_library, framework)
    qtbot.addWidget(win)
    yield win
    # Closed while its library is still there: closing autosaves open cases' drafts into it.
    win.close()
    win.workers.wait()  # no worker may outlive the window's library connection


def test_a_member_goes_through_a_20000_case_library(
    qtbot: QtBot, member: Member, big_library: Path, window: MainWindow
) -> None:
    with CaseLibrary.open(big_library, create=False) as library:
        summaries = {c.id: c for c in library.list_cases()}
    assert len(summaries) == CASES

    member.start(window)
    member.timed("show the library", window.show, until=lambda: window.model.rowCount() == CASES)
    assert window.tabs.currentIndex() == LIBRARY_INDEX
    assert window.proxy.rowCount() == CASES
    # The library's count, whole, as the locale writes it ("20,000").
    assert window.count_label.text() == f"{number_text(CASES)} cases in this library."

    # -- every tab, by its shortcut -------------------------------------------------------------
    member.timed("Ctrl+2 (sittings)", lambda: member.press("Ctrl+2"))
    assert window.tabs.currentIndex() == SITTINGS_INDEX
    assert window.tabs.currentWidget() is window.sittings
    page = window.sittings.page
    assert page.sittings_model.rowCount() == 0  # a generated library has no sitting yet
    assert page.no_sittings_label.isVisible()

    member.timed("Ctrl+3 (re-review)", lambda: member.press("Ctrl+3"))
    assert window.tabs.currentIndex() == REVIEW_INDEX
    assert window.tabs.currentWidget() is window.review
    review = window.review.page
    with CaseLibrary.open(big_library, create=False) as library:
        due = rr.due_for_review(library, date.today(), within_days=review.horizon_days())
    assert due  # a generated library has decisions past or near their review date
    shown_due = [
        review.proxy.index(row, DueTableModel.CASE).data() for row in range(review.proxy.rowCount())
    ]
    assert sorted(shown_due) == sorted(item.case.id for item in due)
    overdue = sum(item.kind == "overdue" for item in due)
    assert review.heading.text().startswith(
        f"{number_text(len(due))} decisions to review: {number_text(overdue)} overdue"
    )

    # -- a case, chosen in the list and opened with Enter ----------------------------------------
    member.timed("Ctrl+1 (library)", lambda: member.press("Ctrl+1"))
    assert window.tabs.currentIndex() == LIBRARY_INDEX
    member.timed(
        "sort by ID",
        lambda: window.table.sortByColumn(CaseTableModel.ID, Qt.SortOrder.DescendingOrder),
    )
    first = window.table.visualRect(window.proxy.index(0, CaseTableModel.TITLE)).center()
    member.timed(
        "click a case",
        lambda: qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=first),
    )
    case_id = window.selected_case_id()
    assert case_id == max(summaries)
    member.until(lambda: window.case_view.case is not None and window.case_view.case.id == case_id)
    assert summaries[case_id].title in window.case_view.toPlainText()

    member.timed(
        "Enter (open the case)",
        lambda: qtbot.keyClick(window.table, Qt.Key.Key_Return),
        until=lambda: window.current_workspace() is not None,
    )
    workspace = window.current_workspace()
    assert workspace is not None and workspace.case.id == case_id
    assert case_id in window.tabs.tabText(window.tabs.currentIndex())
    assert workspace.case.title == summaries[case_id].title

    # -- its precedents ---------------------------------------------------------------------------
    precedents = workspace.page("precedents")
    assert isinstance(precedents, PrecedentsPage)
    member.timed(
        "the precedents step",
        lambda: workspace.go_to("precedents"),
        until=lambda: precedents.list.count() > 0,
    )
    assert precedents.isVisible()
    found = [
        precedents.list.item(row).data(PRECEDENT_ID_ROLE) for row in range(precedents.list.count())
    ]
    assert case_id not in found and set(found) <= summaries.keys()
    assert precedents.status.text().startswith(f"{len(found)} precedent")
    assert precedents.reasons.toPlainText()  # the first is selected, with why it matched

    # -- a sitting, planned here, with this case and one of its precedents on the agenda -----------
    member.press("Ctrl+2")
    member.settle()
    assert window.tabs.currentWidget() is window.sittings
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.new_sitting_dialog
    assert dialog is not None
    dialog.date_edit.setDate(QDate(SITTING_DAY.year, SITTING_DAY.month, SITTING_DAY.day))
    member.timed(
        "create the sitting",
        lambda: qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton),
        until=lambda: window.sittings.view is not None,
    )
    view = window.sittings.view
    assert view is not None and view.session.date == SITTING_DAY
    assert page.sittings_model.rowCount() == 1
    assert not page.no_sittings_label.isVisible()
    session_id = view.session.id

    # Each case typed by its id in "Add case", picked from the suggestions, and added.
    agenda = [case_id, found[0]]
    picker = page.case_picker
    for number, item in enumerate(agenda, 1):
        window.activateWindow()
        picker.setFocus()
        member.timed(
            f"suggest cases for {item}",
            lambda item=item: qtbot.keyClicks(picker, item),
            until=lambda item=item: picker.suggestions_for() == item and picker.popup.isVisible(),
        )
        assert picker.model.rowCount() >= 1 and picker.model.case(0).id == item
        popup = picker.popup
        rect = popup.visualRect(popup.model().index(0, 0))
        qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert picker.case_id() == item
        page.minutes_spin.setValue(20)
        member.timed(
            f"add agenda item {number}",
            lambda: qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton),
            until=lambda n=number: (
                window.sittings.view is not None and len(window.sittings.view.items) == n
            ),
        )
        assert picker.text() == ""  # ready for the next case

    model = page.agenda_table.model()
    assert isinstance(model, AgendaModel)
    assert [model.index(r, AgendaModel.CASE).data() for r in range(model.rowCount())] == agenda
    assert [model.index(r, AgendaModel.TITLE).data() for r in range(model.rowCount())] == [
        summaries[c].title for c in agenda
    ]
    assert page.agenda_table.isVisible()
    assert page.total_label.text() == "Time budgeted: 40 min."
    # The item added last is the one shown, with its own close precedents from the library.
    panel = window.sittings.item_panel
    assert page.selected_item_id() == found[0]
    assert panel.heading.text() == f"2. {found[0]} — {summaries[found[0]].title}"
    member.until(lambda: panel.precedent_list.count() > 0)
    assert {
        panel.precedent_list.item(row).data(ITEM_PRECEDENT_ROLE)
        for row in range(panel.precedent_list.count())
    } <= summaries.keys() - {found[0]}
    with CaseLibrary.open(big_library, create=False) as library:
        assert [i.case_id for i in s.get_session(library, session_id).agenda] == agenda

    # -- and through every tab once more, now that a sitting is in the library ------------------
    for keys, index in (
        ("Ctrl+3", REVIEW_INDEX),
        ("Ctrl+1", LIBRARY_INDEX),
        ("Ctrl+2", SITTINGS_INDEX),
    ):
        member.timed(f"{keys} again", lambda keys=keys: member.press(keys))
        assert window.tabs.currentIndex() == index
    assert page.sittings_model.rowCount() == 1

    # -- a search across the library, and back to every case ------------------------------------
    member.press("Ctrl+F")
    assert window.tabs.currentIndex() == LIBRARY_INDEX
    member.timed(
        "search “voice cloning”",
        lambda: qtbot.keyClicks(window.search, "voice cloning"),
        until=lambda: 0 < window.model.rowCount() < CASES,
    )
    hits = [window.proxy.index(r, 0).data() for r in range(window.proxy.rowCount())]
    assert set(hits) <= summaries.keys()
    assert any("voice" in summaries[h].title.lower() for h in hits)
    member.timed(
        "clear the search",
        lambda: qtbot.keyClick(window.search, Qt.Key.Key_Escape),
        until=lambda: window.model.rowCount() == CASES,
    )
    assert window.search.text() == ""

    print(member.report())  # with -s: how long each step took a member (not asserted)
    member.nothing_went_wrong()
