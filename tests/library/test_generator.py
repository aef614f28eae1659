from __future__ import annotations

import json
from pathlib import Path

import pytest

from council_app.errors import CouncilError
from council_app.framework import Framework
from council_app.library import CaseLibrary, parse_document
from council_app.library.generator import generate_cases, write_generated
from council_app.scoring import score_case


def test_same_seed_same_cases(framework: Framework) -> None:
    first = list(generate_cases(framework, 30, seed=5))
    again = list(generate_cases(framework, 30, seed=5))
    other = list(generate_cases(framework, 30, seed=6))
    assert first == again
    assert first != other


def test_generated_cases_are_realistic(framework: Framework) -> None:
    cases = list(generate_cases(framework, 200, seed=2))
    assert len({c.id for c in cases}) == 200
    words = [
        len(c.use_case.split())
        + sum(len(r.rationale.split()) for a in c.assessments for r in a.considerations.values())
        for c in cases
    ]
    assert sum(words) / len(words) > 150  # a few hundred words of use case and rationale
    assert {c.status for c in cases} >= {"decided", "in_review"}
    ids = {c.id for c in cases}
    links = [link for c in cases for link in c.links]
    assert len(links) > 100
    assert all(link.target in ids for link in links)
    decided = [c for c in cases if c.decision]
    agree = sum(
        score_case(framework, c, draws=0).scoring.recommendation.outcome == c.decision.outcome
        for c in decided
    )
    assert agree / len(decided) > 0.5  # decisions mostly follow the framework's bands


def test_write_sqlite_and_json(framework: Framework, tmp_path: Path) -> None:
    db = tmp_path / "gen.sqlite"
    write_generated(framework, db, 120, seed=1, batch=50)
    with CaseLibrary.open(db) as library:
        assert library.count_cases() == 120
        assert library.integrity_problems() == []
    out = tmp_path / "gen.json"
    write_generated(framework, out, 40, seed=1)
    document = parse_document(out.read_bytes())
    assert len(document.cases) == 40
    assert json.loads(out.read_text())["format"] == "council-library"
    with pytest.raises(CouncilError, match="already exists"):
        write_generated(framework, out, 40)
