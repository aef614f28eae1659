"""Read ``framework.toml`` and refuse it, with a precise message, if it is wrong.

Structure is checked against ``resources/schema/framework.schema.json``; the rules that tie
entries together (the five fixed keys, the bands' order, the outcomes a red line names, the
weights each profile gives) are checked here. A message always names the file, the entry and
what is wrong, because the person reading it may have edited the file by hand.
"""

from __future__ import annotations

import functools
import hashlib
import json
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from council_app import resources
from council_app.errors import FrameworkError
from council_app.framework.model import (
    CONSIDERATION_KEYS,
    OUTCOME_KEYS,
    PRINCIPLE_KEYS,
    STAKEHOLDER_GROUP_KEYS,
    Band,
    Consideration,
    Direction,
    Framework,
    Outcome,
    Principle,
    PrinciplesRule,
    RedLine,
    RedLineCondition,
    RedLinesApply,
    ScoringRules,
    StakeholderGroup,
    VotingRule,
    VotingRules,
    WeightProfile,
)

FRAMEWORK_SCHEMA_FILE = "schema/framework.schema.json"
# The bundled definition is 16 KB; a file a hundred times larger is not a framework.
MAX_FRAMEWORK_BYTES = 2 * 1024 * 1024

# SHA-256 of the bundled framework.toml as shipped; a test checks it against the file and checks
# that file in full. Matching, the file is known valid and start-up skips jsonschema (a quarter
# of a second to import); an installation whose copy was changed is still checked in full.
# Changing framework.toml means updating this (the test says so).
BUNDLED_FRAMEWORK_SHA256 = "23879757e389b88e785e7adedceb94ddee1c1241e81a89a8914fee8e406fefd4"


def bundled_framework_text() -> str:
    """The text of the framework definition shipped in ``resources/``: a new library's first."""
    path = resources.resource_path(resources.FRAMEWORK_FILE)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FrameworkError(
            f"The framework definition {resources.FRAMEWORK_FILE} is missing from this "
            f"installation ({exc.strerror or exc}). Reinstall Council Desk."
        ) from exc


def framework_digest(text: str) -> str:
    """The SHA-256 of a framework definition's text, as a library records it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.cache
def bundled_framework() -> Framework:
    """The framework definition shipped in ``resources/``."""
    return framework_from_text(bundled_framework_text(), resources.FRAMEWORK_FILE)


@functools.lru_cache(maxsize=32)
def framework_from_text(text: str, source: str) -> Framework:
    """The framework a stored text defines, parsed once per text (a library keeps several).

    The shipped text is known valid by its digest; any other is checked in full.
    """
    shipped = framework_digest(text) == BUNDLED_FRAMEWORK_SHA256
    return parse_framework(text, source=source, checked=shipped)


def load_framework(path: Path | None = None) -> Framework:
    """The framework at ``path``, or the bundled one when ``path`` is None."""
    if path is None:
        return bundled_framework()
    from council_app.user_files import read_user_text

    text = read_user_text(
        path,
        limit=MAX_FRAMEWORK_BYTES,
        what="a framework definition",
        outcome="the framework was not used",
        error=FrameworkError,
    )
    return parse_framework(text, source=str(path))


def parse_framework(
    text: str, *, source: str = "framework.toml", checked: bool = False
) -> Framework:
    """The framework in ``text``; ``checked`` skips the schema, for the shipped file only."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError(f"{source}: not valid TOML: {exc}.") from exc
    if not checked:
        from council_app.validation import problems  # jsonschema: only when a file is checked

        found = problems(_schema_validator(), data)
        if found:
            raise FrameworkError(_message(source, found))
    found = _cross_checks(data)
    if found:
        raise FrameworkError(_message(source, found))
    return _build(data, source)


@functools.cache
def _schema_validator() -> Any:
    from council_app.validation import make_validator

    return make_validator(json.loads(resources.read_text(FRAMEWORK_SCHEMA_FILE)))


def _message(source: str, found: list[str]) -> str:
    head = f"{source}: the framework definition is not valid"
    return head + ":\n" + "\n".join(f"  - {p}" for p in found[:20])


def _keys_problem(
    entries: Sequence[Mapping[str, Any]], section: str, expected: tuple[str, ...]
) -> list[str]:
    keys = [entry["key"] for entry in entries]
    found: list[str] = []
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key in seen:
            found.append(f"{section}[{index}] ({key}): the key {key!r} appears twice")
        seen.add(key)
        if key not in expected:
            found.append(
                f"{section}[{index}] ({key}): unknown key {key!r}; the {section} are "
                f"{', '.join(expected)}"
            )
    missing = [k for k in expected if k not in seen]
    if missing:
        found.append(f"{section}: missing {', '.join(repr(m) for m in missing)}")
    return found


