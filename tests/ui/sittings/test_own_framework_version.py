"""A case on today's agenda is voted and decided under the framework version it was assessed
under, not the one adopted since: its outcomes, their titles, colours, conditions and review
periods, in the item panel, the agenda table, the presenter screen and what is recorded.

Version B (2027.1) renames Restrict "Restrict the use", makes it need a condition and a review
in six months, and adds "Escalate to the board"; the demo cases were assessed under A (2026.1).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from council_app.case import Condition
from council_app.case_edits import default_review_by
from council_app.council import sessions as s
from council_app.council.agenda import SittingView, item_precedents, sitting_view
from council_app.framework import Framework
from council_app.library import CaseLibrary, import_document
from council_app.library import frameworks as fw
from council_app.library.demo import demo_document
from council_app.ui.main_window import MainWindow
from council_app.ui.sittings.agenda_item_panel import NO_VOTE_TEXT, AgendaItemPanel
from council_app.ui.sittings.agenda_table import AgendaModel
from council_app.ui.sittings.presenter_window import PresenterWindow
from council_app.vocabulary import vote_choices, vote_title
from tests.framework.shapes import revised_outcomes_toml
from tests.ui.sittings.condition_helpers import type_condition

DAY = date(2026, 12, 3)
OLD = "EUC-2026-083"  # assessed under A; recommendation Restrict
NEW = "EUC-2026-022"  # moved to B before the sitting; recommendation Restrict


def adopt_b(library: CaseLibrary) -> Framework:
    fw.adopt(
        library, revised_outcomes_toml(), note="Restrictions carry conditions", source="b.toml"
    )
    fw.move_to_framework_in_force(library, NEW)
    return fw.framework_in_force(library)


def plan(library: CaseLibrary) -> int:
    session = s.create_session(library, "December sitting", DAY)
    s.add_to_agenda(library, session, OLD, minutes=20)
    s.add_to_agenda(library, session, NEW)
    s.set_status(library, session, "open")
    return session


def titles(framework: Framework) -> list[str]:
    return [framework.outcome_title(key) for key in framework.outcome_keys]


def combo_texts(box: QComboBox) -> list[str]:
    return [box.itemText(i) for i in range(box.count())]


@pytest.fixture
def under_b(demo_library: CaseLibrary) -> tuple[Framework, Framework, int]:
    """The framework the old case was assessed under, the one in force, and the sitting."""
    old = fw.framework_in_force(demo_library)
    new = adopt_b(demo_library)
    return old, new, plan(demo_library)


@pytest.fixture
def panel(qtbot: QtBot, under_b: tuple[Framework, Framework, int]) -> AgendaItemPanel:
    w = AgendaItemPanel(under_b[1])
    qtbot.addWidget(w)
    w.resize(1100, 760)
    w.show()
    return w


def view_of(library: CaseLibrary, framework: Framework, sid: int) -> SittingView:
    return sitting_view(library, framework, sid)


def test_the_sitting_view_reads_each_case_under_its_own_version(
    demo_library: CaseLibrary, under_b: tuple[Framework, Framework, int]
) -> None:
    _old, new, sid = under_b
    view = view_of(demo_library, new, sid)
    old_item, new_item = view.item(OLD), view.item(NEW)
    assert old_item is not None and new_item is not None
    assert old_item.framework.version == "2026.1" and new_item.framework.version == "2027.1"
    assert old_item.version_note == fw.version_note(demo_library, old_item.case)
    assert old_item.version_note == (
        "Scored under framework 2026.1; the framework in force is 2027.1."
    )
    assert new_item.version_note == ""


def test_the_panel_offers_the_outcomes_of_the_cases_own_version(
    panel: AgendaItemPanel,
    demo_library: CaseLibrary,
    under_b: tuple[Framework, Framework, int],
) -> None:
    old, new, sid = under_b
    view = view_of(demo_library, new, sid)
    panel.show_item(view.item(OLD), view)
    member = "Amara Okafor"
    old_votes = [NO_VOTE_TEXT] + [vote_title(old, k) for k in vote_choices(old)]
    assert combo_texts(panel.vote_boxes[member]) == old_votes
    assert "Escalate to the board" not in old_votes and "Restrict" in old_votes
    assert combo_texts(panel.outcome) == titles(old)
    assert not panel.version_label.isHidden()
    assert panel.version_label.text() == fw.version_note(demo_library, demo_library.get_case(OLD))

    panel.show_item(view.item(NEW), view)
    new_votes = [NO_VOTE_TEXT] + [vote_title(new, k) for k in vote_choices(new)]
    assert combo_texts(panel.vote_boxes[member]) == new_votes
    assert "Escalate to the board" in new_votes and "Restrict the use" in new_votes
    assert combo_texts(panel.outcome) == titles(new)
    assert panel.version_label.isHidden()

    panel.show_item(view.item(OLD), view)  # and back: the lists follow the case shown
    assert combo_texts(panel.outcome) == titles(old)
    assert combo_texts(panel.vote_boxes[member]) == old_votes


def test_the_decision_form_applies_the_cases_own_rules(
    qtbot: QtBot,
    panel: AgendaItemPanel,
    demo_library: CaseLibrary,
    under_b: tuple[Framework, Framework, int],
) -> None:
    old, new, sid = under_b
    view = view_of(demo_library, new, sid)
    old_item, new_item = view.item(OLD), view.item(NEW)
    assert old_item is not None and new_item is not None

    panel.show_item(old_item, view)
    assert panel.outcome.currentData() == "restrict"  # the recommendation
    panel.departure.setPlainText("Decided by consensus.")  # no vote was cast
    # Under A, Restrict needs no condition and is reviewed in twelve months.
    assert panel.record_button.isEnabled()
    index = old_item.score.scoring.shown_index
    expected = default_review_by(
        old, "restrict", DAY, old_item.case, None if index is None else float(index)
    )
    assert expected == date(2027, 12, 3)
    assert panel.review_by.date() == QDate(2027, 12, 3)

    panel.show_item(new_item, view)
    assert panel.outcome.currentData() == "restrict"
    panel.departure.setPlainText("Decided by consensus.")
    # Under B it needs a condition and is reviewed in six months.
    assert not panel.record_button.isEnabled()
    assert "Restrict the use is recorded only with at least one condition." in (
        panel.departures.text()
    )
    assert panel.review_by.date() == QDate(2027, 6, 3)
    type_condition(qtbot, panel.conditions, "Only the narrowed use")
    assert panel.record_button.isEnabled()


def test_the_agenda_table_and_presenter_title_each_decision_in_its_own_version(
    qtbot: QtBot, demo_library: CaseLibrary, under_b: tuple[Framework, Framework, int]
) -> None:
    old, new, sid = under_b
    consensus = "Decided by consensus."
    s.record_decision(demo_library, old, sid, OLD, "restrict", departure=consensus)
    s.record_decision(
        demo_library, new, sid, NEW, "restrict", conditions=[Condition("Narrowed use")],
        departure=consensus,
    )  # fmt: skip
    view = view_of(demo_library, new, sid)
    agenda = AgendaModel()
    agenda.set_rows(view.items)
    decided = [
        agenda.index(row, AgendaModel.DECISION).data(Qt.ItemDataRole.DisplayRole)
        for row in range(agenda.rowCount())
    ]
    assert decided == ["Restrict", "Restrict the use"]

    presenter = PresenterWindow()
    qtbot.addWidget(presenter)
    presenter.show_sitting(view, OLD)
    assert presenter.decision.text().startswith("Decided: Restrict,")
    assert presenter.outcome.text() == "Restrict"
    assert not presenter.version.isHidden()
    assert presenter.version.text() == (
        "Decided under framework 2026.1; the framework in force is 2027.1."
    )
    presenter.set_current(NEW)
    assert presenter.decision.text().startswith("Decided: Restrict the use,")
    assert presenter.outcome.text() == "Restrict the use"
    assert presenter.version.isHidden()


@pytest.fixture
def path_under_b(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    with CaseLibrary.open(path) as library:
        import_document(library, demo_document())
        adopt_b(library)
        plan(library)
    return path


def test_the_app_records_votes_and_decisions_under_the_cases_own_version(
    qtbot: QtBot, path_under_b: Path
) -> None:
    window = MainWindow(path_under_b, fw.framework_at(path_under_b))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    tab = window.tabs
    tab.setCurrentWidget(window.sittings)
    sittings = window.sittings
    qtbot.waitUntil(lambda: sittings.page.sittings_model.rowCount() > 0, timeout=10_000)
    session_id = sittings.page.sittings_model.sessions()[0].id
    sittings.page.select_sitting(session_id)
    panel = sittings.item_panel
    qtbot.waitUntil(lambda: panel.item is not None and panel.item.case.id == OLD, timeout=10_000)

    box = panel.vote_boxes["Amara Okafor"]
    box.setCurrentIndex(box.findData("restrict"))
    qtbot.waitUntil(
        lambda: panel.item is not None and panel.item.votes.get("Amara Okafor") == "restrict",
        timeout=10_000,
    )
    panel.departure.setPlainText("Close precedents were of another kind.")
    assert panel.record_button.isEnabled()  # no condition needed under A
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.item is not None and panel.item.decided, timeout=10_000)
    assert f"Decision recorded for {OLD}: Restrict;" in sittings.page.message_label.text()
    window.workers.wait()
    with CaseLibrary.open(path_under_b, readonly=True) as library:
        case = library.get_case(OLD)
    assert case.decision is not None
    assert (case.decision.outcome, case.decision.review_by) == ("restrict", date(2027, 12, 3))
    assert case.decision.framework_version == "2026.1"
    assert not case.decision.conditions


def test_a_precedent_decided_under_another_version_reads_in_its_own_words(
    panel: AgendaItemPanel,
    demo_library: CaseLibrary,
    under_b: tuple[Framework, Framework, int],
) -> None:
    old, new, sid = under_b
    view = view_of(demo_library, new, sid)
    item = view.item(OLD)
    assert item is not None
    found = item_precedents(demo_library, item.framework, item.case, item.score)
    assert found.outcome_titles == fw.record_outcome_titles(demo_library)
    assert found.outcome_titles["escalate"] == "Escalate to the board"
    # Say the closest was escalated under B: A, the item's own version, has no such outcome.
    first = found.precedents[0]
    escalated = replace(first, case=replace(first.case, outcome="escalate"))
    panel.show_item(item, view)
    panel.show_precedents(replace(found, precedents=(escalated, *found.precedents[1:])))
    assert "Escalate to the board" in panel.precedent_list.item(0).text()
    assert "escalate" not in old.outcome_keys
    # The decision rules weigh it all the same, naming the outcome A does not define by its key.
    assert f"{first.case.id} (escalate)" in panel.departures.text()
