"""One undo history per case: every way of asking for an undo inside a case reaches its stack.

A QLineEdit, QPlainTextEdit or date edit keeps an undo history of its own. Its Ctrl+Z changed
the box's text, which the page then recorded as a new edit of the case: a second Ctrl+Z undid
that undo, the history never got past the box, and Redo stayed disabled (issue 17, point 4).

So inside a case workspace the boxes' own undo is switched off where Qt has a switch
(``setUndoRedoEnabled(False)`` on text edits), and for every input the Undo and Redo key
sequences (all the platform's bindings: Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y, Alt+Backspace…) and the
Undo and Redo entries of its context menu are taken before the box sees them and sent to the
case's actions instead. Inputs made later (a table cell's editor) are routed when they first
take the focus.

The router also tells the editor when the focus leaves an input: typing in one box, in one
burst, is one undo step (see :meth:`CaseEditor.end_burst`).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_ROUTED = "council_undo_routed"
# Qt names the entries of its standard context menus (QLineEdit, QWidgetTextControl).
_UNDO_ENTRY, _REDO_ENTRY = "edit-undo", "edit-redo"

TextInput = QLineEdit | QPlainTextEdit | QTextEdit


def case_context_menu(box: TextInput, undo: QAction, redo: QAction) -> QMenu:
    """The box's standard context menu with the case's Undo and Redo in place of the box's."""
    menu = box.createStandardContextMenu()
    for action in menu.actions():
        replacement = {_UNDO_ENTRY: undo, _REDO_ENTRY: redo}.get(action.objectName())
        if replacement is not None:
            menu.insertAction(action, replacement)
            menu.removeAction(action)
    return menu


class UndoRouter(QObject):
    """Sends the undo and redo asked for anywhere under ``root`` to ``undo`` and ``redo``."""

    def __init__(
        self,
        root: QWidget,
        undo: QAction,
        redo: QAction,
        focus_left: Callable[[], None],
    ) -> None:
        super().__init__(root)
        self.root = root
        self.undo = undo
        self.redo = redo
        self.focus_left = focus_left
        self.route_tree(root)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self.on_focus_changed)

    def route_tree(self, top: QWidget) -> None:
        """Route every input under ``top``: a page of the case built after the router."""
        for widget in top.findChildren(QWidget):
            self.route(widget)

    def route(self, widget: QWidget) -> None:
        """Take the undo of ``widget`` (and of the line edit inside it, if any) for the case."""
        if not isinstance(widget, TextInput | QComboBox | QAbstractSpinBox):
            return
        if widget.property(_ROUTED):
            return
        widget.setProperty(_ROUTED, True)
        widget.installEventFilter(self)
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            widget.setUndoRedoEnabled(False)
        if isinstance(widget, QAbstractScrollArea):
            # A text edit's context menu event arrives at its viewport.
            widget.viewport().installEventFilter(self)
        if isinstance(widget, QComboBox | QAbstractSpinBox):
            line = widget.findChild(QLineEdit)
            if line is not None:
                self.route(line)

    @Slot(QWidget, QWidget)
    def on_focus_changed(self, old: QWidget | None, now: QWidget | None) -> None:
        # The workspace's C++ object goes before this child of it: a focus change while a
        # closed tab is being destroyed concerns no case.
        if not shiboken6.isValid(self.root):
            return
        if old is not None and old is not now and self._inside(old):
            self.focus_left()
        if now is not None and self._inside(now):
            self.route(now)

    def _inside(self, widget: QWidget) -> bool:
        return widget is self.root or self.root.isAncestorOf(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            action = (
                self.undo
                if event.matches(QKeySequence.StandardKey.Undo)
                else self.redo
                if event.matches(QKeySequence.StandardKey.Redo)
                else None
            )
            if action is None:
                return False
            if kind == QEvent.Type.ShortcutOverride:
                # Claimed here, so that no shortcut takes it and the key press comes next;
                # the box never sees either.
                event.accept()
            else:
                action.trigger()
            return True
        if kind == QEvent.Type.ContextMenu:
            assert isinstance(event, QContextMenuEvent)
            return self._show_menu(watched, event)
        return False

    def _show_menu(self, watched: QObject, event: QContextMenuEvent) -> bool:
        box = watched if isinstance(watched, TextInput | QAbstractSpinBox) else watched.parent()
        if not isinstance(box, QWidget) or (
            box.contextMenuPolicy() != Qt.ContextMenuPolicy.DefaultContextMenu
        ):
            return False
        if isinstance(box, TextInput) and box.isReadOnly():
            return False  # nothing to undo there: Qt's own menu (links, copy) stays as it is
        if isinstance(box, QAbstractSpinBox):
            line = box.findChild(QLineEdit)
            if line is None:
                return False
            menu = case_context_menu(line, self.undo, self.redo)
            menu.addSeparator()
            steps = box.stepEnabled()
            up = menu.addAction("&Step up", box.stepUp)
            up.setEnabled(bool(steps & QAbstractSpinBox.StepEnabledFlag.StepUpEnabled))
            down = menu.addAction("Step &down", box.stepDown)
            down.setEnabled(bool(steps & QAbstractSpinBox.StepEnabledFlag.StepDownEnabled))
        elif isinstance(box, TextInput):
            menu = case_context_menu(box, self.undo, self.redo)
        else:
            return False
        menu.setObjectName("case_context_menu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())
        return True
