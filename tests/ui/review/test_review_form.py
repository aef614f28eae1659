"""Recording a review on the Re-review page: its dates, the change of decision, closing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from council_app.case_edits import default_review_by
from council_app.council.review import due_for_review, record_review
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.ui.review.due_table import DueTableModel
from council_app.ui.review.review_page import ReviewPage
from tests.ui.review.review_helpers import TIMEOUT, TODAY, cell, open_form, qdate


def test_record_review_defaults_follow_the_outcome_and_the_review_date(
    qtbot: QtBot, page: ReviewPage, framework: Framework
) -> None:
    form = page.review_form
    assert form.isHidden()
    assert not page.review_button.isEnabled()
    open_form(qtbot, page, "EUC-2025-055")  # Restrict: reviewed every 12 months
    assert form.isVisible()
    assert "EUC-2025-055" in form.title()
    assert form.reviewed_on.date() == qdate(TODAY)
    expected = default_review_by(framework, "restrict", TODAY)
    assert expected == date(2027, 12, 3)
    assert form.next_review.date() == qdate(expected)
    assert "12 months" in form.next_hint.text()

    # The next date follows the review date until the user sets it ...
    form.reviewed_on.setDate(QDate(2026, 12, 10))
    assert form.next_review.date() == QDate(2027, 12, 10)
    form.next_review.setDate(QDate(2027, 6, 30))
    form.reviewed_on.setDate(QDate(2026, 12, 11))
    assert form.next_review.date() == QDate(2027, 6, 30)
    # ... and again after "Framework default".
    qtbot.mouseClick(form.next_default, Qt.MouseButton.LeftButton)
    assert form.next_review.date() == QDate(2027, 12, 11)

    qtbot.keyClicks(form.note, "Nothing material has changed.")
    with qtbot.waitSignal(page.review_requested, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(form.record_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [
        "EUC-2025-055",
        date(2026, 12, 11),
        date(2027, 12, 11),
        "Nothing material has changed.",
    ]
    assert type(blocker.args[1]) is date and type(blocker.args[2]) is date


def test_a_deferred_decision_comes_back_sooner(
    qtbot: QtBot, page: ReviewPage, framework: Framework
) -> None:
    open_form(qtbot, page, "EUC-2023-085")  # Defer: reviewed every 3 months
    assert page.review_form.next_review.date() == QDate(2027, 3, 3)
    assert default_review_by(framework, "defer", TODAY) == date(2027, 3, 3)


def test_a_change_of_decision_is_a_new_case(qtbot: QtBot, page: ReviewPage) -> None:
    open_form(qtbot, page, "EUC-2022-021")
    form = page.review_form
    assert "supersedes" in form.change_hint.text()
    assert form.duplicate_button.text().replace("&", "") == "Duplicate as new case…"
    with qtbot.waitSignal(page.supersede_requested, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(form.duplicate_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["EUC-2022-021"]


def test_the_form_closes_once_the_core_has_recorded_the_review(
    qtbot: QtBot, page: ReviewPage, library: CaseLibrary
) -> None:
    open_form(qtbot, page, "EUC-2024-071")
    form = page.review_form

    # A refusal keeps what was typed.
    qtbot.keyClicks(form.note, "Distributor audit clean.")
    form.next_review.setDate(qdate(TODAY))
    page.show_message("The next review date must come after the review.", error=True)
    assert form.isVisible()
    assert form.note.toPlainText() == "Distributor audit clean."
    assert page.message.text() == "The next review date must come after the review."
    assert page.message.font().bold()
    assert page.message.accessibleName() == "Error"

    # What the main window does with review_requested: the core records it, the list is redone.
    with qtbot.waitSignal(page.review_requested, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(form.next_default, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(form.record_button, Qt.MouseButton.LeftButton)
    case_id, on, next_by, note = blocker.args
    record_review(library, case_id, on, next_by, note)
    page.show_due(due_for_review(library, TODAY), TODAY)
    page.show_message(f"Review of {case_id} recorded.")
    assert form.isHidden()
    assert "EUC-2024-071" not in [
        cell(page, r, DueTableModel.CASE) for r in range(page.proxy.rowCount())
    ]
    assert page.heading.text().startswith("11 decisions to review")
    assert not page.message.font().bold()
    assert page.message.accessibleName() == "Status"


def test_escape_closes_the_form(qtbot: QtBot, page: ReviewPage) -> None:
    open_form(qtbot, page, "EUC-2022-021")
    qtbot.keyClick(page.review_form.note, Qt.Key.Key_Escape)
    assert page.review_form.isHidden()
