"""``council-app check``: the library compared with its audit log, read as one snapshot.

Three things are checked. The chain: every entry's hash covers its content and the entry
before it, so an entry altered, removed or inserted breaks it. The steps: every entry's
"before" must be the "after" of the entry before it for the same case or group, so a change
made behind Council Desk's back and followed by an ordinary write still shows, as a gap at that
write. The present: each case and group must be what its last entry says.

What this cannot prove on its own: someone who can rewrite the file can rewrite the whole log
with fresh hashes. The head of the chain, printed in every memo and in the minutes, is the
anchor kept outside the file: ``check --head HASH`` says whether the chain still holds it.

A council that finds the library changed and decides to go on from what is there records that
with :func:`accept_as_found`, which writes baselines saying who accepted it and why; nothing
else ever writes one after a library's log has begun.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from council_app.errors import CouncilError
from council_app.library.audit import (
    CASE_ACTIONS,
    GENESIS,
    GROUP_ACTIONS,
    GROUPS,
    AuditEntry,
    all_entries,
    append,
    case_digest,
    group_digest,
)

if TYPE_CHECKING:
    from council_app.library.case_library import CaseLibrary

# A head is named by its whole hash or by enough of it that no one could forge a match.
HEAD_PREFIX_MIN = 16
_BASELINES = ("baseline", "group baseline")
_Key = tuple[str, str]  # ("case" or "group", subject)


@dataclass
class CheckReport:
    """What ``council-app check`` found; ``problems`` empty means all is as recorded."""

    integrity: list[str] = field(default_factory=list)
    chain: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    behind_our_back: list[str] = field(default_factory=list)
    # Evidence files whose bytes no longer have their SHA-256, or that a case names and the
    # library lacks (council_app.library.evidence).
    evidence: list[str] = field(default_factory=list)
    evidence_files: int = 0
    accepted: list[str] = field(default_factory=list)  # baselines the council wrote, for the record
    entries: int = 0
    head: str = GENESIS
    cases_checked: int = 0
    head_asked: str | None = None
    head_found: AuditEntry | None = None

    @property
    def problems(self) -> list[str]:
        missing = (
            [f"the head {self.head_asked} is not in this library's chain"]
            if self.head_asked is not None and self.head_found is None
            else []
        )
        return [
            *self.integrity, *self.chain, *self.gaps, *self.behind_our_back, *self.evidence,
            *missing,
        ]  # fmt: skip

    def text(self) -> str:
        def listed(ok: str, bad: str, items: list[str]) -> str:
            return ok if not items else bad + ":\n  " + "\n  ".join(items)

        lines = [
            "Integrity check: " + listed("ok.", "FAILED", self.integrity),
            f"Audit log: {self.entries} entries; "
            + listed("the chain is intact.", "BROKEN", self.chain),
            "Each recorded change starts where the one before it ended: "
            + listed("yes.", "NO, changes were made outside Council Desk", self.gaps),
            f"Head of the chain: {self.head}",
            f"Cases compared with their last recorded change: {self.cases_checked}; "
            + listed("all match.", "changed outside Council Desk", self.behind_our_back),
            f"Evidence files checked against their SHA-256: {self.evidence_files}; "
            + listed("all match.", "PROBLEMS", self.evidence),
        ]
        if self.accepted:
            lines.append("Accepted as found by the council:\n  " + "\n  ".join(self.accepted))
        if self.head_asked is not None:
            lines.append(self.head_sentence())
        return "\n".join(lines)

    def head_sentence(self) -> str:
        found = self.head_found
        if found is None:
            return (
                f"The head {self.head_asked} is NOT in this library's chain: the history it "
                "anchored was rewritten or removed (or this is another library)."
            )
        if self.chain:
            return (
                f"The head {self.head_asked} is entry {found.id} ({found.at}), but the chain is "
                "broken, so what came before it cannot be vouched for."
            )
        return (
            f"The head {self.head_asked} is entry {found.id} ({found.at}) of the chain: "
            "the history up to it is as it was when that head was kept."
        )


def normalised_head(text: str) -> str:
    """The hash a user typed, checked: hexadecimal, and long enough to mean one entry."""
    head = text.strip().lower()
    if (
        len(head) < HEAD_PREFIX_MIN
        or len(head) > 64
        or any(c not in "0123456789abcdef" for c in head)
    ):
        raise CouncilError(
            f"{text!r} is not a chain head: give the hash printed in the memo or the minutes "
            f"(64 hexadecimal characters, or at least its first {HEAD_PREFIX_MIN})."
        )
    return head


@dataclass
class _LogState:
    latest: dict[_Key, AuditEntry] = field(default_factory=dict)
    gaps: dict[_Key, AuditEntry] = field(default_factory=dict)  # the first unaccepted gap


def _key(entry: AuditEntry) -> _Key:
    return ("group" if entry.action in GROUP_ACTIONS else "case", entry.subject)


def _walk(library: CaseLibrary, report: CheckReport) -> _LogState:
    """Read the log once: the chain, the steps of each subject, and where each one ends."""
    state = _LogState()
    prev = GENESIS
    for entry in all_entries(library):
        report.entries += 1
        if entry.prev_hash != prev:
            report.chain.append(
                f"entry {entry.id} ({entry.at}) does not follow the entry before it: "
                "entries were removed, inserted or reordered"
            )
        if entry.expected_hash() != entry.hash:
            report.chain.append(f"entry {entry.id} ({entry.at}) was altered after it was written")
        if report.head_asked is not None and entry.hash.startswith(report.head_asked):
            report.head_found = entry
        prev = entry.hash
        if entry.action not in CASE_ACTIONS and entry.action not in GROUP_ACTIONS:
            continue
        key = _key(entry)
        before = state.latest.get(key)
        expected = before.after_sha if before is not None else None
        begins = before is None and entry.action in _BASELINES
        if entry.before_sha != expected and not begins:
            state.gaps.setdefault(key, entry)
        if entry.action in _BASELINES:
            if before is not None:
                what = "the " + entry.subject if key[0] == "group" else entry.subject
                report.accepted.append(f"{what} on {entry.at} by {entry.actor}: {entry.what}")
            state.gaps.pop(key, None)
        state.latest[key] = entry
    report.head = prev
    return state


def _gap_sentence(key: _Key, entry: AuditEntry) -> str:
    if key[0] == "group":
        return (
            f"the {key[1]} were changed outside Council Desk before entry {entry.id} "
            f"({entry.at}, {entry.actor}), which found them not as the log last recorded them"
        )
    return (
        f"{key[1]} was changed outside Council Desk before entry {entry.id} "
        f"({entry.at}, {entry.actor}), which found it not as the log last recorded it"
    )


def check_library(library: CaseLibrary, *, head: str | None = None) -> CheckReport:
    """Compare the library with its log, all of it read from one snapshot of the file.

    One snapshot, because another process may be writing: a case read after its entry was
    written, or a group before, would otherwise look changed behind Council Desk's back.
    """
    report = CheckReport(head_asked=normalised_head(head) if head is not None else None)
    # Before the snapshot: the full-text indexes check themselves through an INSERT, which
    # would make the snapshot a write that other processes wait for.
    report.integrity = library.integrity_problems()
    with library.snapshot():
        db = library.db
        for trigger in ("audit_log_no_update", "audit_log_no_delete"):
            if not db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?", [trigger]
            ).fetchone():
                report.chain.append(f"the trigger {trigger} that keeps the log append-only is gone")
        state = _walk(library, report)
        report.gaps = [_gap_sentence(key, entry) for key, entry in state.gaps.items()]

        ids = library.case_ids()
        present = set(ids)
        for start in range(0, len(ids), 500):
            for case in library.get_cases(ids[start : start + 500]):
                report.cases_checked += 1
                last = state.latest.get(("case", case.id))
                if last is None:
                    report.behind_our_back.append(
                        f"{case.id} is in the library but was never recorded"
                    )
                elif last.after_sha is None:
                    report.behind_our_back.append(
                        f"{case.id} was recorded as gone on {last.at} but is back in the library"
                    )
                elif last.after_sha != case_digest(case):
                    report.behind_our_back.append(
                        f"{case.id} differs from its last recorded change ({last.at}, {last.actor})"
                    )
        for (kind, subject), last in sorted(state.latest.items()):
            if kind == "case" and subject not in present and last.after_sha is not None:
                report.behind_our_back.append(
                    f"{subject} is missing: the log last recorded it on {last.at} and no deletion"
                )
        from council_app.library.evidence import evidence_problems

        report.evidence = evidence_problems(library)
        report.evidence_files = library.db.execute(
            "SELECT count(*) FROM evidence_files"
        ).fetchone()[0]
        for group in GROUPS:
            last = state.latest.get(("group", group))
            if last is None:
                if report.entries:
                    report.behind_our_back.append(f"the {group} were never recorded in the log")
            elif last.after_sha != group_digest(db, group):
                report.behind_our_back.append(
                    f"the {group} differ from their last recorded change ({last.at}, {last.actor})"
                )
    return report


def accept_as_found(library: CaseLibrary, reason: str) -> list[str]:
    """Take what the library holds now as the record, saying so in the log; returns what.

    For every case and group that differs from the log, or whose history has a gap, a baseline
    is written that starts from the log's last word and ends at what is there now, with who
    accepted it and why. A broken chain is not mended: its altered entries stay named.
    """
    reason = " ".join(reason.split())
    if not reason:
        raise CouncilError(
            "Say why the council accepts the library as it is found (--reason TEXT); "
            "the reason is kept in the audit log. Nothing was changed."
        )
    what = f"accepted as found: {reason}"
    accepted: list[str] = []
    with library.write(what=what) as db:
        state = _walk(library, CheckReport())
        ids = library.case_ids()
        for start in range(0, len(ids), 500):
            for case in library.get_cases(ids[start : start + 500]):
                last = state.latest.get(("case", case.id))
                now = case_digest(case)
                if last is None or last.after_sha != now or ("case", case.id) in state.gaps:
                    append(
                        db, "baseline", case.id, what=what,
                        before_sha=last.after_sha if last else None, after_sha=now,
                    )  # fmt: skip
                    accepted.append(case.id)
        present = set(ids)
        for (kind, subject), last in sorted(state.latest.items()):
            if kind == "case" and subject not in present and last.after_sha is not None:
                append(
                    db, "baseline", subject, what=what, before_sha=last.after_sha, after_sha=None
                )
                accepted.append(subject)
        for group in GROUPS:
            last = state.latest.get(("group", group))
            now = group_digest(db, group)
            if last is None or last.after_sha != now or ("group", group) in state.gaps:
                append(
                    db, "group baseline", group, what=what,
                    before_sha=last.after_sha if last else None, after_sha=now,
                )  # fmt: skip
                accepted.append(f"the {group}")
    return accepted


__all__ = ["HEAD_PREFIX_MIN", "CheckReport", "accept_as_found", "check_library", "normalised_head"]
