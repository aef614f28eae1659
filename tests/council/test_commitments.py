"""Conditions as commitments: where each stands, what follows, and recording status and evidence."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from council_app.case import Case, Condition, Decision, Evidence, StatusChange
from council_app.council.commitments import (
    CommitmentError,
    committed,
    list_commitments,
    next_due,
    standing,
    update_condition,
)
from council_app.council.review import due_for_review
from council_app.errors import ImportRefused, LibraryError, RevisionConflict
from council_app.framework import Framework
from council_app.library import CaseLibrary, export_document, import_document, parse_document
from council_app.library import evidence as evidence_store
from council_app.library.audit_check import check_library
from council_app.library.evidence import EvidenceRefused, evidence_content
from council_app.vocabulary import CONDITION_STATUSES
from tests.factories import make_case

TODAY = date(2026, 12, 3)
DECIDED = date(2026, 1, 10)


def decided_with(
    case_id: str, *conditions: Condition, outcome: str = "approve_with_conditions"
) -> Case:
    base = make_case(case_id)
    assert base.decision is not None
    return replace(
        base,
        links=(),
        decision=replace(
            base.decision,
            outcome=outcome,
            date=DECIDED,
            review_by=date(2028, 1, 10),
            reviews=(),
            conditions=conditions,
        ),
    )


def stood(framework: Framework, condition: Condition, day: date = TODAY, outcome: str = "approve"):  # type: ignore[no-untyped-def]
    return standing(framework, Decision(outcome=outcome, date=DECIDED), condition, day)


# -- the rule of where a condition stands ---------------------------------------------------------


def test_an_open_condition_past_its_date_stands_overdue_and_says_since_when(
    framework: Framework,
) -> None:
    c = Condition("Audit report", owner="Legal", due=date(2026, 11, 1), kind="before_launch")
    assert stood(framework, c, date(2026, 11, 1)).status == "open"
    late = stood(framework, c)
    assert late.status == "overdue" and not late.kept
    assert late.why == "Due on 1 November 2026 (32 days ago) and not recorded as met."
    # A before-launch condition overdue calls the decision back for review; as shipped.
    assert late.calls_review


def test_the_last_status_said_on_or_before_the_day_is_where_it_stands(
    framework: Framework,
) -> None:
    c = Condition(
        "Audit report",
        due=date(2026, 3, 1),
        kind="ongoing",
        history=(
            StatusChange("met", date(2026, 2, 20), "Priya Raman", "Report read."),
            StatusChange(
                "breached", date(2026, 9, 1), "Yusuf Demir", "Identification was switched on."
            ),
        ),
    )
    assert stood(framework, c, date(2026, 2, 19)).status == "open"
    assert stood(framework, c, date(2026, 5, 1)).status == "met"
    breached = stood(framework, c)
    assert breached.status == "breached"
    assert breached.why == (
        "Breached on 1 September 2026 by Yusuf Demir: Identification was switched on."
    )
    assert breached.calls_review  # an ongoing condition breached calls the decision back


def test_a_report_due_late_is_listed_but_does_not_call_the_decision_back(
    framework: Framework,
) -> None:
    c = Condition("Quarterly access-log report", due=date(2026, 4, 1), kind="report_due",
                  every_months=3, history=(StatusChange("met", date(2026, 4, 1)),
                                           StatusChange("met", date(2026, 7, 1))))  # fmt: skip
    assert next_due(c, DECIDED, TODAY) == date(2026, 10, 1)
    late = stood(framework, c)
    assert late.status == "overdue" and not late.calls_review
    assert late.why.startswith("Due every 3 months, next on 1 October 2026 (63 days ago)")
    assert stood(framework, c, date(2026, 9, 30)).status == "met"


def test_a_deferral_records_its_requests_with_the_date_it_lapses(framework: Framework) -> None:
    asked = committed(framework, "defer", DECIDED, [Condition("Provide the tender documents.")])
    assert asked[0].kind == "information_request"
    assert asked[0].due == date(2026, 4, 10)  # 90 days on, as shipped
    kept = committed(framework, "approve_with_conditions", DECIDED, [Condition("No faces.")])
    assert kept[0].kind == "before_launch" and kept[0].due is None
    lapsed = stood(framework, asked[0], outcome="defer")
    assert lapsed.lapses_deferral and lapsed.calls_review


# -- the due list ---------------------------------------------------------------------------------


def test_the_due_list_names_conditions_not_kept_and_what_follows(
    library: CaseLibrary,
) -> None:
    library.save_case(
        decided_with(
            "BREACH",
            Condition(
                "Adults only.",
                owner="Evermore",
                due=date(2026, 2, 1),
                kind="before_launch",
                history=(
                    StatusChange(
                        "breached",
                        date(2026, 3, 16),
                        "Hannah Brennan",
                        "Age checks were off for nine days.",
                    ),
                ),
            ),
        )
    )
    library.save_case(
        decided_with(
            "REPORT",
            Condition(
                "Monthly route report.",
                due=date(2026, 2, 1),
                kind="report_due",
                every_months=1,
                history=(StatusChange("met", date(2026, 9, 1)),),
            ),
        )
    )
    library.save_case(
        decided_with(
            "LAPSED",
            *committed(framework_of(library), "defer", DECIDED, [Condition("Tender documents.")]),
            outcome="defer",
        )
    )
    library.save_case(decided_with("KEPT", Condition("Done.", due=date(2026, 2, 1), kind="before_launch",
                       history=(StatusChange("met", date(2026, 1, 30)),))))  # fmt: skip
    due = {item.case.id: item for item in due_for_review(library, TODAY)}
    assert "KEPT" not in due
    assert due["BREACH"].kind == "overdue"
    assert due["BREACH"].reasons == (
        "Condition 1 (Before launch, owner Evermore): “Adults only.” Breached on 16 March 2026 "
        "by Hannah Brennan: Age checks were off for nine days. The framework calls the decision "
        "back for review.",
    )
    assert due["REPORT"].kind == "commitment"
    assert "next on 1 October 2026" in due["REPORT"].reasons[0]
    assert due["LAPSED"].kind == "overdue"
    assert "The deferral lapsed on 10 April 2026" in due["LAPSED"].reasons[0]
    assert "comes back to the agenda" in due["LAPSED"].reasons[0]


def framework_of(library: CaseLibrary) -> Framework:
    from council_app.library.frameworks import framework_in_force

    return framework_in_force(library)


def test_a_superseded_decisions_conditions_are_not_listed(library: CaseLibrary) -> None:
    old = decided_with("OLD", Condition("Late.", due=date(2026, 2, 1), kind="before_launch"))
    library.save_case(old)
    assert [c.case_id for c in list_commitments(library, TODAY)] == ["OLD"]
    newer = replace(
        decided_with("NEW"), links=(replace(make_case().links[0], type="supersedes", target="OLD"),)
    )
    library.save_case(newer)
    assert [c.case_id for c in list_commitments(library, TODAY)] == []


# -- recording a status and evidence ------------------------------------------------------------


@pytest.fixture
def decided(library: CaseLibrary) -> CaseLibrary:
    library.save_case(
        decided_with(
            "TST-1",
            Condition(
                "No face templates.", owner="Customer", due=date(2026, 6, 30), kind="before_launch"
            ),
            Condition("Annual report.", kind="report_due", every_months=12),
        )
    )
    return library


def stored_row(library: CaseLibrary, position: int) -> tuple[str, str]:
    row = library.db.execute(
        "SELECT history, evidence FROM conditions WHERE case_id = 'TST-1' AND position = ?",
        [position],
    ).fetchone()
    return row[0], row[1]


def test_a_status_is_recorded_with_who_when_and_why(decided: CaseLibrary) -> None:
    case = update_condition(
        decided, "TST-1", 1, on=date(2026, 6, 20), by="Priya Raman", status="met",
        note="Checked in the customer's build.",
    )  # fmt: skip
    assert case.decision is not None
    assert case.decision.conditions[0].history == (
        StatusChange("met", date(2026, 6, 20), "Priya Raman", "Checked in the customer's build."),
    )
    history, _ = stored_row(decided, 0)
    assert json.loads(history) == [
        {"status": "met", "on": "2026-06-20", "by": "Priya Raman",
         "note": "Checked in the customer's build."}
    ]  # fmt: skip
    assert [c.standing.status for c in list_commitments(decided, TODAY)] == ["met", "open"]
    entry = decided.db.execute("SELECT what FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert entry[0] == "condition 1 of TST-1: met"


@pytest.mark.parametrize(
    ("number", "status", "note", "on", "words"),
    [
        (1, "waived", "", date(2026, 7, 1), "waived only with a reason"),
        (3, "met", "", date(2026, 7, 1), "there is no condition 3"),
        (1, "met", "", date(2025, 12, 1), "is recorded after that"),
        (1, "done", "", date(2026, 7, 1), "one of open, met, overdue, breached, waived"),
    ],
)
def test_an_update_that_breaks_a_rule_is_refused_in_words_and_changes_nothing(
    decided: CaseLibrary, number: int, status: str, note: str, on: date, words: str
) -> None:
    before = decided.get_case("TST-1")
    with pytest.raises(CommitmentError) as refused:
        update_condition(decided, "TST-1", number, on=on, by="x", status=status, note=note)
    assert words in str(refused.value)
    assert decided.get_case("TST-1") == before
    assert decided.get_case("TST-1").revision == before.revision


def test_an_update_on_an_older_revision_is_refused(decided: CaseLibrary) -> None:
    seen = decided.get_case("TST-1").revision
    update_condition(decided, "TST-1", 1, on=date(2026, 7, 1), by="a", status="met")
    with pytest.raises(RevisionConflict):
        update_condition(
            decided, "TST-1", 2, on=date(2026, 7, 1), by="b", status="met", expected_revision=seen
        )
    assert decided.get_case("TST-1").decision.conditions[1].history == ()  # type: ignore[union-attr]


def test_an_evidence_file_is_stored_once_under_its_digest(
    decided: CaseLibrary, tmp_path: Path
) -> None:
    report = tmp_path / "audit.txt"
    report.write_text("No face templates were found.\n", encoding="utf-8")
    sha = hashlib.sha256(report.read_bytes()).hexdigest()
    for number in (1, 2):
        update_condition(
            decided, "TST-1", number, on=date(2026, 7, 1), by="Jonas Lindqvist",
            evidence_file=report, evidence_note="The auditor's letter.",
        )  # fmt: skip
    case = decided.get_case("TST-1")
    assert case.decision is not None
    assert case.decision.conditions[0].evidence == (
        Evidence(date(2026, 7, 1), "The auditor's letter.", "Jonas Lindqvist", "audit.txt", sha,
                 report.stat().st_size, "text/plain"),
    )  # fmt: skip
    assert evidence_content(decided, sha) == report.read_bytes()
    assert decided.db.execute("SELECT count(*) FROM evidence_files").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("letter.pdf", b"not a pdf at all", "is not application/pdf"),
        ("tool.exe", b"MZ", "not kept as evidence"),
        ("notes.txt", b"\xff\xfe\x00binary", "is not text/plain"),
        ("huge.txt", b"x" * 2049, "more than the 2 KB an evidence file may be"),
    ],
)
def test_a_file_that_is_not_what_it_says_or_too_large_is_not_attached(
    decided: CaseLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    name: str, content: bytes, words: str,
) -> None:  # fmt: skip
    monkeypatch.setattr(evidence_store, "MAX_EVIDENCE_BYTES", 2048)
    path = tmp_path / name
    path.write_bytes(content)
    before = decided.get_case("TST-1")
    with pytest.raises(EvidenceRefused) as refused:
        update_condition(decided, "TST-1", 1, on=date(2026, 7, 1), by="x", evidence_file=path)
    assert words in str(refused.value) and "nothing was attached" in str(refused.value)
    assert decided.get_case("TST-1") == before
    assert decided.db.execute("SELECT count(*) FROM evidence_files").fetchone()[0] == 0


# -- evidence travels and is checked --------------------------------------------------------------


@pytest.fixture
def with_evidence(decided: CaseLibrary, tmp_path: Path) -> tuple[CaseLibrary, bytes]:
    report = tmp_path / "audit.csv"
    report.write_bytes(b"month,templates\n2026-06,0\n")
    update_condition(
        decided, "TST-1", 1, on=date(2026, 7, 1), by="Jonas Lindqvist", status="met",
        evidence_file=report,
    )  # fmt: skip
    return decided, report.read_bytes()


def test_evidence_files_survive_export_and_import(
    with_evidence: tuple[CaseLibrary, bytes], tmp_path: Path
) -> None:
    library, content = with_evidence
    sha = hashlib.sha256(content).hexdigest()
    for ids in (["TST-1"], None):  # a case document, and the whole library
        document = export_document(library, ids)
        assert set(document["evidence_files"]) == {sha}
        with CaseLibrary.open(tmp_path / f"other-{bool(ids)}.sqlite") as other:
            import_document(other, parse_document(json.dumps(document)))
            assert evidence_content(other, sha) == content
            assert other.get_case("TST-1") == library.get_case("TST-1")
            assert check_library(other).problems == []


def test_an_import_whose_file_does_not_match_its_digest_or_is_missing_is_refused(
    with_evidence: tuple[CaseLibrary, bytes],
) -> None:
    library, _ = with_evidence
    document = export_document(library, ["TST-1"])
    (sha,) = document["evidence_files"]
    tampered = json.loads(json.dumps(document))
    tampered["evidence_files"][sha]["content_base64"] = "bW9udGgsdGVtcGxhdGVzCjIwMjYtMDYsMwo="
    with pytest.raises(ImportRefused) as refused:
        parse_document(json.dumps(tampered))
    assert "does not have that SHA-256" in str(refused.value.problems)
    missing = json.loads(json.dumps(document))
    del missing["evidence_files"]
    with pytest.raises(ImportRefused) as refused:
        parse_document(json.dumps(missing))
    assert "audit.csv is not in the document's evidence_files" in str(refused.value.problems)


def test_a_redacted_export_leaves_the_file_out_and_says_so(
    with_evidence: tuple[CaseLibrary, bytes],
) -> None:
    library, _ = with_evidence
    # As shipped an attachment is internal: a redacted (public) copy leaves it out whole.
    document = export_document(library, ["TST-1"], redact=True)
    assert "evidence_files" not in document
    assert "evidence" not in document["case"]["decision"]["conditions"][0]
    assert {"kind": "attachments", "confidentiality": "internal", "count": 1} in document["case"][
        "left_out"
    ]
    # Made public, it is kept, with its file and its author's name left out.
    case = library.get_case("TST-1")
    assert case.decision is not None
    condition = case.decision.conditions[0]
    public = replace(
        condition, evidence=(replace(condition.evidence[0], confidentiality="public"),)
    )
    library.save_case(replace(case, decision=replace(case.decision, conditions=(public,))))
    document = export_document(library, ["TST-1"], redact=True)
    evidence = document["case"]["decision"]["conditions"][0]["evidence"]
    (item,) = evidence
    assert item["note"] == "[evidence file left out]"
    assert item["added_by"].startswith("Member ")
    assert set(item) == {"added_on", "note", "added_by"}  # its class is the rule's, not said
    assert "Jonas" not in json.dumps(document)


def test_check_names_an_evidence_file_changed_behind_the_apps_back(
    with_evidence: tuple[CaseLibrary, bytes],
) -> None:
    library, _ = with_evidence
    assert check_library(library).problems == []
    path = library.path
    assert path is not None
    conn = sqlite3.connect(path)
    conn.execute("UPDATE evidence_files SET content = CAST('month,templates\n2026-06,9\n' AS BLOB)")
    conn.commit()
    conn.close()
    report = check_library(library)
    assert report.evidence and "has changed since it was stored" in report.evidence[0]
    assert "Evidence files checked against their SHA-256: 1; PROBLEMS" in report.text()


_DAYS = st.dates(min_value=date(2026, 1, 10), max_value=date(2027, 6, 30))
_CONDITIONS = st.builds(
    Condition,
    text=st.just("A condition."),
    due=st.none() | _DAYS,
    kind=st.sampled_from(["before_launch", "ongoing", "report_due", ""]),
    every_months=st.none() | st.integers(1, 12),
    history=st.lists(
        st.builds(StatusChange, status=st.sampled_from(CONDITION_STATUSES), on=_DAYS), max_size=3
    ).map(lambda h: tuple(sorted(h, key=lambda c: c.on))),
)


@settings(max_examples=40, deadline=None)
@given(conditions=st.lists(_CONDITIONS, min_size=1, max_size=6), day=_DAYS)
def test_the_due_lists_quick_reading_finds_every_condition_not_kept(
    conditions: list[Condition], day: date
) -> None:
    # The due list reads only the conditions that may stand not kept (a query on their last
    # word); it must miss none that the rule finds overdue or breached.
    with CaseLibrary.in_memory() as library:
        library.save_case(decided_with("PROP-1", *conditions))
        every = list_commitments(library, day)
        quick = list_commitments(library, day, not_kept=True)
        assert quick == [c for c in every if not c.standing.kept]


def test_a_status_recorded_late_takes_its_place_in_date_order(decided: CaseLibrary) -> None:
    update_condition(decided, "TST-1", 1, on=date(2026, 9, 1), by="a", status="breached")
    update_condition(decided, "TST-1", 1, on=date(2026, 6, 1), by="b", status="met")
    case = decided.get_case("TST-1")
    assert case.decision is not None
    assert [h.status for h in case.decision.conditions[0].history] == ["met", "breached"]
    assert list_commitments(decided, TODAY, not_kept=True)[0].standing.status == "breached"
    unordered = replace(
        case.decision.conditions[0], history=case.decision.conditions[0].history[::-1]
    )
    with pytest.raises(LibraryError) as refused:
        decided.save_case(replace(case, decision=replace(case.decision, conditions=(unordered,))))
    assert "status changes are not in date order" in str(refused.value)


def test_a_condition_recurs_within_the_cores_bound(library: CaseLibrary) -> None:
    from council_app.case import MAX_EVERY_MONTHS

    with pytest.raises(LibraryError) as refused:
        library.save_case(
            decided_with("LONG", Condition("Report.", every_months=MAX_EVERY_MONTHS + 1))
        )
    assert "recurs every 121 months; a condition recurs every 1 to 120 months" in str(refused.value)
    assert not library.has_case("LONG")
