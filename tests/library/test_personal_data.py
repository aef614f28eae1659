"""Personal data is marked in the schema and left out of what leaves the council."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from council_app.library import CaseLibrary, export_document, import_document, parse_document
from council_app.library.demo import demo_document
from council_app.library.personal_data import (
    PERSONAL_DATA,
    distinct_names,
    known_people,
    letters,
)

SCHEMA_DOC = Path(__file__).resolve().parents[2] / "docs" / "library-schema.md"


def test_every_personal_data_column_exists_and_is_marked_in_the_schema_document(
    library: CaseLibrary,
) -> None:
    text = SCHEMA_DOC.read_text(encoding="utf-8")
    for table, columns in PERSONAL_DATA.items():
        assert library.db[table].exists(), table
        names = {c.name for c in library.db[table].columns}
        section = next(
            part for part in text.split("\n### ")[1:] if f"`{table}`" in part.splitlines()[0]
        )
        for column in columns:
            assert column in names, f"{table}.{column}"
            row = next(
                (
                    line
                    for line in section.splitlines()
                    if line.startswith("|") and f"`{column}`" in line.split("|")[1]
                ),
                "",
            )
            assert "personal data" in row, f"{table}.{column} is not marked in the document"


def test_a_redacted_export_names_nobody(demo_library: CaseLibrary, tmp_path: Path) -> None:
    document = export_document(demo_library, redact=True)
    text = json.dumps(document, ensure_ascii=False)
    people = {m.name for m in demo_document().members}
    people |= {a.member for c in demo_document().cases for a in c.assessments}
    for name in people:
        assert name not in text, name
        assert name.split()[-1] not in text, name  # nor by surname in the text
    assert "members" not in document
    assert "@" not in text  # no stakeholder contact details
    # The same member is the same letter throughout the file, and the file imports cleanly.
    assert "Member A" in text
    elsewhere = CaseLibrary.open(tmp_path / "shared.sqlite")
    import_document(elsewhere, parse_document(json.dumps(document)))
    assert elsewhere.count_cases() == demo_library.count_cases()


def test_the_library_knows_every_member_and_everyone_named_in_its_records(
    demo_library: CaseLibrary,
) -> None:
    people = known_people(demo_library)
    assert {m.name for m in demo_document().members} <= set(people)
    assert {a.member for c in demo_document().cases for a in c.assessments} <= set(people)
    assert len(people) == len(set(people))


def test_letters() -> None:
    assert [letters(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]
    assert re.fullmatch(r"[A-Z]+", letters(1000))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=6), st.sampled_from(["Ana", "ana", "Åsa", ""]))))
def test_names_stepped_through_the_index_are_the_names_a_full_read_finds(
    names: list[str],
) -> None:
    """The index is stepped from one name to the next (at 100,000 cases a full read of the
    votes took 10 ms for a dozen names); it must find exactly what reading every row finds."""
    db = sqlite_utils.Database(memory=True)
    db.execute("CREATE TABLE votes (member TEXT NOT NULL)")
    db.execute("CREATE TABLE dissents (member TEXT NOT NULL)")
    db.execute("CREATE INDEX votes_member ON votes(member)")  # as 0015_case_row_indexes makes it
    for table in ("votes", "dissents"):
        db.conn.executemany(f"INSERT INTO {table} VALUES (?)", [(n,) for n in names])
    library = cast(CaseLibrary, SimpleNamespace(db=db))
    expected = sorted({n for n in names if n}, key=lambda n: n.encode("utf-8"))
    assert distinct_names(library, "votes", "member") == expected
    assert distinct_names(library, "dissents", "member") == expected  # no index: read whole
