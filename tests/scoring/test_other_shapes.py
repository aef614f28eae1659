"""Scoring under frameworks of other shapes: six considerations, other principles, an added
outcome and a deferral of another name; and a framework with no principles at all.

The frameworks are in tests/framework/shapes.py. Under SIXFOLD the balanced weights are
use_case 2, harm 3, principles 2, actions 1, geopolitics 1, sustainability 1 (total 10), the
principles concern is their maximum, and the bands are approve < 25 ≤ approve with conditions
< 50 ≤ restrict < 70 ≤ escalate < 85 ≤ decline.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from council_app.case import Assessment, Case, Rating
from council_app.framework import Framework
from council_app.scoring import (
    RatingError,
    RatingSet,
    analyse,
    council_view,
    profile_weights,
    score_case,
    score_ratings,
)
from council_app.scoring.recommendation import severity
from tests.framework.shapes import PLAIN, SIXFOLD

WEIGHTS = profile_weights(SIXFOLD)

# Concerns: use_case 2, harm 3, principles max(1, 2, 0, 2) = 2, actions 4 - 3 = 1,
# geopolitics 1, sustainability 4. Weighted: 2·2 + 3·3 + 2·2 + 1·1 + 1·1 + 1·4 = 23 of 40.
CASE_A = {
    "use_case": 2,
    "harm": 3,
    "actions": 3,
    "geopolitics": 1,
    "sustainability": 4,
    "dignity": 1,
    "data_care": 2,
    "wellbeing": 0,
    "candour": 2,
}


def ratings(framework: Framework = SIXFOLD, **scores: int | None) -> RatingSet:
    return RatingSet.of(framework, **scores)


def test_a_complete_rating_set_gives_the_index_computed_by_hand() -> None:
    scoring = score_ratings(SIXFOLD, ratings(**CASE_A), WEIGHTS)
    assert scoring.index == Fraction(100 * 23, 40)
    assert scoring.shown_index == Decimal("57.5")
    rec = scoring.recommendation
    assert (rec.outcome, rec.rule, rec.band_outcome) == ("restrict", "band", "restrict")
    assert rec.reason == "The concern index 57.5 is in the band 50 to 70: Restrict."
    assert rec.red_lines == ()
    by_key = {c.key: c for c in scoring.contributions}
    assert list(by_key) == list(SIXFOLD.consideration_keys)
    assert by_key["sustainability"].points == 10  # a tenth of the weight at full concern
    assert by_key["principles"].concern == 2
    assert by_key["actions"].concern == 1
    # As if no action worked: actions' concern 4, so 26 of 40.
    assert scoring.inherent_index == Fraction(100 * 26, 40)
    assert scoring.inherent_outcome == "restrict"


def test_a_red_line_on_a_new_principle_sets_the_added_outcome_as_floor() -> None:
    # Candour 3 meets the red line and lifts the principles concern to 3: 25 of 40 = 62.5.
    scoring = score_ratings(SIXFOLD, ratings(**{**CASE_A, "candour": 3}), WEIGHTS)
    assert scoring.shown_index == Decimal("62.5")
    rec = scoring.recommendation
    assert (rec.band_outcome, rec.outcome, rec.rule) == ("restrict", "escalate", "red_line")
    assert [h.key for h in rec.red_lines] == ["candour_doubted"]
    assert rec.red_lines[0].detail == "Principle: Candour rated 3"
    assert rec.reason == (
        "Red line — Candour in serious doubt (Principle: Candour rated 3) — sets the floor at "
        "Escalate to the board; the concern index 62.5 alone would give Restrict."
    )


def test_the_added_outcome_has_its_band() -> None:
    # 4, 3, 3 (actions 1), 3, 3 and principles max 3: 2·4 + 3·3 + 2·3 + 3 + 3 + 3 = 32 of 40.
    scores = {
        "use_case": 4,
        "harm": 3,
        "actions": 1,
        "geopolitics": 3,
        "sustainability": 3,
        "dignity": 3,
        "data_care": 3,
        "wellbeing": 3,
        "candour": 2,
    }
    rec = score_ratings(SIXFOLD, ratings(**scores), WEIGHTS).recommendation
    assert (rec.shown_index, rec.outcome, rec.rule) == (Decimal("80.0"), "escalate", "band")
    assert (
        severity(SIXFOLD, "restrict") < severity(SIXFOLD, "escalate") < severity(SIXFOLD, "decline")
    )


def test_missing_ratings_give_the_frameworks_deferral_naming_what_is_missing() -> None:
    partial = {k: v for k, v in CASE_A.items() if k not in ("sustainability", "candour")}
    scoring = score_ratings(SIXFOLD, ratings(**partial), WEIGHTS)
    rec = scoring.recommendation
    assert scoring.index is None
    assert (rec.outcome, rec.rule) == ("pause", "missing_ratings")
    assert rec.missing == ("Environmental sustainability", "Principle: Candour")
    assert rec.reason == (
        "Pause for information: not yet rated — Environmental sustainability, Principle: Candour."
    )
    assert ratings(**partial).missing(SIXFOLD) == ["sustainability", "candour"]


def test_sensitivity_runs_over_the_six_weights() -> None:
    scoring = score_ratings(SIXFOLD, ratings(**CASE_A), WEIGHTS)
    found = analyse(SIXFOLD, scoring, draws=200)
    assert found is not None
    assert found.outcome == "restrict"
    assert [i.key for i in found.intervals] == list(SIXFOLD.consideration_keys)
    assert {s.key for s in found.weight_swings} == set(SIXFOLD.consideration_keys)
    assert found.most_influential in SIXFOLD.consideration_keys
    assert sum(found.outcome_counts.values()) == 200
    assert set(found.outcome_counts) <= set(SIXFOLD.graded_outcomes)
    assert 0 <= found.agreement <= 1
    for interval in found.intervals:
        assert interval.holds_from <= interval.share <= interval.holds_to


def _assessment(member: str, **scores: int) -> Assessment:
    considerations = {k: Rating(score=v) for k, v in scores.items() if k in SIXFOLD.rated_keys}
    principles = {k: Rating(score=v) for k, v in scores.items() if SIXFOLD.is_principle(k)}
    return Assessment(member=member, considerations=considerations, principles=principles)


def test_several_members_aggregate_over_the_new_keys() -> None:
    members = [
        _assessment("Ana", **{**CASE_A, "sustainability": 2, "candour": 1}),
        _assessment("Ben", **{**CASE_A, "sustainability": 3}),
        _assessment("Chi", **{**CASE_A, "sustainability": 4, "candour": 3}),
    ]
    view = council_view(SIXFOLD, members)
    assert view.ratings.value("sustainability") == 3
    assert view.ratings.value("candour") == 2
    assert list(view.ratings.considerations) == list(SIXFOLD.rated_keys)
    assert list(view.ratings.principles) == list(SIXFOLD.principle_keys)
    flagged = {d.key: d for d in view.disagreements}
    assert set(flagged) == {"sustainability", "candour"}
    assert flagged["sustainability"].sentence() == (
        "Environmental sustainability: members differ by 2 points — Ana rated 2, Chi rated 4."
    )
    # The council view is CASE_A but sustainability 3: 22 of 40.
    scoring = score_ratings(SIXFOLD, view.ratings, WEIGHTS)
    assert scoring.shown_index == Decimal("55.0")


def test_a_whole_case_scores_under_the_framework() -> None:
    case = Case(
        id="EUC-2026-900",
        title="Grid forecasting",
        assessments=(_assessment("Ana", **CASE_A), _assessment("Ben", **CASE_A)),
    )
    score = score_case(SIXFOLD, case)
    assert score.scoring.shown_index == Decimal("57.5")
    assert score.scoring.recommendation.outcome == "restrict"


def test_a_framework_with_no_principles_scores() -> None:
    # Weights use_case 1, harm 2, actions 1, sustainability 1 (total 5);
    # concerns 2, 4, 4 - 1 = 3, 0: 1·2 + 2·4 + 1·3 + 0 = 13 of 20 = 65.0.
    scores = RatingSet.of(PLAIN, use_case=2, harm=4, actions=1, sustainability=0)
    assert scores.principles == {}
    scoring = score_ratings(PLAIN, scores, profile_weights(PLAIN))
    assert scoring.shown_index == Decimal("65.0")
    rec = scoring.recommendation
    # Severe harm with no effective mitigation: the floor is decline.
    assert (rec.band_outcome, rec.outcome, rec.rule) == ("restrict", "decline", "red_line")
    missing = score_ratings(PLAIN, RatingSet.of(PLAIN, harm=1), profile_weights(PLAIN))
    assert missing.recommendation.outcome == "defer"
    assert missing.recommendation.missing == (
        "Direct product use case",
        "Effectiveness of proposed actions",
        "Environmental sustainability",
    )


def test_a_key_the_framework_does_not_rate_is_refused_in_words() -> None:
    with pytest.raises(RatingError, match=r"'honesty' is not a consideration or principle"):
        RatingSet.of(SIXFOLD, honesty=2)
    shipped = RatingSet.of(geopolitics=2)  # the bundled framework's key
    with pytest.raises(RatingError) as caught:
        score_ratings(PLAIN, shipped, profile_weights(PLAIN))
    message = str(caught.value)
    assert "'geopolitics'" in message
    assert "use_case, harm, actions, sustainability" in message
    # A RatingSet by itself checks only the widest scale a framework may have.
    with pytest.raises(RatingError, match="between 0 and 10"):
        RatingSet({"sustainability": Fraction(11)})


# -- properties ----------------------------------------------------------------------------------

score_values = st.integers(min_value=0, max_value=4)


def full_ratings(framework: Framework) -> st.SearchStrategy[RatingSet]:
    return st.fixed_dictionaries(dict.fromkeys(framework.rating_keys, score_values)).map(
        lambda d: RatingSet.of(framework, **d)
    )


def weight_sets(framework: Framework) -> st.SearchStrategy[dict[str, int]]:
    return st.fixed_dictionaries(
        dict.fromkeys(framework.consideration_keys, st.integers(min_value=0, max_value=10))
    ).filter(lambda d: sum(d.values()) > 0)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_the_index_stays_in_0_to_100_and_the_outcome_is_graded(data: st.DataObject) -> None:
    from council_app.scoring import check_weights

    framework = data.draw(st.sampled_from([SIXFOLD, PLAIN]))
    rating_set = data.draw(full_ratings(framework))
    weights = check_weights(framework, data.draw(weight_sets(framework)))
    scoring = score_ratings(framework, rating_set, weights)
    assert scoring.index is not None
    assert 0 <= scoring.index <= 100
    assert scoring.recommendation.outcome in framework.graded_outcomes
    # Raising any one rating (in concern) never lowers the index.
    for key in framework.rating_keys:
        value = rating_set.value(key)
        assert value is not None
        direction = (
            "concern" if framework.is_principle(key) else framework.consideration(key).direction
        )
        worse = min(value + 1, 4) if direction == "concern" else max(value - 1, 0)
        after = score_ratings(framework, rating_set.with_value(key, Fraction(worse)), weights)
        assert after.index is not None and after.index >= scoring.index
