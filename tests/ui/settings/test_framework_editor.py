from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
)
from pytestqt.qtbot import QtBot

from council_app.council.framework_revision import FrameworkService
from council_app.framework import Framework
from council_app.framework.model import DEFAULT_CONDITION_KINDS, ConditionKind
from council_app.framework.revision import FrameworkDraft
from council_app.framework.taxonomy import ReviewPeriod
from council_app.library import CaseLibrary
from council_app.library import frameworks as fw
from council_app.library.frameworks import framework_in_force, version_in_force, versions
from council_app.ui.settings.framework_condition_forms import CONDITIONS
from council_app.ui.settings.framework_editor import FrameworkEditor
from council_app.ui.settings.framework_review_forms import REVIEW_PERIODS
from council_app.ui.settings.framework_tab import VERSION_ROLE, FrameworkTab
from council_app.ui.settings.framework_tasks import FrameworkTasks
from council_app.ui.settings.settings_dialog import SettingsDialog, SettingsValues
from tests.factories import make_case
from tests.framework.test_taxonomy import EU_AI_ACT

WAIT = 10_000
BAND_COMMENT = (
    "# Each band applies while the concern index is below `below`; the last band has no limit."
)


@pytest.fixture
def service(tmp_path: Path) -> FrameworkService:
    path = tmp_path / "library.sqlite"
    with CaseLibrary.open(path) as library:
        library.save_case(make_case("TST-2025-001"))  # index 41.9: approve with conditions
        library.save_case(make_case("TST-2025-002", title="Another decided case", assessments=()))
    return FrameworkService(path)


@pytest.fixture
def tab(qtbot: QtBot, service: FrameworkService) -> Iterator[FrameworkTab]:
    widget = FrameworkTab(service)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.versions_loaded, timeout=WAIT):
        widget.show()
    yield widget
    widget.wait()


@pytest.fixture
def editor(qtbot: QtBot, tab: FrameworkTab) -> FrameworkEditor:
    qtbot.mouseClick(tab.revise_button, Qt.MouseButton.LeftButton)
    assert tab.editor is not None
    qtbot.waitExposed(tab.editor)
    _settle(qtbot, tab.editor)
    return tab.editor


def _settle(qtbot: QtBot, editor: FrameworkEditor) -> None:
    """Let the draft's check run now and the preview's replay finish on its worker."""
    with qtbot.waitSignal(editor.preview_finished, timeout=WAIT):
        editor.settle.stop()
        editor.on_settled()


def _field(editor: FrameworkEditor, kind: type, name: str):  # type: ignore[no-untyped-def]
    field = editor.findChild(kind, name)
    assert field is not None, name
    return field


def _show(editor: FrameworkEditor, title: str) -> None:
    editor.show_section(title)
    assert editor.pages.currentWidget().isVisible()


def _replayed(editor: FrameworkEditor) -> list[tuple[str, ...]]:
    model = editor.replay_model
    return [
        tuple(model.index(row, column).data() for column in range(model.columnCount()))
        for row in range(model.rowCount())
    ]


def test_the_tab_shows_the_version_in_force_and_the_history(
    tab: FrameworkTab, framework: Framework, check_model
) -> None:  # type: ignore[no-untyped-def]
    check_model(tab.model)
    assert tab.version.text() == framework.version
    assert tab.name.text() == framework.name
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, 0).data() == f"{framework.version} (in force)"
    assert tab.model.index(0, 0).data(VERSION_ROLE).version == framework.version


