"""``council-app check``, ``log``, ``backup`` and ``restore``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from council_app import paths
from council_app.cli import main
from council_app.library import CaseLibrary


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_passes_then_names_an_edit_made_outside(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check")
    assert code == 0, out
    assert "Integrity check: ok." in out
    assert "the chain is intact" in out
    assert "Cases compared with their last recorded change: 47; all match." in out
    conn = sqlite3.connect(paths.default_library_path())
    conn.execute("UPDATE decisions SET outcome = 'approve' WHERE case_id = 'EUC-2022-041'")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "check", "--json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    assert any("EUC-2022-041 differs" in p for p in report["changed_outside"])
    assert "1 problem" in err


def test_log_shows_who_changed_what(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "review", "EUC-2025-055", "--date", "2026-11-27", "--next", "2027-11-27")
    code, out, _ = run(capsys, "log", "EUC-2025-055")
    assert code == 0
    last = out.strip().splitlines()[-1]
    assert "(command line) · case changed EUC-2025-055: review recorded" in last
    code, out, _ = run(capsys, "log", "--limit", "3", "--json")
    assert len(json.loads(out)) == 3


def test_backup_and_restore(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "before the sitting.sqlite"
    code, _, err = run(capsys, "backup", "-o", str(target))
    assert code == 0, err
    assert "checked" in err
    run(capsys, "review", "EUC-2025-055", "--date", "2026-11-27", "--next", "2027-11-27")
    code, out, err = run(capsys, "restore", str(target))
    assert code == 0, err
    assert "What was there is kept in" in out
    with CaseLibrary.open(paths.default_library_path(), readonly=True) as library:
        decision = library.get_case("EUC-2025-055").decision
        assert decision is not None and decision.reviews == ()
    code, _, err = run(capsys, "restore", str(tmp_path / "nothing.sqlite"))
    assert (code, "no such file" in err) == (1, True)
    code, _, err = run(capsys, "backup", "-o", str(target))
    assert code == 1 and "already exists" in err


def test_restore_into_a_new_folder_makes_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Found by the CLI fuzz test: restoring to a library path whose folder did not exist yet
    was an internal error (FileNotFoundError)."""
    backup = tmp_path / "backup.sqlite"
    assert run(capsys, "backup", "-o", str(backup))[0] == 0
    new = tmp_path / "sub" / "new.sqlite"
    code, out, err = run(capsys, "restore", "--library", str(new), str(backup))
    assert code == 0, err
    assert f"Restored {new} from {backup}." in out
    with CaseLibrary.open(new, readonly=True) as library:
        assert library.has_case("EUC-2025-055")


def test_restoring_a_damaged_library_names_the_copy_kept_of_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Issue 18: the damaged file's copy was kept, but nothing said so."""
    backup = tmp_path / "backup.sqlite"
    assert run(capsys, "backup", "-o", str(backup))[0] == 0
    library = paths.default_library_path()
    data = bytearray(library.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 65536] = bytes(len(data[middle : middle + 65536]))
    library.write_bytes(bytes(data))
    code, out, err = run(capsys, "restore", str(backup))
    assert code == 0, err
    assert "A copy of the damaged library as it was is kept at " in out
    kept = Path(out.split(" is kept at ", 1)[1].strip().removesuffix("."))
    assert kept.read_bytes() == bytes(data)
    assert (kept.stat().st_mode & 0o777, kept.parent.stat().st_mode & 0o777) == (0o600, 0o700)
    code, out, _ = run(capsys, "list")
    assert code == 0 and "EUC-2025-055" in out


def test_check_keeps_a_head_and_accepts_only_with_a_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "check", "--json")
    head = json.loads(out)["head"]
    code, out, _ = run(capsys, "check", "--head", head[:16])
    assert code == 0, out
    assert "of the chain: the history up to it is as it was" in out
    code, out, err = run(capsys, "check", "--head", "f" * 64)
    assert code == 1 and "is NOT in this library's chain" in out
    code, _, err = run(capsys, "check", "--head", "abc")
    assert code != 0 and "at least its first 16" in err
    conn = sqlite3.connect(paths.default_library_path())
    conn.execute("UPDATE decisions SET outcome = 'approve' WHERE case_id = 'EUC-2022-041'")
    conn.commit()
    conn.close()
    run(capsys, "list")  # an ordinary command does not absorb the edit
    assert run(capsys, "check")[0] == 1
    code, _, err = run(capsys, "check", "--accept")
    assert code != 0 and "Say why" in err
    code, out, err = run(capsys, "check", "--accept", "--reason", "corrected at the sitting")
    assert code == 0, out + err
    assert "Accepted as found: EUC-2022-041" in err
    assert "corrected at the sitting" in out
    # The head kept before is still in the chain: accepting adds to the history, never rewrites.
    assert run(capsys, "check", "--head", head)[0] == 0


def test_restore_refuses_a_pipe_or_a_device_without_opening_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import os

    fifo = tmp_path / "backup.sqlite"
    os.mkfifo(fifo)
    for source in (str(fifo), "/dev/zero", str(tmp_path)):
        code, _, err = run(capsys, "restore", source)
        assert code != 0
        assert "is not a regular file" in err and "nothing was restored" in err
    code, out, _ = run(capsys, "list")
    assert code == 0 and "EUC-2022-041" in out  # the library is as it was
