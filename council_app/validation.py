"""Turn JSON Schema findings into sentences a council member can act on.

jsonschema's own messages print whole lists and Python reprs; ours name the place in the document
(``cases[3].ratings[0].considerations.harm.score``), say what is expected, and suggest the field
that was probably meant when an unknown one appears.
"""

from __future__ import annotations

import difflib
import numbers
import re
import reprlib
from collections.abc import Callable, Iterable, Mapping, Sequence
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


# Python's re lets '$' match before a final newline; the schemas' anchored patterns end in
# '$(?!\n)' so that they mean what ECMA-262 (which JSON Schema specifies) means by '$'. The
# guard is an implementation detail, so messages show the pattern without it.
_END_GUARD = "(?!\\n)"
_UNKNOWN_SHOWN = 5  # unknown field names named in one sentence
_SURROGATE = re.compile("[\ud800-\udfff]")
_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = 80
_REPR.maxlevel = 3


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds half of a surrogate pair: JSON can escape one (``"\\ud800"``),
    but it is no character and cannot be written as UTF-8."""
    return not text.isascii() and _SURROGATE.search(text) is not None


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters, with what does not print escaped (``\\n``).

    Messages quote what the user wrote, and a file may hold a 50 MB value, a newline that
    would break the message's line or a lone surrogate (which fails when the message is
    printed or shown).
    """
    cut = text[:limit]
    if not cut.isprintable():
        cut = repr(cut)[1:-1]
    return cut + "…" if len(text) > limit else cut


def quoted(value: Any, limit: int = 60) -> str:
    """A value as a message quotes it: text in quotes, anything else as Python writes it, short.

    ``reprlib`` keeps the cost of a huge list or number bounded before it is cut.
    """
    if isinstance(value, str):
        return f"'{shorten(value, limit)}'"
    return shorten(_REPR.repr(value), limit)


def make_validator(schema: Mapping[str, Any]) -> Draft202012Validator:
    validator = Draft202012Validator(inline_refs(schema), format_checker=FormatChecker())
    _QUICK[id(validator)] = (validator, quick_check(validator))
    return validator


# A check that says only "certainly valid" or "not sure", for the validators make_validator made
# (kept with the validator so that its id is not reused).
_QUICK: dict[int, tuple[Draft202012Validator, Callable[[Any], bool] | None]] = {}
Check = Callable[[Any], bool]
# Keywords that do not constrain a value: the quick check may pass over them.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "title", "description", "default", "examples", "$defs"}
)
# The Python types that are certainly of a JSON type for jsonschema (bool is not an integer).
_TYPE_TESTS: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
}


class _Unsupported(Exception):
    pass


def quick_check(validator: Draft202012Validator) -> Check | None:
    """A plain-Python test that a document is valid, or None for a schema it cannot follow.

    jsonschema spends most of its time on its own machinery (a new validator object for every
    value it descends into): 3 ms a case, two thirds of importing 10,000 cases. A document that
    passes this test needs no findings, so jsonschema runs only on one that does not. The test
    errs one way only: it answers True only when every keyword is satisfied as jsonschema reads
    it, and False whenever it is unsure (a float for an integer, an enum of numbers), which costs
    time, not correctness. A schema with any keyword it does not know gets no quick test.

    Not fastjsonschema: it follows drafts 4 to 7 only and passes over a keyword it does not know
    (2020-12's ``unevaluatedProperties``, say) without a word, so it could call valid what
    jsonschema refuses; this check declines to answer instead.
    """
    try:
        return _compile(validator.schema, validator)
    except _Unsupported:
        return None


def _compile(schema: Any, validator: Draft202012Validator) -> Check:
    if schema is True:
        return lambda value: True
    if schema is False:
        return lambda value: False
    if not isinstance(schema, Mapping):
        raise _Unsupported
    checks = [
        _keyword(keyword, argument, schema, validator)
        for keyword, argument in schema.items()
        if keyword not in _ANNOTATIONS and keyword not in ("then", "else")
    ]
    return _every(checks)


def _every(checks: list[Check]) -> Check:
    # Every value of a document meets one of these; a generator per value was a good part of
    # the quick check's time, so the common short lists are joined directly.
    if not checks:
        return lambda value: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda value: first(value) and second(value)
    if len(checks) == 3:
        first, second, third = checks
        return lambda value: first(value) and second(value) and third(value)
    return lambda value: all(check(value) for check in checks)


