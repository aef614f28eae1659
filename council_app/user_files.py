"""The one rule for reading a file a user names: a regular file, of a bounded size, read bounded.

A path given to ``import``, ``replay --framework`` or ``weights ahp`` may be anything the system
can name: ``/dev/zero`` and ``/dev/urandom`` never end (reading them whole ended in "internal
error (MemoryError)"), a FIFO blocks its reader until someone writes to it, a folder cannot be
read at all, and a symlink named ``x.councilcase`` can point at any of these. So before a byte
is read, the path (its symlinks followed) must be a regular file no larger than the limit for
what it is; it is opened without blocking (a FIFO swapped in after the check cannot hang the
app), checked again through the open file, and read to at most the limit and one byte, so a
file that grows meanwhile or whose size was misreported is still bounded. Every refusal is a
sentence naming the file, what it is and what was not done.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from council_app.errors import CouncilError

KB = 1024
MB = 1024 * KB
GB = 1024 * MB
_CHUNK = MB


class UserFileRefused(CouncilError):
    """A file the user named was not read: not a regular file, too large or unreadable."""


def size_words(size: int) -> str:
    """A size as a person says it: "3.2 GB", "50 MB", "512 bytes"."""
    for unit, name in ((GB, "GB"), (MB, "MB"), (KB, "KB")):
        if size >= unit:
            return f"{size / unit:.1f}".removesuffix(".0") + f" {name}"
    return f"{size} byte{'s' if size != 1 else ''}"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def special_kind(path: Path) -> str | None:
    """What ``path`` (its symlinks followed) is if it is not a regular file: "a pipe"…; None
    for a regular file or nothing there. For readers that open a file by other means (SQLite)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # the reader's own check names a missing or unreachable file
    return None if stat.S_ISREG(mode) else _kind(mode)


def read_user_file(
    path: Path | str,
    *,
    limit: int,
    what: str,
    outcome: str,
    advice: str = "",
    error: type[CouncilError] = UserFileRefused,
) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them, or a refusal.

    ``what`` names the kind of file in the size sentence ("… more than the 50 MB an import may
    be"); ``outcome`` says what did not happen ("nothing was imported"); ``advice`` follows a
    refusal for size. ``error`` is the :class:`CouncilError` the caller's users already know.
    """
    path = Path(path)

    def refuse(sentence: str, extra: str = "") -> CouncilError:
        return error(f"{sentence}; {outcome}." + (f" {extra}" if extra else ""))

    def check(mode: int, size: int) -> None:
        if not stat.S_ISREG(mode):
            raise refuse(f"{path} is not a regular file (it is {_kind(mode)})")
        if size > limit:
            shown = size_words(size)
            if shown == size_words(limit):
                shown = f"{size:,} bytes"  # just over: "50.0 MB, more than 50 MB" says nothing
            raise refuse(
                f"{path} is {shown}, more than the {size_words(limit)} {what} may be", advice
            )

    try:
        # stat, not lstat: a symlink is judged by what it points at.
        found = os.stat(path)
        check(found.st_mode, found.st_size)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise refuse(f"{path}: no such file") from exc
    except OSError as exc:
        raise refuse(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    try:
        # What was opened may not be what was looked at (the path changed in between).
        opened = os.fstat(fd)
        check(opened.st_mode, opened.st_size)
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except OSError as exc:
        raise refuse(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    finally:
        os.close(fd)
    if got > limit:
        raise refuse(f"{path} is more than the {size_words(limit)} {what} may be", advice)
    return b"".join(chunks)


def read_user_text(
    path: Path | str,
    *,
    limit: int,
    what: str,
    outcome: str,
    error: type[CouncilError] = UserFileRefused,
) -> str:
    """:func:`read_user_file` as UTF-8 text; bytes that are not UTF-8 are refused in words."""
    data = read_user_file(path, limit=limit, what=what, outcome=outcome, error=error)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            f"{path}: not UTF-8 text (byte {exc.start} cannot be read); {outcome}."
        ) from exc
