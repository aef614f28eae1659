from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from council_app.council.settings import CouncilSettings
from council_app.errors import CouncilError
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.memo import minutes_for_date, render_minutes


def test_minutes_of_a_sitting(demo_library: CaseLibrary, framework: Framework) -> None:
    minutes = minutes_for_date(demo_library, date(2024, 3, 13), CouncilSettings(), framework)
    assert len(minutes.cases) == 3
    assert minutes.attendance
    pdf = render_minutes(minutes)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Minutes of the decisions of 2024-03-13" in text
    for case in minutes.cases:
        assert case.id in text
    for name in minutes.attendance:
        assert name in text
    for number, page in enumerate(reader.pages, 1):
        assert f"Page {number} of {len(reader.pages)}" in page.extract_text()
    assert render_minutes(minutes) == pdf  # the same sitting, the same bytes
    external = " ".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(render_minutes(minutes, variant="external"))).pages
    )
    assert all(name not in external for name in minutes.attendance)


def test_no_decisions_no_minutes(demo_library: CaseLibrary, framework: Framework) -> None:
    with pytest.raises(CouncilError, match="No sitting and no decision was recorded on 2020-01-01"):
        minutes_for_date(demo_library, date(2020, 1, 1), CouncilSettings(), framework)
