"""Fuzzing the importers: exchange documents and case packages, random and mutated.

What must hold whatever arrives:

- reading a document or a package either gives cases or refuses with :class:`ImportRefused` (a
  :class:`CouncilError`) whose message names the source and says what is wrong; never any other
  exception;
- an import or a merge either succeeds, and then the library is healthy (``integrity_problems()``
  is empty), holds exactly what was read and exports to a document that reads back the same; or
  it is refused, and then the library is byte for byte what it was (``iterdump``);
- size limits (50 MB a file, 1 MB a text field) are enforced quickly and named in the refusal.

The mutations start from real documents (the demo cases, the cases of ``tests.factories`` and
packages made from them) and delete keys, change types, insert odd strings (NUL, right-to-left
text, combining marks, emoji, lone surrogates, names written in two Unicode normalisation forms,
long runs), nest deeply (up to and past the JSON reader's limit), put numbers out of range or
too long to read, duplicate entries and ids, copy one part over another, and write bad dates
such as 2025-02-30. Package mutations are resealed (the checksum recomputed) most of the time so
that the checks behind the checksum are reached.

The tests at the end of the file pin down the bugs the fuzzing found (lone surrogates, integer
literals of more than 4300 digits, nesting just below the reader's limit, thousands of schema
errors, huge values repeated in messages, duplicates hidden by normalisation, '$' before a final
newline, package files read before their size is checked, packages bringing a decision).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import json
import re
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from council_app.case import Assessment, Rating
from council_app.errors import CouncilError, ImportRefused
from council_app.library import (
    CaseLibrary,
    export_document,
    import_document,
    parse_document,
    read_document,
)
from council_app.library.demo import demo_document
from council_app.library.exchange import (
    MAX_IMPORT_BYTES,
    _normalised,
    _validator,
    case_to_json,
    facts_of,
)
from council_app.library.members import list_members
from council_app.library.package import (
    make_package,
    merge_package,
    read_package,
    read_package_file,
)
from council_app.validation import quick_check
from tests.factories import make_case

SOURCE = "fuzzed.json"
ONE_MB = 1_048_576


def fuzz(examples: int) -> settings:
    """Bounded examples; no deadline (the examples do I/O); fixtures are reset per example."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def dump(library: CaseLibrary) -> list[str]:
    return list(library.db.conn.iterdump())


@contextlib.contextmanager
def fresh_copy(template: CaseLibrary) -> Iterator[CaseLibrary]:
    """An in-memory copy of ``template`` for one example (a file's fsyncs would cost minutes)."""
    library = CaseLibrary.in_memory()
    try:
        template.db.conn.backup(library.db.conn)
        yield library
    finally:
        library.close()


def restore(library: CaseLibrary, template: CaseLibrary) -> CaseLibrary:
    """Make ``library`` (the test's own file) a copy of ``template``."""
    template.db.conn.backup(library.db.conn)
    return library


def check_refusal(error: CouncilError, source: str | None = SOURCE) -> None:
    """A refusal is a message for a person: it names the source and says what is wrong."""
    message = str(error)
    assert message.strip(), "a refusal without a message"
    assert "Traceback" not in message
    if source is not None:
        assert source in message, message[:500]
        assert len(message.strip()) > len(source) + 10, message
    if isinstance(error, ImportRefused):
        assert all(isinstance(p, str) and p.strip() for p in error.problems), error.problems


# -- what the fuzzing starts from -------------------------------------------------------------


@functools.cache
def base_cases() -> tuple[dict[str, Any], ...]:
    """Exchange-format cases: the factory's (every field filled) and the demo library's."""
    demo = demo_document()
    return (case_to_json(make_case()), *(case_to_json(c) for c in demo.cases))


@functools.cache
def members_json() -> tuple[dict[str, Any], ...]:
    return tuple(
        {"name": m.name, "role": m.role, "voting": m.voting} for m in demo_document().members
    )


@functools.cache
def import_template() -> CaseLibrary:
    """The library imports go into: some of the base cases, one of them changed since."""
    demo = demo_document()
    library = CaseLibrary.in_memory()
    import_document(library, replace(demo, cases=demo.cases[:4]))
    library.save_case(make_case())
    changed = library.get_case(demo.cases[1].id)
    library.save_case(replace(changed, title=changed.title + " (revised)"))
    return library


# -- odd values --------------------------------------------------------------------------------

