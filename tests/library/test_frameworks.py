"""The library keeps its framework: every version adopted, who adopted it and why, audited."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from council_app.council.scoring_context import score_in_library
from council_app.framework import bundled_framework
from council_app.framework.loader import BUNDLED_FRAMEWORK_SHA256, bundled_framework_text
from council_app.library import CaseLibrary, audit
from council_app.library import frameworks as fw
from council_app.library.audit_check import check_library
from council_app.library.changes import FRAMEWORK_VERSIONS
from council_app.library.demo import demo_document
from council_app.library.exchange import case_to_json, import_document, parse_document
from council_app.library.schema import MIGRATION_NAMES, migrations
from council_app.scoring.serialise import case_score_json as score_json
from tests.factories import make_case
from tests.library.test_migrations import library_at_version, old_case


def revised_text(version: str = "2027.1", *, band: str = "25") -> str:
    """The shipped framework as a council might revise it: a new version, a band moved."""
    text = bundled_framework_text()
    text = text.replace('version = "2026.1"', f'version = "{version}"', 1)
    return text.replace(f"{{ below = {band}, ", "{ below = 20, ", 1) if band else text


def test_the_shipped_framework_keeps_the_version_older_records_were_made_under() -> None:
    # Libraries upgraded to keep versions record the shipped text as 2026.1, the framework of
    # every earlier case. Before the shipped framework changes, freeze 2026.1's text for that
    # upgrade (schema.FRAMEWORKS_MIGRATION) and change this test.
    assert bundled_framework().version == fw.LEGACY_FRAMEWORK_VERSION


def test_a_new_library_starts_from_the_shipped_framework(library: CaseLibrary) -> None:
    (first,) = fw.versions(library)
    assert first.version == "2026.1"
    assert first.text == bundled_framework_text()
    assert first.sha256 == BUNDLED_FRAMEWORK_SHA256
    assert first.adopted_by == fw.FIRST_ADOPTER
    assert fw.framework_in_force(library) == bundled_framework()
    library.save_case(make_case("NEW-1"))
    case = library.get_case("NEW-1")
    assert case.framework_version == "2026.1"
    assert case.decision is not None and case.decision.framework_version == "2026.1"


def _demo_library_at_version_8(path: Path) -> None:
    import sqlite3 as sqlite

    from sqlite_utils import Database

    from council_app.library.rows import CaseRows, add_case

    conn = sqlite.connect(path, isolation_level=None)
    db = Database(conn, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db, stop_before=fw_migration())
    rows = CaseRows()
    next_id = 1
    for case in demo_document().cases:
        next_id = add_case(rows, case, next_assessment_id=next_id, now="2024-01-01T00:00:00+00:00")
    with db.atomic():
        for table, table_rows in rows.tables():
            columns = set(db.table(table).columns_dict)
            if table_rows and columns:  # a table of a later version is not there yet
                db.table(table).insert_all(
                    [{k: v for k, v in r.items() if k in columns} for r in table_rows]
                )
    conn.close()


def fw_migration() -> str:
    from council_app.library.schema import FRAMEWORKS_MIGRATION

    return FRAMEWORKS_MIGRATION


def test_every_demo_case_scores_the_same_after_the_upgrade_that_keeps_frameworks(
    tmp_path: Path,
) -> None:
    framework = bundled_framework()
    path = tmp_path / "v8.sqlite"
    _demo_library_at_version_8(path)
    with CaseLibrary.open(path) as library:
        # Nothing written yet: score the cases as the upgraded library holds them, then compare
        # with scoring the same cases under the shipped framework held in memory.
        assert library.schema_version() == len(MIGRATION_NAMES)
        (first,) = fw.versions(library)
        assert first.version == "2026.1"
        cases = library.get_cases()
        assert len(cases) == len(demo_document().cases) == 45
        for case in cases:
            assert case.framework_version == "2026.1"
            if case.decision is not None:
                assert case.decision.framework_version == "2026.1"
            under_own = fw.framework_for(library, case.framework_version)
            after = score_json(score_in_library(library, under_own, case, draws=50))
            before = score_json(score_in_library(library, framework, case, draws=50))
            assert after == before, case.id


def test_a_library_with_an_audit_log_upgrades_with_the_versions_recorded(tmp_path: Path) -> None:
    path = tmp_path / "v8.sqlite"
    library_at_version(path, MIGRATION_NAMES.index(fw_migration()))
    # As the app left it: its log begun when the log was added, with every case and group.
    conn = sqlite3.connect(path, isolation_level=None)
    db = Database(conn, execute_plugins=False)
    with db.atomic():
        for number in range(3):
            case = old_case(number)
            audit.append(db, "baseline", case.id, after_sha=audit.case_digest(case))
        for group in audit.GROUPS:
            if group != FRAMEWORK_VERSIONS:
                audit.append(db, "group baseline", group, after_sha=audit.group_digest(db, group))
    conn.close()
    # The old cases were recorded without a log (it began at the upgrade): check has them all.
    with CaseLibrary.open(path) as library:
        report = check_library(library)
        assert report.problems == [], report.text()
        assert library.get_case("OLD-1").framework_version == "2026.1"


def test_adopting_a_framework_makes_it_the_one_in_force_and_records_who_and_why(
    library: CaseLibrary,
) -> None:
    library.save_case(make_case("OLD-1"))
    library.take_changes()
    adopted = fw.adopt(
        library, revised_text(), note="Bands tightened after the 2026 review", source="new.toml"
    )
    assert adopted.version == "2027.1"
    assert adopted.note == "Bands tightened after the 2026 review"
    assert "(" in adopted.adopted_by  # the login name and the interface, as the log names them
    assert [v.version for v in fw.versions(library)] == ["2026.1", "2027.1"]
    assert fw.framework_in_force(library).scoring.bands[0].below == 20
    assert library.take_changes().touches(FRAMEWORK_VERSIONS)
    # The case assessed before keeps its version; a new one is under the one in force.
    assert library.get_case("OLD-1").framework_version == "2026.1"
    library.save_case(make_case("NEW-1"))
    assert library.get_case("NEW-1").framework_version == "2027.1"
    assert fw.framework_for(library, "2026.1").scoring.bands[0].below == 25
    entry = library.db.execute(
        "SELECT action, what FROM audit_log WHERE subject = ? ORDER BY id DESC LIMIT 1",
        [FRAMEWORK_VERSIONS],
    ).fetchone()
    assert entry == ("group changed", "framework 2027.1 adopted")
    assert check_library(library).problems == []
    assert fw.differences(fw.framework_for(library, "2026.1"), fw.framework_in_force(library)) == [
        "Recommendation bands: Approve below 25, Approve with conditions below 50, Restrict "
        "below 75, Decline → Approve below 20, Approve with conditions below 50, Restrict below "
        "75, Decline"
    ]
    diff = fw.text_diff(*fw.versions(library))
    assert '-version = "2026.1"' in diff and '+version = "2027.1"' in diff


@pytest.mark.parametrize(
    ("text", "note", "says"),
    [
        (revised_text(), "  ", "Say why the council adopts this framework"),
        ("[framework\nname=", "a reason", "not valid TOML"),
        (
            bundled_framework_text().replace("below = 25", "below = 20"),
            "a reason",
            "a version this library adopted on",
        ),
        (bundled_framework_text(), "a reason", "as already in force"),
        (
            revised_text().replace('default_profile = "balanced"', 'default_profile = "nope"'),
            "a reason",
            "'nope' is not one of the weight_profiles",
        ),
    ],
)
def test_a_framework_that_cannot_be_adopted_is_refused_in_words_and_changes_nothing(
    library: CaseLibrary, text: str, note: str, says: str
) -> None:
    before = library.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(fw.AdoptionRefused, match="(?s)" + says.replace("(", r"\(")) as refused:
        fw.adopt(library, text, note=note, source="new.toml")
    assert "Nothing was changed" in str(refused.value) or "nothing was changed" in str(
        refused.value
    )
    assert [v.version for v in fw.versions(library)] == ["2026.1"]
    assert library.db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before


def test_an_adopted_version_cannot_be_edited_or_removed(library: CaseLibrary) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="never changed"):
        library.conn.execute("UPDATE framework_versions SET note = 'rewritten'")
    with pytest.raises(sqlite3.IntegrityError, match="never removed"):
        library.conn.execute("DELETE FROM framework_versions")


def test_a_version_rewritten_behind_council_desks_back_is_named_by_check(
    library: CaseLibrary,
) -> None:
    library.save_case(make_case("OLD-1"))
    library.conn.execute("DROP TRIGGER framework_versions_no_update")
    library.conn.execute("UPDATE framework_versions SET note = 'we always meant this'")
    problems = check_library(library).problems
    assert any(
        "the framework versions differ from their last recorded change" in p for p in problems
    )


def test_a_case_rated_on_a_key_its_framework_lacks_is_not_written(library: CaseLibrary) -> None:
    case = make_case("ODD-1")
    assessment = case.assessments[0]
    odd = replace(
        case,
        assessments=(
            replace(
                assessment,
                considerations={
                    **assessment.considerations,
                    "sustainability": assessment.considerations["harm"],
                },
            ),
        ),
    )
    with pytest.raises(
        Exception,
        match=re.escape("rates 'sustainability', which is not a consideration of framework 2026.1"),
    ):
        library.save_case(odd)
    assert not library.has_case("ODD-1")


def test_an_export_carries_the_version_a_case_was_made_under(library: CaseLibrary) -> None:
    library.save_case(make_case("OLD-1"))
    fw.adopt(library, revised_text(), note="revised", source="new.toml")
    library.save_case(make_case("NEW-1"))
    # 2026.1 is written as before versions were kept, so old fingerprints and memos stand.
    assert "framework_version" not in case_to_json(library.get_case("OLD-1"))
    assert case_to_json(library.get_case("NEW-1"))["framework_version"] == "2027.1"


def test_importing_cases_made_under_a_framework_the_library_never_adopted_is_refused(
    library: CaseLibrary,
) -> None:
    import json

    from council_app.errors import CouncilError

    obj = case_to_json(make_case("ALIEN-1"))
    obj["framework_version"] = "2031.4"
    text = json.dumps({"format": "council-case", "version": 1, "case": obj})
    document = parse_document(text.encode(), source="alien.json")
    with pytest.raises(
        CouncilError, match=re.escape("framework '2031.4', which this library has not adopted")
    ):
        import_document(library, document)
    assert not library.has_case("ALIEN-1")
