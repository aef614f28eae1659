"""``council-app``: the command-line twin of Council Desk.

With no command it opens the desktop app. Each command calls the same core functions as the
app; data goes to stdout (``--json`` for machines), messages to stderr, and a refusal ends with
a non-zero exit and a sentence, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from council_app import APP_NAME, __version__, paths
from council_app.cli.arguments import iso_date, positive, whole_number
from council_app.cli.terminal import json_visible, visible_output, write_styled
from council_app.errors import CouncilError, LibraryError
from council_app.vocabulary import CASE_STATUSES, DECISION_CHOICES

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70

Command = Callable[[argparse.Namespace], int]


def _library_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    parser.add_argument(
        "--library",
        metavar="PATH",
        type=Path,
        default=None if top else argparse.SUPPRESS,
        help="library file to use (default: your default library, created from the demo cases "
        "on first use; a new path is created as an empty library)",
    )


def _weight_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--profile",
        metavar="NAME",
        help="a weight profile (default: the library's default profile, see `settings`)",
    )
    group.add_argument(
        "--weights",
        metavar="K=V,…",
        help="weights typed out, for example "
        "use_case=0.2,harm=0.3,principles=0.25,actions=0.15,geopolitics=0.1",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="council-app",
        description=f"{APP_NAME}: decision support for an ethical-use advisory council. "
        "Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation works (a temporary demo library, scoring, "
        "precedents, a memo and the main window, offscreen) and exit 0 if it does",
    )
    _library_option(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str, *, data: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _library_option(sub)
        if data:
            sub.add_argument("--json", action="store_true", help="print JSON instead of text")
        return sub

    command("list", "list the cases in the library, newest first")

    show = command("show", "show one case in full")
    show.add_argument("case_id", metavar="ID")

    search = command("search", "full-text search with filters")
    search.add_argument(
        "query",
        metavar="QUERY",
        nargs="?",
        default="",
        help="words to look for (quotes and symbols are taken as typed)",
    )
    search.add_argument("--outcome", action="append", default=[], help=", ".join(DECISION_CHOICES))
    search.add_argument("--status", action="append", default=[], help=", ".join(CASE_STATUSES))
    search.add_argument("--product", action="append", default=[])
    search.add_argument("--sector", action="append", default=[])
    search.add_argument("--region", action="append", default=[], help="for example DE or EU")
    search.add_argument("--tag", action="append", default=[])
    search.add_argument(
        "--principle",
        action="append",
        default=[],
        metavar="KEY",
        help="cases where a member rated this principle 3 or 4 (a principle key of the "
        "framework, for example privacy)",
    )
    search.add_argument(
        "--classification",
        action="append",
        default=[],
        metavar="KEY",
        help="cases classified under this taxonomy entry (eu_ai_act.social_scoring) or taxonomy",
    )
    search.add_argument(
        "--from",
        dest="date_from",
        type=iso_date,
        metavar="DATE",
        help="submitted on or after DATE",
    )
    search.add_argument(
        "--to", dest="date_to", type=iso_date, metavar="DATE", help="submitted on or before DATE"
    )
    search.add_argument("--sort", choices=["relevance", "date"], default="relevance")
    search.add_argument("--limit", type=positive, default=50)
    search.add_argument(
        "--advanced",
        action="store_true",
        help='use FTS5 query syntax (AND, OR, NOT, NEAR, "phrases", prefix*)',
    )

    prec = command(
        "precedents", "ranked precedents for a case, with reasons and a consistency check"
    )
    prec.add_argument("case_id", metavar="ID")
    prec.add_argument("--top", type=positive, default=10, help="how many (default: 10)")
    prec.add_argument(
        "--blend",
        metavar="K=V,…",
        help="how much each likeness counts, for example "
        "text=0.35,ratings=0.25,facts=0.25,graph=0.15 (default: the library's setting)",
    )

    graph = command("graph", "a case's place in the case graph: authorities, citing cases, links")
    graph.add_argument("case_id", metavar="ID")

    command("themes", "themes across the library (communities of linked and similar cases)")

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

    score = command("score", "score a case: concern index, recommendation, sensitivity")
    score.add_argument("case_id", metavar="ID")
    _weight_options(score)
    score.add_argument(
        "--aggregate",
        choices=["median", "mean"],
        default="median",
        help="how members' ratings are combined (default: median)",
    )
    score.add_argument(
        "--draws",
        type=positive,
        default=2000,
        help="random weightings for the robustness figure (default: 2000)",
    )
    score.add_argument(
        "--seed", type=whole_number, default=None, help="seed for the random weightings"
    )

    weights = commands.add_parser("weights", help="derive weights", description="derive weights")
    weight_commands = weights.add_subparsers(
        dest="weights_command", metavar="METHOD", required=True
    )
    ahp = weight_commands.add_parser(
        "ahp",
        help="weights from a pairwise comparison matrix (AHP)",
        description='Weights from a JSON file {"criteria": [...], "matrix": [[...], ...]} of '
        'judgements on Saaty\'s 1–9 scale (entries may be numbers or strings such as "1/3").',
    )
    ahp.add_argument("matrix_file", metavar="MATRIX.json", type=Path)
    ahp.add_argument("--method", choices=["eigenvector", "geometric_mean"], default="eigenvector")
    ahp.add_argument("--json", action="store_true", help="print JSON instead of text")

    rep = command(
        "replay",
        "decided cases whose recommendation would change under other "
        "weights or another framework definition",
    )
    _weight_options(rep)
    rep.add_argument(
        "--framework",
        metavar="FILE|VERSION",
        type=Path,
        help="a framework definition (TOML), or a version the library adopted, to compare with "
        "the framework in force",
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
    from council_app.cli import (
        council_commands,
        framework_commands,
        publish_command,
        trust_commands,
    )

    council_commands.add_parsers(commands, command)
    framework_commands.add_parsers(commands, command)
    framework_commands.add_classify_parser(command)
    trust_commands.add_parsers(commands, command)
    publish_command.add_parser(command)
    return parser


# -- commands ----------------------------------------------------------------------------------


@contextlib.contextmanager
def _library(args: argparse.Namespace, *, readonly: bool = False) -> Any:
    from council_app.library import CaseLibrary, backup
    from council_app.library.demo import open_default_library

    path = Path(args.library) if args.library is not None else None
    if readonly and paths.exists(path or paths.default_library_path(), LibraryError):
        # Reading needs no write access, and works on a damaged library too (to export it).
        try:
            library = CaseLibrary.open(path or paths.default_library_path(), readonly=True)
        except LibraryError as error:
            if "needs upgrading" not in str(error):
                raise
            library = CaseLibrary.open(path or paths.default_library_path(), create=False)
    else:
        library = open_default_library() if path is None else CaseLibrary.open(path)
        try:
            backup.backup_if_due(library)  # the scheduled daily backup
        except CouncilError as error:
            # The command itself may still be fine to run; the next one tries the backup again.
            print(f"council-app: warning: the daily backup was not taken. {error}", file=sys.stderr)
    try:
        yield library
    finally:
        library.close()


def _framework(library: Any) -> Any:
    """The framework in force in the library: lists and anything not about one case."""
    from council_app.library.frameworks import framework_in_force

    return framework_in_force(library)


def _case_framework(library: Any, case: Any) -> Any:
    """The framework a case was made under: it is scored, shown and memo'd in its terms."""
    from council_app.library.frameworks import case_framework

    return case_framework(library, case)


