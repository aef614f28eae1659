"""``council-app score``, ``weights`` and ``replay``: a case's score, weights derived, and
decided cases replayed under other weights or another framework.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from council_app.cli.arguments import positive, whole_number
from council_app.cli.opened_library import (
    framework_of_case,
    in_force_framework,
    open_library,
    print_json,
)
from council_app.errors import CouncilError

EXIT_OK = 0


def add_parsers(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
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

    with open_library(args) as library:
        case = library.get_case(args.case_id)
        framework = framework_of_case(library, case)
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
        print_json({**case_score_json(result), "framework_version": case_version(case)})
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
        print_json(ahp_json(result))
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
    with open_library(args) as library:
        current = in_force_framework(library)
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
        print_json(replay_json(changes))
    else:
        print(replay_report(changes, current, description, new_framework, recorded))
    return EXIT_OK
