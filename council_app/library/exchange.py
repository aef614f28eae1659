"""The case exchange format: one JSON document per case or per library.

Other tools and people write these files, so the format is a contract
(``resources/schema/council-exchange.schema.json``, described in ``docs/exchange-format.md``).
A document is checked whole before anything is written: its format and version, then the schema,
then the rules that tie entries together. A refused import names every problem it found and
leaves the library exactly as it was.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import functools
import hashlib
import json
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from council_app import __version__, paths, resources
from council_app.case import (
    Case,
)
from council_app.errors import ImportRefused
from council_app.framework import Framework, bundled_framework
from council_app.library.backup import backup_before
from council_app.library.case_json import case_from_json as case_from_json
from council_app.library.case_json import case_to_json as case_to_json
from council_app.library.case_json import date_or_none
from council_app.library.case_json import member_to_json as member_to_json
from council_app.library.case_library import CaseLibrary
from council_app.library.confidentiality import Withheld, public_copies
from council_app.library.frameworks import LEGACY_FRAMEWORK_VERSION, adopted_frameworks
from council_app.library.interests import Interest
from council_app.library.members import Member, list_members, member_kind
from council_app.library.personal_data import known_people
from council_app.library.redaction import Redaction
from council_app.validation import (
    first_problems,
    has_lone_surrogate,
    location,
    make_validator,
    quoted,
    shorten,
)

FORMAT_CASE = "council-case"
FORMAT_LIBRARY = "council-library"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 50 * 1024 * 1024
# The deepest nesting of objects and lists an import reads. A document or a package needs 7
# levels; the schema check recurses and copies what it finds wrong, so a few hundred
# levels, which json.loads still reads, would exhaust Python's stack.
MAX_NESTING = 32
_NAMED_LEVELS = 6  # of a place nested too deeply, the levels a refusal names


LIBRARY_ID_KEY = "library_id"


@dataclass(frozen=True)
class ExchangeDocument:
    kind: str
    cases: tuple[Case, ...]
    source: str = ""
    members: tuple[Member, ...] = ()
    library_id: str = ""  # the library it was exported from, if it says
    # (case id, the version it was assessed under, the version it is read under by a mapping)
    mapped: tuple[tuple[str, str, str], ...] = ()
    # The evidence files the cases name: (media type, bytes) by SHA-256, checked.
    evidence_files: Mapping[str, tuple[str, bytes]] = field(default_factory=dict)


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # (case id, target id) of links to cases that are not in the library
    dangling_links: list[tuple[str, str]] = field(default_factory=list)
    mapped: list[tuple[str, str, str]] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{len(self.added)} added"]
        if self.replaced:
            parts.append(f"{len(self.replaced)} replaced")
        if self.unchanged:
            parts.append(f"{len(self.unchanged)} already present and unchanged")
        text = "Imported: " + ", ".join(parts) + "."
        if self.dangling_links:
            targets = sorted({t for _, t in self.dangling_links})
            text += (
                f" Note: {len(self.dangling_links)} link(s) point to cases not in this library "
                f"({', '.join(targets[:5])}{'…' if len(targets) > 5 else ''})."
            )
        for case_id, old, new in self.mapped:
            text += (
                f" {case_id} was assessed under framework {old}, which this library has not "
                f"adopted; it is read under {new} by that framework's mapping."
            )
        return text


# -- JSON ↔ Case -------------------------------------------------------------------------------


def _stamp() -> dict[str, str]:
    return {
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "generator": f"Council Desk {__version__}",
    }


def _origin(library_id: str | None) -> dict[str, str]:
    return {"library": library_id} if library_id else {}


def case_document(
    case: Case,
    *,
    redact: bool = False,
    library_id: str | None = None,
    people: Iterable[str] = (),
    evidence_files: Mapping[str, tuple[str, bytes]] | None = None,
    withheld: Mapping[str, Withheld] | None = None,
) -> dict[str, Any]:
    """``withheld``: what a copy for an audience left out of each case, said in its
    ``left_out`` (see :func:`export_document`). ``library_id``: the library the case was read from, whose revision the file then carries
    (left out of a redacted export, which is not for coming back). ``people``: everyone the
    library knows, whom a redacted export finds by name anywhere in the text.
    ``evidence_files``: the files the case's evidence names (a redacted export leaves them out)."""
    origin = _origin(None if redact else library_id)
    document: dict[str, Any] = {
        "format": FORMAT_CASE,
        "version": FORMAT_VERSION,
        **_stamp(),
        **origin,
        "case": _with_left_out(
            case_to_json(
                Redaction(people).case(case) if redact else case,
                redact=redact,
                revision=bool(origin),
            ),
            withheld,
        ),
    }
    files = _files_to_json(evidence_files, [case]) if evidence_files and not redact else {}
    if files:
        document["evidence_files"] = files
    return document


