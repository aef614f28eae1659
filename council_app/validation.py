"""Turn JSON Schema findings into sentences a council member can act on.

jsonschema's own messages print whole lists and Python reprs; ours name the place in the document
(``cases[3].ratings[0].considerations.harm.score``), say what is expected, and suggest the field
that was probably meant when an unknown one appears.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "null",
}


def make_validator(schema: Mapping[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=FormatChecker())


def location(path: Iterable[str | int], document: Any = None) -> str:
    """``cases[3].ratings[0].member``, with the id or key of a listed entry when it has one."""
    text = ""
    node = document
    for part in path:
        if isinstance(part, int):
            label = ""
            if isinstance(node, Sequence) and not isinstance(node, str) and part < len(node):
                node = node[part]
                if isinstance(node, Mapping):
                    name = node.get("id", node.get("key"))
                    if isinstance(name, str) and name:
                        label = f" ({name})"
            else:
                node = None
            text += f"[{part}]{label}"
        else:
            node = node.get(part) if isinstance(node, Mapping) else None
            text += f".{part}" if text else str(part)
    return text or "the document"


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "…'"


def _sentence(error: ValidationError) -> str:
    kind = error.validator
    value = error.validator_value
    instance = error.instance
    if kind == "required":
        missing = [name for name in value if name not in instance]
        return f"missing required field {', '.join(repr(m) for m in missing)}"
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        unknown = [name for name in instance if name not in allowed]
        parts = []
        for name in unknown:
            guess = difflib.get_close_matches(name, allowed, n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            parts.append(f"'{name}'{hint}")
        return f"unknown field {', '.join(parts)}; allowed: {', '.join(allowed)}"
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        names = " or ".join(str(_TYPE_NAMES.get(w, w)) for w in wanted)
        return f"must be {names}, not {_short(instance)}"
    if kind == "enum":
        return f"must be one of {', '.join(map(str, value))}; found {_short(instance)}"
    if kind == "const":
        return f"must be {value!r}; found {_short(instance)}"
    if kind == "minimum":
        return f"must be at least {value}; found {_short(instance)}"
    if kind == "maximum":
        return f"must be at most {value}; found {_short(instance)}"
    if kind == "exclusiveMinimum":
        return f"must be greater than {value}; found {_short(instance)}"
    if kind in ("minItems", "maxItems") and error.schema.get("minItems") == error.schema.get(
        "maxItems"
    ):
        return f"must have exactly {value} entries; found {len(instance)}"
    if kind == "minItems":
        return f"must have at least {value} entries; found {len(instance)}"
    if kind == "maxItems":
        return f"must have at most {value} entries; found {len(instance)}"
    if kind == "uniqueItems":
        return "must not list the same entry twice"
    if kind == "minLength":
        return "must not be empty" if value == 1 else f"must be at least {value} characters long"
    if kind == "maxLength":
        return f"is too long ({len(instance):,} characters; at most {value:,})"
    if kind == "pattern":
        if value == "\\S":
            return "must not be blank"
        return f"{_short(instance)} is not in the expected form (pattern {value})"
    if kind == "format":
        if value == "date":
            return f"{_short(instance)} is not a valid date (expected YYYY-MM-DD)"
        return f"{_short(instance)} is not a valid {value}"
    return str(error.message)


def describe(error: ValidationError, document: Any = None) -> str:
    return f"{location(error.absolute_path, document)}: {_sentence(error)}"


def _document_order(error: ValidationError) -> list[tuple[int, int, str]]:
    return [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in error.absolute_path]


def problems(validator: Draft202012Validator, document: Any, *, limit: int = 200) -> list[str]:
    """Every schema problem in the document, in document order, each as one sentence."""
    found: list[str] = []
    errors = sorted(validator.iter_errors(document), key=_document_order)
    for error in errors:
        # An if/then/else wraps the real findings; report those, not the wrapper.
        leaves = list(error.context) if error.context else [error]
        for leaf in leaves:
            found.append(describe(leaf, document))
            if len(found) >= limit:
                return found
    return found
