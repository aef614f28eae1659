"""The quick schema check that lets a valid document skip jsonschema's findings."""

from __future__ import annotations

from typing import Any

import pytest

from council_app.validation import first_problems, make_validator, quick_check


def test_a_schema_with_a_keyword_the_quick_check_does_not_know_gets_none() -> None:
    validator = make_validator({"type": "object", "patternProperties": {"^x": {"type": "string"}}})
    assert quick_check(validator) is None
    # and its findings still come from jsonschema
    assert first_problems(validator, {"xa": 1})[0] == ["xa: must be text, not 1"]


@pytest.mark.parametrize(
    ("schema", "document"),
    [
        # jsonschema counts 1.0 as an integer, so "then" applies and "b" is missing: the
        # branch is decided exactly, not by the quick check's cautious "no".
        (
            {"if": {"properties": {"a": {"type": "integer"}}}, "then": {"required": ["b"]}},
            {"a": 1.0},
        ),
        ({"enum": [1]}, True),  # true is not 1 for JSON Schema
        ({"const": "x"}, ["x"]),
        ({"type": "array", "uniqueItems": True}, ["a", "a"]),
        ({"properties": {"d": {"format": "date"}}}, {"d": "2025-02-30"}),
        ({"additionalProperties": False, "properties": {"a": True}}, {"a": 1, "b": 2}),
        ({"items": {"minimum": 0}}, [1, -0.5]),
        ({"maxLength": 2}, "abc"),
        ({"pattern": "^a$(?!\\n)"}, "a\n"),
    ],
)
def test_the_quick_check_does_not_pass_what_jsonschema_refuses(
    schema: dict[str, Any], document: Any
) -> None:
    validator = make_validator(schema)
    quick = quick_check(validator)
    assert quick is not None
    assert not validator.is_valid(document)
    assert not quick(document)
    assert first_problems(validator, document)[0]


def test_the_quick_check_passes_a_valid_document() -> None:
    schema = {
        "type": "object",
        "required": ["a"],
        "additionalProperties": False,
        "properties": {
            "a": {"type": "array", "items": {"enum": ["x", "y"]}, "uniqueItems": True},
            "d": {"type": "string", "format": "date", "pattern": "^[0-9-]+$"},
            "n": {"type": "integer", "minimum": 0, "maximum": 4},
        },
    }
    quick = quick_check(make_validator(schema))
    assert quick is not None
    assert quick({"a": ["x", "y"], "d": "2025-02-28", "n": 4})
