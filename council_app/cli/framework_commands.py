"""``council-app framework``: the library's framework, its versions, and adopting a new one."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from council_app.cli.council_commands import _subcommand
from council_app.errors import CouncilError

if TYPE_CHECKING:
    from council_app.framework import Framework
    from council_app.library import CaseLibrary
    from council_app.library.frameworks import FrameworkVersion


def add_parsers(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    group = command(
        "framework",
        "the library's decision framework: show it, export it, adopt a revised one, its history",
        data=False,
    )
    actions = group.add_subparsers(dest="framework_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        return _subcommand(actions, name, help_text)

    show = action("show", "the framework in force (or another version the library adopted)")
    show.add_argument("--version", dest="framework_version", metavar="VERSION")
    show.add_argument("--json", action="store_true", help="print JSON instead of text")
    export = action("export", "write the framework's definition (TOML) to FILE, to revise it")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    export.add_argument("--version", dest="framework_version", metavar="VERSION")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    adopt = action(
        "adopt",
        "check FILE in full and make it the framework in force for cases assessed from now on",
    )
    adopt.add_argument("file", type=Path, metavar="FILE")
    adopt.add_argument("--note", required=True, metavar="TEXT", help="why the council adopts it")
    history = action("history", "every version the library has adopted, with who, when and why")
    history.add_argument("--json", action="store_true", help="print JSON instead of text")
    taxonomy = action(
        "add-taxonomy",
        "adopt the framework in force with a taxonomy added (for example the EU AI Act's, "
        "shipped in resources/taxonomies/eu-ai-act.toml)",
    )
    taxonomy.add_argument("file", type=Path, metavar="FILE")
    taxonomy.add_argument(
        "--version", dest="framework_version", required=True, metavar="VERSION",
        help="the new framework version",
    )  # fmt: skip
    taxonomy.add_argument("--note", required=True, metavar="TEXT", help="why the council adopts it")
    move = action("move", "assess a case not yet decided under the framework in force from now on")
    move.add_argument("case_id", metavar="ID")
    diff = action("diff", "what changed from version A to version B (or a framework FILE)")
    diff.add_argument("before", metavar="A")
    diff.add_argument("after", metavar="B")
    diff.add_argument("--text", action="store_true", help="also show the definitions line by line")


def add_classify_parser(command: Callable[..., argparse.ArgumentParser]) -> None:
    classify = command(
        "classify",
        "place a case under an entry of its framework's taxonomies (or --remove it)",
        data=False,
    )
    classify.add_argument("case_id", metavar="ID")
    classify.add_argument("key", metavar="KEY", help="taxonomy.entry, e.g. eu_ai_act.biometrics")
    classify.add_argument("--basis", default="", metavar="TEXT", help="why the case falls under it")
    classify.add_argument(
        "--exception", default="", metavar="TEXT",
        help="a recorded exception to the entry's floor on the recommendation, with its basis",
    )  # fmt: skip
    classify.add_argument("--remove", action="store_true", help="take the classification off")


def add_coverage_parser(command: Callable[..., argparse.ArgumentParser]) -> None:
    cover = command(
        "coverage",
        "what the framework asks of this kind of case; with KEY and TEXT, answer it",
        data=False,
    )
    cover.add_argument("case_id", metavar="ID")
    cover.add_argument(
        "key", nargs="?", metavar="KEY", help="a requirement, e.g. biometrics.question.dpia"
    )
    cover.add_argument(
        "text", nargs="?", default="", metavar="TEXT",
        help="the answer to the question, or why the group was not heard",
    )  # fmt: skip
    cover.add_argument("--clear", action="store_true", help="take the answer away")


def cmd_coverage(args: argparse.Namespace, library_opener: Callable[..., Any]) -> int:
    from council_app.case_edits import set_coverage_note
    from council_app.council.coverage import coverage
    from council_app.library import frameworks

    with library_opener(args) as library:
        case = library.get_case(args.case_id)
        framework = frameworks.case_framework(library, case)
        found = coverage(framework, case)
        if args.key is not None:
            keys = [r.key for r in found]
            if args.key not in keys:
                listed = ", ".join(keys) or "none: no coverage rule applies to this case"
                raise CouncilError(
                    f"{args.key!r} is not a requirement of {case.id} (its requirements: "
                    f"{listed}); nothing changed."
                )
            if not args.clear and not args.text.strip():
                raise CouncilError(
                    "Give the answer or the reason (TEXT), or --clear; nothing changed."
                )
            case = set_coverage_note(case, args.key, "" if args.clear else args.text)
            library.save_case(case)
            found = coverage(framework, case)
    if not found:
        print(f"No coverage rule of framework {framework.version} applies to {case.id}.")
        return 0
    for r in found:
        print(f"{'OPEN ' if r.is_open else '     '}{r.key}: {r.sentence()}")
    missing = sum(r.is_open for r in found)
    print(f"{missing} of {len(found)} open." if missing else f"All {len(found)} covered.")
    return 0


def cmd_classify(args: argparse.Namespace, library_opener: Callable[..., Any]) -> int:
    from council_app.case_edits import remove_classification, set_classification
    from council_app.framework.taxonomy import classification_keys, find_entry
    from council_app.library import frameworks

    with library_opener(args) as library:
        case = library.get_case(args.case_id)
        framework = frameworks.case_framework(library, case)
        if args.remove:
            if args.key not in {c.key for c in case.classifications}:
                raise CouncilError(f"{case.id} is not classified as {args.key}; nothing changed.")
            library.save_case(remove_classification(case, args.key))
            print(f"{case.id} is no longer classified as {args.key}.")
            return 0
        found = find_entry(framework, args.key)
        if found is None:
            known = ", ".join(classification_keys(framework)) or "none: add a taxonomy first"
            in_force = frameworks.framework_in_force(library)
            move = (
                f" Framework {in_force.version}, in force, has it: `council-app framework move "
                f"{case.id}` assesses the case under it."
                if find_entry(in_force, args.key) is not None and case.decision is None
                else ""
            )
            raise CouncilError(
                f"{args.key!r} is not an entry of framework {framework.version}'s taxonomies "
                f"(its entries: {known}); nothing changed.{move}"
            )
        taxonomy, entry = found
        library.save_case(set_classification(case, args.key, args.basis, args.exception))
    what = f"{entry.title} ({taxonomy.title}, {entry.kind.replace('_', ' ')})"
    print(f"{case.id} is classified as {what}.")
    if entry.floor and not args.exception.strip():
        print(f"Its recommendation is at least {framework.outcome_title(entry.floor)}.")
    if entry.obligations:
        print(
            f"A decision that lets it go ahead takes {len(entry.obligations)} obligation(s) as conditions."
        )
    return 0


def _version_json(version: FrameworkVersion, in_force: bool) -> dict[str, Any]:
    return {
        "version": version.version,
        "name": version.name,
        "adopted_at": version.adopted_at,
        "adopted_by": version.adopted_by,
        "note": version.note,
        "sha256": version.sha256,
        "in_force": in_force,
    }


def framework_json(framework: Framework) -> dict[str, Any]:
    """The framework's rules as data: what a script needs to read a case in its terms."""
    return {
        "considerations": [
            {
                "key": c.key,
                "title": c.title,
                "direction": c.direction,
                **({"derived_from": c.derived_from} if c.derived_from else {}),
            }
            for c in framework.considerations
        ],
        "principles": [{"key": p.key, "title": p.title} for p in framework.principles],
        "stakeholder_groups": [
            {"key": g.key, "title": g.title} for g in framework.stakeholder_groups
        ],
        "outcomes": [
            {"key": o.key, "title": o.title, "review_months": o.review_months}
            for o in framework.outcomes
        ],
        "bands": [{"outcome": b.outcome, "below": b.below} for b in framework.scoring.bands],
        "red_lines": [
            {"key": r.key, "description": r.description, "floor": r.floor}
            for r in framework.scoring.red_lines
        ],
        "weight_profiles": [
            {"key": p.key, "title": p.title, "weights": dict(p.weights)}
            for p in framework.weight_profiles
        ],
        "default_profile": framework.default_profile_key,
        "principles_rule": framework.scoring.principles_rule,
        "voting": {"rule": framework.voting.rule, "casting_vote": framework.voting.casting_vote},
    }


