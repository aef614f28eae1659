"""The app's icons, read from the bundled resources."""

from __future__ import annotations

import functools

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QIcon, QPixmap

from council_app import resources


@functools.cache
def app_icon() -> QIcon:
    pixmap = QPixmap()
    pixmap.loadFromData(QByteArray(resources.read_bytes(resources.APP_ICON_FILE)), "SVG")
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addPixmap(pixmap.scaled(size, size))
    return icon
