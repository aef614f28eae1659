"""Where a window opens and how big: always inside the available geometry of a screen that
exists, so that nothing (the status bar, Save) is below the edge of a 1366×768 laptop.

The one home of the rule "a window fits its screen": the main window, the memo preview and the
beside dock ask here.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# What is left around a window at its default size: a window manager's frame and title bar
# (some 30–40 px) are outside the widget's own geometry.
FRAME_MARGIN = QSize(16, 48)
# A window larger than this share of its screen looks maximised without being so.
DEFAULT_SHARE = 0.92


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen the widget (or its window) is on; the primary one if it has none yet."""
    screen: QScreen | None = widget.window().screen()
    # primaryScreen() is None when there is no screen at all (Qt's stubs say otherwise).
    return screen or QGuiApplication.primaryScreen()


def available_rect(widget: QWidget) -> QRect:
    screen = screen_of(widget)
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def default_size(widget: QWidget, wanted: QSize) -> QSize:
    """The size a window opens at: what it wants, shrunk to fit its screen with its frame."""
    room = available_rect(widget)
    width = min(
        wanted.width(), int(room.width() * DEFAULT_SHARE), room.width() - FRAME_MARGIN.width()
    )
    height = min(
        wanted.height(), int(room.height() * DEFAULT_SHARE), room.height() - FRAME_MARGIN.height()
    )
    return QSize(max(width, 320), max(height, 240))


def fit_to_screen(widget: QWidget, wanted: QSize) -> None:
    """Give the window its default size and centre it on its screen."""
    widget.resize(default_size(widget, wanted))
    room = available_rect(widget)
    outer = widget.size() + FRAME_MARGIN
    widget.move(room.center() - QPoint(outer.width() // 2, outer.height() // 2))


def clamp_to_screen(widget: QWidget) -> None:
    """Move and shrink the window until its frame lies inside a screen that exists.

    A geometry saved on a second monitor that is gone now, or on a bigger screen, would
    otherwise open off-screen or below the edge. Before the window is shown its frame is not
    known yet: room is left for a typical one.
    """
    frame = widget.frameGeometry()
    extra = frame.size() - widget.geometry().size()
    if not widget.isVisible():
        extra = extra.expandedTo(FRAME_MARGIN)
    screen = QGuiApplication.screenAt(frame.center()) or screen_of(widget)
    if screen is None:
        return
    room = screen.availableGeometry()
    width = min(widget.width(), room.width() - extra.width())
    height = min(widget.height(), room.height() - extra.height())
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(max(width, 1), max(height, 1))
    outer = QSize(widget.width(), widget.height()) + extra
    x = min(max(frame.x(), room.left()), room.right() + 1 - outer.width())
    y = min(max(frame.y(), room.top()), room.bottom() + 1 - outer.height())
    if (x, y) != (frame.x(), frame.y()):
        widget.move(x, y)


def restore_geometry(widget: QWidget, saved: QByteArray | None, wanted: QSize) -> None:
    """Restore a saved geometry, kept inside a screen that still exists; else the default."""
    if saved is None or saved.isEmpty() or not widget.restoreGeometry(saved):
        fit_to_screen(widget, wanted)
        return
    clamp_to_screen(widget)


def place_inside(widget: QWidget, owner: QWidget, wanted: QSize) -> None:
    """Size a window (a floating dock, a preview) for the owner's screen and open it inside
    the owner's screen, beside the owner rather than wherever the platform puts it."""
    widget.resize(default_size(owner, wanted))
    room = available_rect(owner)
    centre = owner.window().frameGeometry().center()
    x = min(max(centre.x() - widget.width() // 2, room.left()), room.right() + 1 - widget.width())
    y = min(max(centre.y() - widget.height() // 2, room.top()), room.bottom() + 1 - widget.height())
    widget.move(x, y)