def framework_text(version: FrameworkVersion, in_force: bool) -> str:
    """The framework as a member reads it before a sitting: what is weighed, and how."""
    framework = version.framework
    state = "in force" if in_force else "not in force"
    lines = [
        f"{framework.name}, version {framework.version} ({state})",
        f"Adopted {version.adopted_at[:10]} by {version.adopted_by}: {version.note}",
        "",
        f"Considerations (weights of the default profile, {framework.default_profile.title}):",
    ]
    weights = framework.default_profile.weights
    total = sum(weights.values()) or 1.0
    for c in framework.considerations:
        how = " (rated as effectiveness)" if c.direction == "effectiveness" else ""
        derived = " (from the principles)" if c.derived_from else ""
        lines.append(f"  {c.title}{how}{derived}: {100 * weights[c.key] / total:.0f}%")
    if framework.principles:
        lines += ["", "Principles:"] + [f"  {p.title}" for p in framework.principles]
    lines += ["", "Outcomes, most permissive first:"]
    lines += [f"  {o.title} (review after {o.review_months} months)" for o in framework.outcomes]
    lines += ["", "Recommendation by concern index:"]
    previous = 0.0
    for band in framework.scoring.bands:
        title = framework.outcome_title(band.outcome)
        if band.below is None:
            lines.append(f"  {previous:g} and above: {title}")
        else:
            lines.append(f"  {previous:g} to below {band.below:g}: {title}")
            previous = band.below
    if framework.scoring.red_lines:
        lines += ["", "Red lines:"]
        lines += [
            f"  {line.description} (at least {framework.outcome_title(line.floor)})"
            for line in framework.scoring.red_lines
        ]
    lines += [
        "",
        "Stakeholder groups: " + ", ".join(g.title for g in framework.stakeholder_groups),
        "Voting: "
        + framework.voting.rule.replace("_", " ")
        + (
            f", casting vote: {framework.voting.casting_vote}"
            if framework.voting.casting_vote
            else ""
        ),
    ]
    return "\n".join(lines)


