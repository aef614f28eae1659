"""The record's colours (council_app.vocabulary) as Qt draws them on this theme.

The core says which colour an outcome, or something needing attention, has; here it becomes a
fill (the graph's nodes), text readable on the window (the scoring panel, the agenda, the
presenter), or the ink on a fill. Nothing else in the ui states a colour that means something.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from council_app.ui.theme import contrast_ratio, readable_colour
from council_app.vocabulary import ATTENTION_COLOUR, NO_OUTCOME_COLOUR, outcome_colour_hex

if TYPE_CHECKING:
    from council_app.framework import Framework


def outcome_colour(
    outcome: str | None, palette: QPalette, framework: Framework | None = None
) -> QColor:
    """The outcome's colour (``vocabulary.outcome_colour_hex``) made readable as text on this
    palette (same hue, more or less light)."""
    return readable_colour(QColor(outcome_colour_hex(outcome, framework)), palette)


def strictest_colour(palette: QPalette, framework: Framework | None = None) -> QColor:
    """A warning in the colour of the framework's strictest outcome (the bundled framework's
    when None), readable on this palette."""
    if framework is None:
        # Only here: the first window is shown before the framework package loads.
        from council_app.framework import bundled_framework

        framework = bundled_framework()
    return outcome_colour(framework.strictest_outcome, palette, framework)


def attention_colour(palette: QPalette) -> QColor:
    """Text for what needs attention, readable on this palette; not any outcome's colour, so a
    warning does not read as a decision."""
    return readable_colour(QColor(ATTENTION_COLOUR), palette)


# How far a row that needs attention (a decision overdue, a condition not kept) is tinted
# toward the attention colour: stated once for every list that marks such rows.
ATTENTION_TINT = 0.22


def attention_tint(palette: QPalette) -> QColor:
    """The background of a row that needs attention: the palette's own base, tinted."""
    return blend(palette.color(QPalette.ColorRole.Base), attention_colour(palette), ATTENTION_TINT)


def outcome_fill(key: str, palette: QPalette, framework: Framework | None = None) -> QColor:
    """The outcome's fill as it is; a case with no outcome takes the palette's button colour."""
    hex_colour = outcome_colour_hex(key, framework)
    if hex_colour == NO_OUTCOME_COLOUR:
        return palette.color(QPalette.ColorRole.Button)
    return QColor(hex_colour)


def text_colour_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill``."""
    black, white = QColor(Qt.GlobalColor.black), QColor(Qt.GlobalColor.white)
    return black if contrast_ratio(fill, black) >= contrast_ratio(fill, white) else white


def blend(base: QColor, hue: QColor, amount: float) -> QColor:
    """``base`` moved toward ``hue`` by ``amount`` (0 keeps ``base``, 1 gives ``hue``): a tint
    of the palette's own colour, so that text on it keeps the theme's contrast."""
    keep = 1 - amount
    return QColor(
        round(base.red() * keep + hue.red() * amount),
        round(base.green() * keep + hue.green() * amount),
        round(base.blue() * keep + hue.blue() * amount),
    )


def refusal_colour(palette: QPalette, framework: Framework | None = None) -> QColor:
    """What a refusal ("not on the agenda", "no quorum") is said in: the colour of the
    framework's strictest outcome (the red of a declined case, as shipped), lightened on a dark
    window."""
    return strictest_colour(palette, framework)