def test_a_revision_is_previewed_then_adopted_with_its_comments(
    qtbot: QtBot, tab: FrameworkTab, editor: FrameworkEditor, service: FrameworkService
) -> None:
    assert not editor.adopt_button.isEnabled()  # nothing changed yet
    assert _replayed(editor) == []

    _show(editor, "Potential connection to harm")
    title = _field(editor, QLineEdit, "framework_consideration_harm_title")
    title.selectAll()
    qtbot.keyClicks(title, "Connection to harm")
    _show(editor, "Recommendation bands")
    below = _field(editor, QDoubleSpinBox, "framework_band_0_below")
    below.setValue(45)
    _settle(qtbot, editor)

    assert "Consideration changed: Connection to harm (harm)" in editor.changes.text()
    assert editor.sections.item(3).text().strip() == "Connection to harm"
    assert "Approve below 45" in editor.changes.text()
    assert _replayed(editor) == [
        (
            "TST-2025-001  Crowd density analytics for a railway station",
            "Approve with conditions (41.9)",
            "Approve (41.9)",
        )
    ]
    assert "1 of 2 decided cases" in editor.replay_status.text()
    assert not editor.adopt_button.isEnabled()  # no reason given yet
    qtbot.keyClicks(editor.note, "Sitting of 2 December: the approve band is raised to 45.")
    assert editor.adopt_button.isEnabled()

    # The version is still the one in force: the core refuses, and the dialog says why.
    with qtbot.waitSignal(editor.adoption_finished, timeout=WAIT):
        qtbot.mouseClick(editor.adopt_button, Qt.MouseButton.LeftButton)
    assert "Give the revised framework its own version" in editor.status.text()
    assert len(service.versions()) == 1

    _show(editor, "Framework")
    version = _field(editor, QLineEdit, "framework_version")
    version.selectAll()
    qtbot.keyClicks(version, "2027.1")
    _settle(qtbot, editor)
    assert "Version: 2026.1 → 2027.1" in editor.changes.text()
    with (
        qtbot.waitSignal(tab.framework_adopted, timeout=WAIT),
        qtbot.waitSignal(tab.versions_loaded, timeout=WAIT),
    ):
        qtbot.mouseClick(editor.adopt_button, Qt.MouseButton.LeftButton)
    assert "Framework 2027.1" in editor.status.text()
    assert not editor.adopt_button.isEnabled()
    assert editor.cancel_button.text() == "Close"

    with CaseLibrary.open(service.path, readonly=True, create=False) as library:
        adopted = versions(library)
        in_force = version_in_force(library)
    assert [v.version for v in adopted] == ["2026.1", "2027.1"]
    assert in_force.version == "2027.1"
    assert in_force.note == "Sitting of 2 December: the approve band is raised to 45."
    assert 'title = "Connection to harm"' in in_force.text
    assert '  { below = 45, outcome = "approve" },' in in_force.text
    assert BAND_COMMENT in in_force.text
    assert tab.version.text() == "2027.1"
    assert tab.model.rowCount() == 2


def test_an_invalid_edit_shows_the_loaders_sentence_and_adopt_waits(
    qtbot: QtBot, editor: FrameworkEditor
) -> None:
    qtbot.keyClicks(editor.note, "A reason.")
    _show(editor, "Recommendation bands")
    _field(editor, QDoubleSpinBox, "framework_band_1_below").setValue(20)
    assert not editor.adopt_button.isEnabled()  # while the edit settles
    editor.settle.stop()
    editor.on_settled()
    assert editor.problems.text() == (
        "• Recommendation bands — scoring.bands[1]: 'below' must be greater than the band "
        "before (25)"
    )
    assert not editor.adopt_button.isEnabled()
    assert "waits until the problems are put right" in editor.replay_status.text()
    _field(editor, QDoubleSpinBox, "framework_band_1_below").setValue(55)
    _settle(qtbot, editor)
    assert editor.problems.text() == "None: the revision is valid."
    assert editor.adopt_button.isEnabled()


def test_each_problem_names_the_section_to_put_it_right_in(
    qtbot: QtBot, editor: FrameworkEditor
) -> None:
    _show(editor, "Potential connection to harm")
    _field(editor, QPlainTextEdit, "framework_consideration_harm_levels_4").setPlainText("")
    _field(editor, QLineEdit, "framework_version").clear()
    editor.settle.stop()
    editor.on_settled()
    lines = editor.problems.text().splitlines()
    assert "• Framework — framework.version: must not be empty" in lines
    assert (
        "• Potential connection to harm — considerations[1] (harm).levels[4]: must not be empty"
    ) in lines
    assert not editor.adopt_button.isEnabled()


def test_cancel_adopts_nothing(
    qtbot: QtBot, tab: FrameworkTab, editor: FrameworkEditor, service: FrameworkService
) -> None:
    _field(editor, QLineEdit, "framework_version").setText("2027.1")
    qtbot.keyClicks(editor.note, "A reason.")
    _settle(qtbot, editor)
    assert editor.adopt_button.isEnabled()
    with qtbot.waitSignal(editor.finished, timeout=WAIT):
        qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    assert tab.editor is None
    assert [v.version for v in service.versions()] == ["2026.1"]