def _with_left_out(obj: dict[str, Any], withheld: Mapping[str, Withheld] | None) -> dict[str, Any]:
    left_out = withheld.get(obj["id"]) if withheld else None
    if left_out:
        obj["left_out"] = left_out.to_json()
    return obj


def _files_to_json(files: Mapping[str, tuple[str, bytes]], cases: Iterable[Case]) -> dict[str, Any]:
    """The files the cases name (only those), by digest, in base64."""
    from council_app.library.evidence import named_files

    named = set(named_files(cases))
    return {
        sha: {"media_type": media_type, "content_base64": base64.b64encode(content).decode()}
        for sha, (media_type, content) in sorted(files.items())
        if sha in named
    }


def _files_from_json(obj: Mapping[str, Any]) -> tuple[dict[str, tuple[str, bytes]], list[str]]:
    """The document's evidence files, each checked as a file attached from disk is, and what
    is wrong with any of them."""
    from council_app.library.evidence import check_evidence_content

    files: dict[str, tuple[str, bytes]] = {}
    problems: list[str] = []
    for sha, item in obj.get("evidence_files", {}).items():
        try:
            content = base64.b64decode(item["content_base64"], validate=True)
        except (binascii.Error, ValueError):
            problems.append(f"evidence_files.{sha[:12]}…: the content is not base64")
            continue
        problem = check_evidence_content(sha, item["media_type"], content)
        if problem:
            problems.append(f"evidence_files: {problem}")
        else:
            files[sha] = (item["media_type"], content)
    return files, problems


def _missing_files(
    cases: Iterable[Case], files: Mapping[str, tuple[str, bytes]], prefix: str
) -> list[str]:
    problems = []
    for n, case in enumerate(cases):
        if case.decision is None:
            continue
        where = prefix.format(n) if "{}" in prefix else prefix
        for i, condition in enumerate(case.decision.conditions):
            for j, e in enumerate(condition.evidence):
                if e.sha256 and e.sha256 not in files:
                    problems.append(
                        f"{where}.decision.conditions[{i}].evidence[{j}]: the file "
                        f"{e.file_name or e.sha256[:12]} is not in the document's evidence_files"
                    )
    return problems


def library_document(
    cases: Iterable[Case],
    *,
    members: Iterable[Member] = (),
    redact: bool = False,
    library_id: str | None = None,
    people: Iterable[str] = (),
    evidence_files: Mapping[str, tuple[str, bytes]] | None = None,
    withheld: Mapping[str, Withheld] | None = None,
) -> dict[str, Any]:
    origin = _origin(None if redact else library_id)
    document: dict[str, Any] = {
        "format": FORMAT_LIBRARY,
        "version": FORMAT_VERSION,
        **_stamp(),
        **origin,
    }
    listed = [member_to_json(m) for m in members]
    if listed and not redact:
        document["members"] = listed
    if redact:
        rule = Redaction(people)  # one set for the document: the same member, the same letter
        cases = [rule.case(c) for c in cases]
    cases = list(cases)
    document["cases"] = [
        _with_left_out(case_to_json(c, redact=redact, revision=bool(origin)), withheld)
        for c in cases
    ]
    files = _files_to_json(evidence_files, cases) if evidence_files and not redact else {}
    if files:
        document["evidence_files"] = files
    return document


FACT_FIELDS = (
    "title", "summary", "question", "product", "customer", "sector", "regions", "tags",
    "submitted", "use_case", "mitigations", "stakeholder_input", "facts", "coverage",
)  # fmt: skip
# Parts of the facts that came later: a case without any leaves them out of ``facts_of``.
_LATER_FACTS = ("facts", "coverage")


