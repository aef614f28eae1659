"""Referral and appeal from the decision step: each through the core, refusals shown in place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QPlainTextEdit
from pytestqt.qtbot import QtBot

from council_app.library import CaseLibrary
from council_app.ui.main_window import MainWindow
from council_app.ui.workspace.list_pages import DecisionPage
from tests.ui.workspace.test_workspace import open_workspace

WAIT = 10_000


def test_a_decline_goes_to_the_board_and_an_appeal_is_heard(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    workspace = open_workspace(qtbot, window, "EUC-2025-048")  # declined
    workspace.go_to("decision")
    page = workspace.page("decision")
    assert isinstance(page, DecisionPage)
    box = page.escalation
    assert "resolution 2025-31" in box.record.text()  # the demo's referral, decided
    assert box.refer_button.isEnabled() and not box.board_button.isEnabled()

    qtbot.mouseClick(box.refer_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.findChildren(QPlainTextEdit)[0].setPlainText(
        "The customer's CEO asked the board to review."
    )
    dialog.findChildren(QLineEdit)[0].setText("Sales EMEA")
    dialog.accept()
    qtbot.waitUntil(lambda: "Pending." in box.record.text(), timeout=WAIT)
    assert box.board_button.isEnabled() and not box.appeal_button.isEnabled()

    # The board may not loosen a Decline: the refusal is shown, nothing changes.
    qtbot.mouseClick(box.board_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    assert dialog is not None
    outcome, authority, reasons = _fields(dialog)
    outcome.setCurrentIndex(outcome.findData("approve"))
    authority.setText("Board of Directors, resolution 2026-14")
    reasons.setPlainText("Approve.")
    dialog.accept()
    qtbot.waitUntil(lambda: box.refusal.isVisible(), timeout=WAIT)
    assert "not loosen a Decline" in box.refusal.text()

    qtbot.mouseClick(box.board_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    assert dialog is not None
    outcome, authority, reasons = _fields(dialog)
    outcome.setCurrentIndex(outcome.findData("decline"))
    authority.setText("Board of Directors, resolution 2026-14")
    reasons.setPlainText("The board upholds the Decline.")
    dialog.accept()
    qtbot.waitUntil(lambda: "resolution 2026-14) decided" in box.record.text(), timeout=WAIT)
    with CaseLibrary.open(demo_path, readonly=True) as library:
        item = library.get_case("EUC-2025-048").escalations[-1]
    assert (item.result, item.authority) == ("decided", "Board of Directors, resolution 2026-14")
    assert box.appeal_button.isEnabled()

    qtbot.mouseClick(box.appeal_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    assert dialog is not None
    dialog.findChildren(QPlainTextEdit)[0].setPlainText("The customer was never heard.")
    grounds = dialog.findChildren(QComboBox)[0]
    grounds.setCurrentIndex(grounds.findData("procedural_failure"))
    dialog.accept()
    qtbot.waitUntil(lambda: "Appealed" in box.record.text(), timeout=WAIT)
    assert box.hear_button.isEnabled()

    qtbot.mouseClick(box.hear_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    assert dialog is not None
    result, outcome = dialog.findChildren(QComboBox)[:2]
    result.setCurrentIndex(result.findData("varied"))
    outcome.setCurrentIndex(outcome.findData("restrict"))
    panel = dialog.findChildren(QListWidget)[0]
    offered = [panel.item(i).text() for i in range(panel.count())]
    with CaseLibrary.open(demo_path, readonly=True) as library:
        decision = library.get_case("EUC-2025-048").decision
    assert decision is not None
    assert offered and not {v.member for v in decision.votes} & set(offered)
    for i in range(3):
        panel.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.findChildren(QPlainTextEdit)[0].setPlainText("Summaries only; no fit scores.")
    dialog.accept()
    qtbot.waitUntil(lambda: "varied" in box.record.text(), timeout=WAIT)
    with CaseLibrary.open(demo_path, readonly=True) as library:
        case = library.get_case("EUC-2025-048")
    assert case.decision is not None and case.decision.outcome == "restrict"
    assert case.escalations[-1].heard_by == tuple(offered[:3])


def _fields(dialog):  # type: ignore[no-untyped-def]
    return (
        dialog.findChildren(QComboBox)[0],
        dialog.findChildren(QLineEdit)[0],
        dialog.findChildren(QPlainTextEdit)[0],
    )
