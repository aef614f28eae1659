from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from council_app.framework import bundled_framework
from council_app.scoring import (
    RatingSet,
    Weights,
    analyse,
    check_weights,
    profile_weights,
    score_ratings,
)
from council_app.scoring.scorer import Scoring
from council_app.scoring.sensitivity import Sensitivity

FRAMEWORK = bundled_framework()
EPSILON = Fraction(1, 10**9)


def reweighted(weights: Weights, key: str, share: Fraction) -> Weights:
    """The weighting with ``key`` at ``share`` of the total and the others in proportion."""
    shares = weights.shares()
    rest = 1 - shares[key]
    values = {
        k: (share if k == key else (shares[k] * (1 - share) / rest if rest else (1 - share) / 4))
        for k in shares
    }
    return check_weights(FRAMEWORK, values)


def outcome_with(scoring: Scoring, key: str, share: Fraction) -> str:
    return score_ratings(
        FRAMEWORK, scoring.ratings, reweighted(scoring.weights, key, share)
    ).recommendation.outcome


def restrict_case() -> Scoring:
    rating_set = RatingSet.of(
        use_case=3, harm=3, actions=2, geopolitics=1,
        human_rights=3, privacy=3, safety=2, honesty=1, inclusion=2,
    )  # fmt: skip
    return score_ratings(FRAMEWORK, rating_set, profile_weights(FRAMEWORK))


def check_interval_end_points(scoring: Scoring, sensitivity: Sensitivity) -> None:
    current = scoring.recommendation.outcome
    for interval in sensitivity.intervals:
        assert interval.holds_from <= interval.share <= interval.holds_to
        assert outcome_with(scoring, interval.key, interval.share) == current
        if interval.below is not None:
            edge = interval.below.weight
            assert edge == interval.holds_from
            assert outcome_with(scoring, interval.key, edge + EPSILON) == current
            assert outcome_with(scoring, interval.key, edge - EPSILON) == interval.below.outcome
        else:
            assert interval.holds_from == 0
            assert outcome_with(scoring, interval.key, Fraction(0)) == current
        if interval.above is not None:
            edge = interval.above.weight
            assert edge == interval.holds_to
            assert outcome_with(scoring, interval.key, edge - EPSILON) == current
            assert outcome_with(scoring, interval.key, edge + EPSILON) == interval.above.outcome
        else:
            assert interval.holds_to == 1
            assert outcome_with(scoring, interval.key, Fraction(1)) == current


def test_interval_end_points_are_exact() -> None:
    scoring = restrict_case()
    sensitivity = analyse(FRAMEWORK, scoring)
    assert sensitivity is not None
    geopolitics = next(i for i in sensitivity.intervals if i.key == "geopolitics")
    # index(t) = 25 * (R + t (1 - R)) with R = 2.85/0.9; it falls to 49.95 at t = 1253/2750
    assert geopolitics.above is not None
    assert geopolitics.above.weight == Fraction(1253, 2750)
    assert geopolitics.above.outcome == "approve_with_conditions"
    check_interval_end_points(scoring, sensitivity)


def test_stability_sentence_names_the_nearest_flip() -> None:
    sensitivity = analyse(FRAMEWORK, restrict_case())
    assert sensitivity is not None
    assert sensitivity.sentence.startswith(
        "The recommendation (Restrict) holds unless the weight of Current geopolitical landscape "
        # 1253/2750 = 0.4556…: the sentence quotes it as the table does, to three decimals.
        "rises above 0.456 (now 0.100), when it becomes Approve with conditions; it held under "
    )
    assert "of 2,000 random weightings" in sensitivity.sentence


def test_random_weightings_are_seeded_and_counted() -> None:
    scoring = restrict_case()
    first = analyse(FRAMEWORK, scoring, draws=500, seed=7)
    again = analyse(FRAMEWORK, scoring, draws=500, seed=7)
    other = analyse(FRAMEWORK, scoring, draws=500, seed=8)
    assert first is not None and again is not None and other is not None
    assert first.agreement == again.agreement
    assert sum(first.outcome_counts.values()) == 500
    assert first.agreement == first.outcome_counts.get("restrict", 0) / 500
    assert 0 <= other.agreement <= 1


