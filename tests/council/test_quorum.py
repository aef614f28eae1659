"""Quorum rules, with recusal: a recused member neither votes nor counts toward quorum."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from council_app.council.quorum import (
    check_rule,
    needed,
    parse_composition,
    parse_requirement,
    quorum,
    rule_words,
)
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


# -- members of a kind ----------------------------------------------------------------------


KINDS = {"Eli": "external", "Dara": "external", "Ana": "internal"}


@pytest.mark.parametrize(
    ("present", "recused", "met", "sentence"),
    [
        (["Ana", "Ben", "Chen"], [], False,
         "No quorum: 3 of 5 voting members present; 3 needed (a majority of the voting members); "
         "at least 1 external member must be present; none is."),
        (["Ana", "Ben", "Eli"], [], True,
         "Quorum: 3 of 5 voting members present; 3 needed (a majority of the voting members); "
         "at least 1 external member present (Eli)."),
        (["Ana", "Ben", "Chen", "Eli"], ["Eli"], False,
         "No quorum: 3 of 4 voting members present (Eli recused); 3 needed (a majority of the "
         "voting members); at least 1 external member must be present; none is."),
    ],
)  # fmt: skip
def test_the_rule_may_ask_for_a_member_of_a_kind(
    present: list[str], recused: list[str], met: bool, sentence: str
) -> None:
    check = quorum(
        "majority", COUNCIL, present, recused,
        composition=[parse_requirement("1:external")], kinds=KINDS,
    )  # fmt: skip
    assert check.met is met
    assert check.sentence() == sentence


def test_two_of_a_kind_and_several_kinds() -> None:
    check = quorum(
        "majority", COUNCIL, ["Ana", "Ben", "Eli"],
        composition=parse_composition("2:external,1:internal"), kinds=KINDS,
    )  # fmt: skip
    assert not check.met
    assert check.sentence().endswith(
        "; at least 2 external members must be present; only 1 is; "
        "at least 1 internal member present (Ana)."
    )
    assert rule_words("majority", parse_composition("1:external")) == (
        "a majority of the voting members, with at least 1 external member"
    )


@pytest.mark.parametrize("text", ["external", "0:external", "x:external", "1:", ":"])
def test_a_requirement_is_a_number_and_a_kind(text: str) -> None:
    with pytest.raises(CouncilError, match="as a number and a kind of member, such as 1:external"):
        parse_requirement(text)


def test_without_a_composition_the_sentence_is_as_it_was() -> None:
    plain = quorum("majority", COUNCIL, ["Ana", "Ben", "Chen"])
    with_kinds = quorum("majority", COUNCIL, ["Ana", "Ben", "Chen"], kinds=KINDS)
    assert plain == with_kinds
    assert plain.sentence() == (
        "Quorum: 3 of 5 voting members present; 3 needed (a majority of the voting members)."
    )
