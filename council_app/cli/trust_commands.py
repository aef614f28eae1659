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
    check = command(
        "check",
        "check the library: SQLite's integrity check, the audit log's chain and steps, and "
        "every case against its last recorded change",
    )
    check.add_argument(
        "--head",
        metavar="HASH",
        help="also say whether the chain still holds this head (from a memo or the minutes)",
    )
    check.add_argument(
        "--accept",
        action="store_true",
        help="take the library as it is found as the record (needs --reason; kept in the log)",
    )
    check.add_argument("--reason", metavar="TEXT", help="why the council accepts it, for the log")
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
    from council_app.library.audit_check import accept_as_found, check_library, normalised_head

    if args.reason is not None and not args.accept:
        raise CouncilError("--reason goes with --accept; nothing was changed.")
    if args.head is not None:
        normalised_head(args.head)  # a mistyped head is refused before anything is read
    if args.accept:
        with library_opener(args) as library:
            accepted = accept_as_found(library, args.reason or "")
        print(
            f"Accepted as found: {', '.join(accepted)}; the reason is kept in the audit log."
            if accepted
            else "Nothing differed from the log; nothing was accepted.",
            file=sys.stderr,
        )
    with library_opener(args, readonly=True) as library:
        report = check_library(library, head=args.head)
    if args.json:
        print_json({
            "integrity": report.integrity, "chain": report.chain, "gaps": report.gaps,
            "accepted": report.accepted,
            "head_found": report.head_found is not None if args.head is not None else None,
            "changed_outside": report.behind_our_back, "evidence": report.evidence,
            "evidence_files": report.evidence_files, "entries": report.entries,
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
