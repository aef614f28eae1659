"""A memo under a framework of another shape says what that framework says."""

from __future__ import annotations

import io

from pypdf import PdfReader

from council_app.case import Assessment, Case, Mitigation, Rating
from council_app.library import CaseLibrary
from council_app.memo import prepare_memo, render_memo, render_memo_html
from tests.framework.shapes import SIXFOLD

SCORES = {
    "use_case": 2,
    "harm": 3,
    "actions": 3,
    "geopolitics": 1,
    "sustainability": 4,
    "dignity": 1,
    "data_care": 2,
    "wellbeing": 0,
    "candour": 3,
}


def _case() -> Case:
    return Case(
        id="EUC-2026-901",
        title="Grid load forecasting for a utility",
        summary="A utility forecasts grid load from smart meter data.",
        question="May the utility use Forecast on household meter data?",
        product="Forecast",
        customer="Northgrid",
        sector="energy",
        use_case="Household meter readings every 30 minutes feed a load forecast.",
        status="in_review",
        mitigations=(
            Mitigation(description="Aggregate readings by street", kind="product_control"),
        ),
        assessments=(
            Assessment(
                member="Ana",
                considerations={
                    k: Rating(score=v, rationale=f"{k} rated {v}")
                    for k, v in SCORES.items()
                    if k in SIXFOLD.rated_keys
                },
                principles={
                    k: Rating(score=v, rationale=f"{k} rated {v}")
                    for k, v in SCORES.items()
                    if SIXFOLD.is_principle(k)
                },
            ),
        ),
    )


def test_a_draft_memo_under_six_considerations(library: CaseLibrary) -> None:
    memo = prepare_memo(library, SIXFOLD, _case())
    # Candour 3: 2·2 + 3·3 + 2·3 + 1 + 1 + 4 = 25 of 40; the red line lifts restrict to escalate.
    assert str(memo.score.scoring.shown_index) == "62.5"
    assert memo.score.scoring.recommendation.outcome == "escalate"
    reader = PdfReader(io.BytesIO(render_memo(memo)))
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    text = " ".join(text.split())
    assert "The six considerations" in text
    assert "Environmental sustainability" in text
    assert "the four principle ratings" in text
    assert "Candour" in text
    assert "Escalate to the board" in text
    html = render_memo_html(memo).decode("utf-8")
    assert "Environmental sustainability" in html
    assert "Escalate to the board" in html
