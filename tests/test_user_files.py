"""Files a user names are refused by kind and size before they are read (issue 18).

``council-app import /dev/zero`` read until memory ran out ("internal error (MemoryError)") and a
FIFO blocked for ever. Every reader of a user's file now goes through ``read_user_file``: these
tests give the import, the package reader, the framework loader and the AHP matrix reader a
device, an endless device, a symlink to one, a FIFO, a folder and a sparse file one byte over
the limit, and check the sentence and that the library did not change.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from council_app.cli import main
from council_app.errors import FrameworkError, ImportRefused
from council_app.framework import load_framework
from council_app.library import CaseLibrary, import_document, read_document
from council_app.library.demo import demo_document
from council_app.library.exchange import MAX_IMPORT_BYTES
from council_app.library.package import read_package_file
from council_app.user_files import UserFileRefused, read_user_file, size_words

pytestmark = pytest.mark.skipif(
    not Path("/dev/zero").exists() or not hasattr(os, "mkfifo"), reason="needs /dev and FIFOs"
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "library.sqlite"
    with CaseLibrary.open(path) as library:
        import_document(library, demo_document())
    return path


@pytest.fixture
def library_file(tmp_path: Path, template: Path) -> Path:
    path = tmp_path / "library.sqlite"
    shutil.copyfile(template, path)
    return path


def cases_in(path: Path) -> list[tuple[str, int]]:
    with CaseLibrary.open(path, readonly=True) as library:
        return [(s.id, library.get_case(s.id).revision) for s in library.list_cases()]


def special_files(tmp_path: Path) -> Iterator[tuple[str, Path, str]]:
    """(name, path, the words its refusal must hold)."""
    yield "/dev/zero", Path("/dev/zero"), "is not a regular file (it is a device)"
    yield "/dev/urandom", Path("/dev/urandom"), "is not a regular file (it is a device)"
    link = tmp_path / "x.councilcase"
    link.symlink_to("/dev/zero")
    yield "x.councilcase -> /dev/zero", link, "is not a regular file (it is a device)"
    fifo = tmp_path / "cases.json"
    os.mkfifo(fifo)
    yield "a FIFO", fifo, "is not a regular file (it is a pipe)"
    folder = tmp_path / "folder.json"
    folder.mkdir()
    yield "a folder", folder, "is not a regular file (it is a folder)"
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no disk, no memory
    yield "one byte too large", huge, f"is {MAX_IMPORT_BYTES + 1:,} bytes, more than the 50 MB"


def within(seconds: float, work: Callable[[], object], fifo_guard: Path | None = None) -> object:
    """``work()``'s result, or a failure if it takes longer: a reader blocked on a FIFO is set
    free (a writer opens and closes the FIFO) so that the test ends either way."""
    result: list[object] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as exc:
            result.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        for path in [fifo_guard] if fifo_guard else []:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        thread.join(5)
        pytest.fail(f"still reading after {seconds} s: it blocked")
    value = result[0]
    if isinstance(value, BaseException):
        raise value
    return value


def test_the_cli_import_refuses_special_files_in_words(
    capsys: pytest.CaptureFixture[str], library_file: Path, tmp_path: Path
) -> None:
    before = cases_in(library_file)
    for name, path, words in special_files(tmp_path):
        code = within(
            10,
            lambda p=path: main(["import", str(p), "--library", str(library_file)]),
            path if path.is_fifo() else None,
        )
        _, err = capsys.readouterr()
        assert code == 1, (name, err)
        assert err.startswith(f"council-app: {path} {words}"), (name, err)
        assert "nothing was imported" in err, (name, err)
        assert "internal error" not in err, (name, err)
    assert cases_in(library_file) == before


@pytest.mark.parametrize("read", [read_document, read_package_file], ids=["document", "package"])
def test_the_core_readers_refuse_special_files(
    tmp_path: Path, read: Callable[[Path], object]
) -> None:
    for name, path, words in special_files(tmp_path):
        with pytest.raises(ImportRefused) as refused:
            within(10, lambda p=path: read(p), path if path.is_fifo() else None)
        assert words in str(refused.value), name
        assert "nothing was imported" in str(refused.value), name


def test_a_framework_file_is_refused_by_kind_and_size(tmp_path: Path) -> None:
    for name, path, words in special_files(tmp_path):
        if name == "one byte too large":
            words = "more than the 2 MB a framework definition may be"
        with pytest.raises(FrameworkError) as refused:
            within(10, lambda p=path: load_framework(p), path if path.is_fifo() else None)
        assert words in str(refused.value), name
        assert "the framework was not used" in str(refused.value), name


def test_the_cli_refuses_special_files_as_framework_and_matrix(
    capsys: pytest.CaptureFixture[str], library_file: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "matrix.json"
    os.mkfifo(fifo)
    for argv in (
        ["replay", "--framework", "/dev/zero", "--library", str(library_file)],
        ["weights", "ahp", "/dev/urandom"],
        ["weights", "ahp", str(fifo)],
    ):
        code = within(10, lambda a=argv: main(a), fifo)
        _, err = capsys.readouterr()
        assert code == 1, (argv, err)
        assert "is not a regular file (it is a" in err, (argv, err)
        assert "internal error" not in err


def test_a_file_that_grows_past_its_stated_size_is_still_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read to the limit and one byte: what the file says its size is does not matter."""
    path = tmp_path / "growing.json"
    path.write_bytes(b"x" * 10)
    real_fstat, real_stat = os.fstat, os.stat

    class Shrunk:
        """What the open file says: a regular file of no size at all."""

        def __init__(self, found: os.stat_result) -> None:
            self.st_mode, self.st_size = found.st_mode, 0

    assert read_user_file(path, limit=10, what="a file", outcome="-") == b"x" * 10
    monkeypatch.setattr(os, "fstat", lambda fd: Shrunk(real_fstat(fd)))
    monkeypatch.setattr(os, "stat", lambda p: Shrunk(real_stat(p)))
    with pytest.raises(UserFileRefused, match="more than the 5 bytes a test file may be"):
        read_user_file(path, limit=5, what="a test file", outcome="nothing was done")


def test_a_missing_file_and_an_unreadable_one_are_named(tmp_path: Path) -> None:
    with pytest.raises(UserFileRefused, match=r"nowhere\.json: no such file; nothing was done\."):
        read_user_file(tmp_path / "nowhere.json", limit=5, what="a", outcome="nothing was done")
    (tmp_path / "file").write_text("x")
    with pytest.raises(UserFileRefused, match=r"cannot be read \(Not a directory\); nothing"):
        read_user_file(tmp_path / "file" / "in", limit=5, what="a", outcome="nothing was done")


@given(st.integers(min_value=0, max_value=10**13))
def test_sizes_read_as_words(size: int) -> None:
    words = size_words(size)
    number, unit = words.split(" ")
    assert unit in ("byte", "bytes", "KB", "MB", "GB")
    assert not number.endswith(".0")
    assert float(number) > 0 or size == 0
