"""The presenter screen shows what the core says about the current agenda item, large, and a
clicker moves through the agenda."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QAbstractSlider, QLabel, QWidget
from pytestqt.qtbot import QtBot

from council_app.council import sessions as s
from council_app.council.agenda import SittingView, sitting_view
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.ui.common.palette import outcome_colour
from council_app.ui.sittings.presenter_window import PresenterWindow, projector_screen

AGENDA = ("EUC-2026-083", "EUC-2026-022", "EUC-2026-077", "EUC-2026-014")


@pytest.fixture
def sitting(demo_library: CaseLibrary) -> int:
    sid = s.create_session(demo_library, "December sitting", date(2026, 12, 3))
    for case_id, minutes in zip(AGENDA, (20, 15, None, 25), strict=True):
        s.add_to_agenda(demo_library, sid, case_id, minutes=minutes)
    s.set_attendance(demo_library, sid, absent=["Zofia Nowak"])
    s.recuse(demo_library, sid, "EUC-2026-022", "Priya Raman", "advised the customer")
    s.set_status(demo_library, sid, "open")
    s.record_vote(demo_library, sid, "EUC-2026-083", "Amara Okafor", "restrict")
    s.record_vote(demo_library, sid, "EUC-2026-083", "Yusuf Demir", "abstain")
    return sid


@pytest.fixture
def view(demo_library: CaseLibrary, framework: Framework, sitting: int) -> SittingView:
    return sitting_view(demo_library, framework, sitting)


@pytest.fixture
def presenter(qtbot: QtBot) -> PresenterWindow:
    window = PresenterWindow()
    qtbot.addWidget(window)
    return window


def shown_case(window: PresenterWindow) -> str:
    return window.case_id.text()


def test_shows_the_first_item_with_the_councils_scoring(
    presenter: PresenterWindow, view: SittingView, framework: Framework
) -> None:
    presenter.show_sitting(view)
    item = view.items[0]
    scoring = item.score.scoring
    assert presenter.current_case_id == "EUC-2026-083"
    assert presenter.sitting.text() == "December sitting  ·  Thursday 3 December 2026"
    assert presenter.position.text() == "Item 1 of 4  ·  20 minutes"
    assert presenter.case_id.text() == "EUC-2026-083"
    assert presenter.case_title.text() == item.case.title
    assert presenter.question.text() == item.case.question
    assert presenter.index.text() == str(scoring.shown_index) == "68.1"
    assert presenter.outcome.text() == framework.outcome_title(scoring.recommendation.outcome)
    assert presenter.outcome.text() == "Restrict"
    assert presenter.reason.text() == scoring.recommendation.reason
    assert presenter.bars.contributions == scoring.contributions
    assert presenter.quorum.text() == item.quorum.sentence()
    assert presenter.quorum.text().startswith("Quorum: 7 of 8 voting members present")
    assert presenter.tally.text() == "Votes: " + item.tally.sentence(framework)
    assert "Restrict 1" in presenter.tally.text()
    # Two of the four members rated privacy 4, a red line the median (3.5) does not meet: the
    # council must still see it, with who.
    assert not scoring.recommendation.red_lines
    assert not presenter.red_lines.isHidden()
    red = presenter.red_lines.text()
    assert red.count("To discuss") == 1  # one red line, the two members named together
    assert "Jonas Lindqvist" in red and "Élodie Marchand" in red and "Privacy rated 4" in red
    assert presenter.disagreements.isHidden()
    assert presenter.recused.isHidden()
    assert presenter.decision.isHidden()
    assert "December sitting" in presenter.windowTitle()


def test_recusals_disagreements_and_red_lines(
    presenter: PresenterWindow, view: SittingView
) -> None:
    presenter.show_sitting(view, "EUC-2026-022")
    item = view.item("EUC-2026-022")
    assert item is not None and "Priya Raman" not in item.score.council.members
    assert presenter.recused.text() == (
        f"Recused: Priya Raman — ratings left out (median of {len(item.score.council.members)} "
        "members)"
    )
    assert "(Priya Raman recused)" in presenter.quorum.text()
    assert presenter.position.text() == "Item 2 of 4  ·  15 minutes"

    presenter.set_current("EUC-2026-077")
    assert presenter.position.text() == "Item 3 of 4"  # no time budget
    assert presenter.recused.isHidden()
    assert not presenter.disagreements.isHidden()
    assert presenter.disagreements_caption.text() == "Members disagree on 2 ratings"
    flags = presenter.disagreements.text()
    assert "Effectiveness of proposed actions" in flags
    assert "Élodie Marchand rated 1" in flags and "Yusuf Demir rated 3" in flags
    assert "Principle: Human rights" in flags

    presenter.set_current("EUC-2026-014")
    assert presenter.outcome.text() == "Decline"
    assert not presenter.red_lines.isHidden()
    assert "A guiding principle rated at the top of its scale" in presenter.red_lines.text()
    assert "at least Restrict" in presenter.red_lines.text()


def test_an_unknown_current_item_falls_back_to_the_first(
    presenter: PresenterWindow, view: SittingView
) -> None:
    presenter.show_sitting(view, "EUC-2020-001")
    assert shown_case(presenter) == "EUC-2026-083"
    presenter.set_current("EUC-2020-001")
    assert shown_case(presenter) == "EUC-2026-083"


def test_keys_move_through_the_agenda_and_say_so(
    qtbot: QtBot, presenter: PresenterWindow, view: SittingView
) -> None:
    with qtbot.waitSignal(presenter.current_changed, timeout=1000) as first:
        presenter.show_sitting(view)
    assert first.args == ["EUC-2026-083"]
    steps = [
        (Qt.Key.Key_Right, "EUC-2026-022"),
        (Qt.Key.Key_PageDown, "EUC-2026-077"),
        (Qt.Key.Key_Space, "EUC-2026-014"),
        (Qt.Key.Key_Left, "EUC-2026-077"),
        (Qt.Key.Key_PageUp, "EUC-2026-022"),
        (Qt.Key.Key_End, "EUC-2026-014"),
        (Qt.Key.Key_Home, "EUC-2026-083"),
    ]
    for key, expected in steps:
        with qtbot.waitSignal(presenter.current_changed, timeout=1000) as moved:
            qtbot.keyClick(presenter, key)
        assert moved.args == [expected]
        assert shown_case(presenter) == expected
    # At either end of the agenda a key press goes nowhere and says nothing.
    with qtbot.assertNotEmitted(presenter.current_changed):
        qtbot.keyClick(presenter, Qt.Key.Key_PageUp)
        presenter.set_current("EUC-2026-083")
    qtbot.keyClick(presenter, Qt.Key.Key_End)
    with qtbot.assertNotEmitted(presenter.current_changed):
        qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
    assert shown_case(presenter) == "EUC-2026-014"
    assert presenter.position.text() == "Item 4 of 4  ·  25 minutes"


def test_set_current_follows_the_sitting_page(
    qtbot: QtBot, presenter: PresenterWindow, view: SittingView
) -> None:
    presenter.show_sitting(view)
    with qtbot.waitSignal(presenter.current_changed, timeout=1000) as moved:
        presenter.set_current("EUC-2026-077")
    assert moved.args == ["EUC-2026-077"]
    assert presenter.question.text() == view.items[2].case.question


def test_a_fresh_view_after_a_vote_keeps_the_item(
    qtbot: QtBot,
    presenter: PresenterWindow,
    view: SittingView,
    demo_library: CaseLibrary,
    framework: Framework,
    sitting: int,
) -> None:
    presenter.show_sitting(view, "EUC-2026-022")
    assert presenter.tally.text() == "Votes: No votes yet."
    s.record_vote(demo_library, sitting, "EUC-2026-022", "Hannah Brennan", "decline")
    with qtbot.assertNotEmitted(presenter.current_changed):
        presenter.show_sitting(sitting_view(demo_library, framework, sitting))
    assert shown_case(presenter) == "EUC-2026-022"
    assert presenter.tally.text() == "Votes: Decline 1; most votes: Decline."

    # The decision, once recorded, shows in the footer of its item.
    presenter.set_current("EUC-2026-083")
    s.record_decision(
        demo_library,
        framework,
        sitting,
        "EUC-2026-083",
        "restrict",
        distinction="Opted-in supporters only.",
    )
    presenter.show_sitting(sitting_view(demo_library, framework, sitting))
    assert shown_case(presenter) == "EUC-2026-083"
    assert not presenter.decision.isHidden()
    assert presenter.decision.text().startswith("Decided: Restrict, Thursday 3 December 2026")
    assert "review by" in presenter.decision.text()


def test_no_quorum_is_shown_as_a_warning(
    presenter: PresenterWindow, demo_library: CaseLibrary, framework: Framework, sitting: int
) -> None:
    s.set_attendance(
        demo_library,
        sitting,
        absent=["Amara Okafor", "Hannah Brennan", "Jonas Lindqvist", "Mateo García"],
    )
    view = sitting_view(demo_library, framework, sitting)
    presenter.show_sitting(view)
    assert presenter.quorum.text() == view.items[0].quorum.sentence()
    assert presenter.quorum.text().startswith("No quorum: 3 of 8")
    warning = outcome_colour("decline", presenter.palette()).name()
    assert warning in presenter.quorum.styleSheet()


def test_a_new_sitting_starts_at_its_first_item(
    presenter: PresenterWindow,
    view: SittingView,
    demo_library: CaseLibrary,
    framework: Framework,
) -> None:
    presenter.show_sitting(view, "EUC-2026-077")
    other = s.create_session(demo_library, "January sitting", date(2027, 1, 14))
    s.add_to_agenda(demo_library, other, "EUC-2026-090")
    s.add_to_agenda(demo_library, other, "EUC-2026-077")
    presenter.show_sitting(sitting_view(demo_library, framework, other))
    assert shown_case(presenter) == "EUC-2026-090"
    assert presenter.index.text() == "–"  # a draft, not yet rated in full
    assert presenter.outcome.text() == "Defer"


def test_an_empty_agenda(
    qtbot: QtBot, presenter: PresenterWindow, demo_library: CaseLibrary, framework: Framework
) -> None:
    empty = s.create_session(demo_library, "Extra sitting", date(2027, 2, 1))
    with qtbot.assertNotEmitted(presenter.current_changed):
        presenter.show_sitting(sitting_view(demo_library, framework, empty))
        qtbot.keyClick(presenter, Qt.Key.Key_Right)  # nothing to move to, nothing breaks
    assert presenter.current_case_id is None
    assert presenter.placeholder.text() == "Nothing on the agenda yet."
    assert not presenter.placeholder.isHidden()
    assert presenter.item_area.isHidden()
    assert presenter.sitting.text() == "Extra sitting  ·  Monday 1 February 2027"


def test_type_is_about_twice_the_system_font(presenter: PresenterWindow, view: SittingView) -> None:
    presenter.show_sitting(view)
    system = presenter.font().pointSizeF()
    assert system > 0
    assert presenter.question.font().pointSizeF() == pytest.approx(2 * system)
    assert presenter.case_title.font().pointSizeF() > 2 * system
    assert presenter.index.font().pointSizeF() > 4 * system
    assert presenter.outcome.font().pointSizeF() > 2 * system
    for label in (presenter.quorum, presenter.tally, presenter.reason, presenter.position):
        assert label.font().pointSizeF() > system
    assert presenter.bars.font().pointSizeF() > system


def test_the_type_follows_a_change_of_system_font(
    presenter: PresenterWindow, view: SittingView
) -> None:
    presenter.show_sitting(view)
    font = presenter.font()
    font.setPointSizeF(font.pointSizeF() + 3)
    presenter.setFont(font)
    assert presenter.question.font().pointSizeF() == pytest.approx(2 * font.pointSizeF())


def test_the_chair_can_zoom(qtbot: QtBot, presenter: PresenterWindow, view: SittingView) -> None:
    presenter.show_sitting(view)
    before = presenter.question.font().pointSizeF()
    qtbot.keyClick(presenter, Qt.Key.Key_Plus)
    assert presenter.question.font().pointSizeF() > before
    qtbot.keyClick(presenter, Qt.Key.Key_0)
    assert presenter.question.font().pointSizeF() == pytest.approx(before)
    qtbot.keyClick(presenter, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert presenter.question.font().pointSizeF() < before


def test_every_item_fits_a_720p_projector(
    qtbot: QtBot, presenter: PresenterWindow, view: SittingView
) -> None:
    presenter.resize(1280, 720)
    presenter.show_sitting(view)
    presenter.show()
    qtbot.waitExposed(presenter)
    for case_id in AGENDA:
        presenter.set_current(case_id)
        width, room = presenter.item_area.width(), presenter.item_area.height()
        assert presenter._item_layout.totalHeightForWidth(width) <= room, case_id
        assert presenter.question.font().pointSizeF() >= 1.5 * presenter.font().pointSizeF()


def test_full_screen_and_escape(
    qtbot: QtBot, presenter: PresenterWindow, view: SittingView
) -> None:
    presenter.show_sitting(view)
    presenter.show()
    qtbot.waitExposed(presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_F)
    assert presenter.isFullScreen()
    qtbot.keyClick(presenter, Qt.Key.Key_F11)
    assert not presenter.isFullScreen()
    qtbot.keyClick(presenter, Qt.Key.Key_F11)
    assert presenter.isFullScreen()
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)  # first, out of full screen
    assert not presenter.isFullScreen()
    assert presenter.isVisible()
    with qtbot.waitSignal(presenter.closed, timeout=1000):
        qtbot.keyClick(presenter, Qt.Key.Key_Escape)  # then, away
    assert not presenter.isVisible()


def test_one_screen_means_maximised(
    qtbot: QtBot, presenter: PresenterWindow, view: SittingView
) -> None:
    presenter.show_sitting(view)
    presenter.show_on_best_screen()
    qtbot.waitExposed(presenter)
    assert presenter.isMaximized()
    assert not presenter.isFullScreen()


def test_the_projector_is_the_other_screen() -> None:
    laptop, projector = object(), object()
    assert projector_screen([laptop], laptop) is None  # type: ignore[list-item]
    assert projector_screen([laptop, projector], laptop) is projector  # type: ignore[list-item]
    assert projector_screen([projector, laptop], laptop) is projector  # type: ignore[list-item]


def test_a_dark_palette_recolours_the_screen(presenter: PresenterWindow, view: SittingView) -> None:
    presenter.show_sitting(view)
    dark = QPalette(presenter.palette())
    for role, colour in (
        (QPalette.ColorRole.Window, "#202428"),
        (QPalette.ColorRole.Base, "#16191c"),
        (QPalette.ColorRole.Text, "#e6e8eb"),
        (QPalette.ColorRole.WindowText, "#e6e8eb"),
    ):
        dark.setColor(role, QColor(colour))
    presenter.setPalette(dark)
    assert "#e6e8eb" in presenter.case_title.styleSheet()
    assert outcome_colour("restrict", dark).name() in presenter.outcome.styleSheet()


def test_every_interactive_widget_has_an_accessible_name(
    qtbot: QtBot, presenter: PresenterWindow, view: SittingView
) -> None:
    presenter.show_sitting(view, "EUC-2026-014")
    presenter.show()
    qtbot.waitExposed(presenter)
    assert presenter.accessibleName() == "Presenter screen"
    assert "EUC-2026-014" in presenter.accessibleDescription()
    unnamed = [
        w.objectName() or type(w).__name__
        for w in presenter.findChildren(QWidget)
        if w.isVisible()
        and (
            w.focusPolicy() != Qt.FocusPolicy.NoFocus
            or isinstance(w, QAbstractButton | QAbstractSlider)
        )
        and not w.accessibleName()
    ]
    assert unnamed == []
    # What the room reads is named for a screen reader too.
    for label in (
        presenter.case_title,
        presenter.question,
        presenter.index,
        presenter.outcome,
        presenter.reason,
        presenter.red_lines,
        presenter.disagreements,
        presenter.quorum,
        presenter.tally,
    ):
        assert isinstance(label, QLabel)
        assert label.accessibleName(), label.objectName()
    assert presenter.bars.accessibleName() == "Contributions to the concern index"
    # Nothing inside takes the focus from the window, so a clicker's keys always arrive.
    assert all(
        w.focusPolicy() == Qt.FocusPolicy.NoFocus
        for w in presenter.findChildren(QWidget)
        if w.isVisible()
    )
