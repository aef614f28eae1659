"""A decision follows its sitting; one that departs from it says why, on the record."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from council_app import resources
from council_app.case import CaseLink, Condition
from council_app.cli import main
from council_app.council import sessions as s
from council_app.council.decision_rules import vote_result
from council_app.framework import Framework
from council_app.framework.loader import parse_framework
from council_app.library import CaseLibrary
from council_app.library.audit import decision_revisions
from council_app.memo import prepare_memo, render_memo

DAY = date(2026, 12, 3)
CASE = "EUC-2026-083"  # recommended Restrict (68.1); four close precedents were declined
UNRATED = "EUC-2026-030"  # a draft: ratings missing, so the framework recommends deferring
RESTRICT_FOUR_DECLINE_ONE = {
    "Amara Okafor": "restrict",
    "Jonas Lindqvist": "restrict",
    "Priya Raman": "restrict",
    "Mateo García": "restrict",
    "Élodie Marchand": "decline",
}


def pdf_text(data: bytes) -> str:
    """The words of a PDF, lines joined, as a reader would quote them."""
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


@pytest.fixture
def sitting(demo_library: CaseLibrary) -> int:
    session_id = s.create_session(demo_library, "December sitting", DAY)
    for case_id in (CASE, UNRATED):
        s.add_to_agenda(demo_library, session_id, case_id)
    s.set_status(demo_library, session_id, "open")
    return session_id


def vote(library: CaseLibrary, sitting: int, case_id: str, votes: dict[str, str]) -> None:
    for member, choice in votes.items():
        s.record_vote(library, sitting, case_id, member, choice)


def test_a_decision_against_its_vote_is_refused_without_its_reason(
    demo_library: CaseLibrary,
    library_path: Path,
    sitting: int,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    vote(demo_library, sitting, CASE, RESTRICT_FOUR_DECLINE_ONE)
    decide = ["session", "decide", str(sitting), CASE, "approve", "--library", str(library_path)]
    assert main(decide) == 1
    refusal = capsys.readouterr().err
    assert f"No decision is recorded for {CASE}" in refusal
    assert "The vote carried Restrict (4 of 5 votes cast), not Approve" in refusal
    assert "The framework recommends Restrict (concern index 68.1)" in refusal
    assert "4 close precedents were decided otherwise" in refusal
    assert demo_library.get_case(CASE).decision is None

    reason = (
        "The customer has since withdrawn the profiling feature; only turnout reminders remain."
    )
    assert main([*decide, "--departure", reason]) == 0
    decision = demo_library.get_case(CASE).decision
    assert decision is not None and decision.outcome == "approve"
    assert decision.departure == reason
    assert {v.member: v.vote for v in decision.votes} == RESTRICT_FOUR_DECLINE_ONE

    framework = parse_framework(resources.read_text(resources.FRAMEWORK_FILE))
    memo = pdf_text(render_memo(prepare_memo(demo_library, framework, demo_library.get_case(CASE))))
    assert "Why the decision departs from its sitting" in memo
    assert "withdrawn the profiling feature" in memo
    minutes_file = tmp_path / "minutes.pdf"
    minutes = ["session", "minutes", str(sitting), "-o", str(minutes_file)]
    assert main([*minutes, "--library", str(library_path)]) == 0
    assert "withdrawn the profiling feature" in pdf_text(minutes_file.read_bytes())


def test_close_precedents_decided_otherwise_ask_for_the_distinction(
    demo_library: CaseLibrary, sitting: int, framework: Framework
) -> None:
    # The vote and the recommendation agree on Restrict; four close precedents were declined.
    restrict = dict.fromkeys(RESTRICT_FOUR_DECLINE_ONE, "restrict")
    vote(demo_library, sitting, CASE, restrict)
    with pytest.raises(s.SessionError) as refused:
        s.record_decision(demo_library, framework, sitting, CASE, "restrict")
    assert "4 close precedents were decided otherwise: EUC-2022-041 (Decline)" in str(refused.value)
    assert demo_library.get_case(CASE).decision is None
    s.record_decision(
        demo_library,
        framework,
        sitting,
        CASE,
        "restrict",
        distinction="Unlike those voter files, no inferred opinion leaves the campaign's own data.",
    )
    decision = demo_library.get_case(CASE).decision
    assert decision is not None and decision.departure == ""
    # The precedents the council had before it are recorded, those decided otherwise among them.
    assert decision.precedents is not None
    assert "EUC-2022-041" in [p.case_id for p in decision.precedents]


def test_a_precedent_the_case_supersedes_is_overruled_not_distinguished(
    demo_library: CaseLibrary, sitting: int, framework: Framework
) -> None:
    restrict = dict.fromkeys(RESTRICT_FOUR_DECLINE_ONE, "restrict")
    vote(demo_library, sitting, CASE, restrict)
    case = demo_library.get_case(CASE)
    demo_library.save_case(
        replace(case, links=(*case.links, CaseLink("supersedes", "EUC-2022-041")))
    )
    with pytest.raises(s.SessionError) as refused:
        s.record_decision(demo_library, framework, sitting, CASE, "restrict")
    # The one it supersedes is no longer among those to distinguish it from.
    assert "3 close precedents were decided otherwise" in str(refused.value)
    assert "EUC-2022-041 (Decline)" not in str(refused.value)


def test_approve_with_conditions_needs_a_condition(
    demo_library: CaseLibrary, sitting: int, framework: Framework
) -> None:
    vote(
        demo_library,
        sitting,
        CASE,
        dict.fromkeys(RESTRICT_FOUR_DECLINE_ONE, "approve_with_conditions"),
    )
    reason = "The council accepts the campaign's audit offer."
    with pytest.raises(s.SessionError, match="recorded only with at least one condition"):
        s.record_decision(
            demo_library, framework, sitting, CASE, "approve_with_conditions", departure=reason
        )
    s.record_decision(
        demo_library,
        framework,
        sitting,
        CASE,
        "approve_with_conditions",
        departure=reason,
        conditions=[Condition(text="An independent audit before the first send.")],
    )
    decision = demo_library.get_case(CASE).decision
    assert decision is not None and len(decision.conditions) == 1


def test_a_decision_while_ratings_are_missing_needs_its_reason(
    demo_library: CaseLibrary, sitting: int, framework: Framework
) -> None:
    vote(demo_library, sitting, UNRATED, dict.fromkeys(RESTRICT_FOUR_DECLINE_ONE, "approve"))
    with pytest.raises(s.SessionError, match=r"Ratings are missing .*recommends deferring"):
        s.record_decision(demo_library, framework, sitting, UNRATED, "approve")
    assert demo_library.get_case(UNRATED).decision is None


def test_a_replaced_decision_records_the_new_votes_and_keeps_the_old_in_its_history(
    demo_library: CaseLibrary, sitting: int, framework: Framework
) -> None:
    distinction = "No inferred opinion leaves the campaign's own data."
    vote(demo_library, sitting, CASE, dict.fromkeys(RESTRICT_FOUR_DECLINE_ONE, "restrict"))
    s.record_decision(demo_library, framework, sitting, CASE, "restrict", distinction=distinction)
    # Replacing it by Decline while the votes still say Restrict departs from the vote.
    with pytest.raises(
        s.SessionError, match=r"The vote carried Restrict \(5 of 5 votes cast\), not Decline"
    ):
        s.record_decision(demo_library, framework, sitting, CASE, "decline", replace_decision=True)
    # The council votes again and replaces the decision: the new votes go with it.
    vote(demo_library, sitting, CASE, dict.fromkeys(RESTRICT_FOUR_DECLINE_ONE, "decline"))
    s.record_decision(
        demo_library,
        framework,
        sitting,
        CASE,
        "decline",
        replace_decision=True,
        departure="The framework recommends Restrict; the council holds to its precedents.",
    )
    case = demo_library.get_case(CASE)
    assert case.decision is not None
    assert {v.vote for v in case.decision.votes} == {"decline"}
    revisions = decision_revisions(demo_library, case)
    assert [r.decision.outcome for r in revisions] == ["restrict", "decline"]
    assert {v.vote for v in revisions[0].decision.votes} == {"restrict"}


def framework_with(**voting: str) -> Framework:
    text = resources.read_text(resources.FRAMEWORK_FILE)
    for key, value in voting.items():
        text = text.replace(f'\n{key} = "', f'\n{key} = "{value}"  # was "', 1)
    return parse_framework(text)


def test_how_the_votes_carry_an_outcome(framework: Framework) -> None:
    three_two = {"A": "restrict", "B": "restrict", "C": "restrict", "D": "decline", "E": "decline"}
    assert vote_result(framework, three_two).carried == "restrict"
    assert vote_result(framework, three_two).sentence.startswith(
        "Restrict carried the vote: 3 of 5 votes cast (a simple majority needs 3)."
    )
    # Abstentions are not votes cast; a plurality short of a majority carries nothing.
    assert vote_result(framework, {**three_two, "F": "abstain"}).carried == "restrict"
    split = {"A": "restrict", "B": "restrict", "C": "decline", "D": "approve", "E": "approve"}
    assert vote_result(framework, split).carried is None
    assert vote_result(framework, {}).sentence == "No vote has been cast."
    two_thirds = framework_with(rule="two_thirds")
    assert vote_result(two_thirds, three_two).carried is None  # 3 of 5 is short of 4
    assert vote_result(two_thirds, {**three_two, "D": "restrict"}).carried == "restrict"
    # A tie carries nothing, unless the framework gives someone the casting vote.
    tie = {"Ana": "restrict", "Ben": "restrict", "Chen": "decline", "Dara": "decline"}
    roles = {"Ana": "Chair; Chief Ethics Officer"}
    assert vote_result(framework, tie, roles).carried is None
    chair = framework_with(casting_vote="chair")
    result = vote_result(chair, tie, roles)
    assert (result.carried, result.casting) == ("restrict", "Ana")
    assert "casting vote of Ana" in result.sentence
