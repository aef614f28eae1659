"""The graph's layout is plain geometry: tested without Qt, and importable without it."""

from __future__ import annotations

import math
import subprocess
import sys

from council_app.ui.graph.layout import boundary_distance, radial_layout

SIZE = (90.0, 24.0)


def overlapping(positions: dict[str, tuple[float, float]], gap: float) -> list[tuple[str, str]]:
    ids = sorted(positions)
    return [
        (a, b)
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        if abs(positions[a][0] - positions[b][0]) < SIZE[0] + gap
        and abs(positions[a][1] - positions[b][1]) < SIZE[1] + gap
    ]


def test_a_lone_case_sits_in_the_middle() -> None:
    assert radial_layout("A", {}, {"A": SIZE}, gap=8) == {"A": (0.0, 0.0)}


def test_rings_go_outwards_and_no_two_cases_touch() -> None:
    children = {"C": [f"L{n}" for n in range(12)], "L0": ["M0", "M1", "M2"]}
    ids = ["C", *children["C"], *children["L0"]]
    positions = radial_layout("C", children, dict.fromkeys(ids, SIZE), gap=8)
    assert positions["C"] == (0.0, 0.0)
    assert overlapping(positions, 8) == []
    # The next ring lies outside the ellipse the first ring is on.
    rx = max(abs(positions[c][0]) for c in children["C"])
    ry = max(abs(positions[c][1]) for c in children["C"])
    for m in children["L0"]:
        x, y = positions[m]
        assert (x / rx) ** 2 + (y / ry) ** 2 > 1, m


def test_a_branch_stays_beside_the_case_that_brought_it_in() -> None:
    children = {"C": ["L0", "L1", "L2", "L3"], "L2": ["M0"]}
    ids = ["C", *children["C"], "M0"]
    positions = radial_layout("C", children, dict.fromkeys(ids, SIZE), gap=8)

    def angle(case: str) -> float:
        x, y = positions[case]
        return math.atan2(y, x)

    nearest = min(
        children["C"], key=lambda c: abs(math.remainder(angle(c) - angle("M0"), math.tau))
    )
    assert nearest == "L2"


def test_the_same_tree_gives_the_same_picture() -> None:
    children = {"C": ["A", "B", "D"], "B": ["E", "F"]}
    sizes = dict.fromkeys("CABDEF", SIZE)
    assert radial_layout("C", children, sizes, 8) == radial_layout("C", children, sizes, 8)


def test_a_ray_leaves_a_box_at_its_edge() -> None:
    assert boundary_distance(45, 12, 1.0, 0.0) == 45
    assert boundary_distance(45, 12, 0.0, -1.0) == 12


def test_the_layout_imports_no_qt() -> None:
    code = (
        "import sys, council_app.ui.graph.layout; "
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
