"""``council-app import``, ``export`` and ``generate``: cases into and out of the library, as
exchange files and case packages, and libraries generated to try things at scale.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from council_app import paths
from council_app.cli.arguments import positive, whole_number
from council_app.cli.opened_library import (
    open_library,
    print_json,
)
from council_app.errors import CouncilError

EXIT_OK = 0


def add_parsers(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    gen = commands.add_parser(
        "generate",
        help="generate a realistic library of N cases (for trying things at scale)",
        description="Generate a seeded library of realistic cases: an SQLite library, or an "
        "exchange file when FILE ends in .json.",
    )
    gen.add_argument("--cases", type=positive, required=True, metavar="N")
    gen.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    gen.add_argument("--seed", type=whole_number, default=1)
    gen.add_argument("--force", action="store_true", help="replace FILE if it exists")

    req = command(
        "request", "write a blank request form (.councilrequest) for a team to fill in", data=False
    )
    req.add_argument(
        "action",
        choices=["new", "clarify"],
        help="new: a blank form; clarify: the council's questions on case ID, for the requester",
    )
    req.add_argument("case_id", nargs="?", metavar="ID", help="clarify: the case asked about")
    req.add_argument(
        "--ask",
        action="append",
        default=[],
        metavar="QUESTION",
        help="clarify: a question (repeat)",
    )
    req.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    req.add_argument("--force", action="store_true", help="replace FILE if it exists")

    imp = command(
        "import",
        "import cases from an exchange file, or merge a case package (.councilcase) of a "
        "member's assessment",
    )
    imp.add_argument("file", metavar="FILE", type=Path)
    imp.add_argument(
        "--replace",
        action="store_true",
        help="overwrite cases already in the library whose content differs",
    )
    imp.add_argument(
        "--assessment",
        choices=["keep", "take"],
        help="case packages: when the library has a different assessment by the same member, "
        "keep the library's or take the package's",
    )
    imp.add_argument(
        "--facts",
        choices=["keep", "take"],
        help="case packages: when the member changed the case's facts, keep the library's or "
        "take the package's",
    )
    imp.add_argument(
        "--add-case",
        action="store_true",
        help="case packages: add the case if it is not in the library",
    )

    exp = command("export", "export cases to an exchange file", data=False)
    exp.add_argument("case_ids", metavar="ID", nargs="*")
    exp.add_argument("--all", action="store_true", help="export every case in the library")
    exp.add_argument("-o", "--output", metavar="FILE", type=Path, required=True)
    exp.add_argument("--force", action="store_true", help="replace FILE if it exists")
    exp.add_argument(
        "--redact",
        action="store_true",
        help="leave out personal data (stakeholder contact details)",
    )
    exp.add_argument(
        "--member",
        metavar="NAME",
        help="write a case package (FILE.councilcase) carrying this member's assessment",
    )


def _is_package(path: Path, data: bytes) -> bool:
    """A case package, by its name or, failing that, by what it says it is."""
    return path.suffix.lower() == ".councilcase" or b'"council-package"' in data[:4096]


def _is_request(path: Path, data: bytes) -> bool:
    return path.suffix.lower() == ".councilrequest" or b'"council-request"' in data[:4096]


def cmd_import(args: argparse.Namespace) -> int:
    from council_app.library.exchange import import_document, parse_document, read_import_file

    # Read once, by the rule for files a user names, whichever kind of file it turns out to be.
    data = read_import_file(args.file, advice="Split the library into parts.")
    if _is_package(args.file, data):
        return _merge_package(args, data)
    if args.file.suffix.lower() == ".councilreply" or b'"council-reply"' in data[:4096]:
        return _import_reply(args, data)
    if _is_request(args.file, data):
        return _import_request(args, data)
    from council_app.library.frameworks import adopted_frameworks

    with open_library(args) as library:
        # Each case is checked against the framework it was assessed under, of those the
        # library adopted.
        document = parse_document(
            data, source=str(args.file), frameworks=adopted_frameworks(library)
        )
        report = import_document(library, document, replace=args.replace)
    if args.json:
        print_json(
            {
                "added": report.added,
                "replaced": report.replaced,
                "unchanged": report.unchanged,
                "dangling_links": [list(pair) for pair in report.dangling_links],
            }
        )
    else:
        print(report.summary())
    return EXIT_OK


def _import_request(args: argparse.Namespace, data: bytes) -> int:
    from datetime import date

    from council_app.council.requests import import_request
    from council_app.library.frameworks import framework_in_force

    with open_library(args) as library:
        report = import_request(
            library, framework_in_force(library), data, source=str(args.file), today=date.today()
        )
    if args.json:
        print_json(
            {
                "case": report.case.id,
                "missing": list(report.missing),
                "route": report.triage.route,
                "rule": report.triage.rule.key if report.triage.rule else None,
                "precedents": list(report.precedents),
            }
        )
    else:
        print(report.summary())
    return EXIT_OK


def _import_reply(args: argparse.Namespace, data: bytes) -> int:
    from datetime import date

    from council_app.council.clarification import take_reply

    with open_library(args) as library:
        taken = take_reply(library, data, source=str(args.file), today=date.today())
    if args.json:
        print_json(
            {"case": taken.case.id, "answered": taken.answered, "unanswered": taken.unanswered}
        )
    else:
        print(taken.summary())
    return EXIT_OK


def cmd_request(args: argparse.Namespace) -> int:
    from datetime import date

    from council_app import paths
    from council_app.council.requests import write_blank_request

    if args.action == "clarify":
        from council_app.council.clarification import ask, write_reply_form

        if not args.case_id or not args.ask:
            raise CouncilError("Say which case (ID) and ask at least one question (--ask).")
        if paths.exists(args.output) and not args.force:
            raise CouncilError(f"{args.output} already exists; not overwritten (use --force).")
        with open_library(args) as library:
            form = ask(library, args.case_id, args.ask, on=date.today())
        write_reply_form(args.output, form, force=True)
        print(
            f"{len(form['questions'])} question(s) on {args.case_id} written to {args.output}: "
            "the requester answers them and sends the file back; `council-app import` merges "
            "the answers into the case."
        )
        return EXIT_OK
    write_blank_request(args.output, date.today(), force=args.force)
    print(
        f"A blank request form was written to {args.output}: the team fills it in and sends it "
        "back; `council-app import` makes it a draft case."
    )
    return EXIT_OK


def _merge_package(args: argparse.Namespace, data: bytes) -> int:
    from council_app.library.frameworks import adopted_frameworks
    from council_app.library.package import merge_package, plan_merge, read_package

    with open_library(args) as library:
        package = read_package(data, source=str(args.file), frameworks=adopted_frameworks(library))
        plan = plan_merge(library, package)
        result = merge_package(
            library,
            package,
            assessment=args.assessment,
            facts=args.facts,
            add_case=args.add_case,
        )
    if args.json:
        print_json({"case": result.case_id, "assessment": result.assessment, "facts": result.facts})
    else:
        print(plan.describe())
        print(
            f"Merged: {package.manifest.member}'s assessment {result.assessment}; "
            f"facts {result.facts}."
        )
    return EXIT_OK


def _export_package(args: argparse.Namespace) -> int:
    from council_app.library.package import make_package, write_package

    if len(args.case_ids) != 1 or args.all:
        raise CouncilError("A case package holds one case: give one id.")
    with open_library(args, readonly=True) as library:
        case = library.get_case(args.case_ids[0])
        member = args.member
        if member is None:
            if len(case.assessments) != 1:
                raters = ", ".join(a.member for a in case.assessments) or "nobody"
                raise CouncilError(
                    f"Say whose assessment the package carries with --member (assessed by {raters})."
                )
            member = case.assessments[0].member
        package = make_package(library, case.id, member)
    write_package(args.output, package, force=args.force)
    print(
        f"Case package of {case.id} with {member}'s assessment written to {args.output}.",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from council_app.library.exchange import export_document, write_document

    paths.exists(args.output)  # a name the system refuses is refused before any work
    if args.output.suffix.lower() == ".councilcase" or args.member:
        return _export_package(args)
    if args.all == bool(args.case_ids):
        raise CouncilError("Give the ids of the cases to export, or --all (not both).")
    with open_library(args, readonly=True) as library:
        document = export_document(library, None if args.all else args.case_ids, redact=args.redact)
    write_document(args.output, document, force=args.force)
    count = 1 if document["format"] == "council-case" else len(document["cases"])
    print(f"Exported {count} case{'s' if count != 1 else ''} to {args.output}.", file=sys.stderr)
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    from council_app.framework import bundled_framework
    from council_app.library.generator import write_generated

    def progress(done: int) -> None:
        print(f"  {done:,} of {args.cases:,} cases…", file=sys.stderr)

    write_generated(
        bundled_framework(),
        args.output,
        args.cases,
        seed=args.seed,
        force=args.force,
        progress=progress,
    )
    print(f"Generated {args.cases:,} cases (seed {args.seed}) in {args.output}.", file=sys.stderr)
    return EXIT_OK
