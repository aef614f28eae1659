"""Quorum rules, with recusal: a recused member neither votes nor counts toward quorum."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from council_app.council.quorum import check_rule, needed, quorum
from council_app.errors import CouncilError

COUNCIL = ["Ana", "Ben", "Chen", "Dara", "Eli"]


@pytest.mark.parametrize(
    ("rule", "eligible", "expected"),
    [
        ("majority", 5, 3),
        ("majority", 4, 3),
        ("majority", 1, 1),
        ("two_thirds", 6, 4),
        ("two_thirds", 5, 4),
        ("all", 5, 5),
        ("3", 5, 3),
        ("7", 5, 5),  # a fixed number larger than the council cannot be met by more than all
    ],
)
def test_members_needed(rule: str, eligible: int, expected: int) -> None:
    assert needed(rule, eligible) == expected


def test_majority_met_and_not_met() -> None:
    met = quorum("majority", COUNCIL, ["Ana", "Ben", "Chen"])
    assert met.met
    assert met.sentence() == (
        "Quorum: 3 of 5 voting members present; 3 needed (a majority of the voting members)."
    )
    short = quorum("majority", COUNCIL, ["Ana", "Ben"])
    assert not short.met
    assert short.sentence().startswith("No quorum: 2 of 5 voting members present; 3 needed")


def test_a_recused_member_does_not_count_toward_quorum() -> None:
    # Three of five present is a quorum, but not when one of the three stands aside:
    # two of the four who may vote are present, and a majority of four is three.
    check = quorum("majority", COUNCIL, ["Ana", "Ben", "Chen"], recused=["Chen"])
    assert not check.met
    assert check.eligible == ("Ana", "Ben", "Dara", "Eli")
    assert check.present == ("Ana", "Ben")
    assert check.needed == 3
    assert "(Chen recused)" in check.sentence()
    # Recusal of an absent member lowers the bar instead.
    assert quorum("majority", COUNCIL, ["Ana", "Ben"], recused=["Dara", "Eli"]).met


def test_advisers_and_strangers_present_do_not_make_quorum() -> None:
    check = quorum("majority", COUNCIL, ["Ana", "Ben", "Visitor", "Adviser"])
    assert not check.met
    assert check.present == ("Ana", "Ben")


def test_nobody_eligible_is_never_a_quorum() -> None:
    assert not quorum("majority", ["Ana"], ["Ana"], recused=["Ana"]).met


@pytest.mark.parametrize("rule", ["most", "0", "-2", "", "half"])
def test_unknown_rules_are_refused(rule: str) -> None:
    with pytest.raises(CouncilError, match="quorum rule"):
        check_rule(rule)


@given(
    members=st.sets(st.sampled_from(COUNCIL), min_size=1),
    present=st.sets(st.sampled_from(COUNCIL)),
    recused=st.sets(st.sampled_from(COUNCIL)),
    rule=st.sampled_from(["majority", "two_thirds", "all", "2"]),
)
def test_quorum_follows_its_count(
    members: set[str], present: set[str], recused: set[str], rule: str
) -> None:
    check = quorum(rule, members, present, recused)
    eligible = members - recused
    here = eligible & present
    assert set(check.present) == here
    assert check.met == (bool(eligible) and len(here) >= needed(rule, len(eligible)))
    # More members present never loses a quorum that was met.
    if check.met:
        assert quorum(rule, members, present | members, recused).met