ODD_STRINGS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\t\r\n",
    "\u202eRTL override\u202c",
    "مجلس الأخلاقيات",
    "מועצה",
    "e\u0301",
    "\ufeffBOM",
    "🙂👩🏽‍⚖️",
    "\u200b",
    "2025-02-30",
    "2025-13-01",
    "2025-00-10",
    "0000-01-01",
    "9999-12-31",
    "2023-02-29",
    "2025-1-1",
    "2025-01-01T00:00:00",
    "approve",
    "decided",
    "draft",
    "abstain",
    "cites",
    "supersedes",
    "EU",
    "de",
    "GLOBAL",
    "TST-2025-001",
    "EUC-2022-010",
    "Priya Raman",
    "Robert'); DROP TABLE cases;--",
    "%s %d {0}",
    "<script>alert(1)</script>",
    "-" * 65,
    "A" * 65,
    "\ud800",
    "broken \udfff text",
    "Zo\u00eb",
    "Zoe\u0308",
    "ABC\n",
    "approve\n",
]
LONG_STRINGS = st.builds(
    lambda piece, n: piece * n,
    st.sampled_from(["x", "é", "🙂", " ", "\x00", "\u202e", "ab\n"]),
    st.sampled_from([64, 65, 200, 201, 500, 501, 5000]),
)
TEXT = st.text(st.characters(), max_size=30)  # lone surrogates (category Cs) included
ODD_TEXT = st.sampled_from(ODD_STRINGS) | TEXT | LONG_STRINGS
ODD_NUMBERS = st.sampled_from(
    [0, 1, 4, 5, -1, 2**31, 2**63, -(2**63) - 1, 10**30, 2.0, 2.5, -0.0, 1e308, float("inf")]
) | st.floats(allow_nan=True, allow_infinity=True)
# An integer literal too long for Python to read (or write): put into the JSON text after dumping.
HUGE_NUMBER = "@@digits:5000@@"
SCALARS = st.none() | st.booleans() | st.integers() | ODD_NUMBERS | ODD_TEXT | st.just(HUGE_NUMBER)
ODD_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ODD_TEXT, inner, max_size=3),
    max_leaves=6,
)
# Deep nesting is written into the JSON text after dumping (Python's json would recurse).
# Around the importer's limit (32 levels in all), and around and past the reader's (about 1000).
DEPTHS = [10, 25, 30, 100, 200, 900, 990, 1_000, 5_000, 200_000]
DEEP = "@@deep:{depth}:{kind}@@"

SCHEMA_KEYS = [
    "format", "version", "case", "cases", "members", "title", "exported_at", "generator",
    "id", "summary", "question", "product", "customer", "sector", "regions", "tags",
    "submitted", "status", "use_case", "ratings", "mitigations", "stakeholder_input",
    "decision", "links", "member", "considerations", "principles", "notes", "score",
    "rationale", "confidence", "use_case", "harm", "actions", "geopolitics", "human_rights",
    "privacy", "safety", "honesty", "inclusion", "description", "kind", "effectiveness",
    "owner", "group", "source", "contact", "date", "outcome", "distinction", "conditions",
    "text", "due", "review_by", "votes", "vote", "dissent", "reviews", "note",
    "next_review_by", "type", "target", "name", "role", "voting", "active_from", "active_to",
]  # fmt: skip
KEYS = st.sampled_from(SCHEMA_KEYS) | TEXT


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        items: Any = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return
    for key, child in items:
        yield (*prefix, key)
        yield from _paths(child, (*prefix, key))


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _retyped(value: Any, draw: st.DrawFn) -> Any:
    if isinstance(value, bool):
        return draw(st.sampled_from([str(value).lower(), int(value), None]))
    if isinstance(value, int | float):
        return draw(st.sampled_from([str(value), [value], float(value), value > 0, None]))
    if isinstance(value, str):
        return draw(st.sampled_from([len(value), [value], {"text": value}, value == "", None]))
    if isinstance(value, list):
        return draw(st.sampled_from([{str(i): v for i, v in enumerate(value)}, len(value), ""]))
    if isinstance(value, dict):
        return draw(st.sampled_from([list(value.values()), json.dumps(value), list(value)]))
    return draw(st.sampled_from([0, "", [], {}]))


@st.composite
def mutate(
    draw: st.DrawFn, doc: dict[str, Any], max_mutations: int = 4, depths: list[int] = DEPTHS
) -> dict[str, Any]:
    """The document after a few random mutations (in place; pass a copy)."""
    for _ in range(draw(st.integers(0, max_mutations))):
        paths = list(_paths(doc))
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _at(doc, path[:-1]), path[-1]
        value = parent[key]
        operation = draw(
            st.sampled_from(
                ["delete", "replace", "retype", "wrap", "duplicate", "add_key", "copy", "nest"]
            )
        )
        if operation == "delete":
            del parent[key]
        elif operation == "replace":
            parent[key] = draw(ODD_VALUES)
        elif operation == "retype":
            parent[key] = _retyped(value, draw)
        elif operation == "wrap":
            parent[key] = draw(st.sampled_from([[value], {"value": value}]))
        elif operation == "duplicate":
            if isinstance(parent, list):
                parent.insert(key, copy.deepcopy(value))
            elif isinstance(value, list) and value:
                value.append(copy.deepcopy(value[0]))
        elif operation == "add_key":
            target = value if isinstance(value, dict) else parent
            if isinstance(target, dict):
                target[draw(KEYS)] = draw(ODD_VALUES)
        elif operation == "copy":
            parent[key] = copy.deepcopy(_at(doc, draw(st.sampled_from(paths))))
        else:
            depth = draw(st.sampled_from(depths))
            parent[key] = DEEP.format(depth=depth, kind=draw(st.sampled_from("[{")))
    return doc