def test_a_case_near_an_edge_is_less_robust() -> None:
    near = RatingSet.of(
        use_case=4, harm=0, actions=1, geopolitics=0,
        human_rights=3, privacy=2, safety=1, honesty=1, inclusion=1,
    )  # fmt: skip
    # concerns 4, 0, 3, 3, 0 -> index 25 * (0.8 + 0.75 + 0.45) = 50.0: Restrict, on the edge
    scoring = score_ratings(FRAMEWORK, near, profile_weights(FRAMEWORK))
    assert scoring.index == 50
    assert scoring.recommendation.outcome == "restrict"
    sensitivity = analyse(FRAMEWORK, scoring, draws=1000)
    assert sensitivity is not None
    assert 0.2 < sensitivity.agreement < 0.8
    robust = analyse(FRAMEWORK, restrict_case(), draws=1000)
    assert robust is not None
    assert robust.agreement > sensitivity.agreement


def test_a_red_line_floor_holds_whatever_the_weights() -> None:
    rating_set = RatingSet.of(
        use_case=1, harm=4, actions=0, geopolitics=0,
        human_rights=1, privacy=1, safety=1, honesty=1, inclusion=1,
    )  # fmt: skip
    scoring = score_ratings(FRAMEWORK, rating_set, profile_weights(FRAMEWORK))
    sensitivity = analyse(FRAMEWORK, scoring)
    assert sensitivity is not None
    assert scoring.recommendation.outcome == "decline"
    assert all(i.below is None and i.above is None for i in sensitivity.intervals)
    assert sensitivity.agreement == 1.0
    assert "holds whatever the weights because a red line sets it" in sensitivity.sentence


def test_swings_for_the_tornado_chart() -> None:
    scoring = restrict_case()
    sensitivity = analyse(FRAMEWORK, scoring)
    assert sensitivity is not None
    harm = next(s for s in sensitivity.rating_swings if s.key == "harm")
    assert harm.low == scoring.index - Fraction(30, 4)  # one point of harm at share 0.3
    assert harm.high == scoring.index + Fraction(30, 4)
    widths = [s.width for s in sensitivity.weight_swings]
    assert widths == sorted(widths, reverse=True)
    assert sensitivity.most_influential == sensitivity.weight_swings[0].key


def test_no_sensitivity_while_ratings_are_missing() -> None:
    scoring = score_ratings(FRAMEWORK, RatingSet.of(harm=2), profile_weights(FRAMEWORK))
    assert analyse(FRAMEWORK, scoring) is None


score_values = st.integers(min_value=0, max_value=4)
full_ratings = st.fixed_dictionaries(dict.fromkeys(FRAMEWORK.rating_keys, score_values)).map(
    lambda d: RatingSet.of(**d)
)
weights = st.fixed_dictionaries(
    {
        k: st.integers(min_value=0, max_value=20)
        for k in ("use_case", "harm", "principles", "actions", "geopolitics")
    }
).filter(lambda d: sum(d.values()) > 0)


@settings(max_examples=60, deadline=None)
@given(full_ratings, weights)
def test_interval_end_points_are_exact_for_any_case(rating_set: RatingSet, values: dict) -> None:
    scoring = score_ratings(FRAMEWORK, rating_set, check_weights(FRAMEWORK, values))
    sensitivity = analyse(FRAMEWORK, scoring, draws=10)
    assert sensitivity is not None
    check_interval_end_points(scoring, sensitivity)


@pytest.mark.parametrize("profile", ["balanced", "harm_first", "equal"])
def test_every_profile_scores_every_demo_case(profile: str, demo_cases) -> None:
    from council_app.scoring import score_case

    for case in demo_cases:
        result = score_case(FRAMEWORK, case, profile_weights(FRAMEWORK, profile), draws=50)
        if result.scoring.index is not None:
            assert result.sensitivity is not None
