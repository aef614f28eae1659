"""The minutes of a sitting are the record: what a secretary reads in them, read back with pypdf."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from council_app.council import sessions as s
from council_app.council.settings import load_settings
from council_app.errors import CouncilError
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.audit_check import check_library
from council_app.memo import minutes_for_day, minutes_for_session, render_minutes
from council_app.memo.minutes_content import MinutesInput
from tests.sittings import (
    DAY,
    DEPARTURE,
    DISSENT,
    MEMBERS,
    OWNED,
    RECUSAL_REASON,
    UNOWNED,
    hold_sitting,
)


def pages(data: bytes) -> list[str]:
    """Each page's words, lines joined, as a reader would quote them."""
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def text(data: bytes) -> str:
    return " ".join(pages(data))


def item_section(words: str, number: int) -> str:
    """The words of item ``number``, from its heading to the next item's (or the record)."""
    start = words.index(f"{number}. CASE-{number} — ")
    following = re.compile(rf"{number + 1}\. CASE-|The record").search(words, start + 1)
    return words[start : following.start() if following else None]


@pytest.fixture
def council(tmp_path: Path, framework: Framework) -> tuple[CaseLibrary, int]:
    library = CaseLibrary.open(tmp_path / "council.sqlite")
    return library, hold_sitting(library, framework)


def minutes_of(council: tuple[CaseLibrary, int], framework: Framework) -> MinutesInput:
    library, sitting = council
    return minutes_for_session(library, sitting, load_settings(library), framework)


def test_attendance_and_quorum_with_their_numbers(
    council: tuple[CaseLibrary, int], framework: Framework
) -> None:
    words = text(render_minutes(minutes_of(council, framework)))
    assert "Present (4): Ana Silva, Ben Okoro, Chen Wei, Dara Quinn" in words
    assert "Absent: Eli Novak" in words
    assert (
        "Quorum: 4 of 5 voting members present; 3 needed (a majority of the voting members)."
        in words
    )
    # Who stood aside neither votes nor counts toward the item's quorum.
    assert (
        "Quorum for this item: 3 of 4 voting members present (Dara Quinn recused); 3 needed"
        in item_section(words, 1)
    )
    library, _ = council
    s.set_quorum_rule(library, "all")
    words = text(render_minutes(minutes_of(council, framework)))
    assert "No quorum: 4 of 5 voting members present; 5 needed (every voting member)." in words


def test_votes_are_counted_for_against_and_abstaining(
    council: tuple[CaseLibrary, int], framework: Framework
) -> None:
    words = text(render_minutes(minutes_of(council, framework)))
    first, second, third = (item_section(words, n) for n in (1, 2, 3))
    assert "Votes: 2 for the decision (Decline), 1 against, 0 abstaining; 3 in all." in first
    assert "By outcome: Approve 1 · Decline 2." in first
    assert (
        "Result: Decline carried the vote: 2 of 3 votes cast (a simple majority needs 2)." in first
    )
    assert "Each vote: Ana Silva: Decline; Ben Okoro: Decline; Chen Wei: Approve." in first
    assert (
        "Votes: 3 for the decision (Approve with conditions), 0 against, 1 abstaining; 4 in all."
        in second
    )
    assert "Approve with conditions 3 · Abstain 1" in second
    assert "Votes so far: Restrict 1 (of 1)." in third and "Not decided at this sitting." in third


def test_a_departure_from_the_recommendation_is_marked_with_its_reason(
    council: tuple[CaseLibrary, int], framework: Framework
) -> None:
    minutes = minutes_of(council, framework)
    words = text(render_minutes(minutes))
    first, second = item_section(words, 1), item_section(words, 2)
    recommended = minutes.items[0].score.scoring
    assert recommended.recommendation.outcome == "approve_with_conditions"
    assert "The decision departs from the recommendation." in first
    assert (
        f"The framework recommends Approve with conditions (concern index "
        f"{recommended.shown_index}); the decision is Decline." in first
    )
    assert f"Reason recorded for the departure {DEPARTURE}" in first
    assert "departs from the recommendation" not in second
    assert "The decision follows its sitting" in second
    overview = words[: words.index("1. CASE-1 — ")]
    assert "Decline — departs" in overview
    assert overview.count("departs") == 1


