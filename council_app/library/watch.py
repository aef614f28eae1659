"""What other connections changed in a library: the same report a write makes, for another
process's writes (another Council Desk window, a command run in a terminal).

SQLite's ``PRAGMA data_version`` tells a connection, cheaply, that another connection has
committed since it last asked; the audit log then says what: every change appends entries
naming the case or the group (sittings, members, settings, watch list) it changed. A
:class:`LibraryWatch` keeps one read-only connection for the first and reads the second only
when the first says something changed.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from council_app.library.audit import CASE_ACTIONS
from council_app.library.changes import EVERYTHING, LibraryChanges


def changes_since(conn: sqlite3.Connection, after: int) -> LibraryChanges:
    """What the audit log records after its entry number ``after``."""
    cases: set[str] = set()
    groups: set[str] = set()
    through = after
    for entry_id, action, subject in conn.execute(
        "SELECT id, action, subject FROM audit_log WHERE id > ? ORDER BY id", [after]
    ):
        through = entry_id
        (cases if action in CASE_ACTIONS else groups).add(subject)
    return LibraryChanges(frozenset(cases), frozenset(groups), through=through)


def audit_head(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT max(id) FROM audit_log").fetchone()
    return int(row[0] or 0)


class LibraryWatch:
    """Asked now and then (from any one thread at a time), says what others changed since."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._seen = 0  # the last audit-log entry already reported

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = sqlite3.connect(
                self.path.resolve().as_uri() + "?mode=ro",
                uri=True,
                isolation_level=None,
                check_same_thread=False,
            )
            self._conn.execute("PRAGMA busy_timeout = 2000").fetchall()
        return self._conn

    def seen(self, through: int) -> None:
        """Changes up to this audit-log entry are known already (this process made them)."""
        with self._lock:
            self._seen = max(self._seen, through)

    def poll(self) -> LibraryChanges:
        """What was committed through other connections since the last poll (often nothing).

        The first poll only notes where the library stands: there is nothing to report yet.
        """
        with self._lock:
            try:
                conn = self._connection()
                version = int(conn.execute("PRAGMA data_version").fetchone()[0])
                if self._version is None:
                    self._version = version
                    self._seen = max(self._seen, audit_head(conn))
                    return LibraryChanges()
                if version == self._version:
                    return LibraryChanges()
                self._version = version
                changes = changes_since(conn, self._seen)
            except sqlite3.Error:
                # Replaced, restored or unreadable for a moment: every view reads again.
                self.close_locked()
                return EVERYTHING
            self._seen = max(self._seen, changes.through)
            return changes

    def close_locked(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
            self._version = None

    def close(self) -> None:
        with self._lock:
            self.close_locked()


__all__ = ["LibraryWatch", "audit_head", "changes_since"]
