from __future__ import annotations

from PySide6.QtGui import QFont

from council_app.ui.common.fonts import bold_font, scaled_font


def test_a_font_in_points_scales_in_points() -> None:
    base = QFont()
    base.setPointSizeF(10.0)
    assert scaled_font(base, 1.5).pointSizeF() == 15.0
    assert bold_font(base, 2.0).bold() and bold_font(base, 2.0).pointSizeF() == 20.0
    assert not scaled_font(base, 1.5).bold()  # the weight of the base unless one is asked


def test_a_font_in_pixels_scales_in_pixels() -> None:
    base = QFont()
    base.setPixelSize(12)
    scaled = scaled_font(base, 1.25)
    assert scaled.pixelSize() == 15
    assert scaled_font(base, 0.01).pixelSize() == 1  # never zero, which Qt would refuse
