"""Members' declared interests: registered, dated, withdrawn but never deleted, and audited; a
library made before the register is upgraded with its audit log still clean."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from council_app.library import CaseLibrary
from council_app.library.audit import GROUPS, append, entries, group_digest
from council_app.library.audit_check import check_library
from council_app.library.interests import (
    InterestError,
    add_interest,
    member_interests,
    withdraw_interest,
)
from council_app.library.members import Member, list_members, save_members
from council_app.library.schema import MEMBER_INTERESTS_MIGRATION, migrations


@pytest.fixture
def council(library: CaseLibrary) -> CaseLibrary:
    save_members(library, [Member("Mateo García", "VP Public Sector Sales"), Member("Zofia Nowak")])
    return library


def rows(library: CaseLibrary) -> list[tuple[object, ...]]:
    return list(
        library.db.execute(
            "SELECT member, kind, text, declared_on, withdrawn_on, note FROM member_interests "
            "ORDER BY id"
        )
    )


def test_an_interest_is_declared_dated_and_withdrawn_without_being_deleted(
    council: CaseLibrary,
) -> None:
    first = add_interest(
        council, "Mateo García", "role", "sales lead for  the public sector",
        declared_on=date(2026, 1, 10), note="bonus tied to public-sector revenue",
    )  # fmt: skip
    add_interest(council, "Mateo García", "region", "EU", declared_on=date(2026, 2, 1))
    assert first.number == 1
    assert first.sentence() == (
        "1. role: sales lead for the public sector (declared 2026-01-10) — "
        "bonus tied to public-sector revenue"
    )
    withdrawn = withdraw_interest(council, "Mateo García", 1, withdrawn_on=date(2026, 6, 1))
    assert withdrawn.sentence().startswith(
        "1. role: sales lead for the public sector (declared 2026-01-10, withdrawn 2026-06-01)"
    )
    assert rows(council) == [
        ("Mateo García", "role", "sales lead for the public sector", "2026-01-10", "2026-06-01",
         "bonus tied to public-sector revenue"),
        ("Mateo García", "region", "EU", "2026-02-01", None, ""),
    ]  # fmt: skip
    mateo = next(m for m in list_members(council) if m.name == "Mateo García")
    assert [i.text for i in mateo.current_interests] == ["EU"]
    assert [i.number for i in mateo.interests] == [1, 2]
    # Replacing the list of members keeps the register.
    save_members(council, list_members(council))
    assert len(rows(council)) == 2


@pytest.mark.parametrize(
    ("name", "kind", "text", "message"),
    [
        ("Nobody", "role", "x", "Nobody is not a member of the council."),
        ("Zofia Nowak", "hobby", "x", "An interest is of one of these kinds: customer, sector, "
         "product, region, role; not 'hobby'."),
        ("Zofia Nowak", "sector", "   ", "An interest needs words saying what it is."),
    ],
)  # fmt: skip
def test_a_bad_interest_is_refused_in_words_and_nothing_changes(
    council: CaseLibrary, name: str, kind: str, text: str, message: str
) -> None:
    log = len(entries(council))
    with pytest.raises(InterestError) as refused:
        add_interest(council, name, kind, text)
    assert str(refused.value) == message
    assert rows(council) == []
    assert len(entries(council)) == log


def test_withdrawing_what_is_not_there_is_refused(council: CaseLibrary) -> None:
    with pytest.raises(
        InterestError, match=r"Zofia Nowak has no interest number 1 \(they have none yet\)"
    ):
        withdraw_interest(council, "Zofia Nowak", 1)
    add_interest(council, "Zofia Nowak", "customer", "Calderbridge City Council")
    withdraw_interest(council, "Zofia Nowak", 1)
    with pytest.raises(InterestError, match=r"was withdrawn on .* already"):
        withdraw_interest(council, "Zofia Nowak", 1)
    assert member_interests(council, "Zofia Nowak")[0].withdrawn_on is not None


def test_the_register_is_audited_with_the_members_and_an_edit_behind_our_back_is_caught(
    council: CaseLibrary, library_path: Path
) -> None:
    add_interest(council, "Zofia Nowak", "sector", "government")
    assert "member_interests" in GROUPS["members"]
    assert entries(council)[-1].subject == "members"
    assert check_library(council).problems == []
    conn = sqlite3.connect(library_path)
    conn.execute("UPDATE member_interests SET withdrawn_on = '2026-01-01'")
    conn.commit()
    conn.close()
    problems = check_library(council).problems
    assert any("the members differ from their last recorded change" in p for p in problems)


def library_before_interests(path: Path, *, tamper: bool = False) -> None:
    """A library as the app left it before the register existed, its log begun and current."""
    conn = sqlite3.connect(path, isolation_level=None)
    db = Database(conn, execute_plugins=False)
    migrations.apply(db, stop_before=MEMBER_INTERESTS_MIGRATION)
    db.execute("INSERT INTO members (name, role, voting) VALUES ('Mateo García', 'VP', 1)")
    db.execute("INSERT INTO sessions (title, date) VALUES ('March sitting', '2026-03-05')")
    db.execute("INSERT INTO session_attendance (session_id, member) VALUES (1, 'Mateo García')")
    for group in GROUPS:
        append(db, "group baseline", group, after_sha=group_digest(db, group))
    if tamper:
        db.execute("UPDATE members SET role = 'Chair'")
    conn.close()


def test_a_library_made_before_the_register_is_upgraded_with_its_log_clean(
    tmp_path: Path,
) -> None:
    path = tmp_path / "before.sqlite"
    library_before_interests(path)
    with CaseLibrary.open(path) as library:
        assert check_library(library).problems == []
        upgrade = [e for e in entries(library) if e.what.startswith("the library keeps members'")]
        assert [e.subject for e in upgrade] == ["members", "sittings"]
        save_members(library, [Member("Mateo García", "VP", kind="internal")])
        add_interest(library, "Mateo García", "role", "sales lead for the public sector")
        assert check_library(library).problems == []


def test_a_change_made_behind_our_back_before_the_upgrade_is_still_named(tmp_path: Path) -> None:
    path = tmp_path / "before.sqlite"
    library_before_interests(path, tamper=True)
    with CaseLibrary.open(path) as library:
        problems = check_library(library).problems
    assert any("the members were changed outside Council Desk" in p for p in problems)


def test_members_kinds_and_interests_travel_in_the_exchange_format(
    council: CaseLibrary, tmp_path: Path
) -> None:
    from council_app.library import export_document, import_document, parse_document
    from council_app.library.exchange import json as exchange_json

    save_members(council, [Member("Mateo García", "VP", kind="internal"), Member("Zofia Nowak")])
    add_interest(
        council, "Mateo García", "role", "sales lead for the public sector",
        declared_on=date(2026, 1, 10), note="bonus",
    )  # fmt: skip
    withdraw_interest(council, "Mateo García", 1, withdrawn_on=date(2026, 3, 1))
    add_interest(council, "Mateo García", "region", "EU", declared_on=date(2026, 2, 1))
    document = export_document(council)
    mateo = next(m for m in document["members"] if m["name"] == "Mateo García")
    assert mateo["kind"] == "internal"
    assert mateo["interests"] == [
        {"kind": "role", "text": "sales lead for the public sector", "declared_on": "2026-01-10",
         "withdrawn_on": "2026-03-01", "note": "bonus"},
        {"kind": "region", "text": "EU", "declared_on": "2026-02-01"},
    ]  # fmt: skip
    with CaseLibrary.open(tmp_path / "other.sqlite") as other:
        import_document(other, parse_document(exchange_json.dumps(document)))
        [moved, _] = list_members(other)
        assert moved.kind == "internal"
        assert [(i.number, i.text, i.withdrawn_on) for i in moved.interests] == [
            (1, "sales lead for the public sector", date(2026, 3, 1)),
            (2, "EU", None),
        ]
        assert check_library(other).problems == []
        # Imported again: the members are already there and keep their register as it is.
        import_document(other, parse_document(exchange_json.dumps(document)))
        assert len(list_members(other)[0].interests) == 2


def test_an_interest_of_an_unknown_kind_is_refused_on_import(council: CaseLibrary) -> None:
    from council_app.library import parse_document
    from council_app.library.exchange import ImportRefused
    from council_app.library.exchange import json as exchange_json

    document = {
        "format": "council-library", "version": 1, "cases": [],
        "members": [{"name": "Ana", "interests": [
            {"kind": "hobby", "text": "golf", "declared_on": "2026-01-01"}]}],
    }  # fmt: skip
    with pytest.raises(ImportRefused) as refused:
        parse_document(exchange_json.dumps(document))
    assert "hobby" in str(refused.value) or any("hobby" in p for p in refused.value.problems)


def test_the_demo_council_declares_its_interests_and_has_an_external_member(
    demo_library: CaseLibrary,
) -> None:
    from council_app.council.conflicts import interest_matches

    members = {m.name: m for m in list_members(demo_library)}
    assert members["Zofia Nowak"].kind == "external"
    mateo = members["Mateo García"]
    assert mateo.role == "VP Public Sector Sales"
    government = [c for c in demo_library.get_cases() if c.sector == "government"]
    voted = [
        c
        for c in government
        if c.decision and "Mateo García" in {v.member for v in c.decision.votes}
    ]
    assert len(voted) == 4
    for case in government:
        assert any(m.field == "sector" for m in interest_matches(case, mateo.current_interests))
    assert check_library(demo_library).problems == []