def _keyword(
    keyword: str, argument: Any, schema: Mapping[str, Any], validator: Draft202012Validator
) -> Check:
    if keyword == "type":
        names = argument if isinstance(argument, list) else [argument]
        if not all(isinstance(n, str) and n in _TYPE_TESTS for n in names):
            raise _Unsupported
        tests = [_TYPE_TESTS[n] for n in names]
        if len(tests) == 1:
            return tests[0]
        return lambda v: any(test(v) for test in tests)
    if keyword in ("enum", "const"):
        allowed = argument if keyword == "enum" else [argument]
        # Only text and whole numbers, compared only with their own type: jsonschema's
        # equality of 1, 1.0 and true is its own, so those are left to it.
        if not isinstance(allowed, list) or not all(type(a) in (str, int) for a in allowed):
            raise _Unsupported
        values = frozenset((type(a), a) for a in allowed)
        return lambda v: type(v) in (str, int) and (type(v), v) in values
    if keyword == "pattern":
        search = re.compile(argument).search
        return lambda v: not isinstance(v, str) or search(v) is not None
    if keyword == "format":
        checker = validator.format_checker
        if checker is None:
            return lambda v: True
        return lambda v: checker.conforms(v, argument)
    if keyword in ("minLength", "maxLength", "minimum", "maximum"):
        return _bound(keyword, argument)
    if keyword == "required":
        required = tuple(argument)
        return lambda v: not isinstance(v, dict) or all(n in v for n in required)
    if keyword == "uniqueItems":
        if not argument:
            return lambda v: True
        return lambda v: (
            not isinstance(v, list)
            or (all(isinstance(i, str) for i in v) and len(set(v)) == len(v))
        )
    if keyword == "items":
        item = _compile(argument, validator)
        return lambda v: not isinstance(v, list) or all(item(i) for i in v)
    if keyword == "properties":
        props = {name: _compile(sub, validator) for name, sub in argument.items()}

        def properties(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            for name, value in v.items():
                test = props.get(name)
                if test is not None and not test(value):
                    return False
            return True

        return properties
    if keyword == "additionalProperties":
        if "patternProperties" in schema:
            raise _Unsupported
        known = frozenset(schema.get("properties", {}))
        extra = _compile(argument, validator)
        return lambda v: not isinstance(v, dict) or all(extra(v[k]) for k in v if k not in known)
    if keyword == "propertyNames":
        name = _compile(argument, validator)
        return lambda v: not isinstance(v, dict) or all(name(k) for k in v)
    if keyword in ("minProperties", "maxProperties"):
        if type(argument) is not int:
            raise _Unsupported
        if keyword == "minProperties":
            return lambda v: not isinstance(v, dict) or len(v) >= argument
        return lambda v: not isinstance(v, dict) or len(v) <= argument
    if keyword == "if":
        # Which branch applies must be known exactly, not erring one way: when the quick test
        # is unsure, jsonschema decides.
        quick = _compile(argument, validator)
        exact = validator.evolve(schema=argument).is_valid
        then = _compile(schema.get("then", True), validator)
        otherwise = _compile(schema.get("else", True), validator)
        return lambda v: then(v) if quick(v) or exact(v) else otherwise(v)
    raise _Unsupported


def inline_refs(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """The schema with each ``{"$ref": "#/$defs/…"}`` replaced by the definition it names.

    jsonschema resolves a reference every time it meets one, for every value of the document;
    on an exchange file that was two thirds of the time spent validating (9 ms a case, 90 s
    for 10,000 cases; 3 ms once inlined). Findings and their places in the document are the
    same. A reference that has other keywords beside it is inlined beside them when no
    keyword clashes; a schema whose definitions refer to themselves is left as it is.
    """
    definitions = schema.get("$defs")
    if not isinstance(definitions, Mapping):
        return schema

    def inline(node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [inline(item, seen) for item in node]
        if not isinstance(node, Mapping):
            return node
        ref = node.get("$ref")
        name = ref.removeprefix("#/$defs/") if isinstance(ref, str) else None
        if name is not None and name != ref and name in definitions:
            if name in seen:
                raise RecursionError(name)
            target = inline(definitions[name], (*seen, name))
            others = {key: inline(value, seen) for key, value in node.items() if key != "$ref"}
            if isinstance(target, Mapping) and not set(others) & set(target):
                return {**target, **others}
        return {key: inline(value, seen) for key, value in node.items()}

    try:
        return dict(inline(schema, ()))
    except RecursionError:
        return schema


def _bound(keyword: str, limit: Any) -> Check:
    """minLength, maxLength, minimum or maximum, applying (as in jsonschema) to its type only."""
    if not isinstance(limit, int | float) or isinstance(limit, bool):
        raise _Unsupported
    if keyword in ("minLength", "maxLength"):
        if keyword == "minLength":
            return lambda v: not isinstance(v, str) or len(v) >= limit
        return lambda v: not isinstance(v, str) or len(v) <= limit

    def applies(v: Any) -> bool:
        # jsonschema's "number": any numbers.Number but bool.
        return isinstance(v, numbers.Number) and not isinstance(v, bool)

    if keyword == "minimum":
        return lambda v: not applies(v) or v >= limit
    return lambda v: not applies(v) or v <= limit


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
                        label = f" ({shorten(name)})"
            else:
                node = None
            text += f"[{part}]{label}"
        else:
            node = node.get(part) if isinstance(node, Mapping) else None
            name = shorten(str(part))
            text += f".{name}" if text else name
    return text or "the document"


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
        for name in unknown[:_UNKNOWN_SHOWN]:
            # A name far longer than any field is no typo of one (and difflib's cost grows
            # with the length).
            guess = difflib.get_close_matches(name, allowed, n=1) if len(name) <= 100 else []
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            parts.append(f"{quoted(name)}{hint}")
        if len(unknown) > _UNKNOWN_SHOWN:
            parts.append(f"and {len(unknown) - _UNKNOWN_SHOWN:,} more")
        label = "field" if len(unknown) == 1 else "fields"
        return f"unknown {label} {', '.join(parts)}; allowed: {', '.join(allowed)}"
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        names = " or ".join(str(_TYPE_NAMES.get(w, w)) for w in wanted)
        return f"must be {names}, not {quoted(instance)}"
    if kind == "enum":
        return f"must be one of {', '.join(map(str, value))}; found {quoted(instance)}"
    if kind == "const":
        return f"must be {value!r}; found {quoted(instance)}"
    if kind == "minimum":
        return f"must be at least {value}; found {quoted(instance)}"
    if kind == "maximum":
        return f"must be at most {value}; found {quoted(instance)}"
    if kind == "exclusiveMinimum":
        return f"must be greater than {value}; found {quoted(instance)}"
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
        shown = value.removesuffix(_END_GUARD)
        return f"{quoted(instance)} is not in the expected form (pattern {shown})"
    if kind == "format":
        if value == "date":
            return f"{quoted(instance)} is not a valid date (expected YYYY-MM-DD)"
        return f"{quoted(instance)} is not a valid {value}"
    return str(error.message)


def describe(error: ValidationError, document: Any = None) -> str:
    return f"{location(error.absolute_path, document)}: {_sentence(error)}"


def _document_order(error: ValidationError) -> list[tuple[int, int, str]]:
    return [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in error.absolute_path]


def first_problems(
    validator: Draft202012Validator, document: Any, *, limit: int = 200
) -> tuple[list[str], bool]:
    """The first ``limit`` schema problems, in document order, and whether there are more.

    The validator's findings are drawn lazily and checking stops once the limit is passed: a
    document with a million wrong entries would otherwise cost time and memory (jsonschema
    builds every finding) for problems nobody reads. Only the findings kept are put in document
    order, so a document with fewer problems than the limit gets all of them in order.
    """
    quick = _QUICK.get(id(validator))
    if quick is not None and quick[0] is validator and quick[1] is not None and quick[1](document):
        return [], False
    kept: list[tuple[list[tuple[int, int, str]], ValidationError]] = []
    more = False
    for error in validator.iter_errors(document):
        # An if/then/else wraps the real findings; report those, not the wrapper.
        leaves = list(error.context) if error.context else [error]
        kept.extend((_document_order(error), leaf) for leaf in leaves)
        if len(kept) > limit:
            more = True
            break
    kept.sort(key=lambda pair: pair[0])
    return [describe(leaf, document) for _, leaf in kept[:limit]], more


def problems(validator: Draft202012Validator, document: Any, *, limit: int = 200) -> list[str]:
    """The schema's problems with the document (at most ``limit``), each as one sentence."""
    return first_problems(validator, document, limit=limit)[0]
