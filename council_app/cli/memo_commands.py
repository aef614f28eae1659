"""``council-app memo``, ``minutes`` and ``settings``: the council's documents, and the settings
they are written with (council name, letterhead, language, page size).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from council_app import paths
from council_app.cli.arguments import iso_date
from council_app.cli.opened_library import (
    framework_of_case,
    in_force_framework,
    open_library,
)
from council_app.errors import CouncilError

EXIT_OK = 0


def add_parsers(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    memo = command(
        "memo",
        "render the decision memo of a case as a PDF, or as accessible HTML (FILE.html); "
        "several ids, or --all, into a folder",
        data=False,
    )
    # Two positionals, so that the one-case form keeps its ``case_id`` and the others come after.
    memo.add_argument("case_id", metavar="ID", nargs="?", help="the case")
    memo.add_argument("more_ids", metavar="ID", nargs="*", help="more cases: -o is then a folder")
    memo.add_argument(
        "--all", action="store_true", help="every case in the library, into the folder -o names"
    )
    memo.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE.pdf",
        help="the PDF (or FILE.html); for several ids or --all, a folder (CASE-ID.pdf, "
        "CASE-ID-external.pdf)",
    )
    memo.add_argument(
        "--format",
        choices=["pdf", "html"],
        help="pdf, or html for screen readers (default: from FILE's suffix, else pdf)",
    )
    memo.add_argument(
        "--variant",
        choices=["internal", "external"],
        default="internal",
        help="external leaves out personal data (default: internal)",
    )
    memo.add_argument(
        "--date",
        type=iso_date,
        metavar="DATE",
        help="the date on a draft memo (default: today; a decided case is dated by its decision)",
    )
    memo.add_argument(
        "--force", action="store_true", help="replace FILE (or the folder's memos) if it exists"
    )

    minutes = command(
        "minutes",
        "the minutes of the sitting recorded on a date as a PDF (with no sitting that day, of "
        "the decisions of that date)",
        data=False,
    )
    minutes.add_argument("--date", type=iso_date, metavar="DATE", required=True)
    minutes.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    minutes.add_argument("--variant", choices=["internal", "external"], default="internal")
    minutes.add_argument("--force", action="store_true", help="replace FILE if it exists")

    settings = command(
        "settings",
        "show or change the library's settings (council name, letterhead, default weight "
        "profile, quorum rule, precedent blend, language and page size of memos)",
        data=False,
    )
    settings.add_argument(
        "key",
        nargs="?",
        choices=[
            "council_name",
            "letterhead",
            "default_profile",
            "quorum_rule",
            "precedent_blend",
            "language",
            "page_size",
        ],
    )
    settings.add_argument("value", nargs="?")


def cmd_memo(args: argparse.Namespace) -> int:
    from council_app.memo import memo_format, prepare_memo, render_memo_as, write_pdf

    if args.all or args.more_ids:
        return cmd_memos(args)
    if args.case_id is None:
        raise CouncilError("Name a case (memo ID -o FILE.pdf), several, or --all -o FOLDER.")
    with open_library(args) as library:
        case = library.get_case(args.case_id)
        memo = prepare_memo(library, framework_of_case(library, case), case, memo_date=args.date)
    if paths.exists(args.output) and not args.force:
        raise CouncilError(
            f"{args.output} already exists; not overwritten (use --force to replace it)."
        )
    file_format = memo_format(args.output, args.format)
    data = render_memo_as(memo, file_format, variant=args.variant)
    write_pdf(args.output, data, force=args.force)
    kind = "Draft memo" if memo.is_draft else "Memo"
    print(f"{kind} for {case.id} ({args.variant}) written to {args.output}.", file=sys.stderr)
    return EXIT_OK


def cmd_memos(args: argparse.Namespace) -> int:
    """``memo ID ID … -o FOLDER`` and ``memo --all -o FOLDER``: one process for them all."""
    from council_app.memo.batch import write_memos

    if args.all and args.case_id is not None:
        raise CouncilError("Give case ids or --all, not both.")
    ids = None if args.all else [args.case_id, *args.more_ids]

    def progress(done: int, total: int) -> None:
        if done % 100 == 0 and done < total:
            print(f"  {done:,} of {total:,} memos…", file=sys.stderr)

    with open_library(args) as library:
        result = write_memos(
            library, in_force_framework(library), ids, args.output, variant=args.variant, force=args.force,
            memo_date=args.date, progress=progress, file_format=args.format or "pdf",
        )  # fmt: skip
    for path in result.written:
        print(path)
    print(result.sentence(args.variant), file=sys.stderr)
    return EXIT_OK


def cmd_minutes(args: argparse.Namespace) -> int:
    from council_app.council.settings import load_settings
    from council_app.memo import minutes_for_day, render_minutes, write_pdf

    if paths.exists(args.output) and not args.force:
        raise CouncilError(
            f"{args.output} already exists; not overwritten (use --force to replace it)."
        )
    with open_library(args) as library:
        minutes = minutes_for_day(
            library, args.date, load_settings(library), in_force_framework(library)
        )
    write_pdf(args.output, render_minutes(minutes, variant=args.variant), force=args.force)
    cases = f"{len(minutes.cases)} case{'s' if len(minutes.cases) != 1 else ''}"
    if minutes.session_id is None:
        print(
            f"Minutes of the decisions of {args.date.isoformat()} ({cases}) written to "
            f"{args.output}. No sitting was recorded that day, so they say that attendance is "
            "not on record.",
            file=sys.stderr,
        )
    else:
        draft = "Draft minutes (the sitting is not closed)" if minutes.is_draft else "Minutes"
        print(
            f"{draft} of sitting {minutes.session_id}, “{minutes.title}” ({cases}), written to "
            f"{args.output}.",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_settings(args: argparse.Namespace) -> int:
    from council_app.council.settings import SETTING_KEYS, load_settings, set_setting

    with open_library(args) as library:
        framework = in_force_framework(library)
        if args.key is not None and args.value is not None:
            settings = set_setting(library, framework, args.key, args.value)
        else:
            settings = load_settings(library)
    for key in SETTING_KEYS:
        if args.key is None or args.key == key:
            print(f"{key} = {settings.value(key, framework)}")
    return EXIT_OK
