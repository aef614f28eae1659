"""A member says who may read a fact, a rationale, an input and the council's reasons, beside
each; what is saved is what was chosen, and the internal memo of it leaves out what it must.
The walk and the panel say what the framework asks of this kind of case, and take the answer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.memo import prepare_memo, render_memo
from council_app.ui.main_window import MainWindow
from council_app.ui.workspace.list_pages import DecisionPage, StakeholdersPage
from council_app.ui.workspace.rating_pages import ConsiderationPage, FactsPage
from council_app.ui.workspace.rows_model import VALUE_ROLE
from tests.memo.test_external_redaction import pdf_text
from tests.ui.workspace.test_workspace import open_workspace, wait_scored


def test_classes_chosen_in_the_walk_are_saved_and_kept_out_of_the_memo(
    qtbot: QtBot, window: MainWindow, demo_path: Path, framework: Framework
) -> None:
    workspace = open_workspace(qtbot, window)
    case_id = workspace.case.id
    workspace.member.setCurrentText("Priya Raman")

    workspace.go_to("facts")
    facts = workspace.page("facts")
    assert isinstance(facts, FactsPage)
    facts.title.clear()
    qtbot.keyClicks(facts.title, "Campaign messaging by issue affinity")
    qtbot.mouseClick(facts.facts.add, Qt.MouseButton.LeftButton)
    model = facts.facts.model
    assert model.rowCount() == 1
    assert model.setData(model.index(0, 0), "The campaign is that of the Parti Exemple.")
    assert model.setData(model.index(0, 1), "Engagement letter")
    # The class column offers the framework's default first, then every class by its title.
    assert model.index(0, 2).data() == "Default (Internal)"
    assert model.setData(model.index(0, 2), "council")
    assert model.index(0, 2).data() == "Council only"
    # A fact cleared of its text is no fact: the row goes, and nothing refuses the save.
    qtbot.mouseClick(facts.facts.add, Qt.MouseButton.LeftButton)
    assert model.setData(model.index(1, 0), "   ")
    assert model.rowCount() == 1

    workspace.go_to("harm")
    harm = workspace.page("harm")
    assert isinstance(harm, ConsiderationPage)
    qtbot.mouseClick(harm.scale.buttons[3], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(harm.rationale, "Counsel's view on the petition data.")
    assert harm.readers.currentText() == "Default (Public)"
    harm.readers.setCurrentIndex(harm.readers.findData("privileged"))

    workspace.go_to("stakeholders")
    stakeholders = workspace.page("stakeholders")
    assert isinstance(stakeholders, StakeholdersPage)
    qtbot.mouseClick(stakeholders.table.add, Qt.MouseButton.LeftButton)
    table = stakeholders.table.model
    assert table.setData(table.index(0, 1), "Signatories were never asked about profiling.")
    assert table.setData(table.index(0, 5), "internal")
    assert table.index(0, 5).data(VALUE_ROLE) == "internal"

    workspace.go_to("decision")
    decision = workspace.page("decision")
    assert isinstance(decision, DecisionPage)
    decision.outcome.setCurrentIndex(decision.outcome.findData("decline"))
    qtbot.keyClicks(decision.rationale, "Profiling petitioners is out of bounds.")
    decision.rationale_readers.setCurrentIndex(decision.rationale_readers.findData("public"))

    wait_scored(qtbot, workspace)
    with qtbot.waitSignal(workspace.saved, timeout=10_000):
        qtbot.mouseClick(workspace.save_button, Qt.MouseButton.LeftButton)

    with CaseLibrary.open(demo_path, readonly=True) as library:
        stored = library.get_case(case_id)
        [fact] = stored.facts
        assert (fact.text, fact.source, fact.confidentiality) == (
            "The campaign is that of the Parti Exemple.",
            "Engagement letter",
            "council",
        )
        [assessment] = stored.assessments
        assert assessment.considerations["harm"].confidentiality == "privileged"
        assert stored.stakeholder_input[0].confidentiality == "internal"
        assert stored.decision is not None
        assert stored.decision.rationale_confidentiality == "public"
        internal = " ".join(pdf_text(render_memo(prepare_memo(library, framework, stored))).split())
    assert "Parti Exemple" not in internal and "Counsel's view" not in internal
    assert "Signatories were never asked about profiling." in internal
    assert "[Internal]" in internal  # the input, marked so that it is not passed beyond
    assert "Profiling petitioners is out of bounds." in internal
    assert "1 fact (council only)" in internal

    # Shown again, the pages read what was saved.
    harm.show_case(stored)
    assert harm.readers.currentData() == "privileged"
    decision.show_case(stored)
    assert decision.rationale_readers.currentData() == "public"


def test_the_walk_and_the_panel_say_what_the_framework_asks_and_take_the_answer(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    workspace = open_workspace(qtbot, window, "EUC-2026-022")  # selfie checks: biometrics
    panel = workspace.panel
    qtbot.waitUntil(lambda: panel.coverage.isVisible(), timeout=10_000)
    assert "Biometric identification" in panel.coverage.text()
    workspace.go_to("stakeholders")
    page = workspace.page("stakeholders")
    assert isinstance(page, StakeholdersPage)
    box = page.coverage
    assert box.isVisible()
    key = "biometrics.question.error_rates"
    assert "Not answered" in box.states[key].text()
    # The reason already recorded for the experts is shown, ready to change.
    assert box.answers["biometrics.group.experts"].text().startswith("The council asked")
    qtbot.keyClicks(box.answers[key], "Vendor tests only.")
    qtbot.waitUntil(lambda: not panel.coverage.isVisible(), timeout=10_000)
    assert "Vendor tests only." in box.states[key].text()
    with qtbot.waitSignal(workspace.saved, timeout=10_000):
        qtbot.mouseClick(workspace.save_button, Qt.MouseButton.LeftButton)
    with CaseLibrary.open(demo_path, readonly=True) as library:
        notes = {n.requirement: n.text for n in library.get_case("EUC-2026-022").coverage}
    assert notes[key] == "Vendor tests only."
