"""An exchange document's ratings are checked against the framework it is read under."""

from __future__ import annotations

import json
from typing import Any

import pytest

from council_app.errors import ImportRefused
from council_app.library import parse_document
from council_app.library.exchange import case_to_json
from tests.factories import make_case
from tests.framework.shapes import PLAIN, SIXFOLD


def document(considerations: dict[str, int], principles: dict[str, int]) -> str:
    obj: dict[str, Any] = case_to_json(make_case())
    obj["ratings"] = [
        {
            "member": "Ana",
            "considerations": {k: {"score": v} for k, v in considerations.items()},
            "principles": {k: {"score": v} for k, v in principles.items()},
        }
    ]
    return json.dumps({"format": "council-case", "version": 1, "case": obj})


def refusal(text: str, **kwargs: Any) -> str:
    with pytest.raises(ImportRefused) as caught:
        parse_document(text, source="case.json", **kwargs)
    return str(caught.value)


def test_a_rating_of_an_added_consideration_imports_under_its_framework() -> None:
    text = document({"harm": 3, "sustainability": 4}, {"candour": 2})
    (case,) = parse_document(text, framework=SIXFOLD).cases
    (assessment,) = case.assessments
    assert {k: r.score for k, r in assessment.considerations.items()} == {
        "harm": 3,
        "sustainability": 4,
    }
    assert {k: r.score for k, r in assessment.principles.items()} == {"candour": 2}


def test_the_same_rating_is_refused_under_the_shipped_framework() -> None:
    message = refusal(document({"sustainability": 4}, {}))
    assert (
        "ratings[0] (Ana).considerations: 'sustainability' is not a consideration rated under "
        "the framework Ethical-use decision framework 2026.1 (its considerations: use_case, "
        "harm, actions, geopolitics)"
    ) in message


def test_a_consideration_the_framework_lacks_is_refused_in_words() -> None:
    message = refusal(document({"harm": 2, "geopolitics": 3}, {}), framework=PLAIN)
    assert "not imported" in message
    assert "'geopolitics' is not a consideration rated under the framework" in message
    assert "(its considerations: use_case, harm, actions, sustainability)" in message


def test_a_principle_under_a_framework_without_principles_is_refused() -> None:
    message = refusal(document({"harm": 2}, {"privacy": 1}), framework=PLAIN)
    assert (
        "ratings[0] (Ana).principles: 'privacy' is not a principle under the framework" in message
    )
    assert "(its principles: none)" in message


def test_the_derived_consideration_is_not_rated_directly() -> None:
    message = refusal(document({"principles": 2}, {}), framework=SIXFOLD)
    assert "'principles' is not a consideration rated under the framework" in message


def test_imported_ratings_come_in_the_frameworks_order() -> None:
    text = document({"sustainability": 1, "harm": 3, "use_case": 2}, {"candour": 2, "dignity": 0})
    (case,) = parse_document(text, framework=SIXFOLD).cases
    (assessment,) = case.assessments
    assert list(assessment.considerations) == ["use_case", "harm", "sustainability"]
    assert list(assessment.principles) == ["dignity", "candour"]
