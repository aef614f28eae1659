"""``council-app member``: the council's members, their kinds and their declared interests."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from council_app.cli.arguments import iso_date, positive
from council_app.cli.council_commands import _subcommand
from council_app.errors import CouncilError


def add_parsers(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    member = command(
        "member", "the council's members: their kinds and declared interests", data=False
    )
    actions = member.add_subparsers(dest="member_command", metavar="ACTION", required=True)
    listing = _subcommand(actions, "list", "the members, with their kinds and current interests")
    listing.add_argument("--json", action="store_true")
    kind = _subcommand(
        actions, "kind", "show or set a member's kind (a word such as external or internal)"
    )
    kind.add_argument("name", metavar="NAME")
    kind.add_argument("kind", metavar="KIND", nargs="?", help="'' clears it")
    interests = _subcommand(
        actions, "interests", "list a member's declared interests; add or withdraw one"
    )
    interests.add_argument("name", metavar="NAME")
    change = interests.add_mutually_exclusive_group()
    change.add_argument("--add", metavar="TEXT", help="declare an interest, in the member's words")
    change.add_argument(
        "--withdraw", metavar="N", type=positive, help="withdraw interest number N (it is kept)"
    )
    interests.add_argument(
        "--kind", metavar="KIND", help="with --add: customer, sector, product, region or role"
    )
    interests.add_argument("--note", default="", help="with --add: anything said with it")
    interests.add_argument(
        "--date",
        type=iso_date,
        metavar="DATE",
        help="the day declared or withdrawn (default today)",
    )
    interests.add_argument("--json", action="store_true")


def _interest_json(interest: Any) -> dict[str, Any]:
    return {
        "number": interest.number,
        "kind": interest.kind,
        "text": interest.text,
        "declared_on": interest.declared_on.isoformat(),
        "withdrawn_on": interest.withdrawn_on.isoformat() if interest.withdrawn_on else None,
        "note": interest.note,
    }


def _interests(args: argparse.Namespace, library: Any, print_json: Callable[[Any], None]) -> None:
    from council_app.library import interests as register

    if args.add is not None:
        if args.kind is None:
            raise CouncilError(
                "Say what kind of interest it is with --kind (customer, sector, product, region "
                "or role); nothing was changed."
            )
        added = register.add_interest(
            library, args.name, args.kind, args.add, declared_on=args.date, note=args.note
        )
        print(f"Declared: {added.member}'s interest {added.sentence()}")
    elif args.withdraw is not None:
        withdrawn = register.withdraw_interest(
            library, args.name, args.withdraw, withdrawn_on=args.date
        )
        print(f"Withdrawn: {withdrawn.member}'s interest {withdrawn.sentence()}")
    elif args.kind is not None or args.note:
        raise CouncilError("--kind and --note go with --add; nothing was changed.")
    listed = register.member_interests(library, args.name)
    if args.json:
        print_json([_interest_json(i) for i in listed])
    elif args.add is None and args.withdraw is None:
        name = args.name.strip()
        print("\n".join(i.sentence() for i in listed) or f"{name} has declared no interests.")


def cmd_member(
    args: argparse.Namespace, library_opener: Callable[..., Any], print_json: Callable[[Any], None]
) -> int:
    from dataclasses import replace

    from council_app.library.interests import council_member_name
    from council_app.library.members import list_members, member_kind, save_members

    with library_opener(args) as library:
        action = args.member_command
        if action == "interests":
            _interests(args, library, print_json)
        elif action == "kind":
            name = council_member_name(library, args.name)
            members = list_members(library)
            found = next(m for m in members if m.name == name)
            if args.kind is not None:
                found = replace(found, kind=member_kind(args.kind))
                save_members(library, [found if m.name == found.name else m for m in members])
            print(f"{found.name}: {found.kind or 'no kind'}.")
        else:
            members = list_members(library)
            if args.json:
                print_json([
                    {"name": m.name, "role": m.role, "voting": m.voting, "kind": m.kind,
                     "interests": [_interest_json(i) for i in m.interests]}
                    for m in members
                ])  # fmt: skip
            else:
                lines = []
                for m in members:
                    kind = f" [{m.kind}]" if m.kind else ""
                    lines.append(f"{m.name}{kind} — {m.role or 'no role'}")
                    lines += [f"    {i.sentence()}" for i in m.current_interests]
                print("\n".join(lines) or "The council has no members listed.")
    return 0
