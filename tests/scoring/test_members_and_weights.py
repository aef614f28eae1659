from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from council_app.case import Assessment, Decision, Rating
from council_app.framework import bundled_framework
from council_app.scoring import (
    WeightsError,
    council_view,
    parse_weights,
    profile_weights,
    replay,
    score_case,
)
from tests.factories import make_case, ratings

FRAMEWORK = bundled_framework()


def member(name: str, **scores: int) -> Assessment:
    return Assessment(member=name, **ratings(**scores))


def test_median_of_the_members_and_their_disagreement() -> None:
    assessments = [
        member("Ana", harm=1, actions=3),
        member("Ben", harm=2, actions=3),
        member("Chen", harm=4, actions=2),
    ]
    view = council_view(FRAMEWORK, assessments)
    assert view.method == "median"
    assert view.ratings.value("harm") == 2
    assert view.ratings.value("actions") == 3
    [flag] = view.disagreements
    assert flag.key == "harm"
    assert (flag.low, flag.high) == (1, 4)
    assert flag.low_members == ("Ana",)
    assert flag.high_members == ("Chen",)
    assert flag.sentence() == (
        "Potential connection to harm: members differ by 3 points — Ana rated 1, Chen rated 4."
    )


def test_mean_and_even_numbers_of_members() -> None:
    assessments = [member("Ana", harm=1), member("Ben", harm=2)]
    assert council_view(FRAMEWORK, assessments).ratings.value("harm") == Fraction(3, 2)
    three = [*assessments, member("Chen", harm=4)]
    assert council_view(FRAMEWORK, three, method="mean").ratings.value("harm") == Fraction(7, 3)


def test_a_spread_of_exactly_the_threshold_is_not_flagged() -> None:
    view = council_view(FRAMEWORK, [member("Ana", harm=2), member("Ben", harm=3)])
    assert view.disagreements == ()


def test_members_who_did_not_rate_are_left_out_of_that_rating() -> None:
    partial = Assessment(member="Dee", considerations={"harm": Rating(score=4)})
    view = council_view(FRAMEWORK, [member("Ana", harm=1), partial])
    assert view.ratings.value("harm") == Fraction(5, 2)
    assert view.ratings.value("use_case") == 2  # only Ana rated it


def test_score_case_keeps_every_member(sample_case) -> None:
    result = score_case(FRAMEWORK, sample_case)
    assert set(result.member_scores) == {"Priya Raman", "Élodie Marchand"}
    assert result.scoring.index is not None
    assert result.council.members == ("Priya Raman", "Élodie Marchand")


def test_named_and_typed_weights() -> None:
    balanced = profile_weights(FRAMEWORK)
    assert balanced.source == "profile Balanced"
    assert balanced.share("harm") == Fraction(3, 10)
    typed = parse_weights(FRAMEWORK, "use_case=1, harm=2,principles=1,actions=0,geopolitics=1/2")
    assert typed.share("harm") == Fraction(4, 9)
    assert typed.share("actions") == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("use_case=0.2,harm=-0.3,principles=0.25,actions=0.15,geopolitics=0.1", "harm is negative"),
        ("use_case=0,harm=0,principles=0,actions=0,geopolitics=0", "All weights are zero"),
        ("use_case=0.2,harm=0.3", "No weight for 'principles', 'actions', 'geopolitics'"),
        ("use_case=0.2,harms=0.3", "Unknown consideration 'harms'"),
        ("use_case=lots", "The weight of use_case is not a number"),
        ("use_case 0.2", "Cannot read 'use_case 0.2' as a weight"),
        ("harm=1,harm=2", "The weight of harm is given twice"),
    ],
)
def test_bad_weights_are_refused(text: str, message: str) -> None:
    with pytest.raises(WeightsError) as caught:
        parse_weights(FRAMEWORK, text)
    assert message in str(caught.value)


def test_unknown_profile_is_refused() -> None:
    with pytest.raises(
        WeightsError, match="There is no weight profile 'bold'; the profiles are balanced"
    ):
        profile_weights(FRAMEWORK, "bold")


def test_replay_lists_cases_whose_recommendation_changes() -> None:
    # Harm high, everything else low: Approve with conditions under Balanced, more under Harm first.
    harmful = make_case(
        "R-1",
        assessments=(member("Ana", use_case=1, harm=4, actions=3, geopolitics=0, privacy=1),),
        decision=Decision(outcome="approve_with_conditions"),
    )
    mild = make_case(
        "R-2",
        assessments=(member("Ana", use_case=0, harm=0, actions=4, geopolitics=0, privacy=0),),
        decision=Decision(outcome="approve"),
    )
    undecided = replace(harmful, id="R-3", decision=None, status="in_review")
    before = (FRAMEWORK, profile_weights(FRAMEWORK))
    after = (
        FRAMEWORK,
        parse_weights(FRAMEWORK, "use_case=0,harm=1,principles=0,actions=0,geopolitics=0"),
    )
    changes = replay([harmful, mild, undecided], before=before, after=after)
    assert [c.case_id for c in changes] == ["R-1"]
    [change] = changes
    assert change.before == "approve_with_conditions"
    assert change.after == "decline"
    assert change.decided == "approve_with_conditions"
    assert str(change.index_after) == "100.0"
