"""The workspace's list tables (proposed actions, stakeholder input, conditions, votes, dissent)
keep Qt's rules for item models when a case is shown and when a member adds, edits and removes
rows through the real buttons and cells."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from council_app.case import Mitigation
from council_app.library.demo import demo_document
from council_app.ui.main_window import MainWindow
from council_app.ui.workspace.list_pages import DecisionPage, MitigationsPage, StakeholdersPage
from council_app.ui.workspace.rows_model import VALUE_ROLE, Column, RowsModel
from tests.ui.workspace.test_workspace import open_workspace

# A demo case with actions, stakeholder input, conditions, votes and dissent.
CASE = "EUC-2022-021"


def test_the_list_tables_pass_the_model_tester(
    check_model: Callable[[QAbstractItemModel], None], qtbot: QtBot, window: MainWindow
) -> None:
    recorded = next(c for c in demo_document().cases if c.id == CASE)
    assert recorded.decision is not None and recorded.decision.conditions
    workspace = open_workspace(qtbot, window, CASE)

    workspace.go_to("mitigations")
    actions = workspace.page("mitigations")
    assert isinstance(actions, MitigationsPage)
    model = actions.table.model
    check_model(model)
    assert model.rowCount() == len(recorded.mitigations)
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no row has children
    assert model.index(0, 0).data() == recorded.mitigations[0].description
    assert model.data(QModelIndex()) is None
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Description"

    # Add, edit a cell, remove: each an edit of the case, shown back by resetting the model.
    qtbot.mouseClick(actions.table.add, Qt.MouseButton.LeftButton)
    assert model.rowCount() == len(recorded.mitigations) + 1
    assert model.index(model.rowCount() - 1, 0).data() == "New action"
    last = model.index(model.rowCount() - 1, 0)
    assert model.setData(last, "Quarterly audit of the watch list")
    assert workspace.case.mitigations[-1].description == "Quarterly audit of the watch list"
    assert model.index(model.rowCount() - 1, 0).data() == "Quarterly audit of the watch list"
    actions.table.view.selectRow(0)
    qtbot.mouseClick(actions.table.remove, Qt.MouseButton.LeftButton)
    assert model.rowCount() == len(recorded.mitigations)
    assert [m.description for m in workspace.case.mitigations][-1] == (
        "Quarterly audit of the watch list"
    )

    workspace.go_to("stakeholders")
    stakeholders = workspace.page("stakeholders")
    assert isinstance(stakeholders, StakeholdersPage)
    check_model(stakeholders.table.model)
    assert stakeholders.table.model.rowCount() == len(recorded.stakeholder_input)

    workspace.go_to("decision")
    decision = workspace.page("decision")
    assert isinstance(decision, DecisionPage)
    for table in (decision.conditions, decision.votes, decision.dissent):
        check_model(table.model)
    assert decision.conditions.model.rowCount() == len(recorded.decision.conditions)
    assert decision.dissent.model.rowCount() == len(recorded.decision.dissent)
    votes = decision.votes.model
    shown = {  # every member has a row; those who voted show their vote
        votes.index(row, 0).data(): votes.index(row, 1).data(VALUE_ROLE)
        for row in range(votes.rowCount())
    }
    assert {v.member: v.vote for v in recorded.decision.votes}.items() <= shown.items()
    conditions = decision.conditions.model
    headers = [conditions.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Condition", "Kind", "Owner", "Due", "Every", "Status"]
    first = recorded.decision.conditions[0]
    assert first.history and first.evidence  # met, with a file as evidence
    due = conditions.index(0, 3)
    assert conditions.setData(due, "2027-06-30")
    assert workspace.case.decision is not None
    assert workspace.case.decision.conditions[0].due == date(2027, 6, 30)
    assert conditions.index(0, 3).data(VALUE_ROLE) == date(2027, 6, 30)
    assert not conditions.setData(due, "30 June")  # not a date: refused
    # The kind is chosen by its title; the recurrence in months; the status only shown.
    assert conditions.index(0, 1).data() == "Before launch"
    assert conditions.index(0, 5).data() == "Met"
    assert str(conditions.index(0, 5).data(Qt.ItemDataRole.ToolTipRole)).startswith("Met on ")
    assert conditions.setData(conditions.index(0, 1), "ongoing")
    assert conditions.setData(conditions.index(0, 4), 6)
    assert conditions.index(0, 4).data() == "every 6 months"
    # Met once in 2022, a report every six months is overdue since: the status follows.
    assert conditions.index(0, 5).data() == "Overdue"
    assert not conditions.index(0, 5).flags() & Qt.ItemFlag.ItemIsEditable
    assert not conditions.setData(conditions.index(0, 5), "breached")
    # Edited, the condition keeps its history and evidence.
    edited = workspace.case.decision.conditions[0]
    assert (edited.kind, edited.every_months) == ("ongoing", 6)
    assert (edited.history, edited.evidence) == (first.history, first.evidence)
    # A new condition is of the framework's default kind.
    qtbot.mouseClick(decision.conditions.add, Qt.MouseButton.LeftButton)
    assert workspace.case.decision.conditions[-1].kind == "before_launch"


def test_a_rows_model_on_its_own_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    changes: list[tuple[int, object]] = []
    model = RowsModel(
        (Column("Description", "description"), Column("Owner", "owner", editable=False)),
        lambda row, item: changes.append((row, item)),
    )
    qtmodeltester.check(model)
    model.set_items([Mitigation(description="Audit"), Mitigation(description="Log access")])
    assert model.rowCount() == 2
    assert not model.index(0, 1).flags() & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(1, 0), "Log every access")
    assert changes == [(1, Mitigation(description="Log every access"))]
    assert model.index(1, 0).data() == "Log access"  # unchanged until the case comes back
    model.set_items([])
    assert model.rowCount() == 0
