"""A framework's own rating scale: the same judgement on a 1–5 scale scores as on 0–4.

``LIKERT`` is the shipped framework rated 1–5 (every red-line bound one up). Shifting every
rating and every proposed action's effectiveness up by one must leave each demo case's index,
its recommendation, its red lines, its disagreements and its sensitivity exactly as they were.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from council_app.case import Assessment, Case, Rating
from council_app.framework import Framework, bundled_framework, parse_framework
from council_app.scoring import RatingError, RatingSet, profile_weights, score_case, score_ratings
from tests.framework.shapes import BUNDLED, LIKERT, likert_toml

SHIPPED = bundled_framework()


def _up(rating: Rating) -> Rating:
    return rating if rating.score is None else replace(rating, score=rating.score + 1)


def _shifted(case: Case) -> Case:
    """The case as a council on the 1–5 scale would have rated it."""

    def assessment(a: Assessment) -> Assessment:
        return replace(
            a,
            considerations={k: _up(r) for k, r in a.considerations.items()},
            principles={k: _up(r) for k, r in a.principles.items()},
        )

    return replace(
        case,
        assessments=tuple(assessment(a) for a in case.assessments),
        mitigations=tuple(
            m if m.effectiveness is None else replace(m, effectiveness=m.effectiveness + 1)
            for m in case.mitigations
        ),
    )


def test_every_demo_case_scores_the_same_one_step_up(demo_cases: tuple[Case, ...]) -> None:
    compared = 0
    for case in demo_cases:
        if not case.assessments:
            continue
        before = score_case(SHIPPED, case, draws=40)
        after = score_case(LIKERT, _shifted(case), draws=40)
        assert after.scoring.index == before.scoring.index, case.id
        assert after.scoring.inherent_index == before.scoring.inherent_index, case.id
        assert after.scoring.recommendation.outcome == before.scoring.recommendation.outcome
        assert [h.key for h in after.scoring.recommendation.red_lines] == [
            h.key for h in before.scoring.recommendation.red_lines
        ], case.id
        assert [c.points for c in after.scoring.contributions] == [
            c.points for c in before.scoring.contributions
        ]
        assert [
            (d.key, d.high - d.low, d.low_members, d.high_members)
            for d in after.council.disagreements
        ] == [
            (d.key, d.high - d.low, d.low_members, d.high_members)
            for d in before.council.disagreements
        ], case.id
        if before.sensitivity is not None:
            assert after.sensitivity is not None
            assert after.sensitivity.intervals == before.sensitivity.intervals, case.id
            assert after.sensitivity.rating_swings == before.sensitivity.rating_swings
        compared += 1
    assert compared >= 30


scores = st.integers(min_value=0, max_value=4)


@given(st.fixed_dictionaries(dict.fromkeys(SHIPPED.rating_keys, scores)))
def test_a_shift_of_the_scale_leaves_the_index(ratings: dict[str, int]) -> None:
    before = score_ratings(SHIPPED, RatingSet.of(SHIPPED, **ratings), profile_weights(SHIPPED))
    up = {k: v + 1 for k, v in ratings.items()}
    after = score_ratings(LIKERT, RatingSet.of(LIKERT, **up), profile_weights(LIKERT))
    assert after.index == before.index
    assert after.recommendation.outcome == before.recommendation.outcome


def test_a_wider_scale_divides_by_its_span() -> None:
    """On 0–10, a harm of 10 carries the concern a harm of 4 carries on 0–4."""
    wide = parse_framework(_scaled(BUNDLED, 0, 10), source="wide.toml")
    assert wide.scale == tuple(range(11))
    ratings = dict.fromkeys(SHIPPED.rating_keys, 0) | {"harm": 4, "actions": 4}
    before = score_ratings(SHIPPED, RatingSet.of(SHIPPED, **ratings), profile_weights(SHIPPED))
    wide_ratings = dict.fromkeys(wide.rating_keys, 0) | {"harm": 10, "actions": 10}
    after = score_ratings(wide, RatingSet.of(wide, **wide_ratings), profile_weights(wide))
    assert after.index == before.index
    assert after.index is not None and after.index > 0
    half = score_ratings(
        wide, RatingSet.of(wide, **(wide_ratings | {"harm": 5})), profile_weights(wide)
    )
    assert half.index == Fraction(before.index) / 2


def test_a_rating_off_the_framework_scale_is_refused_in_words() -> None:
    ratings = dict.fromkeys(LIKERT.rating_keys, 1) | {"harm": 0}
    with pytest.raises(RatingError, match=r"harm: .* is on its scale 1–5; found 0"):
        score_ratings(LIKERT, RatingSet.of(LIKERT, **ratings), profile_weights(LIKERT))


def test_the_level_sentences_follow_the_scale() -> None:
    harm = LIKERT.consideration("harm")
    assert LIKERT.level_text(harm, 1) == SHIPPED.level_text(SHIPPED.consideration("harm"), 0)
    assert LIKERT.level_text(harm, 5).startswith("Severe")
    assert LIKERT.scale_text == "1–5"


def _scaled(text: str, low: int, high: int) -> str:
    """The shipped framework on ``low``..``high``: each item's five levels spread over the new
    scale (repeated where it is wider), red-line bounds at the same place on it."""
    import tomlkit

    doc = tomlkit.parse(text)
    doc["framework"]["version"] = f"2027.{high}"
    doc["framework"]["scale_min"] = low
    doc["framework"]["scale_max"] = high
    size = high - low + 1
    for section in ("considerations", "principles"):
        for item in doc[section]:
            levels = list(item["levels"])
            item["levels"] = [levels[i * 4 // (size - 1)] for i in range(size)]
    for line in doc["red_lines"]:
        for condition in line["conditions"]:
            for bound in ("at_least", "at_most"):
                if bound in condition:
                    condition[bound] = low + condition[bound] * (high - low) // 4
    return tomlkit.dumps(doc)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda t: t.replace("scale_max = 5", "scale_max = 2"),
            "the rating scale 1–2 needs at least 3 levels",
        ),
        (
            lambda t: t.replace("scale_max = 5", "scale_max = 6"),
            "considerations[0] (use_case).levels: the scale 1–6 needs 6 levels, one per score; "
            "found 5",
        ),
        (
            lambda t: t.replace(
                '{ target = "harm", at_least = 5 }', '{ target = "harm", at_least = 0 }'
            ),
            "red_lines[1] (severe_harm_unmitigated).conditions[0].at_least: 0 is not on the "
            "scale 1–5",
        ),
        (
            lambda t: t.replace("disagreement_threshold = 1", "disagreement_threshold = 4.5"),
            "scoring.disagreement_threshold: 4.5 is more than the scale 1–5 spans (4)",
        ),
    ],
)
def test_a_scale_that_does_not_fit_is_refused_in_words(edit: object, expected: str) -> None:
    from council_app.errors import FrameworkError

    text = likert_toml()
    changed = edit(text)  # type: ignore[operator]
    assert changed != text
    with pytest.raises(FrameworkError) as caught:
        parse_framework(changed, source="likert.toml")
    assert expected in str(caught.value)


def test_the_shipped_framework_keeps_its_scale() -> None:
    framework: Framework = SHIPPED
    assert (framework.scale_min, framework.scale_max, framework.scale_span) == (0, 4, 4)
