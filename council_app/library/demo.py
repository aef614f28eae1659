"""The default library and the bundled demo cases it starts with.

On first start Council Desk creates the default library in the user's data folder and fills it
from ``resources/demo-library.json``, so that a new user sees real cases at once. The library is
built in a temporary file and moved into place only when complete: a first start that is
interrupted leaves no half-filled library behind.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from council_app import paths, resources
from council_app.errors import LibraryError
from council_app.library.case_library import CaseLibrary

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from council_app.library.exchange import ExchangeDocument


@functools.cache
def demo_document() -> ExchangeDocument:
    # The exchange format (and jsonschema) only when the demo library is made, not at each start.
    from council_app.library.exchange import parse_document

    return parse_document(
        resources.read_bytes(resources.DEMO_LIBRARY_FILE), source=resources.DEMO_LIBRARY_FILE
    )


def create_demo_library(path: Path) -> None:
    """Create a library at ``path`` holding the demo cases; an existing file is left alone."""
    path = Path(path)
    try:
        paths.make_parent(path, LibraryError)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise LibraryError(
            f"Cannot create a library in {path.parent}: {exc.strerror or exc}."
        ) from exc
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, 0o600)
        from council_app.library.exchange import import_document

        with CaseLibrary.open(tmp) as library:
            import_document(library, demo_document())
            _import_demo_requests(library)
            library.set_meta("title", "Demo case library")
            library.set_meta("origin", "demo")
            # Fold the WAL back into the file so that the single file is the whole library.
            library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            library.db.execute("PRAGMA journal_mode = DELETE").fetchall()
        try:
            os.link(tmp, path)  # never replaces a library that appeared meanwhile
        except FileExistsError:
            pass
        except OSError:
            if not path.exists():
                os.replace(tmp, path)
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _demo_request_forms() -> list[Traversable]:
    folder = resources.resource_path(resources.DEMO_REQUESTS_FOLDER)
    forms = [p for p in folder.iterdir() if p.name.endswith(".councilrequest")]
    return sorted(forms, key=lambda p: p.name)


def demo_case_count() -> int:
    """How many cases a new demo library holds: the demo cases, and a draft for each demo
    request (the self-test and whatever checks a new library count by this)."""
    return len(demo_document().cases) + len(_demo_request_forms())


def _import_demo_requests(library: CaseLibrary) -> None:
    """The demo's requests from product teams, as a new user meets them: draft cases, each
    kept with the form it came from (council_app.council.requests)."""
    import json
    from datetime import date

    from council_app.council.requests import import_request
    from council_app.library.frameworks import framework_in_force

    framework = framework_in_force(library)
    for path in _demo_request_forms():
        data = path.read_bytes()
        submitted = date.fromisoformat(json.loads(data)["submitted"])
        import_request(
            library, framework, data, source=path.name, today=submitted, find_precedents=False
        )


def open_default_library() -> CaseLibrary:
    """The user's default library, created from the demo cases the first time."""
    path = paths.default_library_path()
    if not path.exists():
        create_demo_library(path)
    return CaseLibrary.open(path)
