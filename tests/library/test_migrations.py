"""A library written by an earlier version opens, is upgraded in place, and loses nothing."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from council_app.case import Case
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.rows import CaseRows, add_case
from council_app.library.schema import MIGRATION_NAMES, applied_names, migrations, pending_names
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
                # Columns added by later steps were not there to write (they take defaults).
                columns = set(db.table(table).columns_dict)
                db.table(table).insert_all(
                    [{k: v for k, v in r.items() if k in columns} for r in table_rows]
                )
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
        # Asked for a case not yet decided: the old decisions are its precedents.
        undecided = replace(library.get_case("OLD-0"), decision=None, status="in_review")
        search = find_precedents(library, framework, undecided)
        assert {p.case.id for p in search.precedents} == {"OLD-1", "OLD-2"}
        assert library.integrity_problems() == []


@pytest.mark.parametrize("version", range(len(MIGRATION_NAMES) + 1))
def test_the_plain_sql_reading_of_applied_steps_agrees_with_sqlite_utils(
    tmp_path: Path, version: int
) -> None:
    # Opening a library reads its steps without sqlite-utils; both must see the same steps.
    path = tmp_path / f"v{version}.sqlite"
    if version:
        library_at_version(path, version)
    conn = sqlite3.connect(path, isolation_level=None)
    db = Database(conn, execute_plugins=False)
    assert applied_names(conn) == [m.name for m in migrations.applied(db)]
    assert applied_names(conn) == MIGRATION_NAMES[:version]
    assert pending_names(conn) == [m.name for m in migrations.pending(db)]
    conn.close()


def test_opening_and_reading_an_up_to_date_library_does_not_import_sqlite_utils(
    tmp_path: Path,
) -> None:
    # sqlite-utils is a fifth of a second of the app's start; only writes and upgrades need it.
    path = tmp_path / "library.sqlite"
    with CaseLibrary.open(path) as library:
        library.save_case(make_case("C-1"))
    code = (
        "import sys\n"
        "from council_app.library import CaseLibrary\n"
        f"with CaseLibrary.open({str(path)!r}) as library:\n"
        "    ids = library.case_ids()\n"
        "    version = library.schema_version()\n"
        "print(ids, version, any(m.startswith('sqlite_utils') for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"['C-1'] {len(MIGRATION_NAMES)} False"


def test_a_library_lacking_only_new_indexes_is_read_as_it_is_when_read_only(
    tmp_path: Path,
) -> None:
    from council_app.library.schema import INDEX_ONLY_STEPS

    path = tmp_path / "archive.sqlite"
    library_at_version(path, len(MIGRATION_NAMES))
    # As if the steps that add only indexes had not run.
    conn = sqlite3.connect(path, isolation_level=None)
    for name in INDEX_ONLY_STEPS:
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [name])
    conn.execute("DROP INDEX case_regions_in_order")
    conn.execute("DROP INDEX case_tags_in_order")
    conn.execute("DROP TABLE case_words_vocab")
    conn.execute("DROP TABLE case_words_fts")
    conn.close()
    assert set(pending_names(sqlite3.connect(path))) == INDEX_ONLY_STEPS
    with CaseLibrary.open(path, readonly=True) as library:  # an archive the app cannot write
        assert [h.case.id for h in search_cases(library, "crowding")] == ["OLD-0", "OLD-1", "OLD-2"]
        assert library.get_case("OLD-1") == old_case(1)
    conn = sqlite3.connect(path)
    assert set(pending_names(conn)) <= INDEX_ONLY_STEPS  # not upgraded by reading
    conn.close()
    with CaseLibrary.open(path) as library:  # opened to be worked on: upgraded
        assert library.schema_version() == len(MIGRATION_NAMES)
        indexes = {r[0] for r in library.conn.execute("SELECT name FROM sqlite_master")}
        assert {"case_regions_in_order", "case_tags_in_order"} <= indexes
        assert {"case_words_fts", "case_words_vocab"} <= indexes
        assert [h.case.id for h in search_cases(library, "crowding")] == ["OLD-0", "OLD-1", "OLD-2"]


def test_a_read_only_library_lacking_tables_still_asks_to_be_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    library_at_version(path, MIGRATION_NAMES.index("0005_audit_log"))
    with pytest.raises(Exception, match="needs upgrading before it can be read"):
        CaseLibrary.open(path, readonly=True)
