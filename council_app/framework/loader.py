"""Read ``framework.toml`` and refuse it, with a precise message, if it is wrong.

Structure is checked against ``resources/schema/framework.schema.json``; the rules that tie
entries together are checked here:

- 2 to 12 considerations with any keys (``^[a-z][a-z0-9_]*$``), each with its own direction,
  questions and levels; keys are unique across the considerations *and* the principles, since a
  rating is found by its key alone (``any_principle`` is reserved for red lines).
- Any number of principles, including none. At most one consideration is
  ``derived_from = "principles"``: there must be one when there are principles and none when
  there are none.
- One or more stakeholder groups, with any keys (unique).
- Outcomes are listed from the most to the least permissive. Exactly one is the deferral (the
  decision put off pending information): the outcome marked ``defers = true``, or, when none is
  marked, the outcome keyed ``defer``. Bands and red-line floors may name any outcome but the
  deferral; their severity is the list order without it.
- Bands rise in order and the last has no limit; every weight profile weighs every
  consideration and nothing else.
- The rating scale is ``scale_min``..``scale_max`` (0..4 when not given), within
  ``SCALE_LOWEST``..``SCALE_HIGHEST`` and at least three levels wide; every consideration and
  principle anchors each score with one level, and red-line bounds and the disagreement
  threshold lie on it.

 A message always names the file, the entry and
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
from council_app.framework.mapping import KeyMapping
from council_app.framework.model import (
    ANY_PRINCIPLE,
    CLASSIFICATION_TARGET,
    DEFAULT_CONDITION_KINDS,
    DEFAULT_DEFERRAL,
    DEFAULT_SCALE,
    Band,
    CommitmentRules,
    ConditionKind,
    ConfidentialityDefaults,
    Consideration,
    CoverageQuestion,
    CoverageRule,
    Direction,
    EscalationRules,
    Framework,
    Outcome,
    Principle,
    PrinciplesRule,
    RedLine,
    RedLineCondition,
    RedLinesApply,
    ScoringRules,
    StakeholderGroup,
    TriageRule,
    VotingRule,
    VotingRules,
    WeightProfile,
)
from council_app.framework.taxonomy import ReviewPeriod, Taxonomy, TaxonomyEntry
from council_app.vocabulary import CONFIDENTIAL_KINDS

FRAMEWORK_SCHEMA_FILE = "schema/framework.schema.json"
# The bundled definition is 16 KB; a file a hundred times larger is not a framework.
MAX_FRAMEWORK_BYTES = 2 * 1024 * 1024

# SHA-256 of the bundled framework.toml as shipped; a test checks it against the file and checks
# that file in full. Matching, the file is known valid and start-up skips jsonschema (a quarter
# of a second to import); an installation whose copy was changed is still checked in full.
# Changing framework.toml means updating this (the test says so).
BUNDLED_FRAMEWORK_SHA256 = "e9f0df67839529cffa887e453baa050e4f9e2403d8e869676f9b6e464b732ab0"


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


MIN_CONSIDERATIONS = 2
MAX_CONSIDERATIONS = 12


def _keys_problem(
    entries: Sequence[Mapping[str, Any]], section: str, seen: dict[str, str] | None = None
) -> list[str]:
    """Keys appearing twice in ``section``, or already used in another section (``seen``: key
    to the section it was first used in, shared between sections that must not clash)."""
    found: list[str] = []
    here: set[str] = set()
    for index, entry in enumerate(entries):
        key = entry["key"]
        if key in here:
            found.append(f"{section}[{index}] ({key}): the key {key!r} appears twice")
        elif seen is not None and key in seen:
            found.append(
                f"{section}[{index}] ({key}): the key {key!r} is already used by {seen[key]}; "
                "a consideration and a principle cannot share a key"
            )
        here.add(key)
        if seen is not None:
            seen.setdefault(key, f"{section}[{index}]")
    return found


def _shape_problems(data: Mapping[str, Any]) -> list[str]:
    """Considerations, principles and the derived consideration (see the module docstring)."""
    considerations = data["considerations"]
    principles = data["principles"]
    found: list[str] = []
    if not MIN_CONSIDERATIONS <= len(considerations) <= MAX_CONSIDERATIONS:
        found.append(
            f"considerations: a framework has {MIN_CONSIDERATIONS} to {MAX_CONSIDERATIONS} "
            f"considerations; found {len(considerations)}"
        )
    seen: dict[str, str] = {}
    found += _keys_problem(considerations, "considerations", seen)
    found += _keys_problem(principles, "principles", seen)
    for index, item in enumerate(principles):
        if item["key"] == ANY_PRINCIPLE:
            found.append(
                f"principles[{index}] ({item['key']}): the key {ANY_PRINCIPLE!r} is reserved for "
                "red lines; choose another"
            )
    derived = [
        (index, item["key"])
        for index, item in enumerate(considerations)
        if item.get("derived_from") == "principles"
    ]
    for index, key in derived[1:]:
        found.append(
            f"considerations[{index}] ({key}): only one consideration can be "
            f'derived_from = "principles"; {derived[0][1]!r} already is'
        )
    if principles and not derived:
        found.append(
            "principles: a framework with principles needs the consideration derived_from = "
            '"principles"'
        )
    if not principles:
        for index, key in derived:
            found.append(
                f'considerations[{index}] ({key}): derived_from = "principles", but the '
                "framework has no principles"
            )
    return found


def _deferral_problems(outcomes: Sequence[Mapping[str, Any]]) -> tuple[list[str], str | None]:
    """Problems with the deferral, and its key when there is exactly one."""
    marked = [(i, o["key"]) for i, o in enumerate(outcomes) if o.get("defers")]
    if len(marked) > 1:
        named = ", ".join(f"outcomes[{i}] ({key})" for i, key in marked)
        return [
            f"outcomes: exactly one outcome is the deferral, but {len(marked)} say "
            f"defers = true: {named}"
        ], None
    if marked:
        return [], marked[0][1]
    if any(o["key"] == DEFAULT_DEFERRAL for o in outcomes):
        return [], DEFAULT_DEFERRAL
    return [
        "outcomes: no outcome is the deferral (the decision put off pending information); mark "
        "one with defers = true"
    ], None


MIN_SCALE_LEVELS = 3


def scale_of(data: Mapping[str, Any]) -> tuple[int, int]:
    """The framework's rating scale as written, (lowest, highest)."""
    table = data.get("framework", {})
    return (
        int(table.get("scale_min", DEFAULT_SCALE[0])),
        int(table.get("scale_max", DEFAULT_SCALE[1])),
    )


