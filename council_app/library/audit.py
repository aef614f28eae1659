"""The audit log: an append-only, hash-chained record of every change made to a library.

Each entry says who (the computer account and whether through the app or the command line),
when, what (case added, changed or deleted; the sittings, members, settings or watch list
changed), and before and after: the SHA-256 fingerprint of the state before and after, and for
a case the whole record as it was before the change, so every earlier version of a case, and
of its decision, can be read back. Entries are written in the same transaction as the change.

Each entry's hash covers its content and the previous entry's hash, so an entry cannot be
altered or removed without breaking the chain; triggers refuse UPDATE and DELETE on the log.
``check_library`` then compares the library with the log: a case, a sitting or a member edited
behind Council Desk's back (with a database tool) no longer matches its last recorded change,
and is named. Someone who can rewrite the file can also rewrite the whole chain; the head hash
that ``council-app check`` prints is what to keep elsewhere (in the minutes, say) to detect that.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from council_app.library.actor import actor, set_interface
from council_app.library.changes import FRAMEWORK_VERSIONS

if TYPE_CHECKING:
    from sqlite_utils import Database

    from council_app.case import Case, Decision
    from council_app.library.case_library import CaseLibrary

GENESIS = "0" * 64
CASE_ACTIONS = ("baseline", "case added", "case changed", "case deleted")
GROUP_ACTIONS = ("group baseline", "group changed")

# State other than cases, kept as small tables: each group is fingerprinted whole at every
# commit, so any write path (the app, the CLI, a migration) is recorded without having to
# remember to.
GROUPS: dict[str, tuple[str, ...]] = {
    "sittings": (
        "sessions",
        "session_attendance",
        "agenda_items",
        "recusals",
        "session_votes",
        "session_declarations",
    ),
    "members": ("members", "member_interests"),
    "settings": ("library_meta",),
    "watch list": ("watch_list",),
    FRAMEWORK_VERSIONS: ("framework_versions",),
}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    action: str
    subject: str
    what: str
    before_sha: str | None
    after_sha: str | None
    before: str | None  # JSON of the case as it was, for case changes and deletions
    prev_hash: str
    hash: str

    def expected_hash(self) -> str:
        return entry_hash(
            self.prev_hash,
            self.at,
            self.actor,
            self.action,
            self.subject,
            self.what,
            self.before_sha,
            self.after_sha,
            self.before,
        )

    def sentence(self) -> str:
        what = f": {self.what}" if self.what else ""
        if self.action in GROUP_ACTIONS:
            done = "as the log began" if self.action == "group baseline" else "changed"
            return f"{self.at} · {self.actor} · the {self.subject} {done}{what}"
        return f"{self.at} · {self.actor} · {self.action} {self.subject}{what}"


def entry_hash(
    prev_hash: str,
    at: str,
    who: str,
    action: str,
    subject: str,
    what: str,
    before_sha: str | None,
    after_sha: str | None,
    before: str | None,
) -> str:
    body = [at, who, action, subject, what, before_sha, after_sha, _sha(before or "")]
    return _sha(prev_hash + "\n" + _canonical(body))


def _last_hash(db: Database) -> str:
    row = db.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return str(row[0]) if row else GENESIS


def append(
    db: Database,
    action: str,
    subject: str,
    *,
    what: str = "",
    before_sha: str | None = None,
    after_sha: str | None = None,
    before: str | None = None,
) -> None:
    """Add one entry; the caller's transaction makes it part of the change it records."""
    prev = _last_hash(db)
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    who = actor()
    db.execute(
        "INSERT INTO audit_log (at, actor, action, subject, what, before_sha, after_sha, before, "
        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            at,
            who,
            action,
            subject,
            what,
            before_sha,
            after_sha,
            before,
            prev,
            entry_hash(prev, at, who, action, subject, what, before_sha, after_sha, before),
        ],
    )


# -- cases ----------------------------------------------------------------------------------------


def _case_json(case: Case) -> str:
    from council_app.library.case_json import case_to_json

    return _canonical(case_to_json(case))


def case_digest(case: Case) -> str:
    """The fingerprint the log records of a case: its exchange form, canonical JSON."""
    return _sha(_case_json(case))


