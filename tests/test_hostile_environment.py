"""Trust: a read-only library, a full disk, an awkward path, a missing resource file.

Each must end in a sentence the user can act on (a ``CouncilError`` in the core; exit code 1 and
``council-app: …`` on stderr from the command line, never a traceback), and must leave the
library and any existing file exactly as they were.

How the environment is made hostile:

- **Read-only.** ``chmod`` the file or its folder. Root ignores file permissions, so when the
  tests run as root (as CI may) they drop ``CAP_DAC_OVERRIDE`` from the test's own thread for the
  duration of the test, which makes the permissions count again; where that is not possible the
  chmod tests skip. Simulations that work everywhere run as well: a library opened with
  ``readonly=True``, and every SQLite connection opened ``mode=ro`` (what SQLite does with a file
  it may not write).
- **Full disk.** SQLite's own limit: ``PRAGMA max_page_count`` set to the current size makes the
  next write that needs a page fail with ``SQLITE_FULL``, exactly as a full disk does. For PDFs
  and exchange files the write (or the ``fsync``) raises ``OSError(ENOSPC)`` half-way.
- **Missing resources.** ``council_app.resources.resource_root`` points at a copy of the bundled
  resources with one file removed.

The helpers are imported by ``tests/ui/test_hostile_environment_ui.py`` too.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from council_app import resources
from council_app.cli import main
from council_app.errors import CouncilError, LibraryError
from council_app.framework import Framework
from council_app.library import (
    CaseLibrary,
    ExchangeDocument,
    export_document,
    import_document,
    import_file,
    read_document,
    write_document,
)
from council_app.library.demo import demo_document
from council_app.library.exchange import case_document
from council_app.library.generator import generate_cases
from council_app.library.search import search_cases
from council_app.memo import prepare_memo, render_memo, write_pdf
from tests.factories import make_case

NON_ASCII_FOLDER = "Conseil d’éthique – ünïcødé 会议"
# Characters that must be escaped when a path becomes an SQLite URI (read-only connections).
URI_UNSAFE_FOLDER = "50% done #1 (brouillon) & co"
DECIDED_CASE = "EUC-2022-010"


# -- helpers shared with the GUI tests -----------------------------------------------------------


def library_dump(path: Path) -> list[str]:
    """Everything in the library as SQL, to compare before and after a refused change."""
    with CaseLibrary.open(path, readonly=True) as library:
        return list(library.db.conn.iterdump())


def make_demo_library(path: Path) -> Path:
    with CaseLibrary.open(path) as library:
        import_document(library, demo_document())
    return path


def generated_document(framework: Framework, count: int = 30) -> ExchangeDocument:
    """Enough new cases that importing them needs new pages in the library file."""
    cases = tuple(generate_cases(framework, count, seed=7))
    return ExchangeDocument(kind="council-library", cases=cases, source="generated.json")


def fill_disk(library: CaseLibrary) -> None:
    """Make the library's disk 'full': no page may be added to the file."""
    pages = library.db.execute("PRAGMA page_count").fetchone()[0]
    library.db.execute(f"PRAGMA max_page_count = {pages}").fetchall()


def _is_file(database: Any, kwargs: dict[str, Any], only: Path | None) -> bool:
    """Whether a ``sqlite3.connect`` call opens a file by its path (``only`` that file)."""
    if kwargs.get("uri") or str(database) == ":memory:":
        return False
    return only is None or Path(database).resolve() == only.resolve()


def every_connection_full(monkeypatch: pytest.MonkeyPatch, only: Path | None = None) -> None:
    """SQLite connections opened from now on (to ``only``, or to any file: the disk everything
    is on) see a full disk, also those of the app's worker threads."""
    real_connect = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(database, *args, **kwargs)
        if _is_file(database, kwargs, only):
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}").fetchall()
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)


