from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from council_app.case import Case
from council_app.errors import CaseNotFound, LibraryError
from council_app.library import CaseLibrary
from council_app.library.schema import MIGRATION_NAMES
from tests.factories import make_case


def table_counts(library: CaseLibrary) -> dict[str, int]:
    tables = [
        t
        for t in library.db.table_names()
        if not t.startswith(("case_text_fts", "case_terms_fts", "case_words_", "_"))
    ]
    return {t: library.db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables}


def test_a_new_library_is_private_wal_with_foreign_keys(library_path: Path) -> None:
    with CaseLibrary.open(library_path) as library:
        pragma = library.db.execute
        assert pragma("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert pragma("PRAGMA foreign_keys").fetchone()[0] == 1
        assert pragma("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert pragma("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert library.schema_version() == len(MIGRATION_NAMES)
        assert library.meta("created_at")
        assert library.count_cases() == 0
    if os.name == "posix":
        assert stat.S_IMODE(library_path.stat().st_mode) == 0o600


def test_library_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a folder with spaces" / "bibliothèque" / "cases.sqlite"
    with CaseLibrary.open(path) as library:
        library.save_case(make_case())
    with CaseLibrary.open(path, readonly=True) as library:
        assert library.case_ids() == ["TST-2025-001"]


def test_a_case_round_trips_through_the_library(library: CaseLibrary, sample_case: Case) -> None:
    library.save_case(sample_case)
    assert library.get_case(sample_case.id) == sample_case
    assert library.has_case(sample_case.id)
    assert not library.has_case("nope")


def test_saving_again_replaces_the_case_whole(library: CaseLibrary, sample_case: Case) -> None:
    library.save_case(sample_case)
    created = library.db.execute("SELECT created_at FROM cases").fetchone()[0]
    edited = replace(
        library.get_case(sample_case.id), title="Edited title", mitigations=(), regions=("FR",)
    )
    library.save_case(edited)
    assert library.get_case(sample_case.id) == edited
    assert library.get_case(sample_case.id).revision == 2
    assert library.count_cases() == 1
    assert library.db.execute("SELECT count(*) FROM mitigations").fetchone()[0] == 0
    assert library.db.execute("SELECT created_at FROM cases").fetchone()[0] == created


def test_deleting_a_case_removes_every_row_of_it(library: CaseLibrary, sample_case: Case) -> None:
    other = make_case("TST-2025-002")
    library.add_cases([sample_case, other])
    before = table_counts(library)
    library.delete_case(sample_case.id)
    after = table_counts(library)
    for table, count in after.items():
        if table in ("library_meta", "framework_versions"):  # the library's, not a case's
            continue
        if table == "audit_log":  # the deletion is recorded, never removed
            assert count == before[table] + 1
            continue
        assert count == before[table] // 2, table
    fts = library.db.execute(
        "SELECT count(*) FROM case_text_fts WHERE case_text_fts MATCH 'platforms'"
    ).fetchone()[0]
    assert fts == 1
    with pytest.raises(CaseNotFound):
        library.delete_case(sample_case.id)


def test_add_cases_never_overwrites_silently(library: CaseLibrary, sample_case: Case) -> None:
    library.save_case(sample_case)
    with pytest.raises(LibraryError, match="already has TST-2025-001; nothing was overwritten"):
        library.add_cases([replace(sample_case, title="Other"), make_case("TST-2025-009")])
    assert library.get_case(sample_case.id) == sample_case
    assert library.case_ids() == [sample_case.id]


def test_a_failed_write_changes_nothing(library: CaseLibrary, sample_case: Case) -> None:
    library.save_case(sample_case)
    bad = make_case("TST-2025-002", regions=("DE", "DE"))  # duplicate region breaks the key
    with pytest.raises(LibraryError, match="breaks a rule of the library"):
        library.add_cases([make_case("TST-2025-003"), bad])
    assert library.case_ids() == [sample_case.id]


def test_the_schema_refuses_out_of_range_scores(library: CaseLibrary, sample_case: Case) -> None:
    library.save_case(sample_case)
    # The tables hold the widest scale any framework may have (0–10) ...
    library.db.execute("UPDATE consideration_ratings SET score = 10")
    for table, column in (
        ("consideration_ratings", "score"),
        ("principle_ratings", "score"),
        ("mitigations", "effectiveness"),
    ):
        with pytest.raises(sqlite3.IntegrityError):
            library.db.execute(f"UPDATE {table} SET {column} = 11")


def test_a_score_off_the_framework_scale_is_not_saved(
    library: CaseLibrary, sample_case: Case
) -> None:
    """... and a case is saved only on its own framework's scale (0–4 as shipped)."""
    assessment = sample_case.assessments[0]
    key = next(iter(assessment.considerations))
    rating = replace(assessment.considerations[key], score=7)
    bad = replace(
        sample_case,
        assessments=(
            replace(assessment, considerations={**assessment.considerations, key: rating}),
            *sample_case.assessments[1:],
        ),
    )
    with pytest.raises(LibraryError, match=f"rates '{key}' 7, which is not on its scale 0–4"):
        library.save_case(bad)
    assert library.db.execute("SELECT count(*) FROM cases").fetchone() == (0,)


def test_get_cases_keeps_the_order_asked_for(library: CaseLibrary) -> None:
    cases = [make_case(f"TST-{i:03d}") for i in range(5)]
    library.add_cases(cases)
    wanted = ["TST-003", "TST-000", "TST-004"]
    assert [c.id for c in library.get_cases(wanted)] == wanted
    with pytest.raises(CaseNotFound, match="No case with id 'TST-999'"):
        library.get_case("TST-999")


def test_list_cases_newest_first_with_outcomes(library: CaseLibrary) -> None:
    from datetime import date

    library.add_cases(
        [
            make_case("A", submitted=date(2023, 1, 1)),
            make_case("B", submitted=date(2025, 1, 1), decision=None, status="in_review"),
        ]
    )
    summaries = library.list_cases()
    assert [s.id for s in summaries] == ["B", "A"]
    assert summaries[0].outcome is None and summaries[0].status == "in_review"
    assert summaries[1].outcome == "approve_with_conditions"
    assert summaries[1].regions == ("DE", "AT")
    assert summaries[1].tags == ("crowd-counting", "public-space")


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"These are my meeting notes, not a database.\n" * 20)
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="damaged or is not a Council Desk library"):
        CaseLibrary.open(path)
    assert path.read_bytes() == before


