"""Weights from pairwise comparisons: the Analytic Hierarchy Process.

A member compares every pair of criteria on Saaty's 1–9 scale ("harm is 3 times as important as
geopolitics"); the reciprocal matrix of those judgements gives the weights. The method is named
in every result because the two common ones differ in the third decimal on real matrices:

- ``eigenvector`` (Saaty's own): the principal right eigenvector, found by power iteration;
- ``geometric_mean``: the normalised geometric means of the rows.

Consistency is Saaty's: CI = (λmax − n)/(n − 1), CR = CI / RI with his random index RI for the
matrix size; a CR above 0.10 is a warning to revisit the judgements, and the result names the
judgement whose revision would reduce the inconsistency most.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from council_app.errors import CouncilError
from council_app.scoring.numbers import number_text

Method = Literal["eigenvector", "geometric_mean"]
METHODS: tuple[Method, ...] = ("eigenvector", "geometric_mean")

# Saaty's random consistency index by matrix size (T. L. Saaty, The Analytic Hierarchy Process,
# 1980; sizes 11-15 as extended by Saaty and reproduced in his later work).
RANDOM_INDEX_NAME = "Saaty (1980) random index"
RANDOM_INDEX = {
    1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41,
    9: 1.45, 10: 1.49, 11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59,
}  # fmt: skip
CR_LIMIT = 0.10
CR_LIMIT_TEXT = number_text(CR_LIMIT, 2)  # "0.10", as Saaty states the limit
MIN_CRITERIA = 2
MAX_CRITERIA = 15
SAATY_VALUES = tuple(
    sorted({*(Fraction(v) for v in range(1, 10)), *(Fraction(1, v) for v in range(2, 10))})
)
_RECIPROCAL_TOLERANCE = 0.01  # 1/3 typed as 0.333 is still the reciprocal of 3


def ratio_text(value: float) -> str:
    """λmax, CI or CR as shown: three decimals, as published AHP examples print them, so a
    member can check ours against theirs; rounded like every shown number."""
    return number_text(value, 3)


def random_index_text(value: float) -> str:
    """Saaty's random index as his table gives it: two decimals."""
    return number_text(value, 2)


class AhpError(CouncilError):
    """The comparison matrix cannot be used."""


@dataclass(frozen=True)
class Revision:
    """The judgement to revisit first: changing it to ``suggested`` lowers CR the most."""

    row: str
    column: str
    current: float
    suggested: Fraction  # on Saaty's scale
    consistency_ratio_after: float


@dataclass(frozen=True)
class AhpResult:
    criteria: tuple[str, ...]
    weights: dict[str, float]
    method: Method
    lambda_max: float
    consistency_index: float
    random_index: float
    random_index_name: str
    consistency_ratio: float
    consistent: bool  # CR ≤ 0.10
    warning: str | None
    revision: Revision | None


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool):
        raise AhpError(f"{where}: {value!r} is not a number.")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(Fraction(value.strip()))
        except (ValueError, ZeroDivisionError):
            raise AhpError(f"{where}: {value!r} is not a number (write 3, 0.5 or 1/3).") from None
    else:
        raise AhpError(f"{where}: {value!r} is not a number.")
    if not math.isfinite(number) or number <= 0:
        raise AhpError(f"{where}: {value!r} must be a positive number.")
    return number


def check_matrix(criteria: Sequence[str], matrix: Sequence[Sequence[Any]]) -> list[list[float]]:
    """A reciprocal matrix on Saaty's scale, or a refusal that names the entry at fault."""
    n = len(criteria)
    if not MIN_CRITERIA <= n <= MAX_CRITERIA:
        raise AhpError(f"Compare {MIN_CRITERIA} to {MAX_CRITERIA} criteria; found {n}.")
    if len(set(criteria)) != n or any(not str(c).strip() for c in criteria):
        raise AhpError("Every criterion needs a name of its own.")
    # JSON gives lists; anything else in a row (a string, a number) is not a row of numbers.
    rows_ok = all(isinstance(row, list | tuple) and len(row) == n for row in matrix)
    if len(matrix) != n or not rows_ok:
        raise AhpError(f"The matrix must have {n} rows of {n} numbers, one per criterion.")
    values = [
        [
            _number(
                matrix[i][j], f"matrix row {i + 1} ({criteria[i]}), column {j + 1} ({criteria[j]})"
            )
            for j in range(n)
        ]
        for i in range(n)
    ]
    for i in range(n):
        if abs(values[i][i] - 1) > 1e-9:
            raise AhpError(
                f"The diagonal must be 1 (a criterion is as important as itself); row {i + 1} "
                f"({criteria[i]}) has {matrix[i][i]}."
            )
        for j in range(n):
            if not 1 / 9 - 1e-6 <= values[i][j] <= 9 + 1e-6:
                raise AhpError(
                    f"{criteria[i]} vs {criteria[j]}: {matrix[i][j]} is outside Saaty's scale "
                    "(1/9 to 9)."
                )
            if j > i and abs(values[i][j] * values[j][i] - 1) > _RECIPROCAL_TOLERANCE:
                raise AhpError(
                    f"The matrix is not reciprocal: {criteria[i]} vs {criteria[j]} is "
                    f"{matrix[i][j]} but {criteria[j]} vs {criteria[i]} is {matrix[j][i]} "
                    f"(it should be {_saaty_text(1 / values[i][j])})."
                )
    return values


