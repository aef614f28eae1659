"""``council-app``: the command-line twin of Council Desk.

With no command it opens the desktop app. Each command calls the same core functions as the
app; data goes to stdout (``--json`` for machines), messages to stderr, and a refusal ends with
a non-zero exit and a sentence, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from council_app import APP_NAME, __version__
from council_app.cli.case_commands import (
    cmd_graph,
    cmd_list,
    cmd_precedents,
    cmd_search,
    cmd_show,
    cmd_themes,
)
from council_app.cli.exchange_commands import cmd_export, cmd_generate, cmd_import, cmd_request
from council_app.cli.memo_commands import cmd_memo, cmd_minutes, cmd_settings
from council_app.cli.opened_library import open_library, print_json
from council_app.cli.scoring_commands import cmd_replay, cmd_score, cmd_weights
from council_app.cli.terminal import visible_output
from council_app.errors import CouncilError

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

    from council_app.cli import (
        case_commands,
        commitment_commands,
        council_commands,
        escalation_commands,
        exchange_commands,
        framework_commands,
        member_commands,
        memo_commands,
        publish_command,
        scoring_commands,
        trust_commands,
    )

    case_commands.add_parsers(commands, command)
    exchange_commands.add_parsers(commands, command)
    memo_commands.add_parsers(commands, command)
    scoring_commands.add_parsers(commands, command)

    council_commands.add_parsers(commands, command)
    commitment_commands.add_parsers(commands, command)
    member_commands.add_parsers(commands, command)
    framework_commands.add_parsers(commands, command)
    framework_commands.add_classify_parser(command)
    framework_commands.add_coverage_parser(command)
    escalation_commands.add_parsers(command)
    trust_commands.add_parsers(commands, command)
    publish_command.add_parser(command)
    return parser


def cmd_session(args: argparse.Namespace) -> int:
    from council_app.cli import council_commands

    return council_commands.cmd_session(args, open_library, print_json)


def cmd_member(args: argparse.Namespace) -> int:
    from council_app.cli import member_commands

    return member_commands.cmd_member(args, open_library, print_json)


def cmd_due(args: argparse.Namespace) -> int:
    from council_app.cli import council_commands

    return council_commands.cmd_due(args, open_library, print_json)


def cmd_review(args: argparse.Namespace) -> int:
    from council_app.cli import council_commands

    return council_commands.cmd_review(args, open_library, print_json)


def cmd_conditions(args: argparse.Namespace) -> int:
    from council_app.cli import commitment_commands

    return commitment_commands.cmd_conditions(args, open_library, print_json)


def cmd_condition(args: argparse.Namespace) -> int:
    from council_app.cli import commitment_commands

    return commitment_commands.cmd_condition(args, open_library, print_json)


def cmd_publish(args: argparse.Namespace) -> int:
    from council_app.cli import publish_command

    return publish_command.cmd_publish(args, open_library)


def cmd_check(args: argparse.Namespace) -> int:
    from council_app.cli import trust_commands

    return trust_commands.cmd_check(args, open_library, print_json)


def cmd_log(args: argparse.Namespace) -> int:
    from council_app.cli import trust_commands

    return trust_commands.cmd_log(args, open_library, print_json)


def cmd_backup(args: argparse.Namespace) -> int:
    from council_app.cli import trust_commands

    return trust_commands.cmd_backup(args, open_library, print_json)


def cmd_restore(args: argparse.Namespace) -> int:
    from council_app.cli import trust_commands

    return trust_commands.cmd_restore(args, open_library, print_json)


def cmd_watch(args: argparse.Namespace) -> int:
    from council_app.cli import council_commands

    return council_commands.cmd_watch(args, open_library, print_json)


def cmd_classify(args: argparse.Namespace) -> int:
    from council_app.cli import framework_commands

    return framework_commands.cmd_classify(args, open_library)


def cmd_coverage(args: argparse.Namespace) -> int:
    from council_app.cli import framework_commands

    return framework_commands.cmd_coverage(args, open_library)


def cmd_escalation(args: argparse.Namespace) -> int:
    from council_app.cli import escalation_commands

    return escalation_commands.cmd_escalation(args, open_library)


def cmd_framework(args: argparse.Namespace) -> int:
    from council_app.cli import framework_commands

    return framework_commands.cmd_framework(args, open_library, print_json)


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
    "member": cmd_member,
    "due": cmd_due,
    "review": cmd_review,
    "conditions": cmd_conditions,
    "condition": cmd_condition,
    "check": cmd_check,
    "log": cmd_log,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "watch": cmd_watch,
    "framework": cmd_framework,
    "classify": cmd_classify,
    "coverage": cmd_coverage,
    "refer": cmd_escalation,
    "board": cmd_escalation,
    "appeal": cmd_escalation,
    "hear-appeal": cmd_escalation,
    "escalations": cmd_escalation,
    "import": cmd_import,
    "request": cmd_request,
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
