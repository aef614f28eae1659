"""One record on every screen (issue 15): the case workspace, the agenda item panel of the
sitting and the presenter show each demo case with the same concern index, recommendation and
rule — those in force with the library's default profile, the members who stood aside left out.

The same sitting as tests/test_one_record.py (every demo case on its agenda, two members who
rated their case standing aside), with the default profile set to another than the framework's.
What is compared is what the screens show: the labels' text, and the rule of the score a panel
shows. Then what must follow a change while the screens are open: a new default profile
(Settings) and a recusal at the sitting.

Cost (the two-core development container, with another suite running alongside): opening the
45 workspaces ~11 s and walking the presenter through the 45 items ~7 s; the profile changed
four times with three cases on every screen ~10 s; the recusal ~3 s; the explored weights ~1 s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from council_app.council.settings import set_setting
from council_app.framework import Framework, bundled_framework
from council_app.library import CaseLibrary, import_document
from council_app.library.demo import demo_document
from council_app.ui.main_window import MainWindow
from council_app.ui.sittings.presenter_window import PresenterWindow
from council_app.ui.workspace.case_workspace import CaseWorkspace
from council_app.ui.workspace.scoring_panel import ScoringPanel
from tests.agreement import (
    ISSUE_CASE,
    NON_DEFAULT,
    Shown,
    differences,
    in_force,
    put_every_case_on_one_sitting,
)

NO_INDEX = "–"  # what the panel and the presenter show before every rating is in
# Under every profile: the issue's case and the two with a member aside.
FEW = (ISSUE_CASE, "EUC-2024-044", "EUC-2024-082")
WAIT = 30_000  # ms; scoring 45 cases on two workers takes a few seconds


@pytest.fixture
def sitting_path(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "sitting.sqlite"
    with CaseLibrary.open(path) as library:
        import_document(library, demo_document())
        session = put_every_case_on_one_sitting(library)
        set_setting(library, bundled_framework(), "default_profile", NON_DEFAULT)
    return path, session


@pytest.fixture
def council_window(
    qtbot: QtBot, sitting_path: tuple[Path, int], framework: Framework
) -> Iterator[MainWindow]:
    win = MainWindow(sitting_path[0], framework)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0, timeout=10_000)
    yield win
    win.workers.wait()


def on_panel(panel: ScoringPanel) -> Shown:
    """The panel's labels: "50.0", "Recommendation: Restrict", the reason."""
    assert panel.score is not None
    index = panel.index.text()
    return Shown(
        None if index == NO_INDEX else index,
        panel.outcome.text().removeprefix("Recommendation: "),
        panel.score.scoring.recommendation.rule,
        panel.reason.text(),
    )


def on_presenter(presenter: PresenterWindow) -> Shown:
    item = presenter.current_item()
    assert item is not None
    index = presenter.index.text()
    return Shown(
        None if index == NO_INDEX else index,
        presenter.outcome.text(),
        item.score.scoring.recommendation.rule,
        presenter.reason.text(),
    )


def open_workspaces(qtbot: QtBot, window: MainWindow, case_ids: list[str]) -> None:
    """Open the cases (all at once: each scores on a worker) and wait for every score."""
    for case_id in case_ids:
        window.open_case(case_id)

    def scored() -> bool:
        shown = {w.editor.key for w in window.workspaces() if w.panel.score is not None}
        return shown >= set(case_ids)

    qtbot.waitUntil(scored, timeout=WAIT)


def workspace(window: MainWindow, case_id: str) -> CaseWorkspace:
    return next(w for w in window.workspaces() if w.editor.key == case_id)


def click_tab(qtbot: QtBot, window: MainWindow, page: QWidget) -> None:
    """A click on the page's tab. (Not Ctrl+2: with the presenter up, the presenter is the
    active window and the main window's shortcuts do not fire.)"""
    bar = window.tabs.tabBar()
    index = window.tabs.indexOf(page)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.tabs.currentWidget() is page


def open_sitting(qtbot: QtBot, window: MainWindow, session: int) -> None:
    """The Sittings tab, the sitting chosen in its list."""
    click_tab(qtbot, window, window.sittings)
    tab = window.sittings
    qtbot.waitUntil(lambda: tab.page.select_sitting(session), timeout=10_000)
    qtbot.waitUntil(lambda: tab.view is not None and tab.view.session.id == session, timeout=WAIT)


