"""Deciding how a member's case package is merged, in the merge dialog.

The plans are made by the real core, the way members make them: the session library is
exported to a laptop, the member rates there, and the package is read and planned against the
session library.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from council_app import __version__
from council_app.case import Assessment, Rating
from council_app.framework import Framework
from council_app.library import CaseLibrary, export_document, import_document, parse_document
from council_app.library.package import MergePlan, make_package, plan_merge, read_package
from council_app.ui.packages.comparison_table import DIFFERS_ROLE, KEY_ROLE, ComparisonModel
from council_app.ui.packages.merge_dialog import MergeDialog
from tests.factories import make_case, ratings
from tests.ui.packages.dialog_checks import TIMEOUT, click, interactive_without_names

# --- building plans with the core ----------------------------------------------------------------


def dump(library: CaseLibrary) -> list[str]:
    return list(library.db.conn.iterdump())


@pytest.fixture
def session_library(tmp_path: Path) -> CaseLibrary:
    library = CaseLibrary.open(tmp_path / "session.sqlite")
    library.save_case(make_case("CASE-1", assessments=(), decision=None, status="in_review"))
    return library


def copy_for_member(session_library: CaseLibrary, tmp_path: Path, name: str) -> CaseLibrary:
    """A member's own library: the session's cases, exported and imported on their laptop."""
    library = CaseLibrary.open(tmp_path / f"{name}.sqlite")
    import_document(library, parse_document(json.dumps(export_document(session_library))))
    return library


def rate(
    library: CaseLibrary, member: str, submitted: date | None = None, notes: str = "", **scores: int
) -> None:
    case = library.get_case("CASE-1")
    assessment = Assessment(member=member, submitted=submitted, notes=notes, **ratings(**scores))
    library.save_case(replace(case, assessments=(*case.assessments, assessment)))


def plan_for(session_library: CaseLibrary, laptop: CaseLibrary, member: str = "Ana") -> MergePlan:
    package = read_package(json.dumps(make_package(laptop, "CASE-1", member)).encode())
    return plan_merge(session_library, package)


def rethink(laptop: CaseLibrary) -> None:
    """Ana changes her mind about harm on her laptop and submits again."""
    case = laptop.get_case("CASE-1")
    mine = case.assessments[0]
    newer = replace(
        mine,
        submitted=date(2025, 4, 2),
        notes="Spoke to the union.",
        considerations={**mine.considerations, "harm": Rating(3, "Rethought.", "high")},
    )
    laptop.save_case(replace(case, assessments=(newer,)))


@pytest.fixture
def clean_add(session_library: CaseLibrary, tmp_path: Path) -> MergePlan:
    laptop = copy_for_member(session_library, tmp_path, "ana")
    rate(laptop, "Ana")
    plan = plan_for(session_library, laptop)
    assert (plan.assessment, plan.facts, plan.needs_choice) == ("add", "same", [])
    return plan


@pytest.fixture
def assessment_conflict(session_library: CaseLibrary, tmp_path: Path) -> MergePlan:
    rate(session_library, "Ana", date(2025, 3, 10), "Visited the control room.", harm=1)
    laptop = copy_for_member(session_library, tmp_path, "ana")
    rethink(laptop)
    plan = plan_for(session_library, laptop)
    assert (plan.assessment, plan.facts, plan.needs_choice) == ("conflict", "same", ["assessment"])
    return plan


@pytest.fixture
def member_changed_facts(session_library: CaseLibrary, tmp_path: Path) -> MergePlan:
    laptop = copy_for_member(session_library, tmp_path, "ana")
    rate(laptop, "Ana")
    case = laptop.get_case("CASE-1")
    laptop.save_case(
        replace(case, customer="Lakeside Transit Authority Ltd", regions=("DE", "AT", "CH"))
    )
    plan = plan_for(session_library, laptop)
    assert (plan.assessment, plan.facts, plan.needs_choice) == ("add", "member_changed", ["facts"])
    return plan


@pytest.fixture
def both_changed(session_library: CaseLibrary, tmp_path: Path) -> MergePlan:
    """Ana rethought and corrected the customer; the secretary renamed the case meanwhile."""
    rate(session_library, "Ana", date(2025, 3, 10), harm=1)
    laptop = copy_for_member(session_library, tmp_path, "ana")
    rethink(laptop)
    laptop.save_case(replace(laptop.get_case("CASE-1"), customer="Lakeside Transit Authority Ltd"))
    session_library.save_case(
        replace(session_library.get_case("CASE-1"), title="Renamed at the session")
    )
    plan = plan_for(session_library, laptop)
    assert (plan.assessment, plan.facts) == ("conflict", "conflict")
    assert plan.needs_choice == ["assessment", "facts"]
    return plan


@pytest.fixture
def unknown_case(session_library: CaseLibrary, tmp_path: Path) -> MergePlan:
    rate(session_library, "Ana")
    elsewhere = CaseLibrary.open(tmp_path / "elsewhere.sqlite")
    plan = plan_for(elsewhere, session_library)
    assert not plan.case_in_library
    assert plan.needs_choice == ["case"]
    return plan


def merge_dialog(qtbot: QtBot, plan: MergePlan, framework: Framework) -> MergeDialog:
    dialog = MergeDialog(plan, framework)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def table_text(model: ComparisonModel) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def row_of(model: ComparisonModel, key: str) -> int:
    for row in range(model.rowCount()):
        if model.index(row, 0).data(KEY_ROLE) == key:
            return row
    raise AssertionError(f"no row {key}")


# --- the merge dialog ------------------------------------------------------------------------------


def test_a_clean_add_says_so_and_merges_without_a_choice(
    qtbot: QtBot, clean_add: MergePlan, framework: Framework, session_library: CaseLibrary
) -> None:
    dialog = merge_dialog(qtbot, clean_add, framework)
    assert dialog.windowTitle() == "Merge Ana's case package"
    assert dialog.case_label.text() == "CASE-1 — Crowd density analytics for a railway station"
    made = dialog.made_label.text()
    assert made.startswith("Made by Ana on ")
    assert clean_add.package.manifest.created_at[:10] in made
    assert made.endswith(f"with Council Desk {__version__}.")
    assert dialog.assessment_line is not None
    assert dialog.assessment_line.text() == "Ana's assessment will be added beside the others."
    assert dialog.assessment_table is None and dialog.facts_table is None
    assert dialog.facts_line is None and dialog.case_box is None
    assert dialog.merge_button.isEnabled()
    assert dialog.pending.text() == "Nothing is written until you press Merge."

    before = dump(session_library)
    with qtbot.waitSignal(dialog.merge_confirmed, timeout=TIMEOUT) as blocker:
        click(qtbot, dialog.merge_button)
    assert blocker.args == [None, None, False]
    assert dialog.result() == MergeDialog.DialogCode.Accepted
    assert dump(session_library) == before  # the dialog only reports; the window merges


def test_the_same_member_twice_shows_both_assessments_side_by_side(
    qtbot: QtBot, assessment_conflict: MergePlan, framework: Framework
) -> None:
    dialog = merge_dialog(qtbot, assessment_conflict, framework)
    assert dialog.assessment_line is not None
    assert dialog.assessment_line.text().startswith(
        "The library already has a different assessment by Ana (submitted 10 March 2025); "
        "the package's is submitted 2 April 2025."
    )
    model = dialog.assessment_model
    assert model is not None
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Rated",
        "Library's score",
        "Library's rationale",
        "Package's score",
        "Package's rationale",
    ]
    rated = [c.title for c in framework.considerations if c.key != "principles"]
    principles = [p.title for p in framework.principles]
    assert [row[0] for row in table_text(model)] == [*rated, *principles, "Submitted", "Notes"]

    harm = row_of(model, "harm")
    assert table_text(model)[harm] == [
        "Potential connection to harm",
        "1 (medium)",
        "harm rated 1",
        "3 (high)",
        "Rethought.",
    ]
    assert table_text(model)[row_of(model, "privacy")] == [
        "Privacy",
        "2",
        "privacy is 2",
        "2",
        "privacy is 2",
    ]
    assert table_text(model)[row_of(model, "submitted")][1::2] == ["10 March 2025", "2 April 2025"]
    assert table_text(model)[row_of(model, "notes")][1::2] == [
        "Visited the control room.",
        "Spoke to the union.",
    ]
    # The date and the notes each read across the score and rationale columns.
    assert dialog.assessment_table is not None
    assert dialog.assessment_table.columnSpan(row_of(model, "notes"), 1) == 2
    assert dialog.assessment_table.columnSpan(row_of(model, "notes"), 3) == 2

    differing = {
        model.index(row, 0).data(KEY_ROLE)
        for row in range(model.rowCount())
        if model.index(row, 0).data(DIFFERS_ROLE)
    }
    assert differing == {"harm", "submitted", "notes"}
    assert model.index(harm, 4).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(row_of(model, "privacy"), 4).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(harm, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(harm, 0).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Potential connection to harm, differs"
    )
    # The score's anchored meaning is a tooltip away.
    harm_levels = framework.consideration("harm").levels
    assert model.index(harm, 3).data(Qt.ItemDataRole.ToolTipRole).startswith(f"3: {harm_levels[3]}")


def test_the_assessment_conflict_is_merged_only_once_chosen(
    qtbot: QtBot, assessment_conflict: MergePlan, framework: Framework
) -> None:
    dialog = merge_dialog(qtbot, assessment_conflict, framework)
    assert dialog.keep_assessment is not None and dialog.take_assessment is not None
    assert dialog.keep_assessment.text() == "&Keep the library's assessment"
    assert (
        dialog.take_assessment.text() == "&Take the package's assessment (submitted 2 April 2025)"
    )
    assert not dialog.keep_assessment.isChecked() and not dialog.take_assessment.isChecked()
    assert not dialog.merge_button.isEnabled()
    assert "keep the library's assessment or take the package's" in dialog.pending.text()
    dialog.on_merge()  # even if asked directly, nothing is confirmed before the choice

    click(qtbot, dialog.take_assessment)
    assert dialog.merge_button.isEnabled()
    click(qtbot, dialog.keep_assessment)  # changing one's mind is allowed
    assert dialog.take_assessment.isChecked() is False
    assert dialog.merge_button.isEnabled()
    with qtbot.waitSignal(dialog.merge_confirmed, timeout=TIMEOUT) as blocker:
        click(qtbot, dialog.merge_button)
    assert blocker.args == ["keep", None, False]


def test_facts_changed_by_the_member_are_listed_and_chosen(
    qtbot: QtBot, member_changed_facts: MergePlan, framework: Framework
) -> None:
    dialog = merge_dialog(qtbot, member_changed_facts, framework)
    assert dialog.assessment_table is None  # Ana's assessment is simply added
    assert dialog.facts_line is not None
    assert dialog.facts_line.text().startswith("Only Ana changed the case's facts;")
    model = dialog.facts_model
    assert model is not None
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Fact",
        "Library's",
        "Package's",
    ]
    assert table_text(model) == [
        ["Customer", "Lakeside Transit Authority", "Lakeside Transit Authority Ltd"],
        ["Regions", "DE, AT", "DE, AT, CH"],
    ]
    assert dialog.keep_facts is not None and dialog.take_facts is not None
    assert not dialog.merge_button.isEnabled()
    click(qtbot, dialog.take_facts)
    assert dialog.merge_button.isEnabled()
    with qtbot.waitSignal(dialog.merge_confirmed, timeout=TIMEOUT) as blocker:
        click(qtbot, dialog.merge_button)
    assert blocker.args == [None, "take", False]


def test_facts_changed_on_both_sides_and_an_assessment_conflict_need_both_choices(
    qtbot: QtBot, both_changed: MergePlan, framework: Framework
) -> None:
    dialog = merge_dialog(qtbot, both_changed, framework)
    assert dialog.facts_line is not None
    assert dialog.facts_line.text().startswith("The facts changed on both sides:")
    assert dialog.facts_model is not None
    assert table_text(dialog.facts_model) == [
        ["Title", "Renamed at the session", "Crowd density analytics for a railway station"],
        ["Customer", "Lakeside Transit Authority", "Lakeside Transit Authority Ltd"],
    ]
    assert not dialog.merge_button.isEnabled()
    click(qtbot, dialog.take_assessment)
    assert not dialog.merge_button.isEnabled()  # the facts are still to choose
    assert dialog.pending.text() == ("To merge, keep the library's facts or take the package's.")
    click(qtbot, dialog.keep_facts)
    assert dialog.merge_button.isEnabled()
    with qtbot.waitSignal(dialog.merge_confirmed, timeout=TIMEOUT) as blocker:
        qtbot.keyClick(dialog.merge_button, Qt.Key.Key_Space)
    assert blocker.args == ["take", "keep", False]


def test_facts_changed_only_in_the_library_are_kept_without_asking(
    qtbot: QtBot, session_library: CaseLibrary, tmp_path: Path, framework: Framework
) -> None:
    laptop = copy_for_member(session_library, tmp_path, "ana")
    rate(laptop, "Ana")
    session_library.save_case(
        replace(session_library.get_case("CASE-1"), summary="Updated by the secretary")
    )
    plan = plan_for(session_library, laptop)
    assert plan.facts == "library_changed"
    dialog = merge_dialog(qtbot, plan, framework)
    assert dialog.facts_line is not None
    assert dialog.facts_line.text() == (
        "The case's facts changed in this library since Ana received the case; "
        "the library's facts are kept."
    )
    assert dialog.facts_table is None and dialog.keep_facts is None
    assert dialog.merge_button.isEnabled()


def test_facts_without_a_known_base_say_who_changed_them_is_not_known(
    qtbot: QtBot, session_library: CaseLibrary, framework: Framework
) -> None:
    # Ana's case was entered in this very library, so her package has no base facts.
    rate(session_library, "Ana")
    package = read_package(json.dumps(make_package(session_library, "CASE-1", "Ana")).encode())
    assert package.manifest.base_facts_sha256 == ""
    session_library.save_case(replace(session_library.get_case("CASE-1"), sector="health"))
    plan = plan_merge(session_library, package)
    assert plan.facts == "conflict"
    dialog = merge_dialog(qtbot, plan, framework)
    assert dialog.facts_line is not None
    assert "who changed them is not known" in dialog.facts_line.text()


def test_a_case_not_in_the_library_is_added_only_when_ticked(
    qtbot: QtBot, unknown_case: MergePlan, framework: Framework
) -> None:
    dialog = merge_dialog(qtbot, unknown_case, framework)
    assert dialog.case_line.text().startswith(
        "CASE-1 is not in this library, so there is nothing to merge Ana's assessment into."
    )
    assert dialog.add_case_check is not None
    assert dialog.add_case_check.text() == "&Add the case to this library with the member's facts"
    assert not dialog.add_case_check.isChecked()
    assert dialog.assessment_line is None  # nothing to merge into, so nothing to say about it
    assert not dialog.merge_button.isEnabled()
    assert dialog.pending.text() == "To merge, add the case to this library."
    click(qtbot, dialog.add_case_check)
    assert dialog.merge_button.isEnabled()
    with qtbot.waitSignal(dialog.merge_confirmed, timeout=TIMEOUT) as blocker:
        click(qtbot, dialog.merge_button)
    assert blocker.args == [None, None, True]


def test_cancel_confirms_nothing(
    qtbot: QtBot, assessment_conflict: MergePlan, framework: Framework
) -> None:
    dialog = merge_dialog(qtbot, assessment_conflict, framework)
    click(qtbot, dialog.take_assessment)
    with qtbot.assertNotEmitted(dialog.merge_confirmed):
        click(qtbot, dialog.cancel_button)
    assert dialog.result() == MergeDialog.DialogCode.Rejected


@pytest.mark.parametrize(
    "plan_name", ["clean_add", "both_changed", "member_changed_facts", "unknown_case"]
)
def test_every_interactive_widget_of_the_merge_dialog_has_a_name(
    qtbot: QtBot, plan_name: str, request: pytest.FixtureRequest, framework: Framework
) -> None:
    plan: MergePlan = request.getfixturevalue(plan_name)
    dialog = merge_dialog(qtbot, plan, framework)
    assert interactive_without_names(dialog) == []


def test_the_merge_dialog_labels_have_mnemonics(
    qtbot: QtBot, both_changed: MergePlan, framework: Framework
) -> None:
    dialog = merge_dialog(qtbot, both_changed, framework)
    buddies = {
        label.buddy(): label.text()
        for label in dialog.findChildren(QLabel)
        if label.buddy() is not None
    }
    assert buddies[dialog.facts_table] == "&Differences in the facts:"
    assert "&side by side" in buddies[dialog.assessment_table]
    assert dialog.merge_button.text() == "&Merge"


def test_the_merge_dialog_tab_order_follows_the_reading_order(
    qtbot: QtBot, both_changed: MergePlan, framework: Framework
) -> None:
    dialog = merge_dialog(qtbot, both_changed, framework)
    expected: list[QWidget] = [
        w
        for w in (
            dialog.assessment_table,
            dialog.keep_assessment,
            dialog.take_assessment,
            dialog.facts_table,
            dialog.keep_facts,
            dialog.take_facts,
            dialog.merge_button,
            dialog.cancel_button,
        )
        if w is not None
    ]
    assert len(expected) == 8
    chain: list[QWidget] = []
    widget: QWidget | None = expected[0]
    for _ in range(200):
        if widget is None:
            break
        if widget in expected and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is expected[0]:
            break
    assert chain == expected
    # The first decision has the focus, not a table cell that would look chosen.
    assert dialog.focusWidget() is dialog.keep_assessment


def test_differences_are_tinted_from_the_palette(
    qtbot: QtBot, assessment_conflict: MergePlan, framework: Framework
) -> None:
    dialog = merge_dialog(qtbot, assessment_conflict, framework)
    model = dialog.assessment_model
    assert model is not None
    harm = model.index(row_of(model, "harm"), 2)
    light = model.index(harm.row(), 2).data(Qt.ItemDataRole.BackgroundRole)
    dark = QPalette(dialog.palette())
    for role, colour in (
        (QPalette.ColorRole.Base, "#16191c"),
        (QPalette.ColorRole.Text, "#e6e8eb"),
    ):
        dark.setColor(role, colour)
    dialog.setPalette(dark)
    tint = model.index(harm.row(), 2).data(Qt.ItemDataRole.BackgroundRole)
    assert tint != light
    assert tint.lightness() < 80  # still dark enough for the light text of a dark theme


def test_the_comparison_models_pass_the_model_tester(
    check_model, both_changed: MergePlan, framework: Framework, qtbot: QtBot
) -> None:
    dialog = merge_dialog(qtbot, both_changed, framework)
    assert dialog.assessment_model is not None and dialog.facts_model is not None
    check_model(dialog.assessment_model)
    check_model(dialog.facts_model)
    assert dialog.facts_model.index(0, 0).parent() == QModelIndex()
    # A change of theme tints the differing rows again, under test.
    dark = QPalette(dialog.palette())
    dark.setColor(QPalette.ColorRole.Base, "#16191c")
    dialog.setPalette(dark)