def _version_note(library: Any, case: Any) -> None:
    from council_app.library.frameworks import version_note

    note = version_note(library, case)
    if note:
        print(note)


def _print_json(data: Any) -> None:
    sys.stdout.write(json_visible(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def _summary_json(summary: Any) -> dict[str, Any]:
    return {
        "id": summary.id,
        "title": summary.title,
        "status": summary.status,
        "outcome": summary.outcome,
        "product": summary.product,
        "customer": summary.customer,
        "sector": summary.sector,
        "regions": list(summary.regions),
        "tags": list(summary.tags),
        "submitted": summary.submitted.isoformat() if summary.submitted else None,
        "decided": summary.decided.isoformat() if summary.decided else None,
        "review_by": summary.review_by.isoformat() if summary.review_by else None,
    }


def cmd_list(args: argparse.Namespace) -> int:
    from council_app.cli import text

    with _library(args) as library:
        summaries = library.list_cases()
        framework = _framework(library)
    if args.json:
        _print_json([_summary_json(s) for s in summaries])
    else:
        print(text.case_table(summaries, framework, fit_width=sys.stdout.isatty()))
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from council_app.cli import text
    from council_app.library.exchange import case_document

    with _library(args) as library:
        case = library.get_case(args.case_id)
        if args.json:
            _print_json(case_document(case))
        else:
            print(text.case_report(case, _case_framework(library, case)))
            _version_note(library, case)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from council_app.cli import text
    from council_app.library.search import SearchFilters, search_cases, search_prompt

    prompt = search_prompt(args.query)
    if prompt is not None:
        # No word to look for: said in place of the results (on stderr beside an empty JSON
        # list, which stays parseable).
        if args.json:
            _print_json([])
        print(prompt, file=sys.stderr if args.json else sys.stdout)
        return EXIT_OK
    filters = SearchFilters(
        outcomes=tuple(args.outcome),
        statuses=tuple(args.status),
        products=tuple(args.product),
        sectors=tuple(args.sector),
        regions=tuple(r.upper() for r in args.region),
        tags=tuple(t.lower() for t in args.tag),
        principles=tuple(args.principle),
        classifications=tuple(args.classification),
        submitted_from=args.date_from,
        submitted_to=args.date_to,
    )
    with _library(args) as library:
        known = _framework(library).principle_keys
        unknown = [p for p in args.principle if p not in known]
        if unknown:
            raise CouncilError(
                f"{', '.join(map(repr, unknown))} is not a principle of the framework in force "
                f"(its principles: {', '.join(known) or 'none'}); nothing was searched."
            )
        hits = search_cases(
            library, args.query, filters, sort=args.sort, limit=args.limit, advanced=args.advanced
        )
        framework = _framework(library)
    if args.json:
        _print_json(
            [
                {
                    **_summary_json(hit.case),
                    "rank": hit.rank,
                    "snippet": hit.snippet_text,
                    "highlights": [t for t, lit in hit.snippet if lit],
                }
                for hit in hits
            ]
        )
    else:
        # Its library text is made visible piece by piece, so that the bold can stay bold.
        write_styled(text.search_results(hits, framework, emphasis=sys.stdout.isatty()))
    return EXIT_OK


def _is_package(path: Path, data: bytes) -> bool:
    """A case package, by its name or, failing that, by what it says it is."""
    return path.suffix.lower() == ".councilcase" or b'"council-package"' in data[:4096]


def cmd_import(args: argparse.Namespace) -> int:
    from council_app.library.exchange import import_document, parse_document, read_import_file

    # Read once, by the rule for files a user names, whichever kind of file it turns out to be.
    data = read_import_file(args.file, advice="Split the library into parts.")
    if _is_package(args.file, data):
        return _merge_package(args, data)
    from council_app.library.frameworks import adopted_frameworks

    with _library(args) as library:
        # Each case is checked against the framework it was assessed under, of those the
        # library adopted.
        document = parse_document(
            data, source=str(args.file), frameworks=adopted_frameworks(library)
        )
        report = import_document(library, document, replace=args.replace)
    if args.json:
        _print_json(
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


def _merge_package(args: argparse.Namespace, data: bytes) -> int:
    from council_app.library.frameworks import adopted_frameworks
    from council_app.library.package import merge_package, plan_merge, read_package

    with _library(args) as library:
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
        _print_json(
            {"case": result.case_id, "assessment": result.assessment, "facts": result.facts}
        )
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
    with _library(args, readonly=True) as library:
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
    with _library(args, readonly=True) as library:
        document = export_document(library, None if args.all else args.case_ids, redact=args.redact)
    write_document(args.output, document, force=args.force)
    count = 1 if document["format"] == "council-case" else len(document["cases"])
    print(f"Exported {count} case{'s' if count != 1 else ''} to {args.output}.", file=sys.stderr)
    return EXIT_OK


def _chosen_weights(args: argparse.Namespace, framework: Any) -> Any:
    """The weights typed or named on the command line; None: the library's weights in force."""
    from council_app.scoring import parse_weights, profile_weights

    if args.weights:
        return parse_weights(framework, args.weights)
    if args.profile:
        return profile_weights(framework, args.profile)
    return None


def cmd_score(args: argparse.Namespace) -> int:
    from council_app.cli.scoring_text import score_report
    from council_app.council.scoring_context import score_in_library
    from council_app.library.frameworks import case_version, version_note
    from council_app.scoring.sensitivity import DEFAULT_SEED
    from council_app.scoring.serialise import case_score_json

    with _library(args) as library:
        case = library.get_case(args.case_id)
        framework = _case_framework(library, case)
        weights = _chosen_weights(args, framework)
        result = score_in_library(
            library,
            framework,
            case,
            weights=weights,
            method=args.aggregate,
            draws=args.draws,
            seed=DEFAULT_SEED if args.seed is None else args.seed,
        )
        note = version_note(library, case)
    if args.json:
        _print_json({**case_score_json(result), "framework_version": case_version(case)})
    else:
        print(score_report(case, result, framework))
        if note:
            print(note)
    return EXIT_OK


def cmd_weights(args: argparse.Namespace) -> int:
    from council_app.cli.scoring_text import ahp_report
    from council_app.scoring.ahp import ahp_weights, read_matrix_document
    from council_app.scoring.serialise import ahp_json
    from council_app.user_files import MB, read_user_text

    source = read_user_text(
        args.matrix_file, limit=MB, what="a comparison matrix", outcome="no weights were derived"
    )
    try:
        data = json.loads(source)
    except json.JSONDecodeError as exc:
        raise CouncilError(
            f"{args.matrix_file}: not valid JSON "
            f"({exc.msg} at line {exc.lineno}, column {exc.colno})."
        ) from None
    criteria, matrix = read_matrix_document(data)
    result = ahp_weights(criteria, matrix, method=args.method)
    if args.json:
        _print_json(ahp_json(result))
    else:
        print(ahp_report(result))
    return EXIT_OK


def cmd_replay(args: argparse.Namespace) -> int:
    from council_app.cli.scoring_text import replay_report
    from council_app.council.scoring_context import who_stood_aside
    from council_app.council.settings import load_settings, weights_in_force
    from council_app.framework import load_framework
    from council_app.library.frameworks import find_version
    from council_app.library.frameworks import versions as versions_adopted
    from council_app.scoring import profile_weights, replay
    from council_app.scoring.serialise import replay_json

    if not args.framework and not args.weights and not args.profile:
        raise CouncilError("Give --profile, --weights or --framework to compare with.")
    with _library(args) as library:
        current = _framework(library)
        new_framework = current
        if args.framework:
            adopted = {v.version for v in versions_adopted(library)}
            new_framework = (
                find_version(library, str(args.framework)).framework
                if str(args.framework) in adopted
                else load_framework(args.framework)
            )
        settings = load_settings(library)
        in_force = weights_in_force(current, settings)
        chosen = _chosen_weights(args, new_framework)
        if chosen is None:
            # The same profile under the other framework, if it has one of that name.
            key = settings.profile_key(new_framework)
            chosen = profile_weights(new_framework, key)
        cases = library.get_cases()
        aside = {
            case.id: [m for m, _ in who_stood_aside(library, case)]
            for case in cases
            if case.decision
        }
        from council_app.council.framework_revision import own_terms
        from council_app.library.frameworks import record_outcome_titles

        own = own_terms(library, settings)
        recorded = record_outcome_titles(library)

    description = ", ".join(
        part
        for part in (
            f"framework {new_framework.version} ({args.framework})" if args.framework else "",
            chosen.source if (args.weights or args.profile) else "",
        )
        if part
    )
    changes = replay(
        cases,
        before=(current, in_force),
        after=(new_framework, chosen),
        stood_aside=aside,
        own_framework=own,
    )
    if args.json:
        _print_json(replay_json(changes))
    else:
        print(replay_report(changes, current, description, new_framework, recorded))
    return EXIT_OK


def cmd_precedents(args: argparse.Namespace) -> int:
    from council_app.cli.precedent_text import precedents_json, precedents_report
    from council_app.council.scoring_context import score_in_library
    from council_app.council.settings import load_blend
    from council_app.precedent import BlendWeights, precedent_findings

    with _library(args) as library:
        case = library.get_case(args.case_id)
        framework = _case_framework(library, case)
        blend = BlendWeights.parse(args.blend, load_blend(library)) if args.blend else None
        score = score_in_library(library, framework, case, draws=0)
        found = precedent_findings(library, framework, case, score, top=args.top, blend=blend)
    if args.json:
        _print_json(precedents_json(found.search, found.consistency, framework))
    else:
        print(precedents_report(case, found.search, found.consistency, framework))
    return EXIT_OK


def cmd_graph(args: argparse.Namespace) -> int:
    from council_app.cli.precedent_text import graph_report
    from council_app.precedent import authorities, cited_by, local_graph

    with _library(args) as library:
        case = library.get_case(args.case_id)
        chain = authorities(library, case.id)
        citing = cited_by(library, case.id)
        graph = local_graph(library, case.id, radius=2)
        nodes = sorted(graph.nodes)
        titles = {
            s.id: s.title for s in library.summaries(nodes + [a.case_id for a in chain]).values()
        }
    from council_app.precedent import Link

    links = sorted(
        {Link(a, key, b) for a, b, key in graph.edges(keys=True)},
        key=lambda link: (link.source, link.type, link.target),
    )
    if args.json:
        _print_json(
            {
                "case": case.id,
                "authorities": [
                    {
                        "id": a.case_id,
                        "depth": a.depth,
                        "via": a.via,
                        "superseded_by": list(a.superseded_by),
                    }
                    for a in chain
                ],
                "cited_by": citing,
                "links": [{"source": x.source, "type": x.type, "target": x.target} for x in links],
            }
        )
    else:
        print(graph_report(case, chain, citing, links, titles))
    return EXIT_OK


def cmd_themes(args: argparse.Namespace) -> int:
    from council_app.cli.precedent_text import themes_report
    from council_app.precedent import library_graph, most_cited, themes

    with _library(args) as library:
        graph = library_graph(library)
        found = themes(library, graph)
        cited = most_cited(library)
        titles = {s.id: s.title for s in library.summaries([c for c, _ in cited]).values()}
    if args.json:
        _print_json(
            {
                "themes": [
                    {"label": t.label, "tags": list(t.tags), "cases": list(t.case_ids)}
                    for t in found
                ],
                "most_cited": [{"id": c, "citations": n} for c, n in cited],
            }
        )
    else:
        print(themes_report(found, cited, titles))
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


def cmd_memo(args: argparse.Namespace) -> int:
    from council_app.memo import memo_format, prepare_memo, render_memo_as, write_pdf

    if args.all or args.more_ids:
        return cmd_memos(args)
    if args.case_id is None:
        raise CouncilError("Name a case (memo ID -o FILE.pdf), several, or --all -o FOLDER.")
    with _library(args) as library:
        case = library.get_case(args.case_id)
        memo = prepare_memo(library, _case_framework(library, case), case, memo_date=args.date)
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

    with _library(args) as library:
        result = write_memos(
            library, _framework(library), ids, args.output, variant=args.variant, force=args.force,
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
    with _library(args) as library:
        minutes = minutes_for_day(library, args.date, load_settings(library), _framework(library))
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

    with _library(args) as library:
        framework = _framework(library)
        if args.key is not None and args.value is not None:
            settings = set_setting(library, framework, args.key, args.value)
        else:
            settings = load_settings(library)
    for key in SETTING_KEYS:
        if args.key is None or args.key == key:
            print(f"{key} = {settings.value(key, framework)}")
    return EXIT_OK


def cmd_session(args: argparse.Namespace) -> int:
    from council_app.cli import council_commands

    return council_commands.cmd_session(args, _library, _print_json)


def cmd_due(args: argparse.Namespace) -> int:
    from council_app.cli import council_commands

    return council_commands.cmd_due(args, _library, _print_json)


def cmd_review(args: argparse.Namespace) -> int:
    from council_app.cli import council_commands

    return council_commands.cmd_review(args, _library, _print_json)


def cmd_publish(args: argparse.Namespace) -> int:
    from council_app.cli import publish_command

    return publish_command.cmd_publish(args, _library)


def cmd_check(args: argparse.Namespace) -> int:
    from council_app.cli import trust_commands

    return trust_commands.cmd_check(args, _library, _print_json)


def cmd_log(args: argparse.Namespace) -> int:
    from council_app.cli import trust_commands

    return trust_commands.cmd_log(args, _library, _print_json)


def cmd_backup(args: argparse.Namespace) -> int:
    from council_app.cli import trust_commands

    return trust_commands.cmd_backup(args, _library, _print_json)


def cmd_restore(args: argparse.Namespace) -> int:
    from council_app.cli import trust_commands

    return trust_commands.cmd_restore(args, _library, _print_json)


def cmd_watch(args: argparse.Namespace) -> int:
    from council_app.cli import council_commands

    return council_commands.cmd_watch(args, _library, _print_json)


def cmd_classify(args: argparse.Namespace) -> int:
    from council_app.cli import framework_commands

    return framework_commands.cmd_classify(args, _library)


def cmd_framework(args: argparse.Namespace) -> int:
    from council_app.cli import framework_commands

    return framework_commands.cmd_framework(args, _library, _print_json)


COMMANDS: dict[str, Command] = {
    "list": cmd_list,
    "show": cmd_show,
    "search": cmd_search,
    "score": cmd_score,
    "weights": cmd_weights,
    "replay": cmd_replay,
    "precedents": cmd_precedents,
    "graph": cmd_graph,
    "themes": cmd_themes,
    "generate": cmd_generate,
    "memo": cmd_memo,
    "minutes": cmd_minutes,
    "settings": cmd_settings,
    "session": cmd_session,
    "due": cmd_due,
    "review": cmd_review,
    "check": cmd_check,
    "log": cmd_log,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "watch": cmd_watch,
    "framework": cmd_framework,
    "classify": cmd_classify,
    "import": cmd_import,
    "export": cmd_export,
    "publish": cmd_publish,
}


def _open_app(args: argparse.Namespace) -> int:
    from council_app.ui.app import run_app

    return run_app(library_path=args.library)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    for argument in arguments:
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            # Bytes that are not UTF-8 (a mis-encoded file name, say) come through as lone
            # surrogates; nothing can be matched or stored with them. A usage error, worded as
            # argparse words its own.
            print(
                "council-app: error: the argument "
                f"{argument.encode('utf-8', 'replace').decode()!r} "
                "is not valid text (UTF-8); nothing was done.",
                file=sys.stderr,
            )
            return EXIT_USAGE
    parser = build_parser()
    args = parser.parse_args(arguments)
    from council_app.library import audit

    audit.set_interface("command line")
    if args.self_test and (args.command is not None or args.library is not None):
        parser.error("--self-test takes no command and no --library (it makes its own)")
    with visible_output():  # text from a library never commands the terminal
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        if args.self_test:
            from council_app.self_test import run_self_test

            return run_self_test()
        if args.command is None:
            return _open_app(args)
        return COMMANDS[args.command](args)
    except CouncilError as error:
        print(f"council-app: {error}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("council-app: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (for example `head`) went away; that is not an error of ours.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_OK
    except Exception as error:
        if os.environ.get("COUNCIL_APP_DEBUG"):
            raise
        print(
            f"council-app: internal error ({type(error).__name__}: {error}). "
            "This is a bug in Council Desk; run with COUNCIL_APP_DEBUG=1 to see the details.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