def every_connection_read_only(monkeypatch: pytest.MonkeyPatch, only: Path) -> None:
    """Connections to the library ``only`` are read-only from now on, as for a 0o444 file."""
    real_connect = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if _is_file(database, kwargs, only):
            database = Path(database).resolve().as_uri() + "?mode=ro"
            kwargs["uri"] = True
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)


ENOSPC_TEXT = os.strerror(errno.ENOSPC)


def _enospc() -> OSError:
    return OSError(errno.ENOSPC, ENOSPC_TEXT)


class _FillingFile:
    """A file whose disk fills up after ``room`` characters (or bytes) have been written."""

    def __init__(self, handle: Any, room: int) -> None:
        self._handle = handle
        self._room = room

    def write(self, data: Any) -> int:
        if len(data) <= self._room:
            self._room -= len(data)
            return int(self._handle.write(data))
        self._handle.write(data[: self._room])
        self._room = 0
        raise _enospc()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> _FillingFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._handle.close()


def disk_fills_while_writing(monkeypatch: pytest.MonkeyPatch, *, room: int = 64) -> None:
    """Files opened with ``os.fdopen`` (the atomic writers' temp files) fill the disk."""
    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        return _FillingFile(real_fdopen(fd, *args, **kwargs), room)

    monkeypatch.setattr(os, "fdopen", fdopen)


def disk_fills_at_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """The data was buffered but the disk turns out full when it is flushed (delayed allocation)."""

    def fsync(_fd: int) -> None:
        raise _enospc()

    monkeypatch.setattr(os, "fsync", fsync)


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def says_disk_full(message: str) -> bool:
    text = message.lower()
    return "disk is full" in text or ENOSPC_TEXT.lower() in text


# -- making chmod count when the tests run as root -----------------------------------------------

_CAP_VERSION_3 = 0x20080522
_CAP_DAC_OVERRIDE = 1
_CAP_DAC_READ_SEARCH = 2


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