def to_json(doc: Any, *, ascii_only: bool = True) -> str:
    """JSON text of a document, with the deep-nesting markers expanded."""
    text = json.dumps(doc, ensure_ascii=ascii_only)

    def expand(match: re.Match[str]) -> str:
        depth, kind = int(match.group(1)), match.group(2)
        if kind == "[":
            return "[" * depth + "1" + "]" * depth
        return '{"a":' * depth + "1" + "}" * depth

    text = re.sub(r'"@@deep:(\d+):([\[{])@@"', expand, text)
    return re.sub(r'"@@digits:(\d+)@@"', lambda match: "1" * int(match.group(1)), text)


@st.composite
def exchange_documents(draw: st.DrawFn) -> dict[str, Any]:
    cases = base_cases()
    chosen = draw(st.lists(st.integers(0, len(cases) - 1), min_size=1, max_size=3, unique=True))
    picked = [copy.deepcopy(cases[i]) for i in chosen]
    if len(picked) == 1 and draw(st.booleans()):
        return {"format": "council-case", "version": 1, "case": picked[0]}
    doc: dict[str, Any] = {"format": "council-library", "version": 1}
    if draw(st.booleans()):
        doc["title"] = draw(ODD_TEXT)
    if draw(st.booleans()):
        doc["members"] = copy.deepcopy(list(members_json()[: draw(st.integers(1, 3))]))
    doc["cases"] = picked
    return doc


# -- (a) random bytes, text and JSON -----------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=15,
)


def read_or_refuse(data: bytes | str, source: str = SOURCE) -> Any:
    """The parsed document, or None after checking the refusal."""
    try:
        return parse_document(data, source=source)
    except ImportRefused as error:
        check_refusal(error, source)
        return None


def import_and_check(library: CaseLibrary, document: Any, *, replace: bool = False) -> None:
    """Import; on success the library is healthy and round-trips, on refusal it is unchanged."""
    before = dump(library)
    try:
        report = import_document(library, document, replace=replace)
    except ImportRefused as error:
        check_refusal(error)
        assert dump(library) == before, "a refused import changed the library"
        return
    assert library.integrity_problems() == []
    stored = library.get_cases([c.id for c in document.cases])
    assert stored == list(document.cases)
    assert set(report.added) | set(report.replaced) | set(report.unchanged) == {
        c.id for c in document.cases
    }
    names = {m.name for m in list_members(library)}
    assert {m.name for m in document.members} <= names
    ids = [c.id for c in document.cases]
    again = parse_document(json.dumps(export_document(library, ids)), source="re-export")
    assert list(again.cases) == stored


@fuzz(150)
@given(data=st.binary(max_size=300))
@example(data=b"")
@example(data=b"\xef\xbb\xbf")
@example(data=b"\xff\xfe{\x00}\x00")
@example(data='{"format": "council-case", "version": 1}'.encode("utf-16"))
@example(data=b'{"format": "council-case", "version": 1, "case": {"id": "A", "title": "\xe9"}}')
@example(data=b"[" * 100_000)
@example(data=b"NaN")
@example(data=b'{"format": "council-library", "version": 1, "cases": []}')
def test_random_bytes_are_read_or_refused(data: bytes) -> None:
    document = read_or_refuse(data)
    if document is not None:
        assert document.kind in ("council-case", "council-library")


@fuzz(150)
@given(text=st.text(max_size=300) | st.text(st.characters(), max_size=50))
@example(text="\ud800")
@example(text='{"format": "\\ud800", "version": 1}')
@example(text='{"format": "council-case", "version": 1, "case": {"id": "\\ud800", "title": "t"}}')
@example(text="{" * 5000)
@example(text='{"format": "council-case", "version": 1e400}')
@example(text='{"format": "council-case", "version": NaN}')
@example(text='{"format": "council-case", "version": true}')
@example(text='{"format": "council-case", "version": 1.0, "case": {"id": "A", "title": "t"}}')
@example(text='{"format": "council-case", "version": 2}')
@example(text='{"format": "council-case", "format": "council-library", "version": 1}')
def test_random_text_is_read_or_refused(text: str) -> None:
    read_or_refuse(text)


