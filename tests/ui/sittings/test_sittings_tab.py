"""A sitting in the app, end to end: the widgets ask, the core decides, the library records."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from council_app.council import sessions as s
from council_app.library import CaseLibrary
from council_app.ui import council_operations as ops
from council_app.ui.library import library_actions
from council_app.ui.main_window import MainWindow
from council_app.ui.sittings.attendance import MEMBER_ROLE
from tests.ui.sittings.condition_helpers import type_condition

SITTING_DAY = date(2026, 12, 3)
CASE = "EUC-2026-083"


def open_sittings(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keySequence(window, QKeySequence("Ctrl+2"))
    assert window.tabs.currentWidget() is window.sittings


def plan_sitting(qtbot: QtBot, window: MainWindow) -> int:
    page = window.sittings.page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.new_sitting_dialog
    assert dialog is not None
    dialog.date_edit.setDate(QDate(2026, 12, 3))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sittings.view is not None, timeout=10_000)
    assert window.sittings.view is not None
    return window.sittings.view.session.id


def add_case(qtbot: QtBot, window: MainWindow, case_id: str) -> None:
    """Type the case's id in "Add case", click its suggestion, give a budget and add it."""
    page = window.sittings.page
    picker = page.case_picker
    window.activateWindow()
    picker.setFocus()
    qtbot.waitUntil(picker.hasFocus, timeout=10_000)
    qtbot.keyClicks(picker, case_id)
    qtbot.waitUntil(
        lambda: picker.suggestions_for() == case_id and picker.popup.isVisible(), timeout=10_000
    )
    popup = picker.popup
    rect = popup.visualRect(popup.model().index(0, 0))
    assert picker.model.case(0).id == case_id
    with qtbot.waitSignal(picker.picked, timeout=10_000):
        qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page.minutes_spin.setValue(20)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.sittings.view is not None and window.sittings.view.item(case_id) is not None,
        timeout=10_000,
    )


def open_sitting(qtbot: QtBot, window: MainWindow) -> None:
    """Votes and decisions are taken once the sitting is under way."""
    qtbot.mouseClick(window.sittings.page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.sittings.view is not None and window.sittings.view.session.status == "open",
        timeout=10_000,
    )


def tick(window: MainWindow, member: str, present: bool) -> None:
    """What a click on the member's tick box does."""
    model = window.sittings.page.attendance_model
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if model.data(index, MEMBER_ROLE) == member:
            state = Qt.CheckState.Checked if present else Qt.CheckState.Unchecked
            assert model.setData(index, state, Qt.ItemDataRole.CheckStateRole)
            return
    raise AssertionError(f"{member} is not in the attendance list")


def mark_absent(qtbot: QtBot, window: MainWindow, members: list[str]) -> None:
    for member in members:
        tick(window, member, False)
    qtbot.waitUntil(
        lambda: (
            window.sittings.view is not None
            and all(m in window.sittings.view.session.absent for m in members)
        ),
        timeout=10_000,
    )


def test_a_sitting_from_planning_to_decision(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    open_sittings(qtbot, window)
    session_id = plan_sitting(qtbot, window)
    add_case(qtbot, window, CASE)
    with CaseLibrary.open(demo_path, readonly=True) as library:
        agenda = s.get_session(library, session_id).agenda
    assert [(item.case_id, item.minutes) for item in agenda] == [(CASE, 20)]
    page = window.sittings.page
    assert page.agenda_model.order() == [CASE]
    assert page.case_picker.text() == ""  # ready for the next case
    panel = window.sittings.item_panel
    qtbot.waitUntil(lambda: panel.item is not None and panel.item.case.id == CASE, timeout=10_000)
    assert panel.heading.text().startswith(f"1. {CASE}")
    assert panel.closed_note.text().startswith("This sitting is planned")
    assert not panel.vote_boxes["Amara Okafor"].isEnabled()
    open_sitting(qtbot, window)

    # Four of eight absent: no quorum, and the panel says why; nothing can be voted.
    mark_absent(qtbot, window, ["Zofia Nowak", "Yusuf Demir", "Mateo García", "Priya Raman"])
    qtbot.waitUntil(lambda: "No quorum" in panel.quorum.text(), timeout=10_000)
    assert panel.quorum.text().startswith("No quorum: 4 of 8 voting members present; 5 needed")
    assert not panel.vote_boxes["Amara Okafor"].isEnabled()
    assert not panel.record_button.isEnabled()

    # Priya comes back: quorum; three votes through the panel's boxes.
    tick(window, "Priya Raman", True)
    qtbot.waitUntil(lambda: panel.quorum.text().startswith("Quorum: 5 of 8"), timeout=10_000)
    for member, vote in [
        ("Amara Okafor", "restrict"),
        ("Jonas Lindqvist", "restrict"),
        ("Priya Raman", "decline"),
    ]:
        box = panel.vote_boxes[member]
        box.setCurrentIndex(box.findData(vote))
        qtbot.waitUntil(
            lambda m=member, v=vote: (
                window.sittings.view is not None
                and window.sittings.view.session.votes.get(CASE, {}).get(m) == v
            ),
            timeout=10_000,
        )
    assert panel.tally.text() == "Restrict 2, Decline 1; most votes: Restrict."

    panel.rationale.setPlainText("Only for the campaign's own supporters, not inferred affinity.")
    type_condition(qtbot, panel.conditions, "No inferred political opinions.")
    type_condition(
        qtbot,
        panel.conditions,
        "Delete the segments by 2027-06-30.",
        kind="report_due",
        owner="Campaign data office",
        due=date(2027, 6, 30),
    )
    # Close precedents were declined: the decision says how this case is distinguished.
    qtbot.waitUntil(lambda: "close precedents" in panel.departures.text(), timeout=10_000)
    assert "4 close precedents were decided otherwise" in panel.departures.text()
    assert not panel.record_button.isEnabled()
    panel.distinction.setPlainText("Supporters who opted in, not inferred voters.")
    assert panel.record_button.isEnabled()
    with qtbot.waitSignal(window.workers.library_changed, timeout=10_000):
        qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)

    window.workers.wait()
    with CaseLibrary.open(demo_path) as library:
        case = library.get_case(CASE)
        assert case.decision is not None
        assert case.decision.outcome == "restrict"
        assert case.decision.date == SITTING_DAY
        assert case.decision.review_by == date(2027, 12, 3)
        assert [(c.text, c.kind, c.owner, c.due) for c in case.decision.conditions] == [
            ("No inferred political opinions.", "before_launch", "", None),
            (
                "Delete the segments by 2027-06-30.",
                "report_due",
                "Campaign data office",
                date(2027, 6, 30),
            ),
        ]
        assert {(v.member, v.vote) for v in case.decision.votes} == {
            ("Amara Okafor", "restrict"),
            ("Jonas Lindqvist", "restrict"),
            ("Priya Raman", "decline"),
        }
        assert s.get_session(library, session_id).on_agenda(CASE)


