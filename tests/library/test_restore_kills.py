"""A restore killed at any moment leaves the library as it was or as restored, never empty.

Issue 18: a restore into a damaged library that was killed part-way left an empty library that
``list`` showed as "No cases." and ``check`` called healthy. Here a restore runs in a child
process that SIGKILLs itself at the n-th file operation it makes (open, fsync, unlink, rename,
replace), for every n until the restore completes; after each kill the library must be the old
one (byte for byte when it was damaged, the same cases when it was healthy) or the restored one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from council_app.library import CaseLibrary, case_library
from council_app.library import backup as backups
from tests.factories import make_case

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

# The child: count the file operations a restore makes and SIGKILL itself at the n-th one.
CHILD = """
import os, signal, sys
from pathlib import Path
from council_app.library import backup

library, source, kill_at = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
calls = 0

def counted(real):
    def call(*args, **kwargs):
        global calls
        calls += 1
        if calls == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return call

for name in ("open", "fsync", "unlink", "rename", "replace"):
    setattr(os, name, counted(getattr(os, name)))
backup.restore(library, source)
print("DONE")
"""


def library_with(path: Path, prefix: str, count: int) -> Path:
    with CaseLibrary.open(path) as library:
        for number in range(count):
            library.save_case(make_case(f"{prefix}-{number}"))
    return path


def damage(path: Path) -> bytes:
    """Overwrite 64 KiB in the middle of the file, as the report did; returns the bytes."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 65536] = os.urandom(min(65536, len(data) - middle))
    path.write_bytes(bytes(data))
    case_library._CHECKED.clear()
    return bytes(data)


def case_ids(path: Path) -> list[str]:
    case_library._CHECKED.clear()
    with CaseLibrary.open(path, create=False) as library:
        assert library.integrity_problems() == []
        return library.case_ids()


def restore_killed_at(library: Path, source: Path, kill_at: int) -> bool:
    """Run a restore that kills itself at file operation ``kill_at``; True if it completed."""
    root = str(Path(__file__).resolve().parents[2])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, (root, os.environ.get("PYTHONPATH")))),
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(library), str(source), str(kill_at)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    if done.returncode == 0:
        assert done.stdout.strip() == "DONE"
        return True
    assert done.returncode == -signal.SIGKILL, done.stderr
    return False


def snapshot(library: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in library.parent.iterdir() if p.name.startswith(library.name)
    }


def put_back(library: Path, files: dict[str, bytes]) -> None:
    for path in library.parent.iterdir():
        if path.name.startswith(library.name) or path.name.endswith(".partial"):
            path.unlink()
    for name, data in files.items():
        (library.parent / name).write_bytes(data)


@pytest.mark.slow
def test_a_restore_into_a_damaged_library_killed_anywhere_leaves_it_old_or_restored(
    tmp_path: Path,
) -> None:
    source = library_with(tmp_path / "good.sqlite", "GOOD", 40)
    library = library_with(tmp_path / "lib" / "council.sqlite", "OLD", 120)
    damaged = damage(library)
    before = snapshot(library)
    restored_ids = case_ids(source)
    outcomes = []
    for kill_at in range(1, 200):
        completed = restore_killed_at(library, source, kill_at)
        if library.exists() and library.read_bytes() == damaged:
            outcomes.append("old")
        else:
            assert case_ids(library) == restored_ids, f"killed at file operation {kill_at}"
            outcomes.append("restored")
        if completed:
            break
        put_back(library, before)
    assert completed, "the restore never completed"
    assert "old" in outcomes and outcomes[-1] == "restored"
    # Whatever was killed, the next restore sweeps its leftovers: no partial file stays.
    assert not [p for p in library.parent.iterdir() if p.name.endswith(".partial")]


@pytest.mark.slow
def test_a_restore_over_a_healthy_library_killed_anywhere_leaves_it_old_or_restored(
    tmp_path: Path,
) -> None:
    source = library_with(tmp_path / "good.sqlite", "GOOD", 40)
    library = library_with(tmp_path / "lib" / "council.sqlite", "OLD", 60)
    before = snapshot(library)
    old_ids, restored_ids = case_ids(library), case_ids(source)
    for kill_at in range(1, 200):
        completed = restore_killed_at(library, source, kill_at)
        assert case_ids(library) in (old_ids, restored_ids), f"killed at operation {kill_at}"
        if completed:
            break
        put_back(library, before)
    assert completed, "the restore never completed"
    assert case_ids(library) == restored_ids


def test_the_damaged_copy_is_private_and_named_and_keeps_its_wal(tmp_path: Path) -> None:
    source = library_with(tmp_path / "good.sqlite", "GOOD", 3)
    library = library_with(tmp_path / "council.sqlite", "OLD", 80)
    damaged = damage(library)
    wal = Path(f"{library}-wal")
    stale = b"a stale write-ahead log of the damaged library"
    wal.write_bytes(stale)
    kept = backups.restore(library, source)
    assert kept is not None and kept.reason == "before restore damaged"
    assert kept.path.read_bytes() == damaged
    assert Path(f"{kept.path}-wal").read_bytes() == stale
    assert not wal.exists()  # a stale log is never applied to the restored library
    assert oct(kept.path.stat().st_mode & 0o777) == oct(0o600)
    assert oct(kept.path.parent.stat().st_mode & 0o777) == oct(0o700)
    assert case_ids(library) == case_ids(source)


def test_partial_files_of_a_dead_process_are_swept_and_a_live_ones_kept(tmp_path: Path) -> None:
    library = library_with(tmp_path / "council.sqlite", "OLD", 2)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(dead.stdout)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        left = tmp_path / f".council.sqlite.{dead_pid}.partial"
        left_wal = Path(f"{left}-wal")
        writing = tmp_path / f".council.sqlite.{live.pid}.partial"
        other = tmp_path / f".notes.sqlite.{dead_pid}.partial"  # not this library's
        for path in (left, left_wal, writing, other):
            path.write_bytes(b"half a library")
        CaseLibrary.open(library).close()  # opening the library sweeps
        assert not left.exists() and not left_wal.exists()
        assert writing.exists() and other.exists()
        left.write_bytes(b"half a library")
        backups.restore(library, library_with(tmp_path / "good.sqlite", "GOOD", 1))
        assert not left.exists() and writing.exists()
    finally:
        live.kill()
        live.wait()
    backup = tmp_path / "copy.sqlite"
    stale = tmp_path / f".copy.sqlite.{dead_pid}.partial"
    stale.write_bytes(b"half a backup")
    with CaseLibrary.open(library) as opened:
        backups.write_backup(opened, backup)
    assert not stale.exists() and not writing.exists()  # the live writer has gone now


@pytest.mark.slow
def test_the_kill_tests_restore_round_finds_the_library_old_or_restored_after_every_kill() -> None:
    from council_app.library.restore_durability import run_restore_trial

    report = run_restore_trial(10, 5, old_cases=60, backup_cases=40)

    assert report.problems == []
    assert report.rounds == 10 and report.found_old + report.found_restored == 10
    assert report.whole_restore_seconds > 0
    assert report.ok
