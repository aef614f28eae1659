from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QToolButton,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from council_app.framework import Framework
from council_app.library.members import Member
from council_app.ui.library import library_actions
from council_app.ui.settings.members_model import MEMBER_ROLE, MembersModel
from council_app.ui.settings.settings_dialog import SettingsDialog, SettingsValues

MEMBERS = (
    Member("Amara Osei", "Chair", True, date(2023, 1, 1)),
    Member("Jonas Weber", "Privacy counsel"),
    Member("Lena Park", "Adviser", False, date(2024, 3, 1), date(2025, 12, 31)),
)


@pytest.fixture
def values(tmp_path: Path) -> SettingsValues:
    return SettingsValues(
        council_name="Ethical Use Advisory Council",
        letterhead="",
        members=MEMBERS,
        theme="system",
        default_profile="balanced",
        library_path=tmp_path / "library.sqlite",
    )


@pytest.fixture
def dialog(qtbot: QtBot, values: SettingsValues, framework: Framework) -> SettingsDialog:
    dlg = SettingsDialog(values, framework)
    qtbot.addWidget(dlg)
    dlg.open()
    qtbot.waitExposed(dlg)
    return dlg


def _cell(dialog: SettingsDialog, row: int, column: int) -> QModelIndex:
    return dialog.members_model.index(row, column)