def _scale_problems(data: Mapping[str, Any]) -> list[str]:
    """The scale's own width, each item's levels against it, and the bounds that lie on it."""
    low, high = scale_of(data)
    if high - low + 1 < MIN_SCALE_LEVELS:
        return [
            f"framework: the rating scale {low}–{high} needs at least {MIN_SCALE_LEVELS} levels "
            f"(scale_max at least {low + MIN_SCALE_LEVELS - 1})"
        ]
    size = high - low + 1
    found: list[str] = []
    for section in ("considerations", "principles"):
        for index, item in enumerate(data[section]):
            if len(item["levels"]) != size:
                found.append(
                    f"{section}[{index}] ({item['key']}).levels: the scale {low}–{high} needs "
                    f"{size} levels, one per score; found {len(item['levels'])}"
                )
    for index, line in enumerate(data.get("red_lines", [])):
        for c_index, condition in enumerate(line["conditions"]):
            for bound in ("at_least", "at_most"):
                value = condition.get(bound)
                if value is not None and not low <= value <= high:
                    found.append(
                        f"red_lines[{index}] ({line['key']}).conditions[{c_index}].{bound}: "
                        f"{value} is not on the scale {low}–{high}"
                    )
    threshold = data["scoring"].get("disagreement_threshold")
    if threshold is not None and threshold > high - low:
        found.append(
            f"scoring.disagreement_threshold: {threshold:g} is more than the scale {low}–{high} "
            f"spans ({high - low})"
        )
    return found


