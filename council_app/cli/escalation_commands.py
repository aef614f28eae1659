"""``refer``, ``board``, ``appeal``, ``hear-appeal`` and ``escalations``: a decision taken
further, through the core's rules (council_app.council.escalation)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import Any

from council_app.cli.arguments import iso_date
from council_app.vocabulary import APPEAL_GROUNDS, APPEAL_RESULTS


def add_parsers(command: Callable[..., argparse.ArgumentParser]) -> None:
    refer = command("refer", "refer a case's decision to the board, saying why", data=False)
    refer.add_argument("case_id", metavar="ID")
    refer.add_argument("--why", required=True, metavar="TEXT", help="why it goes to the board")
    board = command(
        "board",
        "record the board's decision on a referral: it supersedes the council's",
        data=False,
    )
    board.add_argument("case_id", metavar="ID")
    board.add_argument("outcome", metavar="OUTCOME", help="an outcome of the case's framework")
    board.add_argument("--authority", required=True, metavar="TEXT", help="e.g. the resolution")
    board.add_argument("--reasons", required=True, metavar="TEXT")
    appeal = command("appeal", "lodge an appeal against a decision, on stated grounds", data=False)
    appeal.add_argument("case_id", metavar="ID")
    appeal.add_argument("--grounds", required=True, choices=APPEAL_GROUNDS)
    appeal.add_argument("--statement", required=True, metavar="TEXT", help="the grounds in words")
    hear = command(
        "hear-appeal",
        "the appeal's end, heard by members who did not decide the case",
        data=False,
    )
    hear.add_argument("case_id", metavar="ID")
    hear.add_argument("result", choices=APPEAL_RESULTS)
    hear.add_argument(
        "--heard-by", action="append", default=[], required=True, metavar="NAME",
        help="a member of the panel (repeat for each)",
    )  # fmt: skip
    hear.add_argument("--outcome", default="", metavar="OUTCOME", help="varied or overturned: to")
    hear.add_argument("--reasons", required=True, metavar="TEXT")
    listed = command(
        "escalations", "a case's referrals and appeals, and who may hear an appeal", data=False
    )
    listed.add_argument("case_id", metavar="ID")
    for parser in (refer, board, appeal, hear, listed):
        parser.add_argument("--date", type=iso_date, metavar="DATE", help="when (default today)")
    for parser in (refer, appeal):
        parser.add_argument("--by", default="", metavar="NAME", help="who (default: you)")


def cmd_escalation(args: argparse.Namespace, library_opener: Callable[..., Any]) -> int:
    from council_app.council import escalation
    from council_app.library.actor import actor
    from council_app.library.frameworks import case_framework

    on = args.date or date.today()
    with library_opener(args) as library:
        if args.command == "refer":
            case = escalation.refer_to_board(
                library, args.case_id, on=on, by=args.by or actor(), statement=args.why
            )
        elif args.command == "board":
            case = escalation.record_board_decision(
                library, args.case_id, args.outcome, on=on, authority=args.authority,
                reasons=args.reasons,
            )  # fmt: skip
        elif args.command == "appeal":
            case = escalation.lodge_appeal(
                library, args.case_id, grounds=args.grounds, statement=args.statement, on=on,
                by=args.by or actor(),
            )  # fmt: skip
        elif args.command == "hear-appeal":
            case = escalation.decide_appeal(
                library, args.case_id, args.result, heard_by=args.heard_by, on=on,
                reasons=args.reasons, outcome=args.outcome,
            )  # fmt: skip
        else:
            case = library.get_case(args.case_id)
        framework = case_framework(library, case)
        panel = escalation.appeal_panel(library, case, on) if case.decision else []
    if not case.escalations:
        print(f"{case.id} has not been referred or appealed.")
    for e in case.escalations:
        print(escalation.escalation_sentence(framework, e))
    if case.decision is not None:
        print(f"Decision now: {framework.outcome_title(case.decision.outcome)}.")
        waiting = escalation.pending(case)
        if waiting is not None and waiting.kind == "appeal":
            print(f"May hear the appeal (did not decide the case): {', '.join(panel) or 'nobody'}.")
    return 0


__all__ = ["add_parsers", "cmd_escalation"]