def open_presenter(qtbot: QtBot, window: MainWindow, session: int) -> PresenterWindow:
    open_sitting(qtbot, window, session)
    tab = window.sittings
    qtbot.mouseClick(tab.page.presenter_button, Qt.MouseButton.LeftButton)
    presenter = tab.presenter
    assert presenter is not None
    qtbot.addWidget(presenter)
    return presenter


def sitting_problems(window: MainWindow, case_id: str, expected: Shown) -> list[str]:
    panel = window.sittings.item_panel
    presenter = window.sittings.presenter
    assert presenter is not None and panel.item is not None
    assert panel.item.case.id == presenter.current_case_id == case_id
    return differences(
        case_id, "the agenda item panel", expected, on_panel(panel.scoring)
    ) + differences(case_id, "the presenter", expected, on_presenter(presenter))


def test_every_case_reads_alike_in_its_workspace_the_agenda_item_and_the_presenter(
    qtbot: QtBot,
    council_window: MainWindow,
    sitting_path: tuple[Path, int],
    framework: Framework,
) -> None:
    window = council_window
    cases = {case.id: case for case in demo_document().cases}
    expected = {case_id: in_force(framework, case, NON_DEFAULT) for case_id, case in cases.items()}
    problems: list[str] = []

    open_workspaces(qtbot, window, sorted(cases))
    for case_id in sorted(cases):
        got = on_panel(workspace(window, case_id).panel)
        problems += differences(case_id, "the workspace", expected[case_id], got)

    presenter = open_presenter(qtbot, window, sitting_path[1])
    sitting = window.sittings.view
    assert sitting is not None and len(sitting.items) == len(cases)
    panel = window.sittings.item_panel
    for item in sitting.items:  # the chair moves through the agenda with Page Down
        qtbot.waitUntil(
            lambda case_id=item.case.id: (
                panel.item is not None
                and panel.item.case.id == case_id
                and presenter.current_case_id == case_id
            ),
            timeout=5000,
        )
        problems += sitting_problems(window, item.case.id, expected[item.case.id])
        qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
    presenter.close()
    assert not problems, "\n".join(problems)


def change_default_profile(qtbot: QtBot, window: MainWindow, profile: str) -> None:
    """File › Settings, another default weight profile, OK: saved by the core on a worker."""
    window.settings_action.trigger()
    dialog = window.settings_dialog
    qtbot.waitExposed(dialog)
    dialog.profile.setCurrentIndex(dialog.profile.findData(profile))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            window.library_settings is not None
            and window.library_settings.council.default_profile == profile
        ),
        timeout=10_000,
    )


def settled(qtbot: QtBot, condition: Callable[[], bool], timeout: int = 5000) -> bool:
    """Whether ``condition`` came true in time (a screen that never does is reported below)."""
    try:
        qtbot.waitUntil(condition, timeout=timeout)
    except qtbot.TimeoutError:
        return False
    return True


def scored_with(panel: ScoringPanel, profile: str) -> bool:
    return panel.score is not None and panel.score.scoring.weights.profile_key == profile


def test_a_new_default_profile_reaches_every_open_screen(
    qtbot: QtBot,
    council_window: MainWindow,
    sitting_path: tuple[Path, int],
    framework: Framework,
) -> None:
    """The workspaces of a few cases are open and the presenter is on the projector when the
    council changes its default profile in Settings, to each other profile in turn — half the
    time from the sittings tab, half from a workspace: every screen then shows the new figures."""
    window = council_window
    cases = {case.id: case for case in demo_document().cases}
    open_workspaces(qtbot, window, list(FEW))
    presenter = open_presenter(qtbot, window, sitting_path[1])
    tab = window.sittings
    problems: list[str] = []
    others = [p.key for p in framework.weight_profiles if p.key != NON_DEFAULT]
    for turn, profile in enumerate(others):
        tab.page.select_item(ISSUE_CASE)  # the item under discussion
        qtbot.waitUntil(lambda: presenter.current_case_id == ISSUE_CASE, timeout=5000)
        from_workspace = turn % 2 == 0
        click_tab(qtbot, window, workspace(window, ISSUE_CASE) if from_workspace else tab)
        change_default_profile(qtbot, window, profile)
        where = (
            f"under {profile}, changed from {'a workspace' if from_workspace else 'the sitting'}"
        )

        # Every screen is given a moment to catch up; one that does not is reported.
        panels = [workspace(window, case_id).panel for case_id in FEW]
        settled(
            qtbot,
            lambda profile=profile, panels=panels: (
                all(scored_with(panel, profile) for panel in panels)
                and scored_with(tab.item_panel.scoring, profile)
            ),
        )
        expected = in_force(framework, cases[ISSUE_CASE], profile)
        got = on_presenter(presenter)
        problems += differences(ISSUE_CASE, f"the presenter {where}", expected, got)
        for case_id in FEW:
            expected = in_force(framework, cases[case_id], profile)
            got = on_panel(workspace(window, case_id).panel)
            problems += differences(case_id, f"the workspace {where}", expected, got)

        click_tab(qtbot, window, tab)  # read again when shown
        settled(qtbot, lambda profile=profile: scored_with(tab.item_panel.scoring, profile))
        for case_id in FEW:
            tab.page.select_item(case_id)  # the chair picks the item on the agenda
            qtbot.waitUntil(
                lambda case_id=case_id: presenter.current_case_id == case_id, timeout=5000
            )
            expected = in_force(framework, cases[case_id], profile)
            problems += [
                line.replace(" shows ", f" {where} shows ")
                for line in sitting_problems(window, case_id, expected)
            ]
    presenter.close()
    assert not problems, "\n".join(problems)


