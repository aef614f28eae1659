from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from council_app.framework import Framework, bundled_framework
from council_app.scoring import (
    RatingError,
    RatingSet,
    check_weights,
    display_index,
    profile_weights,
    score_ratings,
    shown_threshold,
)
from council_app.scoring.recommendation import severity

FRAMEWORK = bundled_framework()
BALANCED = profile_weights(FRAMEWORK)


def ratings(
    use_case: int = 2,
    harm: int = 2,
    actions: int = 2,
    geopolitics: int = 1,
    **principles: int,
) -> RatingSet:
    scores = {"human_rights": 1, "privacy": 2, "safety": 1, "honesty": 0, "inclusion": 1}
    scores.update(principles)
    return RatingSet.of(
        use_case=use_case, harm=harm, actions=actions, geopolitics=geopolitics, **scores
    )


def test_index_by_hand(framework: Framework) -> None:
    # concerns: use_case 2, harm 2, principles max(1,2,1,0,1)=2, actions 4-2=2, geopolitics 1
    # index = 100 * (0.2*2 + 0.3*2 + 0.25*2 + 0.15*2 + 0.1*1) / 4 = 47.5
    scoring = score_ratings(framework, ratings(), BALANCED)
    assert scoring.index == Fraction(95, 2)
    assert scoring.shown_index == Decimal("47.5")
    points = {c.key: c.points for c in scoring.contributions}
    assert points == {
        "use_case": 10,
        "harm": 15,
        "principles": Fraction(25, 2),
        "actions": Fraction(15, 2),
        "geopolitics": Fraction(5, 2),
    }
    assert sum(points.values()) == scoring.index
    assert scoring.recommendation.outcome == "approve_with_conditions"
    assert scoring.recommendation.rule == "band"
    assert scoring.recommendation.reason == (
        "The concern index 47.5 is in the band 25 to 50: Approve with conditions."
    )


def test_actions_are_rated_as_effectiveness(framework: Framework) -> None:
    effective = score_ratings(framework, ratings(actions=4), BALANCED)
    useless = score_ratings(framework, ratings(actions=0), BALANCED)
    assert effective.concerns["actions"] == 0
    assert useless.concerns["actions"] == 4
    assert useless.index - effective.index == 15  # the whole 0.15 share


def test_inherent_and_residual_concern(framework: Framework) -> None:
    scoring = score_ratings(framework, ratings(actions=3), BALANCED)
    assert scoring.inherent_index == score_ratings(framework, ratings(actions=0), BALANCED).index
    assert scoring.inherent_index - scoring.index == Fraction(45, 4)  # 3 points of 4 × 15
    assert scoring.shown_index == Decimal("43.8")
    assert scoring.shown_inherent_index == Decimal("55.0")
    assert scoring.inherent_outcome == "restrict"


@pytest.mark.parametrize(
    ("rule", "expected"),
    [("max", Fraction(3)), ("mean", Fraction(6, 5)), ("median", Fraction(1))],
)
def test_principles_rule_is_named_in_the_framework(rule: str, expected: Fraction) -> None:
    from council_app import resources
    from council_app.framework import parse_framework

    text = resources.read_text(resources.FRAMEWORK_FILE).replace(
        'principles_rule = "max"', f'principles_rule = "{rule}"'
    )
    framework = parse_framework(text)
    scoring = score_ratings(framework, ratings(privacy=3), profile_weights(framework))
    # principle scores: 1, 3, 1, 0, 1 -> max 3, mean 6/5, median 1
    assert scoring.concerns["principles"] == expected


def test_missing_ratings_defer_with_what_is_missing(framework: Framework) -> None:
    partial = RatingSet.of(use_case=2, harm=4, human_rights=1, privacy=4)
    scoring = score_ratings(framework, partial, BALANCED)
    assert scoring.index is None
    assert scoring.inherent_index is None
    rec = scoring.recommendation
    assert rec.outcome == "defer"
    assert rec.rule == "missing_ratings"
    assert rec.missing == (
        "Effectiveness of proposed actions",
        "Current geopolitical landscape",
        "Principle: Safety",
        "Principle: Honesty",
        "Principle: Inclusion",
    )
    assert rec.reason.startswith("Defer: not yet rated — Effectiveness of proposed actions")
    # privacy is already at 4: the council is told the red line will apply
    assert "at least Restrict" in rec.reason


def test_the_band_reads_the_index_as_shown() -> None:
    assert shown_threshold(25) == Fraction(499, 20)  # 24.95
    assert display_index(Fraction(499, 20)) == Decimal("25.0")
    assert display_index(Fraction(499, 20) - Fraction(1, 10**9)) == Decimal("24.9")
    assert display_index(24.95) == Decimal("25.0")  # half-up, not half-even


def test_an_index_on_a_band_edge_goes_where_it_is_shown(framework: Framework) -> None:
    # Weights chosen so that the index is exactly 24.95: shown as 25.0, so the second band.
    weights = check_weights(
        framework,
        {"use_case": "499", "harm": "1501", "principles": 0, "actions": 0, "geopolitics": 0},
    )
    scoring = score_ratings(
        framework, ratings(use_case=4, harm=0, actions=4, geopolitics=0, privacy=0), weights
    )
    assert scoring.index == Fraction(499, 20)
    assert scoring.shown_index == Decimal("25.0")
    assert scoring.recommendation.outcome == "approve_with_conditions"


