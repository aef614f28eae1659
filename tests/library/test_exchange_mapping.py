"""Cases from a framework version the library never adopted: read by its framework's mapping,
whole, or refused in words; never half-imported."""

from __future__ import annotations

import json
from typing import Any

import pytest

from council_app.errors import FrameworkError
from council_app.framework import parse_framework
from council_app.library import CaseLibrary
from council_app.library import frameworks as fw
from council_app.library.exchange import ImportRefused, import_document, parse_document
from tests.framework.shapes import sixfold_toml

MAPPING = """
[[mappings]]
from_version = "2025.3"
note = "The Northern council's framework, before the principles were renamed."
principles = { human_rights = "dignity", privacy = "data_care", safety = "wellbeing", honesty = "candour" }
outcomes = { defer = "pause" }
"""


def _framework_text(mapping: str = MAPPING) -> str:
    text = sixfold_toml().replace('version = "2026.1"', 'version = "2027.1"', 1)
    return text + mapping


def _document(principles: dict[str, int]) -> str:
    def rating(score: int) -> dict[str, Any]:
        return {"score": score, "rationale": f"rated {score}"}

    case = {
        "id": "NOR-2025-004",
        "title": "Voice analytics for a call centre",
        "summary": "A call centre scores callers' stress.",
        "status": "decided",
        "framework_version": "2025.3",
        "ratings": [
            {
                "member": "Ana",
                "considerations": {"use_case": rating(2), "harm": rating(3)},
                "principles": {k: rating(v) for k, v in principles.items()},
            }
        ],
        "decision": {
            "outcome": "defer",
            "date": "2025-06-01",
            "rationale": "We need the vendor's retention terms.",
            "votes": [{"member": "Ana", "vote": "defer"}, {"member": "Ben", "vote": "abstain"}],
        },
    }
    return json.dumps({"format": "council-case", "version": 1, "case": case})


PRINCIPLES = {"human_rights": 1, "privacy": 3, "safety": 0, "honesty": 2}


@pytest.fixture
def library(tmp_path: Any) -> CaseLibrary:
    lib = CaseLibrary.open(tmp_path / "lib.sqlite")
    yield lib
    lib.close()


def test_without_a_mapping_the_case_is_refused_in_words(library: CaseLibrary) -> None:
    fw.adopt(library, _framework_text(mapping=""), note="ours", source="test")
    with pytest.raises(ImportRefused) as caught:
        parse_document(_document(PRINCIPLES), frameworks=fw.adopted_frameworks(library))
    assert "assessed under framework '2025.3', which this library has not adopted" in str(
        caught.value
    ) + " ".join(caught.value.problems)


def test_a_mapping_reads_the_case_whole_under_the_framework_that_maps_it(
    library: CaseLibrary,
) -> None:
    fw.adopt(library, _framework_text(), note="ours, reading the Northern council's", source="t")
    document = parse_document(_document(PRINCIPLES), frameworks=fw.adopted_frameworks(library))
    report = import_document(library, document)
    case = library.get_case("NOR-2025-004")
    assert case.framework_version == "2027.1"
    assert {k: r.score for k, r in case.assessments[0].principles.items()} == {
        "dignity": 1,
        "data_care": 3,
        "wellbeing": 0,
        "candour": 2,
    }
    assert set(case.assessments[0].considerations) == {"use_case", "harm"}  # kept as named
    assert case.decision is not None
    assert case.decision.outcome == "pause"
    assert [v.vote for v in case.decision.votes] == ["pause", "abstain"]
    assert report.mapped == [("NOR-2025-004", "2025.3", "2027.1")]
    assert "NOR-2025-004 was assessed under framework 2025.3" in report.summary()
    assert "read under 2027.1 by that framework's mapping" in report.summary()


def test_a_key_the_mapping_does_not_name_is_refused_and_nothing_is_kept(
    library: CaseLibrary,
) -> None:
    fw.adopt(library, _framework_text(), note="ours", source="t")
    with pytest.raises(ImportRefused) as caught:
        parse_document(
            _document({**PRINCIPLES, "inclusion": 1}), frameworks=fw.adopted_frameworks(library)
        )
    words = " ".join(caught.value.problems)
    assert "'inclusion'" in words and "framework 2027.1" in words
    assert library.count_cases() == 0


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        (
            '[[mappings]]\nfrom_version = "2025.3"\nprinciples = { privacy = "privacy" }\n',
            "mappings[0] (from 2025.3).principles: 'privacy' maps to 'privacy', which this "
            "framework does not define (dignity, data_care, wellbeing, candour)",
        ),
        (
            '[[mappings]]\nfrom_version = "2025.3"\n'
            'principles = { privacy = "data_care", honesty = "data_care" }\n',
            "'privacy', 'honesty' all map to 'data_care'; one would overwrite another",
        ),
        (
            '[[mappings]]\nfrom_version = "2027.1"\n',
            "mappings[0] (from 2027.1): a framework does not map from its own version",
        ),
    ],
)
def test_a_mapping_that_cannot_be_followed_is_refused(mapping: str, expected: str) -> None:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(_framework_text(mapping), source="ours.toml")
    assert expected in str(caught.value)
