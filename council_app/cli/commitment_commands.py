"""``council-app conditions`` and ``condition``: the commitments decisions rest on.

``conditions`` lists every condition of the standing decisions with where it stands today (the
rule is council_app.council.commitments'); ``condition ID N`` records a status (with who, when
and why) and evidence for one. ``session decide`` takes each condition's owner, kind, due date
and recurrence through :func:`add_condition_options`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from council_app.cli.arguments import iso_date, positive
from council_app.vocabulary import (
    CONDITION_STATUSES,
    CONFIDENTIALITY_CLASSES,
    condition_status_title,
)


class _NewCondition(argparse.Action):
    """``--condition TEXT``: a condition; the options after it until the next say more of it."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        conditions = list(getattr(namespace, self.dest, None) or [])
        conditions.append({"text": str(values)})
        setattr(namespace, self.dest, conditions)


class _OfCondition(argparse.Action):
    """``--owner``, ``--due``, ``--kind``, ``--every``: of the ``--condition`` given before."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        conditions = getattr(namespace, "condition", None) or []
        if not conditions:
            parser.error(
                f"{option_string} says something of a condition: give --condition TEXT first"
            )
        if self.dest in conditions[-1]:
            parser.error(
                f"{option_string} is given twice for the condition {conditions[-1]['text']!r}"
            )
        conditions[-1][self.dest] = values


def add_condition_options(decide: argparse.ArgumentParser) -> None:
    decide.add_argument(
        "--condition",
        action=_NewCondition,
        default=[],
        metavar="TEXT",
        help="a condition of the decision; --owner, --due, --kind and --every after it say "
        "who owes it, by when, of what kind and how often",
    )
    decide.add_argument(
        "--owner", action=_OfCondition, dest="owner", metavar="NAME", default=argparse.SUPPRESS
    )
    decide.add_argument(
        "--due", action=_OfCondition, dest="due", type=iso_date, metavar="DATE",
        default=argparse.SUPPRESS,
    )  # fmt: skip
    decide.add_argument(
        "--kind", action=_OfCondition, dest="kind", metavar="KIND", default=argparse.SUPPRESS,
        help="a condition kind of the case's framework (as shipped: before_launch, ongoing, "
        "report_due, information_request); default: the framework's default kind, or "
        "information_request for a deferral",
    )  # fmt: skip
    decide.add_argument(
        "--every", action=_OfCondition, dest="every_months", type=positive, metavar="MONTHS",
        default=argparse.SUPPRESS, help="the condition falls due every so many months",
    )  # fmt: skip


def conditions_from(args: argparse.Namespace) -> list[Any]:
    """The ``Condition`` values ``session decide`` was given."""
    from council_app.case import Condition

    return [
        Condition(
            text=c["text"],
            owner=c.get("owner", ""),
            due=c.get("due"),
            kind=c.get("kind", ""),
            every_months=c.get("every_months"),
        )
        for c in args.condition
    ]


def add_parsers(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    listing = command(
        "conditions", "the conditions decisions rest on, with where each stands today"
    )
    listing.add_argument("--overdue", action="store_true", help="only those overdue or breached")
    listing.add_argument("--case", metavar="ID", help="only this case's")
    listing.add_argument(
        "--today",
        type=iso_date,
        metavar="DATE",
        help="where they stand on this date (default today)",
    )
    one = command(
        "condition", "record a condition's status (who, when, why) or evidence for it", data=False
    )
    one.add_argument("case_id", metavar="ID")
    one.add_argument("number", metavar="N", type=positive, help="the condition's number (from 1)")
    one.add_argument("--status", choices=CONDITION_STATUSES)
    one.add_argument("--note", default="", help="why (a waiver needs one)")
    one.add_argument(
        "--evidence", type=Path, metavar="FILE", help="a file kept with it in the library"
    )
    one.add_argument("--evidence-note", default="", metavar="TEXT", help="evidence in words")
    one.add_argument(
        "--evidence-class",
        choices=CONFIDENTIALITY_CLASSES,
        default="",
        help="who may read the evidence (default: the framework's default for attachments)",
    )
    one.add_argument("--date", type=iso_date, metavar="DATE", help="when (default today)")
    one.add_argument("--by", default="", metavar="NAME", help="who says so (default: you)")


def _json(item: Any) -> dict[str, Any]:
    from council_app.library.confidentiality import class_of

    c, found = item.condition, item.standing
    return {
        "case": item.case_id, "title": item.title, "number": item.number, "text": c.text,
        "kind": c.kind, "owner": c.owner,
        "due": found.due.isoformat() if found.due else None,
        "every_months": c.every_months, "status": found.status, "why": found.why,
        "calls_review": found.calls_review, "lapses_deferral": found.lapses_deferral,
        "history": [
            {"status": h.status, "on": h.on.isoformat(), "by": h.by, "note": h.note}
            for h in c.history
        ],
        "evidence": [
            {"added_on": e.added_on.isoformat(), "note": e.note, "added_by": e.added_by,
             "file_name": e.file_name, "sha256": e.sha256, "size": e.size,
             "confidentiality": class_of(e.confidentiality, "attachments", item.framework)}
            for e in c.evidence
        ],
    }  # fmt: skip


def cmd_conditions(
    args: argparse.Namespace, library_opener: Callable[..., Any], print_json: Callable[[Any], None]
) -> int:
    from council_app.council.commitments import list_commitments
    from council_app.errors import CaseNotFound
    from council_app.library.confidentiality import class_label

    with library_opener(args) as library:
        if args.case and not library.has_case(args.case):
            raise CaseNotFound(args.case)
        items = list_commitments(
            library, args.today or date.today(), case_id=args.case, not_kept=args.overdue
        )
    if args.json:
        print_json([_json(i) for i in items])
        return 0
    if not items:
        print("No conditions are overdue or breached." if args.overdue else "No conditions.")
        return 0
    for item in items:
        c, found = item.condition, item.standing
        print(f"{item.case_id} #{item.number}  {condition_status_title(found.status)}  {c.text}")
        about = [item.kind_title if c.kind else "", f"owner {c.owner}" if c.owner else ""]
        print("    " + " · ".join(x for x in (*about, found.why) if x))
        if found.calls_review or found.lapses_deferral:
            print("    Calls the decision back for review.")
        for e in c.evidence:
            what = e.file_name or "note"
            note = f": {e.note}" if e.note else ""
            label = class_label(e.confidentiality, "attachments", item.framework)
            print(
                f"    Evidence ({e.added_on.isoformat()}): {what}{note}"
                + (f" {label}" if label else "")
            )
    return 0


def cmd_condition(
    args: argparse.Namespace, library_opener: Callable[..., Any], print_json: Callable[[Any], None]
) -> int:
    from council_app.council.commitments import standing, update_condition
    from council_app.library.actor import actor
    from council_app.library.frameworks import case_framework

    on = args.date or date.today()
    with library_opener(args) as library:
        case = update_condition(
            library, args.case_id, args.number, on=on, by=args.by or actor(),
            status=args.status, note=args.note, evidence_file=args.evidence,
            evidence_note=args.evidence_note, evidence_confidentiality=args.evidence_class,
        )  # fmt: skip
        framework = case_framework(library, case)
    assert case.decision is not None
    condition = case.decision.conditions[args.number - 1]
    found = standing(framework, case.decision, condition, on)
    print(f"{case.id} condition {args.number}: {condition_status_title(found.status)}. {found.why}")
    if args.evidence is not None or args.evidence_note:
        print(f"Evidence recorded ({len(condition.evidence)} in all).")
    return 0
