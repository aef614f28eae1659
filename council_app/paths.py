"""Where Council Desk keeps the user's files.

Paths come from platformdirs and are computed when first asked for, never at import. Setting
``COUNCIL_APP_DATA_DIR`` points everything at another folder: the tests use it so that they never
touch a user's real data, and a council can use it to keep a library on a shared encrypted drive.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from council_app.errors import CouncilError

DATA_DIR_ENV = "COUNCIL_APP_DATA_DIR"
APP_DIR_NAME = "council-desk"
DEFAULT_LIBRARY_NAME = "library.sqlite"


def data_dir() -> Path:
    """The folder for the default library, backups and crash reports (not created here)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def default_library_path() -> Path:
    return data_dir() / DEFAULT_LIBRARY_NAME


def exists(path: Path, error: type[CouncilError] = CouncilError) -> bool:
    """Whether ``path`` exists; a path the system refuses to look at is refused in words.

    ``Path.exists()`` and ``Path.is_dir()`` raise OSError for a name longer than the system
    allows, a permission refused on the way or a symlink loop instead of answering, and that
    reached users as an internal error. A path under a file is simply not there.
    """
    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise error(f"Cannot use {path}: {exc.strerror or exc}.") from exc
    return True


def make_parent(path: Path, error: type[CouncilError] = CouncilError) -> None:
    """Create the folder ``path`` goes in; a file standing where a folder must be is named.

    ``mkdir`` reports a file in the way as "File exists" or "Not a directory", which leaves the
    user guessing which part of the path is wrong.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        blocking = next((p for p in path.parents if p.is_file()), path.parent)
        raise error(f"Cannot write {path}: {blocking} is a file, not a folder.") from exc
    except OSError as exc:
        raise error(f"Cannot write {path}: {exc.strerror or exc}.") from exc


def write_user_file(path: Path | str, data: bytes, *, force: bool = False, what: str) -> None:
    """Write a file the user named, atomically; an existing file is replaced only with ``force``.

    Written beside its final name, synced, then renamed into place, so a crash leaves the old
    file or the new one, never half of one. ``what`` names the file in the refusal for a
    folder ("a file name to export to").
    """
    import tempfile

    path = Path(path)
    found = exists(path)
    if found and path.is_dir():
        raise CouncilError(f"{path} is a folder; give {what}.")
    if found and not force:
        raise CouncilError(f"{path} already exists; not overwritten (use --force to replace it).")
    try:
        make_parent(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise CouncilError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
