"""A library on read-only media, or in a folder nobody may write, opens to be read (issue 18).

A library in WAL mode needs its -shm file beside it even to be read; where SQLite cannot create
it, every command used to end in "the folder is missing or not accessible" (read-only media) or
the read-only message (a 0o555 folder), list and show included. Now such a library opens
read-only (SQLite's ``immutable``, safe because nobody can write there): the reading commands
work, every write is refused with the one read-only sentence, and opening writes nothing.

How it is made read-only here: a real 0o444 file in a 0o555 folder (as root the test's thread
drops its override, see ``tests/test_hostile_environment.py``); and, since a read-only mount
needs privileges tests do not have, a simulation of one: SQLite cannot open the file except
``immutable``, and the system says the folder's file system is mounted read-only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from council_app.cli import main
from council_app.errors import LibraryError
from council_app.library import CaseLibrary
from council_app.library.demo import demo_document
from tests.factories import make_case
from tests.test_hostile_environment import (
    DECIDED_CASE,
    assert_refused,
    make_demo_library,
    read_only,
)

READS = {
    "list": ["list"],
    "show": ["show", DECIDED_CASE],
    "search": ["search", "facial recognition"],
    "precedents": ["precedents", DECIDED_CASE],
    "score": ["score", DECIDED_CASE],
    "log": ["log"],
    "memo": ["memo", DECIDED_CASE, "-o", "{out}/memo.pdf"],
    "export": ["export", DECIDED_CASE, "-o", "{out}/case.json"],
}
WRITES = {
    "settings": ["settings", "council_name", "Read-only council"],
    "session new": ["session", "new", "--date", "2027-03-04", "--title", "Sitting"],
    "review": ["review", DECIDED_CASE, "--next", "2030-01-01"],
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = make_demo_library(tmp_path_factory.mktemp("template") / "library.sqlite")
    CaseLibrary.open(path).close()  # the last writer out takes its -wal and -shm with it
    return path


@pytest.fixture
def library_file(tmp_path: Path, template: Path) -> Path:
    """A WAL library alone in its folder, as a copy on a stick or in an image is."""
    path = tmp_path / "archive" / "library.sqlite"
    path.parent.mkdir()
    shutil.copyfile(template, path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    return path


def _snapshot(path: Path) -> tuple[list[str], bytes, int]:
    return (
        sorted(p.name for p in path.parent.iterdir()),
        path.read_bytes(),
        path.stat().st_mtime_ns,
    )


@contextlib.contextmanager
def read_only_medium(monkeypatch: pytest.MonkeyPatch, path: Path) -> Iterator[None]:
    """As on a read-only mount: SQLite cannot open the library (it cannot make the -shm file;
    SQLITE_CANTOPEN, "unable to open database file") unless ``immutable``, and ``statvfs``
    says the folder's file system is read-only."""
    real_connect, real_statvfs = sqlite3.connect, os.statvfs
    target = path.resolve()

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        name = str(database)
        if "immutable=1" not in name and str(target) in name.replace("%20", " "):
            error = sqlite3.OperationalError("unable to open database file")
            error.sqlite_errorcode = sqlite3.SQLITE_CANTOPEN  # type: ignore[attr-defined]
            raise error
        return real_connect(database, *args, **kwargs)

    def statvfs(where: Any) -> Any:
        if Path(where).resolve() == target.parent:
            return types.SimpleNamespace(f_flag=os.ST_RDONLY)
        return real_statvfs(where)

    with monkeypatch.context() as patch:
        patch.setattr(sqlite3, "connect", connect)
        patch.setattr(os, "statvfs", statvfs)
        yield


@contextlib.contextmanager
def made_read_only(how: str, path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if how == "chmod 0o444 file, 0o555 folder":
        with read_only(path, path.parent):
            yield
    else:
        with read_only_medium(monkeypatch, path):
            yield


HOW = ["chmod 0o444 file, 0o555 folder", "read-only medium (simulated)"]


def run(
    capsys: pytest.CaptureFixture[str], argv: list[str], path: Path, out: Path
) -> tuple[int, str, str]:
    code = main([a.format(out=out) for a in argv] + ["--library", str(path)])
    stdout, stderr = capsys.readouterr()
    return code, stdout, stderr


@pytest.mark.parametrize("how", HOW)
def test_the_cli_reads_a_library_on_read_only_media(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    library_file: Path,
    tmp_path: Path,
    how: str,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = _snapshot(library_file)
    with made_read_only(how, library_file, monkeypatch):
        for name, argv in READS.items():
            code, _, err = run(capsys, argv, library_file, out)
            assert code == 0, (name, err)
            assert "not accessible" not in err
        assert _snapshot(library_file) == before  # opening to read wrote nothing, not a -shm
    assert (out / "memo.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "case.json").exists()


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("argv", WRITES.values(), ids=WRITES.keys())
def test_every_write_on_read_only_media_says_nothing_was_changed(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    library_file: Path,
    tmp_path: Path,
    argv: list[str],
    how: str,
) -> None:
    before = _snapshot(library_file)
    with made_read_only(how, library_file, monkeypatch):
        code, _, err = run(capsys, argv, library_file, tmp_path)
        assert _snapshot(library_file) == before
    assert_refused(code, err, "Nothing was changed: the library", str(library_file), "read-only (")


@pytest.mark.parametrize("how", HOW)
def test_the_core_opens_it_read_only_and_refuses_writes(
    monkeypatch: pytest.MonkeyPatch, library_file: Path, how: str
) -> None:
    before = _snapshot(library_file)
    with made_read_only(how, library_file, monkeypatch):
        for readonly in (True, False):
            with CaseLibrary.open(library_file, readonly=readonly) as library:
                assert library.readonly
                assert library.count_cases() == len(demo_document().cases)
                with pytest.raises(LibraryError) as refused:
                    library.save_case(make_case())
            assert str(refused.value) == (
                f"Nothing was changed: the library {library_file} is read-only "
                "(its folder cannot be written here)."
            )
        assert _snapshot(library_file) == before


def test_changes_left_in_a_wal_file_are_not_silently_ignored(
    monkeypatch: pytest.MonkeyPatch, library_file: Path
) -> None:
    """``immutable`` reads the library file only: a -wal holding changes means it is refused."""
    Path(f"{library_file}-wal").write_bytes(b"changes not yet in the library")
    with read_only_medium(monkeypatch, library_file), pytest.raises(LibraryError) as refused:
        CaseLibrary.open(library_file, readonly=True)
    assert "its latest changes are in library.sqlite-wal" in str(refused.value)
    assert "Copy the folder somewhere writable" in str(refused.value)


def test_a_folder_its_owner_may_write_is_not_read_as_immutable(
    monkeypatch: pytest.MonkeyPatch, library_file: Path
) -> None:
    """Someone may write the library there while it is read: refused as before, not misread."""
    real_connect = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if "immutable=1" in str(database):
            raise AssertionError("opened immutable in a folder that can be written")
        error = sqlite3.OperationalError("unable to open database file")
        error.sqlite_errorcode = sqlite3.SQLITE_CANTOPEN  # type: ignore[attr-defined]
        if str(library_file.name) in str(database):
            raise error
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    with pytest.raises(LibraryError, match="not accessible"):
        CaseLibrary.open(library_file, readonly=True)


def test_a_pipe_is_not_opened_as_a_library(tmp_path: Path) -> None:
    fifo = tmp_path / "library.sqlite"
    os.mkfifo(fifo)
    with pytest.raises(LibraryError, match=r"is not a regular file \(it is a pipe\)"):
        CaseLibrary.open(fifo)
