"""Light, dark and high-contrast appearance.

"Follow the system" leaves the colours to the platform (Qt follows the system's dark or light
scheme). Light and dark ask Qt for that scheme. High contrast uses the Fusion style with a
black-on-white-free palette of white text on black, yellow selection and bright links, for
members who need it on a projector or with low vision. Font sizes are never set here, so text
keeps scaling with the system's font size.
"""

from __future__ import annotations

# Qt's enums are read as QtCore.Qt when a theme is applied: naming Qt at import builds all of its
# enums (see main_window), and the default theme needs none.
from PySide6 import QtCore
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

# WCAG's contrast for ordinary text (AA): coloured text must reach it on the window.
READABLE_CONTRAST = 4.5


def high_contrast_palette() -> QPalette:
    palette = QPalette()
    black, white, yellow = QColor("#000000"), QColor("#ffffff"), QColor("#ffff00")
    for role, colour in (
        (QPalette.ColorRole.Window, black),
        (QPalette.ColorRole.WindowText, white),
        (QPalette.ColorRole.Base, black),
        (QPalette.ColorRole.AlternateBase, QColor("#1a1a1a")),
        (QPalette.ColorRole.Text, white),
        (QPalette.ColorRole.Button, black),
        (QPalette.ColorRole.ButtonText, white),
        (QPalette.ColorRole.Highlight, yellow),
        (QPalette.ColorRole.HighlightedText, black),
        (QPalette.ColorRole.Link, QColor("#00ffff")),
        (QPalette.ColorRole.ToolTipBase, black),
        (QPalette.ColorRole.ToolTipText, white),
        (QPalette.ColorRole.PlaceholderText, QColor("#c0c0c0")),
        (QPalette.ColorRole.Mid, white),
        (QPalette.ColorRole.Midlight, QColor("#808080")),
        (QPalette.ColorRole.Light, white),
        (QPalette.ColorRole.Dark, white),
    ):
        palette.setColor(role, colour)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#a0a0a0"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#a0a0a0"))
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    hints = QGuiApplication.styleHints()
    if theme == "high_contrast":
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(high_contrast_palette())
        return
    scheme = {
        "light": QtCore.Qt.ColorScheme.Light,
        "dark": QtCore.Qt.ColorScheme.Dark,
    }.get(theme, QtCore.Qt.ColorScheme.Unknown)
    app.setPalette(QPalette())  # back to the style's own palette
    if hasattr(hints, "setColorScheme"):  # Qt 6.8 and later
        hints.setColorScheme(scheme)
    if theme == "dark" and hints.colorScheme() != QtCore.Qt.ColorScheme.Dark:
        # Platforms that ignore the request (offscreen, some X11 desktops): draw it ourselves.
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(_dark_palette())


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, QColor("#202428")),
        (QPalette.ColorRole.WindowText, QColor("#e6e8eb")),
        (QPalette.ColorRole.Base, QColor("#16191c")),
        (QPalette.ColorRole.AlternateBase, QColor("#1d2125")),
        (QPalette.ColorRole.Text, QColor("#e6e8eb")),
        (QPalette.ColorRole.Button, QColor("#2a2f35")),
        (QPalette.ColorRole.ButtonText, QColor("#e6e8eb")),
        (QPalette.ColorRole.Highlight, QColor("#3d6ea5")),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
        (QPalette.ColorRole.Link, QColor("#8ab4f8")),
        (QPalette.ColorRole.PlaceholderText, QColor("#8b949e")),
        (QPalette.ColorRole.ToolTipBase, QColor("#2a2f35")),
        (QPalette.ColorRole.ToolTipText, QColor("#e6e8eb")),
        (QPalette.ColorRole.Midlight, QColor("#3a4047")),
    ):
        palette.setColor(role, colour)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6e7681"))
    return palette


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG's contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_colour(colour: QColor, palette: QPalette) -> QColor:
    """``colour``, keeping its hue, darkened on a light window or lightened on a dark one until
    it reads as text on both the window and the base colour (a list's background).

    The colours the record gives outcomes are bright fills (see council_app.vocabulary); the
    same hue as text on a white page or a dark theme needs more or less light to be read.
    """
    backgrounds = (
        palette.color(QPalette.ColorRole.Window),
        palette.color(QPalette.ColorRole.Base),
    )
    dark = backgrounds[0].lightness() < 128
    readable = QColor(colour)
    # 5 % a step keeps the hue as close to the fill as legibility allows; 60 steps reach black
    # or white from any colour, so the loop always ends readable.
    for _step in range(60):
        if min(contrast_ratio(readable, b) for b in backgrounds) >= READABLE_CONTRAST:
            break
        readable = readable.lighter(105) if dark else readable.darker(105)
    return readable
