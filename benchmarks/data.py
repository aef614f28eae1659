"""The benchmark's data: generated libraries and exchange files, cached between runs.

A 100,000-case library takes minutes to generate, so every generated file is kept in the cache
folder (``COUNCIL_BENCH_CACHE``, else the user's cache folder) under a name that carries the case
count, the seed and a fingerprint of what the generator makes now: the first cases it draws for
that seed, hashed with ``DATA_VERSION``. A changed generator gives another name, so the next run
regenerates instead of measuring stale data. A cached library is upgraded to the current schema
once, when it is prepared, so that no timed run pays for a migration.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import platformdirs

from council_app.framework import bundled_framework
from council_app.library.case_json import case_to_json
from council_app.library.case_library import CaseLibrary
from council_app.library.generator import generate_cases, write_generated
from council_app.library.schema import pending_names

CACHE_ENV = "COUNCIL_BENCH_CACHE"
# Bump when the way the benchmark prepares its data changes (not the generator: that is seen).
DATA_VERSION = 1
SEED = 1
FINGERPRINT_CASES = 5


def cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    folder = (
        Path(override).expanduser()
        if override
        else Path(platformdirs.user_cache_dir("council-desk-bench", appauthor=False))
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def generator_fingerprint(count: int, seed: int = SEED) -> str:
    """What the generator draws first for this size and seed, hashed: its version, as seen."""
    framework = bundled_framework()
    digest = hashlib.sha256(f"v{DATA_VERSION}/{count}/{seed}".encode())
    for case in islice(generate_cases(framework, count, seed=seed), FINGERPRINT_CASES):
        digest.update(json.dumps(case_to_json(case), sort_keys=True).encode())
    return digest.hexdigest()[:12]


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@contextlib.contextmanager
def using_data_dir(folder: Path) -> Iterator[Path]:
    """Council Desk's data folder (backups, settings) pointed at ``folder`` for a block."""
    previous = os.environ.get("COUNCIL_APP_DATA_DIR")
    os.environ["COUNCIL_APP_DATA_DIR"] = str(folder)
    try:
        yield folder
    finally:
        if previous is None:
            del os.environ["COUNCIL_APP_DATA_DIR"]
        else:
            os.environ["COUNCIL_APP_DATA_DIR"] = previous


@contextlib.contextmanager
def scratch_data_dir() -> Iterator[Path]:
    """A data folder thrown away after the block (for the backup an upgrade takes)."""
    with (
        tempfile.TemporaryDirectory(prefix="council-bench-data-", dir=cache_dir()) as folder,
        using_data_dir(Path(folder)),
    ):
        yield Path(folder)


def _matches_generator(path: Path, count: int, seed: int) -> bool:
    """Whether an unkeyed file from an earlier run holds what the generator makes now."""
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            origin = conn.execute("SELECT value FROM library_meta WHERE key = 'origin'").fetchone()
            if origin is None or origin[0] != f"generated: {count} cases, seed {seed}":
                return False
            framework = bundled_framework()
            for case in islice(generate_cases(framework, count, seed=seed), FINGERPRINT_CASES):
                row = conn.execute(
                    "SELECT title, summary, use_case FROM cases WHERE id = ?", [case.id]
                ).fetchone()
                if row != (case.title, case.summary, case.use_case):
                    return False
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return True


def _upgrade(path: Path) -> None:
    """Open the library once, so that the schema is current before anything is timed."""
    with scratch_data_dir(), CaseLibrary.open(path, create=False) as library:
        library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def _is_current(path: Path) -> bool:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return not pending_names(conn)
    finally:
        conn.close()


def library_path(count: int, seed: int = SEED) -> Path:
    """A generated library of ``count`` cases at the current schema, made if not cached."""
    folder = cache_dir()
    path = folder / f"library-{count}-seed{seed}-{generator_fingerprint(count, seed)}.sqlite"
    if path.exists():
        if not _is_current(path):  # cached by an older version of the app
            _say(f"Bringing {path.name} to the current schema…")
            _upgrade(path)
        return path
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    legacy = folder / f"library-{count}.sqlite"
    started = time.perf_counter()
    if legacy.exists() and _matches_generator(legacy, count, seed):
        _say(f"Adopting {legacy} (it matches the generator) as {path.name}…")
        shutil.copyfile(legacy, partial)
    else:
        _say(f"Generating {count:,} cases (seed {seed}) into {path}; this is done once…")
        write_generated(bundled_framework(), partial, count, seed=seed)
    _say("Bringing it to the current schema…")
    _upgrade(partial)
    os.replace(partial, path)
    _say(f"Ready in {time.perf_counter() - started:.0f} s.")
    return path


