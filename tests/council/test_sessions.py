"""A sitting from planning to decision: attendance, agenda, recusals, votes, quorum, decision."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from council_app.case import Condition, Dissent
from council_app.council import sessions as s
from council_app.council.settings import CouncilSettings
from council_app.errors import CaseNotFound
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.members import Member, save_members
from council_app.memo import minutes_for_session, render_minutes
from tests.factories import make_case

DAY = date(2026, 12, 3)


def dump(library: CaseLibrary) -> list[str]:
    return list(library.db.conn.iterdump())


@pytest.fixture
def council(tmp_path: Path) -> CaseLibrary:
    library = CaseLibrary.open(tmp_path / "council.sqlite")
    save_members(
        library,
        [
            Member("Ana", "Chair"),
            Member("Ben"),
            Member("Chen"),
            Member("Dara"),
            Member("Eli"),
            Member("Fay", "Legal adviser", voting=False),
            Member("Gus", active_to=date(2026, 6, 30)),  # left the council before the sitting
        ],
    )
    for case_id in ("CASE-1", "CASE-2"):
        library.save_case(make_case(case_id, decision=None, status="in_review"))
    return library


@pytest.fixture
def sitting(council: CaseLibrary) -> int:
    """A sitting under way (opened), with two cases on its agenda."""
    session_id = s.create_session(council, "December sitting", DAY)
    s.add_to_agenda(council, session_id, "CASE-1", minutes=20)
    s.add_to_agenda(council, session_id, "CASE-2")
    s.set_status(council, session_id, "open")
    return session_id


def test_a_new_sitting_expects_the_voting_members_of_that_day(council: CaseLibrary) -> None:
    planned = s.create_session(council, "December sitting", DAY)
    s.add_to_agenda(council, planned, "CASE-1", minutes=20)
    s.add_to_agenda(council, planned, "CASE-2")
    session = s.get_session(council, planned)
    assert session.present == ("Ana", "Ben", "Chen", "Dara", "Eli")
    assert session.status == "planned"
    assert [(i.case_id, i.minutes) for i in session.agenda] == [("CASE-1", 20), ("CASE-2", None)]


def test_nothing_is_voted_or_decided_at_a_sitting_not_under_way(
    council: CaseLibrary, framework: Framework
) -> None:
    planned = s.create_session(council, "December sitting", DAY)
    s.add_to_agenda(council, planned, "CASE-1")
    before = dump(council)
    with pytest.raises(s.SessionError, match="still planned; open it before votes"):
        s.record_vote(council, planned, "CASE-1", "Ana", "approve")
    with pytest.raises(s.SessionError, match="still planned; open it before decisions"):
        s.record_decision(council, framework, planned, "CASE-1", "approve", departure="x")
    assert dump(council) == before
    s.set_status(council, planned, "closed")
    with pytest.raises(s.SessionError, match="closed; its decisions can no longer change"):
        s.record_decision(council, framework, planned, "CASE-1", "approve", departure="x")
    assert council.get_case("CASE-1").decision is None


def test_agenda_order_and_budget(council: CaseLibrary, sitting: int) -> None:
    s.reorder_agenda(council, sitting, ["CASE-2", "CASE-1"])
    assert [i.case_id for i in s.get_session(council, sitting).agenda] == ["CASE-2", "CASE-1"]
    with pytest.raises(s.SessionError, match="every case on the agenda"):
        s.reorder_agenda(council, sitting, ["CASE-2"])
    with pytest.raises(s.SessionError, match="above zero"):
        s.add_to_agenda(council, sitting, "CASE-1", minutes=0)
    with pytest.raises(CaseNotFound, match=r"No case with id .CASE-404. in this library"):
        s.add_to_agenda(council, sitting, "CASE-404")
    s.remove_from_agenda(council, sitting, "CASE-2")
    assert [i.case_id for i in s.get_session(council, sitting).agenda] == ["CASE-1"]


def test_no_vote_is_recorded_without_quorum_and_the_refusal_says_why(
    council: CaseLibrary, sitting: int
) -> None:
    s.set_attendance(council, sitting, absent=["Chen", "Dara", "Eli"])
    before = dump(council)
    with pytest.raises(s.SessionError) as refused:
        s.record_vote(council, sitting, "CASE-1", "Ana", "approve")
    assert str(refused.value) == (
        "No vote is recorded for CASE-1. No quorum: 2 of 5 voting members present; "
        "3 needed (a majority of the voting members)."
    )
    assert dump(council) == before
    s.set_attendance(council, sitting, present=["Chen"])
    check = s.record_vote(council, sitting, "CASE-1", "Ana", "approve")
    assert check.met
    assert s.get_session(council, sitting).votes == {"CASE-1": {"Ana": "approve"}}


def test_a_recused_member_neither_votes_nor_counts(council: CaseLibrary, sitting: int) -> None:
    s.set_attendance(council, sitting, absent=["Dara", "Eli"])
    s.record_vote(council, sitting, "CASE-1", "Chen", "decline")
    s.recuse(council, sitting, "CASE-1", "Chen", "consulted for the customer")
    session = s.get_session(council, sitting)
    assert session.votes.get("CASE-1", {}) == {}  # the earlier vote no longer counts
    assert session.recused_from("CASE-1") == ("Chen",)
    with pytest.raises(s.SessionError, match="Chen has recused from CASE-1"):
        s.record_vote(council, sitting, "CASE-1", "Chen", "decline")
    # Ana and Ben are 2 of the 4 who may vote on CASE-1; a majority of 4 is 3.
    with pytest.raises(s.SessionError, match=r"No quorum: 2 of 4 .*\(Chen recused\); 3 needed"):
        s.record_vote(council, sitting, "CASE-1", "Ana", "approve")
    # The recusal is for CASE-1 only: on CASE-2, three of five is a quorum.
    assert s.record_vote(council, sitting, "CASE-2", "Chen", "approve").met


def test_who_may_vote(council: CaseLibrary, sitting: int) -> None:
    s.set_attendance(council, sitting, present=["Fay", "Gus"], absent=["Eli"])
    with pytest.raises(s.SessionError, match="Fay is not a voting member"):
        s.record_vote(council, sitting, "CASE-1", "Fay", "approve")
    with pytest.raises(s.SessionError, match="Gus is not a voting member"):
        s.record_vote(council, sitting, "CASE-1", "Gus", "approve")
    with pytest.raises(s.SessionError, match="Eli is not marked present"):
        s.record_vote(council, sitting, "CASE-1", "Eli", "approve")
    with pytest.raises(s.SessionError, match="not on the agenda"):
        s.record_vote(council, sitting, "CASE-9", "Ana", "approve")
    with pytest.raises(s.SessionError, match="A vote is one of"):
        s.record_vote(council, sitting, "CASE-1", "Ana", "maybe")


def test_a_closed_sitting_keeps_its_votes(council: CaseLibrary, sitting: int) -> None:
    s.record_vote(council, sitting, "CASE-1", "Ana", "approve")
    s.set_status(council, sitting, "closed")
    with pytest.raises(s.SessionError, match="closed"):
        s.record_vote(council, sitting, "CASE-1", "Ana", "decline")
    assert s.get_session(council, sitting).votes["CASE-1"] == {"Ana": "approve"}


def test_changing_and_withdrawing_a_vote(council: CaseLibrary, sitting: int) -> None:
    s.record_vote(council, sitting, "CASE-1", "Ana", "approve")
    s.record_vote(council, sitting, "CASE-1", "Ana", "restrict")
    assert s.get_session(council, sitting).votes["CASE-1"] == {"Ana": "restrict"}
    s.record_vote(council, sitting, "CASE-1", "Ana", None)
    assert "CASE-1" not in s.get_session(council, sitting).votes


def test_tally(framework: Framework) -> None:
    counted = s.tally({"A": "decline", "B": "decline", "C": "restrict", "D": "abstain"})
    assert counted.counts == {"decline": 2, "restrict": 1, "abstain": 1}
    assert counted.leading == "decline"
    assert (counted.cast, counted.abstentions) == (3, 1)
    assert counted.sentence(framework) == ("Decline 2, Abstain 1, Restrict 1; most votes: Decline.")
    tied = s.tally({"A": "approve", "B": "decline", "C": "abstain"})
    assert tied.leading is None
    assert tied.sentence(framework).endswith("no outcome leads.")
    assert s.tally({"A": "abstain"}).leading is None
    assert s.tally({}).sentence(framework) == "No votes yet."


def test_the_decision_carries_the_votes_and_the_default_review_date(
    council: CaseLibrary, sitting: int, framework: Framework
) -> None:
    for member, vote in [("Ana", "restrict"), ("Ben", "restrict"), ("Chen", "decline")]:
        s.record_vote(council, sitting, "CASE-1", member, vote)
    s.recuse(council, sitting, "CASE-1", "Dara", "advised the customer")
    decided = s.record_decision(
        council,
        framework,
        sitting,
        "CASE-1",
        "restrict",
        rationale="Only in the depots.",
        conditions=[Condition(text="No faces stored.")],
        dissent=[Dissent(member="Chen", text="Decline; the limits will not hold.")],
        # The framework recommends Approve with conditions (41.9): Restrict departs from it.
        departure="The depots hold the most vulnerable passengers; the council goes further.",
    )
    stored = council.get_case("CASE-1")
    assert stored == decided
    assert stored.status == "decided"
    assert stored.decision is not None
    assert stored.decision.date == DAY
    assert stored.decision.review_by == date(2027, 12, 3)  # restrict: reviewed after 12 months
    assert stored.decision.departure.startswith("The depots hold")
    # What the sitting had before it is recorded with the decision.
    assert [(a.member, a.reason) for a in stored.decision.stood_aside] == [
        ("Dara", "advised the customer")
    ]
    assert stored.decision.weights is not None
    assert stored.decision.weights.profile == "balanced"
    assert stored.decision.precedents == ()  # nothing decided before it in this library
    assert [(v.member, v.vote) for v in stored.decision.votes] == [
        ("Ana", "restrict"),
        ("Ben", "restrict"),
        ("Chen", "decline"),
    ]
    # Saving the decided case kept it on the agenda, and its votes with the sitting.
    session = s.get_session(council, sitting)
    assert session.on_agenda("CASE-1")
    assert session.votes["CASE-1"]["Chen"] == "decline"


def test_no_decision_without_quorum_and_none_overwritten(
    council: CaseLibrary, sitting: int, framework: Framework
) -> None:
    s.set_attendance(council, sitting, absent=["Ben", "Chen", "Dara"])
    before = dump(council)
    consensus = "Decided by consensus, without a vote."
    with pytest.raises(s.SessionError, match=r"No decision is recorded for CASE-1\. No quorum"):
        s.record_decision(council, framework, sitting, "CASE-1", "approve", departure=consensus)
    assert dump(council) == before
    s.set_attendance(council, sitting, present=["Ben", "Chen"])
    s.record_decision(council, framework, sitting, "CASE-1", "approve", departure=consensus)
    before = dump(council)
    with pytest.raises(s.SessionError, match="already decided"):
        s.record_decision(council, framework, sitting, "CASE-1", "decline", departure=consensus)
    assert dump(council) == before
    s.record_decision(
        council, framework, sitting, "CASE-1", "decline", replace_decision=True, departure=consensus
    )
    decision = council.get_case("CASE-1").decision
    assert decision is not None
    assert decision.outcome == "decline"


def test_deleting_a_case_takes_it_off_the_agenda(council: CaseLibrary, sitting: int) -> None:
    council.delete_case("CASE-2")
    assert [i.case_id for i in s.get_session(council, sitting).agenda] == ["CASE-1"]


def test_minutes_of_a_recorded_sitting(
    council: CaseLibrary, sitting: int, framework: Framework
) -> None:
    s.set_attendance(council, sitting, absent=["Eli"])
    s.recuse(council, sitting, "CASE-1", "Dara", "consulted for the customer")
    for member in ("Ana", "Ben", "Chen"):
        s.record_vote(council, sitting, "CASE-1", member, "approve_with_conditions")
    s.record_decision(
        council,
        framework,
        sitting,
        "CASE-1",
        "approve_with_conditions",
        conditions=[Condition(text="No faces stored.")],
    )
    minutes = minutes_for_session(council, sitting, CouncilSettings(), framework)
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(render_minutes(minutes))).pages
    )
    assert "December sitting" in text
    assert "Absent: Eli" in text
    assert "Recused: Dara (consulted for the customer)" in text
    assert "CASE-1" in text and "CASE-2" in text


def test_sittings_are_listed_newest_first_and_can_be_deleted(council: CaseLibrary) -> None:
    first = s.create_session(council, "November sitting", date(2026, 11, 5))
    second = s.create_session(council, "December sitting", DAY)
    assert [x.id for x in s.list_sessions(council)] == [second, first]
    s.delete_session(council, first)
    assert [x.id for x in s.list_sessions(council)] == [second]
    with pytest.raises(s.SessionError, match="no sitting number"):
        s.get_session(council, first)
    with pytest.raises(s.SessionError, match="needs a title"):
        s.create_session(council, "  ", DAY)


def test_the_quorum_rule_is_a_library_setting(council: CaseLibrary, sitting: int) -> None:
    assert s.quorum_rule(council) == "majority"
    s.set_quorum_rule(council, "all")
    s.set_attendance(council, sitting, absent=["Eli"])
    with pytest.raises(s.SessionError, match="5 needed \\(every voting member\\)"):
        s.record_vote(council, sitting, "CASE-1", "Ana", "approve")