def facts_of(case: Case) -> dict[str, Any]:
    """The parts of a case that are its facts (not its ratings, decision or links).

    The ``facts`` list came later: a case without any leaves it out, so that the fingerprint a
    package made before then recorded of its base still matches the same facts."""
    full = case_to_json(case)
    return {
        name: full.get(name)
        for name in FACT_FIELDS
        if name not in _LATER_FACTS or getattr(case, name)
    }


def canonical_sha256(obj: Any) -> str:
    """SHA-256 of ``obj`` as JSON with sorted keys and no spaces (UTF-8): the same content
    always gives the same hash, whatever order it was built in."""
    canonical = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def facts_fingerprint(case: Case) -> str:
    return canonical_sha256(facts_of(case))


def case_fingerprint(case: Case) -> str:
    """The whole case record's fingerprint: any edit to the case changes it."""
    return canonical_sha256(case_to_json(case))


# -- reading and checking a document -----------------------------------------------------------


@functools.cache
def _validator() -> Any:
    return make_validator(json.loads(resources.read_text(resources.EXCHANGE_SCHEMA_FILE)))


def read_import_file(path: Path, *, advice: str = "") -> bytes:
    """The bytes of a file to import, read by the rule for every file a user names.

    A device, a pipe or a folder is refused before it is read, and one over the limit without
    being read (``advice`` says what to do about the size).
    """
    from council_app.user_files import read_user_file

    return read_user_file(
        path,
        limit=MAX_IMPORT_BYTES,
        what="an import",
        outcome="nothing was imported",
        advice=advice,
        error=ImportRefused,
    )


def read_document(
    path: Path | str,
    *,
    framework: Framework | None = None,
    frameworks: Mapping[str, Framework] | None = None,
) -> ExchangeDocument:
    path = Path(path)
    data = read_import_file(path, advice="Split the library into parts.")
    return parse_document(data, source=str(path), framework=framework, frameworks=frameworks)


