"""``council-app session``, ``due`` and ``watch``: the council's sittings and re-review."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from council_app import paths
from council_app.cli.arguments import days, iso_date, positive, whole_number
from council_app.cli.commitment_commands import add_condition_options, conditions_from
from council_app.council.review import REVIEW_HORIZON_DAYS
from council_app.date_words import date_words
from council_app.errors import CouncilError
from council_app.vocabulary import (
    DECISION_CHOICES,
    VOTE_CHOICES,
    sitting_status_title,
    vote_title,
)

Command = Callable[[argparse.Namespace], int]


def _subcommand(actions: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    """An action of a command group; it takes ``--library`` after the action too."""
    sub: argparse.ArgumentParser = actions.add_parser(name, help=help_text, description=help_text)
    sub.add_argument("--library", metavar="PATH", type=Path, default=argparse.SUPPRESS)
    return sub


def add_parsers(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    session = command(
        "session", "the council's sittings: agenda, attendance, votes, decisions", data=False
    )
    actions = session.add_subparsers(dest="session_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        return _subcommand(actions, name, help_text)

    action("list", "list the sittings, newest first").add_argument("--json", action="store_true")
    new = action("new", "plan a sitting; every voting member is marked present")
    new.add_argument("--date", type=iso_date, required=True)
    new.add_argument("--title", required=True)
    show = action("show", "a sitting: attendance, agenda with quorum and votes")
    show.add_argument("session_id", metavar="SESSION", type=whole_number)
    show.add_argument("--json", action="store_true")
    add = action("add", "put a case on the agenda")
    add.add_argument("session_id", metavar="SESSION", type=whole_number)
    add.add_argument("case_id", metavar="ID")
    add.add_argument("--minutes", type=positive, help="time budget for the item")
    attend = action("attend", "mark members present or absent")
    attend.add_argument("session_id", metavar="SESSION", type=whole_number)
    attend.add_argument("--present", nargs="*", default=[], metavar="NAME")
    attend.add_argument("--absent", nargs="*", default=[], metavar="NAME")
    recuse = action("recuse", "record that a member stands aside on a case")
    recuse.add_argument("session_id", metavar="SESSION", type=whole_number)
    recuse.add_argument("case_id", metavar="ID")
    recuse.add_argument("member", metavar="NAME")
    recuse.add_argument("--reason", default="")
    declare = action(
        "declare",
        "record what a member declares about an interest in a case on the agenda: no conflict, "
        "recused (they stand aside) or managed (with a note saying how)",
    )
    declare.add_argument("session_id", metavar="SESSION", type=whole_number)
    declare.add_argument("case_id", metavar="ID")
    declare.add_argument("member", metavar="NAME")
    declare.add_argument("--outcome", required=True, choices=["no_conflict", "recused", "managed"])
    declare.add_argument("--note", default="", help="how a managed conflict is handled (required)")
    vote = action("vote", "record a member's vote on an agenda item")
    vote.add_argument("session_id", metavar="SESSION", type=whole_number)
    vote.add_argument("case_id", metavar="ID")
    vote.add_argument("member", metavar="NAME")
    vote.add_argument(
        "vote", metavar="VOTE",
        help="an outcome of the case's framework, or abstain (as shipped: "
        + ", ".join(VOTE_CHOICES) + ")",
    )  # fmt: skip
    decide = action("decide", "record the council's decision on an agenda item, with its votes")
    decide.add_argument("session_id", metavar="SESSION", type=whole_number)
    decide.add_argument("case_id", metavar="ID")
    decide.add_argument(
        "outcome", metavar="OUTCOME",
        help="an outcome of the case's framework (as shipped: " + ", ".join(DECISION_CHOICES) + ")",
    )  # fmt: skip
    decide.add_argument("--rationale", default="")
    add_condition_options(decide)
    decide.add_argument("--dissent", action="append", default=[], metavar="NAME=TEXT")
    decide.add_argument(
        "--distinction", default="", help="how the case is distinguished from precedents"
    )
    decide.add_argument(
        "--departure",
        default="",
        metavar="TEXT",
        help="why the decision departs from the vote, the recommendation, a red line or close "
        "precedents (required when it does)",
    )
    decide.add_argument("--review-by", type=iso_date, metavar="DATE")
    decide.add_argument(
        "--replace", action="store_true", help="replace a decision the case already carries"
    )
    minutes = action("minutes", "the minutes of a sitting as a PDF")
    minutes.add_argument("session_id", metavar="SESSION", type=whole_number)
    minutes.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    minutes.add_argument("--variant", choices=["internal", "external"], default="internal")
    minutes.add_argument("--force", action="store_true")
    opening = action("open", "open a sitting: its votes and decisions can be recorded")
    opening.add_argument("session_id", metavar="SESSION", type=whole_number)
    close = action("close", "close a sitting: its votes can no longer change")
    close.add_argument("session_id", metavar="SESSION", type=whole_number)
    quorum = action("quorum", "show or set the quorum rule: majority, two_thirds, all, or a number")
    quorum.add_argument("rule", nargs="?")
    quorum.add_argument(
        "--require",
        action="append",
        metavar="N:KIND",
        help="also require at least N voting members of a kind present, e.g. 1:external "
        "(repeat for several kinds; replaces what was required)",
    )
    quorum.add_argument(
        "--no-require", action="store_true", help="require no members of a kind any more"
    )

    due = command("due", "decisions past or near their review date, and cases the watch list flags")
    due.add_argument(
        "--within",
        type=days,
        default=REVIEW_HORIZON_DAYS,
        metavar="DAYS",
        help=f"how far ahead (default {REVIEW_HORIZON_DAYS})",
    )
    due.add_argument(
        "--today", type=iso_date, metavar="DATE", help="count from this date (default today)"
    )

    review = command(
        "review", "record that the council reviewed a decision and lets it stand", data=False
    )
    review.add_argument("case_id", metavar="ID")
    review.add_argument(
        "--next", type=iso_date, required=True, metavar="DATE", help="next review by"
    )
    review.add_argument(
        "--date", type=iso_date, metavar="DATE", help="day of the review (default today)"
    )
    review.add_argument("--note", default="", help="what the council found")

    watch = command(
        "watch", "the watch list of regions and topics that call decisions back", data=False
    )
    watch_actions = watch.add_subparsers(dest="watch_command", metavar="ACTION", required=True)

    def watch_action(name: str, help_text: str) -> argparse.ArgumentParser:
        return _subcommand(watch_actions, name, help_text)

    watch_action("list", "the active entries").add_argument("--json", action="store_true")
    add_watch = watch_action("add", "watch a region or a topic from a date")
    target = add_watch.add_mutually_exclusive_group(required=True)
    target.add_argument("--region", metavar="CODE")
    target.add_argument("--topic", metavar="TAG")
    add_watch.add_argument("--note", default="")
    add_watch.add_argument("--date", type=iso_date, metavar="DATE", help="default today")
    add_watch.add_argument(
        "--event-date",
        type=iso_date,
        metavar="DATE",
        help="the day of the event (an election, a deadline): the decisions the entry touches "
        "are due for review by then",
    )
    close_watch = watch_action("close", "stop an entry from flagging cases")
    close_watch.add_argument("entry_id", metavar="ENTRY", type=whole_number)


def _case_framework(library: Any, case_id: str) -> Any:
    """The framework a case on the agenda is assessed, voted and decided under."""
    from council_app.library.frameworks import case_framework

    return case_framework(library, library.get_case(case_id))


def _framework(library: Any) -> Any:
    from council_app.library.frameworks import framework_in_force

    return framework_in_force(library)


def _session_text(library: Any, session: Any) -> str:
    """The sitting as the command line shows it, each item in its case's own framework version."""
    from council_app.council.conflicts import flags_for, session_declarations
    from council_app.council.decision_rules import vote_result
    from council_app.council.sessions import item_quorum, tally
    from council_app.library.members import list_members

    members = list_members(library)
    roles = {m.name: m.role for m in members}
    declarations = session_declarations(library, session.id)
    cases = {c.id: c for c in library.get_cases([i.case_id for i in session.agenda])}

    lines = [
        f"Sitting {session.id}: {session.title} — {session.date.isoformat()} ({sitting_status_title(session.status)})"
    ]
    lines.append("Present: " + (", ".join(session.present) or "nobody"))
    if session.absent:
        lines.append("Absent: " + ", ".join(session.absent))
    lines.append("")
    if not session.agenda:
        lines.append("The agenda is empty.")
    titles = {s.id: s for s in library.summaries([i.case_id for i in session.agenda]).values()}
    for number, item in enumerate(session.agenda, 1):
        summary = titles.get(item.case_id)
        framework = _case_framework(library, item.case_id)
        budget = f" [{item.minutes} min]" if item.minutes else ""
        lines.append(f"{number}. {item.case_id} {summary.title if summary else ''}{budget}")
        declared = [d for d in declarations if d.case_id == item.case_id]
        for flag in flags_for(members, cases[item.case_id], session.date, declared):
            lines.append(f"   Interest: {flag.sentence()}")
        if declared:
            lines.append("   Declared: " + "; ".join(d.sentence() for d in declared))
        recused = session.recused_from(item.case_id)
        if recused:
            lines.append(f"   Recused: {', '.join(recused)}")
        lines.append(f"   {item_quorum(library, session, item.case_id).sentence()}")
        votes = session.votes.get(item.case_id, {})
        if votes:
            lines.append(
                "   Votes: "
                + "; ".join(f"{m}: {vote_title(framework, v)}" for m, v in votes.items())
            )
        lines.append(f"   Tally: {tally(votes).sentence(framework)}")
        if votes:
            lines.append(f"   Vote: {vote_result(framework, votes, roles).sentence}")
        if summary and summary.outcome:
            lines.append(f"   Decided: {framework.outcome_title(summary.outcome)}")
    return "\n".join(lines)


