"""A library written by an earlier version opens, is upgraded in place, and loses nothing."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from council_app.case import Case
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.rows import CaseRows, add_case
from council_app.library.schema import MIGRATION_NAMES, migrations
from council_app.library.search import search_cases
from council_app.precedent import find_precedents
from tests.factories import make_case


def old_case(number: int) -> Case:
    """A case as an earlier version could hold it: decisions had no reviews before version 4."""
    case = make_case(f"OLD-{number}", title=f"Old case {number} about platform crowding")
    assert case.decision is not None
    return replace(case, decision=replace(case.decision, reviews=()))


def library_at_version(path: Path, version: int) -> None:
    """A library file as the app left it after migration number ``version``, with cases."""
    conn = sqlite3.connect(path, isolation_level=None)
    db = Database(conn, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    stop = MIGRATION_NAMES[version] if version < len(MIGRATION_NAMES) else None
    migrations.apply(db, stop_before=stop)
    rows = CaseRows()
    next_id = 1
    for number in range(3):
        next_id = add_case(
            rows, old_case(number), next_assessment_id=next_id, now="2024-01-01T00:00:00+00:00"
        )
    with db.atomic():
        for table, table_rows in rows.tables():
            if table_rows:
                assert db.table(table).exists(), f"{table} is newer than version {version}"
                db.table(table).insert_all(table_rows)
    conn.close()


@pytest.mark.parametrize("version", range(1, len(MIGRATION_NAMES)))
def test_every_earlier_schema_is_upgraded_with_its_data(
    tmp_path: Path, version: int, framework: Framework
) -> None:
    path = tmp_path / f"v{version}.sqlite"
    library_at_version(path, version)
    with CaseLibrary.open(path) as library:
        assert library.schema_version() == len(MIGRATION_NAMES)
        assert library.case_ids() == ["OLD-0", "OLD-1", "OLD-2"]
        assert library.get_case("OLD-1") == old_case(1)
        assert [h.case.id for h in search_cases(library, "crowding")] == ["OLD-0", "OLD-1", "OLD-2"]
        search = find_precedents(library, framework, library.get_case("OLD-0"))
        assert {p.case.id for p in search.precedents} == {"OLD-1", "OLD-2"}
        assert library.integrity_problems() == []
