"""Conflicts of interest: which declared interest touches which fact of a case, and what a
member declares at the sitting (a recusal follows through to quorum and the decision)."""

from __future__ import annotations

import string
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from council_app.council import sessions as s
from council_app.council.agenda import sitting_view
from council_app.council.conflicts import declare, interest_matches, session_declarations
from council_app.errors import CouncilError
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.audit import entries
from council_app.library.audit_check import check_library
from council_app.library.interests import Interest, add_interest, withdraw_interest
from council_app.library.members import Member, save_members
from tests.factories import make_case

DAY = date(2026, 12, 3)
CASE = make_case(
    "GOV-1",
    customer="Calderbridge City Council",
    sector="public sector",
    product="Vision AI",
    regions=("EU", "GB"),
    decision=None,
    status="in_review",
)


def interest(kind: str, text: str) -> Interest:
    return Interest(1, "Mateo García", kind, text, date(2026, 1, 1))


@pytest.mark.parametrize(
    ("kind", "text", "matched"),
    [
        ("role", "sales lead for the public sector", [("sector", "public sector")]),
        ("role", "Sales Lead for the PUBLIC SECTOR", [("sector", "public sector")]),
        ("region", "EU", [("regions", "EU")]),
        ("region", "eu", [("regions", "EU")]),
        ("region", "EUR", []),
        ("customer", "Calderbridge", [("customer", "Calderbridge City Council")]),
        ("customer", "Calderbridge City Council (via a reseller)", [
            ("customer", "Calderbridge City Council")]),
        ("customer", "Calder", []),  # whole words only
        ("product", "vision ai", [("product", "Vision AI")]),
        ("product", "Vision", [("product", "Vision AI")]),
        ("product", "Text Assistant", []),
        ("sector", "public", [("sector", "public sector")]),
        ("sector", "publicity", []),
        # A role is not read for regions: "in" is India's code, "eu" a word in many names.
        ("role", "adviser to EU agencies", []),
        ("role", "account manager for Calderbridge City Council and Vision AI", [
            ("customer", "Calderbridge City Council"), ("product", "Vision AI")]),
    ],
)  # fmt: skip
def test_an_interest_matches_the_facts_of_its_kind_on_whole_words(
    kind: str, text: str, matched: list[tuple[str, str]]
) -> None:
    found = interest_matches(CASE, [interest(kind, text)])
    assert [(m.field, m.value) for m in found] == matched


def test_a_match_says_which_interest_matched_which_fact() -> None:
    [found] = interest_matches(CASE, [interest("role", "sales lead for the public sector")])
    assert found.sentence() == (
        'role "sales lead for the public sector" matches the sector "public sector"'
    )


words = st.lists(st.text(string.ascii_letters, min_size=1, max_size=6), min_size=1, max_size=4)


@given(before=words, phrase=words, after=words, upper=st.booleans())
def test_a_sector_inside_an_interest_matches_however_it_is_cased(
    before: list[str], phrase: list[str], after: list[str], upper: bool
) -> None:
    sector = " ".join(phrase)
    text = " ".join([*before, sector.upper() if upper else sector, *after])
    case = make_case("X", sector=sector, customer="", product="", regions=())
    found = interest_matches(case, [interest("role", text)])
    assert [(m.field, m.value) for m in found] == [("sector", sector)]


@given(text=st.text(min_size=1, max_size=30), sector=st.text(max_size=30))
def test_a_match_always_shares_whole_words(text: str, sector: str) -> None:
    case = make_case("X", sector=sector, customer="", product="", regions=())
    for found in interest_matches(case, [interest("sector", text)]):
        assert found.value == sector and sector.strip()


@pytest.fixture
def council(tmp_path: Path) -> CaseLibrary:
    library = CaseLibrary.open(tmp_path / "council.sqlite")
    save_members(
        library,
        [Member("Ana", "Chair"), Member("Ben"), Member("Mateo García", "VP Public Sector Sales")],
    )
    add_interest(
        library, "Mateo García", "role", "sales lead for the public sector",
        declared_on=date(2026, 1, 10),
    )  # fmt: skip
    add_interest(library, "Ben", "product", "Text Assistant", declared_on=date(2026, 1, 10))
    library.save_case(CASE)
    library.save_case(make_case("OTHER-1", decision=None, status="in_review"))
    return library


@pytest.fixture
def sitting(council: CaseLibrary) -> int:
    session_id = s.create_session(council, "December sitting", DAY)
    s.add_to_agenda(council, session_id, "GOV-1")
    s.add_to_agenda(council, session_id, "OTHER-1")
    s.set_status(council, session_id, "open")
    return session_id


def test_the_sitting_flags_members_whose_interests_match_and_asks_them_to_declare(
    council: CaseLibrary, framework: Framework, sitting: int
) -> None:
    view = sitting_view(council, framework, sitting)
    gov, other = view.items
    [flag] = gov.flags
    assert flag.member == "Mateo García"
    assert flag.declaration is None and gov.undeclared == (flag,)
    assert flag.sentence() == (
        'Mateo García: role "sales lead for the public sector" matches the sector '
        '"public sector" — not yet declared'
    )
    assert other.flags == ()
    # An interest withdrawn before the sitting no longer flags anyone.
    withdraw_interest(council, "Mateo García", 1, withdrawn_on=date(2026, 11, 1))
    assert sitting_view(council, framework, sitting).items[0].flags == ()


