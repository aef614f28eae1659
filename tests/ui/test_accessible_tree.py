"""What a screen reader hears: the accessible tree walked as assistive technology walks it.

Qt exposes a widget to a screen reader through :class:`QAccessibleInterface`; a label's text is
not read when the label carries an accessible name, so whatever the panel says must be in the
name or the description of something in the tree.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from council_app.ui.library import library_actions
from council_app.ui.main_window import MainWindow
from tests.ui.workspace.test_workspace import open_workspace, wait_scored


def heard(interface: QAccessibleInterface | None) -> Iterator[str]:
    """Every name and description in the tree under ``interface``, as a screen reader reads."""
    if interface is None or not interface.isValid():
        return
    for kind in (QAccessible.Text.Name, QAccessible.Text.Description):
        text = interface.text(kind)
        if text:
            yield text
    for index in range(interface.childCount()):
        yield from heard(interface.child(index))


def test_the_reason_and_the_stability_are_heard(qtbot: QtBot, window: MainWindow) -> None:
    workspace = open_workspace(qtbot, window, "EUC-2025-011")
    wait_scored(qtbot, workspace)
    score = workspace.score
    assert score is not None and score.sensitivity is not None
    said = list(heard(QAccessible.queryAccessibleInterface(workspace)))
    assert score.scoring.recommendation.reason in said
    assert score.sensitivity.sentence in said


def combo_name(combo: QComboBox) -> str:
    """What a screen reader on Linux says a combo box is: Qt gives AT-SPI the box's value as
    its name there (``QAccessibleComboBox::text``, on purpose) and the name comes from the label
    the box is the buddy of (its Label relation); elsewhere the accessible name is read."""
    interface = QAccessible.queryAccessibleInterface(combo)
    labels = [
        label.text(QAccessible.Text.Name).replace("&", "")
        for label, _relation in interface.relations(QAccessible.Relation.Label)
        # A group box's title also counts as a label for Qt; it names the group, not the box.
        if isinstance(label.object(), QLabel)
    ]
    return labels[0] if labels else ""


def unnamed_inputs(root: QWidget) -> list[str]:
    """Visible inputs a screen reader would announce by their value, or not at all."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget, QComboBox):
            name = combo_name(widget)
            if not name or name == widget.currentText():
                missing.append(f"combo box {widget.objectName()!r} is heard as {name!r}")
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)) and not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} has no name")
    return missing


def test_every_screens_combo_boxes_and_inputs_are_named_by_their_label(
    qtbot: QtBot, window: MainWindow
) -> None:
    missing = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.currentWidget()
        missing += [f"{window.tabs.tabText(index)}: {m}" for m in unnamed_inputs(page)]
    workspace = open_workspace(qtbot, window, "EUC-2025-011")
    for step in workspace.steps:
        workspace.go_to(step.key)
        missing += [f"case, {step.key}: {m}" for m in unnamed_inputs(workspace)]
    # The dialogs the main window opens (with open(), never a modal exec()).
    library_actions.open_settings(window)
    settings = window.settings_dialog
    qtbot.waitExposed(settings)
    missing += [f"settings: {m}" for m in unnamed_inputs(settings)]
    settings.reject()
    export = window.packages.show_export_dialog(workspace.case)
    qtbot.waitExposed(export)
    missing += [f"export package: {m}" for m in unnamed_inputs(export)]
    export.reject()
    assert missing == [], "\n".join(missing)
