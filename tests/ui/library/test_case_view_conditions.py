"""The case view reads each condition with where it stands today and its evidence."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from council_app.case import Case
from council_app.framework import Framework
from council_app.ui.library.case_view import CaseView, case_html

DAY = date(2026, 12, 3)


def demo(cases: tuple[Case, ...], case_id: str) -> Case:
    return next(c for c in cases if c.id == case_id)


def test_each_condition_reads_its_standing_and_evidence(
    qtbot: QtBot, framework: Framework, demo_cases: tuple[Case, ...]
) -> None:
    case = demo(demo_cases, "EUC-2025-055")
    assert case.decision is not None
    breached = case.decision.conditions[1]
    (evidence,) = breached.evidence
    view = CaseView(framework)
    qtbot.addWidget(view)
    view.show_case(case)
    text = view.toPlainText()
    assert "Breached today: Breached on 16 March 2026 by Hannah Brennan" in text
    assert "(Before launch; owner: Evermore Memorials Ltd; due 14 January 2026)" in text
    assert f"Evidence: {evidence.file_name}" in text
    assert evidence.note in text
    assert "Met today: Met on" in text

    # A recurring report reads how often; one overdue says since when.
    recurring = case_html(demo(demo_cases, "EUC-2025-011"), framework, today=DAY)
    assert "every month" in recurring
    assert "<b>Overdue today</b>: Due every month, next on 6 October 2026 (58 days ago)" in (
        recurring
    )
    # On the day it was decided, nothing was yet due.
    early = case_html(demo(demo_cases, "EUC-2025-011"), framework, today=date(2025, 4, 9))
    assert "Overdue today" not in early and "Open today: Open; due on" in early