@fuzz(100)
@given(
    skeleton=st.sampled_from(["none", "council-case", "council-library", "members"]),
    value=JSON_VALUES,
)
def test_random_json_values_are_read_or_refused(skeleton: str, value: Any) -> None:
    if skeleton == "none":
        doc = value
    elif skeleton == "council-case":
        doc = {"format": "council-case", "version": 1, "case": value}
    elif skeleton == "council-library":
        doc = {"format": "council-library", "version": 1, "cases": value}
    else:
        doc = {"format": "council-library", "version": 1, "cases": [], "members": value}
    read_or_refuse(json.dumps(doc))


CASE_FIELDS = SCHEMA_KEYS[9:24]  # summary … links


def _field_values(key: str) -> st.SearchStrategy[Any]:
    """Values the base cases hold for this field, or odd ones."""
    seen = [copy.deepcopy(c[key]) for c in base_cases() if key in c]
    return (st.sampled_from(seen) if seen else ODD_VALUES) | ODD_VALUES


CASE_LIKE = st.deferred(
    lambda: st.fixed_dictionaries(
        {"id": st.sampled_from(["FZ-1", "FZ-2", "TST-2025-001"]) | TEXT, "title": ODD_TEXT},
        optional={key: _field_values(key) for key in CASE_FIELDS},
    )
)


@fuzz(100)
@given(cases=st.lists(CASE_LIKE, max_size=3))
def test_random_case_objects_are_imported_or_refused(cases: list[dict[str, Any]]) -> None:
    document = read_or_refuse(to_json({"format": "council-library", "version": 1, "cases": cases}))
    if document is not None:
        with fresh_copy(import_template()) as library:
            import_and_check(library, document)


