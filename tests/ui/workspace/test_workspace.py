"""Drive cases through the workspace as a council member would, with real widgets."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.demo import demo_document
from council_app.library.drafts import load_draft
from council_app.scoring import profile_weights, score_case
from council_app.ui.common.dates import date_time_text, edit_date, set_edit_date
from council_app.ui.library import library_actions
from council_app.ui.main_window import MainWindow
from council_app.ui.workspace.case_workspace import STEP_KEY_ROLE, CaseWorkspace
from council_app.ui.workspace.list_pages import DecisionPage, MitigationsPage, StakeholdersPage
from council_app.ui.workspace.precedents_page import PRECEDENT_ID_ROLE, PrecedentsPage
from council_app.ui.workspace.rating_pages import ConsiderationPage, FactsPage, PrinciplesPage
from council_app.ui.workspace.scoring_panel import ScoringPanel
from tests.factories import case_on_a_half


def open_workspace(qtbot: QtBot, window: MainWindow, case_id: str | None = None) -> CaseWorkspace:
    before = len(window.workspaces())
    if case_id is None:
        library_actions.new_case(window)
    else:
        window.open_case(case_id)
    qtbot.waitUntil(lambda: len(window.workspaces()) == before + 1, timeout=10_000)
    workspace = window.current_workspace()
    assert workspace is not None
    return workspace


def cite_first_precedent(qtbot: QtBot, workspace: CaseWorkspace) -> str:
    workspace.go_to("precedents")
    page = workspace.page("precedents")
    assert isinstance(page, PrecedentsPage)
    qtbot.waitUntil(lambda: page.list.count() > 0, timeout=10_000)
    page.list.setCurrentRow(0)
    qtbot.mouseClick(page.cite_button, Qt.MouseButton.LeftButton)
    cited: str = page.list.item(0).data(PRECEDENT_ID_ROLE)
    return cited


def test_the_precedents_step_is_done_once_the_case_cites_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    workspace = open_workspace(qtbot, window)
    step = next(i for i, s in enumerate(workspace.steps) if s.key == "precedents")
    assert "✓" not in workspace.step_list.item(step).text()  # a new case has looked at none
    page = workspace.page("precedents")
    assert isinstance(page, PrecedentsPage)

    cited = cite_first_precedent(qtbot, workspace)
    assert [(link.type, link.target) for link in workspace.case.links] == [("cites", cited)]
    assert "✓" in workspace.step_list.item(step).text()
    assert page.list.item(0).text().endswith("— cited in this case")
    assert page.cite_button.text().replace("&", "") == "Stop citing"

    workspace.undo_action.trigger()
    assert workspace.case.links == ()
    assert "✓" not in workspace.step_list.item(step).text()
    assert page.cite_button.text().replace("&", "") == "Cite in this case"


def wait_scored(qtbot: QtBot, workspace: CaseWorkspace) -> None:
    qtbot.waitUntil(
        lambda: (
            workspace.score is not None and workspace.score.scoring.ratings == _council(workspace)
        ),
        timeout=10_000,
    )


def _council(workspace: CaseWorkspace):
    from council_app.scoring import council_view

    return council_view(workspace.framework, workspace.case.assessments).ratings


def test_a_whole_case_through_the_walk(
    qtbot: QtBot, window: MainWindow, demo_path: Path, framework: Framework
) -> None:
    workspace = open_workspace(qtbot, window)
    case_id = workspace.case.id
    assert case_id.startswith("EUC-")
    workspace.member.setCurrentText("Priya Raman")

    facts = workspace.page("facts")
    assert isinstance(facts, FactsPage)
    workspace.go_to("facts")
    facts.title.clear()
    qtbot.keyClicks(facts.title, "Emotion detection in call-centre recordings")
    qtbot.keyClicks(facts.customer, "Northgate Insurance")
    facts.product.setCurrentText("Voice Studio")
    facts.sector.setCurrentText("finance")
    qtbot.keyClicks(facts.regions, "de, fr")
    facts.regions.editingFinished.emit()
    qtbot.keyClicks(
        facts.use_case, "Voice Studio would score callers' emotions to route complaints."
    )

    choices = {"use_case": 3, "harm": 2, "actions": 1, "geopolitics": 1}
    for key, score in choices.items():
        workspace.go_to(key)
        page = workspace.page(key)
        assert isinstance(page, ConsiderationPage)
        qtbot.mouseClick(page.scale.buttons[score], Qt.MouseButton.LeftButton)
        qtbot.keyClicks(page.rationale, f"Because of {key}.")
        page.confidence.setCurrentIndex(2)

    workspace.go_to("principles")
    principles = workspace.page("principles")
    assert isinstance(principles, PrinciplesPage)
    for block, score in zip(principles.blocks, (2, 3, 1, 2, 1), strict=True):
        qtbot.mouseClick(block.scale.buttons[score], Qt.MouseButton.LeftButton)
        qtbot.keyClicks(block.rationale, f"{block.key} rationale")

    workspace.go_to("mitigations")
    mitigations = workspace.page("mitigations")
    assert isinstance(mitigations, MitigationsPage)
    qtbot.mouseClick(mitigations.table.add, Qt.MouseButton.LeftButton)
    model = mitigations.table.model
    assert model.rowCount() == 1
    assert model.setData(model.index(0, 0), "Contract bans use in hiring decisions")

    workspace.go_to("stakeholders")
    stakeholders = workspace.page("stakeholders")
    assert isinstance(stakeholders, StakeholdersPage)
    qtbot.mouseClick(stakeholders.table.add, Qt.MouseButton.LeftButton)
    assert stakeholders.table.model.setData(
        stakeholders.table.model.index(0, 1), "Unions oppose emotion scoring."
    )

    workspace.go_to("decision")
    decision = workspace.page("decision")
    assert isinstance(decision, DecisionPage)
    decision.outcome.setCurrentIndex(decision.outcome.findData("restrict"))
    qtbot.keyClicks(decision.rationale, "Routing yes, scoring staff no.")

    cite_first_precedent(qtbot, workspace)
    assert all(
        "✓" in workspace.step_list.item(i).text() for i in range(workspace.step_list.count())
    )
    wait_scored(qtbot, workspace)
    with qtbot.waitSignal(workspace.saved, timeout=10_000):
        qtbot.mouseClick(workspace.save_button, Qt.MouseButton.LeftButton)

    with CaseLibrary.open(demo_path, readonly=True) as library:
        stored = library.get_case(case_id)
        assert load_draft(library, case_id) is None
    assert stored.title == "Emotion detection in call-centre recordings"
    assert stored.customer == "Northgate Insurance"
    assert stored.product == "Voice Studio"
    assert stored.regions == ("DE", "FR")
    [assessment] = stored.assessments
    assert assessment.member == "Priya Raman"
    assert {k: r.score for k, r in assessment.considerations.items()} == choices
    assert assessment.considerations["harm"].rationale == "Because of harm."
    assert assessment.considerations["harm"].confidence == "medium"
    assert assessment.principles["privacy"].score == 3
    assert stored.mitigations[0].description == "Contract bans use in hiring decisions"
    assert stored.stakeholder_input[0].summary == "Unions oppose emotion scoring."
    assert stored.decision is not None
    assert stored.decision.outcome == "restrict"
    assert stored.decision.rationale == "Routing yes, scoring staff no."
    assert stored.decision.review_by is not None  # the framework's default for the outcome

    # The panel shows the core's numbers for what is stored.
    expected = score_case(framework, stored, profile_weights(framework))
    panel = workspace.panel
    assert panel.index.text() == str(expected.scoring.shown_index)
    assert framework.outcome_title(expected.scoring.recommendation.outcome) in panel.outcome.text()
    assert panel.reason.text() == expected.scoring.recommendation.reason


def test_weights_move_the_index_and_a_red_line_shows(
    qtbot: QtBot, window: MainWindow, framework: Framework
) -> None:
    workspace = open_workspace(qtbot, window, "EUC-2025-011")
    wait_scored(qtbot, workspace)
    before = workspace.panel.index.text()
    assert before == "72.5"
    assert "Restrict" in workspace.panel.outcome.text()
    weights = workspace.panel.weights
    weights.profile.setCurrentIndex(weights.profile.findData("harm_first"))
    expected = score_case(framework, workspace.case, profile_weights(framework, "harm_first"))
    qtbot.waitUntil(
        lambda: workspace.panel.index.text() == str(expected.scoring.shown_index), timeout=10_000
    )
    # Moving a slider rescales the others and rescoring follows.
    weights.sliders["geopolitics"].setValue(800)
    qtbot.waitUntil(
        lambda: workspace.panel.outcome.text() == "Recommendation: Decline", timeout=10_000
    )
    shares = weights.weights.shares()
    assert float(shares["geopolitics"]) == pytest.approx(0.8, abs=0.001)
    assert float(sum(shares.values())) == pytest.approx(1)

    # A principle at the top of the scale is a red line, whatever the weights.
    workspace.member.setCurrentText("Mateo García")
    workspace.go_to("principles")
    principles = workspace.page("principles")
    assert isinstance(principles, PrinciplesPage)
    weights.set_profile("balanced")
    qtbot.mouseClick(principles.blocks[3].scale.buttons[4], Qt.MouseButton.LeftButton)  # honesty 4
    # Mateo's 4 moves the median of honesty only if enough members agree: make it certain.
    for member in ("Amara Okafor", "Zofia Nowak"):
        workspace.member.setCurrentText(member)
        qtbot.mouseClick(principles.blocks[3].scale.buttons[4], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Red line" in workspace.panel.red_lines.text(), timeout=10_000)
    assert "A guiding principle rated at the top of its scale" in workspace.panel.red_lines.text()


def test_the_panel_rounds_every_number_as_the_index_is(qtbot: QtBot, framework: Framework) -> None:
    panel = ScoringPanel(framework)
    qtbot.addWidget(panel)
    panel.show_score(score_case(framework, case_on_a_half()))
    # 20 + 30 + 25 + 11.25 + 2.5 = 88.75: the bars read 11.3 beside an index of 88.8.
    assert panel.index.text() == "88.8"
    assert "Effectiveness of proposed actions: 11.3 of 15.0 points" in (
        panel.bars.accessibleDescription()
    )
    actions = next(c for c in panel.bars.contributions if c.key == "actions")
    assert panel.bars.label(actions) == "Effectiveness of proposed actions  11.3 / 15"
    assert "the actions take off 3.8 points" in panel.inherent.text()


def test_the_panels_sentence_quotes_the_weights_it_shows(
    qtbot: QtBot, framework: Framework
) -> None:
    panel = ScoringPanel(framework)
    qtbot.addWidget(panel)
    case = next(c for c in demo_document().cases if c.id == "EUC-2025-011")
    panel.show_score(score_case(framework, case))
    assert "falls below 0.057 (now 0.150)" in panel.stability.text()
    assert panel.weights.values["actions"].text() == "0.150"


def test_undo_redo_and_autosave_keep_what_was_typed(
    qtbot: QtBot,
    window: MainWindow,
    demo_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    framework: Framework,
) -> None:
    workspace = open_workspace(qtbot, window, "EUC-2022-014")
    facts = workspace.page("facts")
    assert isinstance(facts, FactsPage)
    original = workspace.case.title
    facts.title.end(False)
    qtbot.keyClicks(facts.title, " (revised)")
    assert workspace.case.title == original + " (revised)"
    assert workspace.editor.undo_stack.count() == 1  # the keystrokes merged into one step
    workspace.undo_action.trigger()
    assert workspace.case.title == original
    assert facts.title.text() == original
    workspace.redo_action.trigger()
    assert facts.title.text() == original + " (revised)"

    qtbot.waitUntil(lambda: workspace.autosave.text() == "Draft saved", timeout=10_000)
    with CaseLibrary.open(demo_path, readonly=True) as library:
        draft = load_draft(library, "EUC-2022-014")
        assert draft is not None and draft.case.title == original + " (revised)"
        assert library.get_case("EUC-2022-014").title == original  # not recorded until saved

    # As if the app had stopped: another window on the same library offers the draft back.
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_a: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    second = MainWindow(demo_path, framework)
    qtbot.addWidget(second)
    resumed = open_workspace(qtbot, second, "EUC-2022-014")
    # When, as a member reads a time ("2 December 2026, 18:58"), not an ISO timestamp.
    assert draft.saved_at not in asked[0]
    saved = date_time_text(datetime.fromisoformat(draft.saved_at))
    assert f"There are unsaved changes to EUC-2022-014 from {saved}." in asked[0]
    assert resumed.case.title == original + " (revised)"
    assert resumed.editor.dirty
    second.workers.wait()


def test_delete_asks_and_can_be_undone(
    qtbot: QtBot, window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.select_case("EUC-2022-073")
    library_actions.ask_to_delete_selected(window)
    qtbot.waitUntil(lambda: window.library_undo.count() == 1, timeout=10_000)
    with CaseLibrary.open(demo_path, readonly=True) as library:
        assert not library.has_case("EUC-2022-073")
    window.library_undo.undo()

    def restored() -> bool:
        with CaseLibrary.open(demo_path, readonly=True) as library:
            return library.has_case("EUC-2022-073")

    qtbot.waitUntil(restored, timeout=10_000)


def test_duplicate_makes_a_linked_draft(qtbot: QtBot, window: MainWindow) -> None:
    assert window.select_case("EUC-2022-010")
    library_actions.duplicate_selected(window)
    qtbot.waitUntil(lambda: window.current_workspace() is not None, timeout=10_000)
    workspace = window.current_workspace()
    assert workspace is not None
    assert workspace.case.title.endswith("(copy)")
    assert workspace.case.links[0].target == "EUC-2022-010"
    assert workspace.case.assessments == ()


def test_every_interactive_widget_in_the_workspace_has_an_accessible_name(
    qtbot: QtBot, window: MainWindow
) -> None:
    workspace = open_workspace(qtbot, window, "EUC-2025-011")
    interactive = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton, QAbstractItemView)
    missing = []
    for step in workspace.steps:
        workspace.go_to(step.key)
        for widget in workspace.findChildren(QWidget):
            if widget.objectName().startswith("qt_"):
                continue  # Qt's own parts of a compound widget, read through their parent
            if (
                isinstance(widget, interactive)
                and widget.isVisible()
                and not widget.accessibleName()
            ):
                if type(widget).__name__ in ("QToolButton",) and not widget.text():
                    continue  # scroll-area and spin arrows drawn by Qt itself
                missing.append(
                    f"{step.key}: {type(widget).__name__} {widget.objectName()} {getattr(widget, 'text', lambda: '')()}"
                )
    assert missing == [], "\n".join(missing)


def test_a_precedent_opens_beside_the_case(qtbot: QtBot, window: MainWindow) -> None:
    workspace = open_workspace(qtbot, window, "EUC-2025-055")
    workspace.go_to("precedents")
    page = workspace.page("precedents")
    qtbot.waitUntil(lambda: page.list.count() > 0, timeout=15_000)
    assert page.list.item(0).text().startswith("1. EUC-2022-040")
    page.list.setCurrentRow(0)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            window.beside_view.case is not None and window.beside_view.case.id == "EUC-2022-040"
        ),
        timeout=10_000,
    )
    assert window.beside.isVisible()
    # The graph view lists the case's links for screen readers too.
    assert "EUC-2025-055 distinguishes EUC-2022-040" in page.graph.accessibleDescription()


def test_themes(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from council_app.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        apply_theme(app, "high_contrast")
        assert app.palette().color(QPalette.ColorRole.Window).name() == "#000000"
        assert app.palette().color(QPalette.ColorRole.Highlight).name() == "#ffff00"
        apply_theme(app, "dark")
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 100
    finally:
        apply_theme(app, "system")  # no theme's style sheet left for the tests after this one
        app.setPalette(QPalette())


def test_changing_a_recorded_decision_asks_and_makes_a_revision(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    from council_app.library.audit import decision_revisions

    workspace = open_workspace(qtbot, window, "EUC-2022-021")
    workspace.go_to("decision")
    decision = workspace.page("decision")
    assert isinstance(decision, DecisionPage)
    decision.outcome.setCurrentIndex(decision.outcome.findData("decline"))
    box = workspace.on_save()
    assert isinstance(box, QMessageBox)
    assert "new revision" in box.text()
    assert "Restrict" in box.text()
    with qtbot.assertNotEmitted(workspace.saved, wait=200):
        pass  # nothing is saved while the question is open
    with qtbot.waitSignal(workspace.saved, timeout=10_000):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    with CaseLibrary.open(demo_path, readonly=True) as library:
        revisions = decision_revisions(library, library.get_case("EUC-2022-021"))
    assert [r.decision.outcome for r in revisions] == ["restrict", "decline"]


def test_decision_dates_not_given_read_no_date(qtbot: QtBot, window: MainWindow) -> None:
    workspace = open_workspace(qtbot, window)  # a new case: nothing decided
    workspace.go_to("decision")
    decision = workspace.page("decision")
    assert isinstance(decision, DecisionPage)
    assert decision.decided.text() == "No date"
    assert decision.review_by.text() == "No date"
    assert "2000" not in decision.decided.text() + decision.review_by.text()

    decision.outcome.setCurrentIndex(decision.outcome.findData("restrict"))
    recorded = workspace.case.decision
    assert recorded is not None and recorded.date is not None and recorded.review_by is not None
    assert edit_date(decision.decided) == recorded.date
    assert edit_date(decision.review_by) == recorded.review_by

    # Clearing the review date leaves none, said as such, not a made-up one.
    set_edit_date(decision.review_by, None)
    recorded = workspace.case.decision
    assert recorded is not None and recorded.review_by is None
    assert decision.review_by.text() == "No date"


def test_ctrl_page_down_and_up_move_through_the_steps_from_any_box(
    qtbot: QtBot, window: MainWindow
) -> None:
    workspace = open_workspace(qtbot, window)
    facts = workspace.page("facts")
    assert isinstance(facts, FactsPage)
    workspace.go_to("facts")
    facts.title.setFocus()
    qtbot.waitUntil(facts.title.hasFocus)
    keys = [s.key for s in workspace.steps]

    qtbot.keyClick(facts.title, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert workspace.step_list.currentRow() == 1
    assert workspace.stack.currentIndex() == 1
    assert workspace.step_list.item(1).data(STEP_KEY_ROLE) == keys[1]
    qtbot.keyClick(workspace.step_list, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert workspace.step_list.currentRow() == 0
    qtbot.keyClick(workspace.step_list, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert workspace.step_list.currentRow() == 0  # the first step stays the first
    assert facts.title.text() == workspace.case.title  # the keys typed nothing


def test_the_precedents_step_ranks_the_case_as_it_stands_at_once(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Chosen right after a rating change, the step does not wait for the edits to rest: the
    ranking asked for is of the case with the new rating."""
    workspace = open_workspace(qtbot, window, "EUC-2025-055")
    key = window.framework.considerations[0].key
    workspace.go_to(key)
    page = workspace.page(key)
    assert isinstance(page, ConsiderationPage)
    precedents = workspace.page("precedents")
    assert isinstance(precedents, PrecedentsPage)
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=15_000)
    before = page.scale.group.checkedId()
    choice = next(s for s in sorted(page.scale.buttons) if s >= 0 and s != before)
    page.scale.buttons[choice].click()
    assert workspace._precedent_timer.isActive()  # another step shown: the ranking waits
    with qtbot.waitSignal(precedents.precedents_shown, timeout=15_000) as shown:
        workspace.go_to("precedents")
        assert not workspace._precedent_timer.isActive()  # asked for now, not after a rest
    assert shown.args == ["EUC-2025-055"]
    assert page.scale.group.checkedId() == choice


def test_a_step_page_is_built_when_first_shown_and_shows_what_came_before(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Opening a case builds the page it shows, not all ten; the decision page, built later,
    still shows the recommendation scored while it did not exist, and its inputs still undo
    through the case."""
    workspace = open_workspace(qtbot, window, "EUC-2025-055")
    assert list(workspace.pages) == [workspace.steps[0].key]
    qtbot.waitUntil(lambda: workspace.score is not None, timeout=10_000)
    assert "decision" not in workspace.pages
    workspace.go_to("decision")
    decision = workspace.page("decision")
    assert isinstance(decision, DecisionPage)
    outcome = workspace.score.scoring.recommendation.outcome  # type: ignore[union-attr]
    assert window.framework.outcome_title(outcome) in decision.recommendation.text()
    boxes = decision.findChildren(QPlainTextEdit)
    assert boxes and all(box.property("council_undo_routed") for box in boxes)
    with pytest.raises(KeyError):
        workspace.page("no such step")
