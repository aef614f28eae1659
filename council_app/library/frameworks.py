"""The framework as the library's own: every version it has adopted, and the one in force.

A library keeps the whole text of each framework version it has used, with who adopted it,
when and why, and its SHA-256; versions are never edited or removed (triggers refuse it) and
the audit log records each adoption as a change to the "framework versions". The framework in
force is the last version adopted. A case records the version it is assessed under and a
decision the version it was taken under, so an old decision is always read in its own terms.

Every case and decision recorded before libraries kept frameworks was made under the
framework Council Desk shipped then, 2026.1 (:data:`LEGACY_FRAMEWORK_VERSION`): the upgrade
that adds this record adopts it as the library's first version, and a record that names no
version (an older export, say) is read as made under it.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from council_app.errors import CouncilError, FrameworkError, LibraryError
from council_app.framework.loader import (
    bundled_framework_text,
    framework_digest,
    framework_from_text,
)
from council_app.library.actor import actor
from council_app.library.changes import FRAMEWORK_VERSIONS

if TYPE_CHECKING:
    from sqlite_utils import Database

    from council_app.case import Case
    from council_app.framework import Framework
    from council_app.library.case_library import CaseLibrary

# The version every case and decision was made under before a library kept its framework. The
# upgrade records the shipped framework as that version, so the shipped file must keep this
# version until its text is frozen for that upgrade (tests/library/test_frameworks.py says so).
LEGACY_FRAMEWORK_VERSION = "2026.1"
# Who the first version was adopted by, when the upgrade or a new library recorded it.
FIRST_ADOPTER = "Council Desk (the shipped framework)"
FIRST_NOTE = (
    "The framework Council Desk ships, in force when this library began keeping its framework; "
    "every earlier case and decision was made under it."
)
_COLUMNS = "id, version, name, adopted_at, adopted_by, note, text, sha256"


@dataclass(frozen=True)
class FrameworkVersion:
    id: int
    version: str
    name: str
    adopted_at: str  # ISO time, UTC
    adopted_by: str
    note: str
    text: str
    sha256: str

    @property
    def framework(self) -> Framework:
        return framework_from_text(self.text, f"framework {self.version}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def record_first_version(db: Database) -> None:
    """Adopt the shipped framework as the library's first version (the upgrade that adds them).

    Existing cases and decisions are marked as made under it. In a library whose audit log has
    begun, the log's record of the versions begins here, as a baseline; in one whose log is
    still empty, the log's own beginning records them with everything else.
    """
    from council_app.library import audit

    text = bundled_framework_text()
    framework = framework_from_text(text, "framework.toml")
    db.execute(
        f"INSERT INTO framework_versions ({_COLUMNS.removeprefix('id, ')}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            framework.version,
            framework.name,
            _now(),
            FIRST_ADOPTER,
            FIRST_NOTE,
            text,
            framework_digest(text),
        ],
    )
    db.execute("UPDATE cases SET framework_version = ?", [framework.version])
    db.execute("UPDATE decisions SET framework_version = ?", [framework.version])
    if db.execute("SELECT 1 FROM audit_log LIMIT 1").fetchone() is not None:
        audit.append(
            db,
            "group baseline",
            FRAMEWORK_VERSIONS,
            what="the library keeps its framework",
            after_sha=audit.group_digest(db, FRAMEWORK_VERSIONS),
        )


def _version_from(row: Sequence[object]) -> FrameworkVersion:
    id_, version, name, adopted_at, adopted_by, note, text, sha256 = row
    return FrameworkVersion(
        int(str(id_)),
        str(version),
        str(name),
        str(adopted_at),
        str(adopted_by),
        str(note),
        str(text),
        str(sha256),
    )


def versions(library: CaseLibrary) -> list[FrameworkVersion]:
    """Every version the library has adopted, the first first."""
    with library.snapshot():
        return [
            _version_from(row)
            for row in library.conn.execute(
                f"SELECT {_COLUMNS} FROM framework_versions ORDER BY id"
            )
        ]


def version_in_force(library: CaseLibrary) -> FrameworkVersion:
    """The version adopted last: the one new cases are assessed under."""
    row = library.conn.execute(
        f"SELECT {_COLUMNS} FROM framework_versions ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:  # the upgrade adds the first version; a library without one was emptied
        raise LibraryError(
            "This library records no framework version; run `council-app check` to see what "
            "was changed outside Council Desk."
        )
    return _version_from(row)


def framework_in_force(library: CaseLibrary) -> Framework:
    return version_in_force(library).framework


def find_version(library: CaseLibrary, version: str) -> FrameworkVersion:
    """The adopted version named ``version``; refused in words when the library has none."""
    row = library.conn.execute(
        f"SELECT {_COLUMNS} FROM framework_versions WHERE version = ?", [version]
    ).fetchone()
    if row is None:
        known = ", ".join(v.version for v in versions(library))
        raise LibraryError(
            f"This library has not adopted a framework {version!r}; its versions are {known}."
        )
    return _version_from(row)


def framework_for(library: CaseLibrary, version: str) -> Framework:
    """The framework a case or decision recorded as ``version`` was made under.

    An empty version (a case not yet written) is under the framework in force.
    """
    if not version:
        return framework_in_force(library)
    return find_version(library, version).framework


class AdoptionRefused(CouncilError):
    """A framework that cannot be adopted; nothing was changed."""


def adopt(library: CaseLibrary, text: str, *, note: str, source: str) -> FrameworkVersion:
    """Make ``text`` the framework in force, after checking it in full.

    The new version applies to cases assessed from then on: cases already written keep the
    version they were assessed under. A version string names one text for ever, so a changed
    framework needs a new version; the reason is required because the minutes of a council
    that changes its rules say why.
    """
    if not note.strip():
        raise AdoptionRefused(
            "Say why the council adopts this framework (--note): the library keeps the reason "
            "with the version. Nothing was changed."
        )
    try:
        framework = framework_from_text(text, source)
    except FrameworkError as error:
        raise AdoptionRefused(f"{error}\nNothing was changed.") from error
    digest = framework_digest(text)
    with library.write(what=f"framework {framework.version} adopted") as db:
        current = version_in_force(library)
        if current.sha256 == digest:
            raise AdoptionRefused(
                f"{source} is framework {current.version} as already in force; nothing was changed."
            )
        clash = db.execute(
            "SELECT adopted_at FROM framework_versions WHERE version = ?", [framework.version]
        ).fetchone()
        if clash is not None:
            raise AdoptionRefused(
                f"{source} calls itself framework {framework.version}, a version this library "
                f"adopted on {clash[0][:10]} with other text. Give the revised framework its own "
                "version (the `version` line under [framework]); nothing was changed."
            )
        db.execute(
            f"INSERT INTO framework_versions ({_COLUMNS.removeprefix('id, ')}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [framework.version, framework.name, _now(), actor(), note.strip(), text, digest],
        )
    return version_in_force(library)


def text_diff(before: FrameworkVersion, after: FrameworkVersion) -> str:
    """The two versions' texts line by line, as ``diff -u`` shows them."""
    return "".join(
        difflib.unified_diff(
            before.text.splitlines(keepends=True),
            after.text.splitlines(keepends=True),
            fromfile=f"framework {before.version}",
            tofile=f"framework {after.version}",
        )
    )