def test_the_settings_dialog_has_the_tab_when_given_the_service(
    qtbot: QtBot, service: FrameworkService, framework: Framework
) -> None:
    values = SettingsValues(
        council_name="Council",
        letterhead="",
        members=(),
        theme="system",
        default_profile="balanced",
        library_path=service.path,
    )
    with_tab = SettingsDialog(values, framework, framework_service=service)
    qtbot.addWidget(with_tab)
    assert with_tab.framework_tab is not None
    assert with_tab.tabs.tabText(with_tab.tabs.count() - 1) == "Framework"
    with qtbot.waitSignal(with_tab.framework_tab.versions_loaded, timeout=WAIT):
        pass
    with_tab.framework_tab.wait()
    without = SettingsDialog(values, framework)
    qtbot.addWidget(without)
    assert without.framework_tab is None


def test_the_forms_write_outcomes_voting_red_lines_and_weights_into_the_draft(
    qtbot: QtBot, editor: FrameworkEditor
) -> None:
    _show(editor, "Outcomes")
    _field(editor, QSpinBox, "framework_outcome_defer_review_months").setValue(6)
    _show(editor, "Voting")
    rule = _field(editor, QComboBox, "framework_voting_rule")
    rule.setCurrentIndex(rule.findData("two_thirds"))
    qtbot.keyClicks(_field(editor, QLineEdit, "framework_voting_casting_vote"), "chair")
    _show(editor, "Red lines")
    _field(editor, QSpinBox, "framework_red_line_severe_harm_unmitigated_1_at_most").setValue(2)
    applies = _field(editor, QComboBox, "framework_red_lines_apply")
    applies.setCurrentIndex(applies.findData("any_member"))
    _show(editor, "Weight profiles")
    _field(editor, QDoubleSpinBox, "framework_weight_balanced_harm").setValue(0.5)
    _show(editor, "Potential connection to harm")
    level = _field(editor, QPlainTextEdit, "framework_consideration_harm_levels_0")
    level.setPlainText("Nothing  that could\nhurt anyone.")
    _settle(qtbot, editor)

    data = editor.draft.data()
    assert next(o for o in data["outcomes"] if o["key"] == "defer")["review_months"] == 6
    assert data["voting"] == {"rule": "two_thirds", "casting_vote": "chair"}
    line = next(r for r in data["red_lines"] if r["key"] == "severe_harm_unmitigated")
    assert line["conditions"][1]["at_most"] == 2
    assert data["scoring"]["red_lines_apply"] == "any_member"
    assert data["weight_profiles"][0]["weights"]["harm"] == 0.5
    harm = next(c for c in data["considerations"] if c["key"] == "harm")
    assert harm["levels"][0] == "Nothing  that could hurt anyone."
    assert editor.problems.text() == "None: the revision is valid."
    changes = editor.changes.text()
    assert "Voting rule: simple majority → two thirds, casting vote: chair" in changes
    assert "Weight profile changed: Balanced (balanced)" in changes


def test_a_preview_typed_over_before_it_ran_is_never_delivered(qtbot: QtBot) -> None:
    tasks = FrameworkTasks()
    delivered: list[object] = []
    ran: list[str] = []
    gate = threading.Event()
    tasks.submit("other", lambda: gate.wait(5), lambda _r: None, delivered.append)
    tasks.submit("preview", lambda: ran.append("old"), delivered.append, delivered.append)
    tasks.submit("preview", lambda: ran.append("new") or "new", delivered.append, delivered.append)
    with qtbot.waitSignal(tasks.busy_changed, timeout=WAIT):
        gate.set()
    assert ran == ["new"]  # the first preview was skipped, not run and thrown away
    assert delivered == ["new"]
    assert not tasks.busy


def test_a_consideration_added_gets_its_page_and_the_loader_judges_it(
    qtbot: QtBot, editor: FrameworkEditor
) -> None:
    sections = editor.section_list
    assert not sections.add_consideration.isEnabled()
    qtbot.keyClicks(sections.new_title, "Environmental footprint")
    qtbot.mouseClick(sections.add_consideration, Qt.MouseButton.LeftButton)
    editor.settle.stop()
    editor.on_settled()

    data = editor.draft.data()
    assert data["considerations"][-1]["key"] == "environmental_footprint"
    assert all(p["weights"]["environmental_footprint"] == 0 for p in data["weight_profiles"])
    assert sections.list.currentItem().text().strip() == "Environmental footprint"
    title = _field(editor, QLineEdit, "framework_consideration_environmental_footprint_title")
    assert title.isVisible()
    # Whatever the framework allows, the problems shown are the loader's own.
    expected = [editor._problem_line(p) for p in editor.draft.problems()]
    assert editor.problems.text() == ("\n".join(expected) or "None: the revision is valid.")

    assert sections.remove.isEnabled()
    qtbot.mouseClick(sections.remove, Qt.MouseButton.LeftButton)
    _settle(qtbot, editor)
    assert editor.draft.text() == editor.in_force.text
    assert (
        editor.findChild(QLineEdit, "framework_consideration_environmental_footprint_title") is None
    )
    assert not editor.adopt_button.isEnabled()  # nothing is changed any more


