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
