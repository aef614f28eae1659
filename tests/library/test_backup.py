"""Backups: automatic and rotating, on request, checked, private; restore keeps what it replaces;
a damaged library is not written to and the latest good backup is named."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from council_app.errors import CouncilError, LibraryDamaged
from council_app.library import CaseLibrary, case_library, import_document, parse_document
from council_app.library import backup as backups
from council_app.library.exchange import case_document
from tests.factories import make_case


@pytest.fixture
def library(tmp_path: Path) -> CaseLibrary:
    library = CaseLibrary.open(tmp_path / "council.sqlite")
    library.save_case(make_case("CASE-1"))
    return library


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_a_backup_on_request_is_a_checked_private_copy(
    library: CaseLibrary, tmp_path: Path
) -> None:
    target = backups.write_backup(library, tmp_path / "copy.sqlite")
    assert private(target)
    assert not list(tmp_path.glob(".copy.sqlite*"))  # no leftovers
    with CaseLibrary.open(target, readonly=True) as copy:
        assert copy.get_case("CASE-1") == library.get_case("CASE-1")
    with pytest.raises(CouncilError, match="already exists"):
        backups.write_backup(library, target)


def test_automatic_backups_rotate_and_are_taken_before_imports(library: CaseLibrary) -> None:
    assert library.path is not None
    for _ in range(backups.KEEP + 3):
        backups.automatic_backup(library.db.conn, library.path, "scheduled")
    kept = backups.list_backups(library.path)
    assert len(kept) == backups.KEEP
    assert all(private(b.path) for b in kept)
    assert backups.backup_if_due(library) is None  # one a day is enough

    changed = replace(library.get_case("CASE-1"), title="Changed elsewhere")
    import_document(library, parse_document(json.dumps(case_document(changed))), replace=True)
    newest = backups.list_backups(library.path)[0]
    assert newest.reason == "before import"
    with CaseLibrary.open(newest.path, readonly=True) as before:
        assert before.get_case("CASE-1").title != "Changed elsewhere"


def test_restore_keeps_a_copy_of_what_it_replaces(library: CaseLibrary, tmp_path: Path) -> None:
    assert library.path is not None
    saved = backups.write_backup(library, tmp_path / "saved.sqlite")
    library.save_case(replace(library.get_case("CASE-1"), title="Later edit"))
    path = library.path
    library.close()
    kept = backups.restore(path, saved)
    assert kept is not None and kept.reason == "before restore"
    with CaseLibrary.open(path) as restored:
        assert restored.get_case("CASE-1").title != "Later edit"
    with CaseLibrary.open(kept.path, readonly=True) as previous:
        assert previous.get_case("CASE-1").title == "Later edit"
    assert private(path)


def test_restore_refuses_what_is_not_a_good_library(library: CaseLibrary, tmp_path: Path) -> None:
    assert library.path is not None
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    before = library.path.read_bytes()
    with pytest.raises(CouncilError, match="nothing was changed"):
        backups.restore(library.path, junk)
    with pytest.raises(CouncilError, match="no such file"):
        backups.restore(library.path, tmp_path / "missing.sqlite")
    assert library.path.read_bytes() == before


def test_a_damaged_library_is_not_written_to_and_the_good_backup_is_named(
    library: CaseLibrary, tmp_path: Path
) -> None:
    path = library.path
    assert path is not None
    good = backups.automatic_backup(library.db.conn, path, "scheduled")
    assert good is not None
    library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (root,) = library.conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'case_regions'"
    ).fetchone()
    (page,) = library.conn.execute("PRAGMA page_size").fetchone()
    library.close()
    # Damage a page of the library's tables (not one of the full-text index's blobs, whose
    # content the health check does not read), as a failing disk would.
    data = bytearray(path.read_bytes())
    start = (root - 1) * page
    data[start + 8 : start + 300] = os.urandom(292)
    path.write_bytes(bytes(data))
    case_library._CHECKED.clear()  # a new process would check again
    try:
        with CaseLibrary.open(path) as damaged, pytest.raises(LibraryDamaged) as refused:
            damaged.save_case(make_case("CASE-2"))
    except LibraryDamaged as refused_at_open:
        message = str(refused_at_open)
    else:
        message = str(refused.value)
    assert "damaged" in message
    assert str(good.path) in message
    assert "council-app restore" in message
    assert backups.latest_good_backup(path) == good
    backups.restore(path, good.path)
    with CaseLibrary.open(path) as restored:
        assert restored.case_ids() == ["CASE-1"]
        assert restored.integrity_problems() == []


def test_upgrading_an_old_library_takes_a_backup_first(tmp_path: Path) -> None:
    from tests.library.test_migrations import library_at_version

    path = tmp_path / "old.sqlite"
    library_at_version(path, 3)
    with CaseLibrary.open(path):
        pass
    taken = backups.list_backups(path)
    assert [b.reason for b in taken] == ["before upgrade"]


def test_automatic_backups_are_private_files_in_private_folders_and_partials_go(
    library: CaseLibrary, data_dir: Path
) -> None:
    """Issue 18: backups must be 0600 in 0700 folders; an interrupted one left a partial file."""
    import subprocess
    import sys

    assert library.path is not None
    first = backups.automatic_backup(library.db.conn, library.path, "scheduled")
    assert first is not None
    folder = first.path.parent
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "backups").stat().st_mode) == 0o700
    first.path.chmod(0o644)  # as a copy taken before this version
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    left = folder / f".{first.path.name}.{int(dead.stdout)}.partial"
    left.write_bytes(b"half a backup")
    backups.automatic_backup(library.db.conn, library.path, "scheduled")
    assert not left.exists()
    assert all(
        stat.S_IMODE(b.path.stat().st_mode) == 0o600 for b in backups.list_backups(library.path)
    )