def differences(before: Framework, after: Framework) -> list[str]:
    """What changed from one framework to the next, in the council's words, rules first."""
    found: list[str] = []

    def keyed(kind: str, old: Sequence[Any], new: Sequence[Any]) -> None:
        old_by = {item.key: item for item in old}
        new_by = {item.key: item for item in new}
        for key, item in new_by.items():
            title = getattr(item, "title", key)
            if key not in old_by:
                found.append(f"{kind} added: {title} ({key})")
            elif old_by[key] != item:
                found.append(f"{kind} changed: {title} ({key})")
        for key, item in old_by.items():
            if key not in new_by:
                found.append(f"{kind} removed: {getattr(item, 'title', key)} ({key})")

    if before.mappings != after.mappings:
        froms = ", ".join(m.from_version for m in after.mappings) or "none"
        found.append(f"Mappings of other versions' keys: now from {froms}")
    if before.scale != after.scale:
        found.append(f"Rating scale: {before.scale_text} → {after.scale_text}")
    keyed("Consideration", before.considerations, after.considerations)
    keyed("Principle", before.principles, after.principles)
    keyed("Outcome", before.outcomes, after.outcomes)
    keyed("Stakeholder group", before.stakeholder_groups, after.stakeholder_groups)
    keyed("Weight profile", before.weight_profiles, after.weight_profiles)
    keyed("Red line", before.scoring.red_lines, after.scoring.red_lines)
    keyed("Taxonomy", before.taxonomies, after.taxonomies)
    keyed("Condition kind", before.condition_kinds, after.condition_kinds)
    rules, was = after.commitments, before.commitments
    if was.waiver_needs_reason != rules.waiver_needs_reason:
        found.append(
            "A waiver of a condition "
            + ("now needs a reason" if rules.waiver_needs_reason else "no longer needs a reason")
        )
    if was.deferral_lapses_after_days != rules.deferral_lapses_after_days:
        found.append(
            f"A deferral's requests lapse after: {was.deferral_lapses_after_days} → "
            f"{rules.deferral_lapses_after_days} days"
        )
    if was.default_kind != rules.default_kind:
        found.append(
            f"Default condition kind: {before.condition_kind_title(was.default_kind)} → "
            f"{after.condition_kind_title(rules.default_kind)}"
        )
    if before.review_periods != after.review_periods:
        found.append(
            f"Review periods by risk: {len(before.review_periods)} rule(s) → "
            f"{len(after.review_periods)}"
        )
    if before.default_profile_key != after.default_profile_key:
        found.append(
            f"Default weight profile: {before.default_profile.title} → "
            f"{after.default_profile.title}"
        )
    if before.scoring.bands != after.scoring.bands:
        found.append(f"Recommendation bands: {_bands(before)} → {_bands(after)}")
    if before.scoring.principles_rule != after.scoring.principles_rule:
        found.append(
            f"Principles rule: {before.scoring.principles_rule} → {after.scoring.principles_rule}"
        )
    if before.scoring.red_lines_apply != after.scoring.red_lines_apply:
        found.append(
            f"Red lines read from: {before.scoring.red_lines_apply} → "
            f"{after.scoring.red_lines_apply}"
        )
    if before.scoring.disagreement_threshold != after.scoring.disagreement_threshold:
        found.append(
            f"Disagreement threshold: {before.scoring.disagreement_threshold:g} → "
            f"{after.scoring.disagreement_threshold:g}"
        )
    if before.voting != after.voting:
        found.append(f"Voting rule: {_voting(before)} → {_voting(after)}")
    if before.name != after.name:
        found.append(f"Name: {before.name} → {after.name}")
    return found


