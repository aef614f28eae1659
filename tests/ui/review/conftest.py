"""The Re-review page as the tests of its parts see it: the demo library with one watch-list entry."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from council_app.council.review import DueItem, add_watch, due_for_review, list_watch
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.ui.review.review_page import ReviewPage
from tests.ui.review.review_helpers import TODAY


@pytest.fixture
def library(demo_library: CaseLibrary) -> CaseLibrary:
    # Sweden called elections: EUC-2023-031 (already overdue) and EUC-2025-042 share the region.
    add_watch(demo_library, "region", "SE", date(2026, 11, 25), "elections announced")
    return demo_library


@pytest.fixture
def items(library: CaseLibrary) -> list[DueItem]:
    return due_for_review(library, TODAY)


@pytest.fixture
def page(
    qtbot: QtBot, framework: Framework, library: CaseLibrary, items: list[DueItem]
) -> ReviewPage:
    w = ReviewPage(framework)
    qtbot.addWidget(w)
    w.resize(1300, 800)
    w.show_due(items, TODAY)
    w.show_watch(list_watch(library))
    w.show()
    qtbot.waitExposed(w)
    return w