def _add_review_period(qtbot: QtBot, editor: FrameworkEditor) -> None:
    _show(editor, REVIEW_PERIODS)
    add = _field(editor, QPushButton, "framework_add_review_period")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert editor.sections.currentItem().text() == REVIEW_PERIODS  # the page built again


def test_a_review_period_added_on_its_page_is_adopted_with_the_framework(
    qtbot: QtBot, tab: FrameworkTab, editor: FrameworkEditor, service: FrameworkService
) -> None:
    _add_review_period(qtbot, editor)
    name = "framework_review_period_0"
    months = _field(editor, QSpinBox, f"{name}_months")
    assert months.isVisible()
    months.setValue(6)
    conditions = _field(editor, QCheckBox, f"{name}_outcomes_approve_with_conditions")
    qtbot.mouseClick(conditions, Qt.MouseButton.LeftButton)
    assert conditions.isChecked()
    version = _field(editor, QLineEdit, "framework_version")
    version.selectAll()
    qtbot.keyClicks(version, "2027.1")
    qtbot.keyClicks(editor.note, "Sitting of 2 December: conditions are reviewed at six months.")
    _settle(qtbot, editor)
    assert editor.problems.text() == "None: the revision is valid."
    assert "Review periods by risk: 0 rule(s) → 1" in editor.changes.text()
    assert editor.adopt_button.isEnabled()

    with (
        qtbot.waitSignal(tab.framework_adopted, timeout=WAIT),
        qtbot.waitSignal(tab.versions_loaded, timeout=WAIT),
    ):
        qtbot.mouseClick(editor.adopt_button, Qt.MouseButton.LeftButton)
    with CaseLibrary.open(service.path, readonly=True, create=False) as library:
        in_force = framework_in_force(library)
    assert in_force.version == "2027.1"
    assert in_force.review_periods == (
        ReviewPeriod(months=6, outcomes=("approve_with_conditions",)),
    )


def test_a_review_period_naming_no_decisions_is_a_problem_and_adopt_waits(
    qtbot: QtBot, editor: FrameworkEditor
) -> None:
    _field(editor, QLineEdit, "framework_version").setText("2027.1")
    qtbot.keyClicks(editor.note, "A reason.")
    _add_review_period(qtbot, editor)
    name = "framework_review_period_0"
    # Every criterion named, then each taken out again.
    qtbot.mouseClick(
        _field(editor, QCheckBox, f"{name}_outcomes_restrict"), Qt.MouseButton.LeftButton
    )
    qtbot.keyClicks(_field(editor, QLineEdit, f"{name}_regions"), "RU, BY")
    qtbot.keyClicks(_field(editor, QLineEdit, f"{name}_classification_kinds"), "high_risk")
    qtbot.mouseClick(_field(editor, QCheckBox, f"{name}_concern"), Qt.MouseButton.LeftButton)
    _field(editor, QDoubleSpinBox, f"{name}_concern_at_least").setValue(60)
    _settle(qtbot, editor)
    assert editor.draft.review_periods() == [
        {
            "months": 6,
            "outcomes": ["restrict"],
            "regions": ["RU", "BY"],
            "classification_kinds": ["high_risk"],
            "concern_at_least": 60,
        }
    ]
    assert editor.adopt_button.isEnabled()

    qtbot.mouseClick(
        _field(editor, QCheckBox, f"{name}_outcomes_restrict"), Qt.MouseButton.LeftButton
    )
    _field(editor, QLineEdit, f"{name}_regions").clear()
    _field(editor, QLineEdit, f"{name}_classification_kinds").clear()
    qtbot.mouseClick(_field(editor, QCheckBox, f"{name}_concern"), Qt.MouseButton.LeftButton)
    assert not _field(editor, QDoubleSpinBox, f"{name}_concern_at_least").isEnabled()
    editor.settle.stop()
    editor.on_settled()
    assert editor.draft.review_periods() == [{"months": 6}]
    assert editor.problems.text() == (
        "• Review periods — review_periods[0]: name the decisions it is for (outcomes, "
        "regions, classification_kinds or concern_at_least)"
    )
    assert not editor.adopt_button.isEnabled()
    assert "waits until the problems are put right" in editor.replay_status.text()

    remove = _field(editor, QPushButton, f"{name}_remove")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    _settle(qtbot, editor)
    assert editor.findChild(QSpinBox, f"{name}_months") is None
    assert editor.draft.review_periods() == []
    assert editor.problems.text() == "None: the revision is valid."
    assert editor.adopt_button.isEnabled()  # the version is still changed


