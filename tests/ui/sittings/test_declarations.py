"""Declarations of interest at a sitting in the app: the member whose declared interests touch
the case is flagged with the match until they declare; the secretary records no conflict, a
recusal or a managed conflict, and the library records it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from council_app.council import sessions as s
from council_app.library import CaseLibrary
from council_app.ui.main_window import MainWindow
from tests.ui.sittings.test_sittings_tab import add_case, open_sitting, open_sittings, plan_sitting

GOVERNMENT_CASE = "EUC-2026-014"  # Planalto State Stadium Authority, sector government


def test_the_sales_lead_is_flagged_and_the_secretary_records_the_declarations(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    open_sittings(qtbot, window)
    session_id = plan_sitting(qtbot, window)
    add_case(qtbot, window, GOVERNMENT_CASE)
    open_sitting(qtbot, window)
    panel = window.sittings.item_panel
    qtbot.waitUntil(
        lambda: panel.item is not None and panel.item.case.id == GOVERNMENT_CASE, timeout=10_000
    )
    box = panel.declarations_box
    flags = box.flags_label.text()
    assert "<b>Mateo García</b>" in flags
    assert (
        "role &quot;sales lead for the public sector (government customers)&quot; matches the "
        "sector &quot;government&quot;"
    ) in flags
    assert "not yet declared" in flags
    assert box.flags_label.accessibleName() == "1 flagged member(s) yet to declare"
    assert box.member.currentText() == "Mateo García"  # the one yet to declare comes first

    # Managed needs a note: the button waits for one, saying why.
    box.outcome.setCurrentIndex(box.outcome.findData("managed"))
    assert not box.record_button.isEnabled()
    assert (
        box.record_button.toolTip() == "A managed conflict needs a note saying how it is managed."
    )
    box.outcome.setCurrentIndex(box.outcome.findData("recused"))
    qtbot.keyClicks(box.note, "his team sells to the customer")
    assert box.record_button.isEnabled()
    qtbot.mouseClick(box.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.item is not None and panel.item.undeclared == (), timeout=10_000)
    assert "declared <b>recused</b> (his team sells to the customer)" in box.flags_label.text()
    assert "Mateo García" in panel.recusal_list.text()
    assert "Mateo García" not in panel.vote_boxes  # stands aside: no vote box
    assert "Mateo García recused" in panel.quorum.text()

    # A member with no flag may declare too.
    box.member.setCurrentIndex(box.member.findText("Zofia Nowak"))
    box.outcome.setCurrentIndex(box.outcome.findData("no_conflict"))
    box.note.clear()
    qtbot.mouseClick(box.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Zofia Nowak</b> — declared" in box.flags_label.text(), timeout=10_000)
    window.workers.wait()
    with CaseLibrary.open(demo_path, readonly=True) as library:
        declared = list(
            library.db.execute(
                "SELECT member, outcome, note FROM session_declarations WHERE session_id = ? "
                "ORDER BY member",
                [session_id],
            )
        )
        recused = s.get_session(library, session_id).recused_from(GOVERNMENT_CASE)
    assert declared == [
        ("Mateo García", "recused", "his team sells to the customer"),
        ("Zofia Nowak", "no_conflict", ""),
    ]
    assert recused == ("Mateo García",)
