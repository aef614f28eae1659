"""Settings › Members: a member's kind and register of declared interests, shown for the selected
member, declared and withdrawn there, and saved with the members through the core."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.interests import Interest
from council_app.library.members import Member, list_members
from council_app.ui.library import library_actions
from council_app.ui.settings.interests_panel import InterestsModel
from council_app.ui.settings.members_model import MembersModel
from council_app.ui.settings.settings_dialog import SettingsDialog, SettingsValues

TODAY = date(2026, 12, 3)
DECLARED = Interest(
    1, "Mateo García", "role", "sales lead for the public sector", date(2026, 1, 10), id=7
)
MEMBERS = (
    Member("Ana", "Chair"),
    Member("Mateo García", "VP Public Sector Sales", interests=(DECLARED,)),
)


@pytest.fixture
def dialog(qtbot: QtBot, tmp_path: Path, framework: Framework) -> SettingsDialog:
    values = SettingsValues(
        council_name="Council", letterhead="", members=MEMBERS, theme="system",
        default_profile="balanced", library_path=tmp_path / "library.sqlite",
    )  # fmt: skip
    dlg = SettingsDialog(values, framework)
    qtbot.addWidget(dlg)
    dlg.members_tab.interests_panel._today = TODAY
    dlg.open()
    qtbot.waitExposed(dlg)
    dlg.tabs.setCurrentIndex(1)
    return dlg


def texts(model: InterestsModel) -> list[tuple[str, ...]]:
    return [
        tuple(model.index(row, column).data() for column in range(model.columnCount()))
        for row in range(model.rowCount())
    ]


def test_the_selected_members_interests_are_declared_and_withdrawn(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    panel = dialog.members_tab.interests_panel
    ModelTester(None).check(panel.model)
    assert not panel.isEnabled()
    dialog.members_table.selectRow(1)
    assert panel.status.text() == "Mateo García: 1 of 1 interests stand."
    assert texts(panel.model) == [
        ("1", "Role", "sales lead for the public sector", "2026-01-10", "", "")
    ]
    assert not panel.declare_button.isEnabled()
    panel.kind.setCurrentIndex(panel.kind.findData("region"))
    qtbot.keyClicks(panel.text, "EU")
    qtbot.keyClicks(panel.note_field, "bonus on EU deals")
    qtbot.mouseClick(panel.declare_button, Qt.MouseButton.LeftButton)
    assert texts(panel.model)[1] == ("2", "Region", "EU", "2026-12-03", "", "bonus on EU deals")
    assert panel.text.text() == ""
    assert not panel.withdraw_button.isEnabled()
    panel.table.selectRow(0)
    assert panel.withdraw_button.isEnabled()
    qtbot.mouseClick(panel.withdraw_button, Qt.MouseButton.LeftButton)
    assert texts(panel.model)[0][4] == "2026-12-03"
    assert not panel.withdraw_button.isEnabled()  # withdrawn already
    assert panel.status.text() == "Mateo García: 1 of 2 interests stand."
    # Another member, and back: the edits are held with the member.
    dialog.members_table.selectRow(0)
    assert panel.status.text() == "Ana has declared no interests."
    dialog.members_table.selectRow(1)
    assert panel.model.rowCount() == 2
    assert dialog.members_model.setData(
        dialog.members_model.index(0, MembersModel.KIND), "External "
    )
    with qtbot.waitSignal(dialog.settings_accepted, timeout=1_000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    ana, mateo = blocker.args[0].members
    assert ana.kind == "external"
    assert [(i.id, i.text, i.withdrawn_on) for i in mateo.interests] == [
        (7, "sales lead for the public sector", TODAY),
        (0, "EU", None),
    ]


def test_ok_saves_the_register_through_the_core(
    qtbot: QtBot, demo_path: Path, framework: Framework
) -> None:
    from council_app.ui.main_window import MainWindow

    window = MainWindow(demo_path, framework)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.library_settings is not None, timeout=10_000)
    settings = window.library_settings
    assert settings is not None
    members = []
    for member in settings.members:
        if member.name == "Mateo García":
            added = Interest(3, member.name, "product", "Vision AI", TODAY, note="demo")
            member = replace(
                member,
                kind="staff",
                interests=(member.interests[0].withdrawn(TODAY), member.interests[1], added),
            )
        members.append(member)
    library_actions.apply_settings(
        window,
        SettingsValues(
            council_name=settings.council.council_name, letterhead=settings.council.letterhead,
            members=tuple(members), theme="system", default_profile=framework.default_profile_key,
            library_path=demo_path,
        ),
    )  # fmt: skip
    qtbot.waitUntil(
        lambda: any(
            m.kind == "staff"
            for m in (window.library_settings.members if window.library_settings else ())
        ),
        timeout=10_000,
    )
    window.workers.wait()
    with CaseLibrary.open(demo_path, readonly=True) as library:
        rows = list(
            library.db.execute(
                "SELECT kind, text, withdrawn_on, note FROM member_interests "
                "WHERE member = 'Mateo García' ORDER BY id"
            )
        )
        mateo = next(m for m in list_members(library) if m.name == "Mateo García")
    assert rows == [
        ("role", "sales lead for the public sector (government customers)", "2026-12-03",
         "Sales targets and bonus include public-sector and government deals."),
        ("customer", "Mtkvari Integrated Systems", None, "Signed the reseller agreement."),
        ("product", "Vision AI", None, "demo"),
    ]  # fmt: skip
    assert mateo.kind == "staff"