def test_recusing_stands_the_member_aside_for_quorum_and_the_decision(
    council: CaseLibrary, framework: Framework, sitting: int
) -> None:
    declare(council, sitting, "GOV-1", "Mateo García", "recused", "sells to the customer")
    assert list(council.db.execute("SELECT * FROM session_declarations")) == [
        (sitting, "GOV-1", "Mateo García", "recused", "sells to the customer")
    ]
    session = s.get_session(council, sitting)
    assert session.recused_from("GOV-1") == ("Mateo García",)
    assert "Mateo García recused" in s.item_quorum(council, session, "GOV-1").sentence()
    item = sitting_view(council, framework, sitting).items[0]
    assert item.flags[0].declaration is not None and item.undeclared == ()
    with pytest.raises(s.SessionError, match="has recused"):
        s.record_vote(council, sitting, "GOV-1", "Mateo García", "approve", framework=framework)
    s.record_vote(council, sitting, "GOV-1", "Ana", "decline", framework=framework)
    s.record_vote(council, sitting, "GOV-1", "Ben", "decline", framework=framework)
    case = s.record_decision(
        council, framework, sitting, "GOV-1", "decline", rationale="r", departure="too risky"
    )
    assert case.decision is not None
    assert [x.member for x in case.decision.stood_aside] == ["Mateo García"]
    assert check_library(council).problems == []
    assert any("declared recused on GOV-1" in e.what for e in entries(council))


def test_a_member_declares_no_conflict_or_a_managed_one_and_may_declare_unflagged(
    council: CaseLibrary, sitting: int
) -> None:
    declare(council, sitting, "GOV-1", "Mateo García", "recused")
    # Declaring otherwise after recusing brings the member back.
    declare(council, sitting, "GOV-1", "Mateo García", "managed", "does not speak to pricing")
    assert s.get_session(council, sitting).recused_from("GOV-1") == ()
    declare(council, sitting, "GOV-1", "Ana", "no_conflict")
    assert [(d.member, d.outcome, d.note) for d in session_declarations(council, sitting)] == [
        ("Ana", "no_conflict", ""),
        ("Mateo García", "managed", "does not speak to pricing"),
    ]


@pytest.mark.parametrize(
    ("case_id", "member", "outcome", "note", "message"),
    [
        ("GOV-1", "Ana", "maybe", "", "A declaration is one of no_conflict, recused, managed"),
        ("GOV-1", "Ana", "managed", "  ", "A managed conflict needs a note saying how"),
        ("GOV-1", "Nobody", "no_conflict", "", "Nobody is not a member of the council."),
        ("NOPE", "Ana", "no_conflict", "", "NOPE is not on the agenda of this sitting."),
    ],
)
def test_a_bad_declaration_is_refused_and_changes_nothing(
    council: CaseLibrary, sitting: int, case_id: str, member: str, outcome: str, note: str,
    message: str,
) -> None:  # fmt: skip
    before = list(council.db.conn.iterdump())
    with pytest.raises(CouncilError, match=message):
        declare(council, sitting, case_id, member, outcome, note)
    assert list(council.db.conn.iterdump()) == before


def test_a_closed_sitting_takes_no_declarations(council: CaseLibrary, sitting: int) -> None:
    s.set_status(council, sitting, "closed")
    with pytest.raises(CouncilError, match="closed; its declarations can no longer change"):
        declare(council, sitting, "GOV-1", "Ana", "no_conflict")


def minutes_text(library: CaseLibrary, framework: Framework, sitting: int, variant: str) -> str:
    import io

    from pypdf import PdfReader

    from council_app.council.settings import load_settings
    from council_app.memo import minutes_for_session, render_minutes

    minutes = minutes_for_session(library, sitting, load_settings(library), framework)
    pdf = render_minutes(minutes, variant=variant)  # type: ignore[arg-type]
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def test_the_minutes_show_each_declaration_and_each_flag_left_undeclared(
    council: CaseLibrary, framework: Framework, sitting: int
) -> None:
    add_interest(council, "Ana", "sector", "public sector", declared_on=date(2026, 1, 10))
    declare(council, sitting, "GOV-1", "Mateo García", "recused", "sells to the customer")
    declare(council, sitting, "GOV-1", "Ben", "managed", "does not speak to pricing")
    internal = minutes_text(council, framework, sitting, "internal")
    assert "Declared an interest: Mateo García — recused (sells to the customer)" in internal
    assert "Declared an interest: Ben — managed (does not speak to pricing)" in internal
    assert (
        'Interest not declared: Ana (sector "public sector" matches the sector "public sector")'
    ) in internal
    assert "Recused: Mateo García (sells to the customer)" in internal
    external = minutes_text(council, framework, sitting, "external")
    assert "Mateo García" not in external and "Ben —" not in external
    assert "sells to the customer" not in external and "pricing" not in external
    assert "Declared an interest: Member " in external and "— recused" in external
    assert "Interest not declared: Member " in external


def test_a_declaration_edited_behind_our_back_is_caught_by_check(
    council: CaseLibrary, sitting: int, tmp_path: Path
) -> None:
    import sqlite3

    declare(council, sitting, "GOV-1", "Mateo García", "managed", "does not speak to pricing")
    assert check_library(council).problems == []
    conn = sqlite3.connect(tmp_path / "council.sqlite")
    conn.execute("UPDATE session_declarations SET outcome = 'no_conflict', note = ''")
    conn.commit()
    conn.close()
    problems = check_library(council).problems
    assert any("the sittings differ from their last recorded change" in p for p in problems)
