"""Files that hold the council's data outside a library: private, whole, and never left half-done.

Backups, the copy of a damaged library kept by a restore and crash reports carry case ids and
names. They are written here, one way: in a folder only the owner can enter (0700), created
with ``O_EXCL`` and mode 0600 so that they are never readable by others even for a moment, and
fsynced, so that a file that exists is a file that was written. Files written beside their
target first (``.{name}.{pid}.partial``) and put in place by a rename are named by
:func:`partial_path`; those left by a killed process are removed by :func:`sweep_partials`.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
PARTIAL_SUFFIX = ".partial"
# SQLite's side files of a database: a partial library has them while it is open.
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
# Without a way to ask whether a process lives (not POSIX), a partial file this old is stale.
STALE_AFTER_SECONDS = 24 * 3600


def private_folder(folder: Path) -> Path:
    """Create ``folder`` and make it the owner's only (0700), and the parents it had to create.

    A parent that was there already is left as it is: the data folder may be a council's
    shared drive, whose permissions are theirs to set.
    """
    missing = []
    for each in (folder, *folder.parents):
        if each.exists():
            break
        missing.append(each)
    for each in reversed(missing):
        each.mkdir(mode=FOLDER_MODE, exist_ok=True)
        with contextlib.suppress(OSError):
            each.chmod(FOLDER_MODE)  # mkdir's mode is narrowed by the umask, never widened
    with contextlib.suppress(OSError):
        folder.chmod(FOLDER_MODE)
    return folder


def create_private(path: Path) -> int:
    """Create ``path`` new, 0600 from its first moment, and return a descriptor to write it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.open(path, flags, FILE_MODE)


def write_private(path: Path, data: bytes) -> Path:
    """Write a new private file whole and fsynced, in a private folder; refuses to overwrite."""
    return _write_new(path, lambda fd: _write_all(fd, data))


def copy_private(source: Path, path: Path) -> Path:
    """Copy ``source`` to a new private file, in chunks (a library may be hundreds of MiB)."""

    def copy(fd: int) -> None:
        with source.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                _write_all(fd, chunk)

    return _write_new(path, copy)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _write_new(path: Path, write: Callable[[int], None]) -> Path:
    private_folder(path.parent)
    fd = create_private(path)
    try:
        write(fd)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    os.close(fd)
    fsync_folder(path.parent)
    return path


def write_private_new(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` as a new private file ``{stem}{suffix}`` in ``folder``, never over another.

    A name already taken (two crash reports in one second) gets ``-2``, ``-3`` … added.
    """
    for number in range(1, 1000):
        name = f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}"
        try:
            return write_private(folder / name, data)
        except FileExistsError:
            continue
    raise FileExistsError(f"{folder / stem}{suffix}: every name is taken")


def fsync_file(path: Path) -> None:
    """Make a file's bytes durable before it is renamed into place."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new name in ``folder`` durable (not possible on Windows: skipped)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def partial_path(target: Path) -> Path:
    """Where ``target`` is written before it is renamed into place: hidden, named by process."""
    return target.with_name(f".{target.name}.{os.getpid()}{PARTIAL_SUFFIX}")


def _process_started(pid: int) -> float | None:
    """When the process ``pid`` started (epoch seconds), where the system says (Linux /proc)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
        boot = next(
            float(line.split()[1])
            for line in Path("/proc/stat").read_text(encoding="ascii").splitlines()
            if line.startswith("btime ")
        )
        ticks = os.sysconf("SC_CLK_TCK")
        # Field 22 of stat is the start in clock ticks after boot; fields restart after ")".
        return boot + int(stat.rpartition(")")[2].split()[19]) / ticks
    except (OSError, ValueError, IndexError, StopIteration, AttributeError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OSError:
        return False
    return True


def _is_stale(path: Path, pid: int, now: float) -> bool:
    """Whether the process that wrote ``path`` is gone (so it will never finish the file)."""
    try:
        written = path.stat().st_mtime
    except OSError:
        return False
    if os.name != "posix":
        return now - written > STALE_AFTER_SECONDS
    if pid != os.getpid() and not _alive(pid):
        return True
    # The pid lives (it may be this process), but if it started after the file was written, it
    # is another process that reused the pid. The boot time is known to the second.
    started = _process_started(pid)
    return started is not None and written < started - 2


def sweep_partials(folder: Path, name: str | None = None) -> list[Path]:
    """Remove the partial files a killed process left in ``folder``; returns what went.

    Only files of this naming scheme (``.{name}.{pid}.partial`` and their SQLite side files)
    are touched, for ``name`` only when given, and only when the process that was writing them
    is gone: a partial another live process is writing is left alone.
    """
    stem = re.escape(name) if name is not None else r".+"
    pattern = re.compile(rf"\.({stem})\.(\d+){re.escape(PARTIAL_SUFFIX)}(-wal|-shm|-journal)?")
    now = time.time()
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if found is None or not entry.is_file(follow_symlinks=False):
            continue
        path = Path(entry.path)
        if _is_stale(path, int(found.group(2)), now):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


__all__ = [
    "FILE_MODE",
    "FOLDER_MODE",
    "copy_private",
    "create_private",
    "fsync_file",
    "fsync_folder",
    "partial_path",
    "private_folder",
    "sweep_partials",
    "write_private",
    "write_private_new",
]
