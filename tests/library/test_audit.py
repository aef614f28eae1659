"""The audit log: every change recorded with who, when, before and after; edits made behind the
app's back are found; a decision is never silently edited."""

from __future__ import annotations

import io
import itertools
import re
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from council_app.case import Decision
from council_app.council import sessions
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.audit import decision_revisions, entries, set_interface
from council_app.library.audit_check import check_library
from council_app.library.members import Member, save_members
from council_app.memo import prepare_memo, render_memo
from tests.factories import make_case


@pytest.fixture
def audited(tmp_path: Path) -> CaseLibrary:
    library = CaseLibrary.open(tmp_path / "audited.sqlite")
    library.save_case(make_case("CASE-1"))
    library.save_case(make_case("CASE-2", decision=None, status="in_review"))
    return library


def behind_our_back(path: Path, sql: str) -> None:
    """What someone with a database tool could do to the file."""
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.close()


def test_every_change_is_recorded_with_who_when_before_and_after(audited: CaseLibrary) -> None:
    set_interface("test")
    try:
        before = audited.get_case("CASE-1")
        audited.save_case(replace(before, title="A new title"))
        audited.save_case(audited.get_case("CASE-1"))  # saved unchanged: nothing to record
        audited.delete_case("CASE-2")
    finally:
        set_interface("Council Desk")
    log = entries(audited)
    changes = [(e.action, e.subject) for e in log if e.action.startswith("case")]
    assert changes == [
        ("case added", "CASE-1"),
        ("case added", "CASE-2"),
        ("case changed", "CASE-1"),
        ("case deleted", "CASE-2"),
    ]
    changed = next(e for e in log if e.action == "case changed")
    assert changed.actor.endswith("(test)")
    assert changed.before is not None and '"title":"Crowd density' in changed.before
    assert changed.before_sha != changed.after_sha
    assert re.match(r"\d{4}-\d\d-\d\dT", changed.at)
    # Each entry's hash follows the one before it.
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(log))
    assert check_library(audited).problems == []


def test_sittings_members_and_settings_are_recorded_too(audited: CaseLibrary) -> None:
    save_members(audited, [Member("Ana"), Member("Ben"), Member("Chen")])
    sitting = sessions.create_session(audited, "March sitting", date(2026, 3, 4))
    sessions.add_to_agenda(audited, sitting, "CASE-2")
    sessions.set_status(audited, sitting, "open")
    sessions.record_vote(audited, sitting, "CASE-2", "Ana", "approve")
    audited.set_meta("council_name", "Ethics Council")
    whats = [e.what for e in entries(audited) if e.action == "group changed"]
    assert "members of the council changed" in whats
    assert "vote by Ana on CASE-2 at sitting 1" in whats
    assert "setting council_name" in whats
    assert check_library(audited).problems == []


def test_an_edit_behind_the_app_s_back_is_found(audited: CaseLibrary) -> None:
    path = audited.path
    assert path is not None
    audited.close()
    behind_our_back(
        path,
        "UPDATE decisions SET outcome = 'decline' WHERE case_id = 'CASE-1';"
        "DELETE FROM cases WHERE id = 'CASE-2';"
        "INSERT INTO library_meta (key, value) VALUES ('quorum_rule', '1');",
    )
    with CaseLibrary.open(path) as library:
        report = check_library(library)
    found = "\n".join(report.behind_our_back)
    assert "CASE-1 differs from its last recorded change" in found
    assert "CASE-2 is missing" in found
    assert "the settings differ" in found
    assert report.chain == []
    assert "changed outside Council Desk" in report.text()


def test_the_log_cannot_be_altered_and_a_forged_entry_breaks_the_chain(
    audited: CaseLibrary,
) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        audited.db.execute("UPDATE audit_log SET actor = 'someone else' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        audited.db.execute("DELETE FROM audit_log WHERE id = 1")
    path = audited.path
    assert path is not None
    audited.close()
    behind_our_back(
        path,
        "DROP TRIGGER audit_log_no_update;"
        "UPDATE audit_log SET actor = 'someone else' WHERE id = 2;",
    )
    with CaseLibrary.open(path) as library:
        report = check_library(library)
    assert any("entry 2" in p and "altered" in p for p in report.chain)
    assert any("audit_log_no_update" in p for p in report.chain)


def test_a_library_from_before_the_log_starts_it_with_a_baseline(tmp_path: Path) -> None:
    from tests.library.test_migrations import library_at_version

    path = tmp_path / "v4.sqlite"
    library_at_version(path, 4)
    with CaseLibrary.open(path) as library:
        baseline = [e.subject for e in entries(library) if e.action == "baseline"]
        assert baseline == ["OLD-0", "OLD-1", "OLD-2"]
        assert check_library(library).problems == []


def test_a_changed_decision_is_a_new_revision_in_the_memo(
    audited: CaseLibrary, framework: Framework
) -> None:
    first = audited.get_case("CASE-1")
    assert first.decision is not None
    audited.save_case(replace(first, title="Retitled"))  # not a change of decision
    second = replace(
        audited.get_case("CASE-1"),
        decision=Decision(outcome="restrict", date=date(2025, 4, 2), rationale="On appeal."),
    )
    audited.save_case(second)
    revisions = decision_revisions(audited, audited.get_case("CASE-1"))
    assert [(r.number, r.decision.outcome) for r in revisions] == [
        (1, "approve_with_conditions"),
        (2, "restrict"),
    ]
    assert revisions[0].replaced_at is not None and revisions[1].replaced_at is None
    memo = prepare_memo(audited, framework, audited.get_case("CASE-1"))
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(render_memo(memo))).pages
    ).replace("\n", " ")
    assert "This is revision 2 of the decision." in text
    assert "Revision 1: Approve with conditions, decided 2025-03-14; replaced" in text


