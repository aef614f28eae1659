"""The record's vocabulary is stated once: the schema, the framework and the command line agree
with council_app.vocabulary, and what a user reads is its titles."""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from council_app import vocabulary as v
from council_app.case import CASE_STATUSES
from council_app.cli import build_parser
from council_app.council import sessions as s
from council_app.framework import Framework, bundled_framework
from council_app.library import CaseLibrary
from tests.factories import make_case
from tests.test_cli import run

OUTCOME_KEYS = bundled_framework().outcome_keys
PRINCIPLE_KEYS = bundled_framework().principle_keys


def check_list(library: CaseLibrary, table: str, column: str) -> tuple[str, ...]:
    """The values a column's CHECK (column IN (...)) allows, read from the schema itself."""
    (sql,) = library.db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
    ).fetchone()
    found = re.search(rf"CHECK \({column} IN\s*\(([^)]*)\)\)", sql)
    assert found, f"{table}.{column} has no CHECK list"
    return tuple(re.findall(r"'([^']*)'", found.group(1)))


def test_the_schema_allows_exactly_the_core_vocabularies() -> None:
    library = CaseLibrary.in_memory()
    assert check_list(library, "cases", "status") == v.CASE_STATUSES
    assert check_list(library, "sessions", "status") == v.SITTING_STATUSES


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("decisions", "outcome"),
        ("votes", "vote"),
        ("session_votes", "vote"),
        ("consideration_ratings", "consideration"),
        ("principle_ratings", "principle"),
        ("stakeholder_input", "stakeholder_group"),
    ],
)
def test_the_frameworks_keys_are_the_libraries_framework_not_a_list_in_the_schema(
    table: str, column: str
) -> None:
    # The framework a case is assessed under says which keys it may name (framework.fit).
    (sql,) = (
        CaseLibrary.in_memory()
        .db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table])
        .fetchone()
    )
    assert f"CHECK ({column} IN" not in sql


def test_the_restated_outcomes_are_the_frameworks(framework: Framework) -> None:
    assert CASE_STATUSES is v.CASE_STATUSES
    assert v.DECISION_CHOICES == OUTCOME_KEYS
    assert v.vote_choices(framework) == v.VOTE_CHOICES == (*OUTCOME_KEYS, "abstain")
    assert s.VOTE_CHOICES == v.VOTE_CHOICES


def test_every_outcome_has_one_colour_and_a_word_for_it() -> None:
    assert tuple(v.OUTCOME_COLOURS) == OUTCOME_KEYS
    assert tuple(v.OUTCOME_COLOUR_WORDS) == OUTCOME_KEYS
    for hex_colour in (*v.OUTCOME_COLOURS.values(), v.NO_OUTCOME_COLOUR):
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", hex_colour)
    assert len(set(v.OUTCOME_COLOURS.values())) == len(OUTCOME_KEYS)
    assert v.NO_OUTCOME_COLOUR not in v.OUTCOME_COLOURS.values()
    assert v.outcome_colour_hex("decline") == v.OUTCOME_COLOURS["decline"]
    assert v.outcome_colour_hex(None) == v.outcome_colour_hex("unheard_of") == v.NO_OUTCOME_COLOUR


def test_titles_are_the_words_people_read(framework: Framework) -> None:
    assert [v.case_status_title(k) for k in v.CASE_STATUSES] == [
        "Draft",
        "In review",
        "Decided",
        "Withdrawn",
    ]
    assert [v.sitting_status_title(k) for k in v.SITTING_STATUSES] == ["Planned", "Open", "Closed"]
    assert [v.due_kind_title(k) for k in v.DUE_KINDS] == [
        "Overdue",
        "Due",
        "Commitment",
        "Watch list",
    ]
    assert [v.vote_title(framework, k) for k in v.vote_choices(framework)] == [
        *(o.title for o in framework.outcomes),
        "Abstain",
    ]


def test_a_case_reads_as_its_outcome_once_decided_else_as_its_status(
    framework: Framework,
) -> None:
    decided = make_case()
    assert decided.decision is not None
    assert v.case_state_title(decided, framework) == framework.outcome_title(
        decided.decision.outcome
    )
    in_review = replace(decided, decision=None, status="in_review")
    assert v.case_state_title(in_review, framework) == "In review"


def test_the_command_line_offers_the_core_choices() -> None:
    def options(parser: argparse.ArgumentParser, *path: str) -> dict[str, argparse.Action]:
        for name in path:
            sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
            parser = sub.choices[name]
        return {a.dest: a for a in parser._actions}

    parser = build_parser()
    # The keys are the case's framework's, checked by the core; the help names the shipped ones.
    vote = options(parser, "session", "vote")["vote"]
    assert vote.choices is None and ", ".join(v.VOTE_CHOICES) in (vote.help or "")
    decide = options(parser, "session", "decide")["outcome"]
    assert decide.choices is None and ", ".join(v.DECISION_CHOICES) in (decide.help or "")
    assert options(parser, "search")["principle"].choices is None


def test_the_command_line_lists_cases_and_sittings_in_the_core_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "lib.sqlite"
    with CaseLibrary.open(path) as library:
        library.save_case(replace(make_case("TST-2025-002"), decision=None, status="in_review"))
        library.save_case(replace(make_case("TST-2025-003"), decision=None, status="withdrawn"))
    lib = ["--library", str(path)]
    code, out, err = run(capsys, "list", *lib)
    assert code == 0, err
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("TST-")}
    assert "  In review  " in rows["TST-2025-002"]
    assert "  Withdrawn  " in rows["TST-2025-003"]
    code, out, err = run(capsys, "show", "TST-2025-002", *lib)
    assert code == 0, err
    assert "In review" in out

    code, out, err = run(capsys, "session", "new", "--date", "2026-12-03", "--title", "Dec", *lib)
    assert code == 0, err
    code, out, err = run(capsys, "session", "list", "--json", *lib)
    (sitting,) = json.loads(out)
    assert sitting["status"] == "planned"  # the stored key, for machines
    code, out, err = run(capsys, "session", "list", *lib)
    assert code == 0, err
    assert " Planned " in out
    code, out, err = run(capsys, "session", "show", str(sitting["id"]), *lib)
    assert code == 0, err
    assert out.splitlines()[0].endswith("(Planned)")


def test_every_kind_of_proposed_action_has_its_title() -> None:
    from council_app.case import MITIGATION_KINDS
    from council_app.vocabulary import MITIGATION_KIND_TITLES, mitigation_kind_title

    assert set(MITIGATION_KIND_TITLES) == set(MITIGATION_KINDS)
    assert mitigation_kind_title("product_control") == "Product control"
    assert mitigation_kind_title(None) == "Not given"
