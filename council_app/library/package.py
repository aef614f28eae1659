"""Case packages: one member's assessment of one case, carried between laptops, and merged.

A package is a JSON file (``.councilcase``) with a manifest and a content part. The content is
a ``council-case`` exchange document holding the case's facts and exactly one member's
assessment; the manifest says who made it, when, with which version of Council Desk, and
carries the SHA-256 of the content, so that a package damaged or altered on the way is refused.
It also carries the fingerprint of the facts as the member received them, so that a merge can
tell which side changed the facts.

Merging adds the member's assessment beside the others, never over them. When the library
already has an assessment by the same member that differs, or when the facts differ in a way
the member introduced, the merge stops and shows both versions; it goes ahead only when the
user has chosen, and then in one transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from council_app import __version__
from council_app.case import Assessment, Case
from council_app.errors import CouncilError, ImportRefused
from council_app.framework import Framework
from council_app.library.backup import backup_before
from council_app.library.case_library import CaseLibrary
from council_app.library.exchange import (
    FACT_FIELDS,
    MAX_IMPORT_BYTES,
    case_document,
    facts_fingerprint,
    facts_of,
    load_json,
    parse_document,
    read_import_file,
    record_received_facts,
)
from council_app.validation import quoted

PACKAGE_FORMAT = "council-package"
PACKAGE_VERSION = 1
PACKAGE_SUFFIX = ".councilcase"
Choice = Literal["keep", "take"]


def _canonical(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


@dataclass(frozen=True)
class Manifest:
    case_id: str
    member: str
    created_at: str
    app_version: str
    content_sha256: str
    base_facts_sha256: str


@dataclass(frozen=True)
class Package:
    manifest: Manifest
    case: Case  # the facts and the one assessment

    @property
    def assessment(self) -> Assessment:
        return self.case.assessments[0]


def make_package(library: CaseLibrary, case_id: str, member: str) -> dict[str, Any]:
    """The package document for ``member``'s assessment of a case in ``library``."""
    case = library.get_case(case_id)
    assessment = case.assessment_by(member)
    if assessment is None:
        raters = ", ".join(a.member for a in case.assessments) or "nobody yet"
        raise CouncilError(
            f"{member} has not assessed {case_id}; its assessments are by {raters}. "
            "Choose the member whose assessment the package carries."
        )
    # The facts as this library received the case, if it came from elsewhere; unknown
    # otherwise, and then a merge that finds different facts asks rather than guesses.
    row = library.db.execute(
        "SELECT facts_sha256 FROM package_bases WHERE case_id = ?", [case_id]
    ).fetchone()
    base = row[0] if row else ""
    carried = replace(case, assessments=(assessment,), decision=None, links=(), status="in_review")
    content = case_document(carried)
    content.pop("exported_at", None)
    return {
        "format": PACKAGE_FORMAT,
        "version": PACKAGE_VERSION,
        "manifest": {
            "case_id": case_id,
            "member": member,
            "created_by": member,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "app_version": __version__,
            "content_sha256": hashlib.sha256(_canonical(content)).hexdigest(),
            "base_facts_sha256": base,
        },
        "content": content,
    }


def write_package(path: Path | str, package: dict[str, Any], *, force: bool = False) -> None:
    from council_app.library.exchange import write_document

    write_document(path, package, force=force)