def _conflicts_json(item: Any) -> dict[str, Any]:
    return {
        "flags": [
            {"member": f.member,
             "matches": [{"interest": m.interest.text, "kind": m.interest.kind,
                          "field": m.field, "value": m.value} for m in f.matches],
             "declared": f.declaration.outcome if f.declaration else None}
            for f in item.flags
        ],
        "declarations": [
            {"member": d.member, "outcome": d.outcome, "note": d.note} for d in item.declarations
        ],
    }  # fmt: skip


def cmd_session(
    args: argparse.Namespace, library_opener: Callable[..., Any], print_json: Callable[[Any], None]
) -> int:
    from council_app.case import Dissent
    from council_app.council import sessions as s

    with library_opener(args) as library:
        framework = _framework(library)
        action = args.session_command
        if action == "list":
            found = s.list_sessions(library)
            if getattr(args, "json", False):
                print_json([
                    {"id": x.id, "title": x.title, "date": x.date.isoformat(), "status": x.status,
                     "agenda": [i.case_id for i in x.agenda], "present": list(x.present)}
                    for x in found
                ])  # fmt: skip
            else:
                print(
                    "\n".join(
                        f"{x.id:>3}  {x.date.isoformat()}  {sitting_status_title(x.status):<8} {x.title} ({len(x.agenda)} cases)"
                        for x in found
                    )
                    or "No sittings yet."
                )
        elif action == "new":
            from council_app.council.commitments import lapsed_deferrals

            session_id = s.create_session(library, args.title, args.date)
            print(f"Sitting {session_id} planned for {args.date.isoformat()}.", file=sys.stderr)
            print(_session_text(library, s.get_session(library, session_id)))
            for case_id, when in lapsed_deferrals(library, args.date).items():
                print(
                    f"{case_id} comes back to the agenda: its deferral lapsed on "
                    f"{date_words(when)}. Add it with: council-app session add {session_id} {case_id}"
                )
        elif action == "show":
            session = s.get_session(library, args.session_id)
            if args.json:
                from council_app.council.agenda import sitting_view

                view = sitting_view(library, framework, session.id)
                conflicts = {i.case.id: _conflicts_json(i) for i in view.items}
                print_json({
                    "id": session.id, "title": session.title, "date": session.date.isoformat(),
                    "status": session.status, "present": list(session.present), "absent": list(session.absent),
                    "agenda": [
                        {"case": i.case_id, "minutes": i.minutes, "recused": list(session.recused_from(i.case_id)),
                         "votes": session.votes.get(i.case_id, {}),
                         "quorum": s.item_quorum(library, session, i.case_id).sentence(),
                         **conflicts[i.case_id]}
                        for i in session.agenda
                    ],
                })  # fmt: skip
            else:
                print(_session_text(library, session))
        elif action == "add":
            s.add_to_agenda(library, args.session_id, args.case_id, minutes=args.minutes)
            print(f"{args.case_id} is on the agenda of sitting {args.session_id}.")
        elif action == "attend":
            s.set_attendance(library, args.session_id, present=args.present, absent=args.absent)
            print(_session_text(library, s.get_session(library, args.session_id)))
        elif action == "recuse":
            s.recuse(library, args.session_id, args.case_id, args.member, args.reason)
            print(f"{args.member} stands aside on {args.case_id}.")
        elif action == "declare":
            from council_app.council.conflicts import declare

            declared = declare(
                library, args.session_id, args.case_id, args.member, args.outcome, args.note
            )
            print(f"Declared on {args.case_id}: {declared.sentence()}.")
            if declared.outcome == "recused":
                print(f"{declared.member} stands aside on {args.case_id}.")
            print(
                s.item_quorum(
                    library, s.get_session(library, args.session_id), args.case_id
                ).sentence()
            )
        elif action == "vote":
            # A vote is for an outcome of the framework the case is assessed under.
            framework = _case_framework(library, args.case_id)
            check = s.record_vote(
                library, args.session_id, args.case_id, args.member, args.vote,
                framework=framework,
            )  # fmt: skip
            session = s.get_session(library, args.session_id)
            print(
                f"Recorded: {args.member} votes {vote_title(framework, args.vote)} on "
                f"{args.case_id}. {check.sentence()}"
            )
            print(f"Tally: {s.tally(session.votes.get(args.case_id, {})).sentence(framework)}")
        elif action == "decide":
            dissent = []
            for text in args.dissent:
                member, sep, words = text.partition("=")
                if not sep or not member.strip() or not words.strip():
                    raise CouncilError(f"Write dissent as NAME=TEXT; not {text!r}.")
                dissent.append(Dissent(member=member.strip(), text=words.strip()))
            framework = _case_framework(library, args.case_id)
            case = s.record_decision(
                library, framework, args.session_id, args.case_id, args.outcome,
                rationale=args.rationale, conditions=conditions_from(args),
                dissent=dissent, distinction=args.distinction, departure=args.departure,
                review_by=args.review_by, replace_decision=args.replace,
            )  # fmt: skip
            assert case.decision is not None
            votes = len(case.decision.votes)
            print(
                f"Decided: {case.id} — {framework.outcome_title(args.outcome)}, with {votes} vote"
                f"{'s' if votes != 1 else ''}; review by {case.decision.review_by}."
            )
        elif action == "minutes":
            from council_app.council.settings import load_settings
            from council_app.memo import (
                minutes_for_session,
                render_minutes,
                write_pdf,
            )

            if paths.exists(args.output) and not args.force:
                raise CouncilError(
                    f"{args.output} already exists; not overwritten (use --force to replace it)."
                )
            minutes = minutes_for_session(
                library, args.session_id, load_settings(library), framework
            )
            write_pdf(args.output, render_minutes(minutes, variant=args.variant), force=args.force)
            draft = "Draft minutes (the sitting is not closed)" if minutes.is_draft else "Minutes"
            print(
                f"{draft} of sitting {args.session_id} written to {args.output}.", file=sys.stderr
            )
        elif action == "open":
            s.set_status(library, args.session_id, "open")
            print(f"Sitting {args.session_id} is open: votes and decisions can be recorded.")
        elif action == "close":
            s.set_status(library, args.session_id, "closed")
            print(f"Sitting {args.session_id} is closed.")
        elif action == "quorum":
            from council_app.council.quorum import check_rule, parse_requirement, rule_words

            if args.require and args.no_require:
                raise CouncilError("Give --require or --no-require, not both; nothing was changed.")
            rule = check_rule(args.rule) if args.rule else None
            required = [parse_requirement(r) for r in args.require or []]
            if args.require or args.no_require:
                s.set_quorum_composition(library, required)
            if rule is not None:
                s.set_quorum_rule(library, rule)
            rule = s.quorum_rule(library)
            composition = s.quorum_composition(library)
            print(f"Quorum: {rule} ({rule_words(rule, composition)}).")
    return 0


