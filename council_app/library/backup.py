"""Backups of a library: automatic and rotating, on request, and restoring one.

Copies are made with SQLite's online backup API, which copies a consistent state even while
the app has the library open, and are checked (``PRAGMA integrity_check``) before they count.
Automatic copies are taken before a schema upgrade, before an import or a merge, and once a
day; the newest ``KEEP`` are kept, in the data folder beside the default library, readable by
the owner only. Restoring keeps a copy of what it replaces, so a restore can be undone too.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from council_app import paths, private_files
from council_app.errors import CouncilError, LibraryError
from council_app.user_files import special_kind

if TYPE_CHECKING:
    from council_app.library.case_library import CaseLibrary

KEEP = 10
SCHEDULE_HOURS = 24
SUFFIX = ".sqlite"


def backups_folder(library_path: Path) -> Path:
    """One folder per library file, named after it, in the data folder."""
    resolved = Path(library_path).expanduser().resolve()
    import hashlib

    tag = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:8]
    return paths.data_dir() / "backups" / f"{resolved.stem}-{tag}"


def _check_copy(path: Path) -> list[str]:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
    finally:
        conn.close()


def copy_connection(source: sqlite3.Connection, target: Path, *, force: bool = False) -> Path:
    """Copy an open library to ``target`` (owner-only), checked, then put in place atomically."""
    target = Path(target).expanduser()
    found = paths.exists(target)
    if found and target.is_dir():
        raise CouncilError(f"{target} is a folder; give a file name for the backup.")
    if found and not force:
        raise CouncilError(f"{target} already exists; not overwritten (use --force to replace it).")
    if not target.parent.is_dir():
        raise CouncilError(f"The folder {target.parent} does not exist.")
    private_files.sweep_partials(target.parent, target.name)
    temp = private_files.partial_path(target)
    _remove_with_side_files(temp)
    try:
        os.close(private_files.create_private(temp))
        dest = sqlite3.connect(temp)
        try:
            source.backup(dest)
            # One self-contained file: the copy is not in WAL mode until it is opened to be used.
            dest.execute("PRAGMA journal_mode = DELETE").fetchall()
        finally:
            dest.close()
        problems = _check_copy(temp)
        if problems:
            raise LibraryError(
                "The copy failed its integrity check, so it was not kept: " + "; ".join(problems)
            )
        private_files.fsync_file(temp)
        os.replace(temp, target)
        private_files.fsync_folder(target.parent)
    except sqlite3.Error as exc:
        full = "full" in str(exc).lower()
        reason = "the disk is full" if full else str(exc)
        raise LibraryError(
            f"The backup to {target} could not be written: {reason}; nothing was changed."
        ) from exc
    except OSError as exc:
        raise CouncilError(
            f"The backup to {target} could not be written: {exc.strerror or exc}; "
            "nothing was changed."
        ) from exc
    finally:
        _remove_with_side_files(temp)
    return target


def _remove_with_side_files(path: Path) -> None:
    for leftover in (path, *(Path(f"{path}{x}") for x in private_files.SIDE_SUFFIXES)):
        with contextlib.suppress(OSError):
            leftover.unlink()


def write_backup(library: CaseLibrary, target: Path, *, force: bool = False) -> Path:
    return copy_connection(library.db.conn, target, force=force)


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str

    def sentence(self) -> str:
        return f"{self.taken_at:%Y-%m-%d %H:%M} UTC ({self.reason}): {self.path}"


def list_backups(library_path: Path) -> list[Backup]:
    """The automatic backups of a library, newest first."""
    folder = backups_folder(library_path)
    found = []
    for path in folder.glob(f"*{SUFFIX}") if folder.is_dir() else ():
        stamp, _, reason = path.stem.partition("-")
        try:
            taken = datetime.strptime(stamp, "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(Backup(path, taken, reason.replace("-", " ")))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def automatic_backup(
    source: sqlite3.Connection, library_path: Path | None, reason: str
) -> Backup | None:
    """Take a rotating backup now; the oldest beyond ``KEEP`` are removed."""
    if library_path is None or library_path.name.endswith(private_files.PARTIAL_SUFFIX):
        # A library being restored is a checked copy of a backup: it needs no backup of its own.
        return None
    folder = backups_folder(library_path)
    private_files.private_folder(folder)
    private_files.sweep_partials(folder)
    now = datetime.now(UTC)
    name = f"{now:%Y%m%dT%H%M%S%f}-{reason.replace(' ', '-')}{SUFFIX}"
    try:
        path = copy_connection(source, folder / name)
    except CouncilError as error:
        raise LibraryError(
            f"Council Desk backs up the library {library_path} {reason.removeprefix('before ')} "
            f"first, and that failed. {error}"
        ) from error
    kept = list_backups(library_path)
    for old in kept[KEEP:]:
        _remove_with_side_files(old.path)
    for earlier in kept[:KEEP]:
        with contextlib.suppress(OSError):
            earlier.path.chmod(private_files.FILE_MODE)  # copies taken before they were private
    return Backup(path, now, reason)


def backup_before(library: CaseLibrary, reason: str) -> Backup | None:
    """A backup before a change that touches many cases at once (an import, a merge)."""
    if library.readonly or library.path is None or library.count_cases() == 0:
        return None
    return automatic_backup(library.db.conn, library.path, reason)


def backup_if_due(library: CaseLibrary, *, hours: int = SCHEDULE_HOURS) -> Backup | None:
    """The scheduled backup: one a day, taken when the library is opened to be worked on."""
    if library.readonly or library.path is None or library.count_cases() == 0:
        return None
    newest = next(iter(list_backups(library.path)), None)
    if newest is not None and time.time() - newest.taken_at.timestamp() < hours * 3600:
        return None
    return automatic_backup(library.db.conn, library.path, "scheduled")


def latest_good_backup(library_path: Path) -> Backup | None:
    for backup in list_backups(library_path):
        try:
            if not _check_copy(backup.path):
                return backup
        except sqlite3.Error:
            continue
    return None


def restore_advice(library_path: Path) -> str:
    """What to do about a damaged library, naming the backup to restore if there is one."""
    good = latest_good_backup(library_path)
    if good is None:
        return (
            "No good backup was found; export what can still be read with "
            "council-app export --all, and keep the file for repair."
        )
    return (
        f"Restore the latest good backup ({good.sentence()}) with "
        f'council-app restore "{good.path}" (a copy of the damaged file is kept).'
    )


def restore(library_path: Path, source: Path) -> Backup | None:
    """Replace the library's content with ``source``; returns the copy kept of what was there.

    Killed at any moment, the library is as it was or restored (see :func:`_replace_damaged`).
    """
    source = Path(source).expanduser()
    library_path = Path(library_path).expanduser()
    if not paths.exists(source):
        raise CouncilError(f"{source}: no such file.")
    kind = special_kind(source)
    if kind is not None:
        # SQLite would block on a pipe, or read a device for ever.
        raise CouncilError(
            f"{source} is not a regular file (it is {kind}), so not a backup; nothing was restored."
        )
    if paths.exists(library_path) and library_path.is_dir():
        raise CouncilError(f"{library_path} is a folder, not a library file; nothing was restored.")
    try:
        problems = _check_copy(source)
        conn = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise CouncilError(
            f"{source} is not a Council Desk library ({exc}); nothing was changed."
        ) from exc
    if problems:
        raise CouncilError(
            f"{source} fails its integrity check ({'; '.join(problems[:3])}); nothing was changed."
        )
    if not {"cases", "_sqlite_migrations"} <= tables:
        raise CouncilError(f"{source} is not a Council Desk library; nothing was changed.")
    if source.resolve() == library_path.resolve():
        raise CouncilError("That is the library itself; nothing to restore.")
    if paths.exists(library_path.parent):
        private_files.sweep_partials(library_path.parent, library_path.name)
    kept = None
    if paths.exists(library_path):
        # Read-only: a damaged library (and its write-ahead log) is kept exactly as it was.
        current = sqlite3.connect(library_path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            kept = automatic_backup(current, library_path, "before restore")
        except CouncilError:
            kept = None  # a damaged library does not copy through SQLite
        finally:
            current.close()
    else:
        # A new path makes a new library, as --library does elsewhere: its folder too.
        paths.make_parent(library_path)
    temp = _checked_copy_beside(library_path, source)
    try:
        if kept is not None:
            # A healthy library takes the copy in one SQLite transaction: a kill leaves it as it
            # was or restored, and a window that has it open reads the restored one.
            _copy_into(temp, library_path, kept)
        else:
            kept = _replace_damaged(library_path, temp)
    finally:
        _remove_with_side_files(temp)
    return kept


def _checked_copy_beside(library_path: Path, source: Path) -> Path:
    """Write ``source`` beside the library as a partial file, upgraded, checked and fsynced.

    The library is not touched until this copy is whole: a restore killed now leaves only a
    partial file, which the next restore, backup or opening of the library sweeps.
    """
    from council_app.library.case_library import CaseLibrary

    temp = private_files.partial_path(library_path)
    _remove_with_side_files(temp)
    try:
        os.close(private_files.create_private(temp))
        src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
        dest = sqlite3.connect(temp)
        try:
            src.backup(dest)
        finally:
            src.close()
            dest.close()
        # Open it once as the app does: an older backup is upgraded now, and the open checks it.
        with CaseLibrary.open(temp, create=False) as copy:
            problems = copy.integrity_problems()
        if problems:
            raise LibraryError(
                f"The restored copy of {source} failed its integrity check "
                f"({'; '.join(problems[:3])}); {library_path} was not changed."
            )
        if any(paths.exists(Path(f"{temp}{x}")) for x in private_files.SIDE_SUFFIXES):
            raise LibraryError(
                f"The restored copy of {source} could not be closed cleanly; "
                f"{library_path} was not changed."
            )
        private_files.fsync_file(temp)
    except sqlite3.Error as exc:
        _remove_with_side_files(temp)
        raise LibraryError(
            f"The restore into {library_path} failed: {exc}; nothing was changed."
        ) from exc
    except BaseException:
        _remove_with_side_files(temp)
        raise
    return temp


def _copy_into(temp: Path, library_path: Path, kept: Backup) -> None:
    src = sqlite3.connect(temp.resolve().as_uri() + "?mode=ro", uri=True)
    dest = sqlite3.connect(library_path)
    try:
        src.backup(dest)
    except sqlite3.Error as exc:
        raise LibraryError(
            f"The restore into {library_path} failed: {exc}; nothing was changed. "
            f"A copy of the library as it was is kept at {kept.path}."
        ) from exc
    finally:
        src.close()
        dest.close()
    with contextlib.suppress(OSError):
        library_path.chmod(private_files.FILE_MODE)


def _replace_damaged(library_path: Path, temp: Path) -> Backup | None:
    """Put the checked copy in place of a damaged (or missing) library with one rename.

    The damaged file and its side files are first copied, private and fsynced, into the backups
    folder. Its side files are then removed (SQLite would otherwise apply a stale write-ahead
    log or journal to the restored file), and only then is the copy renamed over it: killed at
    any step, the library is the damaged one or the restored one, never empty.
    """
    kept = None
    try:
        if paths.exists(library_path):
            now = datetime.now(UTC)
            folder = backups_folder(library_path)
            copy = folder / f"{now:%Y%m%dT%H%M%S%f}-before-restore-damaged{SUFFIX}"
            private_files.copy_private(library_path, copy)
            wal = Path(f"{library_path}-wal")
            # A log or journal with something in it is part of the damaged library; the index
            # of a log (-shm) only goes with its log.
            for suffix in private_files.SIDE_SUFFIXES:
                side = Path(f"{library_path}{suffix}")
                wanted = wal if suffix == "-shm" else side
                if paths.exists(side) and paths.exists(wanted) and wanted.stat().st_size > 0:
                    private_files.copy_private(side, Path(f"{copy}{suffix}"))
            kept = Backup(copy, now, "before restore damaged")
        for suffix in private_files.SIDE_SUFFIXES:
            Path(f"{library_path}{suffix}").unlink(missing_ok=True)
        os.replace(temp, library_path)
        private_files.fsync_folder(library_path.parent)
    except OSError as exc:
        where = f" A copy of it as it was is kept at {kept.path}." if kept else ""
        raise CouncilError(
            f"The restore could not put the backup in place of {library_path}: "
            f"{exc.strerror or exc}.{where}"
        ) from exc
    return kept


__all__ = [
    "KEEP",
    "Backup",
    "automatic_backup",
    "backup_before",
    "backup_if_due",
    "backups_folder",
    "copy_connection",
    "latest_good_backup",
    "list_backups",
    "restore",
    "write_backup",
]
