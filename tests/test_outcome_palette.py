"""The outcome palette stays apart for the eye, with the common colour-vision deficiencies too.

Simulated with Machado, Oliveira & Fernandes (2009) at full severity, compared in CIELAB
(ΔE*76): two outcomes closer than ``APART`` read as one colour. Decline and Restrict were two
oranges, ΔE 33 apart to normal vision (now 57 at the closest pair); with a red-green deficiency
ΔE*76 overstates how alike Okabe & Ito's hues look, so the bar there is lower.
"""

from __future__ import annotations

import itertools
import math

import pytest

from council_app.vocabulary import ATTENTION_COLOUR, OUTCOME_COLOURS

DEFICIENCIES = {
    "none": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}
APART = {"none": 40.0, "protanopia": 15.0, "deuteranopia": 15.0}


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def seen(hex_colour: str, deficiency: str) -> tuple[float, float, float]:
    """The colour in CIELAB as someone with ``deficiency`` sees it."""
    rgb = [_linear(int(hex_colour[i : i + 2], 16) / 255) for i in (1, 3, 5)]
    r, g, b = (
        min(1.0, max(0.0, sum(row[j] * rgb[j] for j in range(3))))
        for row in DEFICIENCIES[deficiency]
    )
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_every_two_outcomes_stay_apart(deficiency: str) -> None:
    for (a, ca), (b, cb) in itertools.combinations(OUTCOME_COLOURS.items(), 2):
        distance = math.dist(seen(ca, deficiency), seen(cb, deficiency))
        assert distance >= APART[deficiency], (
            f"{a} and {b} look alike with {deficiency} (ΔE {distance:.0f})"
        )


def test_a_warning_is_not_an_outcome() -> None:
    """Something needing attention is not a decision: the warning colour is none of theirs."""
    for deficiency in ("none", "deuteranopia"):
        for key, colour in OUTCOME_COLOURS.items():
            distance = math.dist(seen(ATTENTION_COLOUR, deficiency), seen(colour, deficiency))
            assert distance >= 10, (key, deficiency)