def test_conditions_are_given_in_full_with_owner_and_due_date(
    council: tuple[CaseLibrary, int], framework: Framework
) -> None:
    second = item_section(text(render_minutes(minutes_of(council, framework))), 2)
    assert "Conditions (2)" in second
    # Each of the framework's default kind, and where it stood on the day of the sitting.
    assert (
        f"{OWNED.text} Before launch · Owner: Head of Operations · Due: 2027-03-01 · "
        "Open; due on 1 March 2027." in second
    )
    assert (
        f"{UNOWNED.text} Before launch · Owner: not named · Due: not set · Open; no due date."
        in second
    )
    assert "Review by: 2027-12-03" in second


def test_recusal_reasons_and_names_are_internal(
    council: tuple[CaseLibrary, int], framework: Framework
) -> None:
    minutes = minutes_of(council, framework)
    internal = text(render_minutes(minutes))
    external = text(render_minutes(minutes, variant="external"))
    assert f"Recused: Dara Quinn ({RECUSAL_REASON})" in internal
    assert "— Chen Wei" in internal and DISSENT in internal
    assert RECUSAL_REASON not in external
    assert re.search(r"Recused: Member [A-Z]+ ", external)
    assert re.search(r"“" + re.escape(DISSENT) + r"” — Member [A-Z]+", external)
    assert "Present: 4 members (names left out). Absent: 1 member." in external
    for name in MEMBERS:
        for part in name.split():
            assert part not in external, part


def test_draft_until_the_sitting_is_closed_and_not_after(
    council: tuple[CaseLibrary, int], framework: Framework
) -> None:
    draft = pages(render_minutes(minutes_of(council, framework)))
    assert "DRAFT — sitting 1 is open; not final until it is closed" in draft[0]
    assert all("DRAFT · CONFIDENTIAL — INTERNAL" in page for page in draft)
    library, sitting = council
    s.set_status(library, sitting, "closed")
    final = pages(render_minutes(minutes_of(council, framework)))
    assert "Final: sitting 1 is closed" in final[0]
    # (the shaded boxes are "DRAFTED AUTOMATICALLY": the word, not the mark)
    assert not any(re.search(r"\bDRAFT\b", page) for page in final)