def cmd_due(
    args: argparse.Namespace, library_opener: Callable[..., Any], print_json: Callable[[Any], None]
) -> int:
    from council_app.council.review import due_for_review

    with library_opener(args) as library:
        framework = _framework(library)
        items = due_for_review(library, args.today or date.today(), within_days=args.within)
    if args.json:
        print_json([
            {"id": i.case.id, "title": i.case.title, "kind": i.kind, "outcome": i.case.outcome,
             "review_by": i.case.review_by.isoformat() if i.case.review_by else None,
             "reasons": list(i.reasons)}
            for i in items
        ])  # fmt: skip
        return 0
    if not items:
        print("Nothing is due for review.")
    for item in items:
        own = item.framework or framework
        outcome = own.outcome_title(item.case.outcome) if item.case.outcome else "undecided"
        print(f"{item.case.id}  {item.case.title}  ({outcome})")
        for reason in item.reasons:
            print(f"    - {reason}")
    return 0


def cmd_review(
    args: argparse.Namespace, library_opener: Callable[..., Any], print_json: Callable[[Any], None]
) -> int:
    from council_app.council.review import record_review
    from council_app.library.frameworks import case_framework

    with library_opener(args) as library:
        case = record_review(library, args.case_id, args.date or date.today(), args.next, args.note)
        framework = case_framework(library, case)
    assert case.decision is not None
    print(
        f"Reviewed: {case.id} — {framework.outcome_title(case.decision.outcome)} stands; "
        f"next review by {args.next.isoformat()}."
    )
    return 0


