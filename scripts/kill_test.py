"""The kill test at full size: the figures that go in the README.

A writer process saves cases (new ones, and decisions added or changed) and is killed with
SIGKILL at random moments, again and again; after every kill the library must open, pass
``PRAGMA integrity_check`` and the full-text checks, and hold every write it acknowledged.
The test suite runs the same trial small (tests/library/test_durability.py).

A restore round follows (council_app/library/restore_durability.py): a restore into a damaged
library is killed at random moments, and after each kill the library must be the damaged file
as it was or the restored backup, whole (issue 18: it was found empty).

    .venv/bin/python scripts/kill_test.py                 # 500 rounds in a temporary folder
    .venv/bin/python scripts/kill_test.py --rounds 2000 --seed 7 --library /tmp/kill.sqlite
    .venv/bin/python scripts/kill_test.py --rounds 20 --restore-rounds 200

It prints a Markdown table to paste into the README, and exits 1 if any acknowledged write was
lost, the library failed a check, a writer failed by itself, or a killed restore left the library
neither as it was nor restored.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from council_app.library.durability import KillReport, run_kill_trial
from council_app.library.restore_durability import RestoreReport, run_restore_trial


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Kill a writing Council Desk process at random moments, many times, and "
        "check that no acknowledged write is lost."
    )
    parser.add_argument("--rounds", type=int, default=500, help="kills (default: 500)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the trial (default: 1)")
    parser.add_argument(
        "--library",
        type=Path,
        help="write the library here and keep it (a new file); default: a temporary folder",
    )
    parser.add_argument(
        "--max-delay",
        type=float,
        default=0.4,
        help="longest time a writer runs before the kill, in seconds (default: 0.4)",
    )
    parser.add_argument(
        "--restore-rounds",
        type=int,
        default=50,
        help="kills of a restore into a damaged library (default: 50; 0 to skip)",
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.restore_rounds < 0:
        parser.error("--restore-rounds must not be negative")
    if args.library is not None and args.library.exists():
        parser.error(f"{args.library} exists: the kill test needs a new library file")
    return args


def show_progress(done: int, report: KillReport) -> None:
    if done % 25 == 0:
        print(
            f"  {done} kills, {report.writes_acknowledged} writes acknowledged, "
            f"{report.committed_writes_lost} lost, {report.integrity_failures} integrity "
            f"failures ({report.elapsed_seconds:.0f} s)",
            file=sys.stderr,
            flush=True,
        )


def show_restore_progress(done: int, report: RestoreReport) -> None:
    if done % 25 == 0:
        print(
            f"  {done} restores killed: {report.found_old} as they were, "
            f"{report.found_restored} restored, {len(report.problems)} neither",
            file=sys.stderr,
            flush=True,
        )


def table(report: KillReport | RestoreReport, seed: int) -> str:
    rows = [("seed", str(seed)), *report.figures()]
    lines = ["| kill test | |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    with tempfile.TemporaryDirectory(prefix="council-kill-test-") as folder:
        path = args.library if args.library is not None else Path(folder) / "library.sqlite"
        print(f"Kill test: {args.rounds} rounds, seed {args.seed}, library {path}", file=sys.stderr)
        report = run_kill_trial(
            path, args.rounds, args.seed, max_delay=args.max_delay, progress=show_progress
        )
    print(table(report, args.seed))
    reports: list[KillReport | RestoreReport] = [report]
    if args.restore_rounds:
        print(f"Restore round: {args.restore_rounds} kills", file=sys.stderr)
        restores = run_restore_trial(args.restore_rounds, args.seed, progress=show_restore_progress)
        print("\n" + table(restores, args.seed))
        reports.append(restores)
    problems = [problem for each in reports for problem in each.problems]
    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for problem in problems[:50]:
            print(f"  - {problem}", file=sys.stderr)
    ok = all(each.ok for each in reports)
    print("\nPASS" if ok else "\nFAIL: see the problems above")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