def test_a_recusal_at_the_sitting_reaches_the_open_workspace(
    qtbot: QtBot,
    council_window: MainWindow,
    sitting_path: tuple[Path, int],
    framework: Framework,
) -> None:
    """A member who rated the case stands aside at the sitting while its workspace is open:
    the workspace, like the agenda item, no longer counts their ratings."""
    window = council_window
    case_id, member = "EUC-2026-083", "Zofia Nowak"  # Restrict with her ratings, Decline without
    case = next(c for c in demo_document().cases if c.id == case_id)
    before = in_force(framework, case, NON_DEFAULT)
    after = in_force(framework, case, NON_DEFAULT, aside=[member])
    assert before.outcome != after.outcome
    open_workspaces(qtbot, window, [case_id])
    assert not differences(
        case_id, "the workspace", before, on_panel(workspace(window, case_id).panel)
    )

    open_sitting(qtbot, window, sitting_path[1])
    tab = window.sittings
    panel = tab.item_panel
    tab.page.select_item(case_id)
    qtbot.waitUntil(lambda: panel.item is not None and panel.item.case.id == case_id, timeout=5000)
    panel.recuse_member.setCurrentIndex(panel.recuse_member.findText(member))
    qtbot.keyClicks(panel.recuse_reason, "joined the customer's advisory board")
    qtbot.mouseClick(panel.recuse_button, Qt.MouseButton.LeftButton)

    ws = workspace(window, case_id).panel
    settled(
        qtbot,
        lambda: (
            panel.item is not None
            and any(r.member == member for r in panel.item.recusals)
            and ws.score is not None
            and member in ws.score.council.stood_aside
        ),
    )
    problems = differences(case_id, "the agenda item panel", after, on_panel(panel.scoring))
    problems += differences(case_id, "the workspace", after, on_panel(ws))
    assert not problems, "\n".join(problems)
    assert ws.council_view.text() == panel.scoring.council_view.text()
    assert f"{member} stood aside" in ws.council_view.text()


def test_weights_being_explored_stay_until_reset_returns_to_the_new_default(
    qtbot: QtBot, council_window: MainWindow, framework: Framework
) -> None:
    """Exploring other weights in the panel is not undone by a new default profile; Reset then
    returns to the new one, and the workspace agrees with the rest again."""
    window = council_window
    case = next(c for c in demo_document().cases if c.id == ISSUE_CASE)
    open_workspaces(qtbot, window, [ISSUE_CASE])
    ws = workspace(window, ISSUE_CASE)
    profile = ws.panel.weights.profile
    profile.setCurrentIndex(profile.findData("equal"))  # the member explores Equal weights
    qtbot.waitUntil(lambda: scored_with(ws.panel, "equal"), timeout=5000)

    change_default_profile(qtbot, window, "balanced")
    qtbot.waitUntil(lambda: ws.context.weights.profile_key == "balanced", timeout=5000)
    assert scored_with(ws.panel, "equal") and profile.currentData() == "equal"

    qtbot.mouseClick(ws.panel.weights.reset, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: scored_with(ws.panel, "balanced"), timeout=5000)
    expected = in_force(framework, case, "balanced")
    assert not differences(ISSUE_CASE, "the workspace", expected, on_panel(ws.panel))