def test_the_kinds_are_the_taxonomies_own_and_their_review_periods_are_listed(
    qtbot: QtBot, service: FrameworkService
) -> None:
    with CaseLibrary.open(service.path) as library:
        text = fw.with_taxonomy(
            fw.version_in_force(library).text,
            EU_AI_ACT.read_text(encoding="utf-8"),
            version="2027.1",
            source="eu-ai-act.toml",
        )
        in_force = fw.adopt(library, text, note="The EU AI Act applies", source="eu-ai-act")
    editor = FrameworkEditor(service, in_force)
    qtbot.addWidget(editor)
    editor.show()
    _settle(qtbot, editor)
    _add_review_period(qtbot, editor)
    name = "framework_review_period_0_classification_kinds"
    kinds = editor.findChildren(QCheckBox)
    assert [k.text() for k in kinds if k.objectName().startswith(name)] == [
        "Prohibited",
        "High risk",
    ]
    qtbot.mouseClick(_field(editor, QCheckBox, f"{name}_high_risk"), Qt.MouseButton.LeftButton)
    _settle(qtbot, editor)
    assert editor.draft.review_periods() == [{"months": 6, "classification_kinds": ["high_risk"]}]
    assert editor.problems.text() == "None: the revision is valid."
    listed = _field(editor, QLabel, "framework_classification_review_periods").text()
    assert (
        "• EU AI Act › Biometrics: remote identification, categorisation, emotion recognition "
        "(high risk): within 6 months"
    ) in listed.splitlines()
    editor.tasks.wait()


def test_the_scale_set_in_the_editor_gives_every_page_its_levels_and_is_adopted(
    qtbot: QtBot, tab: FrameworkTab, editor: FrameworkEditor, service: FrameworkService
) -> None:
    _show(editor, "Framework")
    set_scale = _field(editor, QPushButton, "framework_set_scale")
    assert not set_scale.isEnabled()  # 0–4 already
    _field(editor, QSpinBox, "framework_scale_max").setValue(5)
    assert set_scale.isEnabled()
    qtbot.mouseClick(set_scale, Qt.MouseButton.LeftButton)
    editor.settle.stop()
    editor.on_settled()  # not valid yet, so no preview runs
    assert editor.draft.scale == (0, 5)
    # Every consideration and principle now has a sixth level, empty until it is written.
    tops = [f for f in editor.findChildren(QPlainTextEdit) if f.objectName().endswith("_levels_5")]
    framework = editor.in_force.framework
    assert len(tops) == len(framework.considerations) + len(framework.principles)
    assert all(f.toPlainText() == "" for f in tops)
    assert "levels[5]: must not be empty" in editor.problems.text()
    assert not editor.adopt_button.isEnabled()

    for field in tops:
        field.setPlainText("Beyond the worst the old scale could say.")
    version = _field(editor, QLineEdit, "framework_version")
    version.selectAll()
    qtbot.keyClicks(version, "2027.6")
    qtbot.keyClicks(editor.note, "Sitting of 2 December: a sixth level for the gravest uses.")
    _settle(qtbot, editor)
    assert editor.problems.text() == "None: the revision is valid."
    assert "Rating scale: 0–4 → 0–5" in editor.changes.text()
    with (
        qtbot.waitSignal(tab.framework_adopted, timeout=WAIT),
        qtbot.waitSignal(tab.versions_loaded, timeout=WAIT),
    ):
        qtbot.mouseClick(editor.adopt_button, Qt.MouseButton.LeftButton)
    with CaseLibrary.open(service.path, readonly=True, create=False) as library:
        in_force = framework_in_force(library)
    assert in_force.scale == (0, 1, 2, 3, 4, 5)
    harm = in_force.consideration("harm")
    assert in_force.level_text(harm, 5) == "Beyond the worst the old scale could say."
    assert in_force.level_text(harm, 4).startswith("Severe")