def test_edits_come_back_in_the_accepted_values(
    qtbot: QtBot, dialog: SettingsDialog, values: SettingsValues
) -> None:
    dialog.council_name.clear()
    qtbot.keyClicks(dialog.council_name, "Responsible Technology Council")
    qtbot.keyClicks(dialog.letterhead, "Meridian Systems · Office of Responsible Technology")

    dialog.tabs.setCurrentIndex(1)
    model = dialog.members_model
    qtbot.mouseClick(dialog.add_member_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 4
    assert not dialog.ok_button.isEnabled()  # the new member has no name yet
    assert "needs a name" in dialog.members_problems.text()
    assert model.setData(_cell(dialog, 3, MembersModel.NAME), "  Rosa Díaz ")
    assert model.setData(_cell(dialog, 3, MembersModel.ROLE), "Ethicist")
    assert model.setData(
        _cell(dialog, 3, MembersModel.VOTING),
        Qt.CheckState.Unchecked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    assert model.setData(_cell(dialog, 3, MembersModel.ACTIVE_FROM), "2025-06-01")
    # Dates that are not YYYY-MM-DD days are refused and leave the cell as it was.
    for bad in ("2025-02-30", "1 June 2025", "20250601", "soon"):
        assert not model.setData(_cell(dialog, 3, MembersModel.ACTIVE_TO), bad)
    assert model.data(_cell(dialog, 3, MembersModel.ACTIVE_TO)) == ""
    assert dialog.ok_button.isEnabled()

    dialog.members_table.selectRow(1)  # Jonas Weber
    assert dialog.remove_member_button.isEnabled()
    qtbot.mouseClick(dialog.remove_member_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 3
    assert dialog.members_table.selectionModel().selectedRows()[0].row() == 1  # Lena Park, next

    rule = dialog.quorum_rule
    assert rule.currentText() == "A majority of the voting members"
    rule.setCurrentIndex(rule.findData("two_thirds"))

    dialog.tabs.setCurrentIndex(2)
    profile = dialog.profile
    profile.setCurrentIndex(profile.findData("harm_first"))
    assert dialog.share_labels["harm"].text() == "0.450"
    assert "harm dominates" in dialog.profile_description.text()

    dialog.tabs.setCurrentIndex(3)
    dark = dialog.theme_buttons["dark"]
    qtbot.mouseClick(dark, Qt.MouseButton.LeftButton, pos=QPoint(4, dark.height() // 2))

    with qtbot.waitSignal(dialog.settings_accepted, timeout=1_000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    accepted = blocker.args[0]
    assert accepted == SettingsValues(
        council_name="Responsible Technology Council",
        letterhead="Meridian Systems · Office of Responsible Technology",
        members=(
            MEMBERS[0],
            MEMBERS[2],
            Member("Rosa Díaz", "Ethicist", False, date(2025, 6, 1), None),
        ),
        theme="dark",
        default_profile="harm_first",
        library_path=values.library_path,
        quorum_rule="two_thirds",
    )
    assert dialog.values() == accepted
    assert not dialog.isVisible()


def test_a_blank_council_name_disables_ok(qtbot: QtBot, dialog: SettingsDialog) -> None:
    assert dialog.ok_button.isEnabled()
    assert not dialog.council_name_hint.isVisible()
    dialog.council_name.selectAll()
    qtbot.keyClick(dialog.council_name, Qt.Key.Key_Delete)
    qtbot.keyClicks(dialog.council_name, "   ")
    assert not dialog.ok_button.isEnabled()
    assert dialog.council_name_hint.isVisible()
    assert "Council tab" in dialog.problems.text()
    with qtbot.assertNotEmitted(dialog.settings_accepted, wait=50):
        dialog.accept()
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.council_name, "Council")
    assert dialog.ok_button.isEnabled()
    assert dialog.problems.text() == ""


def test_duplicate_member_names_disable_ok(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.tabs.setCurrentIndex(1)
    model = dialog.members_model
    assert model.setData(_cell(dialog, 1, MembersModel.NAME), "Amara Osei")
    assert not dialog.ok_button.isEnabled()
    assert dialog.members_problems.isVisible()
    assert "Amara Osei appears twice" in dialog.members_problems.text()
    assert "Members tab" in dialog.problems.text()
    assert model.setData(_cell(dialog, 1, MembersModel.NAME), "Jonas Weber")
    assert dialog.ok_button.isEnabled()
    assert not dialog.members_problems.isVisible()


def test_membership_ending_before_it_starts_disables_ok(dialog: SettingsDialog) -> None:
    model = dialog.members_model
    assert model.setData(_cell(dialog, 2, MembersModel.ACTIVE_TO), "2024-01-01")
    assert not dialog.ok_button.isEnabled()
    assert "Lena Park: the end of membership" in dialog.members_problems.text()
    assert model.setData(_cell(dialog, 2, MembersModel.ACTIVE_TO), "")
    assert model.data(_cell(dialog, 2, 0), MEMBER_ROLE).active_to is None
    assert dialog.ok_button.isEnabled()


def test_members_can_be_edited_from_the_keyboard(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.tabs.setCurrentIndex(1)
    qtbot.mouseClick(dialog.add_member_button, Qt.MouseButton.LeftButton)
    editor = dialog.members_table.focusWidget()
    assert isinstance(editor, QLineEdit)  # Add member starts editing the new name
    qtbot.keyClicks(editor, "Rosa Diaz")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits the edit on its next turn
    qtbot.waitUntil(lambda: dialog.members_model.members()[-1].name == "Rosa Diaz", timeout=1_000)

    table = dialog.members_table
    table.setFocus()
    table.setCurrentIndex(_cell(dialog, 3, MembersModel.VOTING))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert dialog.members_model.members()[-1].voting is False


def test_the_weights_tab_shows_each_profile_as_shares(
    dialog: SettingsDialog, framework: Framework
) -> None:
    assert dialog.profile.count() == len(framework.weight_profiles)
    assert dialog.profile.currentData() == "balanced"
    assert dialog.profile.currentText() == "Balanced"
    assert {k: label.text() for k, label in dialog.share_labels.items()} == {
        "use_case": "0.200",
        "harm": "0.300",
        "principles": "0.250",
        "actions": "0.150",
        "geopolitics": "0.100",
    }
    dialog.profile.setCurrentIndex(dialog.profile.findData("equal"))
    assert {label.text() for label in dialog.share_labels.values()} == {"0.200"}
    assert dialog.share_bars["harm"].value() == 200


def test_an_unknown_profile_or_theme_falls_back_to_the_defaults(
    qtbot: QtBot, values: SettingsValues, framework: Framework
) -> None:
    dlg = SettingsDialog(replace(values, default_profile="gone", theme="sepia"), framework)
    qtbot.addWidget(dlg)
    assert dlg.values().default_profile == framework.default_profile_key
    assert dlg.values().theme == "system"


def test_library_buttons_request_a_switch_and_close(
    qtbot: QtBot, dialog: SettingsDialog, values: SettingsValues, tmp_path: Path
) -> None:
    dialog.tabs.setCurrentIndex(4)
    assert dialog.library_path_field.text() == str(values.library_path)
    assert dialog.library_path_field.isReadOnly()

    other = tmp_path / "2027.sqlite"
    dialog.choose_library_file = lambda: other  # type: ignore[method-assign]
    with (
        qtbot.waitSignal(dialog.library_switch_requested, timeout=1_000) as blocker,
        qtbot.assertNotEmitted(dialog.settings_accepted),
    ):
        qtbot.mouseClick(dialog.open_library_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [other]
    assert not dialog.isVisible()


def test_new_library_requests_creation_and_cancelling_does_nothing(
    qtbot: QtBot, dialog: SettingsDialog, tmp_path: Path
) -> None:
    dialog.tabs.setCurrentIndex(4)
    dialog.choose_new_library_file = lambda: None  # type: ignore[method-assign]
    with qtbot.assertNotEmitted(dialog.library_create_requested, wait=50):
        qtbot.mouseClick(dialog.new_library_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()

    created = tmp_path / "empty.sqlite"
    dialog.choose_new_library_file = lambda: created  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.library_create_requested, timeout=1_000) as blocker:
        qtbot.mouseClick(dialog.new_library_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [created]


def test_members_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = MembersModel(MEMBERS)
    qtmodeltester.check(model)
    model.add_member(Member("Rosa Díaz"))
    model.insertRows(0, 2)
    model.removeRows(1, 2)
    qtmodeltester.check(model)
    assert [m.name for m in model.members()] == ["", "Jonas Weber", "Lena Park", "Rosa Díaz"]


def test_members_model_shows_and_takes_values(framework: Framework) -> None:
    model = MembersModel(MEMBERS)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Voting"
    lena = model.index(2, MembersModel.VOTING)
    assert model.data(lena, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.data(lena, Qt.ItemDataRole.AccessibleTextRole) == "Does not vote"
    assert model.flags(lena) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.flags(lena) & Qt.ItemFlag.ItemIsEditable
    assert model.data(model.index(2, MembersModel.ACTIVE_TO)) == "2025-12-31"
    assert model.setData(lena, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.members()[2].voting is True
    assert not model.setData(model.index(0, MembersModel.NAME), 42)
    assert not model.removeRows(2, 5)


def _unnamed_interactive_widgets(dialog: SettingsDialog) -> list[str]:
    interactive = (QLineEdit, QAbstractItemView, QAbstractButton, QComboBox)
    return [
        w.objectName() or f"{type(w).__name__} {w.property('text') or ''}".strip()
        for w in dialog.findChildren(QWidget)
        if isinstance(w, interactive)
        and w.isVisible()
        and not w.accessibleName()
        # the tab bar's scroll arrows are Qt's own
        and not isinstance(w, QToolButton)
    ]


def test_every_interactive_widget_on_every_tab_has_an_accessible_name(
    dialog: SettingsDialog,
) -> None:
    seen: set[str] = set()
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        assert _unnamed_interactive_widgets(dialog) == [], dialog.tabs.tabText(index)
        seen |= {
            w.accessibleName()
            for w in dialog.tabs.currentWidget().findChildren(QWidget)
            if w.isVisible() and isinstance(w, (QLineEdit, QAbstractButton, QComboBox))
        }
    assert {
        "Council name",
        "Letterhead line",
        "Add member",
        "Default weight profile",
        "Dark theme",
        "Open another library",
        "New empty library",
    } <= seen


def test_language_and_page_size_are_edited_on_the_council_tab(
    qtbot: QtBot, dialog: SettingsDialog, values: SettingsValues
) -> None:
    assert dialog.language.text() == "en"
    assert dialog.page_size.currentText() == "A4"
    assert not dialog.language_hint.isVisible()
    dialog.language.clear()
    qtbot.keyClicks(dialog.language, "English")
    assert not dialog.ok_button.isEnabled()
    assert dialog.language_hint.isVisible()
    assert "'English' is not a language tag" in dialog.language_hint.text()
    assert "language needs a tag" in dialog.problems.text()
    dialog.language.clear()
    qtbot.keyClicks(dialog.language, "de-ch")
    assert dialog.ok_button.isEnabled() and not dialog.language_hint.isVisible()
    dialog.page_size.setFocus()
    qtbot.keyClick(dialog.page_size, Qt.Key.Key_Down)
    assert dialog.page_size.currentText() == "Letter"
    with qtbot.waitSignal(dialog.settings_accepted, timeout=1_000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == replace(values, language="de-CH", page_size="Letter")
    names = {w.accessibleName() for w in (dialog.language, dialog.page_size)}
    assert names == {"Language of memos and minutes", "Page size of memos and minutes"}


def test_saving_the_settings_keeps_what_the_dialog_does_not_show(
    qtbot: QtBot, demo_path: Path, framework: Framework
) -> None:
    from council_app.council.settings import load_settings, set_setting
    from council_app.library import CaseLibrary
    from council_app.precedent import BlendWeights
    from council_app.ui.main_window import MainWindow

    with CaseLibrary.open(demo_path) as library:
        set_setting(library, framework, "precedent_blend", "text=0.5")
    window = MainWindow(demo_path, framework)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.library_settings is not None, timeout=10_000)
    settings = window.library_settings
    assert settings is not None
    library_actions.apply_settings(
        window,
        SettingsValues(
            council_name=settings.council.council_name,
            letterhead=settings.council.letterhead,
            members=settings.members,
            theme="system",
            default_profile=framework.default_profile_key,
            library_path=demo_path,
            language="fr-CA",
            page_size="Letter",
        ),
    )
    qtbot.waitUntil(
        lambda: (
            window.library_settings is not None
            and window.library_settings.council.language == "fr-CA"
        ),
        timeout=10_000,
    )
    with CaseLibrary.open(demo_path, readonly=True) as library:
        saved = load_settings(library)
    assert (saved.language, saved.page_size) == ("fr-CA", "Letter")
    assert saved.precedent_blend == BlendWeights(text=0.5)
    window.workers.wait()


def test_the_quorum_may_ask_for_members_of_a_kind_the_members_have(
    qtbot: QtBot, demo_path: Path, framework: Framework
) -> None:
    from council_app.council.sessions import quorum_composition
    from council_app.library import CaseLibrary
    from council_app.ui.main_window import MainWindow

    window = MainWindow(demo_path, framework)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.library_settings is not None, timeout=10_000)
    library_actions.open_settings(window)
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    field = dialog.quorum_composition
    assert field.text() == ""
    field.setText("1:observer")  # no demo member is of that kind
    assert not dialog.ok_button.isEnabled()
    assert "No voting member is of the kind 'observer'" in dialog.problems.text()
    field.setText("1 external, two")
    assert "Write a requirement of the quorum as a number and a kind" in dialog.problems.text()
    field.setText("1:external")  # the demo's external member
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            window.library_settings is not None
            and window.library_settings.council.quorum_composition == "1:external"
        ),
        timeout=10_000,
    )
    with CaseLibrary.open(demo_path, readonly=True) as library:
        assert [r.key() for r in quorum_composition(library)] == ["1:external"]
    window.workers.wait()