def parse_document(
    data: bytes | str,
    *,
    source: str = "the document",
    framework: Framework | None = None,
    frameworks: Mapping[str, Framework] | None = None,
) -> ExchangeDocument:
    """Check an exchange document whole and turn it into cases, or refuse it.

    Each case's ratings are checked against the framework it was assessed under: with
    ``frameworks`` (a library's adopted versions, by version), the one its
    ``framework_version`` names, a version the library lacks being refused in words; with
    ``framework``, that one for every case; with neither, the bundled one. An assessment rating
    a consideration or principle its framework does not rate is refused in words, naming it.
    """
    if isinstance(data, bytes):
        if len(data) > MAX_IMPORT_BYTES:
            raise ImportRefused(f"{source}: larger than {MAX_IMPORT_BYTES // 1024 // 1024} MB.")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportRefused(
                f"{source}: not UTF-8 text (byte {exc.start} cannot be read); "
                "exchange files are UTF-8 JSON."
            ) from exc
    else:
        text = data
    if not text.strip():
        raise ImportRefused(f"{source}: the file is empty.")
    try:
        obj = load_json(text, source=source)
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            f"{source}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}). "
            "The file may be truncated or damaged."
        ) from exc
    if not isinstance(obj, dict):
        raise ImportRefused(
            f"{source}: not a Council Desk exchange document (expected a JSON object with "
            f'"format": "{FORMAT_CASE}" or "{FORMAT_LIBRARY}").'
        )
    kind = obj.get("format")
    if kind not in (FORMAT_CASE, FORMAT_LIBRARY):
        found = 'no "format" field' if kind is None else f"format {quoted(kind)}"
        raise ImportRefused(
            f"{source}: not a Council Desk exchange document ({found}; expected "
            f'"{FORMAT_CASE}" or "{FORMAT_LIBRARY}").'
        )
    version = obj.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise ImportRefused(
            f"{source}: written in version {version} of the {kind} format, which is newer than "
            f"this Council Desk reads (version {FORMAT_VERSION}). Update Council Desk to import it."
        )
    if version != FORMAT_VERSION:
        raise ImportRefused(
            f'{source}: the "version" field must be {FORMAT_VERSION}; found {quoted(version)}.'
        )
    # Normalised before any check, so that the checks see what will be stored: names that
    # differ only in how an accent is written are one name (and so duplicates).
    obj = _normalised(obj)
    found_problems, more = first_problems(_validator(), obj)
    if found_problems:
        raise ImportRefused(
            f"{source}: not imported; the document has problems:", found_problems, more=more
        )
    raw_cases: list[dict[str, Any]] = [obj["case"]] if kind == FORMAT_CASE else obj["cases"]
    prefix = "case" if kind == FORMAT_CASE else "cases[{}]"
    raw_cases, mapped = _mapped_cases(raw_cases, frameworks)
    under = _frameworks_of(raw_cases, framework, frameworks)
    found_problems = _rule_problems(raw_cases, prefix, under, frameworks)
    if found_problems:
        raise ImportRefused(f"{source}: not imported; the document has problems:", found_problems)
    cases = tuple(case_from_json(c, under[i]) for i, c in enumerate(raw_cases))
    # Outcomes, votes, stakeholder groups and classifications, by the rule the library writes
    # cases by (framework.fit), before anything is written.
    from council_app.framework.fit import case_fit_problems

    unfit = [
        problem
        for case, framework_of in zip(cases, under, strict=True)
        if framework_of is not None
        for problem in case_fit_problems(framework_of, case)
    ]
    if unfit:
        raise ImportRefused(f"{source}: not imported; the document has problems:", unfit)
    files, file_problems = _files_from_json(obj)
    file_problems += _missing_files(cases, files, prefix)
    if file_problems:
        raise ImportRefused(f"{source}: not imported; the document has problems:", file_problems)
    members = tuple(
        Member(
            name=m["name"],
            role=m.get("role", ""),
            voting=m.get("voting", True),
            active_from=date_or_none(m.get("active_from")),
            active_to=date_or_none(m.get("active_to")),
            kind=member_kind(m.get("kind", "")),
            interests=tuple(
                Interest(
                    number,
                    m["name"],
                    i["kind"],
                    i["text"],
                    date.fromisoformat(i["declared_on"]),
                    date_or_none(i.get("withdrawn_on")),
                    i.get("note", ""),
                )
                for number, i in enumerate(m.get("interests", []), 1)
            ),
        )
        for m in obj.get("members", [])
    )
    return ExchangeDocument(
        kind=kind,
        cases=cases,
        source=source,
        members=members,
        library_id=obj.get("library", ""),
        mapped=tuple(mapped),
        evidence_files=files,
    )


def load_json(text: str, *, source: str) -> Any:
    """``json.loads``, with what it cannot read and what must not go further refused in words.

    A syntax error (``json.JSONDecodeError``) is left to the caller, which knows whether it
    reads a document or a package. Then :func:`check_shape`.
    """
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError as exc:
        raise ImportRefused(
            f"{source}: the JSON is nested too deeply to be read (exchange files nest at most "
            f"{MAX_NESTING} levels)."
        ) from exc
    except ValueError as exc:
        # Python refuses to convert integer literals of more than 4300 digits (a guard
        # against slow conversions); no field of the format holds such a number.
        if "digits" not in str(exc):
            raise ImportRefused(f"{source}: cannot be read as JSON ({shorten(str(exc))}).") from exc
        raise ImportRefused(
            f"{source}: holds a number of more than {sys.get_int_max_str_digits():,} digits, "
            "too long to read; no field of an exchange file holds such a number."
        ) from exc
    check_shape(obj, source=source)
    return obj


