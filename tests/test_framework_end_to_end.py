"""A council's own framework, of another shape, through every path: adopt, import, score, show,
precedents, memo, export and re-import, replay, and the desktop app.

The framework is written in the test (tests/framework/shapes.py builds it from the shipped
file): six considerations (``sustainability`` added), four principles of other names, an added
outcome "Escalate to the board" and a deferral keyed ``pause``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from council_app.library import CaseLibrary
from council_app.library import frameworks as fw
from tests.agreement import pdf_text
from tests.framework.shapes import sixfold_toml
from tests.test_cli import run

SCORES = {
    "use_case": 2,
    "harm": 3,
    "actions": 3,
    "geopolitics": 1,
    "sustainability": 4,
}
PRINCIPLES = {"dignity": 1, "data_care": 2, "wellbeing": 0, "candour": 3}


def _rating(score: int) -> dict[str, object]:
    return {"score": score, "rationale": f"rated {score}"}


def case_document(case_id: str, *, decided: bool) -> dict[str, object]:
    case: dict[str, object] = {
        "id": case_id,
        "title": "Grid load forecasting for a utility",
        "summary": "A utility forecasts grid load from household smart meter data.",
        "product": "Forecast",
        "customer": "Northgrid",
        "sector": "energy",
        "regions": ["DE"],
        "status": "decided" if decided else "in_review",
        "framework_version": "2027.1",
        "ratings": [
            {
                "member": "Ana",
                "considerations": {k: _rating(v) for k, v in SCORES.items()},
                "principles": {k: _rating(v) for k, v in PRINCIPLES.items()},
            }
        ],
        "stakeholder_input": [
            {"group": "impacted_communities", "summary": "Households want street-level totals."}
        ],
    }
    if decided:
        case["decision"] = {
            "outcome": "escalate",
            "date": "2027-02-01",
            "rationale": "The board must weigh the footprint.",
            "votes": [{"member": "Ana", "vote": "escalate"}],
        }
    return {"format": "council-case", "version": 1, "case": case}


@pytest.fixture
def sixfold_file(tmp_path: Path) -> Path:
    path = tmp_path / "sixfold.toml"
    path.write_text(
        sixfold_toml().replace('version = "2026.1"', 'version = "2027.1"', 1), encoding="utf-8"
    )
    return path


@pytest.fixture
def lib(capsys: pytest.CaptureFixture[str], tmp_path: Path, sixfold_file: Path) -> Path:
    path = tmp_path / "council.sqlite"
    code, _, err = run(
        capsys, "framework", "adopt", str(sixfold_file), "--note", "Sustainability is a core "
        "value; the board hears escalations", "--library", str(path),
    )  # fmt: skip
    assert code == 0, err
    for case_id, decided in (("EUC-2027-001", True), ("EUC-2027-002", False)):
        file = tmp_path / f"{case_id}.json"
        file.write_text(json.dumps(case_document(case_id, decided=decided)), encoding="utf-8")
        code, _, err = run(capsys, "import", str(file), "--library", str(path))
        assert code == 0, err
    return path


def test_the_command_line_follows_the_councils_own_framework(
    capsys: pytest.CaptureFixture[str], lib: Path, tmp_path: Path
) -> None:
    with CaseLibrary.open(lib) as library:
        case = library.get_case("EUC-2027-002")
        assert case.framework_version == "2027.1"
        assert set(case.assessments[0].considerations) == set(SCORES)
        rows = library.conn.execute(
            "SELECT consideration FROM consideration_ratings ORDER BY rowid"
        ).fetchall()
        assert ("sustainability",) in rows

    code, out, err = run(capsys, "score", "EUC-2027-002", "--json", "--library", str(lib))
    assert code == 0, err
    scored = json.loads(out)
    # As computed by hand in tests/memo/test_memo_other_shapes.py: 62.5, and the red line on
    # candour lifts Restrict to Escalate.
    assert scored["framework_version"] == "2027.1"
    assert scored["shown_index"] == 62.5
    assert scored["recommendation"]["outcome"] == "escalate"
    assert "sustainability" in {c["key"] for c in scored["contributions"]}
    code, out, err = run(capsys, "score", "EUC-2027-002", "--library", str(lib))
    assert "Environmental sustainability" in out and "Escalate to the board" in out
    assert "the framework in force is" not in out  # its own framework is the one in force

    code, out, err = run(capsys, "show", "EUC-2027-001", "--library", str(lib))
    assert code == 0, err
    assert "Escalate to the board" in out

    code, out, err = run(capsys, "precedents", "EUC-2027-002", "--json", "--library", str(lib))
    assert code == 0, err
    assert "EUC-2027-001" in out

    memo = tmp_path / "memo.pdf"
    code, _, err = run(capsys, "memo", "EUC-2027-001", "-o", str(memo), "--library", str(lib))
    assert code == 0, err
    text = pdf_text(memo.read_bytes())
    for words in (
        "Environmental sustainability",
        "Escalate to the board",
        "Candour",
        "version 2027.1",
    ):
        assert words in text, words

    # Exported, the cases name their framework; a library that never adopted it refuses them in
    # words and keeps nothing, the council's own takes them back.
    exported = tmp_path / "out.json"
    code, _, err = run(capsys, "export", "--all", "-o", str(exported), "--library", str(lib))
    assert code == 0, err
    cases = json.loads(exported.read_text(encoding="utf-8"))["cases"]
    assert {c["framework_version"] for c in cases} == {"2027.1"}
    other = tmp_path / "other.sqlite"
    code, _, err = run(capsys, "import", str(exported), "--library", str(other))
    assert code == 1
    assert "assessed under framework '2027.1', which this library has not adopted" in err
    with CaseLibrary.open(other) as library:
        assert library.count_cases() == 0

    # Replayed under the shipped framework, which does not rate sustainability, the decision is
    # named as not comparable rather than scored on made-up terms or dropped.
    code, out, err = run(capsys, "replay", "--framework", "2026.1", "--library", str(lib))
    assert code == 0, err
    assert "1 decided case(s) cannot be compared:" in out
    assert "EUC-2027-001" in out and "'sustainability'" in out


def test_the_desktop_app_walks_and_scores_a_case_in_the_councils_framework(
    qtbot: QtBot, lib: Path
) -> None:
    from council_app.ui.main_window import MainWindow
    from tests.ui.test_hostile_environment_ui import open_workspace

    window = MainWindow(lib)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    assert window.framework.version == "2027.1"
    workspace = open_workspace(qtbot, window, "EUC-2027-002")
    steps = [workspace.step_list.item(i).text() for i in range(workspace.step_list.count())]
    assert any("Environmental sustainability" in s or "Sustainability" in s for s in steps)
    qtbot.waitUntil(lambda: workspace.score is not None, timeout=10_000)
    assert workspace.score is not None
    assert workspace.score.scoring.recommendation.outcome == "escalate"
    assert not workspace.version_note.isVisible()
    with CaseLibrary.open(lib) as library:
        assert fw.version_in_force(library).version == "2027.1"
    window.workers.wait()