def test_a_refused_vote_shows_the_core_s_reason(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    open_sittings(qtbot, window)
    session_id = plan_sitting(qtbot, window)
    add_case(qtbot, window, CASE)
    with CaseLibrary.open(demo_path, readonly=True) as library:
        agenda = s.get_session(library, session_id).agenda
    assert [(item.case_id, item.minutes) for item in agenda] == [(CASE, 20)]
    page = window.sittings.page
    assert page.agenda_model.order() == [CASE]
    assert page.case_picker.text() == ""  # ready for the next case
    panel = window.sittings.item_panel
    qtbot.waitUntil(lambda: panel.item is not None, timeout=10_000)
    open_sitting(qtbot, window)
    # Another laptop marks members absent behind the app's back; the app's vote is refused.
    with CaseLibrary.open(demo_path) as library:
        s.set_attendance(
            library,
            session_id,
            absent=["Zofia Nowak", "Yusuf Demir", "Mateo García", "Priya Raman"],
        )
    box = panel.vote_boxes["Amara Okafor"]
    box.setCurrentIndex(box.findData("approve"))
    qtbot.waitUntil(lambda: "No vote is recorded" in panel.refusal.text(), timeout=10_000)
    assert "No quorum: 4 of 8" in panel.refusal.text()
    window.workers.wait()
    with CaseLibrary.open(demo_path) as library:
        assert s.get_session(library, session_id).votes == {}


def test_presenter_mode_follows_the_agenda(qtbot: QtBot, window: MainWindow) -> None:
    open_sittings(qtbot, window)
    plan_sitting(qtbot, window)
    add_case(qtbot, window, CASE)
    add_case(qtbot, window, "EUC-2026-022")
    presenter = window.sittings.on_presenter_requested(window.sittings.session_id or 0)
    assert presenter is not None
    qtbot.addWidget(presenter)
    assert presenter.current_case_id == window.sittings.current
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
    other = presenter.current_case_id
    qtbot.waitUntil(lambda: window.sittings.current == other, timeout=5000)
    assert window.sittings.page.selected_item_id() == other
    presenter.close()


def test_the_minutes_of_the_sitting(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, demo_path: Path
) -> None:
    from pypdf import PdfReader

    open_sittings(qtbot, window)
    session_id = plan_sitting(qtbot, window)
    add_case(qtbot, window, CASE)
    target = tmp_path / "minutes.pdf"
    window.sittings.write_minutes(session_id, target)
    qtbot.waitUntil(
        lambda: "Minutes written" in window.sittings.page.message_label.text(), timeout=10_000
    )
    text = " ".join(p.extract_text() for p in PdfReader(target).pages)
    assert CASE in text and "December sitting" in text


def test_the_quorum_rule_is_a_setting(qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    from council_app.ui.settings.settings_dialog import SettingsValues

    qtbot.waitUntil(lambda: window.library_settings is not None, timeout=10_000)
    settings = window.library_settings
    assert settings is not None and settings.council.quorum_rule == "majority"
    library_actions.apply_settings(
        window,
        SettingsValues(
            council_name=settings.council.council_name,
            letterhead=settings.council.letterhead,
            members=settings.members,
            theme="system",
            default_profile=window.framework.default_profile_key,
            library_path=demo_path,
            quorum_rule="all",
        ),
    )
    qtbot.waitUntil(
        lambda: (
            window.library_settings is not None
            and window.library_settings.council.quorum_rule == "all"
        ),
        timeout=10_000,
    )
    with CaseLibrary.open(demo_path, readonly=True) as library:
        assert s.quorum_rule(library) == "all"


def test_the_tab_shown_again_is_not_read_again_until_something_changes(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 100,000 cases the sittings and a long agenda take a moment to read; shown again with no
    change reported since, the tab shows what it read, and a change reads it again."""
    reads: list[int] = []
    real = ops.load_sittings

    def counted(*args: Any) -> Any:
        reads.append(1)
        return real(*args)

    monkeypatch.setattr(ops, "load_sittings", counted)
    open_sittings(qtbot, window)
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=10_000)
    assert len(reads) == 1
    qtbot.keySequence(window, QKeySequence("Ctrl+1"))
    qtbot.keySequence(window, QKeySequence("Ctrl+2"))
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=10_000)
    assert len(reads) == 1
    session_id = plan_sitting(qtbot, window)  # a write: reported, so read again
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=10_000)
    assert len(reads) == 2
    assert window.sittings.page.sittings_model.row_of(session_id) is not None
