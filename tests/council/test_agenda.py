"""What the council sees of each agenda item is what the core decides."""

from __future__ import annotations

from datetime import date

from council_app.council import sessions as s
from council_app.council.agenda import item_precedents, sitting_view
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.scoring import score_case


def test_the_view_of_a_sitting(demo_library: CaseLibrary, framework: Framework) -> None:
    sitting = s.create_session(demo_library, "December sitting", date(2026, 12, 3))
    s.add_to_agenda(demo_library, sitting, "EUC-2026-083", minutes=25)
    s.add_to_agenda(demo_library, sitting, "EUC-2026-022")
    s.set_attendance(demo_library, sitting, absent=["Zofia Nowak"])
    s.recuse(demo_library, sitting, "EUC-2026-022", "Priya Raman", "advised the customer")
    s.set_status(demo_library, sitting, "open")
    s.record_vote(demo_library, sitting, "EUC-2026-083", "Amara Okafor", "restrict")

    view = sitting_view(demo_library, framework, sitting)
    assert len(view.voting_members) == 8
    assert view.quorum_rule == "majority"
    first, second = view.items
    assert (first.number, first.case.id, first.minutes) == (1, "EUC-2026-083", 25)
    assert first.votes == {"Amara Okafor": "restrict"}
    assert first.tally.leading == "restrict"
    assert first.quorum.sentence().startswith("Quorum: 7 of 8")
    assert first.score == score_case(framework, demo_library.get_case("EUC-2026-083"))
    assert not first.decided
    assert [r.member for r in second.recusals] == ["Priya Raman"]
    # Who stood aside is left out of the council view the sitting sees.
    assert second.score.council.stood_aside == ("Priya Raman",)
    assert "Priya Raman" not in second.score.council.members
    assert second.quorum.sentence().startswith("Quorum: 6 of 7")
    assert view.item("EUC-2026-022") is second
    assert view.item("EUC-2020-001") is None

    found = item_precedents(demo_library, framework, first.case, first.score)
    assert found.case_id == "EUC-2026-083"
    assert found.precedents
    assert all(p.case.id != "EUC-2026-083" for p in found.precedents)
    assert found.consistency is not None
