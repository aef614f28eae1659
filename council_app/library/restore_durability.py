"""The kill test's restore round: a restore killed at any moment leaves the old or the new library.

Issue 18: ``council-app restore GOOD --library DAMAGED`` killed after 0.15 s left an empty
library. Each round here damages a copy of an old library (64 KiB overwritten in the middle of
the file, as that report did), starts ``council-app restore`` into it and kills it (SIGKILL on
POSIX, ``TerminateProcess`` on Windows) a random time after it starts restoring, within the
length of a whole restore, measured first (``python -m council_app.library.restore_durability
restorer SOURCE LIBRARY`` is the restoring child; it says RESTORING once it has imported). After the kill the library must be the damaged file byte for byte (the
restore had not replaced it) or open, pass its integrity check and hold exactly the backup's
cases (the same fingerprints). Anything else, an empty library above all, is a failure.
"""

from __future__ import annotations

import contextlib
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from council_app.errors import CouncilError
from council_app.library.case_library import CaseLibrary
from council_app.library.durability import (
    CaseMaker,
    _child_environment,
    fingerprint,
)

DAMAGE_BYTES = 64 * 1024
# Kills are spread over this share of a whole restore's time, so that some land after it ends.
SPREAD = 1.3


@dataclass
class RestoreReport:
    """The figures of the restore round: how the library was found after each kill."""

    rounds: int = 0
    found_old: int = 0  # the damaged library, untouched
    found_restored: int = 0  # the backup's cases, whole and checked
    completed: int = 0  # restores that ended before their kill
    whole_restore_seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.found_old + self.found_restored == self.rounds

    def figures(self) -> list[tuple[str, str]]:
        return [
            ("restore rounds (SIGKILL)", str(self.rounds)),
            (
                "library found after the kill",
                f"{self.found_old} as it was, {self.found_restored} restored "
                f"({self.completed} killed after a whole restore's time), "
                f"{self.rounds - self.found_old - self.found_restored} neither",
            ),
            ("one whole restore", f"{self.whole_restore_seconds:.2f} s"),
        ]


def _library(path: Path, seed: int, count: int) -> dict[str, str]:
    """A library of ``count`` generated cases; returns their fingerprints by id."""
    maker = CaseMaker(seed)
    with CaseLibrary.open(path) as library:
        for _ in range(count):
            library.save_case(maker.new_case(library.case_ids()))
        return {case.id: fingerprint(case) for case in library.get_cases()}


def _damage(path: Path, rng: random.Random) -> bytes:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + DAMAGE_BYTES] = rng.randbytes(len(data[middle : middle + DAMAGE_BYTES]))
    path.write_bytes(bytes(data))
    return bytes(data)


RESTORER_MODULE = "council_app.library.restore_durability"


def run_restorer(source: Path, library: Path) -> int:
    """The child: say RESTORING once imported (the kill is timed from there), then restore."""
    from council_app.library import backup

    print("RESTORING", flush=True)
    backup.restore(library, source)
    print("DONE", flush=True)
    return 0


def _restore_and_kill(
    source: Path, library: Path, delay: float | None, env: dict[str, str]
) -> float:
    """Restore in a child; kill it ``delay`` s after it starts restoring (None: let it end).

    Returns how long the restore ran (to its end, or to the kill).
    """
    command = [sys.executable, "-m", RESTORER_MODULE, "restorer", str(source), str(library)]
    proc = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    try:
        assert proc.stdout is not None
        if proc.stdout.readline() != b"RESTORING\n":
            raise RuntimeError(f"the restorer did not start: {proc.communicate()[1]!r}")
        started = time.monotonic()
        if delay is None:
            _, errors = proc.communicate(timeout=120)
            if proc.returncode != 0:
                raise RuntimeError(
                    f"the restore failed by itself: {errors.decode(errors='replace')}"
                )
            return time.monotonic() - started
        time.sleep(delay)
        if proc.poll() is None:
            proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
        proc.communicate()
        return delay
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _found(library: Path, damaged: bytes, restored: dict[str, str]) -> str:
    """'old', 'restored', or what is wrong with the library."""
    if library.exists() and library.read_bytes() == damaged:
        return "old"
    try:
        with CaseLibrary.open(library, create=False) as opened:
            problems = opened.integrity_problems()
            held = {case.id: fingerprint(case) for case in opened.get_cases()}
    except Exception as exc:  # any failure to read it is what the round reports
        return f"the library does not open: {exc}"
    if problems:
        return f"the library fails its integrity check: {problems[:3]}"
    if held == restored:
        return "restored"
    return f"the library holds {len(held)} cases, neither the damaged file nor the backup's {len(restored)}"


def run_restore_trial(
    rounds: int,
    seed: int,
    *,
    old_cases: int = 150,
    backup_cases: int = 120,
    progress: Callable[[int, RestoreReport], None] | None = None,
) -> RestoreReport:
    """Kill ``council-app restore`` into a damaged library ``rounds`` times; check each time."""
    rng = random.Random(seed)
    report = RestoreReport()
    with tempfile.TemporaryDirectory(prefix="council-restore-kill-") as scratch_name:
        scratch = Path(scratch_name)
        env = {**_child_environment(), "COUNCIL_APP_DATA_DIR": str(scratch / "data")}
        source, old = scratch / "good.sqlite", scratch / "old.sqlite"
        restored = _library(source, seed, backup_cases)
        _library(old, seed + 1, old_cases)
        library = scratch / "library" / "council.sqlite"
        library.parent.mkdir()
        shutil.copyfile(old, library)
        _damage(library, rng)
        report.whole_restore_seconds = _restore_and_kill(source, library, None, env)
        for number in range(rounds):
            for leftover in library.parent.iterdir():
                if not leftover.name.startswith("."):  # a partial file stays for the sweep
                    leftover.unlink()
            shutil.copyfile(old, library)
            damaged = _damage(library, rng)
            delay = rng.uniform(0.0, report.whole_restore_seconds * SPREAD)
            report.rounds += 1
            _restore_and_kill(source, library, delay, env)
            report.completed += delay > report.whole_restore_seconds
            found = _found(library, damaged, restored)
            if found == "old":
                report.found_old += 1
            elif found == "restored":
                report.found_restored += 1
            else:
                report.problems.append(f"round {number} (killed after {delay:.3f} s): {found}")
            if progress is not None:
                progress(number + 1, report)
            shutil.rmtree(scratch / "data" / "backups", ignore_errors=True)  # the damaged copies
        # The next opening of the library sweeps what the last killed restore left beside it
        # (it sweeps before it reads, so a library still damaged sweeps too).
        with contextlib.suppress(CouncilError, sqlite3.Error):
            CaseLibrary.open(library, create=False).close()
        report.problems += [
            f"a partial file stayed after the library was opened: {p.name}"
            for p in library.parent.iterdir()
            if p.name.endswith(".partial")
        ]
    return report


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 3 or args[0] != "restorer":
        print(f"usage: python -m {RESTORER_MODULE} restorer SOURCE LIBRARY", file=sys.stderr)
        return 2
    return run_restorer(Path(args[1]), Path(args[2]))


__all__ = ["RestoreReport", "main", "run_restore_trial", "run_restorer"]


if __name__ == "__main__":
    sys.exit(main())
