"""Headings and figures in a size relative to the member's own font.

Written once because the platform's font may be given in points or in pixels (then
``pointSizeF()`` is -1, and multiplying it gives a nonsense size that Qt refuses), and a
heading scaled one way on one screen and another way on the next looks like two apps.
"""

from __future__ import annotations

from PySide6.QtGui import QFont


def scaled_font(base: QFont, factor: float, weight: QFont.Weight | None = None) -> QFont:
    """``base`` times ``factor`` (in points or pixels, as ``base`` is given), in ``weight``
    (None: the weight of ``base``)."""
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    elif base.pixelSize() > 0:
        font.setPixelSize(max(1, round(base.pixelSize() * factor)))
    if weight is not None:
        font.setWeight(weight)
    return font


def bold_font(base: QFont, factor: float = 1.0) -> QFont:
    return scaled_font(base, factor, QFont.Weight.Bold)
