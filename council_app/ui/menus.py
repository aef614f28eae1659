"""The main window's menus, toolbar and keyboard shortcuts: what a member can reach from the
frame, and the list of shortcuts shown by Help › Keyboard shortcuts.

The actions are attributes of the window (``window.new_action``…), which the self-test and the
tests address; what each does is a slot of the window or of its library actions.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from council_app import APP_NAME
from council_app.ui.library import library_actions

if TYPE_CHECKING:
    from council_app.ui.main_window import MainWindow

SHORTCUTS = (
    ("Ctrl+F", "Search the library"),
    ("Esc (in the search box)", "Clear the search"),
    ("Down (in the search box)", "Move to the list of cases"),
    ("Enter (in the list) or Ctrl+O", "Open the selected case in a workspace"),
    ("Ctrl+N", "New case"),
    ("Ctrl+D", "Duplicate the selected case"),
    ("Delete (in the list)", "Delete the selected case (Ctrl+Z undoes it)"),
    ("Ctrl+S", "Save the case open in the workspace"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo the last edit"),
    ("Ctrl+PgDown / Ctrl+PgUp", "The next / previous step of the framework, in a case"),
    ("Ctrl+W", "Close the workspace tab"),
    ("Ctrl+Tab", "Next tab"),
    ("Ctrl+M", "Preview and export the decision memo"),
    ("Ctrl+I", "Import cases from an exchange file"),
    ("Ctrl+1 / Ctrl+2 / Ctrl+3", "The library / the sittings / re-review"),
    ("Ctrl+E", "Export the selected case"),
    ("Ctrl+Shift+K", "Export a case package (one member's assessment)"),
    ("Ctrl+K", "Merge a case package into this library"),
    ("Ctrl+Shift+E", "Export the whole library"),
    ("Ctrl+,", "Settings"),
    ("F5", "Reload the library"),
    ("F1", "This list of shortcuts"),
    ("Ctrl+Q", "Quit"),
)


def give_shortcuts(window: MainWindow) -> None:
    for action, shortcut in window._shortcuts:
        action.setShortcut(QKeySequence(shortcut))
    window._shortcuts.clear()
    if window.settings_action.shortcut().isEmpty():  # no standard Preferences key here
        window.settings_action.setShortcut(QKeySequence("Ctrl+,"))


def _action(
    window: MainWindow, text: str, shortcut: str | QKeySequence.StandardKey | None, slot: object
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        window._shortcuts.append((action, shortcut))
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    window.new_action = _action(
        window, "&New case", QKeySequence.StandardKey.New, lambda: library_actions.new_case(window)
    )
    window.open_action = _action(
        window, "&Open case", QKeySequence.StandardKey.Open, window.on_open_selected
    )
    window.duplicate_action = _action(
        window, "&Duplicate case", "Ctrl+D", lambda: library_actions.duplicate_selected(window)
    )
    window.delete_action = QAction("De&lete case…", window)
    window._shortcuts.append((window.delete_action, QKeySequence.StandardKey.Delete))
    window.delete_action.triggered.connect(lambda: library_actions.ask_to_delete_selected(window))
    window.close_tab_action = _action(
        window, "&Close tab", QKeySequence.StandardKey.Close, window.on_close_tab
    )
    window.memo_action = _action(
        window, "Decision &memo…", "Ctrl+M", lambda: library_actions.memo_of_current_case(window)
    )
    window.import_action = _action(
        window, "&Import cases…", "Ctrl+I", lambda: library_actions.choose_import_file(window)
    )
    window.import_request_action = _action(
        window, "Import re&quest…", None, lambda: library_actions.choose_request_file(window)
    )
    window.ask_clarification_action = _action(
        window,
        "Ask for c&larification…",
        None,
        lambda: library_actions.ask_for_clarification(window),
    )
    window.export_package_action = _action(
        window,
        "Export case &package…",
        "Ctrl+Shift+K",
        lambda: library_actions.export_package(window),
    )
    window.merge_package_action = _action(
        window, "Mer&ge case package…", "Ctrl+K", lambda: window.packages.choose_and_merge()
    )
    window.export_case_action = _action(
        window,
        "&Export selected case…",
        "Ctrl+E",
        lambda: library_actions.export_selected_case(window),
    )
    window.export_all_action = _action(
        window,
        "Export &whole library…",
        "Ctrl+Shift+E",
        lambda: library_actions.export_library(window),
    )
    window.settings_action = _action(
        window,
        "&Settings…",
        QKeySequence.StandardKey.Preferences,
        lambda: library_actions.open_settings(window),
    )
    window.open_library_action = _action(
        window, "Open &library…", None, lambda: library_actions.choose_library(window)
    )
    file_menu.addAction(window.open_library_action)
    window.recent_menu = file_menu.addMenu("Open r&ecent")
    window.recent_menu.aboutToShow.connect(functools.partial(fill_recent_menu, window))
    file_menu.addSeparator()
    window.drafts_menu = file_menu.addMenu("Unsaved d&rafts")
    for action in (
        window.new_action,
        window.open_action,
        window.duplicate_action,
        window.delete_action,
    ):
        file_menu.addAction(action)
    file_menu.addAction(window.close_tab_action)
    file_menu.addSeparator()
    file_menu.addAction(window.memo_action)
    file_menu.addSeparator()
    for action in (
        window.import_action,
        window.import_request_action,
        window.ask_clarification_action,
        window.export_case_action,
        window.export_all_action,
    ):
        file_menu.addAction(action)
    file_menu.addSeparator()
    file_menu.addAction(window.export_package_action)
    file_menu.addAction(window.merge_package_action)
    file_menu.addSeparator()
    file_menu.addAction(window.settings_action)
    file_menu.addAction(_action(window, "&Quit", QKeySequence.StandardKey.Quit, window.close))

    edit_menu = bar.addMenu("&Edit")
    window.undo_library_action = window.library_undo.createUndoAction(
        window, "&Undo in the library"
    )
    window._shortcuts.append((window.undo_library_action, QKeySequence.StandardKey.Undo))
    edit_menu.addAction(window.undo_library_action)

    view_menu = window.view_menu = bar.addMenu("&View")
    view_menu.addAction(
        _action(window, "&Search", QKeySequence.StandardKey.Find, window.focus_search)
    )
    view_menu.addAction(_action(window, "&Reload library", "F5", window.reload))
    view_menu.addSeparator()
    for number, title in enumerate(("&Library", "S&ittings", "Re-re&view"), 1):
        view_menu.addAction(
            _action(
                window,
                title,
                f"Ctrl+{number}",
                functools.partial(window.tabs.setCurrentIndex, number - 1),
            )
        )
    view_menu.addSeparator()
    view_menu.addAction(_action(window, "&Next tab", "Ctrl+Tab", window.on_next_tab))

    build_toolbar(window)

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(_action(window, "&Keyboard shortcuts", "F1", window.on_show_shortcuts))
    help_menu.addAction(
        _action(window, f"&About {APP_NAME}", None, lambda: library_actions.about_box(window))
    )


def show_shortcuts(window: MainWindow) -> None:
    rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in SHORTCUTS)
    box = QMessageBox(window)
    box.setWindowTitle("Keyboard shortcuts")
    box.setTextFormat(QtCore.Qt.TextFormat.RichText)
    box.setText(f"<table cellpadding='4'>{rows}</table>")
    box.open()


def build_toolbar(window: MainWindow) -> None:
    """The main actions with icons, above the tabs; View › Toolbar hides it."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QStyle, QToolBar, QToolButton

    from council_app.ui.icons import theme_icon

    bar = QToolBar("Main toolbar", window)
    bar.setObjectName("main_toolbar")
    bar.setAccessibleName("Main actions")
    bar.setMovable(False)
    bar.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    theme, standard = QIcon.ThemeIcon, QStyle.StandardPixmap
    for action, icon, fallback in (
        (window.new_action, theme.DocumentNew, standard.SP_FileIcon),
        (window.open_action, theme.DocumentOpen, standard.SP_DialogOpenButton),
        (window.memo_action, theme.DocumentPrintPreview, standard.SP_FileDialogContentsView),
        (window.import_action, theme.GoDown, standard.SP_ArrowDown),
        (window.export_case_action, theme.DocumentSend, standard.SP_DialogSaveButton),
        (window.undo_library_action, theme.EditUndo, standard.SP_ArrowBack),
    ):
        action.setIcon(theme_icon(icon, fallback))
        bar.addAction(action)
    bar.insertSeparator(window.memo_action)
    bar.insertSeparator(window.undo_library_action)
    for action in bar.actions():
        button = bar.widgetForAction(action)
        if isinstance(button, QToolButton) and not action.isSeparator():
            # The menu text without its mnemonic and ellipsis names the button for a reader.
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
    # The library's undo names what it undoes ("Undo Delete EUC-2026-083"): shown as its icon
    # only, so that the toolbar keeps its width; the text is the tooltip.
    undo_button = bar.widgetForAction(window.undo_library_action)
    if isinstance(undo_button, QToolButton):
        undo_button.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonIconOnly)
        undo_button.setAccessibleName("Undo in the library")
    window.toolbar = bar
    window.addToolBar(QtCore.Qt.ToolBarArea.TopToolBarArea, bar)
    toggle = bar.toggleViewAction()
    toggle.setText("&Toolbar")
    window.view_menu.addSeparator()
    window.view_menu.addAction(toggle)