def read_package(
    data: bytes,
    *,
    source: str = "the package",
    frameworks: Mapping[str, Framework] | None = None,
) -> Package:
    """Check a package whole — JSON, format, version, checksum, then the case inside — or refuse.

    ``frameworks``: the library's adopted versions, by version, to check the case against the
    one it was assessed under (see ``exchange.parse_document``)."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRefused(f"{source}: larger than {MAX_IMPORT_BYTES // 1024 // 1024} MB.")
    try:
        # Depth, lone surrogates and numbers too long to read are refused here, before the
        # checksum (which encodes the content) and the checks of the case inside.
        obj = load_json(data.decode("utf-8-sig"), source=source)
    except UnicodeDecodeError as exc:
        raise ImportRefused(f"{source}: not a Council Desk case package (not UTF-8 text).") from exc
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            f"{source}: the package is damaged ({exc.msg} at line {exc.lineno}, column {exc.colno})."
        ) from exc
    if not isinstance(obj, dict) or obj.get("format") != PACKAGE_FORMAT:
        raise ImportRefused(f"{source}: not a Council Desk case package.")
    version = obj.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > PACKAGE_VERSION:
        raise ImportRefused(
            f"{source}: made with a newer version of Council Desk (package format {version}; "
            f"this version reads {PACKAGE_VERSION}). Update Council Desk to merge it."
        )
    if version != PACKAGE_VERSION:
        raise ImportRefused(
            f"{source}: the package's version must be {PACKAGE_VERSION}; found {quoted(version)}."
        )
    manifest = obj.get("manifest")
    content = obj.get("content")
    if not isinstance(manifest, dict) or not isinstance(content, dict):
        raise ImportRefused(f"{source}: the package has no manifest or no content.")
    needed = ("case_id", "member", "created_at", "app_version", "content_sha256")
    missing = [k for k in needed if not isinstance(manifest.get(k), str)]
    if missing:
        raise ImportRefused(f"{source}: the manifest lacks {', '.join(missing)}.")
    if hashlib.sha256(_canonical(content)).hexdigest() != manifest["content_sha256"]:
        raise ImportRefused(
            f"{source}: the content does not match its checksum: the package was damaged or "
            "altered after it was made. Ask for a new copy."
        )
    document = parse_document(_canonical(content), source=source, frameworks=frameworks)
    if document.kind != "council-case":
        raise ImportRefused(f"{source}: a package carries one case.")
    case = document.cases[0]
    if case.id != manifest["case_id"]:
        raise ImportRefused(
            f"{source}: the manifest names {quoted(manifest['case_id'])} but the case is {case.id}."
        )
    if len(case.assessments) != 1 or case.assessments[0].member != manifest["member"]:
        raise ImportRefused(
            f"{source}: a package carries exactly one assessment, by {quoted(manifest['member'])}."
        )
    if case.decision is not None or case.links:
        # A decision is the council's, made in a sitting; a package (one member's work)
        # leaves it and the links behind (docs/exchange-format.md), and merging with
        # --add-case would otherwise write them.
        carried = [
            what
            for what, present in (("a decision", case.decision), ("links", case.links))
            if present
        ]
        raise ImportRefused(
            f"{source}: the package carries {' and '.join(carried)}; a package carries only the "
            "case's facts and one assessment. Ask for a new package made by Council Desk."
        )
    return Package(
        Manifest(
            case_id=manifest["case_id"],
            member=manifest["member"],
            created_at=manifest["created_at"],
            app_version=manifest["app_version"],
            content_sha256=manifest["content_sha256"],
            base_facts_sha256=str(manifest.get("base_facts_sha256", "")),
        ),
        case,
    )


def read_package_file(
    path: Path | str, *, frameworks: Mapping[str, Framework] | None = None
) -> Package:
    path = Path(path)
    return read_package(read_import_file(path), source=str(path), frameworks=frameworks)


# -- merging ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FactDifference:
    name: str
    library: Any
    package: Any


@dataclass
class MergePlan:
    """What merging a package would do, and what the user must decide first."""

    package: Package
    case_in_library: bool
    assessment: Literal["add", "same", "conflict"]
    existing: Assessment | None  # the library's assessment by the same member, if any
    facts: Literal["same", "library_changed", "member_changed", "conflict"]
    differences: list[FactDifference] = field(default_factory=list)

    @property
    def needs_choice(self) -> list[str]:
        """What the user must choose before the merge can go ahead."""
        needed = []
        if not self.case_in_library:
            needed.append("case")
        if self.assessment == "conflict":
            needed.append("assessment")
        if self.facts in ("member_changed", "conflict"):
            needed.append("facts")
        return needed

    def describe(self) -> str:
        m = self.package.manifest
        lines = [
            f"Package from {m.member} for {m.case_id}, made {m.created_at} (Council Desk {m.app_version})."
        ]
        if not self.case_in_library:
            lines.append(
                f"{m.case_id} is not in this library: add it with the member's facts? (--add-case)"
            )
        if self.assessment == "add":
            lines.append(f"{m.member}'s assessment will be added beside the others.")
        elif self.assessment == "same":
            lines.append(f"{m.member}'s assessment is already in the library, unchanged.")
        else:
            old = (
                self.existing.submitted.isoformat()
                if self.existing and self.existing.submitted
                else "no date"
            )
            new = self.package.assessment.submitted
            lines.append(
                f"The library already has a different assessment by {m.member} (submitted {old}); the "
                f"package's is submitted {new.isoformat() if new else 'with no date'}. "
                "Keep the library's or take the package's (--assessment keep|take)."
            )
        if self.facts == "member_changed":
            lines.append(
                "The member changed the case's facts: keep the library's or take theirs (--facts keep|take):"
            )
        elif self.facts == "conflict":
            lines.append(
                "The facts changed both here and in the package: keep the library's or take the package's (--facts keep|take):"
            )
        elif self.facts == "library_changed":
            lines.append(
                "The facts changed here since the member received the case; the library's are kept."
            )
        for d in self.differences if self.facts in ("member_changed", "conflict") else []:
            lines.append(f"  - {d.name}: library {_short(d.library)} / package {_short(d.package)}")
        return "\n".join(lines)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 70 else text[:67] + "…"


def plan_merge(library: CaseLibrary, package: Package) -> MergePlan:
    case_id = package.manifest.case_id
    if not library.has_case(case_id):
        return MergePlan(package, False, "add", None, "same")
    current = library.get_case(case_id)
    mine = package.assessment
    existing = current.assessment_by(mine.member)
    if existing is None:
        assessment: Literal["add", "same", "conflict"] = "add"
    elif existing == mine:
        assessment = "same"
    else:
        assessment = "conflict"
    library_facts, package_facts = facts_of(current), facts_of(package.case)
    differences = [
        FactDifference(name, library_facts.get(name), package_facts.get(name))
        for name in FACT_FIELDS
        if library_facts.get(name) != package_facts.get(name)
    ]
    base = package.manifest.base_facts_sha256
    if not differences:
        facts: Literal["same", "library_changed", "member_changed", "conflict"] = "same"
    elif base and facts_fingerprint(package.case) == base:
        facts = "library_changed"  # the member left the facts alone
    elif base and facts_fingerprint(current) == base:
        facts = "member_changed"
    else:
        facts = "conflict"
    return MergePlan(package, True, assessment, existing, facts, differences)


@dataclass(frozen=True)
class MergeResult:
    case_id: str
    assessment: str  # "added", "replaced", "kept", "unchanged"
    facts: str  # "kept", "taken", "unchanged", "added"


def merge_package(
    library: CaseLibrary,
    package: Package,
    *,
    assessment: Choice | None = None,
    facts: Choice | None = None,
    add_case: bool = False,
) -> MergeResult:
    """Merge in one transaction, or refuse (nothing changed) while a choice is missing."""
    backup_before(library, "before merge")
    with library.write(what=f"case package from {package.manifest.member} merged"):
        plan = plan_merge(library, package)
        case_id = package.manifest.case_id
        if not plan.case_in_library:
            if not add_case:
                raise ImportRefused(
                    f"{case_id} is not in this library, so there is nothing to merge the "
                    f"assessment into; add the case with --add-case. The library is unchanged."
                )
            library.add_cases([package.case])
            record_received_facts(library, [package.case])
            return MergeResult(case_id, "added", "added")
        missing = [
            what
            for what, chosen in (("assessment", assessment), ("facts", facts))
            if what in plan.needs_choice and chosen is None
        ]
        if missing:
            raise ImportRefused(
                "Not merged; choose first (the library is unchanged):\n" + plan.describe(),
            )
        current = library.get_case(case_id)
        merged = current
        facts_outcome = "unchanged"
        if plan.facts in ("member_changed", "conflict"):
            if facts == "take":
                merged = replace(
                    merged,
                    **{
                        _attr(d.name): getattr(package.case, _attr(d.name))
                        for d in plan.differences
                    },
                )
                facts_outcome = "taken"
            else:
                facts_outcome = "kept"
        elif plan.facts == "library_changed":
            facts_outcome = "kept"
        mine = package.assessment
        if plan.assessment == "add":
            merged = replace(merged, assessments=(*merged.assessments, mine))
            assessment_outcome = "added"
        elif plan.assessment == "conflict" and assessment == "take":
            merged = replace(
                merged,
                assessments=tuple(
                    mine if a.member == mine.member else a for a in merged.assessments
                ),
            )
            assessment_outcome = "replaced"
        else:
            assessment_outcome = "kept" if plan.assessment == "conflict" else "unchanged"
        if merged.status == "draft" and merged.assessments:
            merged = replace(merged, status="in_review")
        if merged != current:
            library.save_case(merged)
        return MergeResult(case_id, assessment_outcome, facts_outcome)


def _attr(name: str) -> str:
    return name  # the exchange names of the fact fields are the Case's attribute names