def _bands(framework: Framework) -> str:
    parts = []
    for band in framework.scoring.bands:
        title = framework.outcome_title(band.outcome)
        parts.append(f"{title} below {band.below:g}" if band.below is not None else title)
    return ", ".join(parts)


def _voting(framework: Framework) -> str:
    rule = framework.voting.rule.replace("_", " ")
    if framework.voting.casting_vote:
        return f"{rule}, casting vote: {framework.voting.casting_vote}"
    return rule


def under_versions(cases: Sequence[Case], in_force: str) -> list[Case]:
    """The cases with their framework versions given: a new case is under the one in force.

    A decision records the version of its case when it is first written.
    """
    from dataclasses import replace

    given: list[Case] = []
    for case in cases:
        version = case.framework_version or in_force
        decision = case.decision
        if decision is not None and not decision.framework_version:
            decision = replace(decision, framework_version=version)
        if version != case.framework_version or decision is not case.decision:
            case = replace(case, framework_version=version, decision=decision)
        given.append(case)
    return given


def versions_of(case: Case) -> tuple[str, str]:
    """The versions a case and its decision were made under (not part of their equality)."""
    return case.framework_version, case.decision.framework_version if case.decision else ""


def fit_problems(library: CaseLibrary, cases: Sequence[Case]) -> list[str]:
    """What in the cases their own framework versions do not define (empty: they can be written)."""
    from council_app.framework.fit import case_fit_problems

    known = {v.version: v for v in versions(library)}
    found: list[str] = []
    for case in cases:
        for version in dict.fromkeys(
            [case.framework_version, *([case.decision.framework_version] if case.decision else [])]
        ):
            if version not in known:
                found.append(
                    f"{case.id} was assessed under framework {version!r}, which this library has "
                    f"not adopted (it has {', '.join(known)})"
                )
                continue
        if case.framework_version in known:
            found += case_fit_problems(known[case.framework_version].framework, case)
    return found


def case_version(case: Case) -> str:
    """The version a case is read in: its decision's once decided, else its own ("": new)."""
    if case.decision is not None and case.decision.framework_version:
        return case.decision.framework_version
    return case.framework_version


def case_framework(
    library: CaseLibrary, case: Case, in_force: Framework | None = None
) -> Framework:
    """The framework a case is scored, shown and memo'd under: the one it was made under.

    A caller going through many cases (a sitting's agenda, its minutes) passes the framework in
    force it has read, which is then not read again for each case under it.
    """
    version = case_version(case)
    if in_force is not None and (not version or version == in_force.version):
        return in_force
    return framework_for(library, version)