@fuzz(40)
@given(data=st.binary(max_size=200), name=st.sampled_from(["fuzzed.json", "fuzzed.councilcase"]))
def test_random_files_are_read_or_refused(tmp_path: Path, data: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    try:
        read_document(path)
    except ImportRefused as error:
        check_refusal(error, str(path))


def test_missing_files_and_folders_are_refused_by_name(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.json", tmp_path):
        with pytest.raises(ImportRefused) as refused:
            read_document(path)
        check_refusal(refused.value, str(path))
        with pytest.raises(ImportRefused) as refused:
            read_package_file(path)
        check_refusal(refused.value, str(path))


# -- (b) mutated exchange documents ------------------------------------------------------------


@fuzz(150)
@given(
    doc=exchange_documents().flatmap(mutate),
    ascii_only=st.booleans(),
    as_bytes=st.booleans(),
    replace_existing=st.booleans(),
)
def test_mutated_documents_are_imported_whole_or_refused_with_the_library_unchanged(
    doc: dict[str, Any], ascii_only: bool, as_bytes: bool, replace_existing: bool
) -> None:
    text = to_json(doc, ascii_only=ascii_only)
    # A lone surrogate written as UTF-8 (as some programs do) is bytes that are not UTF-8.
    document = read_or_refuse(text.encode("utf-8", "surrogatepass") if as_bytes else text)
    if document is not None:
        with fresh_copy(import_template()) as library:
            import_and_check(library, document, replace=replace_existing)


@st.composite
def damaged_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """Bytes with a few flipped, inserted or deleted, or cut short."""
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(buffer)))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if kind == "flip" and at < len(buffer):
            buffer[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            buffer[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif kind == "delete":
            del buffer[at : at + draw(st.integers(1, 8))]
        else:
            del buffer[at:]
    return bytes(buffer)


@fuzz(100)
@given(data=exchange_documents().flatmap(lambda doc: damaged_bytes(to_json(doc).encode("utf-8"))))
def test_damaged_bytes_of_documents_are_imported_or_refused(data: bytes) -> None:
    document = read_or_refuse(data)
    if document is not None:
        with fresh_copy(import_template()) as library:
            import_and_check(library, document)


def test_a_document_listing_a_case_twice_is_refused_with_the_library_unchanged(
    library: CaseLibrary,
) -> None:
    restore(library, import_template())
    before = dump(library)
    case = case_to_json(make_case("DUP-1"))
    text = json.dumps({"format": "council-library", "version": 1, "cases": [case, case]})
    with pytest.raises(ImportRefused) as refused:
        import_document(library, parse_document(text, source=SOURCE))
    check_refusal(refused.value)
    assert "DUP-1" in str(refused.value)
    assert dump(library) == before


# -- (c) case packages -------------------------------------------------------------------------

MEMBER = "Priya Raman"
NEWCOMER = "Ana Ferreira"


def _canonical(content: Any) -> bytes:
    """The checksummed form of a package's content (docs/exchange-format.md)."""
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate must reach read_package


def reseal(package: dict[str, Any]) -> dict[str, Any]:
    manifest, content = package.get("manifest"), package.get("content")
    if isinstance(manifest, dict):
        manifest["content_sha256"] = hashlib.sha256(_canonical(content)).hexdigest()
    return package


@functools.cache
def package_setting() -> tuple[CaseLibrary, tuple[str, ...]]:
    """The session library packages merge into, and packages made on a member's laptop.

    The member's library is a copy of the session's in which the member changed their
    assessment of one case, rated another and changed its facts, and entered a case of their
    own; the session library meanwhile changed the facts of the first case.
    """
    demo = demo_document().cases
    session = CaseLibrary.in_memory()
    session.add_cases([make_case(), replace(demo[0], status="decided")])
    laptop = CaseLibrary.in_memory()
    import_document(laptop, parse_document(json.dumps(export_document(session))))
    mine = laptop.get_case("TST-2025-001")
    changed = replace(mine.assessment_by(MEMBER), notes="Changed my mind after the visit.")
    laptop.save_case(
        replace(
            mine, assessments=tuple(changed if a.member == MEMBER else a for a in mine.assessments)
        )
    )
    other = laptop.get_case(demo[0].id)
    rated = Assessment(
        member=NEWCOMER,
        submitted=date(2025, 4, 1),
        considerations={"harm": Rating(score=3, rationale="Bystanders.", confidence="high")},
    )
    laptop.save_case(
        replace(
            other,
            summary=other.summary + " (as I heard it)",
            assessments=(*other.assessments, rated),
        )
    )
    laptop.save_case(make_case("NEW-1", decision=None, status="in_review", links=()))
    session_case = session.get_case("TST-2025-001")
    session.save_case(replace(session_case, question=session_case.question + " (reworded)"))
    packages = tuple(
        json.dumps(make_package(laptop, case_id, member))
        for case_id, member in (
            ("TST-2025-001", MEMBER),
            ("TST-2025-001", "Élodie Marchand"),
            (demo[0].id, NEWCOMER),
            ("NEW-1", MEMBER),
        )
    )
    return session, packages


CHOICES = st.sampled_from([None, "keep", "take"])


def merge_and_check(
    library: CaseLibrary,
    data: bytes,
    *,
    assessment: Any,
    facts: Any,
    add_case: bool,
) -> None:
    before = dump(library)
    try:
        package = read_package(data, source=SOURCE)
    except ImportRefused as error:
        check_refusal(error)
        return
    case_id, member = package.manifest.case_id, package.manifest.member
    existing = library.get_cases([case_id])
    old = existing[0] if existing else None
    others = {c.id: c for c in library.get_cases() if c.id != case_id}
    try:
        result = merge_package(
            library, package, assessment=assessment, facts=facts, add_case=add_case
        )
    except CouncilError as error:
        check_refusal(error, source=None)
        assert dump(library) == before, "a refused merge changed the library"
        return
    assert library.integrity_problems() == []
    assert {c.id: c for c in library.get_cases() if c.id != case_id} == others
    new = library.get_case(case_id)
    if old is None:
        assert add_case and result.assessment == "added" and result.facts == "added"
        assert new.assessment_by(member) == package.assessment
        assert facts_of(new) == facts_of(package.case)
        return
    if result.assessment in ("added", "replaced", "unchanged"):
        assert new.assessment_by(member) == package.assessment
    else:
        assert result.assessment == "kept"
        assert new.assessment_by(member) == old.assessment_by(member)
    for earlier in old.assessments:
        if earlier.member != member:
            assert new.assessment_by(earlier.member) == earlier
    if result.facts == "taken":
        assert facts_of(new) == facts_of(package.case)
    else:
        assert facts_of(new) == facts_of(old)
    assert new.decision == old.decision and new.links == old.links
    exported = export_document(library, [case_id])
    assert list(parse_document(json.dumps(exported)).cases) == [new]


@st.composite
def package_bytes(draw: st.DrawFn) -> bytes:
    _, packages = package_setting()
    package = json.loads(draw(st.sampled_from(packages)))
    part = draw(st.sampled_from(["content", "content", "manifest", "whole"]))
    if part == "whole":
        package = draw(mutate(package, max_mutations=2))
    else:
        package[part] = draw(mutate(package[part], max_mutations=3))
    if draw(st.integers(0, 4)) > 0:
        reseal(package)
    data = to_json(package, ascii_only=draw(st.booleans())).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 5)) == 0:
        data = draw(damaged_bytes(data))
    return data


@fuzz(150)
@given(
    data=package_bytes(),
    assessment=CHOICES,
    facts=CHOICES,
    add_case=st.booleans(),
)
def test_mutated_packages_merge_correctly_or_are_refused_with_the_library_unchanged(
    data: bytes, assessment: Any, facts: Any, add_case: bool
) -> None:
    session, _ = package_setting()
    with fresh_copy(session) as library:
        merge_and_check(library, data, assessment=assessment, facts=facts, add_case=add_case)


