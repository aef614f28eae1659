"""The Commitments view of the Re-review tab, in the app on the demo library: the conditions of
standing decisions listed, narrowed and sorted; a status recorded, a waiver refused, evidence
attached and saved, each written by the core and read back from the library."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from council_app.case import Condition
from council_app.council.commitments import list_commitments, update_condition
from council_app.library import CaseLibrary
from council_app.library.evidence import evidence_content
from council_app.ui.main_window import MainWindow
from council_app.ui.review.commitments_page import CommitmentsPage
from council_app.ui.review.commitments_table import CASE_ID_ROLE, NUMBER_ROLE, CommitmentsModel
from council_app.ui.review.condition_dialogs import EvidenceDialog, StatusDialog
from council_app.ui.review.due_table import DUE_KIND_ROLE
from council_app.ui.review.review_tab import COMMITMENTS_VIEW
from council_app.ui.workspace.case_workspace import CaseWorkspace

WAIT = 10_000


def shown(page: CommitmentsPage) -> list[tuple[str, int]]:
    proxy = page.proxy
    return [
        (proxy.index(r, 0).data(CASE_ID_ROLE), proxy.index(r, 0).data(NUMBER_ROLE))
        for r in range(proxy.rowCount())
    ]


def cell(page: CommitmentsPage, key: tuple[str, int], column: int, role: int = 0) -> object:
    row = shown(page).index(key)
    return page.proxy.index(row, column).data(role or Qt.ItemDataRole.DisplayRole)


def open_commitments(qtbot: QtBot, window: MainWindow) -> CommitmentsPage:
    qtbot.keySequence(window, QKeySequence("Ctrl+3"))
    assert window.tabs.currentWidget() is window.review
    tab = window.review
    tab.views.setCurrentIndex(COMMITMENTS_VIEW)
    page = tab.commitments
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=WAIT)
    return page


def choose_filter(page: CommitmentsPage, choice: str) -> None:
    page.status_filter.setCurrentIndex(page.status_filter.findData(choice))


def condition(path: Path, case_id: str, number: int) -> Condition:
    with CaseLibrary.open(path) as library:
        decision = library.get_case(case_id).decision
        assert decision is not None
        return decision.conditions[number - 1]


def status_dialog(qtbot: QtBot, page: CommitmentsPage, key: tuple[str, int]) -> StatusDialog:
    assert page.select_condition(*key)
    qtbot.mouseClick(page.update_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, StatusDialog) and dialog.isVisible()
    return dialog


def evidence_dialog(qtbot: QtBot, page: CommitmentsPage, key: tuple[str, int]) -> EvidenceDialog:
    assert page.select_condition(*key)
    qtbot.mouseClick(page.attach_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, EvidenceDialog) and dialog.isVisible()
    return dialog


def test_the_view_lists_the_conditions_not_kept_and_narrows_them(
    qtbot: QtBot, window: MainWindow, check_model
) -> None:
    page = open_commitments(qtbot, window)
    check_model(page.model)
    check_model(page.proxy)
    # At first, what a council chases: the demo's overdue and breached conditions.
    assert set(shown(page)) == {
        ("EUC-2023-078", 2),
        ("EUC-2023-085", 1),
        ("EUC-2023-085", 2),
        ("EUC-2023-085", 3),
        ("EUC-2023-085", 4),
        ("EUC-2025-011", 1),
        ("EUC-2025-033", 2),
        ("EUC-2025-055", 2),
    }
    assert page.heading.text() == (
        "101 conditions of 21 standing decisions: 7 overdue and 1 breached."
    )
    assert window.review.views.tabText(COMMITMENTS_VIEW) == "Co&mmitments (8 not kept)"
    breached = ("EUC-2025-055", 2)
    assert cell(page, breached, CommitmentsModel.STATUS) == "Breached"
    assert cell(page, breached, CommitmentsModel.KIND) == "Before launch"
    assert cell(page, breached, CommitmentsModel.OWNER) == "Evermore Memorials Ltd"
    assert cell(page, breached, CommitmentsModel.EVIDENCE) == "1"
    why = str(cell(page, breached, CommitmentsModel.STATUS, Qt.ItemDataRole.ToolTipRole))
    assert why.startswith("Breached on 16 March 2026 by Hannah Brennan: Age verification")
    assert why.endswith("The framework calls the decision back for review.")
    recurring = ("EUC-2025-011", 1)
    assert cell(page, recurring, CommitmentsModel.DUE) == "6 October 2026 (every month)"
    # The selected condition reads whole beside its evidence.
    assert page.select_condition(*breached)
    assert "Status history" in page.detail.toPlainText()
    assert page.evidence_model.rowCount() == 1

    choose_filter(page, "all")
    assert page.proxy.rowCount() == 101
    assert page.shown.text() == "101 shown"
    choose_filter(page, "waived")
    assert shown(page) == [("EUC-2024-044", 5)]
    assert page.status_filter.currentText() == "Waived (1)"
    choose_filter(page, "all")
    qtbot.keyClicks(page.owner_filter, "meridian LEGAL")
    assert {c for c, _n in shown(page)} == {"EUC-2023-085", "EUC-2025-011", "EUC-2025-033"}
    assert page.proxy.rowCount() == 4
    assert page.shown.text() == "4 of 101 shown"
    choose_filter(page, "not kept")
    assert shown(page) == [("EUC-2023-085", 3)]

    # Sorted by any column, by what it means: the status most pressing first, the due by date.
    page.owner_filter.clear()
    page.table.sortByColumn(CommitmentsModel.STATUS, Qt.SortOrder.AscendingOrder)
    assert shown(page)[0] == breached
    page.table.sortByColumn(CommitmentsModel.DUE, Qt.SortOrder.AscendingOrder)
    assert shown(page)[0] == ("EUC-2023-085", 1)
    assert shown(page)[-1] == ("EUC-2023-078", 2)


def test_a_status_recorded_in_the_dialog_is_written_and_every_view_follows(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    page = open_commitments(qtbot, window)
    key = ("EUC-2025-033", 2)
    before = condition(demo_path, *key)
    # The due table lists the decision as called back for this condition.
    due = window.review.page
    qtbot.waitUntil(lambda: due.select_case("EUC-2025-033"), timeout=WAIT)
    assert due.selected_item() is not None and due.selected_item().kind == "overdue"  # type: ignore[union-attr]

    dialog = status_dialog(qtbot, page, key)
    assert dialog.chosen_status() == "met"
    dialog.by.setCurrentText("Hannah Brennan")
    qtbot.keyClicks(dialog.note, "Licence limits checked on the production tenant.")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: key not in shown(page), timeout=WAIT)
    assert page.dialog is None
    assert page.message.text().startswith("Condition 2 of EUC-2025-033 recorded met on ")

    after = condition(demo_path, *key)
    assert after.history[: len(before.history)] == before.history
    last = after.history[-1]
    assert (last.status, last.on, last.by, last.note) == (
        "met",
        date.today(),
        "Hannah Brennan",
        "Licence limits checked on the production tenant.",
    )
    # The due table no longer calls the decision back: it is due for its review date only.
    qtbot.waitUntil(
        lambda: (
            due.select_case("EUC-2025-033")
            and due.selected_item() is not None
            and due.selected_item().kind == "due"
        ),  # type: ignore[union-attr]
        timeout=WAIT,
    )
    row = due.table.selectionModel().selectedRows()[0]
    assert row.data(DUE_KIND_ROLE) == "due"
    choose_filter(page, "all")
    assert cell(page, key, CommitmentsModel.STATUS) == "Met"


def test_a_waiver_without_a_reason_is_refused_in_words_and_nothing_changes(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    page = open_commitments(qtbot, window)
    key = ("EUC-2023-078", 2)
    before = condition(demo_path, *key)
    dialog = status_dialog(qtbot, page, key)
    dialog.status.setCurrentIndex(dialog.status.findData("waived"))
    assert "only with a reason" in dialog.hint.text()
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.refusal.isVisible(), timeout=WAIT)
    assert dialog.refusal.text() == (
        "A condition is waived only with a reason; say why (the note). Nothing changed."
    )
    assert dialog.isVisible() and dialog.record_button.isEnabled()
    assert condition(demo_path, *key) == before

    # With the reason, the waiver is recorded.
    qtbot.keyClicks(dialog.note, "The enforcement unit was dissolved; nothing left to log.")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=WAIT)
    assert condition(demo_path, *key).history[-1].status == "waived"


def test_a_change_made_since_the_view_read_the_case_is_refused(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    page = open_commitments(qtbot, window)
    key = ("EUC-2023-078", 2)
    dialog = status_dialog(qtbot, page, key)
    # Someone else records the report meanwhile (another window, the command line).
    with CaseLibrary.open(demo_path) as library:
        update_condition(library, *key, on=date.today(), by="Priya Raman", status="met")
    before = condition(demo_path, *key)
    qtbot.keyClicks(dialog.note, "Q4 logs reviewed.")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.refusal.isVisible(), timeout=WAIT)
    assert "EUC-2023-078 was changed in the library after you opened it" in dialog.refusal.text()
    assert condition(demo_path, *key) == before
    # Once the list has been read again, the dialog says how to record against the case now.
    window.review.reload()
    qtbot.waitUntil(lambda: page.revisions[key[0]] != dialog.revision, timeout=WAIT)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "open the dialog again" in dialog.refusal.text(), timeout=WAIT)
    assert condition(demo_path, *key) == before
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=WAIT)
    choose_filter(page, "all")  # met meanwhile, it is no longer among those not kept
    dialog = status_dialog(qtbot, page, key)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=WAIT)
    assert len(condition(demo_path, *key).history) == len(before.history) + 1


def test_evidence_is_attached_and_a_file_that_is_not_what_it_says_is_refused(
    qtbot: QtBot, window: MainWindow, demo_path: Path, tmp_path: Path
) -> None:
    page = open_commitments(qtbot, window)
    key = ("EUC-2023-078", 2)
    fake = tmp_path / "access-log-review.pdf"
    fake.write_text("not a PDF at all", encoding="utf-8")
    dialog = evidence_dialog(qtbot, page, key)
    dialog.file_edit.setText(str(fake))
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.refusal.isVisible(), timeout=WAIT)
    assert dialog.refusal.text() == (
        "access-log-review.pdf: the file's content is not application/pdf as its name says; "
        "nothing was attached."
    )
    assert condition(demo_path, *key).evidence == ()

    report = tmp_path / "access-log-review.txt"
    content = b"Q4 access log review: no access by the enforcement unit.\n"
    report.write_bytes(content)
    dialog.file_edit.setText(str(report))
    qtbot.keyClicks(dialog.note, "Quarterly review of the access logs.")
    # Who may read it: the framework's default (internal as shipped) unless the member says.
    assert dialog.readers.currentText() == "Default (Internal)"
    dialog.readers.setCurrentIndex(dialog.readers.findData("council"))
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=WAIT)
    (evidence,) = condition(demo_path, *key).evidence
    assert (evidence.file_name, evidence.note, evidence.size, evidence.confidentiality) == (
        "access-log-review.txt",
        "Quarterly review of the access logs.",
        len(content),
        "council",
    )
    with CaseLibrary.open(demo_path) as library:
        assert evidence_content(library, evidence.sha256) == content
    qtbot.waitUntil(lambda: cell(page, key, CommitmentsModel.EVIDENCE) == "1", timeout=WAIT)
    assert "access-log-review.txt" in page.message.text()


def test_a_stored_evidence_file_is_saved_where_the_member_says(
    qtbot: QtBot,
    window: MainWindow,
    demo_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = open_commitments(qtbot, window)
    key = ("EUC-2025-055", 2)
    assert page.select_condition(*key)
    (stored,) = condition(demo_path, *key).evidence
    assert page.save_button.isEnabled()  # its only file is the one saved
    target = tmp_path / "saved" / stored.file_name
    asked: list[str] = []

    def save_dialog(_parent: object, _title: str, start: str, _filters: str) -> tuple[str, str]:
        asked.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=WAIT)
    assert asked == [str(Path.home() / stored.file_name)]
    with CaseLibrary.open(demo_path) as library:
        assert target.read_bytes() == evidence_content(library, stored.sha256)
    qtbot.waitUntil(lambda: "saved to" in page.message.text(), timeout=WAIT)

    # Cancelled: nothing is written.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: ("", ""))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert sorted(p.name for p in target.parent.iterdir()) == [stored.file_name]


def test_open_case_opens_its_workspace(qtbot: QtBot, window: MainWindow) -> None:
    page = open_commitments(qtbot, window)
    assert page.select_condition("EUC-2025-055", 2)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.tabs.currentWidget(), CaseWorkspace), timeout=WAIT)
    workspace = window.tabs.currentWidget()
    assert isinstance(workspace, CaseWorkspace) and workspace.editor.case.id == "EUC-2025-055"


def test_the_core_lists_what_the_view_shows(demo_path: Path) -> None:
    """The view words the core's list; it decides nothing of its own."""
    with CaseLibrary.open(demo_path) as library:
        listed = list_commitments(library, date.today())
    assert sum(1 for c in listed if not c.standing.kept) == 8