def decided_frameworks(library: CaseLibrary, case_ids: Sequence[str]) -> dict[str, Framework]:
    """The framework each case is read under (:func:`case_version`'s rule), read from the
    tables for many cases at once, without loading each case: for lists of decisions."""
    adopted = adopted_frameworks(library)
    in_force = list(adopted.values())[-1]
    found: dict[str, Framework] = {}
    for start in range(0, len(case_ids), 500):
        chunk = list(case_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        for case_id, version in library.conn.execute(
            "SELECT c.id, coalesce(nullif(d.framework_version, ''), c.framework_version) "
            f"FROM cases c LEFT JOIN decisions d ON d.case_id = c.id WHERE c.id IN ({marks})",
            chunk,
        ):
            found[case_id] = adopted.get(version, in_force) if version else in_force
    return found


def version_note(library: CaseLibrary, case: Case) -> str:
    """Said wherever a case is read under a framework that is no longer the one in force."""
    version = case_version(case)
    in_force = version_in_force(library).version
    if not version or version == in_force:
        return ""
    verb = "Decided" if case.decision is not None and case.decision.framework_version else "Scored"
    return f"{verb} under framework {version}; the framework in force is {in_force}."


def framework_at(path: Path) -> Framework:
    """The framework in force in the library file at ``path`` (the app reads it as it starts)."""
    from council_app.library.case_library import CaseLibrary

    with CaseLibrary.open(path, create=False, readonly=True) as library:
        return framework_in_force(library)


def adopted_frameworks(library: CaseLibrary) -> dict[str, Framework]:
    """Every framework the library adopted, by version: what an import reads cases under."""
    return {v.version: v.framework for v in versions(library)}


def record_outcome_titles(library: CaseLibrary) -> dict[str, str]:
    """How every outcome any adopted version defines reads, the latest version's words first.

    For lists of decisions taken under several versions: an outcome a later version dropped
    still reads as its own version called it.
    """
    titles: dict[str, str] = {}
    for version in versions(library):
        titles.update({o.key: o.title for o in version.framework.outcomes})
    return titles


def with_taxonomy(text: str, taxonomy_text: str, *, version: str, source: str) -> str:
    """A framework's text with a taxonomy file's ``[[taxonomies]]`` added and a new version.

    The taxonomy file holds taxonomies only (the shipped EU AI Act one, a council's own
    acceptable-use clauses); one the framework already has is refused, not doubled. The text
    keeps the council's comments and layout; the result is checked in full when adopted.
    """
    import tomllib

    import tomlkit

    try:
        added = tomllib.loads(taxonomy_text)
    except tomllib.TOMLDecodeError as exc:
        raise AdoptionRefused(f"{source}: not valid TOML: {exc}. Nothing was changed.") from exc
    extra = sorted(set(added) - {"taxonomies"})
    if extra or not added.get("taxonomies"):
        raise AdoptionRefused(
            f"{source}: a taxonomy file holds [[taxonomies]] only"
            + (f" (it also has {', '.join(extra)})" if extra else " (it has none)")
            + ". Nothing was changed."
        )
    document = tomlkit.parse(text)
    have = {t["key"] for t in document.get("taxonomies", [])}
    clash = [t.get("key") for t in added["taxonomies"] if t.get("key") in have]
    if clash:
        raise AdoptionRefused(
            f"{source}: the framework already has the taxonomy {', '.join(map(str, clash))}; "
            "nothing was changed."
        )
    if not version.strip():
        raise AdoptionRefused("Give the framework with the taxonomy a new version (--version).")
    document["framework"]["version"] = version.strip()
    return tomlkit.dumps(document).rstrip("\n") + "\n\n" + taxonomy_text.strip() + "\n"


def move_to_framework_in_force(library: CaseLibrary, case_id: str) -> Case:
    """Assess a case not yet decided under the framework in force from now on.

    A decided case keeps the framework it was decided under (its re-review, a new case, takes
    the one in force). The case must fit the framework in force (every key it names defined
    there), or nothing changes and what does not fit is said.
    """
    from dataclasses import replace

    from council_app.framework.fit import case_fit_problems

    case = library.get_case(case_id)
    in_force = version_in_force(library)
    if case.decision is not None:
        raise LibraryError(
            f"{case_id} was decided under framework {case_version(case)} and keeps it; a "
            "re-review (a new case superseding it) is assessed under the framework in force."
        )
    if case.framework_version == in_force.version:
        raise LibraryError(f"{case_id} is already under framework {in_force.version}.")
    moved = replace(case, framework_version=in_force.version)
    unfit = case_fit_problems(in_force.framework, moved)
    if unfit:
        raise LibraryError(
            f"{case_id} cannot move to framework {in_force.version}: "
            + "; ".join(unfit)
            + ". Nothing was changed."
        )
    library.save_case(moved)
    return library.get_case(case_id)
