"""The memo's typeface: DejaVu Sans, embedded, so that any Latin, Greek, Cyrillic or Arabic
name renders (the 14 standard PDF fonts cover Latin-1 only and are not embedded)."""

from __future__ import annotations

import functools
import io

from council_app import resources

FAMILY = "CouncilSans"
FACES = {
    FAMILY: "fonts/DejaVuSans.ttf",
    f"{FAMILY}-Bold": "fonts/DejaVuSans-Bold.ttf",
    f"{FAMILY}-Italic": "fonts/DejaVuSans-Oblique.ttf",
    f"{FAMILY}-BoldItalic": "fonts/DejaVuSans-BoldOblique.ttf",
}


@functools.cache
def register_fonts() -> str:
    """Register the four faces once per process; returns the family name for styles."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, path in FACES.items():
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(resources.read_bytes(path))))
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, f"{FAMILY}-Bold")
    addMapping(FAMILY, 0, 1, f"{FAMILY}-Italic")
    addMapping(FAMILY, 1, 1, f"{FAMILY}-BoldItalic")
    return FAMILY