def _cross_checks(data: Mapping[str, Any]) -> list[str]:
    found: list[str] = []
    found += _shape_problems(data)
    found += _scale_problems(data)
    found += _keys_problem(data["stakeholder_groups"], "stakeholder_groups")
    found += _keys_problem(data["outcomes"], "outcomes")
    deferral_found, deferral = _deferral_problems(data["outcomes"])
    found += deferral_found
    outcome_keys = [o["key"] for o in data["outcomes"]]
    graded = [k for k in outcome_keys if k != deferral]
    if not graded:
        found.append("outcomes: at least one outcome besides the deferral is needed")

    bands = data["scoring"]["bands"]
    previous = 0.0
    for index, band in enumerate(bands):
        where = f"scoring.bands[{index}]"
        if band["outcome"] not in graded:
            found.append(
                f"{where}: outcome {band['outcome']!r} cannot be recommended by a band; use one of "
                f"{', '.join(graded)}"
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

    principle_keys = [p["key"] for p in data["principles"]]
    derived_keys = [
        c["key"] for c in data["considerations"] if c.get("derived_from") == "principles"
    ]
    rated_keys = [c["key"] for c in data["considerations"] if c["key"] not in derived_keys]
    targets = {*rated_keys, *principle_keys, *([ANY_PRINCIPLE] if principle_keys else [])}
    for index, line in enumerate(data.get("red_lines", [])):
        where = f"red_lines[{index}] ({line['key']})"
        if line["floor"] not in graded:
            found.append(f"{where}: floor {line['floor']!r} is not an outcome a red line can set")
        for c_index, condition in enumerate(line["conditions"]):
            c_where = f"{where}.conditions[{c_index}]"
            target = condition["target"]
            if target == CLASSIFICATION_TARGET:
                if not condition.get("kind"):
                    found.append(
                        f"{c_where}: a 'classification' condition names the entries' kind "
                        '(kind = "high_risk", say)'
                    )
                continue
            if condition.get("kind"):
                found.append(f"{c_where}: 'kind' goes with target = 'classification' only")
            if target in derived_keys:
                found.append(f"{c_where}: name a principle or 'any_principle', not {target!r}")
            elif target not in targets:
                allowed = (
                    "use a consideration key, a principle key or 'any_principle'"
                    if principle_keys
                    else "use a consideration key"
                )
                found.append(f"{c_where}: unknown target {target!r}; {allowed}")
            if "at_least" not in condition and "at_most" not in condition:
                found.append(f"{c_where}: give 'at_least' or 'at_most'")

    consideration_keys = [c["key"] for c in data["considerations"]]
    profile_keys: set[str] = set()
    for index, profile in enumerate(data["weight_profiles"]):
        where = f"weight_profiles[{index}] ({profile['key']})"
        if profile["key"] in profile_keys:
            found.append(f"{where}: the key {profile['key']!r} appears twice")
        profile_keys.add(profile["key"])
        weights = profile["weights"]
        unknown = [k for k in weights if k not in consideration_keys]
        missing = [k for k in consideration_keys if k not in weights]
        if unknown:
            found.append(f"{where}.weights: unknown consideration {', '.join(map(repr, unknown))}")
        if missing:
            found.append(f"{where}.weights: no weight for {', '.join(map(repr, missing))}")
        if not unknown and not missing and sum(weights.values()) <= 0:
            found.append(f"{where}.weights: at least one weight must be above zero")
    default = data["weights"]["default_profile"]
    if default not in profile_keys:
        found.append(f"weights.default_profile: {default!r} is not one of the weight_profiles")
    found += _taxonomy_problems(data, graded)
    found += _mapping_problems(data, rated_keys, principle_keys, outcome_keys)
    found += _commitment_problems(data)
    found += _coverage_problems(data)
    if data.get("triage"):
        found += _keys_problem(data["triage"], "triage")
    for index, period in enumerate(data.get("review_periods", [])):
        where = f"review_periods[{index}]"
        unknown = [o for o in period.get("outcomes", []) if o not in outcome_keys]
        if unknown:
            found.append(f"{where}.outcomes: unknown outcome {', '.join(map(repr, unknown))}")
        if (
            not any(period.get(k) for k in ("outcomes", "regions", "classification_kinds"))
            and "concern_at_least" not in period
        ):
            found.append(
                f"{where}: name the decisions it is for (outcomes, regions, "
                "classification_kinds or concern_at_least)"
            )
    return found


def _commitment_problems(data: Mapping[str, Any]) -> list[str]:
    """The condition kinds: keys unique, at most one that lapses a deferral, and the default
    kind one of them."""
    if "condition_kinds" not in data:
        keys = [k.key for k in DEFAULT_CONDITION_KINDS]
        found: list[str] = []
    else:
        found = _keys_problem(data["condition_kinds"], "condition_kinds")
        keys = [k["key"] for k in data["condition_kinds"]]
        lapsing = [k["key"] for k in data["condition_kinds"] if k.get("lapses_deferral")]
        if len(lapsing) > 1:
            found.append(
                "condition_kinds: only one kind may lapse a deferral; "
                f"{', '.join(map(repr, lapsing))} all do"
            )
    default = data.get("commitments", {}).get("default_kind", CommitmentRules().default_kind)
    if default not in keys:
        found.append(
            f"commitments.default_kind: {default!r} is not one of the condition_kinds "
            f"({', '.join(keys)})"
        )
    return found


def _coverage_problems(data: Mapping[str, Any]) -> list[str]:
    """Rules with unique keys, each naming stakeholder groups the framework has, asking
    questions with unique keys, and applying to something (a tag or a product)."""
    rules = data.get("coverage", [])
    found = _keys_problem(rules, "coverage") if rules else []
    groups = {g["key"] for g in data["stakeholder_groups"]}
    for index, rule in enumerate(rules):
        where = f"coverage[{index}] ({rule['key']})"
        unknown = [g for g in rule.get("stakeholder_groups", []) if g not in groups]
        if unknown:
            found.append(
                f"{where}.stakeholder_groups: unknown group {', '.join(map(repr, unknown))}"
            )
        if not rule.get("tags") and not rule.get("products"):
            found.append(f"{where}: name the tags or products it applies to")
        if not rule.get("stakeholder_groups") and not rule.get("questions"):
            found.append(f"{where}: require a stakeholder group or a question")
        keys = [q["key"] for q in rule.get("questions", [])]
        if len(set(keys)) != len(keys):
            found.append(f"{where}.questions: each question needs its own key")
    return found


def _condition_kinds(data: Mapping[str, Any]) -> tuple[ConditionKind, ...]:
    if "condition_kinds" not in data:
        return DEFAULT_CONDITION_KINDS
    return tuple(
        ConditionKind(
            key=k["key"],
            title=k["title"],
            description=k.get("description", ""),
            calls_review=tuple(k.get("calls_review", [])),
            lapses_deferral=bool(k.get("lapses_deferral", False)),
        )
        for k in data["condition_kinds"]
    )


def _commitment_rules(data: Mapping[str, Any]) -> CommitmentRules:
    table = data.get("commitments", {})
    default = CommitmentRules()
    return CommitmentRules(
        waiver_needs_reason=bool(table.get("waiver_needs_reason", default.waiver_needs_reason)),
        deferral_lapses_after_days=int(
            table.get("deferral_lapses_after_days", default.deferral_lapses_after_days)
        ),
        default_kind=table.get("default_kind", default.default_kind),
    )


def _mapping_problems(
    data: Mapping[str, Any],
    rated: Sequence[str],
    principles: Sequence[str],
    outcomes: Sequence[str],
) -> list[str]:
    """Each mapping renames into keys this framework defines, from a version not its own."""
    found: list[str] = []
    seen: set[str] = set()
    groups = [g["key"] for g in data["stakeholder_groups"]]
    own = str(data["framework"]["version"])
    for index, mapping in enumerate(data.get("mappings", [])):
        version = str(mapping["from_version"])
        where = f"mappings[{index}] (from {version})"
        if version == own:
            found.append(f"{where}: a framework does not map from its own version")
        if version in seen:
            found.append(f"{where}: there is already a mapping from {version}")
        seen.add(version)
        for section, known in (
            ("considerations", rated),
            ("principles", principles),
            ("stakeholder_groups", groups),
            ("outcomes", outcomes),
        ):
            renames = mapping.get(section, {})
            for new in {n for n in renames.values() if list(renames.values()).count(n) > 1}:
                olds = ", ".join(repr(o) for o, n in renames.items() if n == new)
                found.append(
                    f"{where}.{section}: {olds} all map to {new!r}; one would overwrite "
                    "another, so map each to a key of its own"
                )
            for old, new in renames.items():
                if new not in known:
                    found.append(
                        f"{where}.{section}: {old!r} maps to {new!r}, which this framework does "
                        f"not define ({', '.join(known) or 'none'})"
                    )
    return found


def _taxonomy_problems(data: Mapping[str, Any], graded: list[str]) -> list[str]:
    found: list[str] = []
    seen: set[str] = set()
    for index, taxonomy in enumerate(data.get("taxonomies", [])):
        where = f"taxonomies[{index}] ({taxonomy['key']})"
        if taxonomy["key"] in seen:
            found.append(f"{where}: the key {taxonomy['key']!r} appears twice")
        seen.add(taxonomy["key"])
        entries: set[str] = set()
        for e_index, entry in enumerate(taxonomy["entries"]):
            e_where = f"{where}.entries[{e_index}] ({entry['key']})"
            if entry["key"] in entries:
                found.append(f"{e_where}: the key {entry['key']!r} appears twice")
            entries.add(entry["key"])
            floor = entry.get("floor")
            if floor is not None and floor not in graded:
                found.append(
                    f"{e_where}: floor {floor!r} is not an outcome a floor can set; use one of "
                    f"{', '.join(graded)}"
                )
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
    deferral = _deferral_problems(data["outcomes"])[1]
    outcomes = tuple(
        Outcome(
            key=item["key"],
            title=item["title"],
            description=item.get("description", ""),
            review_months=int(item["review_months"]),
            requires_conditions=bool(item.get("requires_conditions", False)),
            defers=item["key"] == deferral,
            colour=item.get("colour", "").upper(),
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
                        target=c["target"],
                        at_least=c.get("at_least"),
                        at_most=c.get("at_most"),
                        kind=c.get("kind"),
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
            weights={c.key: float(item["weights"][c.key]) for c in considerations},
        )
        for item in data["weight_profiles"]
    )
    taxonomies = tuple(
        Taxonomy(
            key=t["key"],
            title=t["title"],
            description=t.get("description", ""),
            entries=tuple(
                TaxonomyEntry(
                    key=e["key"],
                    title=e["title"],
                    kind=e["kind"],
                    description=e.get("description", ""),
                    reference=e.get("reference", ""),
                    floor=e.get("floor"),
                    obligations=tuple(e.get("obligations", [])),
                    review_months=e.get("review_months"),
                )
                for e in t["entries"]
            ),
        )
        for t in data.get("taxonomies", [])
    )
    review_periods = tuple(
        ReviewPeriod(
            months=int(r["months"]),
            outcomes=tuple(r.get("outcomes", [])),
            regions=tuple(r.get("regions", [])),
            classification_kinds=tuple(r.get("classification_kinds", [])),
            concern_at_least=r.get("concern_at_least"),
            note=r.get("note", ""),
        )
        for r in data.get("review_periods", [])
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
        taxonomies=taxonomies,
        review_periods=review_periods,
        scale_min=scale_of(data)[0],
        scale_max=scale_of(data)[1],
        mappings=tuple(
            KeyMapping(
                from_version=str(m["from_version"]),
                considerations=dict(m.get("considerations", {})),
                principles=dict(m.get("principles", {})),
                stakeholder_groups=dict(m.get("stakeholder_groups", {})),
                outcomes=dict(m.get("outcomes", {})),
                note=m.get("note", ""),
            )
            for m in data.get("mappings", [])
        ),
        condition_kinds=_condition_kinds(data),
        commitments=_commitment_rules(data),
        triage=tuple(
            TriageRule(
                key=r["key"],
                title=r["title"],
                route=r["route"],
                sectors=tuple(r.get("sectors", [])),
                regions=tuple(r.get("regions", [])),
                words=tuple(r.get("words", [])),
            )
            for r in data.get("triage", [])
        ),
        escalation=EscalationRules(
            board_may_loosen_strictest=bool(
                data.get("escalation", {}).get("board_may_loosen_strictest", False)
            )
        ),
        coverage=tuple(
            CoverageRule(
                key=r["key"],
                title=r["title"],
                tags=tuple(r.get("tags", [])),
                products=tuple(r.get("products", [])),
                stakeholder_groups=tuple(r.get("stakeholder_groups", [])),
                questions=tuple(
                    CoverageQuestion(key=q["key"], text=q["text"]) for q in r.get("questions", [])
                ),
            )
            for r in data.get("coverage", [])
        ),
        confidentiality=ConfidentialityDefaults(
            **{
                kind: str(level)
                for kind, level in data.get("confidentiality", {}).items()
                if kind in CONFIDENTIAL_KINDS
            }
        ),
    )