def test_another_apps_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match="SQLite database but not a Council Desk library"):
        CaseLibrary.open(path)
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["recipes"]
    conn.close()


def test_a_library_from_a_newer_version_is_refused(library_path: Path) -> None:
    with CaseLibrary.open(library_path) as library:
        library.db["_sqlite_migrations"].insert(
            {"migration_set": "council_desk", "name": "9999_future", "applied_at": "2030"}
        )
    with pytest.raises(LibraryError, match="newer version of Council Desk"):
        CaseLibrary.open(library_path)


def test_read_only_libraries_refuse_writes(library_path: Path, sample_case: Case) -> None:
    CaseLibrary.open(library_path).close()
    with CaseLibrary.open(library_path, readonly=True) as library:
        with pytest.raises(LibraryError, match="open read-only"):
            library.save_case(sample_case)
        assert library.count_cases() == 0


def test_missing_library_is_not_created_when_reading(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="There is no library at"):
        CaseLibrary.open(tmp_path / "missing.sqlite", readonly=True)
    assert not (tmp_path / "missing.sqlite").exists()


def test_a_folder_is_not_a_library(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="is a folder"):
        CaseLibrary.open(tmp_path)


def test_a_second_writer_waits_then_reports_busy(library_path: Path, sample_case: Case) -> None:
    with CaseLibrary.open(library_path) as first, CaseLibrary.open(library_path) as second:
        second.db.execute("PRAGMA busy_timeout = 50")
        with first.write():
            first.save_case(sample_case)
            with pytest.raises(LibraryError, match="is busy: another Council Desk window"):
                second.save_case(make_case("TST-2"))
        second.save_case(make_case("TST-2"))
        assert sorted(second.case_ids()) == ["TST-2", "TST-2025-001"]


def test_healthy_library_has_no_integrity_problems(demo_library: CaseLibrary) -> None:
    assert demo_library.integrity_problems() == []


def test_fts_damage_is_reported(library: CaseLibrary, sample_case: Case) -> None:
    library.save_case(sample_case)
    # An edit behind the app's back: the search text changes without the index knowing.
    library.db.execute("DROP TRIGGER case_text_au")
    library.db.execute("UPDATE case_text SET summary = 'something else entirely'")
    problems = library.integrity_problems()
    assert any("full-text index case_text_fts" in p for p in problems)


def test_cases_are_written_as_sqlite_utils_insert_all_writes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # add_cases writes its rows itself (faster than insert_all); the tables must hold the same.
    from council_app.library import case_library
    from council_app.library.rows import CaseRows

    monkeypatch.setattr(case_library, "_now", lambda: "2026-01-01T00:00:00+00:00")
    cases = [make_case(f"TST-2025-{i:03}", tags=("a", f"t{i}")) for i in range(40)]
    cases.append(replace(make_case("TST-2025-999"), decision=None, status="draft"))
    tables = [table for table, _ in CaseRows().tables()]

    def written(name: str) -> dict[str, list[tuple[object, ...]]]:
        with CaseLibrary.open(tmp_path / name) as library:
            library.add_cases(cases)
            return {
                t: library.db.execute(f"SELECT * FROM [{t}] ORDER BY rowid").fetchall()
                for t in tables
            }

    ours = written("ours.sqlite")
    monkeypatch.setattr(case_library, "_PLAIN_VALUES", ())  # every table through insert_all
    theirs = written("theirs.sqlite")
    assert ours == theirs
    assert len(ours["cases"]) == 41 and ours["case_tags"]
