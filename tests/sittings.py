"""A sitting held the way a council holds one, for the tests of its minutes.

Five voting members, one absent; three cases on the agenda. On the first, a member stands aside
with a reason, the vote carries Decline against the framework's recommendation (so the decision
departs from it, with the reason recorded) and the outvoted member dissents; on the second, the
vote follows the recommendation with an abstention and two conditions (one with an owner and a
due date); the third has one vote cast and is not decided. The sitting is left open.
"""

from __future__ import annotations

from datetime import date

from council_app.case import Condition, Dissent
from council_app.council import sessions as s
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.members import Member, save_members
from tests.factories import make_case

DAY = date(2026, 12, 3)
MEMBERS = ("Ana Silva", "Ben Okoro", "Chen Wei", "Dara Quinn", "Eli Novak")
RECUSAL_REASON = "consulted for the customer"
DEPARTURE = "Counting on platforms drifts into tracking; the council will not start it."
DISSENT = "Counting people without identifying them is what the framework recommends."
OWNED = Condition("No faces stored; counts only.", "Head of Operations", date(2027, 3, 1))
UNOWNED = Condition("Quarterly audit of the retention settings.")


def hold_sitting(
    library: CaseLibrary, framework: Framework, *, title: str = "December sitting"
) -> int:
    save_members(library, [Member(MEMBERS[0], "Chair"), *(Member(m) for m in MEMBERS[1:])])
    for case_id in ("CASE-1", "CASE-2", "CASE-3"):
        library.save_case(make_case(case_id, decision=None, status="in_review"))
    sitting = s.create_session(library, title, DAY)
    for case_id in ("CASE-1", "CASE-2", "CASE-3"):
        s.add_to_agenda(library, sitting, case_id)
    s.set_status(library, sitting, "open")
    s.set_attendance(library, sitting, absent=["Eli Novak"])

    s.recuse(library, sitting, "CASE-1", "Dara Quinn", RECUSAL_REASON)
    for member, vote in (
        ("Ana Silva", "decline"),
        ("Ben Okoro", "decline"),
        ("Chen Wei", "approve"),
    ):
        s.record_vote(library, sitting, "CASE-1", member, vote)
    s.record_decision(
        library, framework, sitting, "CASE-1", "decline",
        rationale="The station is a public space.", departure=DEPARTURE,
        dissent=[Dissent("Chen Wei", DISSENT)],
    )  # fmt: skip

    for member, vote in (
        ("Ana Silva", "approve_with_conditions"),
        ("Ben Okoro", "approve_with_conditions"),
        ("Chen Wei", "abstain"),
        ("Dara Quinn", "approve_with_conditions"),
    ):
        s.record_vote(library, sitting, "CASE-2", member, vote)
    s.record_decision(
        library, framework, sitting, "CASE-2", "approve_with_conditions",
        conditions=[OWNED, UNOWNED],
    )  # fmt: skip

    s.record_vote(library, sitting, "CASE-3", "Ana Silva", "restrict")
    return sitting