def check_shape(obj: Any, *, source: str) -> None:
    """Refuse what the later checks cannot be trusted with, walking without recursion.

    Nesting deeper than ``MAX_NESTING``: the schema check and normalisation recurse. Lone
    surrogates (``"\\ud800"`` is valid JSON but not Unicode text): they pass the schema and
    would fail at the write, when the case cannot be encoded as UTF-8. NUL characters: SQLite's
    text functions stop at the first one, so the library's own checks would see a title of NULs
    as blank (and refuse it at the write) and search would see any text cut short.
    """
    if _plain(obj, 0):
        return
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(obj, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, str):
            if has_lone_surrogate(node):
                raise ImportRefused(
                    f"{source}: {location(path, obj)} holds a lone surrogate (such as "
                    "\\ud800), which is not a character; the file was written by a program "
                    "that split a character in two. Correct the text and import again."
                )
            if "\x00" in node:
                raise ImportRefused(
                    f"{source}: {location(path, obj)} holds a NUL character (\\u0000), which "
                    "is not text; the file may be damaged. Remove it and import again."
                )
        elif isinstance(node, dict | list):
            if len(path) >= MAX_NESTING:
                raise ImportRefused(
                    f"{source}: the JSON is nested too deeply: under "
                    f"{location(path[:_NAMED_LEVELS], obj)} it goes more than {MAX_NESTING} "
                    "levels deep, and exchange files nest far less."
                )
            items = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
            for key, _ in items:
                if isinstance(key, str) and has_lone_surrogate(key):
                    raise ImportRefused(
                        f"{source}: a field name in {location(path, obj)} holds a lone "
                        "surrogate (such as \\ud800), which is not a character."
                    )
            # Reversed, so that the first problem in document order is the one named.
            stack.extend((child, (*path, key)) for key, child in reversed(items))


def _plain(node: Any, depth: int) -> bool:
    """Whether :func:`check_shape` has nothing to refuse, found without naming places.

    Naming the place of a problem needs the path to every value, which made the check cost as
    much as reading the JSON; the paths are built only when there is something to name.
    Recursion is bounded: nothing deeper than ``MAX_NESTING`` is entered.
    """
    if isinstance(node, str):
        return "\x00" not in node and not has_lone_surrogate(node)
    if isinstance(node, dict):
        if depth >= MAX_NESTING:
            return False
        for key, child in node.items():
            if isinstance(key, str) and has_lone_surrogate(key):
                return False
            if not _plain(child, depth + 1):
                return False
        return True
    if isinstance(node, list):
        return depth < MAX_NESTING and all(_plain(child, depth + 1) for child in node)
    return True