def test_the_draft_writes_the_shipped_kinds_out_only_when_one_is_edited() -> None:
    from council_app import resources

    shipped = resources.read_text("framework.toml")
    draft = FrameworkDraft(shipped)
    assert [k["key"] for k in draft.condition_kinds()] == [k.key for k in DEFAULT_CONDITION_KINDS]
    assert draft.commitments() == {
        "waiver_needs_reason": True, "deferral_lapses_after_days": 90,
        "default_kind": "before_launch",
    }  # fmt: skip
    assert draft.text() == shipped
    draft.set_condition_kind("report_due", calls_review=["overdue"])
    framework = draft.framework()
    assert framework is not None
    assert framework.condition_kind("report_due") == ConditionKind(
        "report_due", "Report due", "A report to the council by a date, or every so many months.",
        calls_review=("overdue",),
    )  # fmt: skip
    # The others read as they did: written out, they are the shipped ones.
    assert framework.condition_kinds[0] == DEFAULT_CONDITION_KINDS[0]


def test_kinds_and_rules_set_on_the_page_are_adopted_with_the_framework(
    qtbot: QtBot, tab: FrameworkTab, editor: FrameworkEditor, service: FrameworkService
) -> None:
    _show(editor, CONDITIONS)
    name = "framework_condition_kinds_report_due"
    overdue = _field(editor, QCheckBox, f"{name}_calls_review_overdue")
    assert overdue.isVisible() and not overdue.isChecked()
    qtbot.mouseClick(overdue, Qt.MouseButton.LeftButton)
    waiver = _field(editor, QCheckBox, "framework_commitments_waiver_needs_reason")
    qtbot.mouseClick(waiver, Qt.MouseButton.LeftButton)
    _field(editor, QSpinBox, "framework_commitments_deferral_lapses_after_days").setValue(60)
    default = _field(editor, QComboBox, "framework_commitments_default_kind")
    default.setCurrentIndex(default.findData("ongoing"))

    qtbot.mouseClick(
        _field(editor, QPushButton, "framework_add_condition_kind"), Qt.MouseButton.LeftButton
    )
    assert editor.sections.currentItem().text() == CONDITIONS  # the page built again
    title = _field(editor, QLineEdit, "framework_condition_kinds_new_kind_1_title")
    title.selectAll()
    qtbot.keyClicks(title, "Audit by a third party")

    version = _field(editor, QLineEdit, "framework_version")
    version.selectAll()
    qtbot.keyClicks(version, "2027.1")
    qtbot.keyClicks(editor.note, "Sitting of 3 December: late reports call decisions back.")
    _settle(qtbot, editor)
    assert editor.problems.text() == "None: the revision is valid."
    changes = editor.changes.text()
    assert "Condition kind changed: Report due (report_due)" in changes
    assert "Condition kind added: Audit by a third party (new_kind_1)" in changes
    assert "A waiver of a condition no longer needs a reason" in changes
    assert "A deferral's requests lapse after: 90 → 60 days" in changes
    with (
        qtbot.waitSignal(tab.framework_adopted, timeout=WAIT),
        qtbot.waitSignal(tab.versions_loaded, timeout=WAIT),
    ):
        qtbot.mouseClick(editor.adopt_button, Qt.MouseButton.LeftButton)
    with CaseLibrary.open(service.path, readonly=True, create=False) as library:
        in_force = framework_in_force(library)
    assert in_force.condition_kind("report_due").calls_review == ("overdue",)  # type: ignore[union-attr]
    assert in_force.condition_kind_title("new_kind_1") == "Audit by a third party"
    assert not in_force.commitments.waiver_needs_reason
    assert in_force.commitments.deferral_lapses_after_days == 60
    assert in_force.commitments.default_kind == "ongoing"


def test_removing_the_default_kind_is_a_problem_named_on_the_page(
    qtbot: QtBot, editor: FrameworkEditor
) -> None:
    _show(editor, CONDITIONS)
    qtbot.mouseClick(
        _field(editor, QPushButton, "framework_condition_kinds_before_launch_remove"),
        Qt.MouseButton.LeftButton,
    )
    editor.settle.stop()
    editor.on_settled()
    assert "Conditions — commitments.default_kind: 'before_launch' is not one of" in (
        editor.problems.text()
    )
    assert not editor.adopt_button.isEnabled()