def _saaty_text(value: float) -> str:
    nearest = min(SAATY_VALUES, key=lambda s: abs(math.log(float(s)) - math.log(value)))
    if abs(float(nearest) - value) < 1e-6:
        return str(nearest)
    return f"{value:.4g}"


def _eigenvector(values: list[list[float]]) -> list[float]:
    n = len(values)
    w = [1.0 / n] * n
    for _ in range(10_000):
        v = [sum(values[i][j] * w[j] for j in range(n)) for i in range(n)]
        total = sum(v)
        v = [x / total for x in v]
        if max(abs(a - b) for a, b in zip(v, w, strict=True)) < 1e-15:
            return v
        w = v
    return w


def _geometric_mean(values: list[list[float]]) -> list[float]:
    n = len(values)
    means = [math.exp(sum(math.log(x) for x in row) / n) for row in values]
    total = sum(means)
    return [m / total for m in means]


def _lambda_max(values: list[list[float]], weights: list[float]) -> float:
    n = len(values)
    product = [sum(values[i][j] * weights[j] for j in range(n)) for i in range(n)]
    return sum(product[i] / weights[i] for i in range(n)) / n


def _consistency(
    values: list[list[float]], method: Method
) -> tuple[list[float], float, float, float]:
    n = len(values)
    weights = _eigenvector(values) if method == "eigenvector" else _geometric_mean(values)
    lam = _lambda_max(values, weights)
    ci = max(0.0, (lam - n) / (n - 1))
    ri = RANDOM_INDEX[n]
    cr = ci / ri if ri > 0 else 0.0
    return weights, lam, ci, cr


def _best_revision(
    criteria: Sequence[str],
    values: list[list[float]],
    weights: list[float],
    cr: float,
    method: Method,
) -> Revision | None:
    n = len(values)
    best: Revision | None = None
    for i in range(n):
        for j in range(i + 1, n):
            target = weights[i] / weights[j]
            suggested = min(SAATY_VALUES, key=lambda s: abs(math.log(float(s)) - math.log(target)))
            if abs(float(suggested) - values[i][j]) < 1e-9:
                continue
            trial = [row[:] for row in values]
            trial[i][j] = float(suggested)
            trial[j][i] = 1 / float(suggested)
            after = _consistency(trial, method)[3]
            if after < cr - 1e-12 and (best is None or after < best.consistency_ratio_after):
                best = Revision(criteria[i], criteria[j], values[i][j], suggested, after)
    return best


def ahp_weights(
    criteria: Sequence[str],
    matrix: Sequence[Sequence[Any]],
    *,
    method: Method = "eigenvector",
    labels: Mapping[str, str] | None = None,
) -> AhpResult:
    """Weights and consistency; ``labels`` name the criteria in the warning (keys otherwise)."""
    if method not in METHODS:
        raise AhpError(f"Unknown method {method!r}; use {' or '.join(METHODS)}.")
    values = check_matrix(criteria, matrix)
    weights, lam, ci, cr = _consistency(values, method)
    consistent = cr <= CR_LIMIT
    revision = None if consistent else _best_revision(criteria, values, weights, cr, method)
    warning = None
    if not consistent:
        warning = (
            f"The judgements are inconsistent (CR {ratio_text(cr)} > {CR_LIMIT_TEXT}); revisit them "
            "before using these weights."
        )
        if revision is not None:
            name = (labels or {}).get
            warning += (
                f" Start with {name(revision.row, revision.row)} vs "
                f"{name(revision.column, revision.column)}: {_saaty_text(revision.current)}"
                f" → {revision.suggested} would bring CR to {ratio_text(revision.consistency_ratio_after)}."
            )
    return AhpResult(
        criteria=tuple(criteria),
        weights=dict(zip(criteria, weights, strict=True)),
        method=method,
        lambda_max=lam,
        consistency_index=ci,
        random_index=RANDOM_INDEX[len(criteria)],
        random_index_name=RANDOM_INDEX_NAME,
        consistency_ratio=cr,
        consistent=consistent,
        warning=warning,
        revision=revision,
    )


def read_matrix_document(data: Any) -> tuple[list[str], list[list[Any]]]:
    """``{"criteria": [...], "matrix": [[...], ...]}`` as read from JSON."""
    if not isinstance(data, dict):
        raise AhpError('Expected a JSON object with "criteria" and "matrix".')
    criteria = data.get("criteria")
    matrix = data.get("matrix")
    if not isinstance(criteria, list) or not all(isinstance(c, str) for c in criteria):
        raise AhpError('"criteria" must be a list of names.')
    if not isinstance(matrix, list):
        raise AhpError('"matrix" must be a list of rows.')
    unknown = sorted(set(data) - {"criteria", "matrix", "method", "note"})
    if unknown:
        raise AhpError(
            f"Unknown field {', '.join(map(repr, unknown))}; expected criteria and matrix."
        )
    return criteria, matrix