@pytest.mark.parametrize("index", range(4))
@pytest.mark.parametrize("assessment", [None, "keep", "take"])
@pytest.mark.parametrize("facts", [None, "keep", "take"])
def test_every_unmutated_package_merges_or_asks(index: int, assessment: Any, facts: Any) -> None:
    session, packages = package_setting()
    data = packages[index].encode("utf-8")
    with fresh_copy(session) as library:
        merge_and_check(library, data, assessment=assessment, facts=facts, add_case=True)


@fuzz(100)
@given(value=JSON_VALUES, where=st.sampled_from(["manifest", "content", "version", "format"]))
def test_random_json_in_a_package_is_refused(value: Any, where: str) -> None:
    _, packages = package_setting()
    package = json.loads(packages[0])
    package[where] = value
    try:
        read_package(json.dumps(package).encode("utf-8"), source=SOURCE)
    except ImportRefused as error:
        check_refusal(error)
    else:
        assert value == json.loads(packages[0])[where]


# -- (d) and (e) sizes -------------------------------------------------------------------------


def test_the_import_limit_is_50_mb() -> None:
    assert MAX_IMPORT_BYTES == 50 * 1024 * 1024


def test_a_file_just_over_the_limit_is_refused_quickly_without_reading_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: takes neither disk nor memory
    started = time.perf_counter()
    with pytest.raises(ImportRefused) as refused:
        read_document(path)
    assert time.perf_counter() - started < 1.0
    check_refusal(refused.value, str(path))
    assert "50 MB" in str(refused.value)


def test_bytes_just_over_the_limit_are_refused_quickly() -> None:
    data = b" " * (MAX_IMPORT_BYTES + 1)
    for read in (parse_document, read_package):
        started = time.perf_counter()
        with pytest.raises(ImportRefused) as refused:
            read(data, source=SOURCE)
        assert time.perf_counter() - started < 1.0
        check_refusal(refused.value)
        assert "50 MB" in str(refused.value)


def test_a_document_of_exactly_the_limit_is_read() -> None:
    doc = json.dumps({"format": "council-case", "version": 1, "case": case_to_json(make_case())})
    data = doc.encode("utf-8")
    data += b" " * (MAX_IMPORT_BYTES - len(data))
    assert len(data) == MAX_IMPORT_BYTES
    assert parse_document(data).cases[0] == make_case()


RATIONALE_PATH = "case.ratings[0].considerations.harm.rationale"


def _case_doc_with(text_of: dict[str, str], where: str) -> dict[str, Any]:
    case = case_to_json(make_case())
    if where == "rationale":
        case["ratings"][0]["considerations"]["harm"]["rationale"] = text_of["value"]
    elif where == "decision":
        case["decision"]["rationale"] = text_of["value"]
    elif where == "notes":
        case["ratings"][0]["notes"] = text_of["value"]
    else:
        case[where] = text_of["value"]
    return {"format": "council-case", "version": 1, "case": case}


@pytest.mark.parametrize(
    ("where", "named"),
    [
        ("rationale", RATIONALE_PATH),
        ("decision", "case.decision.rationale"),
        ("notes", "case.ratings[0].notes"),
        ("summary", "case.summary"),
        ("use_case", "case.use_case"),
    ],
)
def test_a_text_over_1_mb_is_refused_naming_the_field(
    library: CaseLibrary, where: str, named: str
) -> None:
    before = dump(library)
    doc = _case_doc_with({"value": "x" * (ONE_MB + 1)}, where)
    started = time.perf_counter()
    with pytest.raises(ImportRefused) as refused:
        import_document(library, parse_document(json.dumps(doc).encode("utf-8"), source=SOURCE))
    assert time.perf_counter() - started < 5.0
    message = str(refused.value)
    check_refusal(refused.value)
    assert named in message and "1,048,576" in message
    assert len(message) < 2000, "the refusal repeats the text"
    assert dump(library) == before


def test_a_rationale_of_exactly_1_mb_is_imported(library: CaseLibrary) -> None:
    doc = _case_doc_with({"value": "é" * ONE_MB}, "rationale")
    document = parse_document(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    import_and_check(library, document)
    stored = library.get_case("TST-2025-001").assessments[0].considerations["harm"]
    assert len(stored.rationale) == ONE_MB


def test_a_rationale_over_1_mb_in_a_package_is_refused_naming_the_field() -> None:
    _, packages = package_setting()
    package = json.loads(packages[0])
    package["content"]["case"]["ratings"][0]["considerations"]["harm"]["rationale"] = "x" * (
        ONE_MB + 1
    )
    with pytest.raises(ImportRefused) as refused:
        read_package(json.dumps(reseal(package)).encode("utf-8"), source=SOURCE)
    check_refusal(refused.value)
    assert RATIONALE_PATH in str(refused.value) and "1,048,576" in str(refused.value)


# -- bugs the fuzzing found, kept as regression tests ------------------------------------------


def _case_text(field_path: str, value: str) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "council-library",
        "version": 1,
        "members": [{"name": "Amara Okafor"}],
        "cases": [case_to_json(make_case())],
    }
    node: Any = doc
    *parents, last = field_path.split(".")
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[last] = value
    return doc


