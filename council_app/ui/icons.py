"""The app's icons, read from the bundled resources."""

from __future__ import annotations

import functools

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QIcon, QPixmap

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
