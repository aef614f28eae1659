"""A decided case's memo rests on what the council had before it, and its fingerprint on all of it."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from council_app.case import Decision
from council_app.council import sessions as s
from council_app.council.settings import set_setting
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.memo import prepare_memo, render_memo

CASE = "EUC-2026-083"


def text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def decide(library: CaseLibrary, framework: Framework) -> None:
    sitting = s.create_session(library, "December sitting", date(2026, 12, 3))
    s.add_to_agenda(library, sitting, CASE)
    s.set_status(library, sitting, "open")
    for member in ("Amara Okafor", "Jonas Lindqvist", "Priya Raman", "Mateo García"):
        s.record_vote(library, sitting, CASE, member, "restrict")
    s.record_decision(
        library, framework, sitting, CASE, "restrict", distinction="Opted-in supporters only."
    )


def test_the_memo_of_a_decided_case_stays_the_same_as_the_library_grows(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    decide(demo_library, framework)
    case = demo_library.get_case(CASE)
    first_memo = prepare_memo(demo_library, framework, case)
    first = render_memo(first_memo)
    assert first_memo.precedents_recorded
    assert "as recorded with the decision" in text(first)

    # The library grows: close copies of its precedents decided later, one not decided at
    # all, and another default weight profile.
    twin = demo_library.get_case("EUC-2022-041")
    later = [
        replace(
            twin,
            id=f"EUC-2027-00{n}",
            revision=0,
            links=(),
            decision=Decision(outcome="approve", date=date(2027, 3, n)),
        )
        for n in (1, 2)
    ]
    undecided = replace(
        twin, id="EUC-2027-003", revision=0, links=(), decision=None, status="in_review"
    )
    demo_library.add_cases([*later, undecided])
    set_setting(demo_library, framework, "default_profile", "rights_first")

    again_memo = prepare_memo(demo_library, framework, demo_library.get_case(CASE))
    assert render_memo(again_memo) == first
    assert again_memo.fingerprint == first_memo.fingerprint


def test_a_decision_recorded_before_precedents_were_kept_says_so_and_its_fingerprint_follows(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    # A demo decision, recorded before decisions kept their precedents.
    case = demo_library.get_case("EUC-2023-025")
    assert case.decision is not None and case.decision.precedents is None
    before = prepare_memo(demo_library, framework, case)
    assert not before.precedents_recorded
    assert "as the library holds them now" in text(render_memo(before))
    decided = case.decision.date
    assert decided is not None
    assert all(p.case.decided is not None and p.case.decided < decided for p in before.precedents)

    # A case just like it, decided before it, is imported: the memo now shows it, so its
    # fingerprint is not the one it had (the case record's is).
    twin = replace(
        case,
        id="EUC-2020-001",
        revision=0,
        links=(),
        decision=replace(case.decision, date=date(2020, 1, 15), outcome="approve"),
    )
    demo_library.add_cases([twin])
    after = prepare_memo(demo_library, framework, demo_library.get_case(case.id))
    assert "EUC-2020-001" in [p.case.id for p in after.precedents]
    assert after.record_fingerprint == before.record_fingerprint
    assert after.fingerprint != before.fingerprint


def test_the_first_decision_has_no_precedent_decided_after_it(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    # EUC-2022-010 is the demo library's first decision (2022-06-08); its memo once "followed"
    # a case decided on 2022-08-10.
    case = demo_library.get_case("EUC-2022-010")
    assert case.decision is not None and case.decision.date == date(2022, 6, 8)
    memo = prepare_memo(demo_library, framework, case)
    assert memo.precedents == ()
    shown = text(render_memo(memo))
    assert "No precedent was found in the library." in shown
    assert "Followed" not in shown