@contextlib.contextmanager
def permissions_enforced() -> Iterator[None]:
    """File permissions apply to this thread even as root (its DAC override is dropped).

    Capabilities belong to a thread: only code running on the calling thread (the core and the
    command line, not Qt's worker threads) is affected, and the override comes back afterwards.
    """
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        yield
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    header = _CapHeader(_CAP_VERSION_3, 0)
    data = (_CapData * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        yield  # the chmod tests skip when the permissions do not hold
        return
    saved = data[0].effective
    data[0].effective = saved & ~((1 << _CAP_DAC_OVERRIDE) | (1 << _CAP_DAC_READ_SEARCH))
    dropped = libc.capset(ctypes.byref(header), data) == 0
    try:
        yield
    finally:
        if dropped:
            data[0].effective = saved
            assert libc.capset(ctypes.byref(header), data) == 0, "could not restore capabilities"


def require_read_only(path: Path) -> None:
    """Skip unless writing to ``path`` (a file, or a folder to create files in) is refused."""
    try:
        if path.is_dir():
            probe = path / ".write-probe"
            probe.touch()
            probe.unlink()
        else:
            with path.open("r+b"):
                pass
    except PermissionError:
        return
    pytest.skip(f"chmod does not make {path.name} read-only here (running as root?)")


@contextlib.contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """``paths`` read-only (0o444 files, 0o555 folders) and enforced; restored afterwards."""
    modes = {p: stat.S_IMODE(p.stat().st_mode) for p in paths}
    try:
        for p in paths:
            p.chmod(0o555 if p.is_dir() else 0o444)
        with permissions_enforced():
            for p in paths:
                require_read_only(p)
            yield
    finally:
        for p in reversed(paths):
            p.chmod(modes[p] | stat.S_IWUSR)
        # SQLite gives the -wal and -shm files the permissions of the library file.
        for p in paths:
            for side in (Path(f"{p}-wal"), Path(f"{p}-shm")):
                if side.exists():
                    side.chmod(0o600)


def test_the_read_only_helpers_restore_permissions(tmp_path: Path) -> None:
    path = tmp_path / "file"
    path.write_text("x")
    with read_only(path):
        pass
    path.write_text("y")
    with permissions_enforced():
        path.write_text("z")  # the owner's own write permission is enough
    with pytest.raises(pytest.skip.Exception):
        require_read_only(path)


# -- the command line ----------------------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(code: int, err: str, *expected: str) -> None:
    """Exit 1 with one clear ``council-app:`` sentence, not an internal error or a traceback."""
    assert code == 1, err
    assert err.startswith("council-app: "), err
    assert "Traceback" not in err, err
    assert "internal error" not in err, err
    for text in expected:
        assert text.lower() in err.lower(), err


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo_library(tmp_path_factory.mktemp("template") / "library.sqlite")


@pytest.fixture
def demo_file(tmp_path: Path, demo_template: Path) -> Path:
    """A library of the demo cases of its own (a copy of one made once for this module)."""
    path = tmp_path / "council" / "library.sqlite"
    path.parent.mkdir()
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def new_case_file(tmp_path: Path) -> Path:
    path = tmp_path / "incoming" / "new-case.json"
    path.parent.mkdir()
    path.write_text(json.dumps(case_document(make_case())), encoding="utf-8")
    return path


# -- a read-only library -------------------------------------------------------------------------

WRITES: dict[str, Callable[[CaseLibrary], object]] = {
    "save a new case": lambda lib: lib.save_case(make_case()),
    "change a case": lambda lib: lib.save_case(
        replace(lib.get_case(DECIDED_CASE), title="Changed while read-only")
    ),
    "delete a case": lambda lib: lib.delete_case(DECIDED_CASE),
    "import": lambda lib: import_document(
        lib, ExchangeDocument("council-case", (make_case(),), "case.json")
    ),
    "change a setting": lambda lib: lib.set_meta("council_name", "Read-only council"),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_read_only_library_file_refuses_writes_and_stays_as_it_was(
    demo_file: Path, write: Callable[[CaseLibrary], object]
) -> None:
    before = library_dump(demo_file)
    with read_only(demo_file), CaseLibrary.open(demo_file) as library:
        assert library.count_cases() == len(demo_document().cases)  # it can still be read
        with pytest.raises(LibraryError) as refused:
            write(library)
        assert not library.db.conn.in_transaction
    message = str(refused.value)
    assert "read-only" in message
    assert "nothing was changed" in message.lower()
    assert str(demo_file) in message
    assert library_dump(demo_file) == before


def test_a_read_only_library_not_in_wal_mode_can_still_be_read(
    capsys: pytest.CaptureFixture[str], demo_file: Path
) -> None:
    conn = sqlite3.connect(demo_file)
    conn.execute("PRAGMA journal_mode = DELETE").fetchall()
    conn.close()
    before = library_dump(demo_file)
    with read_only(demo_file):
        code, out, err = run_cli(capsys, "show", DECIDED_CASE, "--library", str(demo_file))
        assert code == 0, err
        assert out.startswith(DECIDED_CASE)
        with CaseLibrary.open(demo_file) as library:
            assert library.count_cases() == len(demo_document().cases)
            with pytest.raises(LibraryError, match="read-only"):
                library.save_case(make_case())
    assert library_dump(demo_file) == before


def test_a_library_in_a_read_only_folder_is_refused_with_a_message(demo_file: Path) -> None:
    before = library_dump(demo_file)
    with read_only(demo_file, demo_file.parent):
        for readonly in (False, True):
            # In WAL mode SQLite must create the -shm file beside the library even to read it:
            # a folder it may not write to stops it at the door, which is also a refusal.
            with (
                pytest.raises(LibraryError) as refused,
                CaseLibrary.open(demo_file, readonly=readonly) as library,
            ):
                library.set_meta("council_name", "x")
            assert "read-only" in str(refused.value)
            assert str(demo_file) in str(refused.value)
    assert library_dump(demo_file) == before


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_library_opened_read_only_refuses_writes(
    demo_file: Path, write: Callable[[CaseLibrary], object]
) -> None:
    before = library_dump(demo_file)
    with CaseLibrary.open(demo_file, readonly=True) as library, pytest.raises(LibraryError) as e:
        write(library)
    assert "read-only" in str(e.value)
    assert library_dump(demo_file) == before


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_library_sqlite_may_only_read_refuses_writes(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch, write: Callable[[CaseLibrary], object]
) -> None:
    before = library_dump(demo_file)
    with monkeypatch.context() as patch:
        every_connection_read_only(patch, demo_file)
        with CaseLibrary.open(demo_file) as library, pytest.raises(LibraryError) as refused:
            write(library)
    assert "read-only" in str(refused.value)
    assert "nothing was changed" in str(refused.value).lower()
    assert library_dump(demo_file) == before


CLI_WRITES = {
    "import": lambda paths: ["import", str(paths["case"])],
    "settings": lambda paths: ["settings", "council_name", "Read-only council"],
    "session new": lambda paths: ["session", "new", "--date", "2027-03-04", "--title", "Sitting"],
    "review": lambda paths: ["review", DECIDED_CASE, "--next", "2030-01-01"],
    "watch add": lambda paths: ["watch", "add", "--region", "FR", "--note", "elections"],
}


@pytest.mark.parametrize("how", ["chmod 0o444", "SQLite read-only"])
@pytest.mark.parametrize("argv", CLI_WRITES.values(), ids=CLI_WRITES.keys())
def test_the_cli_says_the_library_is_read_only(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    demo_file: Path,
    new_case_file: Path,
    argv: Callable[[dict[str, Path]], list[str]],
    how: str,
) -> None:
    before = library_dump(demo_file)
    args = [*argv({"case": new_case_file}), "--library", str(demo_file)]
    if how == "chmod 0o444":
        with read_only(demo_file):
            code, _, err = run_cli(capsys, *args)
    else:
        with monkeypatch.context() as patch:
            every_connection_read_only(patch, demo_file)
            code, _, err = run_cli(capsys, *args)
    assert_refused(code, err, "read-only", "nothing was changed", str(demo_file))
    assert library_dump(demo_file) == before


def test_the_cli_still_reads_a_read_only_library(
    capsys: pytest.CaptureFixture[str], demo_file: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with read_only(demo_file):
        lib = ["--library", str(demo_file)]
        for argv in (
            ["list"],
            ["search", "facial recognition"],
            ["show", DECIDED_CASE],
            ["export", DECIDED_CASE, "-o", str(out_dir / "case.json")],
            ["memo", DECIDED_CASE, "-o", str(out_dir / "memo.pdf")],
        ):
            code, _, err = run_cli(capsys, *argv, *lib)
            assert code == 0, (argv, err)
    assert (out_dir / "memo.pdf").read_bytes().startswith(b"%PDF")


def test_exporting_into_a_read_only_folder_says_so(
    capsys: pytest.CaptureFixture[str], demo_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "read-only exports"
    folder.mkdir()
    with read_only(folder):
        code, _, err = run_cli(
            capsys, "export", "--all", "-o", str(folder / "all.json"), "--library", str(demo_file)
        )
        assert_refused(code, err, str(folder / "all.json"), "permission denied")
        code, _, err = run_cli(
            capsys,
            "memo",
            DECIDED_CASE,
            "-o",
            str(folder / "memo.pdf"),
            "--library",
            str(demo_file),
        )
        assert_refused(code, err, str(folder / "memo.pdf"), "permission denied")
    assert list(folder.iterdir()) == []


# -- a full disk ---------------------------------------------------------------------------------

FULL_DISK_WRITES: dict[str, Callable[[CaseLibrary, Framework], object]] = {
    "import many cases": lambda lib, fw: import_document(lib, generated_document(fw)),
    "save a long case": lambda lib, _fw: lib.save_case(
        make_case(summary="Long minutes. " * 40_000)
    ),
    "a long setting": lambda lib, _fw: lib.set_meta("letterhead", "Letterhead " * 40_000),
}


@pytest.mark.parametrize("write", FULL_DISK_WRITES.values(), ids=FULL_DISK_WRITES.keys())
def test_a_full_disk_refuses_the_change_and_keeps_the_library(
    demo_file: Path, framework: Framework, write: Callable[[CaseLibrary, Framework], object]
) -> None:
    before = library_dump(demo_file)
    with CaseLibrary.open(demo_file) as library:
        fill_disk(library)
        with pytest.raises(LibraryError) as refused:
            write(library, framework)
        assert not library.db.conn.in_transaction
        assert library_dump(demo_file) == before
        # The connection is still usable: reads work, and writes once there is room again.
        assert library.count_cases() == len(demo_document().cases)
        library.db.execute("PRAGMA max_page_count = 1073741823").fetchall()
        library.save_case(make_case("TST-AFTER-FULL"))
    message = str(refused.value)
    assert "the disk is full" in message
    assert "Nothing was changed" in message
    assert str(demo_file) in message
    with CaseLibrary.open(demo_file) as library:
        assert library.integrity_problems() == []
        assert library.has_case("TST-AFTER-FULL")
        assert library.count_cases() == len(demo_document().cases) + 1


@pytest.mark.parametrize(
    "everything",
    [False, True],
    ids=["library disk", "every disk"],
)
def test_the_cli_says_the_disk_is_full(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    demo_file: Path,
    framework: Framework,
    tmp_path: Path,
    everything: bool,
) -> None:
    """Full where the library is, or everywhere (then the automatic backup fails first)."""
    many = tmp_path / "many.json"
    write_document(many, export_document_of(generated_document(framework)))
    before = library_dump(demo_file)
    with monkeypatch.context() as patch:
        every_connection_full(patch, None if everything else demo_file)
        code, _, err = run_cli(capsys, "import", str(many), "--library", str(demo_file))
    assert_refused(code, err, "the disk is full", "nothing was changed", str(demo_file))
    assert library_dump(demo_file) == before
    code, _, err = run_cli(capsys, "import", str(many), "--library", str(demo_file))
    assert code == 0, err  # with room again the same import goes through


def export_document_of(document: ExchangeDocument) -> dict[str, Any]:
    from council_app.library.exchange import library_document

    # The files its conditions' evidence names travel with it, as in any export.
    return library_document(document.cases, evidence_files=document.evidence_files)


def some_demo_cases() -> ExchangeDocument:
    """A dozen demo cases, among them the decided one the tests use."""
    cases = demo_document().cases
    chosen = [c for c in cases if c.id == DECIDED_CASE] + [
        c for c in cases[:12] if c.id != DECIDED_CASE
    ]
    return ExchangeDocument(
        "council-library",
        tuple(chosen),
        "some demo cases",
        evidence_files=demo_document().evidence_files,
    )


FILE_WRITERS: dict[str, Callable[[Path, bool], None]] = {
    "exchange file": lambda path, force: write_document(
        path, {"format": "council-library", "cases": ["x" * 5000]}, force=force
    ),
    "memo PDF": lambda path, force: write_pdf(path, b"%PDF-1.4 " + b"x" * 5000, force=force),
}
FULL_AT = {"write": disk_fills_while_writing, "fsync": disk_fills_at_fsync}


@pytest.mark.parametrize("when", FULL_AT.values(), ids=FULL_AT.keys())
@pytest.mark.parametrize("writer", FILE_WRITERS.values(), ids=FILE_WRITERS.keys())
@pytest.mark.parametrize("existing", [False, True], ids=["new file", "replacing a file"])
def test_a_full_disk_while_writing_a_file_leaves_no_half_written_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    writer: Callable[[Path, bool], None],
    when: Callable[[pytest.MonkeyPatch], None],
    existing: bool,
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "result.out"
    if existing:
        target.write_bytes(b"the previous version")
    with monkeypatch.context() as patch:
        when(patch)
        with pytest.raises(CouncilError) as refused:
            writer(target, existing)
    message = str(refused.value)
    assert str(target) in message
    assert says_disk_full(message), message
    if existing:
        assert target.read_bytes() == b"the previous version"
    else:
        assert not target.exists()
    assert leftovers(folder, {"result.out"}) == []  # no temporary file stays behind


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--all", "-o", "{out}/all.json"],
        ["export", DECIDED_CASE, "-o", "{out}/case.json", "--redact"],
        ["memo", DECIDED_CASE, "-o", "{out}/memo.pdf"],
        ["minutes", "--date", "{decided}", "-o", "{out}/minutes.pdf"],
    ],
    ids=["export all", "export one", "memo", "minutes"],
)
def test_the_cli_says_the_disk_filled_while_writing(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    demo_file: Path,
    tmp_path: Path,
    argv: list[str],
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    decision = next(c for c in demo_document().cases if c.id == DECIDED_CASE).decision
    assert decision is not None and decision.date is not None
    args = [a.format(out=out, decided=decision.date.isoformat()) for a in argv]
    with monkeypatch.context() as patch:
        disk_fills_while_writing(patch)
        code, _, err = run_cli(capsys, *args, "--library", str(demo_file))
    assert_refused(code, err, args[args.index("-o") + 1])
    assert says_disk_full(err), err
    assert list(out.iterdir()) == []


# -- a path with spaces and non-ASCII characters -------------------------------------------------


@pytest.mark.parametrize("folder_name", [NON_ASCII_FOLDER, URI_UNSAFE_FOLDER])
def test_everything_works_in_a_folder_with_spaces_and_non_ascii_characters(
    tmp_path: Path, framework: Framework, folder_name: str
) -> None:
    folder = tmp_path / folder_name / "sous-dossier à espaces"
    path = folder / "bibliothèque du conseil – 2027.sqlite"
    with CaseLibrary.open(path) as library:  # created, with its folders
        assert library.count_cases() == 0
    source = folder / "échange entrant.json"
    write_document(source, export_document_of(some_demo_cases()))
    with CaseLibrary.open(path) as library:
        report = import_file(library, source)
        assert len(report.added) == len(some_demo_cases().cases)
        hits = search_cases(library, "facial recognition")
        assert DECIDED_CASE in [h.case.id for h in hits]
        library.save_case(make_case(title="Reconnaissance faciale à Zürich — 会议"))

    # Read-only connections (as the app's workers use) open the file through an SQLite URI.
    with CaseLibrary.open(path, readonly=True) as library:
        assert library.get_case("TST-2025-001").title == "Reconnaissance faciale à Zürich — 会议"
        exported = folder / "export – 会议.json"
        write_document(exported, export_document(library, None))
        memo = prepare_memo(library, framework, library.get_case(DECIDED_CASE))
    assert len(read_document(exported).cases) == len(some_demo_cases().cases) + 1
    pdf = folder / "mémo décision 会议.pdf"
    write_pdf(pdf, render_memo(memo))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert leftovers(folder, set()) == sorted(
        [path.name, source.name, exported.name, pdf.name]
        + [p.name for p in folder.glob(f"{path.name}-*")]
    )


def test_the_cli_works_in_a_folder_with_spaces_and_non_ascii_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / NON_ASCII_FOLDER
    lib = ["--library", str(folder / "bibliothèque 2027.sqlite")]
    source = tmp_path / "démo – 会议.json"
    write_document(source, export_document_of(some_demo_cases()))
    steps = [
        ["import", str(source)],
        ["list"],
        ["search", "voice cloning", "--outcome", "decline"],
        ["show", DECIDED_CASE],
        ["score", DECIDED_CASE, "--draws", "100"],
        ["precedents", DECIDED_CASE, "--top", "3"],
        ["export", "--all", "-o", str(folder / "export – tout.json")],
        ["memo", DECIDED_CASE, "-o", str(folder / "mémo – 会议.pdf")],
        ["session", "new", "--date", "2027-03-04", "--title", "Séance ünïcødé"],
        ["session", "add", "1", DECIDED_CASE, "--minutes", "15"],
        ["session", "minutes", "1", "-o", str(folder / "procès-verbal.pdf")],
        ["due"],
    ]
    for argv in steps:
        code, _, err = run_cli(capsys, *argv, *lib)
        assert code == 0, (argv, err)
    assert (folder / "mémo – 会议.pdf").read_bytes().startswith(b"%PDF")
    assert len(read_document(folder / "export – tout.json").cases) == len(some_demo_cases().cases)


def test_the_default_library_in_a_data_folder_with_non_ascii_characters(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = tmp_path / "Données de l’utilisateur – 会议"
    monkeypatch.setenv("COUNCIL_APP_DATA_DIR", str(data))
    code, out, err = run_cli(capsys, "list")
    assert code == 0, err
    assert DECIDED_CASE in out
    assert (data / "library.sqlite").exists()


# -- a missing resource file ---------------------------------------------------------------------


def _clear_resource_caches() -> None:
    from council_app.framework import loader
    from council_app.library import demo, exchange
    from council_app.memo import fonts, styles

    for cached in (
        loader.bundled_framework,
        loader._schema_validator,
        exchange._validator,
        demo.demo_document,
        fonts.register_fonts,
        styles.memo_styles,
    ):
        cached.cache_clear()


@contextlib.contextmanager
def resource_missing(name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """The bundled resources, without ``name``; the caches that hold resources are emptied."""
    copy = tmp_path / "installation" / "resources"
    root = resources.resource_root()
    shutil.copytree(str(root), copy)
    (copy / name).unlink()
    _clear_resource_caches()
    try:
        with monkeypatch.context() as patch:
            patch.setattr(resources, "resource_root", lambda: copy)
            yield copy
    finally:
        _clear_resource_caches()


RESOURCE_USERS: dict[str, Callable[[], object]] = {
    "framework.toml": lambda: _framework_fresh(),
    "schema/framework.schema.json": lambda: _a_framework_file(),
    "schema/council-exchange.schema.json": lambda: _parse_a_case(),
    "demo-library.json": lambda: demo_document(),
    "fonts/DejaVuSans.ttf": lambda: _render_a_memo(),
    "fonts/DejaVuSans-Bold.ttf": lambda: _render_a_memo(),
}


def _framework_fresh() -> object:
    from council_app.framework import bundled_framework

    return bundled_framework()


def _a_framework_file() -> object:
    # The shipped framework.toml is known by its digest and needs no schema; a framework file
    # of the council's own is checked against it.
    from council_app.framework import load_framework

    return load_framework(resources.resource_path(resources.FRAMEWORK_FILE))


def _parse_a_case() -> object:
    from council_app.library import parse_document

    return parse_document(json.dumps(case_document(make_case())))


def _render_a_memo() -> object:
    from council_app.framework import bundled_framework

    with CaseLibrary.in_memory() as library:
        case = make_case()
        library.save_case(case)
        return render_memo(prepare_memo(library, bundled_framework(), case))


@pytest.mark.parametrize(
    "name",
    [
        "framework.toml",
        "schema/framework.schema.json",
        "schema/council-exchange.schema.json",
        "demo-library.json",
        "fonts/DejaVuSans.ttf",
        "fonts/DejaVuSans-Bold.ttf",
    ],
)
def test_a_missing_resource_is_a_council_error_naming_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str
) -> None:
    with resource_missing(name, monkeypatch, tmp_path), pytest.raises(CouncilError) as refused:
        RESOURCE_USERS[name]()
    message = str(refused.value)
    assert name in message
    assert "Reinstall Council Desk" in message


@pytest.mark.parametrize(
    ("name", "argv"),
    [
        ("schema/framework.schema.json", ["replay", "--framework", "{framework}"]),
        ("schema/council-exchange.schema.json", ["import", "{case}"]),
        ("fonts/DejaVuSans.ttf", ["memo", DECIDED_CASE, "-o", "{out}/memo.pdf"]),
    ],
    ids=["framework schema", "exchange schema", "font"],
)
def test_the_cli_names_a_missing_resource(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    demo_file: Path,
    new_case_file: Path,
    name: str,
    argv: list[str],
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    framework = tmp_path / "our-framework.toml"
    framework.write_text(resources.read_text(resources.FRAMEWORK_FILE), encoding="utf-8")
    args = [a.format(case=new_case_file, out=out, framework=framework) for a in argv]
    with resource_missing(name, monkeypatch, tmp_path):
        code, _, err = run_cli(capsys, *args, "--library", str(demo_file))
    assert_refused(code, err, name, "reinstall")
    assert list(out.iterdir()) == []


def test_a_new_library_needs_the_shipped_framework_and_says_so(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A library holds its own framework; only a new one starts from the shipped file.
    with resource_missing("framework.toml", monkeypatch, tmp_path):
        code, _, err = run_cli(capsys, "list", "--library", str(tmp_path / "new.sqlite"))
    assert_refused(code, err, "framework.toml", "reinstall")


def test_a_library_reads_its_own_framework_without_the_shipped_file(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    demo_file: Path,
) -> None:
    with resource_missing("framework.toml", monkeypatch, tmp_path):
        code, out, err = run_cli(capsys, "score", DECIDED_CASE, "--library", str(demo_file))
    assert code == 0, err
    assert "Recommendation" in out or "recommend" in out.lower()


def test_the_shipped_framework_needs_no_schema_file(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    demo_file: Path,
) -> None:
    with resource_missing("schema/framework.schema.json", monkeypatch, tmp_path):
        code, out, err = run_cli(capsys, "score", DECIDED_CASE, "--library", str(demo_file))
    assert code == 0, err
    assert DECIDED_CASE in out


def test_the_cli_names_a_missing_demo_library_on_first_start(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    data_dir: Path,
) -> None:
    with resource_missing("demo-library.json", monkeypatch, tmp_path):
        code, _, err = run_cli(capsys, "list")
    try:
        assert_refused(code, err, "demo-library.json", "reinstall")
    finally:
        # Whatever happened, no half-made default library is left to be found next time.
        assert not (data_dir / "library.sqlite").exists()


def test_the_resource_copy_is_complete(tmp_path: Path) -> None:
    """The simulation above removes exactly one file from an otherwise working installation."""
    copy = tmp_path / "copy"
    shutil.copytree(str(resources.resource_root()), copy)

    def digest(folder: Path) -> dict[str, str]:
        return {
            str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*")
            if p.is_file()
        }

    assert digest(copy) == digest(Path(str(resources.resource_root())))
    for name in RESOURCE_USERS:
        assert (copy / name).is_file(), name


# -- a file where a folder must be ---------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ("generate", "--cases", "1", "-o", "{blocker}/out/new.sqlite"),
        ("--library", "{library}", "export", "--all", "-o", "{blocker}/export.json"),
        ("--library", "{library}", "memo", DECIDED_CASE, "-o", "{blocker}/memo.pdf"),
        ("--library", "{blocker}/library.sqlite", "list"),
    ],
    ids=["generate", "export", "memo", "new library"],
)
def test_a_file_in_the_way_of_a_folder_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, demo_file: Path, argv: tuple[str, ...]
) -> None:
    """mkdir says only "File exists" or "Not a directory"; the user is told which part is a file."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder")
    filled = [part.format(blocker=blocker, library=demo_file) for part in argv]
    code, _, err = run_cli(capsys, *filled)
    assert_refused(code, err, f"{blocker} is a file, not a folder")
    assert blocker.read_text() == "a file, not a folder"