def _normalised(obj: Any) -> Any:
    """NFC-normalise text so that é typed two ways is one é (in ids, names and search).

    A whole number written as a decimal (``2.0``, ``-0.0``) becomes the integer it is, as the
    library stores it: the audit log fingerprints what is written, and a score kept as 2 but
    fingerprinted as 2.0 would look changed behind Council Desk's back.
    """
    if isinstance(obj, str):
        return unicodedata.normalize("NFC", obj)
    if isinstance(obj, float) and obj.is_integer():
        return int(obj)
    if isinstance(obj, list):
        return [_normalised(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _normalised(v) for k, v in obj.items()}
    return obj


def _duplicates(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dupes: list[str] = []
    for value in values:
        if value in seen and value not in dupes:
            dupes.append(value)
        seen.add(value)
    return dupes


def _rating_key_problems(
    assessment: Mapping[str, Any], where: str, framework: Framework
) -> list[str]:
    """Ratings of keys ``framework`` does not rate, in words (keys are the framework's)."""
    found: list[str] = []
    for section, known, what in (
        ("considerations", framework.rated_keys, "consideration rated"),
        ("principles", framework.principle_keys, "principle"),
    ):
        for key in assessment.get(section, {}):
            if key not in known:
                listed = ", ".join(known) if known else "none"
                found.append(
                    f"{where}.{section}: {key!r} is not a {what} under the framework "
                    f"{framework.name} {framework.version} (its {section}: {listed})"
                )
    return found


def _mapped_cases(
    raw_cases: list[dict[str, Any]], frameworks: Mapping[str, Framework] | None
) -> tuple[list[dict[str, Any]], list[tuple[str, str, str]]]:
    """Cases assessed under a version the library has not adopted, read under the adopted
    framework that maps from it (framework.mapping), if one does; the rest as they are."""
    if frameworks is None:
        return raw_cases, []
    from council_app.framework.mapping import mapped_case, mapping_into

    out: list[dict[str, Any]] = []
    mapped: list[tuple[str, str, str]] = []
    for raw in raw_cases:
        version = raw.get("framework_version", LEGACY_FRAMEWORK_VERSION)
        found = None if version in frameworks else mapping_into(frameworks, version)
        if found is None:
            out.append(raw)
            continue
        into, mapping = found
        out.append(mapped_case(raw, mapping, into.version))
        mapped.append((raw["id"], version, into.version))
    return out, mapped


def _frameworks_of(
    raw_cases: Sequence[Mapping[str, Any]],
    framework: Framework | None,
    frameworks: Mapping[str, Framework] | None,
) -> list[Framework | None]:
    """The framework each case is read under (None: a version the library has not adopted)."""
    if frameworks is None:
        one = framework or bundled_framework()
        return [one for _ in raw_cases]
    return [frameworks.get(c.get("framework_version", LEGACY_FRAMEWORK_VERSION)) for c in raw_cases]


def _rule_problems(
    raw_cases: Sequence[Mapping[str, Any]],
    prefix: str,
    under: Sequence[Framework | None],
    frameworks: Mapping[str, Framework] | None,
) -> list[str]:
    found: list[str] = []
    for dup in _duplicates(c["id"] for c in raw_cases):
        found.append(f"case id {dup!r} appears more than once")
    for index, c in enumerate(raw_cases):
        where = (prefix.format(index) if "{}" in prefix else prefix) + f" ({c['id']})"
        for dup in _duplicates(a["member"] for a in c.get("ratings", [])):
            found.append(f"{where}.ratings: {dup} has two assessments; give one per member")
        framework = under[index]
        if framework is None:
            version = c.get("framework_version", LEGACY_FRAMEWORK_VERSION)
            found.append(
                f"{where}: assessed under framework {version!r}, which this library has not "
                f"adopted (it has {', '.join(frameworks or {})}); adopt that framework first "
                "(council-app framework adopt), or adopt a framework whose [[mappings]] read "
                "that version's keys in its own"
            )
            continue
        for a_index, assessment in enumerate(c.get("ratings", [])):
            a_where = f"{where}.ratings[{a_index}] ({assessment['member']})"
            found += _rating_key_problems(assessment, a_where, framework)
        decision = c.get("decision")
        status = c.get("status")
        if decision is not None and status not in (None, "decided"):
            found.append(
                f"{where}: has a decision, so its status must be 'decided', not {status!r}"
            )
        if decision is None and status == "decided":
            found.append(f"{where}: status is 'decided' but there is no decision")
        if decision is not None:
            for dup in _duplicates(v["member"] for v in decision.get("votes", [])):
                found.append(f"{where}.decision.votes: {dup} voted twice")
        link_keys = [(link["type"], link["target"]) for link in c.get("links", [])]
        for link_type, target in link_keys:
            if target == c["id"]:
                found.append(f"{where}.links: a case cannot {link_type} itself")
        for dup_type, dup_target in _duplicates_pairs(link_keys):
            found.append(f"{where}.links: the link '{dup_type} {dup_target}' is listed twice")
    return found


def _duplicates_pairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    dupes: list[tuple[str, str]] = []
    for pair in pairs:
        if pair in seen:
            dupes.append(pair)
        seen.add(pair)
    return dupes


# -- import and export -------------------------------------------------------------------------


def record_received_facts(library: CaseLibrary, cases: Iterable[Case]) -> None:
    """Remember the facts each case arrived with, inside the caller's transaction.

    A case package made from this library later carries them, so that the merge into the
    session library can tell whether the member or the council changed the facts.
    """
    arrived = datetime.now(UTC).isoformat(timespec="seconds")
    for case in cases:
        library.db.execute(
            "INSERT INTO package_bases (case_id, facts_sha256, received_at) VALUES (?, ?, ?) "
            "ON CONFLICT(case_id) DO UPDATE SET facts_sha256 = excluded.facts_sha256, "
            "received_at = excluded.received_at",
            [case.id, facts_fingerprint(case), arrived],
        )


def import_document(
    library: CaseLibrary,
    document: ExchangeDocument,
    *,
    replace: bool = False,
    expected: Mapping[str, int] | None = None,
) -> ImportReport:
    """Add the document's cases to the library in one transaction.

    A case already in the library with identical content is left alone. One with different
    content is replaced only when ``replace`` is true; otherwise the whole import is refused,
    naming the cases (and saying which revision of each it saw, in ``ImportRefused.revisions``),
    so that nothing is overwritten without the user saying so. ``expected`` is what such a
    refusal saw: a replacement is refused if the library has moved on since. A file exported
    from this library carries the revision of each case; replacing a case that has changed
    since the export is refused the same way, naming the change.
    """
    report = ImportReport()
    same_library = bool(document.library_id) and document.library_id == library.meta(LIBRARY_ID_KEY)
    # A file's revisions mean something only to the library it was exported from.
    incoming = {
        c.id: (c if same_library else dataclasses.replace(c, revision=0)) for c in document.cases
    }
    if replace or library.has_any_of(list(incoming)):
        # Only an import that may replace cases needs a way back; adding new ones does not.
        backup_before(library, "before import")
    with library.write(what=f"imported from {document.source}"):
        existing = {c.id: c for c in library.get_cases(list(incoming))}
        changed = [case_id for case_id, case in existing.items() if incoming[case_id] != case]
        if changed and not replace:
            refusal = ImportRefused(
                f"{document.source}: not imported; {len(changed)} case(s) are already in the "
                "library with different content. Import with --replace to overwrite them "
                "(the library is unchanged):",
                sorted(changed),
            )
            refusal.revisions = {case_id: existing[case_id].revision for case_id in changed}
            raise refusal
        to_write = [c for c in incoming.values() if c.id not in existing or c.id in changed]
        from council_app.library.evidence import store_evidence

        for sha, (media_type, content) in document.evidence_files.items():
            store_evidence(library.db, sha, media_type, content)
        library.add_cases(to_write, replace=changed, expected=expected)
        report.added = [c.id for c in to_write if c.id not in existing]
        report.replaced = sorted(changed)
        report.unchanged = sorted(set(existing) - set(changed))
        record_received_facts(library, to_write)
        for member in document.members:
            # Members already in the library keep what the library says about them.
            added = library.db.execute(
                "INSERT OR IGNORE INTO members (name, role, voting, active_from, active_to, kind) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    member.name,
                    member.role,
                    int(member.voting),
                    member.active_from.isoformat() if member.active_from else None,
                    member.active_to.isoformat() if member.active_to else None,
                    member.kind,
                ],
            ).rowcount
            if added:  # their register comes with them; a member already here keeps theirs
                for interest in member.interests:
                    library.db.execute(
                        "INSERT INTO member_interests "
                        "(member, kind, text, declared_on, withdrawn_on, note) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        [
                            member.name, interest.kind, interest.text,
                            interest.declared_on.isoformat(),
                            interest.withdrawn_on.isoformat() if interest.withdrawn_on else None,
                            interest.note,
                        ],
                    )  # fmt: skip
        known = set(library.case_ids())
        report.mapped = list(document.mapped)
        report.dangling_links = [
            (c.id, link.target)
            for c in document.cases
            for link in c.links
            if link.target not in known
        ]
    return report


