"""The Re-review page: the decisions to review, its models, and what a screen reader meets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from council_app.council.review import (
    REVIEW_HORIZON_DAYS,
    DueItem,
    add_watch,
    due_for_review,
    list_watch,
    record_review,
)
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.ui.common.dates import date_text
from council_app.ui.review.due_table import CASE_ID_ROLE, DueTableModel, due_heading
from council_app.ui.review.review_page import ReviewPage
from council_app.ui.review.review_tables import SORT_ROLE
from council_app.ui.review.watch_list import WatchTableModel
from tests.ui.review.review_helpers import TIMEOUT, TODAY, cell, choose, open_form, row_of

# --- the decisions to review -------------------------------------------------------------------


def test_every_due_item_is_a_row_with_its_columns(
    page: ReviewPage, items: list[DueItem], framework: Framework
) -> None:
    headers = [
        page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(page.proxy.columnCount())
    ]
    assert headers == ["Case", "Title", "Decision", "Review by", "Status", "Why"]
    assert page.proxy.rowCount() == len(items) == 12
    assert [cell(page, r, DueTableModel.CASE) for r in range(len(items))] == [
        i.case.id for i in items
    ]

    first = items[0]
    assert first.case.id == "EUC-2023-085"
    assert cell(page, 0, DueTableModel.TITLE) == first.case.title
    assert cell(page, 0, DueTableModel.DECISION) == framework.outcome_title("defer") == "Defer"
    assert cell(page, 0, DueTableModel.REVIEW_BY) == date_text(date(2024, 4, 20))
    assert "2024" in date_text(date(2024, 4, 20)) and "-" not in date_text(date(2024, 4, 20))
    assert cell(page, 0, DueTableModel.STATUS) == "Overdue"
    # A deferral whose requests for information have not come: its review date, then each
    # condition's sentence.
    why = str(cell(page, 0, DueTableModel.WHY))
    assert why.startswith("Review was due on 20 April 2024 (957 days ago); Condition 1 ")
    assert why.count("The deferral lapsed on") == 4

    # A decision both overdue and flagged gives both reasons, the whole of each in the tooltip.
    row = row_of(page, "EUC-2023-031")
    assert cell(page, row, DueTableModel.STATUS) == "Overdue"
    assert cell(page, row, DueTableModel.WHY) == (
        "Review was due on 8 November 2026 (25 days ago); "
        "Watch list, region SE (25 November 2026): elections announced"
    )
    assert cell(page, row, DueTableModel.WHY, Qt.ItemDataRole.ToolTipRole) == (
        "Review was due on 8 November 2026 (25 days ago).\n"
        "Watch list, region SE (25 November 2026): elections announced"
    )

    assert cell(page, row_of(page, "EUC-2024-071"), DueTableModel.STATUS) == "Due"
    watched = row_of(page, "EUC-2025-042")
    assert cell(page, watched, DueTableModel.STATUS) == "Watch list"
    assert cell(page, watched, DueTableModel.DECISION) == "Restrict"
    assert cell(page, watched, DueTableModel.REVIEW_BY) == date_text(date(2027, 3, 12))

    # A condition not kept that does not call the decision back: a commitment, with its
    # sentence as the reason, an icon and a tooltip saying where to update it.
    kept = row_of(page, "EUC-2023-078")
    assert cell(page, kept, DueTableModel.STATUS) == "Commitment"
    assert cell(page, kept, DueTableModel.WHY) == (
        "Condition 2 (Report due, owner Meridian Public Sector team): “Support alerts are "
        "computed in a workspace to which the enforcement unit has no access; access logs are "
        "reviewed quarterly by Meridian.” Due every 3 months, next on 1 December 2026 "
        "(2 days ago); last met on 1 September 2026"
    )
    icon = cell(page, kept, DueTableModel.STATUS, Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    assert "Commitments" in str(cell(page, kept, DueTableModel.STATUS, Qt.ItemDataRole.ToolTipRole))
    assert cell(page, kept, DueTableModel.TITLE, Qt.ItemDataRole.BackgroundRole) is None


def test_the_heading_counts_each_kind(page: ReviewPage, items: list[DueItem]) -> None:
    assert [i.kind for i in items].count("overdue") == 8
    assert page.heading.text() == (
        "12 decisions to review: 8 overdue, 2 due within 30 days, 1 with a condition not kept, "
        "1 flagged by the watch list"
    )
    page.show_due([], TODAY)
    assert page.heading.text() == "Nothing is due for review."
    assert page.proxy.rowCount() == 0
    assert not page.review_button.isEnabled()
    page.show_due(items[:1], TODAY)
    assert page.heading.text() == "1 decision to review: 1 overdue"
    assert due_heading(items[8:9], 0) == "1 decision to review: 1 due today"
    assert due_heading(items[10:11], 0) == "1 decision to review: 1 with a condition not kept"


def test_overdue_rows_are_tinted_from_the_palette(page: ReviewPage) -> None:
    overdue = row_of(page, "EUC-2022-021")
    due = row_of(page, "EUC-2024-071")
    background = cell(page, overdue, DueTableModel.TITLE, Qt.ItemDataRole.BackgroundRole)
    assert background is not None
    assert cell(page, due, DueTableModel.TITLE, Qt.ItemDataRole.BackgroundRole) is None
    icon = cell(page, overdue, DueTableModel.STATUS, Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    assert cell(page, due, DueTableModel.STATUS, Qt.ItemDataRole.DecorationRole) is None

    dark = QPalette(page.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202428"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#16191c"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e8eb"))
    page.setPalette(dark)
    tint = cell(page, overdue, DueTableModel.TITLE, Qt.ItemDataRole.BackgroundRole)
    assert isinstance(tint, QBrush)
    colour = tint.color()
    # Still dark, so light text stays readable, and warmer than the plain background.
    assert colour.lightness() < 80
    assert colour.red() > QColor("#16191c").red()


def test_columns_sort(page: ReviewPage) -> None:
    page.table.sortByColumn(DueTableModel.CASE, Qt.SortOrder.DescendingOrder)
    ids = [cell(page, r, DueTableModel.CASE) for r in range(page.proxy.rowCount())]
    assert ids == sorted(ids, reverse=True)
    page.table.sortByColumn(DueTableModel.REVIEW_BY, Qt.SortOrder.AscendingOrder)
    dates = [
        cell(page, r, DueTableModel.REVIEW_BY, SORT_ROLE) for r in range(page.proxy.rowCount())
    ]
    assert dates == sorted(dates)  # ISO dates: sorted as text is sorted as the calendar is
    assert cell(page, 0, DueTableModel.REVIEW_BY) == date_text(date(2024, 4, 20))
    page.table.sortByColumn(DueTableModel.STATUS, Qt.SortOrder.DescendingOrder)
    assert cell(page, 0, DueTableModel.STATUS) == "Watch list"
    assert cell(page, page.proxy.rowCount() - 1, DueTableModel.STATUS) == "Overdue"


def test_enter_double_click_and_open_button_report_the_case(qtbot: QtBot, page: ReviewPage) -> None:
    row = row_of(page, "EUC-2024-071")
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(row, 0))
    with qtbot.waitSignal(page.case_activated, timeout=TIMEOUT) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert blocker.args == ["EUC-2024-071"]

    row = row_of(page, "EUC-2025-042")
    rect = page.table.visualRect(page.proxy.index(row, DueTableModel.TITLE))
    with qtbot.waitSignal(page.case_activated, timeout=TIMEOUT) as blocker:
        # A real double-click is a click and then a second press; QTest's mouseDClick sends only
        # the second part, which an item view does not take for a double-click on its own.
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["EUC-2025-042"]

    choose(page, "EUC-2022-046")
    assert page.open_button.isEnabled()
    with qtbot.waitSignal(page.case_activated, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["EUC-2022-046"]


def test_the_selection_survives_new_data(page: ReviewPage, items: list[DueItem]) -> None:
    choose(page, "EUC-2022-046")
    page.show_due(items, TODAY)
    assert page.selected_case_id() == "EUC-2022-046"


def test_the_horizon_asks_for_a_new_list(qtbot: QtBot, page: ReviewPage) -> None:
    # The box starts at the core's horizon, the one the library's "Review due" filter uses.
    assert page.horizon.value() == REVIEW_HORIZON_DAYS
    assert (page.horizon.minimum(), page.horizon.maximum()) == (0, 365)
    with qtbot.waitSignal(page.horizon_changed, timeout=TIMEOUT) as blocker:
        page.horizon.setValue(90)
    assert blocker.args == [90]
    with qtbot.waitSignal(page.horizon_changed, timeout=TIMEOUT) as blocker:
        page.horizon.setFocus()
        qtbot.keyClick(page.horizon, Qt.Key.Key_Up)
    assert blocker.args == [91]


# --- models and accessibility ------------------------------------------------------------------


def test_the_models_follow_qts_rules(
    qtmodeltester, framework: Framework, items: list[DueItem], library: CaseLibrary
) -> None:
    due = DueTableModel(framework)
    due.set_rows(items)
    qtmodeltester.check(due)
    watch = WatchTableModel()
    watch.set_rows(list_watch(library))
    qtmodeltester.check(watch)
    assert due.index(0, 0).data(CASE_ID_ROLE) == items[0].case.id
    assert due.rowCount(due.index(0, 0)) == 0
    assert due.data(QModelIndex()) is None


def test_the_page_models_follow_qts_rules_as_the_library_changes(
    check_model, page: ReviewPage, library: CaseLibrary, items: list[DueItem]
) -> None:
    """The page's own tables, sorted as shown, while the tab refreshes them after a review,
    a new watch entry and a change of theme (the overdue tint is set again)."""
    for model in (page.model, page.proxy, page.watch.model, page.watch.proxy):
        check_model(model)
    page.table.sortByColumn(DueTableModel.REVIEW_BY, Qt.SortOrder.AscendingOrder)
    # A review clears a review date, not a condition not kept: one due for its date only.
    reviewed = next(i.case.id for i in items if len(i.reasons) == 1 and i.kind == "overdue")
    record_review(library, reviewed, TODAY, date(2029, 12, 3), "still holds")
    page.show_due(due_for_review(library, TODAY), TODAY)
    assert reviewed not in [cell(page, r, DueTableModel.CASE) for r in range(page.proxy.rowCount())]
    add_watch(library, "topic", "elections", TODAY, "")
    page.show_watch(list_watch(library))
    assert page.watch.proxy.rowCount() == 2
    palette = QPalette(page.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#202020"))
    page.setPalette(palette)  # the overdue rows are tinted again: dataChanged over the table
    page.show_due([], TODAY)
    assert page.proxy.rowCount() == 0


def _unnamed_interactive_widgets(page: ReviewPage) -> list[QWidget]:
    interactive = (
        QAbstractButton,
        QComboBox,
        QLineEdit,
        QAbstractSpinBox,
        QPlainTextEdit,
        QAbstractItemView,
    )
    return [
        w
        for w in page.findChildren(QWidget)
        if isinstance(w, interactive)
        and w.isVisible()
        and not w.accessibleName()
        # a spin box's or combo box's own line edit is named through its owner
        and not isinstance(w.parent(), (QAbstractSpinBox, QComboBox))
    ]


def test_every_interactive_widget_has_an_accessible_name(qtbot: QtBot, page: ReviewPage) -> None:
    assert _unnamed_interactive_widgets(page) == []
    open_form(qtbot, page, "EUC-2022-021")
    assert _unnamed_interactive_widgets(page) == []
    names = {w.accessibleName() for w in page.findChildren(QWidget) if w.isVisible()}
    assert {
        "Decisions to review",
        "Due within days",
        "Record a review of the selected decision",
        "Reviewed on",
        "Next review by",
        "What the council found",
        "Duplicate as a new case that supersedes this one",
        "Watch list",
        "Region or topic to watch",
        "Add to the watch list",
        "Stop watching the selected entry",
    } <= names


def test_labels_have_mnemonics_and_buddies(qtbot: QtBot, page: ReviewPage) -> None:
    open_form(qtbot, page, "EUC-2022-021")
    labels = [w for w in page.findChildren(QLabel) if w.isVisible() and w.text().endswith(":")]
    assert len(labels) >= 8
    for label in labels:
        assert "&" in label.text(), label.text()
        assert label.buddy() is not None, label.text()
    mnemonics = [
        text[text.index("&") + 1].lower()
        for text in [label.text() for label in labels]
        + [
            b.text()
            for b in page.findChildren(QAbstractButton)
            if b.isVisible() and "&" in b.text()
        ]
    ]
    assert len(mnemonics) == len(set(mnemonics)), mnemonics


def test_case_ids_are_never_elided(qtbot: QtBot, page: ReviewPage, items: list[DueItem]) -> None:
    # A generated 20,000-case library numbers its cases past the three digits of the demo's ids.
    long_ids = [
        replace(item, case=replace(item.case, id=f"EUC-2026-{120345 + n}"))
        for n, item in enumerate(items)
    ]
    page.show_due(long_ids, TODAY)
    metrics = page.table.fontMetrics()
    for row in range(page.proxy.rowCount()):
        text = str(cell(page, row, DueTableModel.CASE))
        width = page.table.visualRect(page.proxy.index(row, DueTableModel.CASE)).width()
        assert width > metrics.horizontalAdvance(text), text