def test_a_principle_at_the_top_is_a_red_line(framework: Framework) -> None:
    low = ratings(
        use_case=0,
        harm=1,
        actions=4,
        geopolitics=0,
        human_rights=0,
        privacy=0,
        safety=0,
        inclusion=0,
        honesty=4,
    )
    scoring = score_ratings(framework, low, BALANCED)
    assert scoring.recommendation.band_outcome == "approve_with_conditions"
    assert scoring.recommendation.outcome == "restrict"
    assert scoring.recommendation.rule == "red_line"
    [hit] = scoring.recommendation.red_lines
    assert hit.key == "principle_at_top"
    assert hit.detail == "Principle: Honesty rated 4"
    assert scoring.recommendation.reason.startswith(
        "Red line — A guiding principle rated at the top of its scale (Principle: Honesty rated 4)"
        " — sets the floor at Restrict; the concern index 32.5 alone would give Approve with "
        "conditions."
    )


def test_severe_unmitigated_harm_is_declined(framework: Framework) -> None:
    scoring = score_ratings(
        framework, ratings(use_case=1, harm=4, actions=1, geopolitics=0), BALANCED
    )
    assert scoring.recommendation.outcome == "decline"
    assert "Potential connection to harm rated 4; Effectiveness of proposed actions rated 1" in (
        scoring.recommendation.reason
    )
    mitigated = score_ratings(
        framework, ratings(use_case=1, harm=4, actions=2, geopolitics=0), BALANCED
    )
    assert all(h.key != "severe_harm_unmitigated" for h in mitigated.recommendation.red_lines)


def test_a_red_line_already_met_is_still_mentioned(framework: Framework) -> None:
    high = ratings(use_case=4, harm=4, actions=0, geopolitics=4, human_rights=4)
    scoring = score_ratings(framework, high, BALANCED)
    assert scoring.recommendation.outcome == "decline"
    assert scoring.recommendation.rule == "band"
    assert "also applies" in scoring.recommendation.reason


def test_bad_ratings_are_refused() -> None:
    with pytest.raises(RatingError, match="harm: a rating must be between 0 and 10; found 11"):
        RatingSet.of(harm=11)
    # Within the widest scale, but not on the framework's own (0–4): refused when scored.
    with pytest.raises(
        RatingError, match=r"harm: a rating under the framework .* is on its scale 0–4; found 7"
    ):
        score_ratings(FRAMEWORK, RatingSet.of(harm=7), profile_weights(FRAMEWORK))
    with pytest.raises(RatingError, match="not a consideration or principle"):
        RatingSet.of(principles=2)


# -- properties ------------------------------------------------------------------------------

score_values = st.integers(min_value=0, max_value=4)
full_ratings = st.fixed_dictionaries(dict.fromkeys(FRAMEWORK.rating_keys, score_values)).map(
    lambda d: RatingSet.of(**d)
)
weight_values = st.fractions(min_value=0, max_value=10, max_denominator=100)
weight_sets = st.fixed_dictionaries(
    dict.fromkeys(FRAMEWORK.consideration_keys, weight_values)
).filter(lambda d: sum(d.values()) > 0)


@given(full_ratings, weight_sets)
def test_index_stays_between_0_and_100(rating_set: RatingSet, values: dict) -> None:
    scoring = score_ratings(FRAMEWORK, rating_set, check_weights(FRAMEWORK, values))
    assert scoring.index is not None
    assert 0 <= scoring.index <= 100
    assert scoring.inherent_index is not None
    assert scoring.index <= scoring.inherent_index


@given(full_ratings, weight_sets, st.fractions(min_value=Fraction(1, 100), max_value=1000))
def test_scaling_all_weights_changes_nothing(
    rating_set: RatingSet, values: dict, factor: Fraction
) -> None:
    base = score_ratings(FRAMEWORK, rating_set, check_weights(FRAMEWORK, values))
    scaled = score_ratings(
        FRAMEWORK, rating_set, check_weights(FRAMEWORK, {k: v * factor for k, v in values.items()})
    )
    assert scaled.index == base.index
    assert scaled.recommendation == base.recommendation


@given(full_ratings, weight_sets, st.sampled_from(list(FRAMEWORK.rating_keys)))
def test_raising_a_concern_never_lowers_the_index(
    rating_set: RatingSet, values: dict, key: str
) -> None:
    weights = check_weights(FRAMEWORK, values)
    before = score_ratings(FRAMEWORK, rating_set, weights)
    current = rating_set.value(key)
    assert current is not None
    # More concern: a higher rating, except for actions, where less effectiveness is worse.
    step = -1 if key == "actions" else 1
    moved = current + step
    if not 0 <= moved <= 4:
        return
    after = score_ratings(FRAMEWORK, rating_set.with_value(key, moved), weights)
    assert after.index is not None
    assert before.index is not None
    assert after.index >= before.index
    assert severity(FRAMEWORK, after.recommendation.outcome) >= severity(
        FRAMEWORK, before.recommendation.outcome
    )


@given(full_ratings, weight_sets)
def test_red_lines_are_never_overridden(rating_set: RatingSet, values: dict) -> None:
    scoring = score_ratings(FRAMEWORK, rating_set, check_weights(FRAMEWORK, values))
    for hit in scoring.recommendation.red_lines:
        assert severity(FRAMEWORK, scoring.recommendation.outcome) >= severity(FRAMEWORK, hit.floor)
    if any(v == 4 for v in rating_set.principles.values()):
        assert severity(FRAMEWORK, scoring.recommendation.outcome) >= severity(
            FRAMEWORK, "restrict"
        )
    if rating_set.value("harm") == 4 and rating_set.value("actions") <= 1:
        assert scoring.recommendation.outcome == "decline"