def record_case_changes(
    db: Database, changes: Iterable[tuple[Case | None, Case | None]], *, what: str = ""
) -> None:
    """Record cases added (None, new), changed (old, new) or deleted (old, None)."""
    for before, after in changes:
        old = _case_json(before) if before is not None else None
        new = _case_json(after) if after is not None else None
        if old == new:
            continue  # saved unchanged: nothing happened
        subject = (after or before).id  # type: ignore[union-attr]
        action = (
            "case added" if before is None else "case deleted" if after is None else "case changed"
        )
        append(
            db,
            action,
            subject,
            what=what,
            before_sha=_sha(old) if old is not None else None,
            after_sha=_sha(new) if new is not None else None,
            before=old,
        )


# -- the other state ------------------------------------------------------------------------------


def group_digest(db: Database, group: str) -> str:
    """Fingerprint of a group's tables, independent of row order on disk (VACUUM renumbers).

    A table an upgrade has yet to add is left out, as it was before the upgrade: the upgrade
    that adds it records the change (see ``schema._member_interests``).
    """
    digest = hashlib.sha256()
    for table in GROUPS[group]:
        if not db[table].exists():
            continue
        columns = [c.name for c in db[table].columns]
        order = ", ".join(str(i + 1) for i in range(len(columns)))
        digest.update(f"{table}\n".encode())
        for row in db.execute(f"SELECT * FROM {table} ORDER BY {order}"):
            digest.update(_canonical(list(row)).encode("utf-8") + b"\n")
    return digest.hexdigest()


def _latest_after(db: Database, subject: str, actions: Sequence[str]) -> str | None:
    marks = ",".join("?" * len(actions))
    row = db.execute(
        f"SELECT after_sha FROM audit_log WHERE subject = ? AND action IN ({marks}) "
        "ORDER BY id DESC LIMIT 1",
        [subject, *actions],
    ).fetchone()
    return row[0] if row else None


def group_digests(db: Database) -> dict[str, str]:
    return {group: group_digest(db, group) for group in GROUPS}


@dataclass(frozen=True)
class WriteStart:
    """The groups as a write found them, so that its entries say what it changed from.

    Recording the state at the start, not the log's last word, is what keeps a change made
    behind Council Desk's back from being absorbed into the next ordinary write: that write's
    "before" then differs from the log's last "after", and ``check`` names the gap.
    """

    digests: Mapping[str, str]
    # A new library (no entries, no cases): each group's record begins with this write.
    fresh: bool


def write_start(db: Database, known: Mapping[str, str] | None = None) -> WriteStart:
    """Read at the start of a write; ``known`` is what this connection last committed.

    The caller passes ``known`` only when no other connection has committed since (SQLite's
    ``data_version`` says so), which spares hashing the sittings twice on every save.
    """
    digests = dict(known) if known is not None else group_digests(db)
    fresh = (
        db.execute("SELECT 1 FROM audit_log LIMIT 1").fetchone() is None
        and db.execute("SELECT 1 FROM cases LIMIT 1").fetchone() is None
    )
    return WriteStart(digests, fresh)


def record_group_changes(
    db: Database, start: WriteStart, *, what: str = ""
) -> tuple[list[str], dict[str, str]]:
    """At commit: an entry for each group this write changed, from its state at ``start``.

    Returns the groups that changed, for the report of what the transaction changed, and the
    groups' fingerprints as committed. A group's first entry is a baseline only in a new
    library; anywhere else a group the log never recorded is a gap that ``check`` names.
    """
    changed: list[str] = []
    now = group_digests(db)
    for group in GROUPS:
        was = start.digests[group]
        if start.fresh and _latest_after(db, group, GROUP_ACTIONS) is None:
            append(db, "group baseline", group, what=what, after_sha=now[group])
            changed.append(group)
        elif now[group] != was:
            append(db, "group changed", group, what=what, before_sha=was, after_sha=now[group])
            changed.append(group)
    return changed, now


def record_baseline(library: CaseLibrary) -> None:
    """Start the log of a library that has just been given one (the upgrade that adds it).

    Only then: opening a library whose log is empty or behind never writes a baseline, for
    that would absorb whatever was done to it. ``council-app check --accept`` is the way to
    take a library as it is found, and it says so in the log.
    """
    db = library.db
    ids = library.case_ids()
    with library.write(what="the audit log begins"):
        for start in range(0, len(ids), 500):
            for case in library.get_cases(ids[start : start + 500]):
                append(db, "baseline", case.id, after_sha=case_digest(case))
        for group, digest in group_digests(db).items():
            append(db, "group baseline", group, after_sha=digest)