def _resolved(library: CaseLibrary, name: str) -> tuple[str, FrameworkVersion | None, Framework]:
    """A version the library adopted, or a framework file not adopted (yet)."""
    from council_app.framework import load_framework
    from council_app.library import frameworks

    path = Path(name)
    if name.endswith(".toml") or (path.exists() and path.is_file()):
        framework = load_framework(path)
        return f"{name} (framework {framework.version})", None, framework
    version = frameworks.find_version(library, name)
    return f"framework {version.version}", version, version.framework


def cmd_framework(
    args: argparse.Namespace, library_opener: Callable[..., Any], print_json: Callable[[Any], None]
) -> int:
    from council_app import paths
    from council_app.library import frameworks

    with library_opener(args) as library:
        in_force = frameworks.version_in_force(library)
        if args.framework_command == "show":
            version = (
                frameworks.find_version(library, args.framework_version)
                if args.framework_version
                else in_force
            )
            current = version.id == in_force.id
            if args.json:
                print_json({**_version_json(version, current), **framework_json(version.framework)})
            else:
                print(framework_text(version, current))
        elif args.framework_command == "export":
            version = (
                frameworks.find_version(library, args.framework_version)
                if args.framework_version
                else in_force
            )
            paths.write_user_file(
                args.output,
                version.text.encode("utf-8"),
                force=args.force,
                what="a file name to export the framework to",
            )
            print(
                f"Framework {version.version} written to {args.output}. Revise it, give it a new "
                "version, and adopt it with `council-app framework adopt FILE --note TEXT`."
            )
        elif args.framework_command in ("adopt", "add-taxonomy"):
            from council_app.framework.loader import MAX_FRAMEWORK_BYTES
            from council_app.user_files import read_user_text

            text = read_user_text(
                args.file,
                limit=MAX_FRAMEWORK_BYTES,
                what="a framework definition"
                if args.framework_command == "adopt"
                else "a taxonomy file",
                outcome="nothing was changed",
                error=frameworks.AdoptionRefused,
            )
            if args.framework_command == "add-taxonomy":
                text = frameworks.with_taxonomy(
                    in_force.text, text, version=args.framework_version, source=str(args.file)
                )
            adopted = frameworks.adopt(library, text, note=args.note, source=str(args.file))
            changes = frameworks.differences(in_force.framework, adopted.framework)
            print(
                f"Framework {adopted.version} adopted: it applies to cases assessed from now on; "
                f"cases assessed before keep framework {in_force.version} and its terms."
            )
            if changes:
                print("What changed:\n  " + "\n  ".join(changes))
            print(
                "To see which decided cases it recommends differently: council-app replay "
                f"--framework {in_force.version}"
            )
        elif args.framework_command == "move":
            moved = frameworks.move_to_framework_in_force(library, args.case_id)
            print(f"{moved.id} is now assessed under framework {moved.framework_version}.")
        elif args.framework_command == "history":
            versions = frameworks.versions(library)
            if args.json:
                print_json([_version_json(v, v.id == in_force.id) for v in versions])
            else:
                for v in versions:
                    mark = " (in force)" if v.id == in_force.id else ""
                    print(f"{v.version}{mark}  adopted {v.adopted_at[:10]} by {v.adopted_by}")
                    print(f"    {v.note}")
        else:  # diff
            before_name, before_version, before = _resolved(library, args.before)
            after_name, after_version, after = _resolved(library, args.after)
            changes = frameworks.differences(before, after)
            print(f"From {before_name} to {after_name}:")
            print("  " + "\n  ".join(changes) if changes else "  No change to the rules.")
            if args.text:
                if before_version is None or after_version is None:
                    raise CouncilError("--text compares two versions the library adopted.")
                print(frameworks.text_diff(before_version, after_version) or "(same text)")
    return 0