def fill_recent_menu(window: MainWindow) -> None:
    """The libraries opened last; one whose file is gone is shown, disabled, so that a member
    sees it has moved rather than wondering where it went."""
    menu = window.recent_menu
    menu.clear()
    for path in window.app_settings.recent_libraries:
        action = menu.addAction(str(path))
        if path.resolve() == window.library_path.resolve():
            action.setEnabled(False)  # the one open now
        elif not path.is_file():
            action.setText(f"{path} (not found)")
            action.setEnabled(False)
        else:
            action.triggered.connect(functools.partial(window.library_switch_requested.emit, path))
    if menu.isEmpty():
        menu.addAction("No library opened before").setEnabled(False)


def fill_drafts_menu(window: MainWindow, drafts: Sequence[str]) -> None:
    """The cases with unsaved changes kept from before (a crash, a closed laptop), each to be
    opened again; the member is told once when the library is read."""
    menu = window.drafts_menu
    menu.clear()
    for case_id in drafts:
        menu.addAction(case_id, functools.partial(window.open_case, case_id))
    menu.setEnabled(bool(drafts))
    if drafts:
        count = len(drafts)
        window.status_bar.showMessage(
            f"{count} case{'s have' if count != 1 else ' has'} unsaved changes kept from before: "
            "File › Unsaved drafts.",
            15000,
        )