# -- trust under attack (issue 18) -----------------------------------------------------------------


def test_opening_a_library_whose_log_was_emptied_does_not_absorb_it(
    audited: CaseLibrary,
) -> None:
    path = audited.path
    assert path is not None
    audited.close()
    behind_our_back(
        path,
        "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log;"
        "UPDATE decisions SET outcome = 'decline' WHERE case_id = 'CASE-1';"
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    )
    CaseLibrary.open(path).close()  # what any ordinary command does
    with CaseLibrary.open(path) as library:
        assert entries(library) == []
        report = check_library(library)
    assert "CASE-1 is in the library but was never recorded" in report.behind_our_back


def test_a_change_behind_the_app_s_back_is_not_laundered_by_the_next_write(
    audited: CaseLibrary,
) -> None:
    path = audited.path
    assert path is not None
    save_members(audited, [Member("Ana"), Member("Ben")])
    audited.close()
    behind_our_back(
        path,
        "UPDATE consideration_ratings SET score = 0 WHERE rowid = (SELECT min(rowid) FROM consideration_ratings);"
        "UPDATE members SET name = 'Bea' WHERE name = 'Ben';",
    )
    with CaseLibrary.open(path) as library:
        case = library.get_case("CASE-1")
        library.save_case(replace(case, title="A routine edit"))  # an ordinary write
        library.set_meta("council_name", "Ethics Council")  # an unrelated setting
        report = check_library(library)
    gaps = "\n".join(report.gaps)
    assert "CASE-1 was changed outside Council Desk before entry" in gaps
    # The setting's write records only the setting: the members stay as found, and named.
    assert "the members differ from their last recorded change" in report.behind_our_back[0]
    assert not any("settings" in p for p in report.problems)


def test_check_reads_one_snapshot_while_another_process_writes(
    audited: CaseLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    from council_app.library import audit_check

    path = audited.path
    assert path is not None
    other = CaseLibrary.open(path)
    real = audit_check.group_digest
    wrote: list[bool] = []

    def writing_meanwhile(db: object, group: str) -> str:
        if not wrote:  # another process writes after the log was read, before the groups are
            wrote.append(True)
            other.set_meta("council_name", "Written meanwhile")
        return real(db, group)  # type: ignore[arg-type]

    monkeypatch.setattr(audit_check, "group_digest", writing_meanwhile)
    report = check_library(audited)
    other.close()
    assert wrote and report.problems == []


def test_a_score_written_as_a_decimal_imports_as_the_whole_number(tmp_path: Path) -> None:
    import json

    from council_app.library.exchange import case_to_json, parse_document

    document = {"format": "council-case", "version": 1, "case": case_to_json(make_case("DEC-1"))}
    considerations = document["case"]["ratings"][0]["considerations"]
    first, second = list(considerations)[:2]
    considerations[first]["score"] = 2.0
    considerations[second]["score"] = -0.0
    with CaseLibrary.open(tmp_path / "l.sqlite") as library:
        library.add_cases(parse_document(json.dumps(document)).cases)
        stored = library.get_case("DEC-1").assessments[0].considerations
        assert stored[first].score == 2 and isinstance(stored[first].score, int)
        assert check_library(library).problems == []


def test_the_council_accepts_a_library_as_found_and_the_log_says_why(
    audited: CaseLibrary,
) -> None:
    from council_app.errors import CouncilError
    from council_app.library.audit_check import accept_as_found

    path = audited.path
    assert path is not None
    audited.close()
    behind_our_back(path, "UPDATE decisions SET outcome = 'decline' WHERE case_id = 'CASE-1';")
    with CaseLibrary.open(path) as library:
        with pytest.raises(CouncilError, match="Say why"):
            accept_as_found(library, "  ")
        assert accept_as_found(library, "the secretary corrected a typo") == ["CASE-1"]
        report = check_library(library)
        assert report.problems == []
        assert any("CASE-1" in a and "corrected a typo" in a for a in report.accepted)
        last = entries(library, subject="CASE-1")[-1]
        assert last.action == "baseline" and "accepted as found" in last.what


def test_a_kept_head_shows_a_rewritten_history(audited: CaseLibrary) -> None:
    from council_app.library.audit import GENESIS, chain_head, entry_hash

    head = chain_head(audited)
    assert head is not None
    assert check_library(audited, head=head.hash).head_found is not None
    assert check_library(audited, head=head.hash[:16]).problems == []
    path = audited.path
    assert path is not None
    audited.close()
    # Rewrite one old entry and recompute every hash after it: the chain is "intact" again.
    conn = sqlite3.connect(path)
    conn.executescript("DROP TRIGGER audit_log_no_update;")
    prev = GENESIS
    rows = conn.execute(
        "SELECT id, at, actor, action, subject, what, before_sha, after_sha, before "
        "FROM audit_log ORDER BY id"
    ).fetchall()
    for entry_id, at, who, action, subject, what, before_sha, after_sha, before in rows:
        who = "someone else" if entry_id == 1 else who
        new = entry_hash(prev, at, who, action, subject, what, before_sha, after_sha, before)
        conn.execute(
            "UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE id = ?",
            [who, prev, new, entry_id],
        )
        prev = new
    conn.commit()
    conn.executescript(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
    )
    conn.close()
    with CaseLibrary.open(path) as library:
        plain = check_library(library)
        anchored = check_library(library, head=head.hash)
    assert plain.chain == []
    assert anchored.head_found is None
    assert "NOT in this library's chain" in anchored.text()
    assert anchored.problems