@pytest.mark.parametrize(
    "field_path",
    [
        "cases.0.title",
        "cases.0.summary",
        "cases.0.ratings.0.member",
        "cases.0.ratings.0.notes",
        "cases.0.decision.rationale",
        "members.0.name",
    ],
)
def test_lone_surrogates_are_refused(library: CaseLibrary, field_path: str) -> None:
    before = dump(library)
    text = json.dumps(_case_text(field_path, "broken \ud800 text"))  # escaped: valid JSON text
    with pytest.raises(ImportRefused) as refused:
        import_document(library, parse_document(text, source=SOURCE))
    check_refusal(refused.value)
    assert dump(library) == before


@pytest.mark.parametrize(
    ("field_path", "value"),
    [
        ("cases.0.title", "\x00" * 64),  # blank to SQLite, whose length() stops at a NUL
        ("cases.0.ratings.0.member", "  \x00Amara"),
        ("members.0.name", "\x00"),
        ("cases.0.summary", "a\x00b"),
    ],
)
def test_nul_characters_are_refused_naming_the_field(
    library: CaseLibrary, field_path: str, value: str
) -> None:
    before = dump(library)
    with pytest.raises(ImportRefused) as refused:
        import_document(
            library, parse_document(json.dumps(_case_text(field_path, value)), source=SOURCE)
        )
    check_refusal(refused.value)
    field = "." + field_path.rsplit(".", 1)[1]
    assert field in str(refused.value) and "NUL" in str(refused.value)
    assert dump(library) == before


@pytest.mark.parametrize("reader", ["document", "package"])
def test_integer_literals_too_long_to_read_are_refused(reader: str) -> None:
    digits = "1" * 5000
    if reader == "document":
        text = '{"format": "council-case", "version": 1, "case": {"id": "A", "title": "t", '
        text += '"ratings": [{"member": "M", "considerations": {"harm": {"score": ' + digits
        text += "}}}]}}"
        with pytest.raises(ImportRefused) as refused:
            parse_document(text.encode("utf-8"), source=SOURCE)
    else:
        data = b'{"format": "council-package", "version": ' + digits.encode() + b"}"
        with pytest.raises(ImportRefused) as refused:
            read_package(data, source=SOURCE)
    check_refusal(refused.value)


def _deepest_readable(template: str) -> int:
    """The deepest nesting parse_document still reads (rather than refuse as too deep), here."""
    low, high = 1, 5000
    while low < high:
        middle = (low + high + 1) // 2
        try:
            parse_document(template.format(deep="[" * middle + "]" * middle))
        except ImportRefused as error:
            if "nested too deeply" in str(error):
                high = middle - 1
                continue
        except RecursionError:
            pass
        low = middle
    return low


def test_nesting_just_below_the_readers_limit_is_refused() -> None:
    template = '{{"format": "council-case", "version": 1, "case": {{"id": "A", "title": {deep}}}}}'
    depth = _deepest_readable(template)
    for nesting in range(depth, max(depth - 40, 1), -1):
        text = template.format(deep="[" * nesting + "]" * nesting)
        with pytest.raises(ImportRefused) as refused:
            parse_document(text, source=SOURCE)
        check_refusal(refused.value)


@pytest.mark.parametrize("damage", ["deep", "surrogate"])
def test_damaged_packages_are_refused_not_crashed(damage: str) -> None:
    _, packages = package_setting()
    if damage == "deep":
        data = b'{"format": "council-package", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    else:
        package = json.loads(packages[0])
        package["content"]["case"]["title"] = "broken \ud800"
        data = json.dumps(package).encode("ascii")
    with pytest.raises(ImportRefused) as refused:
        read_package(data, source=SOURCE)
    check_refusal(refused.value)


def test_a_document_with_many_problems_is_refused_without_building_them_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from jsonschema import exceptions

    created = 0
    original = exceptions.ValidationError.__init__

    def counting(self: Any, *args: Any, **kwargs: Any) -> None:
        nonlocal created
        created += 1
        original(self, *args, **kwargs)

    monkeypatch.setattr(exceptions.ValidationError, "__init__", counting)
    entries = 5_000
    text = '{"format": "council-library", "version": 1, "cases": [' + ",".join(["1"] * entries)
    with pytest.raises(ImportRefused) as refused:
        parse_document((text + "]}").encode("utf-8"), source=SOURCE)
    check_refusal(refused.value)
    assert "more problems" in str(refused.value)
    assert created <= 1_000, f"{created:,} schema errors built to report a few"


