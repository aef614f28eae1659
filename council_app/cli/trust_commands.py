"""``council-app check``, ``log``, ``backup`` and ``restore``: what the council relies on."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from council_app import paths
from council_app.cli.arguments import positive
from council_app.errors import CouncilError


def add_parsers(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    command(
        "check",
        "check the library: SQLite's integrity check, the audit log's chain, and every case "
        "against its last recorded change",
    )
    log = command("log", "the audit log: who changed what, when (newest last)")
    log.add_argument("case_id", metavar="ID", nargs="?", help="only the changes to this case")
    log.add_argument("--limit", type=positive, default=50, help="how many entries (default 50)")
    backup = command("backup", "copy the library to FILE, checked", data=False)
    backup.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    backup.add_argument(
        "--list", action="store_true", help="also list the automatic backups of this library"
    )
    restore = command(
        "restore", "replace the library with a backup (a copy of it is kept first)", data=False
    )
    restore.add_argument("source", metavar="FILE", type=Path)


def _library_path(args: argparse.Namespace) -> Path:
    return Path(args.library) if args.library is not None else paths.default_library_path()


def cmd_check(
    args: argparse.Namespace, library_opener: Callable[..., Any], print_json: Callable[[Any], None]
) -> int:
    from council_app.library.audit import check_library

    with library_opener(args, readonly=True) as library:
        report = check_library(library)
    if args.json:
        print_json({
            "integrity": report.integrity, "chain": report.chain,
            "changed_outside": report.behind_our_back, "entries": report.entries,
            "head": report.head, "cases_checked": report.cases_checked,
            "ok": not report.problems,
        })  # fmt: skip
    else:
        print(report.text())
    if report.problems:
        print(
            f"council-app: the library has {len(report.problems)} problem"
            f"{'s' if len(report.problems) != 1 else ''}; see above.",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_log(
    args: argparse.Namespace, library_opener: Callable[..., Any], print_json: Callable[[Any], None]
) -> int:
    from council_app.library.audit import entries

    with library_opener(args, readonly=True) as library:
        found = entries(library, subject=args.case_id, limit=max(args.limit, 1))
    if args.json:
        print_json([
            {"id": e.id, "at": e.at, "actor": e.actor, "action": e.action, "subject": e.subject,
             "what": e.what, "before_sha": e.before_sha, "after_sha": e.after_sha, "hash": e.hash}
            for e in found
        ])  # fmt: skip
        return 0
    if not found:
        print("Nothing is recorded" + (f" for {args.case_id}." if args.case_id else "."))
    for entry in found:
        print(f"{entry.id:>6}  {entry.sentence()}")
    return 0


def cmd_backup(
    args: argparse.Namespace, library_opener: Callable[..., Any], print_json: Callable[[Any], None]
) -> int:
    from council_app.library.backup import list_backups, write_backup

    with library_opener(args, readonly=True) as library:
        target = write_backup(library, args.output, force=args.force)
        path = library.path
    print(f"Backup written to {target} and checked.", file=sys.stderr)
    if args.list and path is not None:
        backups = list_backups(path)
        print("\n".join(b.sentence() for b in backups) or "No automatic backups yet.")
    return 0


def cmd_restore(
    args: argparse.Namespace, library_opener: Callable[..., Any], print_json: Callable[[Any], None]
) -> int:
    from council_app.library.backup import restore

    target = _library_path(args)
    if not paths.exists(args.source):
        raise CouncilError(f"{args.source}: no such file.")
    kept = restore(target, args.source)
    where = ""
    if kept is not None and kept.reason == "before restore damaged":
        where = f" A copy of the damaged library as it was is kept at {kept.path}."
    elif kept is not None:
        where = f" What was there is kept in {kept.path}."
    print(f"Restored {target} from {args.source}.{where}")
    return 0
