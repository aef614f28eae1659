"""A case library: one SQLite file, opened with the pragmas Council Desk relies on.

One ``CaseLibrary`` is one connection and belongs to one thread. The GUI keeps one writer and
opens read-only libraries in its workers, the shape SQLite's WAL mode wants (and a guard
against the WAL-reset bug in SQLite < 3.51.3 that two writing connections can trigger).
Writes are ``BEGIN IMMEDIATE`` transactions: a second writer waits for the busy timeout
instead of failing half-way, and a crash leaves either all of a change or none of it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import stat
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from council_app import paths, private_files
from council_app.errors import CaseNotFound, LibraryDamaged, LibraryError
from council_app.library.changes import EVERYTHING, LibraryChanges
from council_app.library.schema import (
    AUDIT_MIGRATION,
    INDEX_ONLY_STEPS,
    MIGRATION_NAMES,
    MIGRATION_SET,
    applied_names,
    pending_names,
)
from council_app.user_files import special_kind

if TYPE_CHECKING:
    from sqlite_utils import Database

    from council_app.case import Case, CaseSummary

BUSY_TIMEOUT_MS = 5000
# The tables that hold a case's parts, keyed by case_id (their own parts go by cascade).
_CASE_PARTS = (
    "case_regions",
    "case_tags",
    "assessments",
    "mitigations",
    "stakeholder_input",
    "decisions",
    "case_links",
    "case_classifications",
    "case_facts",
    "case_coverage",
    "case_escalations",
    "case_text",
)


# Libraries this process has found healthy (``PRAGMA quick_check``) before writing to them.
_CHECKED: set[str] = set()
# One check of a library at a time: a write asking while the check started once the window was
# up is still reading the file (seconds at 100,000 cases) waits for that one to end, rather than
# read the whole file again beside it.
_CHECKING = threading.Lock()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def describe_sqlite_error(error: sqlite3.Error, path: Path | None) -> str:
    """A sentence for an SQLite failure, in terms of what the user can do about it."""
    where = f"The library {path}" if path else "The library"
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return (
            f"{where} is busy: another Council Desk window or command is writing to it. "
            "Try again in a moment."
        )
    if "readonly" in text or "read-only" in text:
        return read_only_refusal(path, "check the permissions of the file and its folder")
    if "disk is full" in text or "database or disk is full" in text:
        return f"{where} could not be written: the disk is full. Nothing was changed."
    if "not a database" in text or "malformed" in text:
        return f"{where} is damaged or is not a Council Desk library ({error})."
    if "unable to open" in text:
        return f"{where} cannot be opened: the folder is missing or not accessible."
    if "constraint" in text:
        return f"{where} refused the change because it breaks a rule of the library ({error})."
    return f"{where} reported an error: {error}."


def read_only_refusal(path: Path | None, why: str) -> str:
    """The one sentence for a write refused because the library can only be read.

    Said the same way whether SQLite refused the write or Council Desk knew beforehand (a
    library opened for reading, or on a medium it cannot write), so members learn one sentence.
    """
    where = f"the library {path}" if path else "the library"
    return f"Nothing was changed: {where} is read-only ({why})."


def _nobody_writes_beside(error: BaseException | None, path: Path) -> bool:
    """Whether ``error`` (from opening ``path``) is SQLite unable to create files beside the
    library, in a folder nobody may write to, so that the library cannot change while read.

    A library in WAL mode needs its -shm file even to be read. SQLite names a folder the
    permissions forbid (SQLITE_READONLY_DIRECTORY); on a read-only medium (a mounted image, a
    write-protected stick) it only says it cannot open the file. Either way a writer would need
    a -wal, -shm or -journal file in that folder too, so when the medium is read-only, or the
    folder has no write permission for anyone (its owner's included), nobody can change the
    library: SQLite's "immutable" reading is then safe. A folder its owner may write to is not
    such a place, and is refused as before.
    """
    if not isinstance(error, sqlite3.Error):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code not in (sqlite3.SQLITE_READONLY_DIRECTORY, sqlite3.SQLITE_CANTOPEN):
        return False
    folder = path.resolve().parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
        return not stat.S_IMODE(folder.stat().st_mode) & 0o222
    except OSError:
        return False


def _connect(path: Path, *, readonly: bool, immutable: bool = False) -> sqlite3.Connection:
    if not readonly:
        return sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    query = "?mode=ro&immutable=1" if immutable else "?mode=ro"
    return sqlite3.connect(
        path.resolve().as_uri() + query, uri=True, isolation_level=None, check_same_thread=False
    )


class CaseLibrary:
    """The cases of one library file, read and written as whole :class:`Case` objects."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, *, readonly: bool = False
    ) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        # Why writes are refused, in the words of read_only_refusal.
        self.read_only_reason = "it is open read-only"
        self._audited = False  # set once the audit log exists (schema version 5)
        self._what: list[str] = []  # what the open transaction is doing, for the audit log
        # What the open transaction changed, and what committed ones changed since asked.
        self._pending = LibraryChanges()
        self._committed = LibraryChanges()
        # The groups' fingerprints as this connection last committed them, with SQLite's
        # data_version then: while no one else has committed, a write starts from them.
        self._groups_committed: tuple[int, dict[str, str]] | None = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True, readonly: bool = False) -> CaseLibrary:
        """Open the library at ``path``, creating it (owner-only permissions) if asked to."""
        path = Path(path).expanduser()
        found = paths.exists(path, LibraryError)
        if found and path.is_dir():
            raise LibraryError(f"{path} is a folder, not a library file.")
        kind = special_kind(path) if found else None
        if kind:  # SQLite would block on a pipe until someone writes to it
            raise LibraryError(f"{path} is not a regular file (it is {kind}); it was not opened.")
        if not found:
            if readonly or not create:
                raise LibraryError(f"There is no library at {path}.")
            _create_private_file(path)
        if not readonly:
            # What a killed restore or backup of this library left beside it goes now.
            private_files.sweep_partials(path.parent, path.name)
        try:
            return cls._open_connection(path, readonly=readonly)
        except LibraryError as error:
            if not _nobody_writes_beside(error.__cause__, path):
                raise
            refused = error
        # Read-only media, or a folder this account may not write: SQLite cannot make the -shm
        # file a WAL library needs. Nobody can write the file there either, which is when
        # SQLite's "immutable" (no locks, no -shm) is safe; but it ignores a -wal file, so one
        # holding changes not yet in the library is refused rather than silently left out.
        wal = Path(f"{path}-wal")
        if paths.exists(wal, LibraryError) and wal.stat().st_size > 0:
            raise LibraryError(
                f"The library {path} cannot be read here: its latest changes are in {wal.name}, "
                "which SQLite can only read in a folder it may write to. Copy the folder "
                "somewhere writable and open the copy."
            ) from refused
        library = cls._open_connection(path, readonly=True, immutable=True)
        library.read_only_reason = "its folder cannot be written here"
        return library

    @classmethod
    def _open_connection(
        cls, path: Path, *, readonly: bool, immutable: bool = False
    ) -> CaseLibrary:
        try:
            conn = _connect(path, readonly=readonly, immutable=immutable)
        except sqlite3.Error as exc:
            raise LibraryError(describe_sqlite_error(exc, path)) from exc
        library = cls(conn, path, readonly=readonly)
        try:
            library._prepare()
        except BaseException:
            conn.close()
            raise
        return library

    @classmethod
    def in_memory(cls) -> CaseLibrary:
        """A fresh library that lives only as long as the object (for tests and dry runs)."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        library = cls(conn, None)
        library._prepare()
        return library

    @functools.cached_property
    def db(self) -> Database:
        """The connection as sqlite-utils sees it, for writes and upgrades.

        Built when first asked for: sqlite-utils takes a fifth of a second to import, and
        opening and reading a library (the app's start) need only the connection.
        """
        from sqlite_utils import Database

        return Database(self.conn, execute_plugins=False)

    def _table_names(self) -> set[str]:
        # What sqlite-utils' table_names() reads, without importing it.
        return {
            row[0]
            for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }

    def _prepare(self) -> None:
        # The audit log and backups are imported only when this open needs them: opening an
        # up-to-date library (every start of the app) does not.
        try:
            self._execute_pragma(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._execute_pragma("PRAGMA foreign_keys = ON")
            # Reading the schema is the first real read: a file that is not SQLite fails here.
            tables = self._table_names()
            if not self.readonly and self.path is not None:
                try:
                    self._execute_pragma("PRAGMA journal_mode = WAL")
                except sqlite3.OperationalError as exc:
                    if "readonly" not in str(exc).lower() and "read-only" not in str(exc).lower():
                        raise
                    # A read-only file (an archive, a copy on a locked share) can still be read;
                    # writes are then refused with the read-only message.
                    self.readonly = True
                    self.read_only_reason = "the file cannot be written here"
                else:
                    # In WAL, NORMAL may lose the last commits on power loss; a decision must not.
                    self._execute_pragma("PRAGMA synchronous = FULL")
            self._check_is_library(tables)
            pending = pending_names(self.conn)
            if pending and self.readonly and set(pending) <= INDEX_ONLY_STEPS:
                pending = []  # read as it is; the indexes come when it is opened to be written
            if pending:
                if self.readonly:
                    raise LibraryError(
                        f"The library {self.path} needs upgrading before it can be read; "
                        "open it once in Council Desk."
                    )
                if tables:
                    self.ensure_healthy()
                    if self.count_cases():
                        from council_app.library import backup

                        backup.automatic_backup(self.conn, self.path, "before upgrade")
                from council_app.library.schema import migrations

                migrations.apply(self.db)
            self._audited = not self.readonly and "audit_log" in self._table_names()
            # The log begins once, when the upgrade that adds it runs; a log found empty later
            # is not begun again, since that would absorb whatever emptied it.
            if self._audited and AUDIT_MIGRATION in pending and self.count_cases():
                from council_app.library import audit

                audit.record_baseline(self)
            if pending:
                self._set_meta_if_missing("created_at", _now())
        except LibraryError:
            raise
        except sqlite3.Error as exc:
            message = describe_sqlite_error(exc, self.path)
            if self.path is not None and ("not a database" in str(exc) or "malformed" in str(exc)):
                from council_app.library import backup

                raise LibraryDamaged(f"{message} {backup.restore_advice(self.path)}") from exc
            raise LibraryError(message) from exc

    def health_problems(self) -> list[str]:
        """What ``PRAGMA quick_check`` finds wrong with the file (empty: healthy)."""
        try:
            return [row[0] for row in self.conn.execute("PRAGMA quick_check") if row[0] != "ok"]
        except sqlite3.DatabaseError as exc:
            return [str(exc)]

    def ensure_healthy(self) -> None:
        """Refuse to write to a damaged library; checked once per library in each process."""
        if self.path is None:
            return
        key = str(self.path.resolve())
        if key in _CHECKED:
            return
        with _CHECKING:
            if key in _CHECKED:  # checked by the one this call waited for
                return
            problems = self.health_problems()
            if problems:
                from council_app.library import backup

                raise LibraryDamaged(
                    f"The library {self.path} is damaged ({problems[0]}); Council Desk reads it "
                    f"but will not write to it. {backup.restore_advice(self.path)}"
                )
            _CHECKED.add(key)

    def has_audit_log(self) -> bool:
        with self._reading():
            return "audit_log" in self._table_names()

    def _execute_pragma(self, sql: str) -> None:
        self.conn.execute(sql).fetchall()

    def _check_is_library(self, tables: set[str]) -> None:
        if not tables:
            return
        if "_sqlite_migrations" not in tables or "cases" not in tables:
            raise LibraryError(
                f"{self.path} is an SQLite database but not a Council Desk library; "
                "it was not changed."
            )
        applied = set(applied_names(self.conn))
        unknown = applied - set(MIGRATION_NAMES)
        if unknown:
            raise LibraryError(
                f"The library {self.path} was written by a newer version of Council Desk "
                f"(schema steps this version does not know: {', '.join(sorted(unknown))}). "
                "Update Council Desk to open it."
            )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> CaseLibrary:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------------

    @contextlib.contextmanager
    def write(self, what: str = "") -> Iterator[Database]:
        """One all-or-nothing change; nested uses become savepoints of the outer one.

        The audit log's entries for the change are written inside the same transaction, just
        before it commits: a change is never recorded without its entry, nor the reverse.
        ``what`` says what the change is, in the council's words, for the log.
        """
        from council_app.library import audit

        if self.readonly:
            raise LibraryError(read_only_refusal(self.path, self.read_only_reason))
        conn = self.conn
        if not conn.in_transaction:
            self.ensure_healthy()
        try:
            if conn.in_transaction:
                if what:
                    self._what.append(what)
                with self.db.atomic():
                    yield self.db
                return
            conn.execute("BEGIN IMMEDIATE")
            self._what = [what] if what else []
            self._pending = LibraryChanges()
            committed: tuple[int, dict[str, str]] | None = None
            try:
                start = audit.write_start(self.db, self._known_groups()) if self._audited else None
                yield self.db
                if start is not None:
                    groups, digests = audit.record_group_changes(
                        self.db, start, what=self.what_now()
                    )
                    self._pending |= LibraryChanges(groups=frozenset(groups))
                    # Read inside the transaction: no one else can commit before ours does.
                    committed = (self._data_version(), digests)
                else:
                    self._pending |= EVERYTHING  # no log to say what changed
            except BaseException:
                self._roll_back()
                self._pending = LibraryChanges()
                raise
            finally:
                self._what = []
            conn.execute("COMMIT")
            self._groups_committed = committed
            self._committed |= self._pending | LibraryChanges(through=self._audit_head())
            self._pending = LibraryChanges()
        except sqlite3.Error as exc:
            self._roll_back()
            raise LibraryError(describe_sqlite_error(exc, self.path)) from exc

    def _data_version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def _known_groups(self) -> dict[str, str] | None:
        """The groups as last committed here, if no other connection has committed since."""
        known = self._groups_committed
        if known is None or known[0] != self._data_version():
            return None
        return known[1]

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that all see one state of the file, whatever other processes commit meanwhile.

        In WAL mode a read transaction keeps the snapshot its first read saw until it ends.
        Inside a write, the write's own transaction is the snapshot already.
        """
        if self.conn.in_transaction:
            with self._reading():
                yield
            return
        with self._reading():
            self.conn.execute("BEGIN DEFERRED")
            try:
                self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                yield
            finally:
                self._roll_back()

    def _note_cases(self, case_ids: Iterable[str]) -> None:
        self._pending |= LibraryChanges(cases=frozenset(case_ids))

    def _audit_head(self) -> int:
        if not self._audited:
            return 0
        row = self.conn.execute("SELECT max(id) FROM audit_log").fetchone()
        return int(row[0] or 0)

    def take_changes(self) -> LibraryChanges:
        """What the transactions committed through this connection changed since last asked."""
        changes, self._committed = self._committed, LibraryChanges()
        return changes

    def what_now(self) -> str:
        """What the open transaction is doing, as the callers said."""
        return "; ".join(dict.fromkeys(w for w in self._what if w))

    def _roll_back(self) -> None:
        """Undo the open transaction, if an error has not already ended it."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise LibraryError(describe_sqlite_error(exc, self.path)) from exc

    # -- metadata --------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        with self._reading():
            row = self.conn.execute(
                "SELECT value FROM library_meta WHERE key = ?", [key]
            ).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.write(what=f"setting {key}") as db:
            db.execute(
                "INSERT INTO library_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def _set_meta_if_missing(self, key: str, value: str) -> None:
        with self.write() as db:
            db.execute(
                "INSERT OR IGNORE INTO library_meta (key, value) VALUES (?, ?)", [key, value]
            )

    def schema_version(self) -> int:
        with self._reading():
            return len([name for name in applied_names(self.conn) if name in MIGRATION_NAMES])

    @property
    def migration_set(self) -> str:
        return MIGRATION_SET

    # -- reading ---------------------------------------------------------------------------

    def count_cases(self) -> int:
        with self._reading():
            return int(self.conn.execute("SELECT count(*) FROM cases").fetchone()[0])

    def has_any_of(self, case_ids: Sequence[str]) -> bool:
        with self._reading():
            return bool(self._existing_ids(case_ids))

    def has_case(self, case_id: str) -> bool:
        with self._reading():
            row = self.conn.execute("SELECT 1 FROM cases WHERE id = ?", [case_id]).fetchone()
        return row is not None

    def case_ids(self) -> list[str]:
        with self._reading():
            return [r[0] for r in self.conn.execute("SELECT id FROM cases ORDER BY id")]

    def get_case(self, case_id: str) -> Case:
        found = self.get_cases([case_id])
        if not found:
            raise CaseNotFound(case_id)
        return found[0]

    def get_cases(self, case_ids: Sequence[str] | None = None) -> list[Case]:
        """Whole cases, in the order asked for (all cases by id when ``case_ids`` is None)."""
        with self._reading():
            if case_ids is None:
                return self._fetch("SELECT id FROM cases", [])
            found: list[Case] = []
            # Stay well below SQLite's limit on bound variables.
            for start in range(0, len(case_ids), 500):
                chunk = list(case_ids[start : start + 500])
                marks = ",".join("?" * len(chunk))
                found += self._fetch(f"SELECT id FROM cases WHERE id IN ({marks})", chunk)
        order = {case_id: i for i, case_id in enumerate(case_ids)}
        found.sort(key=lambda c: order[c.id])
        return found

    def _fetch(self, id_query: str, args: Sequence[Any]) -> list[Case]:
        from council_app.library import rows as row_mapping

        def rows(table: str, key: str = "case_id") -> list[dict[str, Any]]:
            cursor = self.conn.execute(
                f"SELECT * FROM {table} WHERE {key} IN ({id_query})", list(args)
            )
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, r, strict=True)) for r in cursor]

        def rating_rows(table: str) -> list[dict[str, Any]]:
            cursor = self.conn.execute(
                f"SELECT r.* FROM {table} r JOIN assessments a ON a.id = r.assessment_id "
                f"WHERE a.case_id IN ({id_query}) ORDER BY r.rowid",
                list(args),
            )
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, r, strict=True)) for r in cursor]

        fetched = row_mapping.FetchedRows(
            cases=sorted(rows("cases", "id"), key=lambda r: r["id"]),
            case_regions=rows("case_regions"),
            case_tags=rows("case_tags"),
            assessments=rows("assessments"),
            consideration_ratings=rating_rows("consideration_ratings"),
            principle_ratings=rating_rows("principle_ratings"),
            mitigations=rows("mitigations"),
            stakeholder_input=rows("stakeholder_input"),
            decisions=rows("decisions"),
            conditions=rows("conditions"),
            votes=rows("votes"),
            dissents=rows("dissents"),
            decision_reviews=rows("decision_reviews"),
            case_links=rows("case_links"),
            decision_recusals=rows("decision_recusals"),
            decision_precedents=rows("decision_precedents"),
            case_classifications=rows("case_classifications"),
            case_facts=rows("case_facts"),
            case_coverage=rows("case_coverage"),
            case_escalations=rows("case_escalations"),
        )
        return row_mapping.build_cases(fetched)

    SUMMARY_SQL = """
        SELECT c.id, c.title, c.product, c.customer, c.sector, c.status, c.submitted, c.summary,
               d.outcome, d.date AS decided, d.review_by,
               (SELECT group_concat(region, char(31)) FROM
                   (SELECT region FROM case_regions r WHERE r.case_id = c.id ORDER BY position))
                   AS regions,
               (SELECT group_concat(tag, char(31)) FROM
                   (SELECT tag FROM case_tags t WHERE t.case_id = c.id ORDER BY position))
                   AS tags
        FROM cases c LEFT JOIN decisions d ON d.case_id = c.id
    """

    def list_cases(self, limit: int | None = None) -> list[CaseSummary]:
        """Every case (or the newest ``limit``), newest submission first: what the library's
        case table shows."""
        from council_app.library import rows as row_mapping

        sql = self.SUMMARY_SQL + " ORDER BY c.submitted DESC, c.id DESC"
        with self._reading():
            cursor = self.conn.execute(sql + " LIMIT ?", [-1 if limit is None else limit])
            names = [d[0] for d in cursor.description]
            return [row_mapping.summary_from_row(dict(zip(names, r, strict=True))) for r in cursor]

    def summaries(self, case_ids: Sequence[str]) -> dict[str, CaseSummary]:
        from council_app.library import rows as row_mapping

        found: dict[str, CaseSummary] = {}
        with self._reading():
            for start in range(0, len(case_ids), 500):
                chunk = list(case_ids[start : start + 500])
                marks = ",".join("?" * len(chunk))
                cursor = self.conn.execute(self.SUMMARY_SQL + f" WHERE c.id IN ({marks})", chunk)
                names = [d[0] for d in cursor.description]
                for r in cursor:
                    summary = row_mapping.summary_from_row(dict(zip(names, r, strict=True)))
                    found[summary.id] = summary
        return found

    # -- writing ---------------------------------------------------------------------------

    def add_cases(
        self,
        cases: Iterable[Case],
        *,
        replace: Iterable[str] = (),
        expected: Mapping[str, int] | None = None,
    ) -> list[str]:
        """Write new cases, and replace the cases named in ``replace``, in one transaction.

        A case read from this library carries the revision it was read at; replacing it is
        refused (:class:`~council_app.errors.RevisionConflict`, nothing written) if the library
        has moved on since. A case from elsewhere (revision 0: a file, a new case) replaces a
        stored one only when named in ``replace``, the caller's explicit consent, and
        ``expected`` (id → revision) says which revision that consent was given against. Cases
        whose content is unchanged are left as they are. Returns the ids written.
        """
        from dataclasses import replace as changed_copy

        from council_app.library import audit, frameworks, revisions
        from council_app.library import rows as row_mapping

        cases = list(cases)
        replace_ids = set(replace)
        with self.write() as db:
            cases = frameworks.under_versions(cases, frameworks.version_in_force(self).version)
            unfit = frameworks.fit_problems(self, cases)
            if unfit:
                raise LibraryError(
                    "Not saved: "
                    + "; ".join(unfit[:5])
                    + (f"; and {len(unfit) - 5} more" if len(unfit) > 5 else "")
                    + ". Nothing was written."
                )
            stored = self._revisions([c.id for c in cases])
            clash = sorted(set(stored) - replace_ids)
            if clash:
                raise LibraryError(
                    f"Not saved: the library already has {', '.join(clash)}; "
                    "nothing was overwritten."
                )
            previous = {c.id: c for c in self.get_cases(sorted(stored))} if stored else {}
            for case in cases:
                if case.id not in stored:
                    continue
                base = (expected or {}).get(case.id, case.revision)
                if base and base != stored[case.id]:
                    raise revisions.conflict(
                        self,
                        changed_copy(case, revision=base),
                        stored[case.id],
                        previous[case.id],
                    )
            written = [
                changed_copy(case, revision=stored.get(case.id, 0) + 1)
                for case in cases
                if case.id not in stored
                or previous[case.id] != case
                or frameworks.versions_of(previous[case.id]) != frameworks.versions_of(case)
            ]
            if not written:
                return []
            existing = {c.id for c in written if c.id in stored}
            # A replaced case keeps its row (and so its place on agendas and its creation date);
            # everything that hangs off it is written afresh.
            self._delete_parts(sorted(existing))
            row = db.execute("SELECT coalesce(max(id), 0) + 1 FROM assessments").fetchone()
            next_id = int(row[0])
            now = _now()
            bundle = row_mapping.CaseRows()
            for case in written:
                next_id = row_mapping.add_case(bundle, case, next_assessment_id=next_id, now=now)
            for table, table_rows in bundle.tables():
                if table == "cases":
                    updates = [r for r in table_rows if r["id"] in existing]
                    table_rows = [r for r in table_rows if r["id"] not in existing]
                    if updates:
                        columns = [c for c in updates[0] if c not in ("id", "created_at")]
                        db.conn.executemany(
                            f"UPDATE cases SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                            [[r[c] for c in columns] + [r["id"]] for r in updates],
                        )
                if table_rows:
                    _insert_rows(db, table, table_rows)
            if self._audited:
                audit.record_case_changes(
                    db, ((previous.get(c.id), c) for c in written), what=self.what_now()
                )
            self._note_cases(c.id for c in written)
            return [c.id for c in written]

    def save_case(self, case: Case) -> None:
        """Write one case: a new one (revision 0), or over the revision it was read at.

        A new case whose id the library has meanwhile recorded, or a case deleted since it was
        read, is refused as a :class:`~council_app.errors.RevisionConflict` like any stale save.
        """
        from council_app.library import revisions

        with self.write():
            stored = self._revisions([case.id])
            if case.revision == 0 and stored:
                raise revisions.conflict(self, case, stored[case.id], self.get_case(case.id))
            if case.revision and not stored:
                raise revisions.conflict(self, case, 0, None)
            self.add_cases([case], replace=[case.id])

    def revision_of(self, case_id: str) -> int:
        """The case's revision in the library now (0: not in the library)."""
        with self._reading():
            return self._revisions([case_id]).get(case_id, 0)

    def delete_case(self, case_id: str) -> None:
        from council_app.library import audit

        with self.write() as db:
            if not self._existing_ids([case_id]):
                raise CaseNotFound(case_id)
            before = self.get_case(case_id) if self._audited else None
            self._delete_ids([case_id])
            if before is not None:
                audit.record_case_changes(db, [(before, None)], what=self.what_now())
            self._note_cases([case_id])

    def _revisions(self, case_ids: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(case_ids), 500):
            chunk = list(case_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            found.update(
                (r[0], int(r[1]))
                for r in self.conn.execute(
                    f"SELECT id, revision FROM cases WHERE id IN ({marks})", chunk
                )
            )
        return found

    def _existing_ids(self, case_ids: Sequence[str]) -> set[str]:
        existing: set[str] = set()
        for start in range(0, len(case_ids), 500):
            chunk = list(case_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            existing.update(
                r[0]
                for r in self.conn.execute(f"SELECT id FROM cases WHERE id IN ({marks})", chunk)
            )
        return existing

    def _delete_parts(self, case_ids: Sequence[str]) -> None:
        """Remove everything stored about these cases except their row in ``cases``."""
        for start in range(0, len(case_ids), 500):
            chunk = list(case_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for table in _CASE_PARTS:
                self.conn.execute(f"DELETE FROM {table} WHERE case_id IN ({marks})", chunk)

    def _delete_ids(self, case_ids: Sequence[str]) -> None:
        # Child rows, the search text and the FTS entries go with the case (ON DELETE CASCADE
        # and the case_text triggers).
        for start in range(0, len(case_ids), 500):
            chunk = list(case_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            self.conn.execute(f"DELETE FROM cases WHERE id IN ({marks})", chunk)

    # -- upkeep ----------------------------------------------------------------------------

    def integrity_problems(self) -> list[str]:
        """What ``PRAGMA integrity_check`` and the FTS index's own check find (empty: healthy)."""
        with self._reading():
            found = [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
            found += [
                f"foreign key: {r[0]} row {r[1]} refers to a missing {r[2]}"
                for r in self.conn.execute("PRAGMA foreign_key_check")
            ]
            for index in ("case_text_fts", "case_terms_fts", "case_words_fts"):
                if not self.db[index].exists():
                    continue
                try:
                    self.conn.execute(
                        f"INSERT INTO {index}({index}, rank) VALUES('integrity-check', 1)"
                    )
                except sqlite3.DatabaseError as exc:
                    if not (self.readonly and "readonly" in str(exc).lower()):
                        found.append(f"full-text index {index}: {exc}")
        return found


def _create_private_file(path: Path) -> None:
    """Create an empty library file readable by its owner only."""
    try:
        paths.make_parent(path, LibraryError)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    except FileExistsError:
        return
    except OSError as exc:
        raise LibraryError(f"Cannot create a library at {path}: {exc.strerror or exc}.") from exc


__all__ = ["BUSY_TIMEOUT_MS", "CaseLibrary", "describe_sqlite_error"]


_PLAIN_VALUES = (str, int, float, bool, bytes, type(None))


def _insert_rows(db: Database, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows as sqlite-utils' ``insert_all`` would, with one ``executemany``.

    ``insert_all`` spends as long in Python (checking each value for JSON, building a statement
    per batch) as SQLite spends writing; an import of 10,000 cases writes 800,000 values. The
    rows hold plain values (text, numbers, true/false, NULL), so nothing needs turning into
    JSON; rows with any other value go through ``insert_all`` as before.
    """
    if not all(type(value) in _PLAIN_VALUES for row in rows for value in row.values()):
        db.table(table).insert_all(rows, batch_size=500)
        return
    columns = list(dict.fromkeys(key for row in rows for key in row))
    head = f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES "
    one = f"({', '.join('?' * len(columns))})"
    # Many rows a statement, as insert_all does: SQLite runs a statement per row slower.
    batch = max(1, min(500, 30_000 // len(columns)))
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        db.conn.execute(
            head + ", ".join([one] * len(chunk)),
            [row.get(c) for row in chunk for c in columns],
        )
