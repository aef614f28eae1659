"""The library's Classification filter: shown for a framework with taxonomies, and it narrows."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from council_app.framework import bundled_framework, parse_framework
from council_app.framework.loader import bundled_framework_text
from council_app.ui.library.filter_bar import FilterBar
from tests.framework.test_taxonomy import EU_AI_ACT


def test_the_classification_chip_offers_the_taxonomies_and_narrows_the_search(
    qtbot: QtBot, tmp_path: Path
) -> None:
    plain = FilterBar(bundled_framework())
    qtbot.addWidget(plain)
    assert plain.classification.isHidden()  # the shipped framework has no taxonomies

    framework = parse_framework(bundled_framework_text() + EU_AI_ACT.read_text(encoding="utf-8"))
    bar = FilterBar(framework)
    qtbot.addWidget(bar)
    assert not bar.classification.isHidden()
    labels = [a.text() for a in bar.classification.actions_.values()]
    assert labels[0] == "EU AI Act: any"
    assert any(label.startswith("EU AI Act: Social scoring") for label in labels)
    with qtbot.waitSignal(bar.changed):
        bar.classification.actions_["eu_ai_act.employment"].setChecked(True)
    assert bar.filters().classifications == ("eu_ai_act.employment",)
    bar.on_clear()
    assert bar.filters().classifications == ()
