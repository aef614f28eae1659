"""The app's icons, read from the bundled resources."""

from __future__ import annotations

import functools

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from council_app import resources
from council_app.errors import CouncilError


@functools.cache
def app_icon() -> QIcon:
    """The app's icon; without its file the app still starts, with the platform's default."""
    try:
        data = resources.read_bytes(resources.APP_ICON_FILE)
    except CouncilError:
        return QIcon()
    pixmap = QPixmap()
    pixmap.loadFromData(QByteArray(data), "SVG")
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addPixmap(pixmap.scaled(size, size))
    return icon


def theme_icon(name: QIcon.ThemeIcon, fallback: QStyle.StandardPixmap) -> QIcon:
    """The desktop theme's icon for an action; without an icon theme (Windows, macOS, a bare
    X session) the one drawn by Qt's own style, which ships with Qt, so no button is blank."""
    icon = QIcon.fromTheme(name)
    if icon.isNull():
        icon = QApplication.style().standardIcon(fallback)
    return icon