def test_an_open_case_and_the_library_view_follow_a_status_recorded(
    qtbot: QtBot, window: MainWindow
) -> None:
    key = ("EUC-2023-078", 2)
    window.open_case(key[0])
    qtbot.waitUntil(lambda: isinstance(window.tabs.currentWidget(), CaseWorkspace), timeout=WAIT)
    workspace = window.tabs.currentWidget()
    assert isinstance(workspace, CaseWorkspace)
    decision = workspace.editor.case.decision
    assert decision is not None
    before = len(decision.conditions[1].history)
    page = open_commitments(qtbot, window)
    dialog = status_dialog(qtbot, page, key)
    qtbot.keyClicks(dialog.note, "Q4 access logs reviewed.")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=WAIT)

    def followed() -> bool:
        d = workspace.editor.case.decision
        return d is not None and len(d.conditions[1].history) == before + 1

    qtbot.waitUntil(followed, timeout=WAIT)
    assert workspace.editor.case.decision.conditions[1].history[-1].note == (  # type: ignore[union-attr]
        "Q4 access logs reviewed."
    )
    assert not workspace.modified


def test_every_control_of_the_view_and_its_dialogs_is_named(
    qtbot: QtBot, window: MainWindow, check_model
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QPlainTextEdit

    page = open_commitments(qtbot, window)
    check_model(page.evidence_model)
    assert page.select_condition("EUC-2025-055", 2)
    interactive = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit)
    for open_it in (
        lambda: page,
        lambda: status_dialog(qtbot, page, ("EUC-2025-055", 2)),
        lambda: evidence_dialog(qtbot, page, ("EUC-2025-055", 2)),
    ):
        holder: QWidget = open_it()
        if holder is page:
            assert page.dialog is None
        unnamed = [
            type(w).__name__
            for w in holder.findChildren(QWidget)
            if isinstance(w, interactive)
            and w.isVisible()
            and not w.objectName().startswith("qt_")
            and not w.accessibleName()
            and not (isinstance(w, QLineEdit) and isinstance(w.parent(), QComboBox))
        ]
        assert unnamed == [], holder
        labels = [
            w
            for w in holder.findChildren(QLabel)
            if w.isVisible() and "&" in w.text() and not w.text().startswith("<")
        ]
        for label in labels:
            assert label.buddy() is not None, label.text()
        mnemonics = [
            t[t.index("&") + 1].lower()
            for t in [label.text() for label in labels]
            + [
                b.text()
                for b in holder.findChildren(QAbstractButton)
                if b.isVisible() and "&" in b.text()
            ]
        ]
        assert len(mnemonics) == len(set(mnemonics)), mnemonics