def cmd_watch(
    args: argparse.Namespace, library_opener: Callable[..., Any], print_json: Callable[[Any], None]
) -> int:
    from council_app.council.review import (
        Kind,
        add_watch,
        close_watch,
        flagged_by_watch,
        list_watch,
    )

    with library_opener(args) as library:
        if args.watch_command == "add":
            kind: Kind = "region" if args.region is not None else "topic"
            value = args.region if args.region is not None else args.topic
            entry = add_watch(
                library, kind, value, args.date or date.today(), args.note, event_on=args.event_date
            )
            flagged = [
                c
                for c, entries in flagged_by_watch(library).items()
                if any(e.id == entry.id for e in entries)
            ]
            print(f"Watching {entry.kind} {entry.value} (entry {entry.id}). Cases flagged for re-review: "
                  + (", ".join(flagged) or "none"))  # fmt: skip
        elif args.watch_command == "close":
            close_watch(library, args.entry_id)
            print(f"Entry {args.entry_id} no longer flags cases.")
        else:
            entries = list_watch(library)
            if getattr(args, "json", False):
                print_json([
                    {"id": e.id, "kind": e.kind, "value": e.value, "noted_on": e.noted_on.isoformat(), "note": e.note,
                     "event_on": e.event_on.isoformat() if e.event_on else None}
                    for e in entries
                ])  # fmt: skip
            else:
                print(
                    "\n".join(f"{e.id:>3}  {e.sentence()}" for e in entries)
                    or "The watch list is empty."
                )
    return 0
