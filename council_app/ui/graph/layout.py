"""Where each case of a neighbourhood goes in the picture: plain geometry, no Qt.

The case sits in the middle; the cases linked to it sit on rings around it, one ring per step
away, each case near the case that brought it in, so that a chain of authorities reads outwards.
It is computed rather than simulated (no force layout) so that the same case always looks the
same: members remember where things were. Kept free of Qt so it is tested on its own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def radial_layout(
    centre: str,
    children: Mapping[str, Sequence[str]],
    sizes: Mapping[str, tuple[float, float]],
    gap: float,
) -> dict[str, tuple[float, float]]:
    """Place a tree of cases on concentric ellipses around ``centre``.

    ``children`` maps each case to the cases it brings in on the next ring, in order. Each case
    gets a slice of the angle proportional to the number of outermost cases below it, so a
    branch never crosses another; the rings then grow until no two cases touch, with ``gap``
    (in scene units) kept between them. Nothing here is random: the same tree gives the same
    picture.
    """
    leaves: dict[str, int] = {}

    def count(node: str) -> int:
        kids = children.get(node, ())
        leaves[node] = sum(count(k) for k in kids) if kids else 1
        return leaves[node]

    count(centre)
    angles: dict[str, float] = {centre: 0.0}
    ring_of: dict[str, int] = {centre: 0}
    # Start on the left and go clockwise: older cases, which sort first, read first.
    start = math.pi

    def assign(node: str, low: float, high: float) -> None:
        kids = children.get(node, ())
        total = sum(leaves[k] for k in kids) or 1
        cursor = low
        for kid in kids:
            span = (high - low) * leaves[kid] / total
            angles[kid] = cursor + span / 2
            ring_of[kid] = ring_of[node] + 1
            assign(kid, cursor, cursor + span)
            cursor += span

    assign(centre, start, start + 2 * math.pi)
    rings = max(ring_of.values())
    if rings == 0:
        return {centre: (0.0, 0.0)}

    width = max(w for w, _ in sizes.values())
    height = max(h for _, h in sizes.values())
    rx = [0.0]
    ry = [0.0]
    for _ in range(rings):
        rx.append(rx[-1] + width + gap * 4)
        ry.append(ry[-1] + height + gap * 3.5)

    def place() -> dict[str, tuple[float, float]]:
        return {
            n: (rx[ring_of[n]] * math.cos(angles[n]), ry[ring_of[n]] * math.sin(angles[n]))
            for n in angles
        }

    order = sorted(angles, key=lambda n: (ring_of[n], angles[n]))
    for _ in range(200):
        positions = place()
        clash = first_overlap(order, positions, sizes, gap)
        if clash is None:
            return positions
        ring = max(ring_of[clash[0]], ring_of[clash[1]])
        grow_x, grow_y = rx[ring] * 0.1, ry[ring] * 0.1
        for outer in range(ring, rings + 1):
            rx[outer] += grow_x
            ry[outer] += grow_y
    return place()


def first_overlap(
    order: Sequence[str],
    positions: Mapping[str, tuple[float, float]],
    sizes: Mapping[str, tuple[float, float]],
    gap: float,
) -> tuple[str, str] | None:
    for i, a in enumerate(order):
        ax, ay = positions[a]
        aw, ah = sizes[a]
        for b in order[i + 1 :]:
            bx, by = positions[b]
            bw, bh = sizes[b]
            if abs(ax - bx) < (aw + bw) / 2 + gap and abs(ay - by) < (ah + bh) / 2 + gap:
                return a, b
    return None


def boundary_distance(half_w: float, half_h: float, dx: float, dy: float) -> float:
    """How far from a box's centre a ray in direction (dx, dy) (unit length) leaves the box."""
    limits = [half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf]
    return min(limits)
