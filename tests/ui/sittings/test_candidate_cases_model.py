"""The "Add case" box's model keeps Qt's rules for item models, with its separator between the
undecided and the decided cases, when filled and filled again as the library changes."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.ui.sittings.candidate_cases_model import SEPARATOR, CandidateCasesModel, undecided


def test_the_candidate_cases_pass_the_model_tester(
    qtmodeltester: ModelTester, framework: Framework, demo_library: CaseLibrary
) -> None:
    summaries = demo_library.list_cases()
    open_cases = [s for s in summaries if undecided(s)]
    decided = [s for s in summaries if not undecided(s)]
    assert open_cases and decided  # the demo library has both, so the separator shows
    model = CandidateCasesModel(framework)
    model.set_cases(summaries)
    qtmodeltester.check(model)
    assert model.rowCount() == len(summaries) + 1
    assert model.case_count() == len(summaries)
    assert model.rowCount(model.index(0, 0)) == 0  # a list: no row has children
    first = model.index(0, 0)
    assert first.data(Qt.ItemDataRole.UserRole) == open_cases[0].id
    assert first.data() == f"{open_cases[0].id} — {open_cases[0].title}"
    separator = model.index(len(open_cases), 0)
    assert separator.data(Qt.ItemDataRole.AccessibleDescriptionRole) == SEPARATOR
    assert separator.data() is None
    assert not separator.flags() & Qt.ItemFlag.ItemIsSelectable
    decided_tip = model.index(len(open_cases) + 1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert decided_tip.startswith(f"{decided[0].id} — ") and "(Decided: " in decided_tip
    assert model.data(QModelIndex()) is None
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags  # the root is no item

    # The library changed: only decided cases are left, and no separator is shown.
    model.set_cases(decided)
    assert model.rowCount() == len(decided) == model.case_count()
    model.set_cases([])
    assert model.rowCount() == 0