def test_the_due_list_shows_a_decision_s_conditions(qtbot: QtBot, window: MainWindow) -> None:
    page = open_commitments(qtbot, window)
    qtbot.keyClicks(page.owner_filter, "nobody")
    tab = window.review
    tab.views.setCurrentIndex(0)
    due = tab.page
    qtbot.waitUntil(lambda: due.select_case("EUC-2023-078"), timeout=WAIT)
    assert tab.views.tabText(0) == "Deci&sions due (11)"
    selected = due.selected_item()
    assert selected is not None and selected.kind == "commitment"
    qtbot.mouseClick(due.conditions_button, Qt.MouseButton.LeftButton)
    assert tab.views.currentIndex() == COMMITMENTS_VIEW
    # Every condition of the decision, whoever owes it; the one not kept selected.
    assert page.owner_filter.text() == "" and page.proxy.rowCount() == 101
    assert page.selected_key() == ("EUC-2023-078", 2)


def test_case_ids_are_never_elided(qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    """An id is read out and typed elsewhere: the column fits the longest the rows hold, even
    when the library's numbering has gone past the demo's three digits."""
    page = open_commitments(qtbot, window)
    with CaseLibrary.open(demo_path) as library:
        listed = list_commitments(library, date.today())
    long_ids = [replace(c, case_id=f"EUC-2026-{120345 + n}") for n, c in enumerate(listed)]
    page.show_commitments(long_ids, {}, date.today())
    metrics = page.table.fontMetrics()
    assert page.proxy.rowCount() > 0
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, CommitmentsModel.CASE)
        text = str(index.data())
        assert page.table.visualRect(index).width() > metrics.horizontalAdvance(text), text
