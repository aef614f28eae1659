"""Light, dark and high-contrast appearance.

"Follow the system" leaves the colours and the drawing of controls to the platform. Light and
dark ask Qt for that scheme (dark draws it with Fusion where the platform ignores the request);
high contrast uses Fusion with white text on black, yellow selection and bright links, for
members who need it on a projector or with low vision. Each of the three adds a small style
sheet (:func:`control_style_sheet`) so that radio buttons, check boxes, text-box borders, slider
handles and focus rings reach WCAG 2.2's 3:1 (tests/ui/test_theme_contrast.py measures the
pixels). Font sizes are never set here, so text keeps scaling with the system's font size.
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
        app.setStyleSheet(control_style_sheet(HIGH_CONTRAST_EDGES))
        return
    scheme = {
        "light": QtCore.Qt.ColorScheme.Light,
        "dark": QtCore.Qt.ColorScheme.Dark,
    }.get(theme, QtCore.Qt.ColorScheme.Unknown)
    app.setPalette(QPalette())  # back to the style's own palette
    app.setStyleSheet("")  # "system": the platform draws its own controls
    if hasattr(hints, "setColorScheme"):  # Qt 6.8 and later
        hints.setColorScheme(scheme)
    if theme == "dark":
        if hints.colorScheme() != QtCore.Qt.ColorScheme.Dark:
            # Platforms that ignore the request (offscreen, some X11 desktops): draw it ourselves.
            app.setStyle(QStyleFactory.create("Fusion"))
            app.setPalette(_dark_palette())
        app.setStyleSheet(control_style_sheet(DARK_EDGES))
    elif theme == "light":
        app.setPalette(_light_palette())
        app.setStyleSheet(control_style_sheet(LIGHT_EDGES))


# The colours of what outlines a control, per theme: (edge, fill of an indicator, mark, focus).
# Styles draw an unchecked radio button, a text box's border and a slider's handle in a shade
# of the window (Fusion: the window colour 40 % darker), about 1.5:1 on light, nothing on black;
# WCAG 2.2 1.4.11 asks 3:1 for what shows a control is there and what state it is in.
ControlEdges = tuple[str, str, str, str]
LIGHT_EDGES: ControlEdges = ("#5f6368", "#ffffff", "#1f5fa8", "#1f5fa8")
DARK_EDGES: ControlEdges = ("#9aa4ae", "#16191c", "#8ab4f8", "#8ab4f8")
HIGH_CONTRAST_EDGES: ControlEdges = ("#ffffff", "#000000", "#ffff00", "#ffff00")


def control_style_sheet(edges: ControlEdges) -> str:
    """Outlines for indicators, text boxes and slider handles that reach 3:1 in the theme.

    Sizes are in ``em`` so they follow the system's font size, which this module never sets.
    """
    edge, fill, mark, focus = edges
    return f"""
QRadioButton::indicator, QCheckBox::indicator {{
    width: 0.8em; height: 0.8em; border: 2px solid {edge}; background: {fill};
}}
QRadioButton::indicator {{ border-radius: 0.5em; }}
QRadioButton::indicator:checked, QCheckBox::indicator:checked {{
    background: qradialgradient(cx:0.5, cy:0.5, radius:0.5, fx:0.5, fy:0.5,
        stop:0 {mark}, stop:0.55 {mark}, stop:0.6 {fill});
}}
QCheckBox::indicator:checked {{ background: {mark}; }}
QCheckBox::indicator:indeterminate {{
    background: qlineargradient(x1:0, y1:0, x2:0, y2:1,
        stop:0 {fill}, stop:0.4 {fill}, stop:0.41 {mark}, stop:0.59 {mark}, stop:0.6 {fill});
}}
QRadioButton::indicator:focus, QCheckBox::indicator:focus,
QRadioButton:focus, QCheckBox:focus {{ outline: 2px solid {focus}; }}
QRadioButton::indicator:disabled, QCheckBox::indicator:disabled {{ border-style: dotted; }}
QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QDateEdit {{
    border: 1px solid {edge}; padding: 2px;
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QAbstractSpinBox:focus {{
    border: 2px solid {focus}; padding: 1px;
}}
QSlider::groove:horizontal {{ height: 0.25em; background: {edge}; border-radius: 0.125em; }}
QSlider::groove:vertical {{ width: 0.25em; background: {edge}; border-radius: 0.125em; }}
QSlider::handle:horizontal, QSlider::handle:vertical {{
    width: 1em; height: 1em; margin: -0.4em 0; border-radius: 0.5em;
    background: {mark}; border: 2px solid {edge};
}}
QSlider::handle:vertical {{ margin: 0 -0.4em; }}
QSlider::handle:focus {{ border: 2px solid {focus}; }}
"""


def _light_palette() -> QPalette:
    """Light with text and selection that read at 4.5:1 (the style's own blue selection under
    white text is about 3.5:1)."""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#1f5fa8"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6b6b6b"))
    return palette


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
