"""A council that rates 1–5: adopted, imported, scored, shown, memo'd and rated in the app.

The framework is the shipped one on a 1–5 scale (tests/framework/shapes.py ``likert_toml``), so
a case rated one step up from a 0–4 case must score exactly as that case does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from council_app.framework import bundled_framework
from council_app.library import CaseLibrary
from council_app.scoring import RatingSet, profile_weights, score_ratings
from tests.agreement import pdf_text
from tests.framework.shapes import LIKERT, likert_toml
from tests.test_cli import run

# On 0–4: use case 2, harm 3, actions 3, geopolitics 1; the principles 1, 2, 0, 3, 1.
ZERO_BASED = {"use_case": 2, "harm": 3, "actions": 3, "geopolitics": 1}
PRINCIPLES = {"human_rights": 1, "privacy": 2, "safety": 0, "honesty": 3, "inclusion": 1}


def _document(case_id: str, shift: int) -> dict[str, object]:
    def rating(score: int) -> dict[str, object]:
        return {"score": score + shift, "rationale": f"rated {score + shift}"}

    return {
        "format": "council-case",
        "version": 1,
        "case": {
            "id": case_id,
            "title": "Grid load forecasting for a utility",
            "summary": "A utility forecasts grid load from household smart meter data.",
            "product": "Forecast",
            "customer": "Northgrid",
            "sector": "energy",
            "regions": ["DE"],
            "status": "in_review",
            "framework_version": "2027.5",
            "ratings": [
                {
                    "member": "Ana",
                    "considerations": {k: rating(v) for k, v in ZERO_BASED.items()},
                    "principles": {k: rating(v) for k, v in PRINCIPLES.items()},
                }
            ],
            "mitigations": [
                {"description": "Street-level totals only", "effectiveness": 3 + shift}
            ],
        },
    }


@pytest.fixture
def lib(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    framework = tmp_path / "likert.toml"
    framework.write_text(likert_toml(), encoding="utf-8")
    path = tmp_path / "council.sqlite"
    code, _, err = run(
        capsys, "framework", "adopt", str(framework), "--note", "The council rates 1–5",
        "--library", str(path),
    )  # fmt: skip
    assert code == 0, err
    file = tmp_path / "case.json"
    file.write_text(json.dumps(_document("EUC-2027-010", 1)), encoding="utf-8")
    code, _, err = run(capsys, "import", str(file), "--library", str(path))
    assert code == 0, err
    return path


def _shipped_index() -> float:
    shipped = bundled_framework()
    scoring = score_ratings(
        shipped, RatingSet.of(shipped, **ZERO_BASED, **PRINCIPLES), profile_weights(shipped)
    )
    assert scoring.index is not None
    return float(round(scoring.index, 1))


def test_the_command_line_scores_shows_and_memos_on_the_councils_scale(
    capsys: pytest.CaptureFixture[str], lib: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "score", "EUC-2027-010", "--json", "--library", str(lib))
    assert code == 0, err
    assert json.loads(out)["shown_index"] == _shipped_index()
    code, out, err = run(capsys, "score", "EUC-2027-010", "--library", str(lib))
    assert "(ratings 1–5;" in out
    assert "so concern is 5 − rating" in out
    code, out, err = run(capsys, "show", "EUC-2027-010", "--library", str(lib))
    assert "Ratings (1–5;" in out
    assert "effectiveness 4 of 5" in out

    memo = tmp_path / "memo.pdf"
    code, _, err = run(capsys, "memo", "EUC-2027-010", "-o", str(memo), "--library", str(lib))
    assert code == 0, err
    text = " ".join(pdf_text(memo.read_bytes()).split())
    assert "on the framework's 1–5 scale" in text
    harm = LIKERT.consideration("harm")
    assert " ".join(LIKERT.level_text(harm, 4).split())[:40] in text  # harm rated 4 of 1–5
    assert "4 of 5" in text

    # A case rated 0 is off the council's scale: refused in words, nothing kept.
    file = tmp_path / "zero.json"
    file.write_text(json.dumps(_document("EUC-2027-011", 0)), encoding="utf-8")
    code, _, err = run(capsys, "import", str(file), "--library", str(lib))
    assert code == 1
    assert "rates 'safety' 0, which is not on its scale 1–5 under framework 2027.5" in err
    with CaseLibrary.open(lib) as library:
        assert library.count_cases() == 1


def test_the_desktop_app_offers_the_councils_scale(qtbot: QtBot, lib: Path) -> None:
    from council_app.ui.main_window import MainWindow
    from council_app.ui.workspace.rating_pages import ConsiderationPage
    from tests.ui.test_hostile_environment_ui import open_workspace

    window = MainWindow(lib)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    workspace = open_workspace(qtbot, window, "EUC-2027-010")
    workspace.member.setCurrentText("Ana")
    workspace.go_to("harm")
    page = workspace.page("harm")
    assert isinstance(page, ConsiderationPage)
    assert sorted(k for k in page.scale.buttons if k >= 0) == [1, 2, 3, 4, 5]
    assert page.scale.buttons[4].isChecked()  # Ana's 4
    assert page.scale.buttons[5].accessibleDescription().startswith("Severe")
    page.scale.buttons[5].click()
    qtbot.waitUntil(lambda: workspace.score is not None, timeout=10_000)
    with qtbot.waitSignal(workspace.saved, timeout=10_000):
        workspace.save_button.click()
    with CaseLibrary.open(lib, readonly=True) as library:
        case = library.get_case("EUC-2027-010")
    assert case.assessments[0].considerations["harm"].score == 5
    window.workers.wait()