def import_file(library: CaseLibrary, path: Path | str, *, replace: bool = False) -> ImportReport:
    return import_document(
        library, read_document(path, frameworks=adopted_frameworks(library)), replace=replace
    )


def export_document(
    library: CaseLibrary, case_ids: Sequence[str] | None = None, *, redact: bool = False
) -> dict[str, Any]:
    """A council-case document for one id, a council-library document for several or all."""
    from council_app.library.evidence import files_for

    origin = library.meta(LIBRARY_ID_KEY)
    people = known_people(library) if redact else ()
    if case_ids is not None and len(case_ids) == 1:
        cases = [library.get_case(case_ids[0])]
    else:
        cases = library.get_cases() if case_ids is None else [library.get_case(i) for i in case_ids]
    withheld: dict[str, Withheld] = {}
    if redact:  # a redacted export is for anyone: only what is public, saying what went
        cases, withheld = public_copies(library, cases)
    if case_ids is not None and len(case_ids) == 1:
        return case_document(
            cases[0],
            redact=redact,
            library_id=origin,
            people=people,
            evidence_files=None if redact else files_for(library, cases),
            withheld=withheld,
        )
    return library_document(
        cases,
        members=list_members(library) if case_ids is None else (),
        redact=redact,
        library_id=origin,
        people=people,
        evidence_files=None if redact else files_for(library, cases),
        withheld=withheld,
    )


def write_document(path: Path | str, document: Mapping[str, Any], *, force: bool = False) -> None:
    """Write a document as UTF-8 JSON, atomically; an existing file is kept unless ``force``."""
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    paths.write_user_file(path, text.encode("utf-8"), force=force, what="a file name to export to")