@dataclass(frozen=True)
class ChainHead:
    """The last entry of the audit log: what to keep outside the file to check it later."""

    hash: str
    at: str  # ISO time, UTC, as the log wrote it
    entries: int  # entries are numbered from 1 and never removed, so the last number counts

    def sentence(self) -> str:
        return f"entry {self.entries:,}, written {self.at}: {self.hash}"


def chain_head(library: CaseLibrary) -> ChainHead | None:
    """The head of the chain now; None when the library keeps no log yet."""
    if not library.has_audit_log():
        return None
    row = library.conn.execute(
        "SELECT id, at, hash FROM audit_log ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return ChainHead(str(row[2]), str(row[1]), int(row[0])) if row else None


def case_head(library: CaseLibrary, case_id: str) -> ChainHead | None:
    """The chain as it stood when the case was last recorded: the head a memo prints.

    Not the head now, which moves with every change anywhere in the library: the memo of a
    decided case stays the same as the library grows, and this head anchors the history up
    to the case as the memo shows it.
    """
    if not library.has_audit_log():
        return None
    marks = ",".join("?" * len(CASE_ACTIONS))
    row = library.conn.execute(
        f"SELECT id, at, hash FROM audit_log WHERE subject = ? AND action IN ({marks}) "
        "ORDER BY id DESC LIMIT 1",
        [case_id, *CASE_ACTIONS],
    ).fetchone()
    return ChainHead(str(row[2]), str(row[1]), int(row[0])) if row else None


# -- reading and checking -------------------------------------------------------------------------


def entries(
    library: CaseLibrary, *, subject: str | None = None, limit: int | None = None
) -> list[AuditEntry]:
    sql = "SELECT id, at, actor, action, subject, what, before_sha, after_sha, before, prev_hash, hash FROM audit_log"
    args: list[Any] = []
    if subject is not None:
        sql += " WHERE subject = ?"
        args.append(subject)
    sql += " ORDER BY id"
    if limit is not None:
        sql = f"SELECT * FROM ({sql.replace(' ORDER BY id', ' ORDER BY id DESC')} LIMIT {int(limit)}) ORDER BY id"
    return [AuditEntry(*row) for row in library.db.execute(sql, args)]


def all_entries(library: CaseLibrary) -> Iterator[AuditEntry]:
    """Every entry, oldest first, read as it goes (a log can hold millions)."""
    cursor = library.db.execute(
        "SELECT id, at, actor, action, subject, what, before_sha, after_sha, before, prev_hash, "
        "hash FROM audit_log ORDER BY id"
    )
    for row in cursor:
        yield AuditEntry(*row)


# -- decision revisions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionRevision:
    number: int  # 1 for the first decision recorded
    decision: Decision
    replaced_at: str | None  # when a later revision replaced it
    replaced_by: str | None


def decision_revisions(library: CaseLibrary, case: Case) -> list[DecisionRevision]:
    """Every decision the case has carried, oldest first; the last is ``case.decision``."""
    from council_app.library.case_json import case_from_json

    versions: list[tuple[Decision | None, str | None, str | None]] = []  # decision, when, who
    for entry in entries(library, subject=case.id):
        if entry.action in ("case changed", "case deleted") and entry.before:
            old = case_from_json(json.loads(entry.before)).decision
            versions.append((old, entry.at, entry.actor))
    versions.append((case.decision, None, None))
    revisions: list[DecisionRevision] = []
    for decision, when, who in versions:
        if decision is None:
            continue
        if revisions and revisions[-1].decision == decision:
            # The case changed around an unchanged decision; it was replaced later, if at all.
            revisions[-1] = DecisionRevision(revisions[-1].number, decision, when, who)
            continue
        revisions.append(DecisionRevision(len(revisions) + 1, decision, when, who))
    return revisions


__all__ = [
    "GROUPS",
    "AuditEntry",
    "ChainHead",
    "DecisionRevision",
    "actor",
    "all_entries",
    "append",
    "case_digest",
    "case_head",
    "chain_head",
    "decision_revisions",
    "entries",
    "group_digest",
    "group_digests",
    "record_baseline",
    "record_case_changes",
    "record_group_changes",
    "set_interface",
    "write_start",
]
