"""Every screen says a status, a vote and an outcome's colour as council_app.vocabulary does."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette
from pytestqt.qtbot import QtBot

from council_app.framework import Framework
from council_app.ui.common.palette import outcome_colour, outcome_fill
from council_app.ui.library.case_table_model import CASE_ID_ROLE, CaseTableModel
from council_app.ui.library.case_view import case_html
from council_app.ui.main_window import MainWindow
from council_app.ui.theme import contrast_ratio, high_contrast_palette
from council_app.ui.workspace.list_pages import DecisionPage
from council_app.vocabulary import OUTCOME_COLOURS, case_status_title, vote_choices, vote_title
from tests.factories import make_case

IN_REVIEW = "EUC-2026-083"  # a demo case rated by four members, not yet decided


def test_the_library_shows_an_in_review_case_as_in_review(window: MainWindow) -> None:
    state = next(
        window.proxy.index(row, CaseTableModel.STATE).data()
        for row in range(window.proxy.rowCount())
        if window.proxy.index(row, 0).data(CASE_ID_ROLE) == IN_REVIEW
    )
    assert state == "In review" == case_status_title("in_review")
    chip = window.library.filters.status
    assert [a.text() for a in chip.actions_.values()] == [
        "Draft",
        "In review",
        "Decided",
        "Withdrawn",
    ]


def test_a_workspace_offers_the_votes_with_their_titles(qtbot: QtBot, window: MainWindow) -> None:
    window.open_case(IN_REVIEW)
    qtbot.waitUntil(lambda: window.current_workspace() is not None, timeout=10_000)
    workspace = window.current_workspace()
    assert workspace is not None
    workspace.go_to("decision")
    decision = workspace.page("decision")
    assert isinstance(decision, DecisionPage)
    (vote,) = [c for c in decision.votes.model.columns if c.header == "Vote"]
    framework = workspace.framework
    # The same words as the sitting's vote boxes (tests/ui/sittings/test_agenda_item_panel.py).
    assert vote.choices == (
        ("—", None),
        *((vote_title(framework, key), key) for key in vote_choices(framework)),
    )
    assert vote.choices[-1] == ("Abstain", "abstain")


def test_the_case_view_says_the_status_until_the_case_is_decided(framework: Framework) -> None:
    decided = make_case()
    assert decided.decision is not None
    outcome = framework.outcome_title(decided.decision.outcome)
    assert f"· {outcome}</p>" in case_html(decided, framework)
    withdrawn = replace(decided, decision=None, status="withdrawn")
    assert "· Withdrawn</p>" in case_html(withdrawn, framework)


def test_a_sitting_says_its_status_in_the_core_words(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keySequence(window, QKeySequence("Ctrl+2"))
    page = window.sittings.page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.new_sitting_dialog is not None
    qtbot.mouseClick(page.new_sitting_dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sittings.view is not None, timeout=10_000)
    assert page.when_label.text().endswith("· Planned")
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.when_label.text().endswith("· Open"), timeout=10_000)
    assert page.message_label.text() == "The sitting is open."


def test_one_colour_per_outcome_in_the_graph_and_as_text(qtbot: QtBot) -> None:
    light, dark = QPalette(QColor("#efefef")), QPalette(QColor("#202428"))
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#16191c"))  # the app's dark theme
    for key, hex_colour in OUTCOME_COLOURS.items():
        assert outcome_fill(key, light).name() == hex_colour.lower()
        fill = QColor(hex_colour)
        for palette in (light, dark, high_contrast_palette()):
            text = outcome_colour(key, palette)
            # The same hue as the fill, with as much light as the window needs to read it.
            assert abs(text.hsvHue() - fill.hsvHue()) <= 3, key
            for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
                assert contrast_ratio(text, palette.color(role)) >= 4.5, (key, role)
