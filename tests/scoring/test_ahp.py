from __future__ import annotations

import pytest

from council_app.scoring.ahp import RANDOM_INDEX, AhpError, ahp_weights, read_matrix_document

# T. L. Saaty, "How to make a decision: The Analytic Hierarchy Process", European Journal of
# Operational Research 48 (1990) 9-26: the criteria for buying a house, with the priorities,
# lambda max, CI and CR the paper gives.
HOUSE_CRITERIA = [
    "size", "transportation", "neighborhood", "age", "yard", "modern_facilities",
    "general_condition", "financing",
]  # fmt: skip
HOUSE_MATRIX = [
    [1, 5, 3, 7, 6, 6, "1/3", "1/4"],
    ["1/5", 1, "1/3", 5, 3, 3, "1/5", "1/7"],
    ["1/3", 3, 1, 6, 3, 4, 6, "1/5"],
    ["1/7", "1/5", "1/6", 1, "1/3", "1/4", "1/7", "1/8"],
    ["1/6", "1/3", "1/3", 3, 1, "1/2", "1/5", "1/6"],
    ["1/6", "1/3", "1/4", 4, 2, 1, "1/5", "1/6"],
    [3, 5, "1/6", 7, 5, 5, 1, "1/2"],
    [4, 7, 5, 8, 6, 6, 2, 1],
]
PUBLISHED = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]


def test_published_example_is_reproduced_to_three_decimals() -> None:
    result = ahp_weights(HOUSE_CRITERIA, HOUSE_MATRIX)
    assert result.method == "eigenvector"
    assert [round(result.weights[c], 3) for c in HOUSE_CRITERIA] == PUBLISHED
    assert round(result.lambda_max, 3) == 9.669
    assert round(result.consistency_index, 3) == 0.238
    assert result.random_index == 1.41
    assert round(result.consistency_ratio, 3) == 0.169
    assert result.random_index_name == "Saaty (1980) random index"


def test_inconsistency_is_warned_with_the_judgement_to_revise() -> None:
    result = ahp_weights(HOUSE_CRITERIA, HOUSE_MATRIX)
    assert not result.consistent
    assert result.warning is not None
    assert "CR 0.169 > 0.10" in result.warning
    revision = result.revision
    assert revision is not None
    assert (revision.row, revision.column) == ("neighborhood", "general_condition")
    assert revision.consistency_ratio_after < 0.10
    # Making the suggested change really gives the promised CR.
    fixed = [row[:] for row in HOUSE_MATRIX]
    fixed[2][6] = str(revision.suggested)
    fixed[6][2] = str(1 / revision.suggested)
    assert ahp_weights(HOUSE_CRITERIA, fixed).consistency_ratio == pytest.approx(
        revision.consistency_ratio_after
    )


def test_a_consistent_matrix_gives_its_ratios() -> None:
    # weights 4 : 2 : 1 stated exactly
    result = ahp_weights(["a", "b", "c"], [[1, 2, 4], ["1/2", 1, 2], ["1/4", "1/2", 1]])
    assert result.weights == pytest.approx({"a": 4 / 7, "b": 2 / 7, "c": 1 / 7})
    assert result.consistency_ratio == pytest.approx(0, abs=1e-12)
    assert result.consistent
    assert result.warning is None


def test_geometric_mean_method_is_named_and_differs_slightly() -> None:
    eigen = ahp_weights(HOUSE_CRITERIA, HOUSE_MATRIX)
    geometric = ahp_weights(HOUSE_CRITERIA, HOUSE_MATRIX, method="geometric_mean")
    assert geometric.method == "geometric_mean"
    assert sum(geometric.weights.values()) == pytest.approx(1)
    assert geometric.weights != eigen.weights
    assert max(abs(geometric.weights[c] - eigen.weights[c]) for c in HOUSE_CRITERIA) < 0.05


def test_two_criteria_are_always_consistent() -> None:
    result = ahp_weights(["harm", "geopolitics"], [[1, 3], ["1/3", 1]])
    assert result.weights == pytest.approx({"harm": 0.75, "geopolitics": 0.25})
    assert result.consistency_ratio == 0


def test_random_index_table() -> None:
    assert [RANDOM_INDEX[n] for n in range(3, 11)] == [
        0.58,
        0.90,
        1.12,
        1.24,
        1.32,
        1.41,
        1.45,
        1.49,
    ]
    assert set(RANDOM_INDEX) == set(range(1, 16))


@pytest.mark.parametrize(
    ("criteria", "matrix", "message"),
    [
        (
            ["a", "b"],
            [[1, 3], [3, 1]],
            "not reciprocal: a vs b is 3 but b vs a is 3 (it should be 1/3)",
        ),
        (["a", "b"], [[1, 12], ["1/12", 1]], "outside Saaty's scale"),
        (["a", "b"], [[2, 3], ["1/3", 1]], "The diagonal must be 1"),
        (["a", "b"], [[1, -3], ["1/3", 1]], "must be a positive number"),
        (["a", "b"], [[1, "three"], ["1/3", 1]], "'three' is not a number"),
        (["a", "b", "c"], [[1, 3], ["1/3", 1]], "3 rows of 3 numbers"),
        (["a"], [[1]], "Compare 2 to 15 criteria; found 1"),
        ([f"c{i}" for i in range(16)], [[1] * 16] * 16, "found 16"),
        (["a", "a"], [[1, 1], [1, 1]], "name of its own"),
    ],
)
def test_bad_matrices_are_refused(criteria: list, matrix: list, message: str) -> None:
    with pytest.raises(AhpError) as caught:
        ahp_weights(criteria, matrix)
    assert message in str(caught.value)


def test_reading_the_matrix_document() -> None:
    assert read_matrix_document({"criteria": ["a", "b"], "matrix": [[1, 2], [0.5, 1]]}) == (
        ["a", "b"],
        [[1, 2], [0.5, 1]],
    )
    with pytest.raises(AhpError, match="Unknown field 'matirx'"):
        read_matrix_document({"criteria": ["a"], "matrix": [], "matirx": []})
    with pytest.raises(AhpError, match='"criteria" must be a list of names'):
        read_matrix_document({"matrix": []})