def _cross_checks(data: Mapping[str, Any]) -> list[str]:
    found: list[str] = []
    found += _keys_problem(data["considerations"], "considerations", CONSIDERATION_KEYS)
    found += _keys_problem(data["principles"], "principles", PRINCIPLE_KEYS)
    found += _keys_problem(data["stakeholder_groups"], "stakeholder_groups", STAKEHOLDER_GROUP_KEYS)
    found += _keys_problem(data["outcomes"], "outcomes", OUTCOME_KEYS)

    for index, item in enumerate(data["considerations"]):
        derived = item.get("derived_from")
        if (item["key"] == "principles") != (derived == "principles"):
            found.append(
                f"considerations[{index}] ({item['key']}): only the 'principles' consideration is "
                "derived_from the principle ratings, and it must say so"
            )

    outcome_keys = set(OUTCOME_KEYS)
    bands = data["scoring"]["bands"]
    previous = 0.0
    for index, band in enumerate(bands):
        where = f"scoring.bands[{index}]"
        if band["outcome"] not in outcome_keys or band["outcome"] == "defer":
            found.append(
                f"{where}: outcome {band['outcome']!r} cannot be recommended by a band; use one of "
                "approve, approve_with_conditions, restrict, decline"
            )
        last = index == len(bands) - 1
        if "below" in band:
            if last:
                found.append(f"{where}: the last band must have no 'below' limit")
            elif band["below"] <= previous:
                found.append(
                    f"{where}: 'below' must be greater than the band before ({previous:g})"
                )
            else:
                previous = float(band["below"])
        elif not last:
            found.append(f"{where}: every band but the last needs a 'below' limit")

    targets = {*CONSIDERATION_KEYS, *PRINCIPLE_KEYS, "any_principle"}
    for index, line in enumerate(data.get("red_lines", [])):
        where = f"red_lines[{index}] ({line['key']})"
        if line["floor"] not in outcome_keys or line["floor"] == "defer":
            found.append(f"{where}: floor {line['floor']!r} is not an outcome a red line can set")
        for c_index, condition in enumerate(line["conditions"]):
            c_where = f"{where}.conditions[{c_index}]"
            if condition["target"] not in targets:
                found.append(
                    f"{c_where}: unknown target {condition['target']!r}; use a consideration key, "
                    "a principle key or 'any_principle'"
                )
            if condition["target"] == "principles":
                found.append(f"{c_where}: name a principle or 'any_principle', not 'principles'")
            if "at_least" not in condition and "at_most" not in condition:
                found.append(f"{c_where}: give 'at_least' or 'at_most'")

    profile_keys: set[str] = set()
    for index, profile in enumerate(data["weight_profiles"]):
        where = f"weight_profiles[{index}] ({profile['key']})"
        if profile["key"] in profile_keys:
            found.append(f"{where}: the key {profile['key']!r} appears twice")
        profile_keys.add(profile["key"])
        weights = profile["weights"]
        unknown = [k for k in weights if k not in CONSIDERATION_KEYS]
        missing = [k for k in CONSIDERATION_KEYS if k not in weights]
        if unknown:
            found.append(f"{where}.weights: unknown consideration {', '.join(map(repr, unknown))}")
        if missing:
            found.append(f"{where}.weights: no weight for {', '.join(map(repr, missing))}")
        if not unknown and not missing and sum(weights.values()) <= 0:
            found.append(f"{where}.weights: at least one weight must be above zero")
    default = data["weights"]["default_profile"]
    if default not in profile_keys:
        found.append(f"weights.default_profile: {default!r} is not one of the weight_profiles")
    return found


def _build(data: Mapping[str, Any], source: str) -> Framework:
    considerations = tuple(
        Consideration(
            key=item["key"],
            title=item["title"],
            short_title=item.get("short_title", item["title"]),
            direction=cast(Direction, item["direction"]),
            description=item["description"],
            questions=tuple(item["questions"]),
            levels=tuple(item["levels"]),
            derived_from=item.get("derived_from"),
        )
        for item in data["considerations"]
    )
    principles = tuple(
        Principle(
            key=item["key"],
            title=item["title"],
            summary=item["summary"],
            questions=tuple(item["questions"]),
            levels=tuple(item["levels"]),
        )
        for item in data["principles"]
    )
    groups = tuple(
        StakeholderGroup(
            key=item["key"], title=item["title"], description=item.get("description", "")
        )
        for item in data["stakeholder_groups"]
    )
    outcomes = tuple(
        Outcome(
            key=item["key"],
            title=item["title"],
            description=item.get("description", ""),
            review_months=int(item["review_months"]),
            requires_conditions=bool(item.get("requires_conditions", False)),
        )
        for item in data["outcomes"]
    )
    scoring = data["scoring"]
    rules = ScoringRules(
        principles_rule=cast(PrinciplesRule, scoring["principles_rule"]),
        bands=tuple(Band(outcome=b["outcome"], below=b.get("below")) for b in scoring["bands"]),
        red_lines=tuple(
            RedLine(
                key=line["key"],
                description=line["description"],
                floor=line["floor"],
                conditions=tuple(
                    RedLineCondition(
                        target=c["target"], at_least=c.get("at_least"), at_most=c.get("at_most")
                    )
                    for c in line["conditions"]
                ),
            )
            for line in data.get("red_lines", [])
        ),
        disagreement_threshold=float(scoring.get("disagreement_threshold", 1)),
        red_lines_apply=cast(RedLinesApply, scoring.get("red_lines_apply", "council")),
    )
    voting = data.get("voting", {})
    profiles = tuple(
        WeightProfile(
            key=item["key"],
            title=item["title"],
            description=item.get("description", ""),
            weights={k: float(item["weights"][k]) for k in CONSIDERATION_KEYS},
        )
        for item in data["weight_profiles"]
    )
    return Framework(
        name=data["framework"]["name"],
        version=str(data["framework"]["version"]),
        considerations=considerations,
        principles=principles,
        stakeholder_groups=groups,
        outcomes=outcomes,
        scoring=rules,
        weight_profiles=profiles,
        default_profile_key=data["weights"]["default_profile"],
        voting=VotingRules(
            rule=cast(VotingRule, voting.get("rule", "simple_majority")),
            casting_vote=voting.get("casting_vote", "").strip(),
        ),
        source=source,
    )