def exchange_path(count: int, seed: int = SEED) -> Path:
    """A generated exchange document (JSON) of ``count`` cases, made if not cached."""
    folder = cache_dir()
    path = folder / f"exchange-{count}-seed{seed}-{generator_fingerprint(count, seed)}.json"
    if not path.exists():
        _say(f"Generating an exchange file of {count:,} cases into {path}…")
        write_generated(bundled_framework(), path, count, seed=seed)
    return path


def exchange_parts(count: int, seed: int = SEED) -> list[Path]:
    """The exchange document of ``count`` cases split into files the app will import.

    Council Desk refuses exchange files over its import limit (a 10,000-case library is about
    85 MB); it asks for a large library in parts, so the benchmark imports it that way.
    """
    from council_app.library.exchange import MAX_IMPORT_BYTES

    whole = exchange_path(count, seed)
    parts = max(1, -(-whole.stat().st_size * 5 // (MAX_IMPORT_BYTES * 4)))
    if parts == 1:
        return [whole]
    names = [whole.with_name(f"{whole.stem}-part{i + 1}of{parts}.json") for i in range(parts)]
    if not all(name.exists() for name in names):
        document = json.loads(whole.read_text(encoding="utf-8"))
        cases = document.pop("cases")
        size = -(-len(cases) // parts)
        for i, name in enumerate(names):
            part = {**document, "cases": cases[i * size : (i + 1) * size]}
            tmp = name.with_name(name.name + ".partial")
            tmp.write_text(json.dumps(part, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, name)
    return names


def demo_data_dir() -> Path:
    """A data folder whose default library is the demo library, as on a first start."""
    from council_app.library.demo import create_demo_library

    folder = cache_dir() / f"app-demo-v{DATA_VERSION}"
    library = folder / "library.sqlite"
    if not library.exists():
        with scratch_data_dir():
            create_demo_library(library)
            _upgrade(library)
    elif not _is_current(library):
        _upgrade(library)
    return folder


FELT_SITTING_TITLE = "Benchmark sitting (30 items)"
FELT_AGENDA_ITEMS = 30


def felt_library(count: int, seed: int = SEED) -> tuple[Path, int]:
    """The generated library of ``count`` cases with a sitting of 30 agenda items (the felt
    figure's Sittings tab), made from :func:`library_path` once and cached beside it.

    The undecided cases go on the agenda first (a sitting decides those), then decided ones up to
    30. Returns the file and the sitting's id. Drafts a run left (a probe stopped half-way) are
    discarded through the core, so that no "resume?" question waits for an answer in the next
    run.
    """
    from datetime import date

    from council_app.council import sessions
    from council_app.library.drafts import discard_draft, list_drafts

    source = library_path(count, seed)
    path = source.with_name(f"felt-{source.name}")
    if not path.exists():
        _say(f"Adding a {FELT_AGENDA_ITEMS}-item sitting to a copy of {source.name}…")
        partial = path.with_name(path.name + ".partial")
        shutil.copyfile(source, partial)
        with scratch_data_dir(), CaseLibrary.open(partial, create=False) as lib:
            rows = lib.db.execute(
                "SELECT id FROM cases WHERE status != 'draft' "
                "ORDER BY status = 'decided', id LIMIT ?",
                [FELT_AGENDA_ITEMS],
            ).fetchall()
            sitting = sessions.create_session(lib, FELT_SITTING_TITLE, date(2026, 12, 10))
            for (case_id,) in rows:
                sessions.add_to_agenda(lib, sitting, case_id, minutes=10)
            lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        os.replace(partial, path)
    with scratch_data_dir(), CaseLibrary.open(path, create=False) as lib:
        for key in list_drafts(lib):
            discard_draft(lib, key)
        (sitting,) = lib.db.execute(
            "SELECT id FROM sessions WHERE title = ?", [FELT_SITTING_TITLE]
        ).fetchone()
    return path, int(sitting)