def test_the_minutes_end_with_the_head_of_the_audit_chain(
    council: tuple[CaseLibrary, int], framework: Framework
) -> None:
    library, _ = council
    minutes = minutes_of(council, framework)
    words = text(render_minutes(minutes))
    report = check_library(library)
    assert not report.problems
    record = words[words.index("The record") :]
    assert f"Audit log: {report.entries} entries" in record
    assert report.head in record.replace(" ", "")
    # The time of the last entry, as the log wrote it.
    (at,) = library.db.execute("SELECT at FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert f"written {at}" in record
    # Anything written after the minutes moves the head: the filed minutes no longer match.
    s.set_status(library, council[1], "closed")
    assert check_library(library).head != report.head


def test_the_same_record_gives_the_same_bytes(
    council: tuple[CaseLibrary, int], framework: Framework
) -> None:
    minutes = minutes_of(council, framework)
    assert render_minutes(minutes) == render_minutes(minutes_of(council, framework))


def test_a_dissent_and_its_label_stay_on_one_page_with_their_attribution(
    council: tuple[CaseLibrary, int], framework: Framework
) -> None:
    """Reasons of growing length push the dissent across the foot of the first page."""
    minutes = minutes_of(council, framework)
    first = minutes.items[0]
    decision = first.case.decision
    assert decision is not None
    crossed = 0
    for lines in range(0, 24, 2):
        rationale = "\n".join(f"Reason {n}: the platform is a public space." for n in range(lines))
        case = replace(first.case, decision=replace(decision, rationale=rationale))
        moved = replace(minutes, items=(replace(first, case=case), *minutes.items[1:]))
        found = pages(render_minutes(moved))
        (where,) = [n for n, page in enumerate(found) if DISSENT in page]
        crossed += where
        assert "— Chen Wei" in found[where], f"{lines} lines: the attribution left its quote"
        assert "Dissent “" in found[where], f"{lines} lines: the label left its quote"
    assert crossed, "the dissent never moved to a later page: the test proves nothing"


def test_minutes_by_date_find_the_sitting_of_that_day(
    council: tuple[CaseLibrary, int], framework: Framework
) -> None:
    library, sitting = council
    settings = load_settings(library)
    found = minutes_for_day(library, DAY, settings, framework)
    assert found.session_id == sitting and found.present is not None
    assert "Present (4)" in text(render_minutes(found))

    other = s.create_session(library, "Extraordinary sitting", DAY)
    with pytest.raises(CouncilError) as refused:
        minutes_for_day(library, DAY, settings, framework)
    message = str(refused.value)
    assert f"2 sittings were recorded on {DAY.isoformat()}" in message
    assert f"{sitting} (“December sitting”)" in message and f"{other} (“Extraordinary" in message
    assert "council-app session minutes N" in message

    with pytest.raises(CouncilError, match="No sitting and no decision was recorded on 2026-12-04"):
        minutes_for_day(library, date(2026, 12, 4), settings, framework)


def test_a_date_without_a_sitting_says_attendance_is_not_on_record(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    minutes = minutes_for_day(
        demo_library, date(2024, 3, 13), load_settings(demo_library), framework
    )
    assert minutes.session_id is None and minutes.present is None
    words = text(render_minutes(minutes))
    assert "Attendance is not on record: no sitting was recorded on 2024-03-13" in words
    assert "quorum cannot be stated" in words
    assert "Present" not in words
    assert f"Voted ({len(minutes.voters)}): {', '.join(minutes.voters)}" in words
    assert not re.search(r"\bDRAFT\b", words)


def test_a_distinction_is_the_reason_for_departing_from_precedent(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    """The minutes judge an unexplained departure as recording the decision did."""
    case_id = "EUC-2026-083"  # recommended Restrict; four close precedents were declined
    sitting = s.create_session(demo_library, "December sitting", date(2026, 12, 3))
    s.add_to_agenda(demo_library, sitting, case_id)
    s.set_status(demo_library, sitting, "open")
    for member in ("Amara Okafor", "Jonas Lindqvist", "Priya Raman", "Mateo García"):
        s.record_vote(demo_library, sitting, case_id, member, "restrict")
    s.record_decision(
        demo_library, framework, sitting, case_id, "restrict", distinction="Opted-in only."
    )
    words = text(
        render_minutes(
            minutes_for_session(demo_library, sitting, load_settings(demo_library), framework)
        )
    )
    assert "4 close precedents were decided otherwise" in words
    assert "No reason for the departure was recorded" not in words
    assert "is its reason for departing from precedent" in words
    assert "Opted-in only." in words


def test_every_memo_prints_the_head_of_the_chain(tmp_path: Path, framework: Framework) -> None:
    import io

    from pypdf import PdfReader

    from council_app.library import CaseLibrary
    from council_app.library.audit import case_head
    from council_app.memo import prepare_memo, render_memo
    from tests.factories import make_case

    with CaseLibrary.open(tmp_path / "l.sqlite") as library:
        library.save_case(make_case("CASE-1"))
        head = case_head(library, "CASE-1")
        library.save_case(make_case("CASE-2"))  # later changes do not move the memo's head
        memo = prepare_memo(library, framework, library.get_case("CASE-1"))
    assert head is not None
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_memo(memo))).pages)
    assert head.hash in text.replace("\n", "")
    assert "check --head" in text.replace("\n", " ")