@pytest.mark.parametrize("where", ["format", "version", "unknown key", "package version"])
def test_refusals_do_not_repeat_huge_values(where: str) -> None:
    huge = "x" * 100_000
    if where == "package version":
        with pytest.raises(ImportRefused) as refused:
            read_package(json.dumps({"format": "council-package", "version": huge}).encode())
    else:
        doc: dict[str, Any] = {"format": "council-case", "version": 1, "case": {"id": "A"}}
        doc["case"]["title"] = "t"
        if where == "unknown key":
            doc["case"][huge] = 1
        else:
            doc[where] = huge
        with pytest.raises(ImportRefused) as refused:
            parse_document(json.dumps(doc), source=SOURCE)
    assert len(str(refused.value)) < 2000


@pytest.mark.parametrize("entries", ["ratings", "votes"])
def test_names_equal_after_normalisation_are_refused_as_duplicates(
    library: CaseLibrary, entries: str
) -> None:
    case = case_to_json(make_case())
    if entries == "ratings":
        case["ratings"][0]["member"] = "Zo\u00eb"
        case["ratings"][1]["member"] = "Zoe\u0308"
    else:
        case["decision"]["votes"] = [
            {"member": "Zo\u00eb", "vote": "approve"},
            {"member": "Zoe\u0308", "vote": "decline"},
        ]
    before = dump(library)
    text = json.dumps({"format": "council-case", "version": 1, "case": case})
    with pytest.raises(ImportRefused) as refused:
        import_document(library, parse_document(text, source=SOURCE))
    check_refusal(refused.value)
    assert dump(library) == before


@pytest.mark.parametrize("field", ["id", "regions", "tags", "links"])
def test_a_trailing_newline_does_not_pass_the_patterns(field: str) -> None:
    case = case_to_json(make_case())
    if field == "id":
        case["id"] = "ABC\n"
    elif field == "links":
        case["links"] = [{"type": "cites", "target": "ABC\n"}]
    else:
        case[field] = [case[field][0] + "\n"]
    with pytest.raises(ImportRefused) as refused:
        parse_document(json.dumps({"format": "council-case", "version": 1, "case": case}))
    check_refusal(refused.value, source=None)


def test_a_package_file_over_the_limit_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.councilcase"
    with path.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)
    original = Path.read_bytes

    def guarded(self: Path) -> bytes:
        assert self.stat().st_size <= MAX_IMPORT_BYTES, f"read {self} whole, over the limit"
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    with pytest.raises(ImportRefused) as refused:
        read_package_file(path)
    check_refusal(refused.value, str(path))
    assert "50 MB" in str(refused.value)


def test_a_package_cannot_bring_a_decision_into_the_library(library: CaseLibrary) -> None:
    session, packages = package_setting()
    restore(library, session)
    package = json.loads(packages[3])  # NEW-1, not in the session library
    decided = case_to_json(make_case("NEW-1"))
    package["content"]["case"]["decision"] = decided["decision"]
    package["content"]["case"]["links"] = decided["links"]
    package["content"]["case"]["status"] = "decided"
    try:
        merge_package(library, read_package(json.dumps(reseal(package)).encode()), add_case=True)
    except ImportRefused as error:
        check_refusal(error, source=None)
        return
    added = library.get_case("NEW-1")
    assert added.decision is None and added.links == ()


@fuzz(400)
@given(doc=exchange_documents().flatmap(lambda d: mutate(d, depths=[2, 5, 12])))
def test_the_quick_schema_check_never_passes_a_document_jsonschema_refuses(doc: Any) -> None:
    # Imports skip jsonschema's findings when the quick check passes a document, so a wrong
    # "valid" would let a bad document through; an unsure "no" only costs time.
    try:
        document = _normalised(json.loads(to_json(doc)))
    except ValueError:  # a number too long to read: refused before the schema is checked
        return
    validator = _validator()
    quick = quick_check(validator)
    assert quick is not None, "the exchange schema should have a quick check"
    if quick(document):
        assert validator.is_valid(document)


def test_the_quick_schema_check_passes_the_documents_it_was_made_for() -> None:
    quick = quick_check(_validator())
    assert quick is not None
    for case in base_cases():
        assert quick({"format": "council-case", "version": 1, "case": case})
    assert quick(
        {
            "format": "council-library",
            "version": 1,
            "cases": list(base_cases()),
            "members": list(members_json()),
        }
    )
