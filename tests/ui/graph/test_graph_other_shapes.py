"""The case graph and its legend under a framework with an added outcome."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from council_app.ui.common.palette import outcome_fill
from council_app.ui.graph.legend import CaseGraphLegend, LegendSwatch
from council_app.vocabulary import NO_OUTCOME_COLOUR
from tests.framework.shapes import SIXFOLD


def test_the_legend_lists_the_frameworks_outcomes_each_in_a_colour(qtbot: QtBot) -> None:
    titles = {o.key: o.title for o in SIXFOLD.outcomes}
    legend = CaseGraphLegend(outcome_titles=titles, framework=SIXFOLD)
    qtbot.addWidget(legend)
    labels = [label.text() for label in legend.findChildren(QLabel)]
    assert "Escalate to the board" in labels and "Pause for information" in labels
    swatch = next(s for s in legend.findChildren(LegendSwatch) if s.key == "escalate")
    fill = outcome_fill("escalate", legend.palette(), swatch.framework)
    assert fill.name().upper() != NO_OUTCOME_COLOUR.upper()
    assert "Escalate to the board: its own colour" in legend.accessibleDescription()
