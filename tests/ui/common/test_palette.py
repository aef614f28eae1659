from __future__ import annotations

from PySide6.QtGui import QColor

from council_app.ui.common.palette import blend


def test_a_tint_moves_the_base_toward_the_hue_by_the_amount() -> None:
    white, black = QColor("#ffffff"), QColor("#000000")
    assert blend(white, black, 0.0) == white
    assert blend(white, black, 1.0) == black
    assert blend(white, black, 0.25).name() == "#bfbfbf"
