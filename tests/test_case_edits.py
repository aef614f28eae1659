from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from council_app.case import CaseLink, Condition, Mitigation
from council_app.case_edits import (
    cite_precedent,
    clear_decision,
    duplicate_case,
    new_case,
    next_case_id,
    set_condition,
    set_confidence,
    set_decision,
    set_dissent,
    set_fact,
    set_field,
    set_mitigation,
    set_rationale,
    set_score,
    set_vote,
    superseding_case,
)
from council_app.framework import Framework, walk_steps
from council_app.framework.walk import step_complete
from council_app.scoring import rebalance
from tests.factories import make_case


def test_ratings_are_edited_per_member() -> None:
    case = new_case("X-1", date(2026, 1, 1))
    case = set_score(case, "Ana", "harm", 3)
    case = set_rationale(case, "Ana", "harm", "Serious and likely.")
    case = set_confidence(case, "Ana", "harm", "high")
    case = set_score(case, "Ana", "privacy", 2)
    case = set_score(case, "Ben", "harm", 1)
    ana = case.assessment_by("Ana")
    assert ana is not None
    assert ana.considerations["harm"].score == 3
    assert ana.considerations["harm"].rationale == "Serious and likely."
    assert ana.principles["privacy"].score == 2
    assert [a.member for a in case.assessments] == ["Ana", "Ben"]
    case = set_score(case, "Ana", "privacy", None)
    assert "privacy" not in case.assessment_by("Ana").principles  # an empty rating goes
    with pytest.raises(ValueError, match="0 to 4"):
        set_score(case, "Ana", "harm", 7)
    with pytest.raises(KeyError):
        set_score(case, "Ana", "principles", 2)


def test_lists_and_decision() -> None:
    case = new_case("X-1", date(2026, 1, 1))
    case = set_mitigation(case, 0, Mitigation("Contract clause", "contract", 3))
    case = set_mitigation(case, 1, Mitigation("Audit", "audit", 2))
    case = set_mitigation(case, 0, None)
    assert [m.description for m in case.mitigations] == ["Audit"]
    case = set_decision(case, outcome="restrict", rationale="Narrowed.")
    assert case.status == "decided"
    case = set_condition(case, 0, Condition("Log every use"))
    case = set_vote(case, "Ana", "restrict")
    case = set_vote(case, "Ben", "decline")
    case = set_vote(case, "Ana", "approve")
    case = set_dissent(case, "Ben", "Too risky.")
    assert case.decision is not None
    assert [(v.member, v.vote) for v in case.decision.votes] == [
        ("Ana", "approve"),
        ("Ben", "decline"),
    ]
    assert case.decision.dissent[0].text == "Too risky."
    case = set_dissent(case, "Ben", " ")
    assert case.decision.dissent == ()
    assert clear_decision(case).decision is None


def test_field_edits_and_duplicates() -> None:
    case = make_case()
    assert set_field(case, "regions", ["DE", "DE", "", "FR"]).regions == ("DE", "FR")
    with pytest.raises(KeyError):
        set_field(case, "decision", None)
    copy = duplicate_case(case, "TST-2026-002", date(2026, 2, 1))
    assert copy.assessments == () and copy.decision is None and copy.status == "draft"
    assert copy.mitigations == case.mitigations
    assert copy.links[0].target == case.id
    again = superseding_case(case, "TST-2026-003", date(2026, 2, 1))
    assert again.title == f"{case.title} (re-review)"
    assert again.decision is None and again.status == "draft"
    assert again.links == (
        CaseLink(type="supersedes", target=case.id, note="re-review of the decision of 2025-03-14"),
    )


def test_next_case_id() -> None:
    ids = ["EUC-2026-040", "EUC-2026-007", "EUC-2025-099", "GEN-2026-000500"]
    assert next_case_id(ids, date(2026, 5, 1)) == "EUC-2026-041"
    assert next_case_id(ids, date(2027, 1, 1)) == "EUC-2027-001"


def test_walk_steps_and_completeness(framework: Framework) -> None:
    steps = walk_steps(framework)
    assert [s.key for s in steps] == [
        "facts", "use_case", "harm", "principles", "actions", "geopolitics",
        "mitigations", "stakeholders", "precedents", "decision",
    ]  # fmt: skip
    case = new_case("X-1", date(2026, 1, 1))
    done = {s.key for s in steps if step_complete(case, s, "Ana")}
    assert done == set()  # not even Precedents: nothing has been looked at yet
    precedents = next(s for s in steps if s.key == "precedents")
    linked = replace(case, links=(CaseLink(type="cites", target="EUC-2025-011"),))
    assert step_complete(linked, precedents, "Ana")
    assert step_complete(replace(case, status="decided"), precedents, "Ana")
    case = set_score(case, "Ana", "harm", 2)
    assert step_complete(case, steps[2], "Ana")
    assert not step_complete(case, steps[2], "Ben")
    full = make_case()
    assert all(step_complete(full, s, "Priya Raman") for s in steps)


def test_rebalance_keeps_the_sum() -> None:
    shares = {"a": 0.2, "b": 0.3, "c": 0.5}
    moved = rebalance(shares, "a", 0.6)
    assert moved["a"] == 0.6
    assert sum(moved.values()) == pytest.approx(1)
    assert moved["b"] / moved["c"] == pytest.approx(0.3 / 0.5)
    assert rebalance({"a": 1.0, "b": 0.0}, "a", 0.5) == {"a": 0.5, "b": 0.5}


def test_citing_a_precedent_adds_one_link_and_stopping_removes_it() -> None:
    case = new_case("X-1", date(2026, 1, 1))
    cited = cite_precedent(case, "EUC-2025-011")
    assert cited.links == (CaseLink(type="cites", target="EUC-2025-011"),)
    assert cite_precedent(cited, "EUC-2025-011") == cited  # cited once, not twice
    assert cite_precedent(cited, "EUC-2025-011", cited=False).links == ()
    distinguished = replace(case, links=(CaseLink(type="distinguishes", target="EUC-2025-011"),))
    assert cite_precedent(distinguished, "EUC-2025-011") == distinguished
    assert cite_precedent(distinguished, "EUC-2025-011", cited=False) == distinguished


def test_a_fact_is_added_changed_and_cleared_away() -> None:
    from council_app.case import Fact
    from council_app.case_merge import changed_parts, part_title

    case = make_case()
    added = set_fact(case, 0, Fact(text="Counsel advised against.", confidentiality="privileged"))
    assert added.facts == (Fact(text="Counsel advised against.", confidentiality="privileged"),)
    assert [part_title(p) for p in changed_parts(case, added)] == ["the facts"]
    # A fact cleared of its text is removed; a blank new one is not added.
    assert set_fact(added, 0, Fact(text="  ")).facts == ()
    assert set_fact(added, 1, Fact(text="")).facts == added.facts
