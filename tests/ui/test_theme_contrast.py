"""Every theme draws the main inputs so they can be seen: WCAG 2.2 1.4.11 asks for 3:1 between
a control's outline or indicator and what is around it, 1.4.3 for 4.5:1 for text.

Measured on the pixels Qt draws (``widget.grab()``), not on the palette: high contrast once had
a palette of white on black and still drew radio buttons, text-box borders and slider handles
black on black, because the style draws them from roles the palette did not set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSlider,
    QWidget,
)
from pytestqt.qtbot import QtBot

from council_app.ui.theme import apply_theme, contrast_ratio

THEMES = ("light", "dark", "high_contrast")


@pytest.fixture
def app() -> Iterator[QApplication]:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    style = instance.style().name()
    yield instance
    apply_theme(instance, "system")  # no style sheet, the style's own palette
    instance.setStyle(style)
    instance.setPalette(QPalette())


def checked_radio() -> QWidget:
    button = QRadioButton()
    button.setChecked(True)
    return button


def checked_box() -> QWidget:
    box = QCheckBox()
    box.setChecked(True)
    return box


def slider() -> QWidget:
    control = QSlider(Qt.Orientation.Horizontal)
    control.setRange(0, 100)
    control.setValue(50)
    return control


CONTROLS: dict[str, Callable[[], QWidget]] = {
    "radio button": QRadioButton,
    "checked radio button": checked_radio,
    "check box": QCheckBox,
    "checked check box": checked_box,
    "line edit": QLineEdit,
    "text box": QPlainTextEdit,
    "slider": slider,
}


def strongest_contrast(image: QImage, background: QColor) -> float:
    """The contrast of the most visible pixel the control drew against the window around it."""
    best = 1.0
    for y in range(image.height()):
        for x in range(image.width()):
            best = max(best, contrast_ratio(image.pixelColor(x, y), background))
    return best


def drawn(qtbot: QtBot, make: Callable[[], QWidget], *, focused: bool = False) -> QImage:
    host = QWidget()
    qtbot.addWidget(host)
    control = make()
    control.setParent(host)
    control.resize(control.sizeHint().expandedTo(control.minimumSizeHint()))
    host.resize(control.width() + 8, control.height() + 8)
    control.move(4, 4)
    host.show()
    qtbot.waitExposed(host)
    if focused:
        control.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(control.hasFocus, timeout=5_000)
    return control.grab().toImage()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", CONTROLS)
def test_each_control_stands_out_from_its_window(
    qtbot: QtBot, app: QApplication, theme: str, kind: str
) -> None:
    apply_theme(app, theme)
    window = app.palette().color(QPalette.ColorRole.Window)
    image = drawn(qtbot, CONTROLS[kind])
    assert strongest_contrast(image, window) >= 3.0, f"{kind} in {theme}"


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", ["line edit", "text box", "slider", "checked radio button"])
def test_the_focused_control_shows_its_focus(
    qtbot: QtBot, app: QApplication, theme: str, kind: str
) -> None:
    """The focus ring must be seen against the window, and must change what is drawn."""
    apply_theme(app, theme)
    window = app.palette().color(QPalette.ColorRole.Window)
    focused = drawn(qtbot, CONTROLS[kind], focused=True)
    assert strongest_contrast(focused, window) >= 3.0, f"focused {kind} in {theme}"
    if kind in ("line edit", "text box"):
        assert focused != drawn(qtbot, CONTROLS[kind]), f"{kind} in {theme} shows no focus"


@pytest.mark.parametrize("theme", THEMES)
def test_text_reads_in_every_theme(app: QApplication, theme: str) -> None:
    apply_theme(app, theme)
    palette = app.palette()
    for text, ground in (
        (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
        (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
        (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
        (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
    ):
        assert contrast_ratio(palette.color(text), palette.color(ground)) >= 4.5, (theme, text)
